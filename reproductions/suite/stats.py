"""Statistics over seeds: how per-seed runs become the numbers a claim is judged by.

A run returns scalar metrics (numbers or booleans; ``None`` where a metric does not apply to that
seed, e.g. the loss of a run that did not converge). Over seeds, a number becomes its median (the
plain key) with ``.min``/``.max``/``.n``; a boolean becomes the fraction of seeds where it held,
with ``.failures``; ``.values`` keeps the per-seed numbers for rank tests. Arrays are figure material and are not aggregated.
"""

import math
import numbers
import statistics

# ours: the documented value of a stochastic claim is one draw, so it is compared with the spread
# of single draws in the calibration, widened by a quarter so a value at the calibrated edge passes.
SPREAD_PADDING = 1.25


def is_metric(value):
    """Scalars, strings and short tuples of numbers are metrics; arrays are figure material."""
    if isinstance(value, tuple):
        return all(isinstance(v, numbers.Number) for v in value)
    return isinstance(value, (bool, numbers.Number, str)) or value is None


def aggregate(runs):
    """Combine per-seed metric dicts into one dict of judged values."""
    keys = list(dict.fromkeys(k for run in runs for k, v in run.items() if is_metric(v)))
    out = {}
    for key in keys:
        values = [run[key] for run in runs if run.get(key) is not None]
        if not values:
            out[key] = None
        elif all(isinstance(v, bool) for v in values):
            out[key] = sum(values) / len(values)
            out[f"{key}.failures"] = values.count(False)
            out[f"{key}.n"] = len(values)
        elif len(runs) == 1:
            out[key] = values[0]
        elif all(isinstance(v, numbers.Number) for v in values):
            out[key] = float(statistics.median(values))
            if len(runs) > 1:
                out[f"{key}.min"] = float(min(values))
                out[f"{key}.max"] = float(max(values))
                out[f"{key}.n"] = len(values)
                out[f"{key}.values"] = tuple(values)
        else:
            out[key] = values[0] if len(set(map(str, values))) == 1 else [v for v in values]
    return out


def spread_tolerance(values, log=False):
    """Half-width of the band a single draw falls in around the median, padded.

    ``log`` judges ratios (values spanning decades, like a final loss), in decades.
    """
    values = [float(v) for v in values if v is not None]
    if not values:
        raise ValueError("no calibrated values")
    if log:
        values = [math.log10(v) for v in values]
    centre = statistics.median(values)
    return SPREAD_PADDING * max(centre - min(values), max(values) - centre)


MEDIAN_COVERAGE = 0.999
MEDIAN_RESAMPLES = 20_000


def median_range(values, n, coverage=MEDIAN_COVERAGE):
    """Where the median of ``n`` seeds drawn from the calibrated ``values`` falls, ``coverage`` of
    the time: a fixed-seed bootstrap, so the same calibration always gives the same range."""
    import numpy as np

    draws = np.random.default_rng(0).choice(np.asarray(values, dtype=float), size=(MEDIAN_RESAMPLES, n))
    medians = np.median(draws, axis=1)
    tail = (1 - coverage) / 2
    return float(np.quantile(medians, tail)), float(np.quantile(medians, 1 - tail))


def sign_test_p(successes, n):
    """One-sided p-value that a per-seed property holds on more than half the seeds by chance."""
    return sum(math.comb(n, k) for k in range(successes, n + 1)) / 2 ** n


def mann_whitney_p(smaller, larger):
    """One-sided p-value of "values of ``smaller`` tend to be below those of ``larger``".

    Mann-Whitney U with mid-ranks for ties, normal approximation with tie and continuity
    corrections (fine from about 8 values a side).
    """
    a, b = list(smaller), list(larger)
    pooled = sorted(a + b)
    ranks = {}
    for value in set(pooled):
        first = pooled.index(value)
        ranks[value] = first + 1 + (pooled.count(value) - 1) / 2
    u = sum(ranks[v] for v in a) - len(a) * (len(a) + 1) / 2
    n1, n2, n = len(a), len(b), len(a) + len(b)
    ties = sum(pooled.count(v) ** 3 - pooled.count(v) for v in set(pooled))
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    if sigma == 0:
        return 1.0
    z = (n1 * n2 / 2 - u - 0.5) / sigma
    return 0.5 * math.erfc(z / math.sqrt(2))
