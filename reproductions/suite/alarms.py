"""False alarms: how often a sound model fails its claim test under a fresh master seed.

No training. A claim's checks are of two kinds, and each kind's rate is found its own way:

- the exact rank-sum test that holds fresh seeds to the calibration (``calibrated._same_distribution``)
  fails a sound model with probability at most MEDIAN_ALPHA, by construction; each metric a claim
  tests so adds MEDIAN_ALPHA to its bound (checks of one metric run the same test on the same
  seeds: one event), and the suite's bound counts each metric of a measurement once; the one-run
  rule's test of today's rate is Fisher's one-sided exact test (the lower tail) on yes/no outcomes, whose exact
  size at the calibrated rate (``stats.fisher_size``, below MEDIAN_ALPHA: counts are discrete) is added;
- everything else (documented draws' positions, rates, sign and ordering tests, thresholds on medians) is
  simulated: fresh seeds, as many as the claim runs on, are drawn from the calibration's recorded
  runs with replacement (a bootstrap, so 40 seeds vary as 40 new seeds would, not as 40 of the same
  60 do) and judged as the claims test judges them.

A claim's rate is the simulated one plus its exact part; the whole suite's is the sum of the
simulated rates plus MEDIAN_ALPHA per distinct tested metric and the rate tests' sizes (a union
bound over claims). The
simulated parts are estimates, not bounds: resampling recorded runs never produces a value beyond
the calibrated extremes, so a threshold outside them simulates as never crossed.
"""

import math
from dataclasses import dataclass

import numpy as np

from . import calibration as calibration_files
from .calibrated import InsideCalibrated, JointlyTypical, LikeCalibration
from .judge import judge_claim
from .one_run import OneRunWorks
from .registry import CLAIMS
from .stats import MEDIAN_ALPHA, aggregate, fisher_size

RESAMPLES = 2000
SUITE_TARGET = 0.01  # a sound model should fail the whole suite under at most 1 master seed in 100


@dataclass
class ClaimRate:
    claim: object
    seeds: int  # fresh seeds judged per resample: the claim's own count
    reference: int  # calibrated runs the rank-sum tests hold them to (a new master seed: all)
    resamples: int
    alarms: int  # simulated resamples where the claim test failed
    rank_tests: frozenset  # (measurement, metric) pairs it rank-tests, each failing a sound model at most MEDIAN_ALPHA
    rate_tests: dict  # the one-run rule's tests of today's rate -> each one's exact size at the calibrated rate
    holds: dict  # "n. check label" -> fraction of resamples where it held

    @property
    def rate(self):
        return self.simulated + len(self.rank_tests) * MEDIAN_ALPHA + sum(self.rate_tests.values())

    @property
    def simulated(self):
        return self.alarms / self.resamples


def judged_claims(scale="quick", ids=None):
    """Stochastic claims with a calibration at ``scale``, the ones a new master seed can change."""
    for claim in CLAIMS:
        if claim.measure and claim.stochastic and not claim.skip_reason_at(scale) and (ids is None or claim.id in ids):
            recorded = calibration_files.load(claim, scale)
            if recorded is not None:
                yield claim, recorded


def claim_rate(claim, recorded, resamples=RESAMPLES, scale="quick"):
    checks = [c for c in claim.checks if c.applies(scale)]
    explains = [c for c in claim.explains if c.applies(scale)]
    read = {metric.split(".")[0] for check in checks + explains for metric in check.reads()}
    runs = [{k: v for k, v in run.items() if k in read} for run in recorded.runs]  # what is judged
    seeds, reference = claim.seeds_at(scale), len(runs)
    rng = np.random.default_rng(0)
    alarms, held = 0, {index: 0 for index in range(len(checks + explains))}
    unsimulated = _WithoutReference(recorded)
    for _ in range(resamples):
        measured = aggregate([runs[i] for i in rng.integers(len(runs), size=seeds)])
        judgement = judge_claim(claim, measured, unsimulated, scale)  # as the claims test judges
        for index, judged in enumerate(judgement.checks + judgement.explains):
            held[index] += judged.ok
        alarms += not judgement.passed
    rank_tests = frozenset(
        (claim.measure.name, metric.split(".")[0])
        for c in checks + explains
        if isinstance(c, (InsideCalibrated, LikeCalibration, JointlyTypical)) and _testable(seeds, reference)
        for metric in (c.reads() if isinstance(c, JointlyTypical) else (c.metric,))
    )
    rate_tests = {  # the one-run rule's test of today's rate, on yes/no outcomes: its exact size
        (claim.measure.name, c.metric, "shows", repr(c.at_most), repr(c.at_least)): _rate_test_size(
            c, claim.documented, recorded, seeds
        )
        for c in checks + explains
        if isinstance(c, OneRunWorks) and _testable(seeds, reference)
    }
    return ClaimRate(
        claim,
        seeds,
        reference,
        resamples,
        alarms,
        rank_tests,
        rate_tests,
        {
            f"{index + 1}. {check.label or check.metric}": held[index] / resamples
            for index, check in enumerate(checks + explains)
        },
    )


