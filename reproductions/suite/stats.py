"""Statistics over seeds: how per-seed runs become the numbers a claim is judged by.

A run returns scalar metrics (numbers or booleans; ``None`` where a metric does not apply to that
seed, as outside a record's subset of runs: ``with_subsets``). Over seeds, a number becomes its median (the
plain key) with ``.min``/``.max``/``.n``; a boolean becomes the fraction of seeds where it held,
with ``.failures``; ``.values`` keeps the per-seed numbers for rank tests. Arrays are figure material and are not aggregated.
"""

import functools
import itertools
import math
import numbers
import statistics


def is_metric(value):
    """Scalars, strings and short tuples of numbers are metrics; arrays are figure material."""
    if isinstance(value, tuple):
        return all(isinstance(v, numbers.Number) for v in value)
    return isinstance(value, (bool, numbers.Number, str)) or value is None


def _finite(value):
    return not isinstance(value, numbers.Real) or math.isfinite(float(value))


def with_subsets(runs, among):
    """Each run with its metrics again as ``<metric>@<name>`` for every subset in ``among``
    (``records.Where``): the run's value where the run is in the subset, None where it is not, so a
    check reading ``final_loss@converged`` is judged over the runs that converged alone (None is
    left out below, as in a calibration). A run whose selecting metric is missing or not finite
    cannot be placed: its values in the subset are NaN, which makes every check reading them an
    error, never a run silently dropped."""
    if not among:
        return runs
    out = []
    for run in runs:
        metrics = {k: v for k, v in run.items() if is_metric(v) and "@" not in k}
        extended = dict(run)
        for where in among:
            selector = run.get(where.metric)
            placed = isinstance(selector, numbers.Real) and math.isfinite(float(selector))
            kept = placed and where.keeps(run)
            extended.update(
                {f"{k}@{where.name}": (v if kept else None) if placed else math.nan for k, v in metrics.items()}
            )
        out.append(extended)
    return out


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
        elif all(isinstance(v, numbers.Number) for v in values) and not all(map(_finite, values)):
            # a NaN or infinity on any seed makes the statistic unjudgeable, never a pass
            out[key] = math.nan
            out[f"{key}.nonfinite"] = sum(not _finite(v) for v in values)
            out[f"{key}.n"] = len(values)
        elif all(isinstance(v, numbers.Number) for v in values):
            out[key] = float(statistics.median(values))
            out[f"{key}.min"] = float(min(values))
            out[f"{key}.max"] = float(max(values))
            out[f"{key}.n"] = len(values)
            out[f"{key}.values"] = tuple(values)
        else:
            out[key] = values[0] if len(set(map(str, values))) == 1 else [v for v in values]
    return out


MEDIAN_ALPHA = 0.0001  # a sound model's seeds are told apart from its calibration at most this often:
# ~30 tested metrics then add at most 0.3% to the suite's false alarms (suite.alarms)


def sign_test_p(successes, n):
    """One-sided p-value that a per-seed property holds on more than half the seeds by chance."""
    return sum(math.comb(n, k) for k in range(successes, n + 1)) / 2**n


def binomial_pmf(k, n, p):
    """P(X = k) for X ~ Binomial(n, p), in log space (a thousand trials' coefficients overflow a float)."""
    if p <= 0.0 or p >= 1.0:  # all the mass on X = 0 or X = n
        return float(k == (0 if p <= 0.0 else n))
    return math.exp(_log_comb(n, k) + k * math.log(p) + (n - k) * math.log1p(-p))


def binomial_tail(k, n, p, upper):
    """P(X >= k) (upper) or P(X <= k) for X ~ Binomial(n, p)."""
    ks = range(k, n + 1) if upper else range(0, k + 1)
    return sum(binomial_pmf(i, n, p) for i in ks)


def _log_comb(n, k):
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _hypergeometric(pooled, total, n):
    """(the counts k, their probabilities): k of ``pooled`` yeses among ``total`` fall in a group of n."""
    ks = range(max(0, pooled - (total - n)), min(n, pooled) + 1)
    return ks, [math.exp(_log_comb(pooled, k) + _log_comb(total - pooled, n - k) - _log_comb(total, n)) for k in ks]


