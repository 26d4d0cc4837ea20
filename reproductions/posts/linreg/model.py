"""Linear regression with several variables, by gradient descent, as the post builds it.

The post draws w and b, makes y = X w + b plus uniform noise in [0, 0.01) (mean 0.005, which is
why its recovered b is off by about 0.005), and runs full-batch gradient descent on the MSE. Its
sequel used tf.contrib.learn.LinearRegressor, which no longer exists; its modern equivalent is the
same linear model, zero-initialized as contrib's linear weights were (``measure.py``).
"""

import numpy as np

from ...suite import runtime


def draw_problem(rng, examples, features):
    """The original recipe: X ~ U[0,1), w ~ U[0,100), b ~ U[-50,50)."""
    x = rng.random((examples, features))
    w = rng.random(features) * 100
    b = rng.random() * 100 - 50
    return x, w, b


def gradient_descent(x, y, w0, b0, steps, learning_rate, dtype):
    """Full-batch GD on mean((y - (x w + b))^2) in one compiled loop: w, b, first and last loss."""
    tf = runtime.tensorflow()
    x, y = tf.constant(x, dtype), tf.constant(y, dtype)
    w, b = tf.Variable(tf.constant(w0, dtype)), tf.Variable(tf.constant(b0, dtype))

    @tf.function
    def train():
        first = tf.constant(0, dtype)
        for step in tf.range(steps):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(y - (tf.linalg.matvec(x, w) + b)))
            if step == 0:
                first = loss
            dw, db = tape.gradient(loss, [w, b])
            w.assign_sub(learning_rate * dw)
            b.assign_sub(learning_rate * db)
        return first, tf.reduce_mean(tf.square(y - (tf.linalg.matvec(x, w) + b)))

    first, last = train()
    return w.numpy().astype(np.float64), float(b.numpy()), float(first), float(last)
