"""Keras XOR: breaks of the hidden activations.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

from ...suite.records import Mutation, change_config
from . import config


def linear_h16(patch):
    patch.setitem(config.CONFIGS, "h16", ((16,), "linear"))


def sigmoid_h32_and_h32x2(patch):  # (linear units still read 100% through float32 rounding: see linear128)
    patch.setitem(config.CONFIGS, "h32", ((32,), "sigmoid"))
    patch.setitem(config.CONFIGS, "h32x2", ((32, 32), "sigmoid"))


def relu_in_the_linear_model(patch):
    patch.setattr(config, "LINEAR", ((128,), "relu"))


def one_sigmoid_unit(patch):  # one hidden unit cannot separate XOR, whatever its activation
    patch.setitem(config.CONFIGS, "h16_sigmoid", ((1,), "sigmoid"))


def frozen_adam(patch):
    change_config(patch, config, learning_rate=0.0)


MUTATIONS = (
    Mutation("linear hidden units", ("xor.keras.predict_rounded", "xor.keras.h16_epochs"), linear_h16, range(20)),
    Mutation(
        "sigmoid units in the 32 and 32+32 nets",
        ("xor.keras.h32_epochs", "xor.keras.h32x2_epochs", "xor.keras.h64_epochs"),
        sigmoid_h32_and_h32x2,
    ),
    Mutation("ReLU in the 'linear' model", ("xor.keras.linear128",), relu_in_the_linear_model),
    Mutation("Adam that does not move", ("xor.keras.swap_claims",), frozen_adam, range(20)),
    Mutation("one sigmoid unit", ("xor.keras.swap_claims",), one_sigmoid_unit, range(20)),
)
NO_MUTATION = {}
