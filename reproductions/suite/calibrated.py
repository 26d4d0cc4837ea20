"""Checks held to a recorded calibration: the documented draw against the calibrated draws, and the
seeds measured now against the calibrated distribution (a rank-sum test, exact wherever the counting
fits: ``stats.rank_sum_tails``). The rule for one-run claims is in ``one_run.py``."""

import math
import statistics
from dataclasses import dataclass, field

from .checks import Check, Judged, MedianAtMost, _fmt, per_seed
from .stats import (
    MEDIAN_ALPHA,
    position_above,
    rank_sum_p,
    stouffer_p,
)


def _same_distribution(metric, measured, calibration):
    """(holds, text): the measured seeds' values and the calibrated draws of other seeds come from
    one distribution, by an exact two-sided rank-sum test at MEDIAN_ALPHA, so the calibration
    describes the model measured now. Fewer seeds than the test can ever reject with say so."""
    mine = list(measured.get(f"{metric}.values") or (measured[metric],))
    theirs = calibration.reference(metric)
    if theirs is None:  # suite.alarms bounds this part exactly instead of simulating it
        return True, "not simulated"
    return _same_draws(mine, theirs)


def _same_draws(mine, theirs):
    """``_same_distribution`` of two lists of values (booleans too: then it is Fisher's exact test)."""
    smallest = 2 / math.comb(len(mine) + len(theirs), len(mine))
    if smallest >= MEDIAN_ALPHA:
        return True, (
            f"not tested against the calibration: {len(mine)} seed(s) and {len(theirs)} calibrated draws "
            f"cannot reach p < {MEDIAN_ALPHA:g}"
        )
    p = rank_sum_p(mine, theirs)
    return p >= MEDIAN_ALPHA, (
        f"{len(mine)} measured seeds {'match' if p >= MEDIAN_ALPHA else 'differ from'} "
        f"{len(theirs)} calibrated draws (two-sided rank-sum p = {p:.2g}, fails below "
        f"{MEDIAN_ALPHA:g})"
    )


def _percentile_text(want, values, what="calibrated draws"):
    below = sum(v < want for v in values) + 0.5 * sum(v == want for v in values)
    return f"{100 * below / len(values):.0f}% of {len(values)} {what} lie below it"


DRAW_ALPHA = 0.05  # a claim's documented draws are typical of today's runs unless, held together, one lies
# in their outer 5% (either side): k single draws at 0.05/k each; a joint test of several claims' runs apart


def _is_draw(value):
    """A run's value that can be ranked (None: the run shows no value, as a run that never fitted)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def draw_position_p(draw, values):
    """Exact two-sided p that ``draw`` is another draw of the distribution ``values`` came from: the
    draw and n values exchangeable, it has a rank at least as extreme as its own on its nearer side
    with probability (beyond + 1) / (n + 1), ties counted as beyond; doubled for two sides. A draw
    beyond all n reads 2 / (n + 1): below 0.05 only with 40 values or more."""
    at_or_above = sum(v >= draw for v in values)
    at_or_below = sum(v <= draw for v in values)
    return min(1.0, 2 * (min(at_or_above, at_or_below) + 1) / (len(values) + 1))


@dataclass(frozen=True)
class DrawTest(Check):
    """A test of documented draws, held with the claim's other such tests to DRAW_ALPHA."""

    family: int = field(default=1, kw_only=True)  # how many such tests the claim holds (judge.as_family)
    calibrated = True
    in_family = True  # counted among the claim's tests of documented draws (JointlyTypical is not)

    @property
    def alpha(self):
        """Each of a claim's k tests of documented draws is held to DRAW_ALPHA / k (Bonferroni), so a
        claim whose documented draws are all typical fails at most DRAW_ALPHA of the time, however the
        draws depend on each other (several readings of one log do); a joint test of several claims'
        runs, held apart (JointlyTypical), may add up to DRAW_ALPHA more."""
        return DRAW_ALPHA / self.family

    def _level(self):
        if self.family == 1:
            return f"{self.alpha:g}"
        return f"{DRAW_ALPHA:g}/{self.family} = {self.alpha:.2g}, one of {self.family} tests of documented draws in the claim"


def printed_position_p(documented, printed, values):
    """``draw_position_p`` of the most typical value the documented number stands for, an interval
    ``printed`` wide (0.997 printed to 0.001: any value from 0.9965 to 0.9975): if the
    author's run lay anywhere in that interval, that value's p is at most this one, so a draw held to
    alpha this way still fails a typical run at most alpha of the time, and the verdict does not rest
    on where in its last digit the post rounded. ``printed`` 0: the number is read as exact."""
    low, high = documented - printed / 2, documented + printed / 2
    inside = sorted({low, high, documented, *(v for v in values if low < v < high)})
    candidates = inside + [(a + b) / 2 for a, b in zip(inside, inside[1:])]
    return max(draw_position_p(v, values) for v in candidates)


