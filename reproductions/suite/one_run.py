"""The one rule for one-run claims ("it learns", "can reach 100%"): the probability that one run of the
documented setup and budget shows the documented outcome, pooled with the calibration, and how often
the rule would pass a model that shows it rarely."""

import math
from dataclasses import dataclass

from .checks import Check, Judged, _beyond, _bounds_text, per_seed
from .stats import MEDIAN_ALPHA, binomial_pmf, clopper_pearson, fisher_p


def _rate_text(shown, n, before):
    """Whether ``shown`` of n seeds now show the outcome no more rarely than ``before`` (the
    calibration's yes/no outcomes) did: Fisher's exact test, one-sided."""
    if not before:
        return ""
    p = fisher_p(shown, n, sum(before), len(before), fewer=True)
    return (
        f"; the rate now against the calibration's: {n} measured seeds show it "
        f"{'no more rarely than' if p >= MEDIAN_ALPHA else 'more rarely than'} {len(before)} calibrated draws "
        f"(Fisher's exact test, one-sided, p = {p:.2g}, fails below {MEDIAN_ALPHA:g})"
    )


ONE_RUN_RATE = 0.05  # the one rule for "the author's run worked": one run in twenty shows it
RARE_RATE = 0.01  # ours: a model that shows the outcome on one run in a hundred, a fifth of ONE_RUN_RATE,
RARE_PASSES = 0.05  # ours: passes the rule at most this often on a claim's seeds (tests/test_registry.py)


def one_run_holds(shown, n, shown_before, before):
    """The rule's decision on counts: ``shown`` of n seeds now, ``shown_before`` of ``before`` other
    calibrated seeds. The pooled probability is at least ONE_RUN_RATE, a seed now shows the outcome,
    and the seeds now show it no more rarely than the calibration's did (Fisher's exact test at
    MEDIAN_ALPHA, one-sided: showing it more often only adds to the claim, so the rule is monotone,
    more seeds showing it never failing a claim that fewer pass)."""
    pooled = (shown + shown_before) / (n + before)
    return (
        shown >= 1 and pooled >= ONE_RUN_RATE and fisher_p(shown, n, shown_before, before, fewer=True) >= MEDIAN_ALPHA
    )


def one_run_passes(rate, n, shown_before, before):
    """How often the rule holds for a model whose runs show the outcome with probability ``rate``,
    on n seeds against that calibration (exact: today's count is binomial)."""
    return sum(binomial_pmf(k, n, rate) for k in range(n + 1) if one_run_holds(k, n, shown_before, before))


