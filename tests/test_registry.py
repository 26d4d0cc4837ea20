"""The registry is well formed and matches the canonical id list."""

from pathlib import Path

import numpy as np
import pytest

from reproductions.suite import registry
from reproductions.suite.calibrated import InsideCalibrated, JointlyTypical, LikeCalibration
from reproductions.suite.judge import VERDICTS
from reproductions.suite.one_run import OneRunWorks
from reproductions.suite.records import JUDGES, POSTS, Post, Source
from reproductions.suite.registry import CLAIMS, REGISTRY

IDS_FILE = Path(registry.__file__).parents[1] / "IDS.txt"  # the id list, shipped with the package


def ids_in(path):
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


def canonical_ids():
    return ids_in(IDS_FILE)


def test_ids_are_unique():
    ids = [c.id for c in CLAIMS]
    assert len(ids) == len(set(ids))


def test_registry_holds_exactly_the_canonical_ids():
    assert sorted(REGISTRY) == sorted(canonical_ids())


@pytest.mark.parametrize("record", CLAIMS, ids=lambda c: c.id)
def test_record_is_complete(record):
    claim = record
    assert isinstance(claim.source, Source) and isinstance(claim.source.post, Post)
    assert claim.source.post in POSTS and claim.source.section
    assert claim.statement and claim.why and claim.documented
    assert claim.judge in JUDGES
    assert claim.expected in VERDICTS
    assert (claim.expected == "unavailable") == bool(claim.unavailable)
    if not claim.skip_reason:
        assert claim.measure and claim.checks, "a measured claim needs a measurement and checks"
        for check in claim.checks + claim.explains:
            for key in ("doc", "bound"):
                ref = getattr(check, key, None)
                if isinstance(ref, str) and ref:
                    assert ref in claim.documented, f"{check} names a documented value the claim lacks"


def checked_metrics(claim):
    """Every metric a claim's checks read: the judged one and any it is compared with."""
    for check in claim.checks + claim.explains:
        yield from (metric.split(".")[0].split("@")[0] for metric in check.reads())  # x@converged reads x


@pytest.mark.parametrize("record", [c for c in CLAIMS if c.among], ids=lambda c: c.id)
def test_every_subset_a_check_reads_is_one_its_record_names(record):
    """<metric>@<name>: the name is one of the record's Where subsets, each picking runs by a metric
    its measurement returns (a typo would otherwise read as a metric never measured)."""
    named = {where.name for where in record.among}
    read = {m.split(".")[0].partition("@")[2] for c in record.checks + record.explains for m in c.reads()} - {""}
    assert read <= named, f"{record.id} reads subsets it does not name: {sorted(read - named)}"
    assert all(where.metric in record.measure.metrics for where in record.among)


@pytest.mark.parametrize("record", [c for c in CLAIMS if c.measure], ids=lambda c: c.id)
def test_every_checked_metric_is_one_its_measurement_declares(record):
    undeclared = set(checked_metrics(record)) - set(record.measure.metrics)
    assert not undeclared, f"{record.id} checks metrics {record.measure.name} does not return: {sorted(undeclared)}"


@pytest.mark.parametrize("scale", ["quick", "documented"])
@pytest.mark.parametrize("record", [c for c in CLAIMS if c.measure], ids=lambda c: c.id)
def test_every_claim_has_a_check_at_every_scale_it_runs_at(record, scale):
    """Finding: a claim whose checks all apply at another scale was judged on none (all([]) is True)."""
    assert any(check.applies(scale) for check in record.checks), f"{record.id} has no check at the {scale} scale"