class _WithoutReference:
    """The calibration, with the rank-sum part left out of the simulation (it is bounded exactly)."""

    def __init__(self, recorded):
        self.recorded = recorded

    def values(self, metric):
        return self.recorded.values(metric)

    def reference(self, metric):
        return None


def _rate_test_size(check, documented, recorded, seeds):
    """How often the one-run rule's test of today's rate fails a sound model: Fisher's one-sided exact test on
    discrete counts rejects less often than its level, here computed exactly at the calibrated rate
    for the claim's seed count (approximate for a subset's metric, where the seeds in it vary)."""
    base = check.reads()[-1]  # whose runs count: the subset's base metric when runs outside it show nothing
    outcomes = check.outcomes(recorded.values(check.metric), recorded.values(base), documented)
    return fisher_size(seeds, len(outcomes), sum(outcomes) / len(outcomes), MEDIAN_ALPHA, fewer=True)


def _testable(seeds, reference):
    """Whether a rank-sum test of ``seeds`` values against ``reference`` can reject at MEDIAN_ALPHA."""
    return 2 / math.comb(seeds + reference, seeds) < MEDIAN_ALPHA


def suite_rates(resamples=RESAMPLES, scale="quick", ids=None):
    return [claim_rate(claim, recorded, resamples, scale) for claim, recorded in judged_claims(scale, ids)]


def suite_bound(rates):
    """The chance that at least one claim raises a false alarm: at most the sum of the claims'
    simulated rates, MEDIAN_ALPHA per distinct rank-tested metric and the size of each distinct test of
    the one-run rule's rate (claims sharing a measurement are not independent, so no product is taken)."""
    tested = frozenset().union(*(r.rank_tests for r in rates))
    rate_tests = {key: size for r in rates for key, size in r.rate_tests.items()}
    return min(1.0, sum(r.simulated for r in rates) + len(tested) * MEDIAN_ALPHA + sum(rate_tests.values()))


def text(rates):
    lines = [
        f"{'claim':<32} {'seeds':>5} {'ref':>4} {'false alarms':>13}  {'rank':>4}  checks that failed a sound model"
    ]
    for r in sorted(rates, key=lambda r: -r.rate):
        failing = "; ".join(f"{name} {1 - share:.2%}" for name, share in r.holds.items() if share < 1)
        lines.append(
            f"{r.claim.id:<32} {r.seeds:>5} {r.reference:>4} {r.rate:>12.2%}  {len(r.rank_tests):>4}  {failing or '—'}"
        )
    total = suite_bound(rates)
    lines.append(
        f"whole suite, one master seed: {total:.2%} (the claims' simulated rates, each estimated from "
        f"{rates[0].resamples if rates else 0} bootstrap draws, plus an exact {MEDIAN_ALPHA:g} for each of "
        f"{len(frozenset().union(*(r.rank_tests for r in rates)))} rank-tested metrics, and the exact sizes "
        f"({sum({k: v for r in rates for k, v in r.rate_tests.items()}.values()):.3%}) of "
        f"{len({k for r in rates for k in r.rate_tests})} tests of the one-run rule's rate, summed as a "
        f"union bound; target {SUITE_TARGET:.0%})"
    )
    return "\n".join(lines) + "\n"
