"""Learn TensorFlow Now 6: the activation histograms per initializer, redrawn from measured runs."""

from ...suite.figures import pyplot, save
from .model import INITS


def plot_histograms(runs, path):
    """LTFN 6's histograms: per-layer pre-activations for N(0,1), x0.01 and VS/Xavier at initialization
    (full width), and VS/Xavier after training, which the post's VS histograms show (first seed)."""
    plt = pyplot()
    run = runs[0]
    rows = [(f"{init}_taps", init) for init in INITS] + [("he_trained_taps", "he, trained")]
    fig, axes = plt.subplots(len(rows), 5, figsize=(13, 8))
    for row, (key, name) in enumerate(rows):
        for col, values in enumerate(run[key]):
            axes[row][col].hist(values, bins=60, color="#a63" if "trained" in name else "#37a")
            axes[row][col].set_title(f"{name}: {'logits' if col == 4 else f'layer{col + 1}_conv'}", fontsize=8)
    save(fig, path)
