"""Keras XOR's measurements: how many epochs each net needs to read 100%, under both losses, and
why a linear one only seems to learn XOR.

Source: 004 (thoughtram), "Understanding XOR with Keras and TensorFlow" (and the 2016-09-23 post
it follows). The logs look like binary cross-entropy (loss 0.7443 at epoch 1), not the code's MSE,
so every configuration is trained under both losses.
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import TRAINED, dense, measurement
from . import config, model

RUN_METRICS = ("epochs", "reached", "epochs_capped", "loss_epoch_1", "epochs_to_50", "epochs_to_75", "works_in_500")


def _train_xor_configs_flops(scale):
    """One seed: every configuration under both losses, an Adam step on the four points each epoch (its
    logged outputs come from that step's forward pass) and a last forward pass."""
    epochs, points = config.at(scale).epoch_cap, len(config.X)
    return sum(
        len(config.LOSSES) * (TRAINED * epochs + 1) * points * dense((2, *hidden, 1))
        for hidden, _ in config.CONFIGS.values()
    )


@measurement(
    "xor_keras:train_xor_configs",
    seeds_at_once=True,
    # one name per configuration, loss and per-run quantity, as _train_xor_stack fills them
    metrics=(
        *(f"{c}_{loss}_{m}" for c in config.CONFIGS for loss in config.LOSSES for m in RUN_METRICS),
        "predict_rounded_xor",
    ),
    flops=_train_xor_configs_flops,
)
def train_xor_configs(run_seeds, scale="quick"):
    """Every configuration under both losses for every seed; one result per seed."""
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_xor_stack(stack, cfg), run_seeds, cfg.stack)


def _train_xor_stack(run_seeds, cfg):
    epochs = cfg.epoch_cap
    results = [{} for _ in run_seeds]
    for name, (hidden, activation) in config.CONFIGS.items():
        per_seed = [model.glorot_kernels(seed, hidden, name) for seed in run_seeds]
        kernels = [np.stack(layer) for layer in zip(*per_seed)]
        for loss in config.LOSSES:
            accuracy, losses, outputs = model.stacked_training(kernels, activation, "sigmoid", loss, epochs, cfg)
            tag = f"{name}_{loss}"
            for result, at100, at50, at75, rounded, first_loss in zip(
                results,
                model.first_epoch(accuracy == 1.0),
                model.first_epoch(accuracy >= 0.5),
                model.first_epoch(accuracy >= 0.75),
                np.round(outputs[cfg.posted_epochs]),
                losses[0],
            ):
                result[f"{tag}_epochs"] = at100
                result[f"{tag}_reached"] = at100 is not None
                # a run still short of 100% at the cap ranks after every run that got there
                result[f"{tag}_epochs_capped"] = at100 if at100 is not None else epochs + 1
                result[f"{tag}_loss_epoch_1"] = float(first_loss)
                result[f"{tag}_epochs_to_50"] = at50
                result[f"{tag}_epochs_to_75"] = at75
                result[f"{tag}_works_in_500"] = bool(np.array_equal(rounded, config.Y.ravel()))
    for result in results:
        result["predict_rounded_xor"] = result["h16_mse_works_in_500"]
    return results


# ---- linear: an affine model cannot fit XOR ----------------------------------------------------------
def _train_linear128_flops(scale):
    """One seed: the linear 2-128-1 net's Adam steps on the four points, one an epoch, and a last forward pass."""
    epochs, points = config.at(scale).linear_epochs, len(config.X)
    return (TRAINED * epochs + 1) * points * dense((2, *config.LINEAR[0], 1))


@measurement(
    "xor_keras:train_linear128",
    seeds_at_once=True,
    metrics=(
        "ever_reads_100",
        "epochs_reading_100",
        "first_epoch_reading_100",
        "final_loss",
        "final_accuracy",
        "final_gap_from_half",
        "gap_when_reading_100",
        "identity_residual",
        "best_affine_mse",
    ),
    flops=_train_linear128_flops,
)
def train_linear128(run_seeds, scale="quick"):
    """Dense(128) -> Dense(1), no activations, MSE, Adam: watch accuracy and the affine identity."""
    cfg = config.at(scale)
    return runtime.in_fixed_stacks(lambda stack: _train_linear_stack(stack, cfg), run_seeds, cfg.linear_stack)


def _train_linear_stack(run_seeds, cfg):
    hidden, activation = config.LINEAR
    per_seed = [model.glorot_kernels(seed, hidden, "linear128") for seed in run_seeds]
    kernels = [np.stack(layer) for layer in zip(*per_seed)]
    accuracy, _, outputs = model.stacked_training(kernels, activation, "linear", "mse", cfg.linear_epochs, cfg)
    out64 = outputs.astype(np.float64)
    identity = np.abs(out64[..., 1] + out64[..., 2] - out64[..., 0] - out64[..., 3])  # (epochs + 1, seeds)
    gap = np.abs(out64 - 0.5).max(axis=2)
    best_affine = least_squares_affine_mse()
    results = []
    for s in range(len(run_seeds)):
        reads_100 = accuracy[:, s] == 1.0
        final = out64[-1, s]
        results.append(
            {
                "ever_reads_100": bool(reads_100.any()),
                "epochs_reading_100": int(reads_100.sum()),
                "first_epoch_reading_100": int(np.argmax(reads_100)) + 1 if reads_100.any() else None,
                "final_loss": float(np.mean((final - config.Y.ravel()) ** 2)),
                "final_accuracy": float(accuracy[-1, s]),
                "final_gap_from_half": float(gap[-1, s]),
                "gap_when_reading_100": float(gap[:-1, s][reads_100].max()) if reads_100.any() else None,
                "identity_residual": float(identity[:, s].max()),
                "best_affine_mse": best_affine,
                "accuracy_history": accuracy[:, s],
            }
        )
    return results


def least_squares_affine_mse():
    """The best any affine f(x1, x2) = a x1 + b x2 + c can do on XOR, in float64: 0.25."""
    design = np.column_stack([config.X.astype(np.float64), np.ones(4)])
    coef, *_ = np.linalg.lstsq(design, config.Y.ravel().astype(np.float64), rcond=None)
    return float(np.mean((design @ coef - config.Y.ravel()) ** 2))
