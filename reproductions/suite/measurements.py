"""How a post declares a measurement: its stable name, the metrics it returns, how it takes its seeds.

The name keys everything derived from the measurement: its seeds (``seeds.derive_seed``), its
calibration's record, its xdist group and its cache entries. Renaming it changes every seed it
draws, so it stays as first recorded even when the function moves.

The declared metrics are the literal keys of the scalar values it returns (arrays for figures
aside), so ``grep`` finds where a checked metric comes from; the engine refuses a run whose
metrics differ from the declaration, and a registry test proves every check reads a declared one.
"""

from .stats import is_metric


class MeasurementError(ValueError):
    """A measurement returned other metrics than it declares."""


def measurement(name, *, metrics, seeds_at_once=False, timed=False):
    """Mark ``function(seed, scale=...) -> dict`` (or, with ``seeds_at_once``, ``function(seeds,
    scale=...) -> [dict, ...]``) as a measurement called ``name`` returning ``metrics``.

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
