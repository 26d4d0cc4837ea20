"""Kamphaus: breaks of the softmax, the logic nets and the k9 net.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

from ...suite import runtime
from ...suite.records import Mutation, change_config
from . import config, model


def float32_softmax(patch):
    tf = runtime.tensorflow()
    patch.setattr(model, "softmax", lambda v: tuple(float(x) for x in tf.nn.softmax(tf.constant(v, tf.float32))))


def one_hidden_relu(patch):
    change_config(patch, config, hidden=1)


def hundredfold_smaller_learning_rate(patch):
    change_config(patch, config, learning_rate=0.0075)


def inputs_held_constant(patch):  # the original code's trainable inputs, made constant
    trained = model.stacked_logic_training
    patch.setattr(
        model, "stacked_logic_training", lambda nets, trainable, *a, **k: trained(nets, [False] * len(nets), *a, **k)
    )


def two_k9_epochs(patch):
    change_config(patch, config, k9_epochs=2)


MUTATIONS = (
    Mutation("a float32 softmax", ("logic.softmax.examples",), float32_softmax),
    Mutation("one hidden ReLU", ("logic.tf.all_functions_100",), one_hidden_relu, range(10)),
    Mutation(
        "a hundredfold smaller learning rate",
        ("logic.tf.convergence_log",),
        hundredfold_smaller_learning_rate,
        range(10),
    ),
    Mutation("training inputs held constant", ("logic.tf.convergence_log",), inputs_held_constant, range(10)),
    Mutation("two k9 epochs", ("logic.k9.and_nand",), two_k9_epochs),
)
NO_MUTATION = {}
