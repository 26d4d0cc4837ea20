"""Dorian Brown's measurements: how close Adagrad comes to A's inverse, and what the MNIST net
learned: its accuracy and curves, its hidden "fingerprints", and its optimal input images.

Source: 002 (Dorian Brown), "Calculating a matrix inverse, the hard way" (original code
dorianbrown/notebooks tensorflow_eg.py, 1d141dc: lr 0.001, 100,000 iterations; 0e24c48: lr 0.01,
50,000) and "Understanding Tensorflow with MNIST" (mnist_nn.ipynb, 0e24c48 for the article, 464af05
for the L2 images). The post's inverse setting (lr 0.01, 100,000 iterations) runs at both scales:
it is cheap. A is a random 0-9 integer matrix, which can be badly conditioned or singular: we redraw
it until its condition number is below a stated bound, so "close to the inverse" is a fair question.
"""

import numpy as np

from ...data import mnist
from ...suite import runtime
from ...suite.measurements import TRAINED, dense, matmul, measurement
from . import config, model


def _invert_flops(scale):
    """One seed: x A and its gradient G A^T (A is constant) each iteration, then the check x @ a (the
    inverse and condition numbers are decompositions, not counted)."""
    return (2 * config.at(scale).matinv_iterations + 1) * matmul(config.SIZE, config.SIZE, config.SIZE)


@measurement(
    "matrix_inverse:invert",
    metrics=(
        "condition_number",
        "draws_until_well_conditioned",
        "max_abs_xa_minus_i",
        "relative_error",
        "loss_first",
        "loss_last",
    ),
    flops=_invert_flops,
)
def invert(seed, scale="quick"):
    cfg = config.at(scale)
    runtime.seed_everything(seed)
    rng = np.random.default_rng(seed)
    a, draws = model.draw_matrix(rng, cfg.max_condition)
    x, history = model.adagrad_inverse(a, cfg.matinv_iterations, cfg.matinv_learning_rate)
    inverse = np.linalg.inv(a)
    return {
        "condition_number": float(np.linalg.cond(a)),
        "draws_until_well_conditioned": draws,
        "max_abs_xa_minus_i": float(np.max(np.abs(x @ a - np.eye(config.SIZE)))),
        "relative_error": float(np.linalg.norm(x - inverse) / np.linalg.norm(inverse)),
        "loss_first": float(history[0]),
        "loss_last": float(history[-1]),
        "loss_history": history,
    }


def class_contrast(hidden, labels):
    """Mean cosine similarity of hidden vectors within each digit and across digits."""
    unit = hidden / np.maximum(np.linalg.norm(hidden, axis=1, keepdims=True), 1e-12)
    within, across = [], []
    for digit in range(10):
        mine = unit[labels == digit][: config.FINGERPRINT_IMAGES]
        others = unit[labels != digit][: config.FINGERPRINT_IMAGES]
        within.append(float(np.mean(mine @ mine.T)))
        across.append(float(np.mean(mine @ others.T)))
    return np.array(within), np.array(across)


def correlation(a, b):
    return float(np.corrcoef(a, b)[0, 1])


def _train_dorian_flops(scale):
    """One seed: every epoch's training batches and test pass; the test digits' hidden layer before and
    after; the fingerprints' cosine products (trained and untrained); the 30 optimal inputs' steps and
    reading; each image's correlation with the 10 class means."""
    cfg, (n_train, n_test) = config.at(scale), mnist.SIZES[scale]
    net, batches = dense((784, config.HIDDEN, 10)), n_train // config.BATCH
    inputs = 10 * len(config.PENALTIES)
    return (
        cfg.epochs * (batches * config.BATCH * TRAINED * net + n_test * net)
        + 2 * n_test * dense((784, config.HIDDEN))
        + 2 * 10 * 2 * matmul(config.FINGERPRINT_IMAGES, config.HIDDEN, config.FINGERPRINT_IMAGES)
        + inputs * (2 * cfg.input_steps + 1) * net  # forward and input gradients: the net is frozen
        + inputs * 10 * matmul(2, 784, 2)  # np.corrcoef: the 2 x 784 pair times its transpose
    )


