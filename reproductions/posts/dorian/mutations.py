"""Dorian Brown: breaks of Adagrad, the classifier, its hidden layer and the input penalties.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

from ...suite.records import Mutation, change_config
from . import config


def frozen_adagrad(patch):
    change_config(patch, config, matinv_learning_rate=0.0)


def frozen_net(patch):
    change_config(patch, config, learning_rate=0.0)


def blind_hidden_layer(patch):
    change_config(patch, config, w_std=0.0, learning_rate=0.0)


def still_inputs(patch):
    change_config(patch, config, input_steps=0)


def regularized_unregularized(patch):
    patch.setitem(config.PENALTIES, "unregularized", config.PENALTIES["l2_025"])


def no_l2_penalty(patch):
    patch.setitem(config.PENALTIES, "l2_025", ("l2", 0.0))


def hundredfold_l1_penalty(patch):
    patch.setitem(config.PENALTIES, "l1", ("l1", 0.2))


MUTATIONS = (
    Mutation(
        "Adagrad that does not move", ("dorian.matinv.adagrad_l1",), frozen_adagrad, range(4)
    ),  # seed 3 reaches A^-1
    Mutation(
        "a net that does not learn",
        ("dorian.mnist.test_acc", "dorian.mnist.curves", "dorian.fingerprints"),
        frozen_net,
        range(3),  # at the documented scale the accuracy is judged by rank tests, which need 3 seeds to reject
    ),
    Mutation("hidden units that ignore the input", ("dorian.fingerprints",), blind_hidden_layer, range(1)),
    Mutation("an input optimizer that does not move", ("dorian.optin.unregularized",), still_inputs, range(1)),
    Mutation(
        "the unregularized inputs regularized", ("dorian.optin.unregularized",), regularized_unregularized, range(1)
    ),
    Mutation("no L2 penalty", ("dorian.optin.l2_025",), no_l2_penalty, range(1)),
    Mutation("a hundredfold L1 penalty", ("dorian.optin.l1",), hundredfold_l1_penalty, range(1)),
)
NO_MUTATION = {}
