"""The same seed gives the same measured numbers; the measurement's seed, not the worker, decides."""

import numpy as np

from reproductions import engine, xnor_gates, xnor_train
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