def probe_samples(claim, check, recorded):
    """Per-seed samples, at the claim's seed count, that should drive ``check`` to either outcome:
    every seed at one of many values (the documented one, the bound, the calibrated extremes, far
    off), booleans both ways, an ordering both ways, and two stretches of the calibration (or, for a
    calibration smaller than two samples, its runs in turn)."""
    metrics = [metric.split(".")[0] for metric in check.reads()]
    values = {0.0, 1.0, -1e6, 1e6, 1e-6}
    if isinstance(doc := claim.documented.get(getattr(check, "doc", "")), (int, float)):
        values |= {doc, doc * 0.999, doc * 1.001, doc + 1, doc - 1, doc / 10, doc * 10}
    if getattr(check, "bound", None) is not None and isinstance(bound := check._bound(claim.documented), (int, float)):
        values |= {bound, bound + abs(bound) / 2 + 1, bound - abs(bound) / 2 - 1}
    runs = recorded.runs if recorded else []
    numeric = False  # a metric calibrated as numbers is probed with numbers only: True would rank as 1
    for metric in metrics:
        recorded_values = [run.get(metric) for run in runs]
        numeric |= any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in recorded_values)
        calibrated = sorted(v for v in recorded_values if isinstance(v, (int, float)))
        values |= {float(v) for v in calibrated[:1] + calibrated[-1:] + calibrated[len(calibrated) // 2 :][:1]}
    samples = [[dict.fromkeys(metrics, value)] * claim.seeds for value in sorted(values)]
    if not numeric:
        samples += [[dict.fromkeys(metrics, flag)] * claim.seeds for flag in (True, False)]
    samples += [[dict.fromkeys(metrics, doc)] * claim.seeds, [dict.fromkeys(metrics, "something else")] * claim.seeds]
    if isinstance(doc, tuple):
        samples.append([dict.fromkeys(metrics, tuple(v + 1 for v in doc))] * claim.seeds)
    if len(metrics) == 2:
        samples += [
            [{metrics[0]: 1.0 + k, metrics[1]: 1e6 + k} for k in range(claim.seeds)],
            [{metrics[0]: 1e6 + k, metrics[1]: 1.0 + k} for k in range(claim.seeds)],
        ]
    if len(runs) >= 2 * claim.seeds:
        samples += [runs[: claim.seeds], runs[-claim.seeds :]]
    elif runs:  # the calibration's runs in turn: a sample with the calibrated mix of outcomes
        samples.append([runs[k % len(runs)] for k in range(claim.seeds)])
    # for the one-run rule, an outcome on a share of the seeds: rare (a fifth) to common (a half), since
    # against a calibration that never showed it the rule fails fewer than about half the seeds now
    shares = {max(1, claim.seeds // parts) for parts in (5, 3, 2)} if isinstance(check, OneRunWorks) else set()
    pairs = ((1e6, -1e6), (-1e6, 1e6)) + (((True, False), (False, True)) if not numeric else ())
    for few in sorted(shares):
        for high, low in pairs:
            samples.append([dict.fromkeys(metrics, high)] * few + [dict.fromkeys(metrics, low)] * (claim.seeds - few))
    return samples


def outcomes(claim, check, scale="quick"):
    from reproductions.suite import calibration
    from reproductions.suite.judge import judge_claim
    from reproductions.suite.stats import aggregate

    recorded = calibration.load(claim, scale) if claim.stochastic else None
    position = [c for c in claim.checks + claim.explains if c.applies(scale)].index(check)
    seen = set()
    for sample in probe_samples(claim, check, recorded):
        try:  # judged as the claims test judges: the whole claim, then this check's part
            judgement = judge_claim(claim, aggregate(sample), recorded.without([]) if recorded else None, scale)
            judged = (judgement.checks + judgement.explains)[position]
        except (TypeError, ValueError):  # a probe of the wrong kind for this metric
            continue
        if not judged.error:
            seen.add(judged.ok)
    return seen


@pytest.mark.parametrize(
    "record", [c for c in CLAIMS if c.measure and "benchmark" not in c.markers], ids=lambda c: c.id
)
def test_no_check_has_an_outcome_the_registry_and_calibration_decide_alone(record):
    """Finding: documented values outside the calibrated range, and a sign test on 3 seeds, decided
    checks whatever was measured. Each check must both hold and fail on some sample of its seeds.

    One exception, guarded: a documented draw that a large calibration places outside today's
    typical draws fails whatever a few seeds add to the pool, while they stay like the calibration.
    The verdict then rests on the calibration, so a not-reproduced claim must hold that metric to it
    in its explanations (LikeCalibration): a model that leaves the calibration fails the claim test."""
    fixed = [
        f"{check.label or check.metric} always {'holds' if seen == {True} else 'fails'}"
        for check in record.checks + record.explains
        if check.applies("quick")
        and (seen := outcomes(record, check)) != {True, False}
        and not (seen == {False} and rests_on_a_guarded_calibration(record, check))
    ]
    assert not fixed, f"{record.id}: " + "; ".join(fixed)


@pytest.mark.parametrize(
    "record",
    [c for c in CLAIMS if c.expected == "reproduced" and any(isinstance(k, OneRunWorks) for k in c.checks)],
    ids=lambda c: c.id,
)
def test_a_one_run_verdict_rests_on_the_calibration_it_pools(record):
    """Finding: a model that drifted from its calibration failed the claim test through an explanation
    while the verdict still read reproduced. The one-run rule pools the calibration's seeds, so a
    quantity a reproduced claim holds to its calibration is one of its checks."""
    held_apart = [e.metric for e in record.explains if isinstance(e, LikeCalibration)]
    assert not held_apart, f"{record.id} holds {held_apart} to its calibration outside the verdict"
    # and a one-run reading of a number holds some quantity to its calibration among the checks
    numeric = any(isinstance(k, OneRunWorks) and (k.at_most, k.at_least) != (None, None) for k in record.checks)
    held = any(isinstance(k, (LikeCalibration, InsideCalibrated)) for k in record.checks)
    assert held or not numeric, f"{record.id} reads a number by the one-run rule and holds none to its calibration"


def rests_on_a_guarded_calibration(record, check):
    """A documented draw (or, for a joint test, every draw it reads) whose metric a not-reproduced
    claim holds to its calibration in its explanations."""
    guarded = {e.metric for e in record.explains if isinstance(e, LikeCalibration)}
    return (
        record.expected == "not-reproduced"
        and isinstance(check, (InsideCalibrated, JointlyTypical))
        and check in record.checks
        and set(check.reads()) <= guarded
    )


def test_a_measurement_returning_other_metrics_than_declared_is_refused():
    from reproductions.suite.measurements import MeasurementError, check_declared, measurement

    declared = measurement("test:probe", metrics=("a", "b"))(lambda seed, scale="quick": None)
    assert check_declared(declared, {"a": 1, "b": 2.0, "figure": np.zeros(3)})
    with pytest.raises(MeasurementError, match="missing b"):
        check_declared(declared, {"a": 1})
    with pytest.raises(MeasurementError, match="undeclared c"):
        check_declared(declared, {"a": 1, "b": 2, "c": 3})


def test_documented_values_are_frozen():
    with pytest.raises(TypeError):
        CLAIMS[0].documented["x"] = 1


def test_unknown_id_is_one_line_with_a_hint():
    with pytest.raises(registry.UnknownClaimError, match="did you mean xnor.gates.xnor_net"):
        registry.get("xnor_net")


def test_every_calibrated_check_has_its_measurements_calibration():
    from reproductions.suite import calibration
    from reproductions.suite.calibrated import InsideCalibrated

    for claim in CLAIMS:
        calibrated = any(isinstance(c, InsideCalibrated) for c in claim.checks + claim.explains)
        if (calibrated or claim.stochastic) and not claim.skip_reason:
            recorded = calibration.load(claim)
            assert recorded is not None, f"{claim.id}: run python -m reproductions calibrate {claim.id}"
            assert len(recorded.data["runs"]) >= calibration.MIN_SEEDS


@pytest.mark.parametrize("scale", ["quick", "documented"])
def test_every_calibration_file_loads_and_records_what_its_claims_read(scale):
    """At both scales, so the quick suite shows a stale documented-scale file too: each recorded
    calibration loads, and records every metric a calibrated check of its claims reads there."""
    from reproductions.suite import calibration

    stale = []
    for claim in CLAIMS:
        if not claim.measure or claim.skip_reason:
            continue
        recorded = calibration.load(claim, scale)
        if recorded is None:
            continue
        for check in claim.checks + claim.explains:
            if check.calibrated and check.applies(scale):
                for metric in check.reads():
                    if all(run.get(metric.split(".")[0]) is None for run in recorded.runs):
                        stale.append(f"{recorded.path.name} lacks {metric} ({claim.id})")
    assert not stale, stale


def test_quick_calibrations_record_every_metric_the_false_alarm_simulation_judges():
    """suite.alarms judges every check of a stochastic claim, calibrated or not, on resampled
    quick-scale runs: a metric missing from them would read as a false alarm on every draw."""
    from reproductions.suite import alarms

    missing = [
        f"{recorded.path.name} lacks {metric} ({claim.id})"
        for claim, recorded in alarms.judged_claims("quick")
        for check in claim.checks + claim.explains
        if check.applies("quick")
        for metric in check.reads()
        if all(run.get(metric.split(".")[0]) is None for run in recorded.runs)
    ]
    assert not missing, missing


def test_calibration_files_hold_only_metrics_their_measurement_returns():
    """A metric a measurement no longer returns (a boolean whose threshold moved into a check) leaves
    its file with the measurement's change, so a newcomer reading a calibration reads today's metrics."""
    import json

    measures = {c.measure.name: c.measure for c in CLAIMS if c.measure}
    stale = []
    for path in sorted(Path(registry.__file__).parents[1].glob("posts/*/calibration/*.json")):
        data = json.loads(path.read_text())
        undeclared = {k for run in data["runs"] for k in run} - set(measures[data["meta"]["measure"]].metrics)
        stale += [f"{path.name}: {key}" for key in sorted(undeclared)]
    assert not stale, stale


@pytest.mark.parametrize("scale", ["quick", "documented"])
def test_every_calibration_keeps_draws_apart_from_its_claims_default_seeds(scale):
    """A calibrated check compares the seeds measured now with the calibration's other seeds: a claim
    run on as many seeds as its calibration recorded would have none left to be judged against."""
    from reproductions.suite import calibration

    short = []
    for claim in CLAIMS:
        recorded = calibration.load(claim, scale) if claim.measure and not claim.skip_reason else None
        if recorded is None:
            continue
        checks = [c for c in claim.checks + claim.explains if c.calibrated and c.applies(scale)]
        for metric in {m for check in checks for m in check.reads()}:
            try:
                recorded.without(range(claim.seeds_at(scale))).reference(metric)
            except calibration.CalibrationError as error:
                short.append(f"{claim.id}: {error}")
    assert not short, short


def _one_run_checks(scale):
    """Each rule-for-one-run-claims check judged at ``scale`` whose claim has a calibration there, with
    that calibration: (claim, check, recorded)."""
    from reproductions.suite import calibration

    for claim in CLAIMS:
        for check in [c for c in claim.checks if isinstance(c, OneRunWorks) and c.applies(scale)]:
            if (recorded := calibration.load(claim, scale)) is not None:
                yield claim, check, recorded


def _one_run_passes(check, claim, recorded, scale):
    """How often the rule for one-run claims holds on the claim's seeds, as a function of the rate at
    which a model's runs show the outcome, against the calibration's other seeds as master seed 0
    judges (first) and against all of them as a fresh master seed does (second). A subset's metric
    ("@converged") has as many seeds as fall in the subset: binomial at the calibrated share."""
    from reproductions.suite.one_run import one_run_passes
    from reproductions.suite.stats import binomial_pmf

    n, base, values = claim.seeds_at(scale), check.reads()[-1], recorded.values(check.metric)
    share = 1.0 if check.outside_shows_nothing else len(values) / len(recorded.runs)
    apart = recorded.without(range(n))
    counts = [
        check.outcomes(apart.reference(check.metric), apart.reference(base), claim.documented),
        check.outcomes(values, recorded.values(base), claim.documented),
    ]
    return [
        lambda rate, shows=shows: sum(
            binomial_pmf(m, n, share) * one_run_passes(rate, m, sum(shows), len(shows)) for m in range(1, n + 1)
        )
        for shows in counts
    ], sum(counts[1]) / len(counts[1])


@pytest.mark.parametrize("scale", ["quick", "documented"])
def test_a_one_run_claim_fails_a_rare_outcome_only_on_enough_runs(scale):
    """Where the rule for one-run claims fails a claim because its calibrated rate is below ONE_RUN_RATE,
    the calibration holds enough runs that the rate's exact 95% interval lies below ONE_RUN_RATE too:
    the failure is the rate, not too few runs to see it."""
    from reproductions.suite.one_run import ONE_RUN_RATE
    from reproductions.suite.stats import clopper_pearson

    unsure = []
    for claim, check, recorded in _one_run_checks(scale):
        shows = check.outcomes(recorded.values(check.metric), recorded.values(check.reads()[-1]), claim.documented)
        high = clopper_pearson(sum(shows), len(shows))[1]
        if sum(shows) / len(shows) < ONE_RUN_RATE <= high:
            unsure.append(f"{claim.id} {check.metric}: {sum(shows)} of {len(shows)}, up to {high:.1%}")
    assert not unsure, unsure


@pytest.mark.parametrize("scale", ["quick", "documented"])
def test_one_run_claims_run_enough_seeds_to_tell_a_rare_outcome(scale):
    """The rule for one-run claims, on each claim's seeds against its calibration, computed exactly:
    it fails a sound model (runs showing the outcome at the calibrated probability) at most 1% of
    the time, and passes a model that shows it on RARE_RATE of runs at most RARE_PASSES of the time.
    Below the rule's rate no seed count makes a sound model pass, so those are left out."""
    from reproductions.suite.one_run import ONE_RUN_RATE, RARE_PASSES, RARE_RATE

    weak = []
    for claim, check, recorded in _one_run_checks(scale):
        passes, p = _one_run_passes(check, claim, recorded, scale)
        if p < ONE_RUN_RATE:
            continue
        for reference, rule_passes in zip(("master seed 0", "a fresh master seed"), passes):
            sound, rare = 1 - rule_passes(p), rule_passes(RARE_RATE)
            if sound > 0.01 or rare > RARE_PASSES:
                weak.append(
                    f"{claim.id} {check.metric} ({reference}): p = {p:.2f} on {claim.seeds_at(scale)} seeds "
                    f"fails a sound model {sound:.2%}, passes a {RARE_RATE:.0%} model {rare:.1%}"
                )
    assert not weak, weak
