"""Dorian Brown's models, as the posts build them: a matrix inverse found by Adagrad on sum |x A - I|
from x = 0, and the MNIST net with the images that excite each of its outputs most.

784 -> 300 ReLU -> 10 softmax, weights N(0, 0.03), biases N(0, 1); the loss is a per-class binary
cross-entropy summed over the 10 classes (softmax clipped to [1e-10, 0.9999999]), averaged over a
batch of 100 drawn by next_batch (reshuffled every epoch); GD 0.1. The post says 50 epochs, the
code 40; we run the code's 40. "Optimal inputs" freeze the net and run GD 0.1 for 1,000 steps on a
1x784 input started at U[0,1), with no penalty, L1 (0.002) or L2 (0.25).
"""

import numpy as np

from ...data import mnist
from ...suite import progress, runtime
from . import config


# ---- "Calculating a matrix inverse, the hard way" ---------------------------------------------------
def draw_matrix(rng, max_condition):
    """A ~ randint(0, 10) per entry, redrawn until well conditioned; returns A and its draws."""
    for draws in range(1, 1000):
        a = rng.integers(0, 10, (config.SIZE, config.SIZE)).astype(np.float64)
        if np.linalg.cond(a) < max_condition:
            return a, draws
    raise RuntimeError("no well-conditioned matrix in 1,000 draws")


def adagrad_inverse(a, iterations, learning_rate):
    """Minimize sum |x A - I| with Adagrad from x = 0; returns x and the loss every LOG_EVERY iterations."""
    tf, keras = runtime.tensorflow(), runtime.keras()
    a_t = tf.constant(a, tf.float32)
    eye = tf.eye(config.SIZE)
    x = tf.Variable(tf.zeros((config.SIZE, config.SIZE)))
    optimizer = keras.optimizers.Adagrad(
        learning_rate=learning_rate, initial_accumulator_value=config.INITIAL_ACCUMULATOR, epsilon=1e-7
    )
    optimizer.build([x])

    tick = progress.graph_loop("Adagrad", iterations)

    @tf.function
    def train():
        history = tf.TensorArray(tf.float32, size=iterations // config.LOG_EVERY)
        for step in tf.range(iterations):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.abs(tf.matmul(x, a_t) - eye))
            if step % config.LOG_EVERY == 0:
                history = history.write(step // config.LOG_EVERY, loss)
            optimizer.apply_gradients([(tape.gradient(loss, x), x)])
            if tick:
                tick(step, loss)
        return history.stack()

    history = train().numpy()
    return x.numpy().astype(np.float64), history


# ---- "Understanding Tensorflow with MNIST" -------------------------------------------------------------
def binary_ce(tf, labels, logits):
    p = tf.clip_by_value(tf.nn.softmax(logits), *config.CLIP)
    return -tf.reduce_sum(labels * tf.math.log(p) + (1 - labels) * tf.math.log(1 - p), axis=1)


def train_net(seed, scale):
    """The 784-300-10 net trained by the original code's loop; returns the data, the per-epoch
    (train cost, test cost, test accuracy), the hidden activations of the test digits untrained and
    trained, and the trained parameters."""
    tf, cfg = runtime.tensorflow(), config.at(scale)
    d = mnist.for_scale(scale)
    rng = np.random.default_rng(seed)
    w1 = tf.Variable((rng.standard_normal((784, config.HIDDEN)) * cfg.w_std).astype(np.float32))
    b1 = tf.Variable((rng.standard_normal(config.HIDDEN) * cfg.b_std).astype(np.float32))
    w2 = tf.Variable((rng.standard_normal((config.HIDDEN, 10)) * cfg.w_std).astype(np.float32))
    b2 = tf.Variable((rng.standard_normal(10) * cfg.b_std).astype(np.float32))
    params = [w1, b1, w2, b2]
    batches = len(d.x_train) // config.BATCH
    order = np.concatenate([rng.permutation(len(d.x_train))[: batches * config.BATCH] for _ in range(cfg.epochs)])
    x, y = tf.constant(d.x_train), tf.one_hot(d.y_train, 10)
    xt, yt = tf.constant(d.x_test), tf.one_hot(d.y_test, 10)
    schedule = tf.constant(order.reshape(cfg.epochs, batches, config.BATCH))

    def hidden(inputs):
        return tf.nn.relu(tf.matmul(inputs, w1) + b1)

    def logits(inputs):
        return tf.matmul(hidden(inputs), w2) + b2

    tick = progress.graph_loop("training (batches)", cfg.epochs * batches)

    @tf.function
    def train():
        curves = tf.TensorArray(tf.float32, size=cfg.epochs)
        for epoch in tf.range(cfg.epochs):
            total = tf.constant(0.0)
            for b in tf.range(batches):
                index = schedule[epoch, b]
                with tf.GradientTape() as tape:
                    cost = tf.reduce_mean(binary_ce(tf, tf.gather(y, index), logits(tf.gather(x, index))))
                for v, g in zip(params, tape.gradient(cost, params)):
                    v.assign_sub(cfg.learning_rate * g)
                total += cost
                if tick:
                    tick(epoch * batches + b, cost)
            test_logits = logits(xt)
            test_cost = tf.reduce_mean(binary_ce(tf, yt, test_logits))
            test_acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(test_logits, 1), tf.argmax(yt, 1)), tf.float32))
            curves = curves.write(epoch, tf.stack([total / batches, test_cost, test_acc]))
        return curves.stack()

    untrained = hidden(xt).numpy()  # the control: what random ReLU features of the pixels already show
    curves = train().numpy()
    return d, curves, untrained, hidden(xt).numpy(), (w1, b1, w2, b2)


def optimal_inputs(seed, params, cfg):
    """GD on the input for each digit and penalty (all 30 at once: the inputs do not interact)."""
    tf = runtime.tensorflow()
    w1, b1, w2, b2 = (tf.constant(p.numpy()) for p in params)
    rng = np.random.default_rng([seed, 1])
    kinds = list(config.PENALTIES)
    x = tf.Variable(rng.random((len(kinds) * 10, 784)).astype(np.float32))
    targets = tf.constant(np.tile(np.eye(10, dtype=np.float32), (len(kinds), 1)))
    weight = {kind: (config.PENALTIES[kind][0], config.PENALTIES[kind][1]) for kind in kinds}
    l1, l2 = (
        tf.constant(np.repeat([w if norm == name else 0.0 for norm, w in weight.values()], 10).astype(np.float32))
        for name in ("l1", "l2")
    )

    @tf.function
    def optimize():
        for _ in tf.range(cfg.input_steps):
            with tf.GradientTape() as tape:
                out = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
                loss = tf.reduce_sum(
                    binary_ce(tf, targets, out) + l1 * tf.reduce_sum(tf.abs(x), 1) + l2 * tf.reduce_sum(tf.square(x), 1)
                )
            x.assign_sub(cfg.learning_rate * tape.gradient(loss, x))

    optimize()
    images = x.numpy().reshape(len(kinds), 10, 784)
    reads = tf.argmax(tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2, 1).numpy().reshape(len(kinds), 10)
    return {kind: images[i] for i, kind in enumerate(kinds)}, {kind: reads[i] for i, kind in enumerate(kinds)}
