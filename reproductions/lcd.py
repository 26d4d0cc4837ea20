"""LCD digits: a linear softmax model learns them, fails once they move, and what does better.

Source: 000 (sentimos), "Understanding Convolutional Neural Networks" (the series overview), "How
to recognize a digit" and "Dealing with inexact data"; original code sentimos/lcd linreg.ipynb
(f0b01b2, the version whose stored output matches the post) and linreg-large.ipynb (59ff553).
Claims: lcd.intro.*, lcd.linreg5.*, lcd.jitter10.*, lcd.jitter.*, lcd.dnn.copes_with_jitter.

A digit is a 5x5 binary glyph (the original's Lcd class; its "1" is the right-hand column), placed
at a random offset in a larger image. A 25 -> 10 (or 100 -> 10) softmax regression starts from
zero weights and takes GD steps on batches of 50 cut from one permutation of the data, so with
fixed images its accuracy depends only on that permutation. Many seeds train at once, stacked
along a leading axis (the same arithmetic per seed; see runtime.in_fixed_stacks).
The DNN and the CNN have no published code: they are the smallest faithful versions of what the
overview describes, written here, and say so in their config.
"""

import numpy as np

from . import runtime
from .figures import pyplot, save

# ---- config: data -----------------------------------------------------------------------------------
SHAPE = 5                 # post + original code: 5 x 5 glyphs
DIGITS = 10               # post
# ---- config: linear model ------------------------------------------------------------------------
LEARNING_RATE = 0.03      # post + original code
BATCH = 50                # original code: batch_size
EXAMPLES = 100            # original code: example_count (10 of each digit: digit = i % 10)
FIRST_STEPS = 5           # post: "just 5 steps"
STEPS = 95                # original code: 5 steps, then while step < step_count - 5 with step_count 100
JITTER_IMAGE = 10         # post: digits inside a 10 x 10 image ("twice the size of the shape")
JITTER_STEPS = 1000       # linreg-large.ipynb: step_count = 1000 (the jittered runs' setting)
TRAIN_TO_100 = 20_000     # ours: the post gives no count for "we reach 100%"; 1,000 steps leave the
                          # 10x10 set at 70-80%, 20,000 memorize it
TEST_EXAMPLES = 50        # post + original code: GenerateImages(50, ...)
LARGE_IMAGE = 20          # linreg-large.ipynb: img_size = 20 (the run that printed 0.3168)
LONG_STEPS = 10_000       # ours: 10x the steps, to separate under-training from capacity
STACK = 10                # ours: seeds per stacked training
# ---- config: beyond linear (no published code; ours) ------------------------------------------------
DNN_HIDDEN = 64           # ours: one ReLU layer, the smallest "deep" net that fits the jittered set
NET_EXAMPLES = 500        # ours: 500 jittered images (the post's next step up)
NET_STEPS = 2000          # ours: Adam 1e-2, batch 50, 2,000 steps
NET_LEARNING_RATE = 1e-2  # ours
CNN_FILTERS = 16          # ours: one 5x5 conv layer, a max over positions, a dense readout
SEEN_OFFSETS = 3          # ours: the CNN trains on offsets 0-2 (top-left) and is tested on the rest

# glyph strokes as in the original Lcd class (Python 2: half = size / 2 = 2 for size 5)
TOP, MIDDLE, BOTTOM, LEFT, RIGHT, UPPER_LEFT, UPPER_RIGHT, LOWER_LEFT, LOWER_RIGHT = range(9)
STROKES = {
    0: (TOP, BOTTOM, LEFT, RIGHT),
    1: (RIGHT,),
    2: (TOP, UPPER_RIGHT, MIDDLE, BOTTOM, LOWER_LEFT),
    3: (TOP, MIDDLE, BOTTOM, RIGHT),
    4: (UPPER_LEFT, MIDDLE, RIGHT),
    5: (TOP, UPPER_LEFT, MIDDLE, LOWER_RIGHT, BOTTOM),
    6: (LEFT, MIDDLE, BOTTOM, LOWER_RIGHT),
    7: (TOP, RIGHT),
    8: (TOP, BOTTOM, LEFT, RIGHT, MIDDLE),
    9: (TOP, RIGHT, MIDDLE, UPPER_LEFT),
}


