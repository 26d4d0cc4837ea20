"""Kamphaus' settings, each with where it comes from: the softmax examples, the TensorFlow logic
nets, then the k9 net; how they are trained is named per scale (QUICK, DOCUMENTED)."""

from dataclasses import dataclass

import numpy as np

# ---- softmax: the post's two worked examples --------------------------------------------------------
SOFTMAX_INPUTS = {
    "softmax_8_023_012": (8.0, 0.23, 0.12),  # post
    "softmax_2_m4_00001": (2.0, -4.0, 0.0001),  # post, minus sign restored
}
AS_EXTRACTED = (2.0, 4.0, 0.0001)  # the extracted text, minus sign lost

# ---- the TensorFlow logic nets --------------------------------------------------------------------
FUNCTIONS = {  # original code, run in this order
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "nand": lambda a, b: 1 - (a & b),
    "xor": lambda a, b: a ^ b,
}
PATTERNS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
SPLITS = (10_000, 1_000, 1_000)  # original code: sample_logic_fn sizes (train, valid, test)
LOGGED_STEPS = (0, 200, 400)  # post: the steps its log prints
VARIANTS = ("original", "clean")  # ours: trainable inputs (the original code's quirk) vs constant


# ---- how they are trained ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Config:
    hidden: int = 3  # original code: hiddens=[3]
    learning_rate: float = 0.75  # original code; the post gives no value
    steps: int = 2000  # original code: n_steps=2000
    log_every: int = 200  # original code: prints when step % 200 == 0
    truncation: float = 2.0  # tf.truncated_normal redraws beyond 2 std
    stack: int = 10  # ours: seeds per compiled training (x8 nets each)
    # k9 (Clojure): the post's calls; the library was not found, so the rest is ours
    k9_samples: int = 1000  # post: (nand-gen 1000)
    k9_epochs: int = 500  # post: train-epochs 500
    k9_rate: float = 0.5  # post
    k9_widths: tuple = (2, 3, 2)  # post: construct-network 2 3 2
    k9_init: float = 1.0  # ours (k9 undocumented): weights and biases ~ U(-1, 1)


QUICK = Config()
DOCUMENTED = QUICK  # the quick scale runs the post's k9 protocol already


def at(scale):
    """The settings of a scale, read when a run starts (so a break can replace them)."""
    return {"quick": QUICK, "documented": DOCUMENTED}[scale]
