"""The kinds of check a claim's record uses, each judging one measured metric over its seeds.

Every threshold is a documented number (its key in the claim's ``documented``), a threshold of ours
named in the post's ``claims.py`` with its reason, a numeric precision, or a tolerance from the claim's
recorded calibration (``suite.calibrated``). Measurements return raw values; the bounds are applied
here; ``suite.judge`` adds the checks up to a verdict."""

import math
import numbers
import statistics
from dataclasses import dataclass, field

from .stats import mann_whitney_p, sign_test_p


@dataclass(frozen=True)
class Judged:
    ok: bool
    text: str
    metric: str = ""
    error: bool = False  # the check could not be judged: a metric it reads is missing or not finite

    @property
    def state(self):
        return "error" if self.error else ("holds" if self.ok else "fails")


def unusable(measured, metric):
    """Why ``metric`` cannot be judged ("" when it can): missing, or not finite on some seed."""
    base = metric.split(".")[0]
    if bad := measured.get(f"{base}.nonfinite"):
        return f"{base} is not finite on {bad} of {measured.get(f'{base}.n', bad)} seeds"
    value = measured.get(metric)
    if value is None:
        return f"{metric} was not measured"
    if isinstance(value, numbers.Real) and not math.isfinite(float(value)):
        return f"{metric} is not finite ({value})"
    return ""


def _fmt(value, digits=4):
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return str(value)


@dataclass(frozen=True)
class Check:
    metric: str
    label: str = field(default="", kw_only=True)  # how the report names the measured quantity
    at: str = field(default="", kw_only=True)  # judged only at this scale ("" = every scale)
    beside: tuple = field(default=(), kw_only=True)  # metrics shown beside the judgement, not judged

    calibrated = False  # its tolerance comes from the calibration

    def applies(self, scale):
        return not self.at or self.at == scale

    def reads(self):
        """The measured metrics this check reads."""
        return (self.metric, *((self.than,) if getattr(self, "than", "") else ()))

    def judge(self, measured, documented, calibration):
        for metric in self.reads():
            if problem := unusable(measured, metric):
                return Judged(False, f"{self._name()}: {problem}", self.metric, error=True)
        judged = self._judge(measured[self.metric], measured, documented, calibration)
        note = calibration.note() if self.calibrated and hasattr(calibration, "note") else ""
        return Judged(judged.ok, judged.text + self._beside(measured) + note, self.metric, judged.error)

    def _beside(self, measured):
        shown = [f"{m} {_fmt(measured[m])}" for m in self.beside if measured.get(m) is not None]
        return f" ({', '.join(shown)})" if shown else ""

    def _bound(self, documented):
        value = getattr(self, "bound")
        return documented[value] if isinstance(value, str) else value

    def _name(self):
        return self.label or self.metric


@dataclass(frozen=True)
class Equals(Check):
    """The measured value equals a documented one exactly (e.g. a printed truth table)."""

    doc: str = ""

    def _judge(self, value, measured, documented, calibration):
        want = documented[self.doc]
        return Judged(value == want, f"{self._name()} = {_fmt(value)} (documented {_fmt(want)})")


@dataclass(frozen=True)
class Close(Check):
    """Deterministic value within a numeric precision of the documented one."""

    doc: str = ""
    atol: float = 0.0

    def _judge(self, value, measured, documented, calibration):
        want = documented[self.doc]
        if isinstance(want, tuple):
            error = max(abs(a - b) for a, b in zip(value, want)) if len(value) == len(want) else math.inf
            return Judged(error <= self.atol, f"{self._name()}: largest difference {error:.3g} (allowed {self.atol:g})")
        ok = abs(value - want) <= self.atol
        return Judged(ok, f"{self._name()} = {_fmt(value, 7)} vs documented {_fmt(want, 7)} (±{self.atol:g})")


