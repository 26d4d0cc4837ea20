"""XNOR: breaks of the hand-set neurons, the vectorized path and the trained net.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

from ...suite import runtime
from ...suite.records import Mutation, change_config
from . import config, model


def and_bias_minus_10(patch):
    patch.setattr(config, "THETA_AND", (-10.0, 20.0, 20.0))
    patch.setattr(config, "B1", [-10.0, 10.0])


def swapped_or(patch):
    patch.setattr(config, "THETA_OR", (10.0, -20.0, -20.0))


def positive_negation(patch):
    patch.setattr(config, "THETA_NOT", (-10.0, 20.0))


def vectorized_path_off_by_half(patch):
    computed = model.vectorized_tf2
    patch.setattr(model, "vectorized_tf2", lambda points: computed(points) + 0.5)


def vectorized_once_per_row(patch):
    """The same values, computed 100 times over (a grid call per row): only the speed breaks."""
    for name in ("vectorized_session", "vectorized_tf2"):
        computed = getattr(model, name)
        patch.setattr(model, name, lambda points, computed=computed: [computed(points) for _ in range(points)][-1])


def fifty_steps(patch):
    change_config(patch, config, steps=50)


def restore_loads_nothing(patch):
    patch.setattr(runtime.keras().Model, "load_weights", lambda self, path: None)


MUTATIONS = (
    Mutation(
        "AND with bias -10",
        ("xnor.gates.and_truth_table", "xnor.gates.xnor_net", "xnor.fast.dense_plot"),
        and_bias_minus_10,
    ),
    Mutation("OR with swapped weights", ("xnor.gates.or_nor_surfaces",), swapped_or),
    Mutation("a negation neuron that does not negate", ("xnor.gates.negation_values",), positive_negation),
    Mutation("a vectorized path off by 0.5", ("xnor.fast.speedup",), vectorized_path_off_by_half),
    Mutation("a vectorized grid computed once per row", ("xnor.fast.speedup",), vectorized_once_per_row),
    Mutation(
        "50 training steps",
        ("xnor.train.final_loss", "xnor.train.corner_outputs", "xnor.train.surface_shape"),
        fifty_steps,
        range(6),
    ),
    Mutation("a restore that loads nothing", ("xnor.train.checkpoint_restore",), restore_loads_nothing, range(2)),
)
NO_MUTATION = {}
