"""A matrix inverse "the hard way": minimize sum |x A - I| with Adagrad, starting from x = 0.

Source: 002 (Dorian Brown), "Calculating a matrix inverse, the hard way"; original code
dorianbrown/notebooks tensorflow_eg.py (1d141dc: lr 0.001, 100,000 iterations; 0e24c48: lr 0.01,
50,000). Claim: dorian.matinv.adagrad_l1.

The post's setting (lr 0.01, 100,000 iterations) runs at both scales: it is cheap. A is a random 0-9
integer matrix, which can be badly conditioned or singular: we redraw it until its condition
number is below a stated bound, so "close to the inverse" is a fair question to ask.
"""

import numpy as np

from ...suite import progress, runtime
from ...suite.figures import pyplot, save
from ...suite.measurements import measurement

# ---- config -------------------------------------------------------------------------------------
SIZE = 10  # post + original code: np.random.randint(0, 10, (10, 10))
LEARNING_RATE = 0.01  # post (the later code's value)
ITERATIONS = {"quick": 100_000, "documented": 100_000}  # post (a few seconds a seed on one CPU core)
INITIAL_ACCUMULATOR = 0.1  # Adagrad's default in TF 1.x and Keras
MAX_CONDITION = 100.0  # ours: redraw A while cond(A) >= 100 (about a third of draws pass)
LOG_EVERY = 100  # post: the loss is logged every 100 iterations
APPROXIMATE = 0.05  # ours: "x approximates A^-1" = ||x - A^-1|| within 5% of ||A^-1||


def draw_matrix(rng):
    """A ~ randint(0, 10) per entry, redrawn until well conditioned; returns A and its draws."""
    for draws in range(1, 1000):
        a = rng.integers(0, 10, (SIZE, SIZE)).astype(np.float64)
        if np.linalg.cond(a) < MAX_CONDITION:
            return a, draws
    raise RuntimeError("no well-conditioned matrix in 1,000 draws")


def adagrad_inverse(a, iterations):
    tf, keras = runtime.tensorflow(), runtime.keras()
    a_t = tf.constant(a, tf.float32)
    eye = tf.eye(SIZE)
    x = tf.Variable(tf.zeros((SIZE, SIZE)))
    optimizer = keras.optimizers.Adagrad(
        learning_rate=LEARNING_RATE, initial_accumulator_value=INITIAL_ACCUMULATOR, epsilon=1e-7
    )
    optimizer.build([x])

    tick = progress.graph_loop("Adagrad", iterations)

    @tf.function
    def train():
        history = tf.TensorArray(tf.float32, size=iterations // LOG_EVERY)
        for step in tf.range(iterations):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.abs(tf.matmul(x, a_t) - eye))
            if step % LOG_EVERY == 0:
                history = history.write(step // LOG_EVERY, loss)
            optimizer.apply_gradients([(tape.gradient(loss, x), x)])
            if tick:
                tick(step, loss)
        return history.stack()

    history = train().numpy()
    return x.numpy().astype(np.float64), history


@measurement(
    "matrix_inverse:invert",
    metrics=(
        "condition_number",
        "draws_until_well_conditioned",
        "max_abs_xa_minus_i",
        "relative_error",
        "loss_first",
        "loss_last",
        "loss_fell",
        "loss_halved",
        "approximates_inverse",
    ),
)
def invert(seed, scale="quick"):
    runtime.seed_everything(seed)
    rng = np.random.default_rng(seed)
    a, draws = draw_matrix(rng)
    x, history = adagrad_inverse(a, ITERATIONS[scale])
    inverse = np.linalg.inv(a)
    return {
        "condition_number": float(np.linalg.cond(a)),
        "draws_until_well_conditioned": draws,
        "max_abs_xa_minus_i": float(np.max(np.abs(x @ a - np.eye(SIZE)))),
        "relative_error": float(np.linalg.norm(x - inverse) / np.linalg.norm(inverse)),
        "loss_first": float(history[0]),
        "loss_last": float(history[-1]),
        "loss_fell": bool(history[-1] < history[0]),
        "loss_halved": bool(history[-1] < history[0] / 2),
        "approximates_inverse": bool(np.linalg.norm(x - inverse) < APPROXIMATE * np.linalg.norm(inverse)),
        "loss_history": history,
    }


def plot_loss(runs, path):
    """The post's loss curve (logged every 100 iterations), one line per seed."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 3))
    for run in runs:
        ax.plot(np.arange(len(run["loss_history"])) * LOG_EVERY, run["loss_history"], lw=0.7)
    ax.set(yscale="log", xlabel="iteration", ylabel="sum |xA - I|", title="Adagrad on the L1 inverse loss")
    save(fig, path)