@dataclass(frozen=True)
class AtLeast(Check):
    bound: object = 0.0
    margin: bool = False  # say how many times the bound the value is (for a ratio judged against a floor)
    needed: bool = False  # a condition the claim's comparisons need: unmet, an error (cannot be judged)

    def _judge(self, value, measured, documented, calibration):
        bound = self._bound(documented)
        more = f", {value / bound:.2f}x the bound" if self.margin and bound > 0 else ""
        unmet = value < bound and self.needed
        more += "; unmet: what needs it cannot be judged" if unmet else ""
        return Judged(value >= bound, f"{self._name()} = {_fmt(value)} ≥ {_fmt(bound)}{more}", error=unmet)


@dataclass(frozen=True)
class AtMost(Check):
    bound: object = 0.0

    def _judge(self, value, measured, documented, calibration):
        bound = self._bound(documented)
        return Judged(value <= bound, f"{self._name()} = {_fmt(value)} ≤ {_fmt(bound)}")


def _number(bound, documented):
    """A bound named by its key in the claim's ``documented``, or a number of ours."""
    return documented[bound] if isinstance(bound, str) else bound


def _beyond(value, at_most, at_least, documented):
    """Whether one seed's raw value lies outside the bounds given."""
    if at_most is not None and value > _number(at_most, documented):
        return True
    return at_least is not None and value < _number(at_least, documented)


def _bounds_text(at_most, at_least, documented):
    parts = [f"≤ {_fmt(_number(at_most, documented))}"] if at_most is not None else []
    parts += [f"≥ {_fmt(_number(at_least, documented))}"] if at_least is not None else []
    return " and ".join(parts)


@dataclass(frozen=True)
class Holds(Check):
    """A per-seed property holds on every seed but a fraction ``tolerate`` of them, rounded down:
    at tolerate=0.1 a failure is allowed only from 10 seeds on, so one seed or two must all hold.

    The property is the metric itself (True/False per seed), or, with ``at_most``/``at_least``,
    a raw per-seed value within those bounds: the threshold lives here, not in the measurement.
    """

    tolerate: float = 0.0
    at_most: object = None
    at_least: object = None

    def _judge(self, value, measured, documented, calibration):
        if self.at_most is None and self.at_least is None:
            failures = measured.get(f"{self.metric}.failures", 0 if value == 1 else 1)
            n = measured.get(f"{self.metric}.n", 1)
        else:
            values = per_seed(measured, self.metric)
            failures = sum(_beyond(v, self.at_most, self.at_least, documented) for v in values)
            n = len(values)
        allowed = math.floor(self.tolerate * n + 1e-9)
        ok = failures <= allowed
        bounds = _bounds_text(self.at_most, self.at_least, documented)
        if n == 1:
            shown = f" = {_fmt(value)} {bounds}" if bounds else ""
            return Judged(ok, f"{self._name()}{shown}: {'holds' if ok else 'does not hold'}")
        note = f", at most {allowed} may fail ({self.tolerate:.0%} of {n})" if allowed else ""
        if bounds:
            spread = f"median {_fmt(value)}, {_fmt(min(values))}–{_fmt(max(values))}; {bounds}"
            return Judged(ok, f"{self._name()} ({spread}): holds on {n - failures}/{n} seeds{note}")
        return Judged(ok, f"{self._name()}: holds on {n - failures}/{n} seeds{note}")


@dataclass(frozen=True)
class MostSeeds(Check):
    """A per-seed property holds on more seeds than chance would give (one-sided sign test)."""

    alpha: float = 0.05

    def _judge(self, value, measured, documented, calibration):
        n = measured.get(f"{self.metric}.n", 1)
        holds = n - measured.get(f"{self.metric}.failures", 0 if value == 1 else 1)
        p = sign_test_p(holds, n)
        return Judged(
            p < self.alpha,
            f"{self._name()}: holds on {holds}/{n} seeds (sign test p = {p:.2g}, needs < {self.alpha:g})",
        )


def per_seed(measured, metric):
    """A metric's values over the seeds, in seed order (one value for one seed)."""
    return tuple(measured.get(f"{metric}.values") or (measured[metric],))


