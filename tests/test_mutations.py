"""Each claim test can fail: break the model it checks and its verdict must change."""

import numpy as np
import pytest

from reproductions.posts.dorian import classifier as dorian_mnist
from reproductions.posts.dorian import matinv as matrix_inverse
from reproductions.posts.lcd import beyond as lcd_beyond
from reproductions.posts.lcd import data as lcd_data
from reproductions.posts.lcd import linear as lcd_linear
from reproductions.posts.linreg import model as linear_regression
from reproductions.posts.logic import models as logic
from reproductions.posts.ltfn import nets as ltfn
from reproductions.posts.xnor import gates as xnor_gates
from reproductions.posts.xnor import train as xnor_train
from reproductions.posts.xor import models as xor_keras
from reproductions.suite import engine
from reproductions.suite.registry import REGISTRY


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


# ---- logic functions and Keras XOR ------------------------------------------------------------------
def test_one_hidden_relu_cannot_learn_xor(monkeypatch):
    monkeypatch.setattr(logic, "HIDDEN", 1)
    assert verdict("logic.tf.all_functions_100", seeds=range(10)) == "not-reproduced"


def test_a_hundredfold_smaller_learning_rate_breaks_the_convergence_log(monkeypatch):
    monkeypatch.setattr(logic, "LEARNING_RATE", 0.0075)
    assert verdict("logic.tf.convergence_log", seeds=range(10)) == "not-reproduced"


def test_k9_without_enough_training_misses_the_pattern(monkeypatch):
    monkeypatch.setitem(logic.K9_EPOCHS, "quick", 2)
    assert verdict("logic.k9.and_nand") == "not-reproduced"


def test_linear_hidden_units_cannot_solve_xor(monkeypatch):
    monkeypatch.setitem(xor_keras.CONFIGS, "h16", ((16,), "linear"))
    assert verdict("xor.keras.predict_rounded", seeds=range(20)) == "not-reproduced"
    assert verdict("xor.keras.h16_epochs", seeds=range(20)) == "not-reproduced"


def test_the_linear_artifact_needs_a_linear_model(monkeypatch):
    monkeypatch.setattr(xor_keras, "LINEAR", ((128,), "relu"))
    assert verdict("xor.keras.linear128") != "artifact"


def test_relu_in_place_of_sigmoid_makes_the_swap_claim_hold(monkeypatch):
    monkeypatch.setitem(xor_keras.CONFIGS, "h16_sigmoid", ((16,), "relu"))
    assert verdict("xor.keras.swap_claims", seeds=range(20)) == "reproduced"


def passes(claim_id, **kwargs):
    return engine.check_claim(REGISTRY[claim_id], **kwargs).passed


# ---- linear models, LCD digits, the matrix inverse ---------------------------------------------------
def test_a_one_on_the_left_breaks_the_w_features(monkeypatch):
    monkeypatch.setitem(lcd_data.STROKES, 1, (lcd_data.LEFT,))
    assert verdict("lcd.linreg5.W_features", seeds=range(5)) == "not-reproduced"


def test_no_learning_breaks_the_lcd_claims(monkeypatch):
    monkeypatch.setattr(lcd_linear, "LEARNING_RATE", 0.0)
    assert verdict("lcd.linreg5.acc_final", seeds=range(5)) == "not-reproduced"
    assert verdict("lcd.jitter10.acc_final_train", seeds=range(3)) == "not-reproduced"


def test_a_cnn_without_padding_is_no_longer_position_blind(monkeypatch):
    def valid_windows(images, image=lcd_data.JITTER_IMAGE):
        grid = images.reshape(-1, image, image)
        windows = np.lib.stride_tricks.sliding_window_view(grid, (lcd_data.SHAPE, lcd_data.SHAPE), axis=(1, 2))
        return windows.reshape(len(images), -1, lcd_data.SHAPE * lcd_data.SHAPE)

    monkeypatch.setattr(lcd_beyond, "patches", valid_windows)
    assert verdict("lcd.intro.cnn_100pct", seeds=range(3)) == "not-reproduced"


def test_a_one_unit_dnn_no_longer_fits_the_jittered_set(monkeypatch):
    monkeypatch.setattr(lcd_beyond, "DNN_HIDDEN", 1)
    assert not passes("lcd.dnn.copes_with_jitter", seeds=range(3))


def test_a_tenfold_smaller_learning_rate_leaves_regression_short(monkeypatch):
    monkeypatch.setattr(linear_regression, "LEARNING_RATE", 0.03)
    assert verdict("linreg.multi.recovery", seeds=range(5)) == "not-reproduced"
    assert verdict("linreg.layers.recovery", seeds=range(5)) == "not-reproduced"


def test_adagrad_that_does_not_move_breaks_the_inverse_explanation(monkeypatch):
    monkeypatch.setattr(matrix_inverse, "LEARNING_RATE", 0.0)
    assert not passes("dorian.matinv.adagrad_l1", seeds=range(2))


# ---- MNIST: LTFN and Dorian Brown ------------------------------------------------------------------
@pytest.mark.xdist_group("ltfn:train_convnets")  # reuses the arms the claims test trained on this worker
def test_n01_in_place_of_he_init_flips_the_headline_ablation(monkeypatch):
    """The headline: with N(0,1) where VS/Xavier was, the ConvNet no longer beats the FC net."""
    monkeypatch.setitem(ltfn.INITS, "he", ltfn.INITS["normal"])
    assert verdict("ltfn6.controlled_init_ablation") == "not-reproduced"


@pytest.mark.xdist_group("ltfn:train_fc_parts")  # reuses the arms the claims test trained on this worker
def test_a_frozen_one_layer_net_breaks_ltfn1(monkeypatch):
    monkeypatch.setitem(ltfn.FC, "ltfn1", ((), 0.0, 1000))
    assert verdict("ltfn1.cost_decreases", seeds=range(2)) == "not-reproduced"


def test_no_l2_penalty_gives_no_digit_like_images(monkeypatch):
    monkeypatch.setitem(dorian_mnist.PENALTIES, "l2_025", ("l2", 0.0))
    assert verdict("dorian.optin.l2_025", seeds=range(1)) == "not-reproduced"
