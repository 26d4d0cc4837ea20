"""Logic functions with small neural nets, and the softmax that reads their outputs.

Source: 003 (Ben Kamphaus), "First Steps with TensorFlow and Deep Learning"; original code
benkamphaus/tf-examples logic_nets.py (6ec78f3). The extracted post text lost its minus signs
(``[2 4 0.0001]`` is ``[2 -4 0.0001]``, ``E-4`` reads ``E4``); the catalog restores them.
Claims: logic.softmax.examples, logic.tf.convergence_log, logic.tf.all_functions_100 (the k9 net
of logic.k9.and_nand is in k9.py, the figure in figures.py).

The post reads a net's outputs with softmax, first in Clojure (with the k9 library's 2-3-2 net on
AND/NAND), then in TensorFlow: a 2 -> 3 ReLU -> 2 net trained with softmax cross-entropy on AND,
OR, NAND and XOR, printing cost and accuracies every 200 steps. The original keeps the training
inputs in a trainable tf.Variable, so gradient descent nudges the data too; we run that
("documented") beside a clean variant with constant inputs, from the same initial weights.
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import measurement

# ---- config: softmax ------------------------------------------------------------------------------
SOFTMAX_INPUTS = {
    "softmax_8_023_012": (8.0, 0.23, 0.12),  # post
    "softmax_2_m4_00001": (2.0, -4.0, 0.0001),  # post, minus sign restored
}
AS_EXTRACTED = (2.0, 4.0, 0.0001)  # the extracted text, minus sign lost

# ---- config: TensorFlow logic nets --------------------------------------------------------------
FUNCTIONS = {  # original code, run in this order
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "nand": lambda a, b: 1 - (a & b),
    "xor": lambda a, b: a ^ b,
}
TRAIN, VALID, TEST = 10_000, 1_000, 1_000  # original code: sample_logic_fn sizes
HIDDEN = 3  # original code: hiddens=[3]
LEARNING_RATE = 0.75  # original code; the post gives no value
STEPS = 2000  # original code: n_steps=2000 (same at both scales)
LOG_EVERY = 200  # original code: prints when step % 200 == 0
TRUNCATION = 2.0  # tf.truncated_normal redraws beyond 2 std
VARIANTS = ("documented", "clean")  # ours: trainable inputs (the original) vs constant
STACK = 10  # ours: seeds per compiled training (x8 nets each)
PATTERNS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


# ---- softmax --------------------------------------------------------------------------------------
def softmax(values):
    tf = runtime.tensorflow()
    return tuple(float(v) for v in tf.nn.softmax(tf.constant(values, dtype=tf.float64)).numpy())


@measurement(
    "logic:softmax_examples",
    metrics=("softmax_8_023_012", "softmax_2_m4_00001", "as_extracted_2_4_00001", "numpy_agrees"),
)
def softmax_examples(seed, scale="quick"):
    """The post's two worked examples, and what the extracted text's version would print."""
    out = {name: softmax(values) for name, values in SOFTMAX_INPUTS.items()}
    out["as_extracted_2_4_00001"] = softmax(AS_EXTRACTED)
    out["numpy_agrees"] = all(
        np.allclose(np.exp(v) / np.sum(np.exp(v)), out[name], rtol=0, atol=1e-15) for name, v in SOFTMAX_INPUTS.items()
    )
    return out


# ---- TensorFlow logic nets --------------------------------------------------------------------------
def sample_counts(rng, fn, samples):
    """sample_logic_fn: uniform random bit pairs. Returns how many of each pattern were drawn.

    The 10,000 training rows take only the four patterns, and rows that are equal get equal
    gradients, so they stay equal even while the optimizer moves them. Training on the four
    patterns weighted by their counts is therefore the original computation (tests/test_logic.py
    compares it with the row-by-row version).
    """
    bits = rng.integers(0, 2, size=(samples, 2))
    return np.array([np.sum((bits[:, 0] == a) & (bits[:, 1] == b)) for a, b in PATTERNS])


def one_hot_labels(fn):
    """[f(x), not f(x)] per pattern: column 0 is True, as the original."""
    truth = np.array([fn(a, b) for a, b in PATTERNS])
    return np.stack([truth, 1 - truth], axis=1).astype(np.float32)


def truncated_normal(rng, shape):
    z = rng.standard_normal(shape)
    while np.any(outside := np.abs(z) > TRUNCATION):
        z[outside] = rng.standard_normal(np.count_nonzero(outside))
    return z.astype(np.float32)


def logic_problem(run_seed):
    """One seed's data and initial weights for each function (shared by both variants)."""
    rng = np.random.default_rng(run_seed)
    problems = []
    for name, fn in FUNCTIONS.items():
        counts = [sample_counts(rng, fn, n) for n in (TRAIN, VALID, TEST)]
        weights = [truncated_normal(rng, (2, HIDDEN)), truncated_normal(rng, (HIDDEN, 2))]
        problems.append({"name": name, "labels": one_hot_labels(fn), "counts": counts, "weights": weights})
    return problems


