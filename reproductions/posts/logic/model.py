"""Kamphaus' nets, as the post shows them: softmax reading a net's outputs, the TensorFlow logic
nets (2 -> 3 ReLU -> 2, softmax cross-entropy), and the Clojure k9 net it starts from.

The original TensorFlow code keeps the training inputs in a trainable tf.Variable, so gradient
descent nudges the data too; ``stacked_logic_training`` runs that beside a clean variant with
constant inputs, from the same initial weights.
"""

import numpy as np

from ...suite import runtime
from . import config


# ---- softmax --------------------------------------------------------------------------------------
def softmax(values):
    tf = runtime.tensorflow()
    return tuple(float(v) for v in tf.nn.softmax(tf.constant(values, dtype=tf.float64)).numpy())


# ---- TensorFlow logic nets --------------------------------------------------------------------------
def sample_counts(rng, fn, samples):
    """sample_logic_fn: uniform random bit pairs. Returns how many of each pattern were drawn.

    The 10,000 training rows take only the four patterns, and rows that are equal get equal
    gradients, so they stay equal even while the optimizer moves them. Training on the four
    patterns weighted by their counts is therefore the original computation (tests/posts/test_logic.py
    compares it with the row-by-row version).
    """
    bits = rng.integers(0, 2, size=(samples, 2))
    return np.array([np.sum((bits[:, 0] == a) & (bits[:, 1] == b)) for a, b in config.PATTERNS])


def one_hot_labels(fn):
    """[f(x), not f(x)] per pattern: column 0 is True, as the original."""
    truth = np.array([fn(a, b) for a, b in config.PATTERNS])
    return np.stack([truth, 1 - truth], axis=1).astype(np.float32)


def truncated_normal(rng, shape, truncation):
    z = rng.standard_normal(shape)
    while np.any(outside := np.abs(z) > truncation):
        z[outside] = rng.standard_normal(np.count_nonzero(outside))
    return z.astype(np.float32)


def logic_problem(run_seed, cfg):
    """One seed's data and initial weights for each function (shared by both variants)."""
    rng = np.random.default_rng(run_seed)
    problems = []
    for name, fn in config.FUNCTIONS.items():
        counts = [sample_counts(rng, fn, n) for n in config.SPLITS]
        weights = [truncated_normal(rng, shape, cfg.truncation) for shape in ((2, cfg.hidden), (cfg.hidden, 2))]
        problems.append({"name": name, "labels": one_hot_labels(fn), "counts": counts, "weights": weights})
    return problems


def stacked_logic_training(models, inputs_trainable, cfg, steps=None):
    """Full-batch GD on many independent 2-3-2 nets at once (one graph loop), for ``cfg.steps``
    unless ``steps`` says otherwise.

    models: list of problems (one per net); inputs_trainable: per net, whether the training inputs
    are a variable the optimizer updates. Logs, like the original, the cost and training accuracy
    of the forward pass each step runs, and the validation accuracy after that step's update.
    """
    tf = runtime.tensorflow()
    steps = steps or cfg.steps
    labels = tf.constant(np.stack([m["labels"] for m in models]))  # (M, 4, 2)
    weight = [
        tf.constant(np.stack([m["counts"][k] / m["counts"][k].sum() for m in models]).astype(np.float32))
        for k in range(3)
    ]  # (M, 4) each
    rows = tf.constant(np.stack([np.maximum(m["counts"][0], 1) for m in models]).astype(np.float32)[..., None])
    moving = tf.constant(np.array(inputs_trainable, np.float32)[:, None, None])
    x = tf.Variable(np.broadcast_to(config.PATTERNS.astype(np.float32), (len(models), 4, 2)).copy())
    w1 = tf.Variable(np.stack([m["weights"][0] for m in models]))
    w2 = tf.Variable(np.stack([m["weights"][1] for m in models]))
    b1 = tf.Variable(tf.zeros((len(models), 1, cfg.hidden)))
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
        logs = [tf.TensorArray(tf.float32, size=-(-steps // cfg.log_every)) for _ in range(3)]
        for step in tf.range(steps):
            with tf.GradientTape() as tape:
                out = logits(x)
                cost = tf.reduce_sum(
                    weight[0] * tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=out), axis=1
                )  # (M,)
                total = tf.reduce_sum(cost)
            grads = tape.gradient(total, params + [x])
            for variable, grad in zip(params, grads):
                variable.assign_sub(cfg.learning_rate * grad)
            x.assign_sub(cfg.learning_rate * moving * grads[-1] / rows)  # per row, as 10,000 rows would move
            if step % cfg.log_every == 0:
                at = step // cfg.log_every
                logs = [
                    logs[0].write(at, cost),
                    logs[1].write(at, accuracy(out, 0)),
                    logs[2].write(at, accuracy(logits(patterns), 1)),
                ]
        drift = tf.reduce_max(tf.abs(x - x0), axis=[1, 2])
        return [log.stack() for log in logs] + [accuracy(logits(patterns), 2), drift]

    cost, train_acc, valid_acc, test_acc, drift = (t.numpy() for t in train())
    return {"cost": cost, "train_acc": train_acc, "valid_acc": valid_acc, "test_acc": test_acc, "drift": drift}


# ---- k9 (Clojure): a 2-3-2 sigmoid net, per-sample SGD; the library was not found, so this net is ours,
# written from the post's calls (a stand-in, and labelled so)
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def k9_nets(rngs, cfg):
    """One net per seed: weights and biases ~ U(-init, init), drawn layer by layer for every seed."""
    shapes = list(zip(cfg.k9_widths[:-1], cfg.k9_widths[1:]))
    w = [np.stack([rng.uniform(-cfg.k9_init, cfg.k9_init, s) for rng in rngs]) for s in shapes]
    c = [np.stack([rng.uniform(-cfg.k9_init, cfg.k9_init, s[1]) for rng in rngs]) for s in shapes]
    return w, c


def k9_forward(w, c, x):
    """Hidden and output activations of every seed's net for one input each: x (seeds, 2)."""
    h = sigmoid(np.einsum("si,sio->so", x, w[0]) + c[0])
    return h, sigmoid(np.einsum("si,sio->so", h, w[1]) + c[1])


def k9_train(w, c, bits, targets, epochs, rate):
    """train-epochs: squared error, one update per sample, every seed stepped together (in place)."""
    for _ in range(epochs):
        for i in range(bits.shape[1]):
            x, t = bits[:, i], targets[:, i]
            h, y = k9_forward(w, c, x)
            delta_out = (y - t) * y * (1 - y)
            delta_hidden = np.einsum("so,sio->si", delta_out, w[1]) * h * (1 - h)
            w[1] -= rate * np.einsum("si,so->sio", h, delta_out)
            c[1] -= rate * delta_out
            w[0] -= rate * np.einsum("si,so->sio", x, delta_hidden)
            c[0] -= rate * delta_hidden
