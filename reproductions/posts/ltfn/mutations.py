"""Learn TensorFlow Now: breaks of the FC nets, the graph and the ConvNet initializations.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

from ...suite.records import Mutation, change_config
from . import config, model


def frozen_fc_nets(patch):
    """Learning rate 0, and 10 steps: a frozen net learns nothing in 10 steps or in 5,000."""
    for part in ("ltfn1", "ltfn2", "ltfn3"):
        hidden, _ = config.FC[part]
        patch.setitem(config.FC, part, (hidden, 0.0))
    change_config(patch, config, ltfn1_steps=10, ltfn2_steps=10, ltfn3_steps=10)


def fixed_batch_made_dynamic(patch):
    patch.setattr(config, "GRAPH_FIXED_BATCH", None)


def he_replaced_by_n01(patch):
    patch.setitem(model.INITS, "he", model.INITS["normal"])


def unscaled_small_init(patch):
    patch.setattr(config, "SMALL", 1.0)


def n01_replaced_by_he(patch):
    patch.setitem(model.INITS, "normal", model.INITS["he"])


MUTATIONS = (
    Mutation("FC nets that do not learn", ("ltfn1.cost_decreases", "ltfn2.test_acc", "ltfn3.test_acc"), frozen_fc_nets),
    Mutation("a fixed batch made dynamic", ("ltfn2.dynamic_batch",), fixed_batch_made_dynamic),
    Mutation(
        "N(0,1) in place of He",
        ("ltfn6.controlled_init_ablation", "ltfn6.vs_xavier_init", "ltfn6.vs_hist_stable", "ltfn6.small_init_dead"),
        he_replaced_by_n01,
    ),
    Mutation("weights x1 in place of x0.01", ("ltfn6.small_init_dead",), unscaled_small_init),
    Mutation("He in place of N(0,1)", ("ltfn5.test_acc", "ltfn6.large_init_explodes"), n01_replaced_by_he),
)
NO_MUTATION = {
    "ltfn2.subgraph_pruning": "it measures TensorFlow's own graph execution (a fetch runs only what it depends "
    "on), not a model of the post's: breaking it means breaking tf.compat.v1.Session; "
    "the registry's probe test shows each of its checks fails when its flag is False",
}
