"""False alarms: how often a sound model fails its claim test under a fresh master seed.

No training: each calibration's recorded runs are split, many times over, into a held-out part
judged as if it were a fresh set of seeds and the rest, which the held-out part is compared with
(never a sample against itself), as the claims test does at master seed 0. Every check of a claim
is judged as the claims test would, so the rate covers the rank and sign tests as well as the
calibrated tolerances. The rest is smaller than a whole calibration (it lends the held-out seeds),
so the rates are if anything too high for the master seeds that measure uncalibrated seeds.
"""

import math
from dataclasses import dataclass

import numpy as np

from . import calibration as calibration_files
from .calibration import HELD_OUT_MIN
from .judge import verdict_of
from .registry import CLAIMS
from .stats import aggregate

RESAMPLES = 2000
SUITE_TARGET = 0.01  # a sound model should fail the whole suite under at most 1 master seed in 100


@dataclass
class ClaimRate:
    claim: object
    seeds: int          # held-out seeds judged per resample (the claim's own count where it can)
    reference: int      # calibrated runs left to judge against
    resamples: int
    alarms: int
    holds: dict         # check text -> fraction of resamples where it held

    @property
    def rate(self):
        return self.alarms / self.resamples


def judged_claims(scale="quick", ids=None):
    """Stochastic claims with a calibration at ``scale``, the ones a new master seed can change."""
    for claim in CLAIMS:
        if claim.measure and claim.stochastic and not claim.skip_reason and (ids is None or claim.id in ids):
            recorded = calibration_files.load(claim, scale)
            if recorded is not None:
                yield claim, recorded


def claim_rate(claim, recorded, resamples=RESAMPLES, scale="quick"):
    runs = recorded.data["runs"]
    seeds = min(claim.seeds, len(runs) - HELD_OUT_MIN)
    checks = [c for c in claim.checks if c.applies(scale)]
    explains = [c for c in claim.explains if c.applies(scale)]
    rng = np.random.default_rng(0)
    alarms, held = 0, {check: 0 for check in checks + explains}
    recorded_seeds = recorded.data["meta"]["seeds"]
    for _ in range(resamples):
        held_out = rng.permutation(len(runs))[:seeds]
        fresh = [runs[i] for i in held_out]
        reference = recorded.without([recorded_seeds[i] for i in held_out])
        measured = aggregate(fresh)
        judged_checks = [c.judge(measured, claim.documented, reference) for c in checks]
        judged_explains = [c.judge(measured, claim.documented, reference) for c in explains]
        for check, judged in zip(checks + explains, judged_checks + judged_explains):
            held[check] += judged.ok
        error = any(j.error for j in judged_checks + judged_explains)
        verdict = verdict_of(claim.expected, all(j.ok for j in judged_checks), all(j.ok for j in judged_explains),
                             error)
        alarms += verdict != claim.expected or not all(j.ok for j in judged_explains)
    return ClaimRate(claim, seeds, len(runs) - seeds, resamples, alarms,
                     {(c.label or c.metric): count / resamples for c, count in held.items()})


def suite_rates(resamples=RESAMPLES, scale="quick", ids=None):
    return [claim_rate(claim, recorded, resamples, scale) for claim, recorded in judged_claims(scale, ids)]


def suite_bound(rates):
    """The chance that at least one claim raises a false alarm: at most the sum of the claims'
    rates (claims sharing a measurement are not independent, so no product is taken)."""
    return min(1.0, sum(r.rate for r in rates))


def upper_rate(alarms, resamples):
    """A one-sided 95% upper bound on a rate seen as alarms/resamples (exact binomial)."""
    if alarms >= resamples:
        return 1.0
    low, high = alarms / resamples, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        tail = sum(math.comb(resamples, k) * mid ** k * (1 - mid) ** (resamples - k) for k in range(alarms + 1))
        low, high = (mid, high) if tail > 0.05 else (low, mid)
    return high


def text(rates):
    lines = [f"{'claim':<32} {'seeds':>5} {'ref':>4} {'false alarms':>13}  checks that failed a sound model"]
    for r in sorted(rates, key=lambda r: -r.rate):
        failing = "; ".join(f"{name} {1 - share:.2%}" for name, share in r.holds.items() if share < 1)
        lines.append(f"{r.claim.id:<32} {r.seeds:>5} {r.reference:>4} {r.rate:>12.2%}  {failing or '—'}")
    total = suite_bound(rates)
    lines.append(f"whole suite, one master seed: at most {total:.2%} (sum over {len(rates)} claims, "
                 f"{rates[0].resamples if rates else 0} resamples each; target {SUITE_TARGET:.0%})")
    return "\n".join(lines) + "\n"