@measurement(
    "dorian_mnist:train_dorian",
    metrics=(
        "data",
        "test_acc",
        "test_cost",
        "train_cost_ratio",
        "test_cost_first",
        "test_acc_first",
        "fingerprint_within",
        "fingerprint_across",
        "fingerprint_every_class_banded",
        "fingerprint_margin",
        "untrained_fingerprint_margin",
        "unregularized_reads_as_target",
        "unregularized_similarity",
        "unregularized_killed_pixels",
        "l1_similarity",
        "l1_killed_pixels",
        "l2_025_similarity",
        "l2_025_killed_pixels",
        "unregularized_nearest_own_mean",
        "unregularized_own_mean_margin",
        "l1_nearest_own_mean",
        "l1_own_mean_margin",
        "l2_025_nearest_own_mean",
        "l2_025_own_mean_margin",
        "l1_kills_most_pixels",
        "l1_mean_shift",
    ),
    flops=_train_dorian_flops,
)
def train_dorian(seed, scale="quick"):
    runtime.seed_everything(seed)
    d, curves, untrained, hidden, params = model.train_net(seed, scale)
    out = {
        "data": d.name,
        "test_acc": float(curves[-1, 2]),
        "test_cost": float(curves[-1, 1]),
        "train_cost_ratio": float(curves[-1, 0] / curves[0, 0]),  # last epoch's train cost over the first's
        "test_cost_first": float(curves[0, 1]),
        "test_acc_first": float(curves[0, 2]),
        "curves": curves,
    }
    # fingerprints: cosine similarity of hidden vectors within a class vs across classes, trained and
    # at initialization (random ReLU features of similar images are already similar)
    labels = d.y_test
    within, across = class_contrast(hidden, labels)
    untrained_within, untrained_across = class_contrast(untrained, labels)
    out["fingerprint_within"] = float(np.mean(within))
    out["fingerprint_across"] = float(np.mean(across))
    out["fingerprint_every_class_banded"] = bool(np.all(within > across))
    out["fingerprint_margin"] = float(np.mean(within - across))
    out["untrained_fingerprint_margin"] = float(np.mean(untrained_within - untrained_across))
    out["hidden_by_class"] = [hidden[labels == digit][:20] for digit in range(10)]
    # optimal inputs
    images, reads = model.optimal_inputs(seed, params, config.at(scale))
    # the frozen net reads each unregularized optimum as its digit: the optimizer found what it asked
    out["unregularized_reads_as_target"] = bool(np.all(reads["unregularized"] == np.arange(10)))
    means = np.stack([d.x_test[labels == digit].mean(axis=0) for digit in range(10)])
    for kind, xs in images.items():
        # each image against every digit's mean: does it look like its own digit more than the others?
        table = np.array([[correlation(x, m) for m in means] for x in xs])
        own, others = np.diag(table), table[~np.eye(10, dtype=bool)].reshape(10, 9)
        out[f"{kind}_similarity"] = float(np.mean(own))
        out[f"{kind}_nearest_own_mean"] = int(np.sum(own > others.max(axis=1)))  # digits out of 10
        out[f"{kind}_own_mean_margin"] = float(np.mean(own - others.mean(axis=1)))
        out[f"{kind}_killed_pixels"] = float(np.mean(np.abs(xs) < config.NEAR_ZERO))
        out[f"{kind}_images"] = xs
    out["l1_kills_most_pixels"] = out["l1_killed_pixels"] > 0.5
    # what L1 took off, pixel by pixel, against the same start optimized without a penalty
    out["l1_mean_shift"] = float(np.mean(images["unregularized"] - images["l1"]))
    out["class_means"] = means
    return out
