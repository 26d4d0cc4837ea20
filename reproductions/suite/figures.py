"""Matplotlib without a display, imported only when a figure is drawn."""


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save(fig, path):
    """Write the figure as PNG and release it (``path`` may end in .tmp.png: format is explicit)."""
    fig.savefig(path, dpi=90, format="png", bbox_inches="tight")
    fig.clf()
    pyplot().close(fig)
