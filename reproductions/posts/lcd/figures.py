"""LCD digits: the post's figures (glyphs, W as images, confusion matrices), redrawn from measured runs."""

import numpy as np

from ...suite.figures import pyplot, save
from .config import DIGITS
from .data import glyph
from .model import vertical_lines


def plot_glyphs(runs, path):
    """The intro's Fig 2, for all ten digits: the 5x5 rasters, with the vertical-line count."""
    plt = pyplot()
    fig, axes = plt.subplots(1, DIGITS, figsize=(DIGITS * 1.1, 1.6))
    for digit, ax in enumerate(axes):
        ax.imshow(1 - glyph(digit), cmap="gray", vmin=0, vmax=1)
        ax.set(xticks=[], yticks=[], title=f"{digit}: {vertical_lines(glyph(digit))} lines")
        ax.title.set_fontsize(7)
    save(fig, path)


def _plot_weights(columns, path, title):
    """W's columns as images (the post's Fig 3 / Fig 2), each scaled to [-1, 1] with white at 0."""
    plt = pyplot()
    fig, axes = plt.subplots(1, DIGITS, figsize=(DIGITS * 1.1, 1.6))
    for digit, ax in enumerate(axes):
        column = columns[digit] / (np.abs(columns[digit]).max() or 1)
        ax.imshow(column, cmap="bwr", vmin=-1, vmax=1)
        ax.set(xticks=[], yticks=[], title=str(digit))
    fig.suptitle(title, fontsize=8)
    save(fig, path)


def plot_w5(runs, path):
    _plot_weights(runs[0]["W"], path, "W after 95 steps, 5x5 (first seed)")


def plot_w10(runs, path):
    _plot_weights(runs[0]["W"], path, "W after training on 100 jittered 10x10 digits (first seed)")


def _plot_confusion(matrix, path, title):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    ax.imshow(matrix, cmap="Blues")
    for (t, p), count in np.ndenumerate(matrix):
        if count:
            ax.text(p, t, str(count), ha="center", va="center", fontsize=6)
    ax.set(xticks=range(DIGITS), yticks=range(DIGITS), xlabel="predicted", ylabel="true", title=title)
    ax.title.set_fontsize(8)
    save(fig, path)


def plot_confusion_after_5(runs, path):
    _plot_confusion(runs[0]["confusion_after_5"], path, "after 5 steps (first seed)")


def plot_confusion_5000(runs, path):
    _plot_confusion(runs[0]["confusion_5000_20x20"], path, "5,000 examples, 20x20, 1,000 steps")
