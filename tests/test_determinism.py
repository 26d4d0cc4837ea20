"""The same seed gives the same measured numbers; the measurement's seed, not the worker, decides."""

import pytest

from reproductions.data import mnist as mnist_data
from reproductions.suite import calibration, engine, machine_lock, memo, runtime, seeds
from reproductions.suite.registry import REGISTRY


def test_a_claim_measured_twice_judges_the_same():
    claim = REGISTRY["xnor.gates.or_nor_surfaces"]
    with memo.fresh():
        first = engine.check_claim(claim).measured
    with memo.fresh():
        second = engine.check_claim(claim).measured
    assert first == second


# ---- every measurement: the same seed gives the same numbers ------------------------------------------
def _measurements():
    """One claim per measurement. Timing measurements are left out: their numbers differ run to run
    by nature (the speedup claim judges them as ratios), and the agreement flag they also return is
    an exact comparison of two deterministic paths, checked by the claims test itself."""
    first = {}
    for claim in REGISTRY.values():
        if claim.measure and not claim.skip_reason and "benchmark" not in claim.markers:
            first.setdefault(claim.measure.name, claim)
    return list(first.values())


def _timed(key):
    """Timing results differ run to run by nature (dense_grid times its paths too)."""
    return key.endswith("_s") or key.startswith("speedup") or "faster_than_per_point" in key


def _scalars(run):
    from reproductions.suite.stats import is_metric

    return {k: v for k, v in run.items() if is_metric(v) and not _timed(k)}


def _measure_afresh(claim, scale="quick"):
    measure, run_seed = claim.measure, seeds.derive_seed(claim.measure.name, 0)
    with memo.fresh(everything=True), machine_lock.machine(exclusive=measure.timed):  # a real second run
        run = measure([run_seed], scale=scale)[0] if measure.seeds_at_once else measure(run_seed, scale=scale)
    return _scalars(run)


def reference_run(claim, scale="quick"):
    """What seed 0 of the claim's measurement must equal, bit for bit, and where that comes from:
    the recorded calibration when this process runs on its fingerprint (versions, CPU model,
    instruction sets, threads), else a second run in this process."""
    recorded = calibration.load(claim, scale)
    if recorded is None:
        return _measure_afresh(claim, scale), "measured again (no calibration recorded)"
    if differs := recorded.foreign_to(runtime.static_environment()):
        return _measure_afresh(claim, scale), f"measured again ({recorded.path.name} was recorded on {differs})"
    return _scalars(recorded.run_of(0) or {}), f"{recorded.path.name}, seed 0"


def _marks(claim):
    """Its xdist group, so seed 0 is the claims test's own run; "dataset" where it reads MNIST, so a
    documented-scale run of the MNIST claims (-m dataset) checks their measurements too."""
    return [pytest.mark.xdist_group(claim.measure.name)] + [pytest.mark.dataset] * ("dataset" in claim.markers)


@pytest.mark.parametrize(
    "measured_claim", [pytest.param(c, marks=_marks(c)) for c in _measurements()], ids=lambda c: c.measure.name
)
def test_a_measurement_gives_identical_numbers_for_the_same_seed(measured_claim, repro):
    """Once through the engine (shared with the claims test when it ran in this process), once
    more: from the recorded calibration (another process, another day) or measured afresh. At the
    session's scale; a measurement that needs a GPU there is left to the GPU run."""
    claim, scale = measured_claim, repro.scale
    if scale == "documented" and claim.gpu_at_documented:
        pytest.skip("its documented scale runs on a GPU (pytest -m gpu)")
    if "dataset" in claim.markers and (reason := mnist_data.unavailable_reason(scale)):
        pytest.skip(reason)
    now = _scalars(engine.measure_runs(claim, [0], scale)[0])
    again, source = reference_run(claim, scale)
    print(f"{claim.measure.name}: compared with {source}")
    shared = sorted(set(now) & set(again))
    assert shared, f"no metrics to compare with {source}"
    assert {k: engine.plain(now[k]) for k in shared} == {k: engine.plain(again[k]) for k in shared}, source


# ---- the fingerprint decides between the calibration and a second run ---------------------------------
CHEAP = REGISTRY["lcd.linreg5.acc_after_5_steps"]  # a calibrated measurement that trains in about a second


def on_machine(monkeypatch, machine_change):
    """Pretend to run with the calibration's versions, on its machine changed by ``machine_change``."""
    recorded = calibration.load(CHEAP).environment
    here = {**runtime.static_environment(), **recorded, "machine": {**recorded["machine"]}}
    machine_change(here["machine"])
    monkeypatch.setattr(runtime, "static_environment", lambda: here)
    return recorded["machine"]


def test_on_the_calibrations_fingerprint_the_recorded_run_is_the_reference(monkeypatch):
    on_machine(monkeypatch, lambda machine: None)
    _, source = reference_run(CHEAP)
    assert source == "train_lcd5.quick.json, seed 0"


def other_isa(machine):
    flags = set(machine["isa"].split()) ^ {"avx512f"}
    machine["isa"] = " ".join(sorted(flags))


@pytest.mark.parametrize(
    "change, said",
    [
        (lambda m: m.update(cpu="Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"), lambda r: f"CPU {r['cpu']!r}"),
        (other_isa, lambda r: "avx512f (theirs vs here)"),
        (lambda m: m.update(threads=m["threads"] + 1), lambda r: f"{r['threads']} threads (here {r['threads'] + 1})"),
        (lambda m: m.update(onednn="off"), lambda r: f"oneDNN {r['onednn']} (here off)"),
    ],
    ids=["cpu-model", "instruction-set", "threads", "kernel-family"],
)
def test_on_a_foreign_fingerprint_the_measurement_runs_twice_and_still_matches(monkeypatch, change, said):
    """The fallback as a machine with another CPU meets it: no bit-for-bit claim on the recorded
    numbers, a second run in this process instead, which must match the first."""
    recorded = on_machine(monkeypatch, change)
    again, source = reference_run(CHEAP)
    assert source.startswith("measured again (train_lcd5.quick.json was recorded on") and said(recorded) in source
    now = _scalars(engine.measure_runs(CHEAP, [0], "quick")[0])
    assert {k: engine.plain(now[k]) for k in now} == {k: engine.plain(again[k]) for k in now}
