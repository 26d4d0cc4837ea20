"""Dorian Brown's figures: Adagrad's loss, the MNIST curves, the fingerprints and the optimal inputs."""

import numpy as np

from ...suite.figures import pyplot, save
from . import config


def plot_loss(runs, path):
    """The post's loss curve (logged every 100 iterations), one line per seed."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 3))
    for run in runs:
        ax.plot(np.arange(len(run["loss_history"])) * config.LOG_EVERY, run["loss_history"], lw=0.7)
    ax.set(yscale="log", xlabel="iteration", ylabel="sum |xA - I|", title="Adagrad on the L1 inverse loss")
    save(fig, path)


def plot_curves(runs, path):
    plt = pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(11, 3))
    for run in runs:
        for ax, column, title in zip(axes, range(3), ("train cost", "test cost", "test accuracy")):
            ax.plot(np.arange(1, len(run["curves"]) + 1), run["curves"][:, column], lw=0.8)
            ax.set(title=title, xlabel="epoch")
    save(fig, path)


def plot_fingerprints(runs, path):
    plt = pyplot()
    fig, axes = plt.subplots(1, 10, figsize=(15, 3))
    for digit, ax in enumerate(axes):
        ax.imshow(runs[0]["hidden_by_class"][digit].T, aspect="auto", cmap="viridis")
        ax.set(title=f"digit {digit}", xticks=[], yticks=[])
    save(fig, path)


def plot_optimal_inputs(runs, path):
    plt = pyplot()
    rows = ["class_means"] + [f"{kind}_images" for kind in config.PENALTIES]
    fig, axes = plt.subplots(len(rows), 10, figsize=(12, 5))
    for r, key in enumerate(rows):
        for digit in range(10):
            axes[r][digit].imshow(runs[0][key][digit].reshape(28, 28), cmap="gray")
            axes[r][digit].set(xticks=[], yticks=[])
        axes[r][0].set_ylabel(key.replace("_images", "").replace("class_means", "mean"), fontsize=7)
    save(fig, path)
