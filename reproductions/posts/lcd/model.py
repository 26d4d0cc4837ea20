"""LCD digits' models, as the posts build them: the intro's hand-made feature, the linear softmax
regression trained on the glyphs, and the nets beyond it that the overview describes.

A 25 -> 10 (or 100 -> 10) softmax regression starts from zero weights and takes GD steps on batches
of 50 cut from one permutation of the data, so with fixed images its accuracy depends only on that
permutation. Many seeds train at once, stacked along a leading axis (the same arithmetic per seed;
see runtime.in_fixed_stacks). The DNN and the CNNs have no published code: they are the smallest
faithful versions of what the overview describes, and say so in config.py.
"""

import numpy as np

from ...suite import memo, runtime
from ...suite.measurements import TRAINED, dense, matmul
from . import config
from .config import CNN_FILTERS, DIGITS, DNN_HIDDEN, JITTER_IMAGE, LARGE_IMAGE, POOLED_FILTERS, SEEN_OFFSETS, SHAPE
from .data import patches, same_patches


# ---- the intro's hand-made feature ------------------------------------------------------------------
def vertical_lines(image):
    """The post's feature: a column whose pixels are all 1 (x[i][j] == 1 for every row i)."""
    return int(np.sum(np.all(image == 1, axis=0)))


# ---- the linear softmax model, stacked over seeds ---------------------------------------------------
def batch_schedule(rng, n, steps, batch):
    """BatchMaker: one permutation, consecutive slices of ``batch``, wrapping at the end."""
    order = rng.permutation(n)
    starts = (np.arange(steps) * batch) % n
    return np.stack([order[s : s + batch] for s in starts])


def train_linear(images, labels, schedules, eval_steps, learning_rate):
    """Zero-initialized softmax regression, GD on mean cross-entropy, per stacked seed.

    images (S, n, p), labels (S, n), schedules (S, steps, 50). Returns the predictions on the
    training images after each step count in eval_steps, and the final W (S, p, 10).
    """
    tf = runtime.tensorflow()
    seeds, n, pixels = images.shape
    x, y = tf.constant(images), tf.one_hot(labels, DIGITS)
    w = tf.Variable(tf.zeros((seeds, pixels, DIGITS)))
    b = tf.Variable(tf.zeros((seeds, 1, DIGITS)))
    schedule = tf.constant(schedules)
    evals = tf.constant(np.isin(np.arange(1, schedules.shape[1] + 1), eval_steps))

    @tf.function
    def train():
        predictions = tf.TensorArray(tf.int64, size=len(eval_steps))
        written = 0
        for step in tf.range(schedules.shape[1]):
            index = schedule[:, step]
            xb, yb = tf.gather(x, index, batch_dims=1), tf.gather(y, index, batch_dims=1)
            with tf.GradientTape() as tape:
                logits = tf.matmul(xb, w) + b
                loss = tf.reduce_sum(tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(yb, logits), axis=1))
            dw, db = tape.gradient(loss, [w, b])
            w.assign_sub(learning_rate * dw)
            b.assign_sub(learning_rate * db)
            if evals[step]:
                predictions = predictions.write(written, tf.argmax(tf.matmul(x, w) + b, axis=2))
                written += 1
        return predictions.stack()

    return train().numpy(), w.numpy(), b.numpy()  # (len(eval_steps), S, n), (S, p, 10), (S, 1, 10)


# ---- beyond linear: a DNN, a position-blind CNN and a conv-pool-dense CNN --------------------------------
def glorot(rng, fan_in, fan_out, shape):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, shape).astype(np.float32)


