"""Learn TensorFlow Now 6: the activation histograms per initializer, redrawn from measured runs."""

from ...suite.figures import pyplot, save
from .nets import INITS


def plot_histograms(runs, path):
    """LTFN 6's histograms: per-layer pre-activations for N(0,1), x0.01 and VS/Xavier (first seed)."""
    plt = pyplot()
    run = runs[0]
    fig, axes = plt.subplots(len(INITS), 5, figsize=(13, 6))
    for row, init in enumerate(INITS):
        for col, values in enumerate(run[f"{init}_taps"]):
            axes[row][col].hist(values, bins=60, color="#37a")
            axes[row][col].set_title(f"{init}: {'logits' if col == 4 else f'layer{col + 1}_conv'}", fontsize=8)
    save(fig, path)