@dataclass(frozen=True)
class InsideCalibrated(DrawTest):
    """The documented single draw (an epoch count, a cost read off one log) is a typical draw of
    today's runs: its exact two-sided position p among the seeds measured now and the calibration's
    other seeds (``draw_position_p``) reaches ``alpha``, DRAW_ALPHA shared with the claim's other
    tests of documented draws; and the seeds measured now are draws of the calibrated distribution
    (so it describes today's model). A calibration large enough that the seeds measured now barely move
    the position keeps a draw near the edge from being judged by a coin flip (tests/test_false_alarms.py)."""

    doc: str = ""
    printed: float = 0.0  # the width of the interval the documented number stands for, where it is at
    # least a tenth of the calibrated draws' interquartile range: the unit the post printed it to (0.997:
    # 0.001), or twice it for a difference of two printed numbers; 0: read as exact

    def _judge(self, value, measured, documented, calibration):
        if calibration is None:
            return Judged(False, f"{self._name()}: no calibration recorded at this scale", error=True)
        want = documented[self.doc]
        reference = calibration.reference(self.metric)
        if reference is None:  # a simulated fresh master seed: every calibrated seed is another seed
            reference = calibration.values(self.metric)
        draws = [v for v in (*per_seed(measured, self.metric), *reference) if _is_draw(v)]
        if 2 / (len(draws) + 1) >= self.alpha:  # even a draw beyond all of them would read p >= alpha
            return Judged(
                False,
                f"{self._name()}: {len(draws)} runs cannot tell an atypical draw at p < {self._level()}",
                error=True,
            )
        p = printed_position_p(want, self.printed, draws)
        low, high = want - self.printed / 2, want + self.printed / 2
        rounding = f" at the most typical value printed so ({_fmt(low)}–{_fmt(high)})" if self.printed else ""
        typical, median_text = _same_distribution(self.metric, measured, calibration)
        return Judged(
            p >= self.alpha and typical,
            f"{self._name()}: documented {_fmt(want)} {'a typical' if p >= self.alpha else 'not a typical'} draw "
            f"({_percentile_text(want, draws, 'runs today')}; median {_fmt(statistics.median(draws))}, range "
            f"{_fmt(min(draws))}–{_fmt(max(draws))}; two-sided position p = {p:.2g}{rounding}, fails below "
            f"{self._level()}); {median_text}",
        )


@dataclass(frozen=True)
class LikeCalibration(Check):
    """The seeds measured now are draws of the calibrated distribution (an exact two-sided rank-sum
    test at MEDIAN_ALPHA): what is measured instead of a documented number, held to its calibration
    so that a broken model fails it and a sound one but once in 1/MEDIAN_ALPHA (10,000)."""

    calibrated = True

    def _judge(self, value, measured, documented, calibration):
        if calibration is None:
            return Judged(False, f"{self._name()}: no calibration recorded at this scale", error=True)
        ok, text = _same_distribution(self.metric, measured, calibration)
        return Judged(ok, f"{self._name()} median {_fmt(value)}: {text}")


@dataclass(frozen=True)
class MarginAtMost(MedianAtMost):
    """``MedianAtMost`` whose false-alarm rate (a margin of ours, ``slack``, or two medians of a few
    seeds) is known only from a calibration at the judged scale, by bootstrap as ``suite.alarms``
    does for the claims that scale judges: at a scale with none it is not judged (an error that says so)."""

    calibrated = True

    def _judge(self, value, measured, documented, calibration):
        if calibration is None:
            return Judged(False, f"{self._name()}: no calibration recorded at this scale for its margin", error=True)
        return super()._judge(value, measured, documented, calibration)


@dataclass(frozen=True)
class JointlyTypical(DrawTest):
    """Several documented single draws, taken together, are draws of today's distributions.

    ``metric`` and ``others`` name one metric per draw, from independent runs, in the order of the
    documented tuple ``doc``. Each draw's position is taken among the seeds measured now and the
    calibration's other seeds; Stouffer's method combines the positions, two-sided (draws jointly
    higher or jointly lower than today's). It fails when the combined p is below DRAW_ALPHA: each
    draw may look possible alone while together they are not.

    It is one test of several runs, shared by the claims of those runs, so it is held to DRAW_ALPHA
    on its own, not split among one claim's tests of documented draws: split, the same p would pass
    in a claim with more such tests and fail in one with fewer, and the verdict would turn on how
    many readings a claim happens to hold.
    """

    others: tuple = ()
    doc: str = ""
    in_family = False

    @property
    def alpha(self):
        return DRAW_ALPHA

    def _level(self):
        return f"{DRAW_ALPHA:g}, one test of the runs together, shared by their claims"

    def reads(self):
        return (self.metric, *self.others)

    def _judge(self, value, measured, documented, calibration):
        if calibration is None:
            return Judged(False, f"{self._name()}: no calibration recorded at this scale", error=True)
        draws = documented[self.doc]
        positions = []
        for metric, draw in zip(self.reads(), draws, strict=True):
            reference = calibration.reference(metric)
            if reference is None:  # a simulated fresh master seed: every calibrated seed is another seed
                reference = calibration.values(metric)
            positions.append(position_above(draw, [*per_seed(measured, metric), *reference]))
        p, z = stouffer_p(positions)
        listed = ", ".join(f"{d} ({1 - u:.0%})" for d, u in zip(draws, positions))
        # as InsideCalibrated: the seeds measured now must be draws of the calibrated runs, so that the
        # positions describe today's model (and a model that leaves the calibration fails the check)
        unlike = [metric for metric in self.reads() if not _same_distribution(metric, measured, calibration)[0]]
        return Judged(
            p >= self.alpha and not unlike,
            f"{self._name()}: documented {listed} (the share of today's runs below each); together "
            f"{'higher' if z > 0 else 'lower'} than today's by Stouffer's two-sided combination, "
            f"z = {z:.2f}, p = {p:.2g}, fails below {self._level()}; "
            + (
                f"the seeds measured now differ from the calibrated draws in {', '.join(unlike)} (rank-sum)"
                if unlike
                else f"the seeds measured now match the calibrated draws in all {len(self.reads())} (rank-sum)"
            ),
        )