MODELS = {  # name -> (parameter shapes, Glorot fans per weight)
    "linear": [((JITTER_IMAGE**2, DIGITS), (JITTER_IMAGE**2, DIGITS)), ((1, DIGITS), None)],
    "dnn": [
        ((JITTER_IMAGE**2, DNN_HIDDEN), (JITTER_IMAGE**2, DNN_HIDDEN)),
        ((1, DNN_HIDDEN), None),
        ((DNN_HIDDEN, DIGITS), (DNN_HIDDEN, DIGITS)),
        ((1, DIGITS), None),
    ],
    # Conv2D(16, 5x5) over the image padded by 4, GlobalMaxPooling2D, Dense(10); Keras' Glorot fans
    "cnn": [
        ((SHAPE * SHAPE, CNN_FILTERS), (SHAPE * SHAPE, SHAPE * SHAPE * CNN_FILTERS)),
        ((1, 1, CNN_FILTERS), None),
        ((CNN_FILTERS, DIGITS), (CNN_FILTERS, DIGITS)),
        ((1, DIGITS), None),
    ],
    # Conv2D(8, 5x5, "same"), MaxPooling2D(2), Flatten, Dense(10)
    "cnn_pool": [
        ((SHAPE * SHAPE, POOLED_FILTERS), (SHAPE * SHAPE, SHAPE * SHAPE * POOLED_FILTERS)),
        ((1, 1, POOLED_FILTERS), None),
        ((25 * POOLED_FILTERS, DIGITS), (25 * POOLED_FILTERS, DIGITS)),
        ((1, DIGITS), None),
    ],
}


# models that read 5x5 windows instead of pixels (looked up when called: a break may replace them)
PATCHED = {"cnn": lambda images: patches(images), "cnn_pool": lambda images: same_patches(images)}


def parameter_count(model):
    return int(sum(np.prod(shape) for shape, _ in MODELS[model]))


def forward(model, params, inputs):
    tf = runtime.tensorflow()
    if model == "linear":
        return tf.matmul(inputs, params[0]) + params[1]
    if model == "dnn":
        return tf.matmul(tf.nn.relu(tf.matmul(inputs, params[0]) + params[1]), params[2]) + params[3]
    if model == "cnn_pool":  # inputs (S, n, 100, 25): the "same" windows, row by row
        maps = tf.nn.relu(tf.einsum("snqk,skf->snqf", inputs, params[0]) + params[1])
        side = JITTER_IMAGE // 2
        pooled = tf.reduce_max(
            tf.reshape(maps, (tf.shape(maps)[0], tf.shape(maps)[1], side, 2, side, 2, -1)), axis=(3, 5)
        )
        flat = tf.reshape(pooled, (tf.shape(maps)[0], tf.shape(maps)[1], -1))
        return tf.matmul(flat, params[2]) + params[3]
    # inputs (S, n, positions, 25): one response per filter and position, the max over positions
    features = tf.reduce_max(tf.einsum("snqk,skf->snqf", inputs, params[0]) + params[1], axis=2)
    return tf.matmul(features, params[2]) + params[3]


def train_net(model, rngs, inputs, labels, cfg, steps=None):
    """Adam on mean cross-entropy, batches of 50 from one permutation per seed, ``cfg.net_steps``
    steps unless ``steps`` says otherwise; stacked over seeds.

    Memoized on every input (model, initial weights, data, schedule), so a test that breaks one of
    the models reuses the others' trainings instead of running them again."""
    steps = steps or cfg.net_steps
    initial = [
        np.stack([glorot(rng, *fans, shape) if fans else np.zeros(shape, np.float32) for rng in rngs])
        for shape, fans in MODELS[model]
    ]
    schedules = np.stack([batch_schedule(rng, inputs.shape[1], steps, cfg.batch) for rng in rngs])
    key = ("lcd-net", model, forward, memo.digest(initial + [inputs, labels, schedules]), steps, cfg.net_learning_rate)
    return memo.memoized(
        key, lambda: _train_net(model, initial, schedules, inputs, labels, steps, cfg.net_learning_rate)
    )


