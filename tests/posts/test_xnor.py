"""XNOR: the trained net is a function of its seed; the hand-set gates of none."""

import numpy as np

from reproductions.posts.xnor import measure


def test_training_is_identical_for_the_same_seed():
    first, second = measure.train_xnor(11), measure.train_xnor(11)
    assert first["final_loss"] == second["final_loss"]
    assert np.array_equal(first["surface"], second["surface"])
    assert measure.train_xnor(12)["final_loss"] != first["final_loss"]


def test_gate_surfaces_do_not_depend_on_the_seed():
    assert np.array_equal(measure.gate_values(1)["surface_xnor"], measure.gate_values(2)["surface_xnor"])