@dataclass(frozen=True)
class OneRunWorks(Check):
    """A claim resting on the author's single run ("it learns", "can reach 100%"), judged by one rule:
    the probability that one run of the documented setup and budget shows the documented outcome.

    It holds when that probability is at least ONE_RUN_RATE (below one run in twenty, the author's
    run would itself have been a rare draw), the seeds measured now show the outcome at least once
    (a model that never shows it fails, whatever the calibration says), and they show it no more
    rarely than the calibration's seeds did (Fisher's exact test at MEDIAN_ALPHA, one-sided: the
    pooled rate is mostly the calibration's, so a model that now shows it far more rarely fails; one
    that shows it more often only adds to the claim, so more seeds showing it never fail it).
    The probability is estimated from the seeds measured now with the calibration's other seeds,
    and reported with its exact 95% interval, beside how often the rule would pass a model showing
    the outcome on RARE_RATE of runs. Each claim runs enough seeds that such a model passes at most
    RARE_PASSES of the time and a sound one fails at most 1% (tests/test_registry.py).
    """

    # a run shows the outcome when its value is at most / at least this: a documented number (its key)
    # or a threshold of ours; with neither, the metric is the per-seed outcome itself (True/False)
    at_most: object = None
    at_least: object = None
    # a subset's metric (``<metric>@<subset>``): a run outside the subset shows nothing, so the rate is
    # over every run (one run must show both: in the subset, and this), not over the subset's runs
    outside_shows_nothing: bool = False
    calibrated = True

    def __post_init__(self):
        if self.outside_shows_nothing and (self.at_most, self.at_least) == (None, None):
            raise ValueError(f"{self.metric}: outside_shows_nothing needs a bound (at_most or at_least)")

    def reads(self):
        return (self.metric, self.metric.split("@")[0]) if self.outside_shows_nothing else (self.metric,)

    def judge(self, measured, documented, calibration):
        if calibration is None:  # the rule pools a calibration: without one it cannot be applied
            return Judged(False, f"{self._name()}: no calibration recorded at this scale", self.metric, error=True)
        if self.outside_shows_nothing and measured.get(self.metric, 0) is None:  # no run is in the subset:
            # not a missing metric but an outcome shown by none (a run valued None shows nothing)
            measured = {**measured, self.metric: 0.0, f"{self.metric}.values": (None,)}
        return super().judge(measured, documented, calibration)

    def outcomes(self, values, every_run, documented):
        """Each run's yes/no: ``values`` of the metric, ``every_run`` the base metric's values (all
        runs), which count runs outside a subset as not showing it when ``outside_shows_nothing``."""
        shown = [self.shows(v, documented) for v in values]
        return shown + [False] * (len(every_run) - len(values)) if self.outside_shows_nothing else shown

    def shows(self, value, documented):
        """Whether one run's value shows the documented outcome."""
        if value is None or (isinstance(value, float) and math.isnan(value)):  # NaN shows nothing
            return False
        if self.at_most is None and self.at_least is None:
            return bool(value)
        return not _beyond(value, self.at_most, self.at_least, documented)

    def _judge(self, value, measured, documented, calibration):
        base = self.reads()[-1]  # whose runs count: a subset's base metric when runs outside it show nothing
        if self.at_most is not None or self.at_least is not None:
            now = self.outcomes(per_seed(measured, self.metric), per_seed(measured, base), documented)
            n, shown = len(now), sum(now)
        else:
            n = measured.get(f"{self.metric}.n", 1)
            shown = n - measured.get(f"{self.metric}.failures", 0 if value == 1 else 1)
        others = calibration.reference(self.metric)
        simulated = others is None
        if simulated:  # a simulated fresh master seed: every calibrated seed is another seed
            others, every_run = calibration.values(self.metric), calibration.values(base)
        else:
            every_run = calibration.reference(base)
        before = self.outcomes(others, every_run, documented)
        k, total = shown + sum(before), n + len(before)
        low, high = clopper_pearson(k, total)
        pooled = f" with {len(before)} calibrated ({k}/{total})" if before else ""
        # the pooled rate is mostly the calibration's: the seeds measured now must show the outcome no
        # more rarely than it did, or a model that shows it far more rarely today would pass on the record
        same_text, power = "", ""
        if simulated:  # a simulation leaves the rate test out: suite.alarms bounds it exactly
            ok = shown >= 1 and k / total >= ONE_RUN_RATE
        else:
            ok = one_run_holds(shown, n, sum(before), len(before))
            same_text = _rate_text(shown, n, before)
            power = (
                f"; a model showing it on {RARE_RATE:.0%} of runs passes "
                f"{one_run_passes(RARE_RATE, n, sum(before), len(before)):.1%} of the time on {n} seeds"
            )
        bounds = _bounds_text(self.at_most, self.at_least, documented)
        return Judged(
            ok,
            f"{self._name()}{f' {bounds}' if bounds else ''}: {shown}/{n} seeds now{pooled}: one run shows it with probability "
            f"{k / total:.0%} (95% interval {low:.0%}–{high:.0%}); the rule for one-run claims needs "
            f"≥ {ONE_RUN_RATE:.0%} and at least one seed now{same_text}{power}",
        )
