"""How a claim is judged: checks over the measured values, and the verdict they add up to.

A claim's ``checks`` state its documented result; its ``explains`` state the explanation an
``artifact`` needs, or what is measured instead for a ``not-reproduced`` claim. Every threshold is
either a documented number (named by its key in the claim's ``documented``), a numeric precision,
or a tolerance derived from the claim's recorded calibration.
"""

import math
from dataclasses import dataclass, field

from .stats import mann_whitney_p, median_range, sign_test_p, spread_tolerance

VERDICTS = ("reproduced", "artifact", "not-reproduced", "unavailable")


@dataclass(frozen=True)
class Judged:
    ok: bool
    text: str
    metric: str = ""


def _fmt(value, digits=4):
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return str(value)


@dataclass(frozen=True)
class Check:
    metric: str
    label: str = field(default="", kw_only=True)  # how the report names the measured quantity
    at: str = field(default="", kw_only=True)     # judged only at this scale ("" = every scale)

    calibrated = False                            # its tolerance comes from the calibration

    def applies(self, scale):
        return not self.at or self.at == scale

    def judge(self, measured, documented, calibration):
        if measured.get(self.metric) is None:
            return Judged(False, f"{self._name()}: {self.metric} was not measured", self.metric)
        judged = self._judge(measured[self.metric], measured, documented, calibration)
        note = calibration.note() if self.calibrated and hasattr(calibration, "note") else ""
        return Judged(judged.ok, judged.text + note, self.metric)

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

    def _judge(self, value, measured, documented, calibration):
        bound = self._bound(documented)
        return Judged(value >= bound, f"{self._name()} = {_fmt(value)} ≥ {_fmt(bound)}")


@dataclass(frozen=True)
class AtMost(Check):
    bound: object = 0.0

    def _judge(self, value, measured, documented, calibration):
        bound = self._bound(documented)
        return Judged(value <= bound, f"{self._name()} = {_fmt(value)} ≤ {_fmt(bound)}")


@dataclass(frozen=True)
class Holds(Check):
    """A per-seed property holds on every seed but at most ``max_failures`` of them."""
    max_failures: int = 0

    def _judge(self, value, measured, documented, calibration):
        failures = measured.get(f"{self.metric}.failures", 0 if value == 1 else 1)
        n = measured.get(f"{self.metric}.n", 1)
        ok = failures <= self.max_failures
        if n == 1:
            return Judged(ok, f"{self._name()}: {'holds' if ok else 'does not hold'}")
        allowed = f", at most {self.max_failures} may fail" if self.max_failures else ""
        return Judged(ok, f"{self._name()}: holds on {n - failures}/{n} seeds{allowed}")


@dataclass(frozen=True)
class MostSeeds(Check):
    """A per-seed property holds on more seeds than chance would give (one-sided sign test)."""
    alpha: float = 0.05

    def _judge(self, value, measured, documented, calibration):
        n = measured.get(f"{self.metric}.n", 1)
        holds = n - measured.get(f"{self.metric}.failures", 0 if value == 1 else 1)
        p = sign_test_p(holds, n)
        return Judged(p < self.alpha, f"{self._name()}: holds on {holds}/{n} seeds (sign test p = {p:.2g}, "
                                      f"needs < {self.alpha:g})")


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
        return Judged(p < self.alpha, f"{self._name()}: medians {_fmt(value)} vs {_fmt(measured[self.than])} "
                                      f"(one-sided Mann-Whitney p = {p:.2g}, needs < {self.alpha:g})")


@dataclass(frozen=True)
class MedianAtMost(Check):
    """The median of ``metric`` over seeds is no larger than the median of ``than``."""
    than: str = ""

    def _judge(self, value, measured, documented, calibration):
        other = measured.get(self.than)
        if other is None:
            return Judged(False, f"{self._name()}: {self.than} was not measured")
        return Judged(value <= other, f"{self._name()}: medians {_fmt(value)} vs {_fmt(other)}")


@dataclass(frozen=True)
class NearDocumented(Check):
    """The documented single draw lies within the calibrated spread of draws around the median.

    The tolerance is derived from the claim's calibration (per-seed values over ≥ 10 seeds);
    ``log`` compares in decades, for quantities such as a final loss.
    """
    doc: str = ""
    log: bool = False
    calibrated = True

    def _judge(self, value, measured, documented, calibration):
        want = documented[self.doc]
        if calibration is None:
            return Judged(False, f"{self._name()}: no calibration recorded")
        calibrated = calibration.values(self.metric)
        if self.log and any(not v > 0 for v in (value, want, *calibrated)):  # no decades at <= 0 or NaN
            return Judged(False, f"{self._name()} median {_fmt(value)} vs documented {want}: cannot be compared "
                                 f"in decades, a value (measured, documented or calibrated) is ≤ 0 or NaN")
        tol = spread_tolerance(calibrated, log=self.log)
        below = sum(v < want for v in calibrated) + 0.5 * sum(v == want for v in calibrated)
        where = f"; {100 * below / len(calibrated):.0f}% of {len(calibrated)} calibrated draws lie below it"
        if self.log:
            gap = abs(math.log10(value) - math.log10(want))
            text = (f"{self._name()} median {_fmt(value)} vs documented {want}: "
                    f"{gap:.2f} decades apart (calibrated tolerance {tol:.2f}){where}")
        else:
            gap = abs(value - want)
            text = (f"{self._name()} median {_fmt(value)} vs documented {want} "
                    f"(calibrated tolerance ±{tol:.3g}){where}")
        return Judged(gap <= tol, text)


def verdict_of(expected, checks_ok, explains_ok):
    """The verdict the measurement supports, given which checks held."""
    if expected == "artifact":
        if checks_ok:
            return "artifact" if explains_ok else "reproduced"
        return "not-reproduced"
    return "reproduced" if checks_ok else "not-reproduced"


@dataclass(frozen=True)
class InsideCalibrated(Check):
    """The documented single draw lies inside the calibrated range of draws, and the measured
    median where 99.9% of medians of as many calibrated seeds fall (a bootstrap of the calibration):
    a broken model lands far outside, and a fresh set of seeds fails a sound one once in 1,000.

    For skewed per-seed counts (epochs to 100%), where a padded spread around the median would
    admit anything.
    """
    doc: str = ""
    calibrated = True

    def _judge(self, value, measured, documented, calibration):
        want = documented[self.doc]
        if calibration is None:
            return Judged(False, f"{self._name()}: no calibration recorded")
        calibrated = sorted(calibration.values(self.metric))
        seeds = int(measured.get(f"{self.metric}.n", 1))
        low, high = median_range(calibrated, seeds)
        below = sum(v < want for v in calibrated) + 0.5 * sum(v == want for v in calibrated)
        inside = calibrated[0] <= want <= calibrated[-1]
        typical = low <= value <= high
        return Judged(inside and typical, (
            f"{self._name()}: documented {_fmt(want)} is {'inside' if inside else 'outside'} the calibrated "
            f"range {_fmt(calibrated[0])}–{_fmt(calibrated[-1])} (percentile {100 * below / len(calibrated):.0f} "
            f"of {len(calibrated)}); measured median {_fmt(value)} {'inside' if typical else 'outside'} "
            f"{_fmt(low)}–{_fmt(high)}, where 99.9% of medians of {seeds} calibrated seeds fall"))
