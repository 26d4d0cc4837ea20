"""LCD digits: breaks of the glyphs, the linear model, the DNN and the CNN.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

import numpy as np

from ...suite.records import Mutation, change_config
from . import config, data, model


def two_line_one(patch):
    patch.setitem(data.STROKES, 1, (data.LEFT, data.RIGHT))


def one_on_the_left(patch):
    patch.setitem(data.STROKES, 1, (data.LEFT,))


def no_learning(patch):
    change_config(patch, config, learning_rate=0.0)


def a_model_of_shapes(patch):
    """The linear model fed each image with its digit moved to the top-left corner: every placement of a
    digit looks the same to it, so it learns shapes and reads unseen placements as well as seen ones."""
    train = model.train_linear

    def on_aligned_digits(images, labels, schedules, eval_steps, learning_rate):
        side = round(images.shape[-1] ** 0.5)
        grid = images.reshape(-1, side, side)
        aligned = [np.roll(g, (-g.any(axis=1).argmax(), -g.any(axis=0).argmax()), axis=(0, 1)) for g in grid]
        return train(np.reshape(aligned, images.shape), labels, schedules, eval_steps, learning_rate)

    patch.setattr(model, "train_linear", on_aligned_digits)


def cnn_without_padding(patch):
    def valid_windows(images, image=data.JITTER_IMAGE):
        grid = images.reshape(-1, image, image)
        windows = np.lib.stride_tricks.sliding_window_view(grid, (data.SHAPE, data.SHAPE), axis=(1, 2))
        return windows.reshape(len(images), -1, data.SHAPE * data.SHAPE)

    patch.setattr(model, "patches", valid_windows)


def one_unit_dnn(patch):
    pixels = data.JITTER_IMAGE**2
    patch.setitem(
        model.MODELS,
        "dnn",
        [((pixels, 1), (pixels, 1)), ((1, 1), None), ((1, data.DIGITS), (1, data.DIGITS)), ((1, data.DIGITS), None)],
    )


MUTATIONS = (
    Mutation("a 1 drawn with two lines", ("lcd.intro.feature_count",), two_line_one),
    # every seed (on fewer, the untrained 0.1 after 5 steps is a draw the calibration also holds)
    Mutation(
        "no learning in the linear model",
        (
            "lcd.linreg5.acc_after_5_steps",
            "lcd.linreg5.confusions_after_5",
            "lcd.linreg5.acc_final",
            "lcd.jitter10.acc_5_steps",
            "lcd.jitter10.acc_final_train",
            "lcd.jitter10.test_acc",
            "lcd.jitter10.W_position",
            "lcd.jitter.acc_500",
            "lcd.jitter.acc_5000",
        ),
        no_learning,
    ),
    Mutation("a 1 on the left", ("lcd.linreg5.W_features",), one_on_the_left, range(5)),
    # W_position's "not shapes" half: a model that reads shapes carries its accuracy to unseen placements
    Mutation("a linear model of shapes, not positions", ("lcd.jitter10.W_position",), a_model_of_shapes),
    # every seed: the nets train in stacks of 10 anyway, and the claims test is then the control
    Mutation("a CNN without padding", ("lcd.intro.cnn_100pct",), cnn_without_padding),
    Mutation("a one-unit DNN", ("lcd.dnn.copes_with_jitter",), one_unit_dnn),
)
NO_MUTATION = {}