def glyph(digit, size=SHAPE):
    g = np.zeros((size, size), np.float32)
    half, last = size // 2, size - 1
    cells = {TOP: (0, slice(None)), MIDDLE: (half, slice(None)), BOTTOM: (last, slice(None)),
             LEFT: (slice(None), 0), RIGHT: (slice(None), last),
             UPPER_LEFT: (slice(0, half), 0), UPPER_RIGHT: (slice(0, half), last),
             LOWER_LEFT: (slice(half, size), 0), LOWER_RIGHT: (slice(half, size), last)}
    for stroke in STROKES[digit]:
        g[cells[stroke]] = 1
    return g


def place(digit, image, row, col):
    out = np.zeros((image, image), np.float32)
    out[row:row + SHAPE, col:col + SHAPE] = glyph(digit)
    return out


def generate_images(rng, n, image, offsets=None):
    """GenerateImages: digit i % 10 at a uniformly random offset (rows, then columns)."""
    digits = np.arange(n) % DIGITS
    if offsets is None:
        offsets = np.arange(image - SHAPE + 1)
    positions = rng.choice(offsets, size=(n, 2))
    images = np.stack([place(d, image, r, c).ravel() for d, (r, c) in zip(digits, positions)])
    return images, digits, positions


def stacked_images(rngs, n, image):
    """One generated set per seed, stacked: images (S, n, p), labels (S, n), positions (S, n, 2)."""
    data = [generate_images(rng, n, image) for rng in rngs]
    return tuple(np.stack([d[k] for d in data]) for k in range(3))


# ---- the intro's hand-made feature ------------------------------------------------------------------
def vertical_lines(image):
    """The post's feature: a column whose pixels are all 1 (x[i][j] == 1 for every row i)."""
    return int(np.sum(np.all(image == 1, axis=0)))


def feature_count(seed, scale="quick"):
    counts = {d: vertical_lines(glyph(d)) for d in range(DIGITS)}
    return {"lines_in_0": counts[0], "lines_in_1": counts[1], "lines_in_8": counts[8],
            "eight_reads_as_zero": counts[8] == counts[0], "glyph_0": glyph(0), "glyph_1": glyph(1)}


# ---- the linear softmax model, stacked over seeds ---------------------------------------------------
def batch_schedule(rng, n, steps):
    """BatchMaker: one permutation, consecutive slices of 50, wrapping at the end."""
    order = rng.permutation(n)
    starts = (np.arange(steps) * BATCH) % n
    return np.stack([order[s:s + BATCH] for s in starts])


def train_linear(images, labels, schedules, eval_steps):
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
            w.assign_sub(LEARNING_RATE * dw)
            b.assign_sub(LEARNING_RATE * db)
            if evals[step]:
                predictions = predictions.write(written, tf.argmax(tf.matmul(x, w) + b, axis=2))
                written += 1
        return predictions.stack()

    return train().numpy(), w.numpy(), b.numpy()  # (len(eval_steps), S, n), (S, p, 10), (S, 1, 10)


def predict_linear(w, b, images):
    """Predicted digits of images (n, p) under one seed's W (p, 10) and b (1, 10)."""
    return np.argmax(images @ w + b, axis=1)


def confusion(labels, predicted):
    matrix = np.zeros((DIGITS, DIGITS), int)
    np.add.at(matrix, (labels, predicted), 1)
    return matrix


POST_CONFUSED = ({1, 4, 7, 9}, {2, 3})   # post, Fig 2
CHANCE_SHARE = 14 / 90                   # ordered pairs inside the groups (4*3 + 2*1) over all 90


def confusions_in_post_groups(matrix):
    """Share of misread images whose true and predicted digits lie in one of the post's groups.

    By chance (a misreading equally likely to be any other digit) the share is 14/90 = 0.16.
    """
    wrong = matrix.sum() - np.trace(matrix)
    if wrong == 0:
        return None
    inside = sum(matrix[t, p] for group in POST_CONFUSED for t in group for p in group if t != p)
    return float(inside / wrong)