def stacked_logic_training(models, inputs_trainable, steps=STEPS):
    """Full-batch GD on many independent 2-3-2 nets at once (one graph loop).

    models: list of problems (one per net); inputs_trainable: per net, whether the training inputs
    are a variable the optimizer updates. Logs, like the original, the cost and training accuracy
    of the forward pass each step runs, and the validation accuracy after that step's update.
    """
    tf = runtime.tensorflow()
    labels = tf.constant(np.stack([m["labels"] for m in models]))  # (M, 4, 2)
    weight = [
        tf.constant(np.stack([m["counts"][k] / m["counts"][k].sum() for m in models]).astype(np.float32))
        for k in range(3)
    ]  # (M, 4) each
    rows = tf.constant(np.stack([np.maximum(m["counts"][0], 1) for m in models]).astype(np.float32)[..., None])
    moving = tf.constant(np.array(inputs_trainable, np.float32)[:, None, None])
    x = tf.Variable(np.broadcast_to(PATTERNS.astype(np.float32), (len(models), 4, 2)).copy())
    w1 = tf.Variable(np.stack([m["weights"][0] for m in models]))
    w2 = tf.Variable(np.stack([m["weights"][1] for m in models]))
    b1 = tf.Variable(tf.zeros((len(models), 1, HIDDEN)))
    b2 = tf.Variable(tf.zeros((len(models), 1, 2)))
    params = [w1, b1, w2, b2]
    x0, patterns = tf.constant(x.numpy()), tf.constant(x.numpy())
    truth = tf.argmax(labels, axis=2)

    def logits(inputs):
        return tf.matmul(tf.nn.relu(tf.matmul(inputs, w1) + b1), w2) + b2

    def accuracy(out, k):
        correct = tf.cast(tf.equal(tf.argmax(out, axis=2), truth), tf.float32)
        return tf.reduce_sum(correct * weight[k], axis=1)

    @tf.function
    def train():
        logs = [tf.TensorArray(tf.float32, size=-(-steps // LOG_EVERY)) for _ in range(3)]
        for step in tf.range(steps):
            with tf.GradientTape() as tape:
                out = logits(x)
                cost = tf.reduce_sum(
                    weight[0] * tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=out), axis=1
                )  # (M,)
                total = tf.reduce_sum(cost)
            grads = tape.gradient(total, params + [x])
            for variable, grad in zip(params, grads):
                variable.assign_sub(LEARNING_RATE * grad)
            x.assign_sub(LEARNING_RATE * moving * grads[-1] / rows)  # per row, as 10,000 rows would move
            if step % LOG_EVERY == 0:
                at = step // LOG_EVERY
                logs = [
                    logs[0].write(at, cost),
                    logs[1].write(at, accuracy(out, 0)),
                    logs[2].write(at, accuracy(logits(patterns), 1)),
                ]
        drift = tf.reduce_max(tf.abs(x - x0), axis=[1, 2])
        return [log.stack() for log in logs] + [accuracy(logits(patterns), 2), drift]

    cost, train_acc, valid_acc, test_acc, drift = (t.numpy() for t in train())
    return {"cost": cost, "train_acc": train_acc, "valid_acc": valid_acc, "test_acc": test_acc, "drift": drift}


LOGGED_STEPS = (0, 200, 400)  # post: the steps its log prints


def _logged(tag):
    """The metric names of one function's run (``tag``: the function, ``_clean`` for the variant)."""
    logged = (f"{tag}_{quantity}_{step}" for step in LOGGED_STEPS for quantity in ("cost", "train_acc", "valid_acc"))
    return (*logged, f"{tag}_test_acc", f"{tag}_test_100")


@measurement(
    "logic:train_logic_nets",
    seeds_at_once=True,
    metrics=(
        *(m for name in FUNCTIONS for m in (*_logged(name), f"{name}_input_drift", *_logged(f"{name}_clean"))),
        *(f"{name}_quirk_changes_outcome" for name in FUNCTIONS),
        "and_cost_200_learned",
        "and_cost_400_learned",
        "and_acc_1_by_200",
        "all_four_100",
        "and_step0_reads_all_true",
    ),
)
def train_logic_nets(run_seeds, scale="quick"):
    """Every function, both variants, every seed: stacked trainings. One result per seed."""
    return runtime.in_fixed_stacks(_train_logic_stack, run_seeds, STACK)


def _train_logic_stack(run_seeds):
    problems = [p for seed in run_seeds for p in logic_problem(seed)]
    models = [p for p in problems for _ in VARIANTS]
    trained = stacked_logic_training(models, [v == "documented" for _ in problems for v in VARIANTS])
    results = []
    per_seed = len(FUNCTIONS) * len(VARIANTS)
    for s in range(len(run_seeds)):
        result = {}
        for i, (name, variant) in enumerate((n, v) for n in FUNCTIONS for v in VARIANTS):
            m = s * per_seed + i
            tag = name if variant == "documented" else f"{name}_clean"
            for step_index, step in enumerate(range(0, STEPS, LOG_EVERY)):
                if step in LOGGED_STEPS:
                    result[f"{tag}_cost_{step}"] = float(trained["cost"][step_index, m])
                    result[f"{tag}_train_acc_{step}"] = float(trained["train_acc"][step_index, m])
                    result[f"{tag}_valid_acc_{step}"] = float(trained["valid_acc"][step_index, m])
            result[f"{tag}_test_acc"] = float(trained["test_acc"][m])
            result[f"{tag}_test_100"] = bool(trained["test_acc"][m] == 1.0)
            result[f"{tag}_cost_curve"] = trained["cost"][:, m]
            if variant == "documented":
                result[f"{name}_input_drift"] = float(trained["drift"][m])
        learned = result["and_test_100"]
        for step in (200, 400):
            result[f"and_cost_{step}_learned"] = result[f"and_cost_{step}"] if learned else None
        result["and_acc_1_by_200"] = (
            all(result[f"and_{kind}_acc_{step}"] == 1.0 for kind in ("train", "valid") for step in (200, 400))
            if learned
            else None
        )
        for name in FUNCTIONS:
            result[f"{name}_quirk_changes_outcome"] = result[f"{name}_test_100"] != result[f"{name}_clean_test_100"]
        result["all_four_100"] = all(result[f"{name}_test_100"] for name in FUNCTIONS)
        result["and_step0_reads_all_true"] = bool(
            abs(result["and_train_acc_0"] - 0.25) < 0.05 and abs(result["and_valid_acc_0"] - 0.75) < 0.05
        )
        results.append(result)
    return results
