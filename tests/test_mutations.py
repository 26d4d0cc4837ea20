"""Each claim test can fail: break the model it checks and its verdict must change."""

import pytest

from reproductions import engine, logic, xnor_gates, xnor_train
from reproductions.claims import REGISTRY


@pytest.fixture(autouse=True)
def fresh_runs():
    engine.clear_cache()
    yield
    engine.clear_cache()


def verdict(claim_id, **kwargs):
    return engine.check_claim(REGISTRY[claim_id], **kwargs).verdict


def test_and_bias_of_minus_10_breaks_the_truth_table(monkeypatch):
    monkeypatch.setattr(xnor_gates, "THETA_AND", (-10.0, 20.0, 20.0))
    assert verdict("xnor.gates.and_truth_table") == "not-reproduced"
    assert verdict("xnor.gates.xnor_net") == "not-reproduced"


def test_swapped_or_weights_break_the_surfaces(monkeypatch):
    monkeypatch.setattr(xnor_gates, "THETA_OR", (10.0, -20.0, -20.0))
    assert verdict("xnor.gates.or_nor_surfaces") == "not-reproduced"


def test_five_training_steps_break_every_training_claim(monkeypatch):
    monkeypatch.setattr(xnor_train, "STEPS", 50)
    for claim_id in ("xnor.train.final_loss", "xnor.train.corner_outputs", "xnor.train.surface_shape"):
        assert verdict(claim_id, seeds=range(6)) == "not-reproduced", claim_id


def test_a_restore_that_loads_nothing_is_caught(monkeypatch):
    monkeypatch.setattr(xnor_train.runtime.keras().Model, "load_weights", lambda self, path: None)
    assert verdict("xnor.train.checkpoint_restore", seeds=range(2)) == "not-reproduced"


def test_float32_softmax_misses_the_documented_digits(monkeypatch):
    tf = logic.runtime.tensorflow()
    monkeypatch.setattr(logic, "softmax", lambda v: tuple(float(x) for x in tf.nn.softmax(tf.constant(v, tf.float32))))
    assert verdict("logic.softmax.examples") == "not-reproduced"
