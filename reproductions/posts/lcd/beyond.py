"""LCD digits beyond a linear model: a small DNN copes with jitter, the simplest CNN reads every placement.

Source: 000 (sentimos), "Understanding Convolutional Neural Networks" (the series overview) and
"Dealing with inexact data". The DNN and the CNN have no published code: they are the smallest
faithful versions of what the overview describes, written here, and say so in their config.
"""

import numpy as np

from ...suite import memo, runtime
from ...suite.measurements import measurement
from .data import DIGITS, JITTER_IMAGE, SHAPE, all_placements, generate_images, images_of, patches, same_patches
from .linear import STACK, batch_schedule

# ---- config: beyond linear (no published code; ours) ------------------------------------------------
DNN_HIDDEN = 64  # ours: one ReLU layer, the smallest "deep" net that fits the jittered set
NET_EXAMPLES = 500  # ours: 500 jittered images (the post's next step up)
NET_STEPS = 2000  # ours: Adam 1e-2, batch 50, 2,000 steps
NET_LEARNING_RATE = 1e-2  # ours
CNN_FILTERS = 16  # ours: one 5x5 conv layer, a max over positions, a dense readout
POOLED_FILTERS = 8  # ours: a conv-pool-dense CNN with no built-in invariance: 5x5 "same" conv,
# 2x2 max pool, a dense readout of the 5x5x8 map (where the claim could fail)
SEEN_OFFSETS = 3  # ours: the CNN trains on offsets 0-2 (top-left) and is tested on the rest
FRESH_EXAMPLES = 500  # ours: fresh random jittered images, the post's test for the linear model


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


SPLIT_MODELS = {"random": ("linear", "dnn", "cnn_pool"), "shifted": ("dnn", "cnn")}  # ours: the claims' comparisons
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


def train_net(model, rngs, inputs, labels, steps=NET_STEPS):
    """Adam on mean cross-entropy, batches of 50 from one permutation per seed; stacked over seeds.

    Memoized on every input (model, initial weights, data, schedule), so a test that breaks one of
    the models reuses the others' trainings instead of running them again."""
    initial = [
        np.stack([glorot(rng, *fans, shape) if fans else np.zeros(shape, np.float32) for rng in rngs])
        for shape, fans in MODELS[model]
    ]
    schedules = np.stack([batch_schedule(rng, inputs.shape[1], steps) for rng in rngs])
    key = ("lcd-net", model, forward, memo.digest(initial + [inputs, labels, schedules]), steps, NET_LEARNING_RATE)
    return memo.memoized(key, lambda: _train_net(model, initial, schedules, inputs, labels, steps))


def _train_net(model, initial, schedules, inputs, labels, steps):
    tf, keras = runtime.tensorflow(), runtime.keras()
    params = [tf.Variable(array) for array in initial]
    optimizer = keras.optimizers.Adam(learning_rate=NET_LEARNING_RATE)
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


@measurement(
    "lcd:train_beyond_linear",
    seeds_at_once=True,
    metrics=(
        "params_linear",
        "params_dnn",
        "params_cnn",
        "params_cnn_pool",
        "training_steps",
        "cnn_smaller_than_dnn",
        "cnn_pool_smaller_than_dnn",
        "linear_random_test_acc",
        "linear_random_train_acc",
        "linear_fresh_test_acc",
        "dnn_random_test_acc",
        "dnn_random_train_acc",
        "dnn_fresh_test_acc",
        "cnn_pool_random_test_acc",
        "cnn_pool_random_train_acc",
        "cnn_pool_fresh_test_acc",
        "dnn_shifted_test_acc",
        "dnn_shifted_train_acc",
        "cnn_shifted_test_acc",
        "cnn_shifted_train_acc",
        "cnn_100_at_unseen_positions",
        "cnn_pool_100_at_unseen_placements",
        "cnn_pool_100_on_fresh_images",
        "dnn_beats_linear",
        "dnn_beats_linear_on_fresh_images",
        "dnn_fits_training_set",
        "cnn_pool_beats_dnn_at_unseen_placements",
    ),
)
def train_beyond_linear(run_seeds, scale="quick"):
    return runtime.in_fixed_stacks(_train_beyond_stack, run_seeds, STACK)


