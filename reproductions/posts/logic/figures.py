"""Logic nets: the post's printed cost log as curves over seeds."""

import numpy as np

from ...suite.figures import pyplot, save
from . import config
from .config import FUNCTIONS


def plot_cost_curves(runs, path):
    """The post's printed log as curves: cost every 200 steps, per function, one line per seed."""
    plt = pyplot()
    fig, axes = plt.subplots(1, len(FUNCTIONS), figsize=(3 * len(FUNCTIONS), 2.8), sharey=True)
    steps = np.arange(0, config.QUICK.steps, config.QUICK.log_every)  # the same at both scales
    for ax, name in zip(axes, FUNCTIONS):
        for run in runs:
            color = "#26a" if run[f"{name}_test_100"] else "#c44"
            ax.plot(steps, run[f"{name}_cost_curve"], lw=0.7, color=color, alpha=0.7)
        rate = np.mean([run[f"{name}_test_100"] for run in runs])
        ax.set(yscale="log", xlabel="step", title=f"{name.upper()}: {rate:.0%} reach 100%")
    axes[0].set_ylabel("cost (blue: 100% test accuracy)")
    save(fig, path)