@functools.lru_cache(maxsize=4096)
def fisher_p(shown, n, shown_before, before, fewer=False):
    """``rank_sum_p`` of n yes/no outcomes (``shown`` yes) against ``before`` others (``shown_before``
    yes), in O(n): on two values the rank sum follows the count of yeses, which is hypergeometric
    given the pooled count (Fisher's exact test, two-sided by doubling the smaller tail). With
    ``fewer``, one-sided: how likely so few yeses among the n."""
    if not n or not before:
        return 1.0
    ks, mass = _hypergeometric(shown + shown_before, n + before, n)
    index = shown - ks[0]
    below = sum(mass[: index + 1])
    return min(1.0, below if fewer else 2 * min(below, sum(mass[index:])))


def fisher_size(n, reference, rate, alpha, fewer=False):
    """How often ``fisher_p`` of n fresh yes/no outcomes against ``reference`` calibrated ones (two-sided,
    or one-sided with ``fewer``) falls below ``alpha`` when every outcome is a draw of one probability
    ``rate``: its exact size at that rate. Given the pooled count T of yeses, the fresh count is
    hypergeometric; T is binomial."""
    total, size = n + reference, 0.0
    for pooled in range(total + 1):
        weight = binomial_pmf(pooled, total, rate)
        if weight < 1e-18:
            continue
        ks, mass = _hypergeometric(pooled, total, n)  # the fresh count k given the pooled count, each judged
        size += weight * sum(m for k, m in zip(ks, mass) if fisher_p(k, n, pooled - k, reference, fewer) < alpha)
    return size


@functools.lru_cache(maxsize=4096)  # the false-alarm simulation asks for the same counts many times
def clopper_pearson(k, n, level=0.95):
    """The exact (Clopper-Pearson) interval of a probability seen k times in n trials."""
    tail = (1 - level) / 2

    def solve(upper):  # bisection on p: the tail's probability is monotone in p
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            if upper:  # the largest p with P(X <= k) >= tail
                lo, hi = (mid, hi) if binomial_tail(k, n, mid, upper=False) > tail else (lo, mid)
            else:  # the smallest p with P(X >= k) >= tail
                lo, hi = (lo, mid) if binomial_tail(k, n, mid, upper=True) > tail else (mid, hi)
        return (lo + hi) / 2

    return (0.0 if k == 0 else solve(upper=False), 1.0 if k == n else solve(upper=True))


def rank_sum_tails(first, second):
    """One-sided p-values of the rank-sum test: (P(S <= s), P(S >= s)), where S sums the
    mid-ranks of ``first`` in the pooled sample and s is its observed value.

    The distribution is S's under every equally likely split of the pooled values (ties kept as
    they are), counted by dynamic programming over doubled mid-ranks: exact at any sample size the
    work allows (EXACT_RANK_SUM_WORK; beyond it, the normal approximation).
    Only the smaller tail's sums are counted (the larger is its complement), from the top of the
    ranks when s lies above the middle: the cost falls with the distance from the middle.
    """
    a, b = [float(v) for v in first], [float(v) for v in second]
    doubled = _doubled_mid_ranks(a + b)
    ranks = tuple(sorted(doubled[v] for v in a + b))
    smaller = a if len(a) <= len(b) else b  # count splits by the smaller group: the same p, fewer rows
    chosen, observed = len(smaller), sum(doubled[v] for v in smaller)
    below = observed * len(ranks) <= chosen * sum(ranks)  # at or below the middle: counted from the bottom
    near = observed if below else chosen * (ranks[0] + ranks[-1]) - observed  # the sum counted up to
    if len(ranks) * chosen * near > EXACT_RANK_SUM_WORK:
        low, high = _normal_tails(ranks, chosen, observed)
    elif below:
        low, at = _lower_tail(ranks, chosen, observed)
        high = 1.0 - low + at
    else:  # above it: S' = chosen * c - S, with ranks c - r, has the same shape mirrored
        c = ranks[0] + ranks[-1]
        high, at = _lower_tail(tuple(c - r for r in reversed(ranks)), chosen, chosen * c - observed)
        low = 1.0 - high + at
    low, high = min(1.0, low), min(1.0, high)
    return (low, high) if smaller is a else (high, low)  # in terms of ``first``


