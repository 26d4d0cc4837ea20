"""XOR with Keras: the post's epoch counts against the distribution over seeds, and the linear
net's flickering accuracy."""

import numpy as np

from ...suite.figures import pyplot, save
from .config import LOSSES


def plot_epochs(config, runs, path, documented):
    """Epochs to 100% over seeds, under both losses, with the post's single run marked."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 2.6))
    cap = max((r[f"{config}_{loss}_epochs"] or 0) for r in runs for loss in LOSSES) or 1
    for row, loss in enumerate(LOSSES):
        values = [r[f"{config}_{loss}_epochs"] for r in runs]
        reached = [v for v in values if v is not None]
        jitter = np.random.default_rng(row).uniform(-0.15, 0.15, len(reached))
        ax.scatter(
            reached, row + jitter, s=14, alpha=0.7, label=f"{loss}: {len(reached)}/{len(values)} seeds reach 100%"
        )
    ax.axvline(documented["epochs_to_100"], color="crimson", ls="--", label=f"post: {documented['epochs_to_100']}")
    ax.set(
        yticks=range(len(LOSSES)),
        yticklabels=LOSSES,
        xlabel="first epoch with binary_accuracy 1.0",
        xscale="log",
        xlim=(0.7, max(cap, documented["epochs_to_100"]) * 1.5),
        title=f"XOR, {config}",
    )
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    save(fig, path)


def plot_h16(runs, path, documented):
    plot_epochs("h16", runs, path, documented)


def plot_h32(runs, path, documented):
    plot_epochs("h32", runs, path, documented)


def plot_h32x2(runs, path, documented):
    plot_epochs("h32x2", runs, path, documented)


def plot_h64(runs, path, documented):
    plot_epochs("h64", runs, path, documented)


def plot_linear128(runs, path):
    """Accuracy per epoch of the linear net: it flickers to 1.0 once outputs sit on 0.5."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 2.6))
    for i, run in enumerate(runs[:5]):
        history = run["accuracy_history"]
        ax.plot(np.arange(1, len(history) + 1), history + 0.02 * i, lw=0.6)
    ax.set(xlabel="epoch", ylabel="binary_accuracy (offset per seed)", title="linear 128: accuracy is rounding noise")
    save(fig, path)
