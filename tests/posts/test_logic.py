"""Kamphaus' logic nets: the fast path computes what the posted code computes."""

import numpy as np
import pytest

from reproductions.posts.logic import config, measure, model
from reproductions.suite import runtime


def test_a_seeds_result_does_not_depend_on_the_seeds_trained_beside_it():
    a, b = measure.train_logic_nets([5])[0], measure.train_logic_nets([4, 5])[1]
    assert a.keys() == b.keys()
    assert {k: v for k, v in a.items() if not isinstance(v, np.ndarray)} == {
        k: v for k, v in b.items() if not isinstance(v, np.ndarray)
    }


def full_rows_training(problem, steps):
    """The original graph: 10,000 rows in a trainable variable, GD 0.75 on mean softmax CE."""
    tf = runtime.tensorflow()
    counts = problem["counts"][0]
    rows = np.repeat(config.PATTERNS, counts, axis=0).astype(np.float32)
    labels = tf.constant(np.repeat(problem["labels"], counts, axis=0))
    x = tf.Variable(rows)
    w1, w2 = (tf.Variable(w) for w in problem["weights"])
    b1, b2 = tf.Variable(tf.zeros(config.QUICK.hidden)), tf.Variable(tf.zeros(2))
    costs = []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            logits = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
            cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
        variables = [w1, b1, w2, b2, x]
        for variable, grad in zip(variables, tape.gradient(cost, variables)):
            variable.assign_sub(config.QUICK.learning_rate * grad)
        costs.append(float(cost))
    return costs, float(np.max(np.abs(x.numpy() - rows)))


def test_training_on_counted_patterns_equals_training_on_every_row():
    problem = model.logic_problem(3, config.QUICK)[0]  # AND
    steps = 201
    full_costs, full_drift = full_rows_training(problem, steps)
    stacked = model.stacked_logic_training([problem], [True], config.QUICK, steps=steps)
    assert stacked["cost"][:, 0] == pytest.approx(full_costs[:: config.QUICK.log_every], rel=1e-4, abs=1e-6)
    assert stacked["drift"][0] == pytest.approx(full_drift, rel=1e-3)
    assert full_drift > 0  # the quirk is real: the optimizer moved the training inputs