# ---- 5x5: "How to recognize a digit" ------------------------------------------------------------------
@runtime.seeds_at_once
def train_lcd5(run_seeds, scale="quick"):
    return runtime.in_fixed_stacks(_train_lcd5_stack, run_seeds, STACK)


def _train_lcd5_stack(run_seeds):
    rngs = [np.random.default_rng(seed) for seed in run_seeds]
    images, labels, _ = stacked_images(rngs, EXAMPLES, SHAPE)
    schedules = np.stack([batch_schedule(rng, EXAMPLES, STEPS) for rng in rngs])
    predictions, w, _ = train_linear(images, labels, schedules, (FIRST_STEPS, STEPS))
    results = []
    for s in range(len(run_seeds)):
        early = confusion(labels[s], predictions[0, s])
        columns = w[s].T.reshape(DIGITS, SHAPE, SHAPE)
        share = confusions_in_post_groups(early)
        results.append({
            "acc_after_5": float(np.mean(predictions[0, s] == labels[s])),
            "acc_final": float(np.mean(predictions[1, s] == labels[s])),
            "reaches_100": bool(np.all(predictions[1, s] == labels[s])),
            "confusions_in_post_groups": share,
            "post_groups_above_chance": None if share is None else share > CHANCE_SHARE,
            **w_features(columns),
            "confusion_after_5": early,
            "W": columns,
        })
    return results


def w_features(columns):
    """The post's reading of Fig 3, as signs of W on the pixels it names (rows, columns of the glyph)."""
    zero, one, three = columns[0], columns[1], columns[3]
    makes_3_an_8 = [(1, 0), (3, 0)]                      # the left-column pixels 8 has and 3 lacks
    return {
        "zero_negative_middle_bar": bool(zero[2, 1:4].mean() < 0),
        "one_selects_right_column": bool(one[:, -1].mean() > one[:, :-1].mean()),
        "one_penalizes_top_and_middle": bool(one[0, :-1].mean() < 0 and one[2, :-1].mean() < 0),
        "three_negative_on_8_pixels": bool(all(three[p] < 0 for p in makes_3_an_8)),
        "three_most_negative_are_8_pixels": sorted(np.argsort(three.ravel())[:2].tolist())
                                            == sorted(r * SHAPE + c for r, c in makes_3_an_8),
        "three_positive_on_its_bars": bool(all(three[r, 1:4].mean() > 0 for r in (0, 2, 4))),
    }


# ---- 10x10 and larger: "Dealing with inexact data" ----------------------------------------------------
@runtime.seeds_at_once
def train_jitter10(run_seeds, scale="quick"):
    return runtime.in_fixed_stacks(_train_jitter10_stack, run_seeds, STACK)


def _train_jitter10_stack(run_seeds):
    rngs = [np.random.default_rng(seed) for seed in run_seeds]
    images, labels, positions = stacked_images(rngs, EXAMPLES, JITTER_IMAGE)
    test_images, test_labels, test_positions = stacked_images(rngs, TEST_EXAMPLES, JITTER_IMAGE)
    schedules = np.stack([batch_schedule(rng, EXAMPLES, TRAIN_TO_100) for rng in rngs])
    predictions, w, b = train_linear(images, labels, schedules, (FIRST_STEPS, JITTER_STEPS, TRAIN_TO_100))
    results = []
    for s in range(len(run_seeds)):
        columns = w[s].T.reshape(DIGITS, JITTER_IMAGE, JITTER_IMAGE)
        seen = set(zip(labels[s], *positions[s].T))
        results.append({
            "acc_5_steps": float(np.mean(predictions[0, s] == labels[s])),
            "acc_after_1000": float(np.mean(predictions[1, s] == labels[s])),
            "acc_final_train": float(np.mean(predictions[2, s] == labels[s])),
            "reaches_100": bool(np.all(predictions[2, s] == labels[s])),
            "test_acc": float(np.mean(predict_linear(w[s], b[s], test_images[s]) == test_labels[s])),
            "test_seen_in_training": float(np.mean([(d, r, c) in seen
                                                    for d, (r, c) in zip(test_labels[s], test_positions[s])])),
            **position_selectivity(columns, labels[s], positions[s]),
            "W": columns,
        })
    return results