@dataclass(frozen=True)
class Paired(Check):
    """On the same seeds, ``metric`` is larger than ``than`` (two arms of one run, paired by seed), or
    than each metric of a tuple ``than`` in turn (an ordering the post draws: a > b > c on a seed).

    With ``alpha`` it is judged by a one-sided sign test (more seeds larger than chance gives, p <
    alpha); without, it must hold on every seed but a fraction ``tolerate``, rounded down, as in
    ``Holds`` (3 seeds give a sign test at best p = 0.125). A tie counts against.
    """

    than: object = ""  # a metric, or a tuple of metrics in descending order
    alpha: float = 0.0
    tolerate: float = 0.0

    def __post_init__(self):
        if self.alpha and self.tolerate:
            raise ValueError(f"{self.metric}: a sign test (alpha) or a tolerated share of seeds, not both")
        if len({metric.partition("@")[2] for metric in self.reads()}) != 1:  # pairs by position in .values
            raise ValueError(f"{self.metric}: paired arms must be read over one subset of runs: {self.reads()}")

    def reads(self):
        return (self.metric, *(self.than if isinstance(self.than, tuple) else (self.than,)))

    def _judge(self, value, measured, documented, calibration):
        arms = [per_seed(measured, metric) for metric in self.reads()]
        if len({len(arm) for arm in arms}) != 1:
            return Judged(False, f"{self._name()}: {', '.join(self.reads())} differ in seeds", error=True)
        larger = sum(all(a > b for a, b in zip(seed, seed[1:])) for seed in zip(*arms))
        n, order = len(arms[0]), " > ".join(self.reads())
        medians = "medians " + " vs ".join(_fmt(statistics.median(arm)) for arm in arms)
        if not self.alpha:
            allowed = math.floor(self.tolerate * n + 1e-9)
            note = f", at most {allowed} may fail ({self.tolerate:.0%} of {n})" if allowed else ""
            return Judged(n - larger <= allowed, f"{self._name()}: {order} on {larger}/{n} seeds ({medians}){note}")
        p = sign_test_p(larger, n)
        return Judged(
            p < self.alpha,
            f"{self._name()}: {order} on {larger}/{n} seeds ({medians}; sign test p = {p:.2g}, needs < {self.alpha:g})",
        )


@dataclass(frozen=True)
class Faster(Check):
    """Per-seed values of ``metric`` tend to be smaller than those of ``than`` (Mann-Whitney)."""

    than: str = ""
    alpha: float = 0.05

    def _judge(self, value, measured, documented, calibration):
        mine, theirs = measured.get(f"{self.metric}.values"), measured.get(f"{self.than}.values")
        if not mine or not theirs:
            return Judged(False, f"{self._name()}: needs several seeds of {self.metric} and {self.than}")
        p = mann_whitney_p(mine, theirs)
        return Judged(
            p < self.alpha,
            f"{self._name()}: medians {_fmt(value)} vs {_fmt(measured[self.than])} "
            f"(one-sided Mann-Whitney p = {p:.2g}, needs < {self.alpha:g})",
        )


@dataclass(frozen=True)
class MedianAtMost(Check):
    """The median of ``metric`` over seeds is no larger than the median of ``than`` plus ``slack``:
    two arms compared where one arm fails on a rare seed (a run that collapses), which a mean or a
    sign test on a few seeds cannot absorb."""

    than: str = ""
    slack: float = 0.0

    def _judge(self, value, measured, documented, calibration):
        mine, theirs = per_seed(measured, self.metric), per_seed(measured, self.than)
        median, other = statistics.median(mine), statistics.median(theirs)
        allowed = f" + {self.slack:g}" if self.slack else ""
        return Judged(
            median <= other + self.slack,
            f"{self._name()}: medians {_fmt(median)} vs {_fmt(other)}{allowed} over {len(mine)} seeds",
        )


@dataclass(frozen=True)
class WithinFactor(Check):
    """The value lies within a factor of a documented magnitude, either way: documented / factor ≤
    value ≤ documented × factor (a bound the post reads off a histogram, "largely within ±0.02")."""

    doc: str = ""
    factor: float = 10.0

    def _judge(self, value, measured, documented, calibration):
        want = documented[self.doc]
        low, high = want / self.factor, want * self.factor
        return Judged(
            low <= value <= high,
            f"{self._name()} = {_fmt(value)} within ×{self.factor:g} of documented {_fmt(want)} "
            f"[{_fmt(low)}, {_fmt(high)}]",
        )
