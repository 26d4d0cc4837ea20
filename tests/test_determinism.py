"""The same seed gives the same measured numbers; the measurement's seed, not the worker, decides."""

import os

import numpy as np
import pytest

from reproductions import engine, seeds, xnor_gates, xnor_train
from reproductions.claims import REGISTRY


def test_training_is_identical_for_the_same_seed():
    first, second = xnor_train.train_xnor(11), xnor_train.train_xnor(11)
    assert first["final_loss"] == second["final_loss"]
    assert np.array_equal(first["surface"], second["surface"])
    assert xnor_train.train_xnor(12)["final_loss"] != first["final_loss"]


def test_a_claim_measured_twice_judges_the_same():
    claim = REGISTRY["xnor.gates.or_nor_surfaces"]
    engine.clear_cache()
    first = engine.check_claim(claim).measured
    engine.clear_cache()
    second = engine.check_claim(claim).measured
    assert first == second


def test_gate_surfaces_do_not_depend_on_the_seed():
    assert np.array_equal(xnor_gates.gate_values(1)["surface_xnor"], xnor_gates.gate_values(2)["surface_xnor"])


# ---- every measurement: the same seed gives the same numbers ------------------------------------------
def _measurements():
    first = {}
    for claim in REGISTRY.values():
        if claim.measure and not claim.skip_reason:
            first.setdefault(claim.measure, claim)
    return list(first.values())


def _timed(key):
    """Timing results differ run to run by nature; the speedup claim judges them as ratios."""
    return key.endswith("_s") or key.startswith("speedup") or "faster_than_per_point" in key


def _scalars(run):
    from reproductions.stats import is_metric

    return {k: v for k, v in run.items() if is_metric(v) and not _timed(k)}


def _why_not_bitwise(recorded, runtime):
    """Why this process cannot reproduce the calibration's seed-0 run bit for bit ("" if it can)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return "calibrations are recorded in one process with every core; an xdist worker has fewer threads"
    differs = recorded.foreign_to(runtime.static_environment())
    return f"{recorded.path.name} was recorded with {differs}" if differs else ""


def _measure_afresh(claim):
    measure, run_seed = engine.load(claim.measure), seeds.derive_seed(claim.measure, 0)
    if getattr(measure, "seeds_at_once", False):
        return _scalars(measure([run_seed])[0])
    return _scalars(measure(run_seed))


@pytest.mark.parametrize("measured_claim", _measurements(), ids=lambda c: c.measure)
def test_a_measurement_gives_identical_numbers_for_the_same_seed(measured_claim):
    """Once through the engine (shared with the claims test when it ran in this process), once
    more: from the recorded calibration (another process, another day) or measured afresh."""
    claim = measured_claim
    from reproductions import calibration, mnist_data, runtime

    if "dataset" in claim.markers and (reason := mnist_data.unavailable_reason("quick")):
        pytest.skip(reason)
    recorded = calibration.load(claim)
    now = _scalars(engine.measure_runs(claim, [0], "quick")[0])
    if recorded is not None and not (why_not := _why_not_bitwise(recorded, runtime)):
        again = recorded.run_of(0)
    else:  # no calibration, or one that cannot match bit for bit here: a second run in this process
        if recorded is not None:
            print(f"{claim.measure}: measured twice ({why_not})")
        again = _measure_afresh(claim)
    assert again is not None
    shared = sorted(set(now) & set(again))
    assert shared, "no metrics to compare"
    assert {k: engine.plain(now[k]) for k in shared} == {k: engine.plain(again[k]) for k in shared}
