"""XNOR's figures: the gate surfaces, the dense grid, the speedup, and the trained nets."""

import numpy as np

from ...suite.figures import pyplot, save
from . import config
from .model import handset_surface


def _surface(ax, surface, title):
    image = ax.imshow(surface.T, origin="lower", extent=(0, 1, 0, 1), cmap="coolwarm", vmin=0, vmax=1)
    ax.set(title=title, xlabel="x1", ylabel="x2")
    return image


def plot_gate_surfaces(runs, path):
    """Figs 1-4 of 'Computing XNOR': the AND, OR, NOR and XNOR neurons on the 20x20 grid."""
    plt = pyplot()
    fig, axes = plt.subplots(1, 4, figsize=(14, 3.6))
    for ax, name in zip(axes, ("and", "or", "nor", "xnor")):
        image = _surface(ax, runs[0][f"surface_{name}"], name.upper())
    fig.colorbar(image, ax=axes, shrink=0.8)
    save(fig, path)


def plot_xnor_surface(runs, path):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(4.5, 4))
    fig.colorbar(_surface(ax, runs[0]["surface_xnor"], "XNOR = OR(NOR, AND), 20x20"), ax=ax)
    save(fig, path)


def plot_dense_grid(runs, path):
    """Fig 1 of 'Vectorized XNOR', from the code's 1000x1000 grid."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(4.5, 4))
    fig.colorbar(_surface(ax, runs[0]["grid_1000"], "XNOR, 1000x1000, one call"), ax=ax)
    save(fig, path)


def plot_speedup(runs, path):
    plt = pyplot()
    run = runs[0]
    names = ["session_per_point", "session_vectorized", "tf2_per_point", "tf2_vectorized"]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.barh(names, [run[f"{n}_s"] for n in names], color=["#c44", "#48c", "#c44", "#48c"])
    ax.set(
        xscale="log",
        xlabel="seconds per 100x100 grid (best of rounds)",
        title=f"speedup: session {run['speedup_session']:.0f}x, tf2 {run['speedup_tf2']:.0f}x",
    )
    save(fig, path)


def plot_loss_curves(runs, path):
    """Fig 2 of 'Training': the loss every 10 steps, one line per seed."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    steps = np.arange(0, config.QUICK.steps, config.QUICK.loss_every)  # the same at both scales
    for run in runs:
        ax.plot(steps, run["loss_history"], lw=0.8, color="#26a" if config.CONVERGED_RUNS.keeps(run) else "#bbb")
    ax.set(yscale="log", xlabel="step", ylabel="MSE", title="XNOR training (blue: converged seeds)")
    save(fig, path)


def plot_trained_surfaces(runs, path):
    """Fig 1 of 'Using XNOR trained model', for up to four converged seeds, beside Ng's net."""
    plt = pyplot()
    shown = [run for run in runs if config.CONVERGED_RUNS.keeps(run)][:4]
    fig, axes = plt.subplots(1, len(shown) + 1, figsize=(3.2 * (len(shown) + 1), 3))
    axes = np.atleast_1d(axes)
    surfaces = [handset_surface()] + [run["surface"] for run in shown]
    titles = ["hand-set (Ng)"] + [f"trained, gap {run['surface_gap']:.3f}" for run in shown]
    for ax, surface, title in zip(axes, surfaces, titles):
        ax.imshow(surface, origin="lower", extent=(0, 1, 0, 1), cmap="coolwarm", vmin=0, vmax=1)
        ax.set(title=title, xlabel="x1", ylabel="x2")
    save(fig, path)