EXACT_RANK_SUM_WORK = 5e9  # ours: counting the splits costs ranks x picks x sum (~4 s at this size); beyond
# it (LCD's 200 seeds against 800 or 1,000 calibrated draws) the normal approximation is used, at or above
# the exact tails near the test's level, 1e-4, on LCD's metrics (tests/test_seeds_and_stats.py)


def _normal_tails(ranks, chosen, observed):
    """(P(S <= observed), P(S >= observed)) by the normal approximation of S, the sum of ``chosen`` of
    the doubled mid-``ranks``: its exact mean and tie-corrected variance, and half a rank's continuity
    correction (a doubled rank is 2 units). Near the test's level it lies at or above the exact tails on
    LCD's metrics at their sizes; at moderate p, or with a large tie block at one end on smaller samples,
    it can dip below them."""
    total = len(ranks)
    mean = chosen * sum(ranks) / total
    spread = statistics.pvariance(ranks)  # of one pick; a pick without replacement shrinks it
    variance = chosen * spread * (total - chosen) / (total - 1)
    normal = statistics.NormalDist(mean, math.sqrt(variance))
    return normal.cdf(observed + 1), 1 - normal.cdf(observed - 1)


def _doubled_mid_ranks(values):
    """Twice the mid-rank of each distinct value (an integer): positions i+1 .. j tied give i + j + 1."""
    pooled, doubled, start = sorted(values), {}, 0
    while start < len(pooled):
        end = start
        while end < len(pooled) and pooled[end] == pooled[start]:
            end += 1
        doubled[pooled[start]] = start + end + 1
        start = end
    return doubled


@functools.lru_cache(maxsize=1024)
def _lower_tail(ranks, chosen, observed):
    """(P(S <= observed), P(S = observed)) for S the sum of ``chosen`` of the ascending positive
    ``ranks`` picked uniformly. Row k of q holds, after i ranks, the distribution of the sum of k
    picked from them, as probabilities (kept in [0, 1] at any size):
    q_i(k, s) = (i - k)/i q_(i-1)(k, s) + k/i q_(i-1)(k - 1, s - rank_i).
    Sums above ``observed`` are dropped, which is exact since ranks only add; rows that can no
    longer reach ``chosen``, and sums above the largest k ranks seen, are skipped."""
    import numpy as np

    q = np.zeros((chosen + 1, observed + 1))
    q[0, 0] = 1.0
    shifted = np.empty(observed + 1)
    prefix = [0, *itertools.accumulate(ranks)]
    for i, rank in enumerate(ranks, start=1):
        top = min(observed, prefix[i] - prefix[max(0, i - chosen)])  # the largest sum of picks so far
        for k in range(min(i, chosen), max(1, chosen - (len(ranks) - i)) - 1, -1):  # downwards: k - 1 is old
            row = q[k, : top + 1]
            row *= (i - k) / i
            if rank <= top:
                np.multiply(q[k - 1, : top + 1 - rank], k / i, out=shifted[: top + 1 - rank])
                row[rank:] += shifted[: top + 1 - rank]
    return float(q[chosen].sum()), float(q[chosen, observed])


def mann_whitney_p(smaller, larger):
    """One-sided p-value of "values of ``smaller`` tend to be below those of ``larger``" (exact)."""
    if not smaller or not larger:
        return 1.0
    return min(1.0, rank_sum_tails(smaller, larger)[0])


def rank_sum_p(first, second):
    """Two-sided p-value of "``first`` and ``second`` come from one distribution" (exact)."""
    if not first or not second:
        return 1.0
    return min(1.0, 2 * min(rank_sum_tails(first, second)))


def position_above(draw, values):
    """Where one documented draw sits among many measured ones, as the share lying above it (ties and
    the draw itself counted half, so never 0 or 1): near 0 for a draw larger than today's, near 1
    for a smaller one."""
    above = sum(v > draw for v in values) + 0.5 * sum(v == draw for v in values)
    return (above + 0.5) / (len(values) + 1)


def stouffer_p(positions):
    """Are several independent draws, together, shifted against today's in either direction?
    Stouffer's combination of their positions (``position_above``), two-sided, so no direction is
    chosen after seeing the draws. Returns (p, z); z > 0 when the draws lie high."""
    normal = statistics.NormalDist()
    z = sum(normal.inv_cdf(1 - u) for u in positions) / math.sqrt(len(positions))
    return 2 * (1 - normal.cdf(abs(z))), z