def _train_net(model, initial, schedules, inputs, labels, steps, learning_rate):
    tf, keras = runtime.tensorflow(), runtime.keras()
    params = [tf.Variable(array) for array in initial]
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    optimizer.build(params)
    schedule = tf.constant(schedules)
    x, y = tf.constant(inputs), tf.one_hot(labels, DIGITS)

    @tf.function
    def train():
        for step in tf.range(steps):
            index = schedule[:, step]
            with tf.GradientTape() as tape:
                logits = forward(model, params, tf.gather(x, index, batch_dims=1))
                yb = tf.gather(y, index, batch_dims=1)
                loss = tf.reduce_sum(tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(yb, logits), axis=1))
            optimizer.apply_gradients(zip(tape.gradient(loss, params), params))

    train()
    return lambda test_inputs: np.argmax(forward(model, params, tf.constant(test_inputs)).numpy(), axis=2)


# ---- the work of one seed's run, for measure.py's flops= ---------------------------------------------------
def linear_flops(pixels, examples, steps, evals, batch):
    """One seed's train_linear: its GD steps on batches, then ``evals`` predictions of its ``examples`` images."""
    return (TRAINED * steps * batch + evals * examples) * dense((pixels, DIGITS))


def lcd5_flops(scale):
    """One seed: the 25-10 model's steps on the 100 glyphs, predicting them after 5 steps and at the end."""
    cfg = config.at(scale)
    return linear_flops(SHAPE**2, cfg.examples, cfg.steps, 2, cfg.batch)


def jitter10_flops(scale):
    """One seed, at 10x10 and 20x20: train_to_100 steps, predicting the training, test and probe images
    (every digit at every offset) at each of the 4 step counts read."""
    cfg, flops = config.at(scale), 0
    for image in (JITTER_IMAGE, LARGE_IMAGE):
        predicted = cfg.examples + cfg.test_examples + DIGITS * (image - SHAPE + 1) ** 2
        flops += linear_flops(image**2, predicted, cfg.train_to_100, 4, cfg.batch)
    return flops


def sizes_flops(scale):
    """One seed, per image size and set size: 1,000 steps (10,000 and a second reading for 5,000), each
    reading predicting the set."""
    cfg = config.at(scale)
    return sum(
        linear_flops(image**2, n, cfg.long_steps if n == 5000 else cfg.jitter_steps, 2 if n == 5000 else 1, cfg.batch)
        for image in (JITTER_IMAGE, LARGE_IMAGE)
        for n in config.SIZES
    )


def net_forward_flops(net):
    """One image's forward FLOPs through a net of MODELS: a conv layer's 5x5 filters at each window."""
    windows = {"cnn": (JITTER_IMAGE + SHAPE - 1) ** 2, "cnn_pool": JITTER_IMAGE**2}.get(net, 1)  # patches, same_patches
    first, *rest = [shape for shape, fans in MODELS[net] if fans]
    return windows * matmul(1, *first) + sum(matmul(1, *shape) for shape in rest)


def expected_unseen(offsets, examples):
    """split_placements' expected test-set size: the placements that ``examples`` draws (as many of each
    digit, row and column from ``offsets`` offsets) miss."""
    side, per_digit = JITTER_IMAGE - SHAPE + 1, examples // DIGITS
    return DIGITS * (side**2 - offsets**2 * (1 - (1 - 1 / offsets**2) ** per_digit))


def beyond_linear_flops(scale):
    """One seed, per split and net: Adam steps, then predicting its training images, its test set with
    every stacked seed's model (the expected count) and, on the random split, the fresh images."""
    cfg = config.at(scale)
    tests = {"random": expected_unseen(JITTER_IMAGE - SHAPE + 1, cfg.net_examples)}
    tests["shifted"] = expected_unseen(SEEN_OFFSETS, cfg.net_examples)
    fresh = {"random": cfg.fresh_examples, "shifted": 0}
    return sum(
        (TRAINED * cfg.net_steps * cfg.batch + cfg.net_examples + cfg.stack * tests[split] + fresh[split])
        * net_forward_flops(net)
        for split, nets in config.SPLIT_MODELS.items()
        for net in nets
    )
