"""Linear regression: a break of gradient descent.

Each break must fail the tests of the claims it names; tests/test_mutations.py applies them. A
measured claim without one is named in NO_MUTATION, with the reason none can exist.
"""

from ...suite.records import Mutation, change_config
from . import config


def tenfold_smaller_learning_rate(patch):
    change_config(patch, config, learning_rate=0.03)


MUTATIONS = (
    Mutation(
        "regression at a tenth of the learning rate",
        ("linreg.multi.recovery", "linreg.layers.recovery"),
        tenfold_smaller_learning_rate,
        range(5),
    ),
)
NO_MUTATION = {}