def footprints(labels, positions, digit, image=JITTER_IMAGE):
    """Where the training images of a digit were: how often each pixel lay inside its 5x5 box."""
    out = np.zeros((image, image))
    for r, c in positions[labels == digit]:
        out[r:r + SHAPE, c:c + SHAPE] += 1
    return out


def _correlation(a, b):
    """Pearson correlation; 0 when either side is constant (an untrained W)."""
    if np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def position_selectivity(columns, labels, positions):
    """Does W_d follow where digit d's training images were, more than where the others were?

    Correlation of each class's W with the footprint of its own training images, minus the mean
    correlation with the other digits' footprints. A shape detector would score about 0.
    """
    prints = [footprints(labels, positions, d).ravel() for d in range(DIGITS)]
    gaps = []
    for d in range(DIGITS):
        corr = [_correlation(columns[d].ravel(), p) for p in prints]
        gaps.append(corr[d] - np.mean([c for e, c in enumerate(corr) if e != d]))
    return {"position_selectivity": float(np.mean(gaps)), "w_follows_positions": bool(np.mean(gaps) > 0)}


# ---- "more data, lower accuracy": training accuracy after a fixed number of steps ---------------------
@runtime.seeds_at_once
def train_jitter_sizes(run_seeds, scale="quick"):
    """500 and 5,000 examples at 10x10 and 20x20, 1,000 steps each (and 10,000 for 5,000)."""
    return runtime.in_fixed_stacks(_train_sizes_stack, run_seeds, STACK)


def _train_sizes_stack(run_seeds):
    results = [{} for _ in run_seeds]
    for image in (JITTER_IMAGE, LARGE_IMAGE):
        for n in (EXAMPLES, 500, 5000):
            rngs = [np.random.default_rng([seed, image, n]) for seed in run_seeds]
            images, labels, _ = stacked_images(rngs, n, image)
            steps = LONG_STEPS if n == 5000 else JITTER_STEPS
            schedules = np.stack([batch_schedule(rng, n, steps) for rng in rngs])
            evals = (JITTER_STEPS, LONG_STEPS) if n == 5000 else (JITTER_STEPS,)
            predictions, _, _ = train_linear(images, labels, schedules, evals)
            tag = f"{n}_{image}x{image}"
            for s, result in enumerate(results):
                result[f"acc_{tag}"] = float(np.mean(predictions[0, s] == labels[s]))
                result[f"epochs_{tag}"] = JITTER_STEPS * BATCH / n
                if n == 5000:
                    result[f"acc_{tag}_long"] = float(np.mean(predictions[1, s] == labels[s]))
                    recall = [np.mean(predictions[0, s][labels[s] == d] == d) for d in range(DIGITS)]
                    result[f"recall_1_{tag}"] = float(recall[1])
                    result[f"best_other_recall_{tag}"] = float(max(recall[:1] + recall[2:]))
                    result[f"one_learned_best_{tag}"] = bool(recall[1] > max(recall[:1] + recall[2:]))
                    result[f"confusion_{tag}"] = confusion(labels[s], predictions[0, s])
    for result in results:
        for image in (JITTER_IMAGE, LARGE_IMAGE):
            tag = f"{image}x{image}"
            result[f"more_data_lower_acc_{tag}"] = (result[f"acc_5000_{tag}"] < result[f"acc_500_{tag}"]
                                                   < result[f"acc_100_{tag}"])
            result[f"longer_training_helps_{tag}"] = result[f"acc_5000_{tag}_long"] > result[f"acc_5000_{tag}"]
    return results


# ---- beyond linear: a small DNN and the simplest CNN -------------------------------------------------
def all_placements(image, offsets):
    """Every (digit, row, col) with row and col from offsets: the whole universe of jittered digits."""
    return [(d, r, c) for d in range(DIGITS) for r in offsets for c in offsets]


