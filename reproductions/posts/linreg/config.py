"""Linear regression's settings, each with where it comes from.

Both scales run the post's own protocol (it costs seconds), so nothing here depends on the scale:
QUICK and DOCUMENTED are the same settings.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    # ---- linreg.multi: "Linear Regression with Multiple Variables" ------------------------------------
    features: int = 4  # original code: n_features
    examples: int = 47  # original code: m_examples
    noise_scale: float = 0.01  # original code: np.random.rand(m) / 100 added to y
    learning_rate: float = 0.3  # post + original code
    steps: int = 1000  # post + original code (200 x 5 steps with a summary in between)
    b_init: float = 0.1  # post + original code; w ~ tf.random_normal (std 1)
    # ---- linreg.layers: "Linear Regression using Tensorflow layers" -----------------------------------
    layers_examples: int = 47  # not documented; ours: the companion notebook's m_examples
    layers_steps: int = 500  # post: fit(..., steps=500)
    layers_eval_examples: int = 10  # post: evaluate(input_fn=create_training_fn(10, ...), steps=1)


QUICK = Config()
DOCUMENTED = Config()  # the post's protocol at both scales


def at(scale):
    """The settings of a scale, read when a run starts (so a break can replace them)."""
    return {"quick": QUICK, "documented": DOCUMENTED}[scale]