def _split(rng, offsets, examples):
    """Training draws from the placements with the given offsets; the test set is every placement
    of the universe that no training image shows."""
    universe = all_placements(JITTER_IMAGE, range(JITTER_IMAGE - SHAPE + 1))
    digits = np.arange(examples) % DIGITS
    rows, cols = rng.choice(offsets, size=(2, examples))
    train = list(zip(digits.tolist(), rows.tolist(), cols.tolist()))
    seen = set(train)
    return train, [p for p in universe if p not in seen]


def _train_beyond_stack(run_seeds):
    all_offsets = np.arange(JITTER_IMAGE - SHAPE + 1)
    splits = {"random": [], "shifted": []}
    fresh = []
    for seed in run_seeds:
        rng = np.random.default_rng(seed)
        splits["random"].append(_split(rng, all_offsets, NET_EXAMPLES))
        splits["shifted"].append(_split(rng, all_offsets[:SEEN_OFFSETS], NET_EXAMPLES))
        fresh.append(generate_images(np.random.default_rng([seed, 3]), FRESH_EXAMPLES, JITTER_IMAGE)[:2])
    sizes = {f"params_{m}": parameter_count(m) for m in MODELS}
    results = [
        sizes
        | {
            "training_steps": NET_STEPS,
            "cnn_smaller_than_dnn": sizes["params_cnn"] < sizes["params_dnn"],
            "cnn_pool_smaller_than_dnn": sizes["params_cnn_pool"] < sizes["params_dnn"],
        }
        for _ in run_seeds
    ]
    fresh_x, fresh_y = np.stack([f[0] for f in fresh]), np.stack([f[1] for f in fresh])
    for split, pairs in splits.items():
        train = [images_of(t) for t, _ in pairs]
        # test sets differ in size per seed: score each seed on its own
        tests = [images_of(u) for _, u in pairs]
        x = np.stack([t[0] for t in train])
        labels = np.stack([t[1] for t in train])
        for model in SPLIT_MODELS[split]:
            read = PATCHED.get(model, lambda images: images)
            rngs = [np.random.default_rng([seed, len(model), len(split)]) for seed in run_seeds]
            inputs = np.stack([read(xi) for xi in x])
            predict = train_net(model, rngs, inputs, labels)
            train_predicted = predict(inputs)
            for s, (result, (test_x, test_y)) in enumerate(zip(results, tests)):
                # pad the test set to one shape per stack: the seed's own model scores its own images
                test_inputs = read(test_x)
                stacked = np.broadcast_to(test_inputs, (len(run_seeds),) + test_inputs.shape)
                result[f"{model}_{split}_test_acc"] = float(np.mean(predict(stacked)[s] == test_y))
                result[f"{model}_{split}_train_acc"] = float(np.mean(train_predicted[s] == labels[s]))
            if split == "random":  # the post's yardstick: fresh random images, seen placements included
                fresh_predicted = predict(np.stack([read(xi) for xi in fresh_x]))
                for s, result in enumerate(results):
                    result[f"{model}_fresh_test_acc"] = float(np.mean(fresh_predicted[s] == fresh_y[s]))
    for result in results:
        result["cnn_100_at_unseen_positions"] = result["cnn_shifted_test_acc"] == 1.0
        result["cnn_pool_100_at_unseen_placements"] = result["cnn_pool_random_test_acc"] == 1.0
        result["cnn_pool_100_on_fresh_images"] = result["cnn_pool_fresh_test_acc"] == 1.0
        result["dnn_beats_linear"] = result["dnn_random_test_acc"] > result["linear_random_test_acc"]
        result["dnn_beats_linear_on_fresh_images"] = result["dnn_fresh_test_acc"] > result["linear_fresh_test_acc"]
        result["dnn_fits_training_set"] = result["dnn_random_train_acc"] == 1.0
        result["cnn_pool_beats_dnn_at_unseen_placements"] = (
            result["cnn_pool_random_test_acc"] > result["dnn_random_test_acc"]
        )
    return results