def images_of(placements, image=JITTER_IMAGE):
    x = np.stack([place(d, image, r, c).ravel() for d, r, c in placements]).astype(np.float32)
    return x, np.array([d for d, _, _ in placements])


def patches(images, image=JITTER_IMAGE):
    """(n, image*image) -> (n, positions, 25): the 5x5 windows a 'full' convolution looks at.

    The image is zero-padded by 4 on each side, so a digit anywhere in it is seen through the same
    set of windows (all its shifts, partial ones included): the max over positions is then exactly
    translation invariant.
    """
    grid = np.pad(images.reshape(-1, image, image), ((0, 0), (SHAPE - 1, SHAPE - 1), (SHAPE - 1, SHAPE - 1)))
    windows = np.lib.stride_tricks.sliding_window_view(grid, (SHAPE, SHAPE), axis=(1, 2))
    return windows.reshape(len(images), -1, SHAPE * SHAPE)


def glorot(rng, fan_in, fan_out, shape):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, shape).astype(np.float32)


MODELS = {  # name -> (parameter shapes, Glorot fans per weight)
    "linear": [((JITTER_IMAGE ** 2, DIGITS), (JITTER_IMAGE ** 2, DIGITS)), ((1, DIGITS), None)],
    "dnn": [((JITTER_IMAGE ** 2, DNN_HIDDEN), (JITTER_IMAGE ** 2, DNN_HIDDEN)), ((1, DNN_HIDDEN), None),
            ((DNN_HIDDEN, DIGITS), (DNN_HIDDEN, DIGITS)), ((1, DIGITS), None)],
    # Conv2D(16, 5x5) over the image padded by 4, GlobalMaxPooling2D, Dense(10); Keras' Glorot fans
    "cnn": [((SHAPE * SHAPE, CNN_FILTERS), (SHAPE * SHAPE, SHAPE * SHAPE * CNN_FILTERS)), ((1, 1, CNN_FILTERS), None),
            ((CNN_FILTERS, DIGITS), (CNN_FILTERS, DIGITS)), ((1, DIGITS), None)],
}


SPLIT_MODELS = {"random": ("linear", "dnn"), "shifted": ("dnn", "cnn")}  # ours: the comparisons the claims make


def parameter_count(model):
    return int(sum(np.prod(shape) for shape, _ in MODELS[model]))


def forward(model, params, inputs):
    tf = runtime.tensorflow()
    if model == "linear":
        return tf.matmul(inputs, params[0]) + params[1]
    if model == "dnn":
        return tf.matmul(tf.nn.relu(tf.matmul(inputs, params[0]) + params[1]), params[2]) + params[3]
    # inputs (S, n, positions, 25): one response per filter and position, the max over positions
    features = tf.reduce_max(tf.einsum("snqk,skf->snqf", inputs, params[0]) + params[1], axis=2)
    return tf.matmul(features, params[2]) + params[3]


def train_net(model, rngs, inputs, labels, steps=NET_STEPS):
    """Adam on mean cross-entropy, batches of 50 from one permutation per seed; stacked over seeds."""
    tf, keras = runtime.tensorflow(), runtime.keras()
    params = [tf.Variable(np.stack([glorot(rng, *fans, shape) if fans else np.zeros(shape, np.float32)
                                    for rng in rngs])) for shape, fans in MODELS[model]]
    optimizer = keras.optimizers.Adam(learning_rate=NET_LEARNING_RATE)
    optimizer.build(params)
    schedule = tf.constant(np.stack([batch_schedule(rng, inputs.shape[1], steps) for rng in rngs]))
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


