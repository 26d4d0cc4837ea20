"""Linear regression's measurements: each seed draws a problem, trains, and reports how far the
found w and b are from the drawn ones.

Source: 000 (sentimos), "Linear Regression with Multiple Variables in Tensorflow" (original code
sentimos/linear-regression, Linear Regression.ipynb at 8cea67f) and "Linear Regression using
Tensorflow layers" (no code was published). Both are judged against the *drawn* true values of
each seed, not the printed constants.
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import TRAINED, matmul, measurement
from . import config, model


def _recover_multi_flops(scale):
    """One seed: y = X w, then two full-batch GD runs (noisy and centred), each with its last loss's
    pass (least squares is a decomposition, not counted)."""
    cfg = config.at(scale)
    xw = matmul(cfg.examples, cfg.features, 1)
    return xw + 2 * (TRAINED * cfg.steps + 1) * xw


@measurement(
    "linear_regression:recover_multi",
    metrics=("w_max_gap", "b_gap", "noise_mean", "b_gap_centered_noise", "gd_vs_least_squares", "loss_fell"),
    flops=_recover_multi_flops,
)
def recover_multi(seed, scale="quick"):
    cfg = config.at(scale)
    runtime.seed_everything(seed)
    rng = np.random.default_rng(seed)
    x, w_true, b_true = model.draw_problem(rng, cfg.examples, cfg.features)
    noise = rng.random(cfg.examples) * cfg.noise_scale
    y = x @ w_true + b_true + noise
    w0 = rng.standard_normal(cfg.features)
    w, b, first, last = model.gradient_descent(x, y, w0, cfg.b_init, cfg.steps, cfg.learning_rate, "float32")
    ols = np.linalg.lstsq(np.column_stack([x, np.ones(cfg.examples)]), y, rcond=None)[0]
    # controlled variant: the same draws with the noise's mean removed
    _, b_centered, _, _ = model.gradient_descent(
        x, y - noise.mean(), w0, cfg.b_init, cfg.steps, cfg.learning_rate, "float32"
    )
    return {
        "w_max_gap": float(np.max(np.abs(w - w_true))),
        "b_gap": b - b_true,
        "noise_mean": float(noise.mean()),
        "b_gap_centered_noise": abs(b_centered - b_true),
        "gd_vs_least_squares": float(max(np.max(np.abs(w - ols[:-1])), abs(b - ols[-1]))),
        "loss_fell": last < first,
    }


def _recover_with_layers_flops(scale):
    """One seed: y = X w, full-batch GD with its last loss's pass, then the fresh rows times w and w_true."""
    cfg = config.at(scale)
    xw = matmul(cfg.layers_examples, cfg.features, 1)
    return (1 + TRAINED * cfg.layers_steps + 1) * xw + 2 * matmul(cfg.layers_eval_examples, cfg.features, 1)


@measurement(
    "linear_regression:recover_with_layers",
    metrics=("loss", "w_max_gap", "b_gap"),
    flops=_recover_with_layers_flops,
)
def recover_with_layers(seed, scale="quick"):
    """LinearRegressor's modern equivalent: zero-initialized, GD for the post's 500 steps on one
    fixed set of noise-free float64 rows, then scored on 10 fresh rows."""
    cfg = config.at(scale)
    runtime.seed_everything(seed)
    rng = np.random.default_rng(seed)
    x, w_true, b_true = model.draw_problem(rng, cfg.layers_examples, cfg.features)
    w, b, _, _ = model.gradient_descent(
        x, x @ w_true + b_true, np.zeros(cfg.features), 0.0, cfg.layers_steps, cfg.learning_rate, "float64"
    )
    fresh = rng.random((cfg.layers_eval_examples, cfg.features))
    return {
        "loss": float(np.mean((fresh @ w + b - (fresh @ w_true + b_true)) ** 2)),
        "w_max_gap": float(np.max(np.abs(w - w_true))),
        "b_gap": abs(b - b_true),
    }
