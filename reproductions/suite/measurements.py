"""How a post declares a measurement: its stable name, the metrics it returns, how it takes its seeds.

The name keys everything derived from the measurement: its seeds (``seeds.derive_seed``), its
calibration's record, its xdist group and its cache entries. Renaming it changes every seed it
draws, so it stays as first recorded even when the function moves.

The declared metrics are the literal keys of the scalar values it returns (arrays for figures
aside), so ``grep`` finds where a checked metric comes from; the engine refuses a run whose
metrics differ from the declaration, and a registry test proves every check reads a declared one.
"""

from .stats import is_metric

TRAINED = 3  # a training step's work over its forward pass's: forward, input and weight gradients


def matmul(rows, inner, columns):
    """FLOPs of one matrix product: a multiply-add (2 FLOPs) per output element and inner index."""
    return 2 * rows * inner * columns


def no_matrix_product(scale):
    """The work of a measurement that multiplies no matrices (a lookup, an elementwise softmax)."""
    return 0.0


def dense(widths):
    """FLOPs of one example's forward pass through dense layers of these widths (input first)."""
    return sum(matmul(1, a, b) for a, b in zip(widths[:-1], widths[1:]))


class MeasurementError(ValueError):
    """A measurement returned other metrics than it declares."""


def measurement(name, *, metrics, flops=None, seeds_at_once=False, timed=False):
    """Mark ``function(seed, scale=...) -> dict`` (or, with ``seeds_at_once``, ``function(seeds,
    scale=...) -> [dict, ...]``) as a measurement called ``name`` returning ``metrics``.

    ``flops``: ``flops(scale) -> float``, the floating-point work of one seed's run at that scale,
    counted from its models' shapes: the multiply-adds of every matrix product and convolution (2
    FLOPs each), ``TRAINED`` times over where a step trains; elementwise work is left out. Every
    registered measurement declares it (tests/test_registry.py); the report divides it by the time
    the run took.
    ``seeds_at_once``: the engine calls it once with all missing seeds, and each seed's result
    must be the same as if it ran alone (stacked models share no parameters and no random draws).
    ``timed``: it times code, so it runs alone on the machine (``suite.machine_lock``).
    """
    if len(set(metrics)) != len(metrics) or any("." in m for m in metrics):
        raise ValueError(f"{name}: metric names must be unique and free of '.' (it starts a statistic)")

    def declare(function):
        function.name = name
        function.metrics = tuple(metrics)
        function.seeds_at_once = seeds_at_once
        function.timed = timed
        function.flops = flops
        return function

    return declare


def check_declared(measure, run):
    """Raise MeasurementError unless ``run`` holds exactly the declared metrics."""
    returned = {k for k, v in run.items() if is_metric(v)}
    missing, undeclared = set(measure.metrics) - returned, returned - set(measure.metrics)
    if missing or undeclared:
        raise MeasurementError(
            f"{measure.name} returned other metrics than it declares: "
            + "; ".join(
                part
                for part in (
                    f"missing {', '.join(sorted(missing))}" if missing else "",
                    f"undeclared {', '.join(sorted(undeclared))}" if undeclared else "",
                )
                if part
            )
        )
    return run
