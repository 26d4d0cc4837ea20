"""Linear regression with several variables, by gradient descent, and its tf.contrib port.

Source: 000 (sentimos), "Linear Regression with Multiple Variables in Tensorflow" (original code
sentimos/linear-regression, Linear Regression.ipynb at 8cea67f) and "Linear Regression using
Tensorflow layers" (no code was published). Claims: linreg.multi.recovery, linreg.layers.recovery.

The first draws w and b, makes y = X w + b plus uniform noise in [0, 0.01) (mean 0.005, which is
why the recovered b is off by about 0.005), and runs full-batch gradient descent on the MSE.
The second used tf.contrib.learn.LinearRegressor, which no longer exists. Its modern equivalent
here is the same linear model, zero-initialized as contrib's linear weights were, trained by GD
0.3 for 500 steps on one fixed set of noise-free float64 rows, then scored on 10 fresh rows.
Both are judged against the *drawn* true values of each seed, not the printed constants.
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import measurement

# ---- config: linreg.multi -----------------------------------------------------------------------
FEATURES = 4  # original code: n_features
EXAMPLES = 47  # original code: m_examples
NOISE_SCALE = 0.01  # original code: np.random.rand(m) / 100 added to y
LEARNING_RATE = 0.3  # post + original code
STEPS = 1000  # post + original code (200 x 5 steps with a summary in between)
B_INIT = 0.1  # post + original code; w ~ tf.random_normal (std 1)

# ---- config: linreg.layers --------------------------------------------------------------------
LAYERS_EXAMPLES = 47  # not documented; ours: the companion notebook's m_examples
LAYERS_STEPS = 500  # post: fit(..., steps=500)
LAYERS_EVAL_EXAMPLES = 10  # post: evaluate(input_fn=create_training_fn(10, ...), steps=1)


def draw_problem(rng, examples):
    """The original recipe: X ~ U[0,1), w ~ U[0,100), b ~ U[-50,50)."""
    x = rng.random((examples, FEATURES))
    w = rng.random(FEATURES) * 100
    b = rng.random() * 100 - 50
    return x, w, b


def gradient_descent(x, y, w0, b0, steps, dtype):
    """Full-batch GD on mean((y - (x w + b))^2) in one compiled loop."""
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
            w.assign_sub(LEARNING_RATE * dw)
            b.assign_sub(LEARNING_RATE * db)
        return first, tf.reduce_mean(tf.square(y - (tf.linalg.matvec(x, w) + b)))

    first, last = train()
    return w.numpy().astype(np.float64), float(b.numpy()), float(first), float(last)


@measurement(
    "linear_regression:recover_multi",
    metrics=("w_max_gap", "b_gap", "noise_mean", "b_gap_centered_noise", "gd_vs_least_squares", "loss_fell"),
)
def recover_multi(seed, scale="quick"):
    runtime.seed_everything(seed)
    rng = np.random.default_rng(seed)
    x, w_true, b_true = draw_problem(rng, EXAMPLES)
    noise = rng.random(EXAMPLES) * NOISE_SCALE
    y = x @ w_true + b_true + noise
    w0 = rng.standard_normal(FEATURES)
    w, b, first, last = gradient_descent(x, y, w0, B_INIT, STEPS, "float32")
    ols = np.linalg.lstsq(np.column_stack([x, np.ones(EXAMPLES)]), y, rcond=None)[0]
    # controlled variant: the same draws with the noise's mean removed
    _, b_centered, _, _ = gradient_descent(x, y - noise.mean(), w0, B_INIT, STEPS, "float32")
    return {
        "w_max_gap": float(np.max(np.abs(w - w_true))),
        "b_gap": b - b_true,
        "noise_mean": float(noise.mean()),
        "b_gap_centered_noise": abs(b_centered - b_true),
        "gd_vs_least_squares": float(max(np.max(np.abs(w - ols[:-1])), abs(b - ols[-1]))),
        "loss_fell": last < first,
    }


@measurement("linear_regression:recover_with_layers", metrics=("loss", "w_max_gap", "b_gap"))
def recover_with_layers(seed, scale="quick"):
    runtime.seed_everything(seed)
    rng = np.random.default_rng(seed)
    x, w_true, b_true = draw_problem(rng, LAYERS_EXAMPLES)
    w, b, _, _ = gradient_descent(x, x @ w_true + b_true, np.zeros(FEATURES), 0.0, LAYERS_STEPS, "float64")
    fresh = rng.random((LAYERS_EVAL_EXAMPLES, FEATURES))
    return {
        "loss": float(np.mean((fresh @ w + b - (fresh @ w_true + b_true)) ** 2)),
        "w_max_gap": float(np.max(np.abs(w - w_true))),
        "b_gap": abs(b - b_true),
    }
