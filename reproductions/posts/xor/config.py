"""Keras XOR's settings, each with where it comes from: the post's nets and data, then how they
are trained, named per scale (QUICK, DOCUMENTED)."""

from dataclasses import dataclass, replace

import numpy as np

# ---- the post's data and nets -------------------------------------------------------------------
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)  # post
Y = np.array([[0], [1], [1], [0]], dtype=np.float32)  # post
CONFIGS = {  # post: hidden layers of each configuration, and their activation
    "h16": ((16,), "relu"),
    "h32": ((32,), "relu"),
    "h32x2": ((32, 32), "relu"),
    "h64": ((64,), "relu"),
    "h16_sigmoid": ((16,), "sigmoid"),  # post: "sigmoid instead of relu would still work"
}
LINEAR = ((128,), "linear")  # post: Dense(128) and Dense(1), no activation
LOSSES = ("mse", "bce")  # code: mean_squared_error; logs: binary cross-entropy (catalog)


# ---- how they are trained ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Config:
    learning_rate: float = 1e-3  # Keras 1 Adam default (the post says only optimizer='adam')
    adam_epsilon: float = 1e-8  # Keras 1 Adam default (Keras 3's is 1e-7)
    bce_epsilon: float = 1e-7  # Keras 1 clips probabilities to [eps, 1 - eps] in binary_crossentropy
    posted_epochs: int = 500  # post: fit(..., nb_epoch=500); predictions are read after this many
    epoch_cap: int = 1000  # ours: the post's four counts are all < 300, so the quick runs stop at 1,000
    linear_epochs: int = 5000  # ours: the linear model reads 100% long before (post: at epoch 3718)
    stack: int = 20  # ours: seeds trained together in one compiled loop (see runtime.in_fixed_stacks)
    linear_stack: int = 10  # ours: the linear claim's default seed count


QUICK = Config()
DOCUMENTED = replace(
    QUICK,
    epoch_cap=20000,  # post's logs: nb_epoch=20000
    linear_epochs=20000,  # post: 100% read at epoch 3718 of 20000
)


def at(scale):
    """The settings of a scale, read when a run starts (so a break can replace them)."""
    return {"quick": QUICK, "documented": DOCUMENTED}[scale]
