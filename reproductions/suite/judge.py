"""How a claim is judged: its checks (``suite.checks``, ``suite.calibrated``) over the measured
values, and the verdict they add up to.

A claim's ``checks`` state its documented result; its ``explains`` state the explanation an
``artifact`` needs, what is measured instead for a ``not-reproduced`` claim, or what every run of the
claim's kind shows (shown beside the verdict, not part of it). Explanations must hold for the claim
test to pass; the verdict rests on the checks alone.
"""

from dataclasses import dataclass, replace

from .calibrated import DrawTest
from .checks import Judged

VERDICTS = ("reproduced", "artifact", "not-reproduced", "unavailable")


@dataclass
class Judgement:
    """One claim judged on one set of measured values: what each check found, and the verdict."""

    expected: str
    checks: list
    explains: list
    verdict: str
    not_judged: list  # checks that apply at another scale only

    @property
    def passed(self):
        """What makes a claim test pass: the expected verdict, with every explanation holding."""
        return self.verdict == self.expected and all(j.ok for j in self.explains)


def judge_claim(claim, measured, calibration, scale):
    """The one judging path: the claims test (through the engine), the false-alarm simulation and
    the registry's probe test all call this."""
    checks = [c.judge(measured, claim.documented, calibration) for c in as_family(claim.checks, scale)]
    if not checks:  # all([]) would call it reproduced on nothing
        checks = [Judged(False, f"no check of {claim.id} applies at the {scale} scale", error=True)]
    # an explanation is accepted only if each of its tests holds at the full level: uncorrected is the
    # strict side there, as corrected is for the checks a verdict rests on
    explains = [c.judge(measured, claim.documented, calibration) for c in claim.explains if c.applies(scale)]
    error = any(j.error for j in checks + explains)
    verdict = verdict_of(claim.expected, all(j.ok for j in checks), all(j.ok for j in explains), error)
    not_judged = [
        f"{c.label or c.metric} (judged at the {c.at} scale only)"
        for c in claim.checks + claim.explains
        if not c.applies(scale)
    ]
    return Judgement(claim.expected, checks, explains, verdict, not_judged)


def as_family(checks, scale):
    """The checks that apply at ``scale``, each test of documented draws told how many the claim
    holds: together they are held to DRAW_ALPHA (DrawTest.alpha), each at DRAW_ALPHA / k. A joint
    test of several claims' runs is held on its own (JointlyTypical)."""
    applying = [c for c in checks if c.applies(scale)]
    family = sum(isinstance(c, DrawTest) and c.in_family for c in applying)
    return [replace(c, family=family) if isinstance(c, DrawTest) and c.in_family else c for c in applying]


def verdict_of(expected, checks_ok, explains_ok, error=False):
    """The verdict the measurement supports, given which checks held; "error" when a check could
    not be judged (a missing or non-finite metric), whatever verdict was expected."""
    if error:
        return "error"
    if expected == "artifact":
        if checks_ok:
            return "artifact" if explains_ok else "reproduced"
        return "not-reproduced"
    return "reproduced" if checks_ok else "not-reproduced"