@runtime.seeds_at_once
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
    for seed in run_seeds:
        rng = np.random.default_rng(seed)
        splits["random"].append(_split(rng, all_offsets, NET_EXAMPLES))
        splits["shifted"].append(_split(rng, all_offsets[:SEEN_OFFSETS], NET_EXAMPLES))
    sizes = {f"params_{m}": parameter_count(m) for m in MODELS}
    results = [sizes | {"training_steps": NET_STEPS, "cnn_smaller_than_dnn": sizes["params_cnn"] < sizes["params_dnn"]}
               for _ in run_seeds]
    for split, pairs in splits.items():
        train = [images_of(t) for t, _ in pairs]
        # test sets differ in size per seed: score each seed on its own
        tests = [images_of(u) for _, u in pairs]
        x = np.stack([t[0] for t in train])
        labels = np.stack([t[1] for t in train])
        for model in SPLIT_MODELS[split]:
            rngs = [np.random.default_rng([seed, len(model), len(split)]) for seed in run_seeds]
            inputs = np.stack([patches(xi) for xi in x]) if model == "cnn" else x
            predict = train_net(model, rngs, inputs, labels)
            for s, (result, (test_x, test_y)) in enumerate(zip(results, tests)):
                # pad the test set to one shape per stack: the seed's own model scores its own images
                test_inputs = patches(test_x) if model == "cnn" else test_x
                stacked = np.broadcast_to(test_inputs, (len(run_seeds),) + test_inputs.shape)
                predicted = predict(stacked)[s]
                result[f"{model}_{split}_test_acc"] = float(np.mean(predicted == test_y))
                result[f"{model}_{split}_train_acc"] = float(np.mean(predict(np.stack(
                    [patches(xi) for xi in x]) if model == "cnn" else x)[s] == labels[s]))
    for result in results:
        result["cnn_100_at_unseen_positions"] = result["cnn_shifted_test_acc"] == 1.0
        result["dnn_beats_linear"] = result["dnn_random_test_acc"] > result["linear_random_test_acc"]
        result["dnn_fits_training_set"] = result["dnn_random_train_acc"] == 1.0
    return results


# ---- figures ------------------------------------------------------------------------------------
def plot_glyphs(runs, path):
    """The intro's Fig 2, for all ten digits: the 5x5 rasters, with the vertical-line count."""
    plt = pyplot()
    fig, axes = plt.subplots(1, DIGITS, figsize=(DIGITS * 1.1, 1.6))
    for digit, ax in enumerate(axes):
        ax.imshow(1 - glyph(digit), cmap="gray", vmin=0, vmax=1)
        ax.set(xticks=[], yticks=[], title=f"{digit}: {vertical_lines(glyph(digit))} lines")
        ax.title.set_fontsize(7)
    save(fig, path)


def _plot_weights(columns, path, title):
    """W's columns as images (the post's Fig 3 / Fig 2), each scaled to [-1, 1] with white at 0."""
    plt = pyplot()
    fig, axes = plt.subplots(1, DIGITS, figsize=(DIGITS * 1.1, 1.6))
    for digit, ax in enumerate(axes):
        column = columns[digit] / (np.abs(columns[digit]).max() or 1)
        ax.imshow(column, cmap="bwr", vmin=-1, vmax=1)
        ax.set(xticks=[], yticks=[], title=str(digit))
    fig.suptitle(title, fontsize=8)
    save(fig, path)


def plot_w5(runs, path):
    _plot_weights(runs[0]["W"], path, "W after 95 steps, 5x5 (first seed)")


def plot_w10(runs, path):
    _plot_weights(runs[0]["W"], path, "W after training on 100 jittered 10x10 digits (first seed)")


def _plot_confusion(matrix, path, title):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    ax.imshow(matrix, cmap="Blues")
    for (t, p), count in np.ndenumerate(matrix):
        if count:
            ax.text(p, t, str(count), ha="center", va="center", fontsize=6)
    ax.set(xticks=range(DIGITS), yticks=range(DIGITS), xlabel="predicted", ylabel="true", title=title)
    ax.title.set_fontsize(8)
    save(fig, path)


def plot_confusion_after_5(runs, path):
    _plot_confusion(runs[0]["confusion_after_5"], path, "after 5 steps (first seed)")


def plot_confusion_5000(runs, path):
    _plot_confusion(runs[0]["confusion_5000_20x20"], path, "5,000 examples, 20x20, 1,000 steps")
