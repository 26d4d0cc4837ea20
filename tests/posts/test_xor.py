"""Keras XOR: the fast path computes what the posted Keras code computes."""

from dataclasses import replace

from reproductions.posts.xor import config, measure, model


def test_stacked_xor_training_gives_the_epochs_keras_fit_gives():
    """Sequential/compile/fit with a callback, against the stacked compiled loop, same weights."""
    for seed in (0, 9):
        posted = model.fit_as_posted(seed, "h16", "mse", epochs=100)
        kernels = [k[None] for k in model.glorot_kernels(seed, (16,), "h16")]
        accuracy, _, _ = model.stacked_training(kernels, "relu", "sigmoid", "mse", 100, config.QUICK)
        assert posted["epochs_to_100"] is not None
        assert model.first_epoch(accuracy == 1.0) == [posted["epochs_to_100"]]


def test_a_seeds_result_does_not_depend_on_the_seeds_trained_beside_it(monkeypatch):
    monkeypatch.setattr(config, "CONFIGS", {"h16": ((16,), "relu")})
    monkeypatch.setattr(config, "QUICK", replace(config.QUICK, epoch_cap=600))
    alone = measure.train_xor_configs([7])[0]
    together = measure.train_xor_configs([3, 7, 11])[1]
    assert alone == together
