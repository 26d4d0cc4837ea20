"""Dorian Brown's settings, each with where it comes from: the matrix inverse "the hard way", then
the MNIST net and its optimal inputs; how they are trained is named per scale (QUICK, DOCUMENTED)."""

from dataclasses import dataclass

# ---- "Calculating a matrix inverse, the hard way" ---------------------------------------------------
SIZE = 10  # post + original code: np.random.randint(0, 10, (10, 10))
INITIAL_ACCUMULATOR = 0.1  # Adagrad's default in TF 1.x and Keras
LOG_EVERY = 100  # post: the loss is logged every 100 iterations

# ---- "Understanding Tensorflow with MNIST": 784 -> 300 ReLU -> 10 ---------------------------------------
HIDDEN = 300  # post + original code
CLIP = (1e-10, 0.9999999)  # original code: the softmax clipped inside the binary cross-entropy
BATCH = 100  # post + original code
PENALTIES = {"unregularized": ("none", 0.0), "l1": ("l1", 0.002), "l2_025": ("l2", 0.25)}  # code, post
NEAR_ZERO = 0.05  # ours: a pixel is "killed" when |x| < 0.05 (inputs live in about [0, 1])
FINGERPRINT_IMAGES = 100  # ours: test images per class whose hidden vectors are compared


# ---- how they are trained -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Config:
    matinv_learning_rate: float = 0.01  # post (the later code's value)
    matinv_iterations: int = 100_000  # post (a few seconds a seed on one CPU core)
    max_condition: float = 100.0  # ours: redraw A while cond(A) >= 100 (about a third of draws pass)
    w_std: float = 0.03  # post + original code: weights N(0, 0.03)
    b_std: float = 1.0  # post + original code: biases N(0, 1)
    learning_rate: float = 0.1  # post + original code
    epochs: int = 40  # original code (the post says 50); 40 x 40 batches of the subset
    input_steps: int = 1000  # original code: GD steps on each optimal input


QUICK = Config()
DOCUMENTED = Config()  # the posts' protocols at both scales (on full MNIST, where it is here)


def at(scale):
    """The settings of a scale, read when a run starts (so a break can replace them)."""
    return {"quick": QUICK, "documented": DOCUMENTED}[scale]
