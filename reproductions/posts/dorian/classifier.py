"""Dorian Brown's MNIST net: its accuracy, its hidden "fingerprints", and optimal input images.

Source: 002 (Dorian Brown), "Understanding Tensorflow with MNIST"; original code
dorianbrown/notebooks mnist_nn.ipynb (0e24c48 for the article, 464af05 for the L2 images).
Claims: dorian.mnist.test_acc, dorian.mnist.curves, dorian.fingerprints, dorian.optin.*.

784 -> 300 ReLU -> 10 softmax, weights N(0, 0.03), biases N(0, 1); the loss is a per-class binary
cross-entropy summed over the 10 classes (softmax clipped to [1e-10, 0.9999999]), averaged over a
batch of 100 drawn by next_batch (reshuffled every epoch); GD 0.1. The post says 50 epochs, the
code 40; we run the code's 40. "Optimal inputs" freeze the net and run GD 0.1 for 1,000 steps on a
1x784 input started at U[0,1), with no penalty, L1 (0.002) or L2 (0.25).
"""

import numpy as np

from ...data import mnist
from ...suite import progress, runtime
from ...suite.figures import pyplot, save
from ...suite.measurements import measurement

# ---- config -------------------------------------------------------------------------------------
HIDDEN = 300  # post + original code
W_STD, B_STD = 0.03, 1.0  # post + original code
CLIP = (1e-10, 0.9999999)  # original code
LEARNING_RATE = 0.1  # post + original code
BATCH = 100  # post + original code
EPOCHS = {"quick": 40, "documented": 40}  # original code (the post says 50); 40 x 40 batches quick
INPUT_STEPS = 1000  # original code
PENALTIES = {"unregularized": ("none", 0.0), "l1": ("l1", 0.002), "l2_025": ("l2", 0.25)}  # code, post
NEAR_ZERO = 0.05  # ours: a pixel is "killed" when |x| < 0.05 (inputs live in about [0, 1])
FINGERPRINT_IMAGES = 100  # ours: test images per class whose hidden vectors are compared


def binary_ce(tf, labels, logits):
    p = tf.clip_by_value(tf.nn.softmax(logits), *CLIP)
    return -tf.reduce_sum(labels * tf.math.log(p) + (1 - labels) * tf.math.log(1 - p), axis=1)


def train_net(seed, scale):
    tf = runtime.tensorflow()
    d = mnist.for_scale(scale)
    rng = np.random.default_rng(seed)
    w1 = tf.Variable((rng.standard_normal((784, HIDDEN)) * W_STD).astype(np.float32))
    b1 = tf.Variable((rng.standard_normal(HIDDEN) * B_STD).astype(np.float32))
    w2 = tf.Variable((rng.standard_normal((HIDDEN, 10)) * W_STD).astype(np.float32))
    b2 = tf.Variable((rng.standard_normal(10) * B_STD).astype(np.float32))
    params = [w1, b1, w2, b2]
    batches = len(d.x_train) // BATCH
    order = np.concatenate([rng.permutation(len(d.x_train))[: batches * BATCH] for _ in range(EPOCHS[scale])])
    x, y = tf.constant(d.x_train), tf.one_hot(d.y_train, 10)
    xt, yt = tf.constant(d.x_test), tf.one_hot(d.y_test, 10)
    schedule = tf.constant(order.reshape(EPOCHS[scale], batches, BATCH))

    def hidden(inputs):
        return tf.nn.relu(tf.matmul(inputs, w1) + b1)

    def logits(inputs):
        return tf.matmul(hidden(inputs), w2) + b2

    tick = progress.graph_loop("training (batches)", EPOCHS[scale] * batches)

    @tf.function
    def train():
        curves = tf.TensorArray(tf.float32, size=EPOCHS[scale])
        for epoch in tf.range(EPOCHS[scale]):
            total = tf.constant(0.0)
            for b in tf.range(batches):
                index = schedule[epoch, b]
                with tf.GradientTape() as tape:
                    cost = tf.reduce_mean(binary_ce(tf, tf.gather(y, index), logits(tf.gather(x, index))))
                for v, g in zip(params, tape.gradient(cost, params)):
                    v.assign_sub(LEARNING_RATE * g)
                total += cost
                if tick:
                    tick(epoch * batches + b, cost)
            test_logits = logits(xt)
            test_cost = tf.reduce_mean(binary_ce(tf, yt, test_logits))
            test_acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(test_logits, 1), tf.argmax(yt, 1)), tf.float32))
            curves = curves.write(epoch, tf.stack([total / batches, test_cost, test_acc]))
        return curves.stack()

    untrained = hidden(xt).numpy()  # the control: what random ReLU features of the pixels already show
    curves = train().numpy()
    return d, curves, untrained, hidden(xt).numpy(), (w1, b1, w2, b2)


def optimal_inputs(seed, params):
    """GD on the input for each digit and penalty (all 30 at once: the inputs do not interact)."""
    tf = runtime.tensorflow()
    w1, b1, w2, b2 = (tf.constant(p.numpy()) for p in params)
    rng = np.random.default_rng([seed, 1])
    kinds = list(PENALTIES)
    x = tf.Variable(rng.random((len(kinds) * 10, 784)).astype(np.float32))
    targets = tf.constant(np.tile(np.eye(10, dtype=np.float32), (len(kinds), 1)))
    l1 = tf.constant(
        np.repeat([PENALTIES[k][1] if PENALTIES[k][0] == "l1" else 0.0 for k in kinds], 10).astype(np.float32)
    )
    l2 = tf.constant(
        np.repeat([PENALTIES[k][1] if PENALTIES[k][0] == "l2" else 0.0 for k in kinds], 10).astype(np.float32)
    )

    @tf.function
    def optimize():
        for _ in tf.range(INPUT_STEPS):
            with tf.GradientTape() as tape:
                out = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
                loss = tf.reduce_sum(
                    binary_ce(tf, targets, out) + l1 * tf.reduce_sum(tf.abs(x), 1) + l2 * tf.reduce_sum(tf.square(x), 1)
                )
            x.assign_sub(LEARNING_RATE * tape.gradient(loss, x))

    optimize()
    images = x.numpy().reshape(len(kinds), 10, 784)
    reads = tf.argmax(tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2, 1).numpy().reshape(len(kinds), 10)
    return {kind: images[i] for i, kind in enumerate(kinds)}, {kind: reads[i] for i, kind in enumerate(kinds)}


def class_contrast(hidden, labels):
    """Mean cosine similarity of hidden vectors within each digit and across digits."""
    unit = hidden / np.maximum(np.linalg.norm(hidden, axis=1, keepdims=True), 1e-12)
    within, across = [], []
    for digit in range(10):
        mine = unit[labels == digit][:FINGERPRINT_IMAGES]
        others = unit[labels != digit][:FINGERPRINT_IMAGES]
        within.append(float(np.mean(mine @ mine.T)))
        across.append(float(np.mean(mine @ others.T)))
    return np.array(within), np.array(across)


def correlation(a, b):
    return float(np.corrcoef(a, b)[0, 1])


@measurement(
    "dorian_mnist:train_dorian",
    metrics=(
        "data",
        "test_acc",
        "test_cost",
        "train_cost_fell",
        "test_cost_fell",
        "test_acc_rose",
        "fingerprint_within",
        "fingerprint_across",
        "fingerprint_every_class_banded",
        "fingerprint_margin",
        "untrained_fingerprint_margin",
        "fingerprint_sharper_than_untrained",
        "unregularized_reads_as_target",
        "unregularized_similarity",
        "unregularized_killed_pixels",
        "l1_similarity",
        "l1_killed_pixels",
        "l2_025_similarity",
        "l2_025_killed_pixels",
        "unregularized_nearest_own_mean",
        "unregularized_own_mean_margin",
        "l1_nearest_own_mean",
        "l1_own_mean_margin",
        "l2_025_nearest_own_mean",
        "l2_025_own_mean_margin",
        "l1_kills_most_pixels",
        "l1_kills_more_than_none",
        "l1_mean_shift",
        "l2_more_digit_like",
    ),
)
def train_dorian(seed, scale="quick"):
    runtime.seed_everything(seed)
    d, curves, untrained, hidden, params = train_net(seed, scale)
    out = {
        "data": d.name,
        "test_acc": float(curves[-1, 2]),
        "test_cost": float(curves[-1, 1]),
        "train_cost_fell": bool(curves[-1, 0] < curves[0, 0] / 2),
        "test_cost_fell": bool(curves[-1, 1] < curves[0, 1]),
        "test_acc_rose": bool(curves[-1, 2] > curves[0, 2]),
        "curves": curves,
    }
    # fingerprints: cosine similarity of hidden vectors within a class vs across classes, trained and
    # at initialization (random ReLU features of similar images are already similar)
    labels = d.y_test
    within, across = class_contrast(hidden, labels)
    untrained_within, untrained_across = class_contrast(untrained, labels)
    out["fingerprint_within"] = float(np.mean(within))
    out["fingerprint_across"] = float(np.mean(across))
    out["fingerprint_every_class_banded"] = bool(np.all(within > across))
    out["fingerprint_margin"] = float(np.mean(within - across))
    out["untrained_fingerprint_margin"] = float(np.mean(untrained_within - untrained_across))
    out["fingerprint_sharper_than_untrained"] = out["fingerprint_margin"] > out["untrained_fingerprint_margin"]
    out["hidden_by_class"] = [hidden[labels == digit][:20] for digit in range(10)]
    # optimal inputs
    images, reads = optimal_inputs(seed, params)
    # the frozen net reads each unregularized optimum as its digit: the optimizer found what it asked
    out["unregularized_reads_as_target"] = bool(np.all(reads["unregularized"] == np.arange(10)))
    means = np.stack([d.x_test[labels == digit].mean(axis=0) for digit in range(10)])
    for kind, xs in images.items():
        # each image against every digit's mean: does it look like its own digit more than the others?
        table = np.array([[correlation(x, m) for m in means] for x in xs])
        own, others = np.diag(table), table[~np.eye(10, dtype=bool)].reshape(10, 9)
        out[f"{kind}_similarity"] = float(np.mean(own))
        out[f"{kind}_nearest_own_mean"] = int(np.sum(own > others.max(axis=1)))  # digits out of 10
        out[f"{kind}_own_mean_margin"] = float(np.mean(own - others.mean(axis=1)))
        out[f"{kind}_killed_pixels"] = float(np.mean(np.abs(xs) < NEAR_ZERO))
        out[f"{kind}_images"] = xs
    out["l1_kills_most_pixels"] = out["l1_killed_pixels"] > 0.5
    out["l1_kills_more_than_none"] = out["l1_killed_pixels"] > out["unregularized_killed_pixels"]
    # what L1 took off, pixel by pixel, against the same start optimized without a penalty
    out["l1_mean_shift"] = float(np.mean(images["unregularized"] - images["l1"]))
    out["l2_more_digit_like"] = out["l2_025_similarity"] > out["unregularized_similarity"]
    out["class_means"] = means
    return out


# ---- figures ------------------------------------------------------------------------------------
def plot_curves(runs, path):
    plt = pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(11, 3))
    for run in runs:
        for ax, column, title in zip(axes, range(3), ("train cost", "test cost", "test accuracy")):
            ax.plot(np.arange(1, len(run["curves"]) + 1), run["curves"][:, column], lw=0.8)
            ax.set(title=title, xlabel="epoch")
    save(fig, path)


def plot_fingerprints(runs, path):
    plt = pyplot()
    fig, axes = plt.subplots(1, 10, figsize=(15, 3))
    for digit, ax in enumerate(axes):
        ax.imshow(runs[0]["hidden_by_class"][digit].T, aspect="auto", cmap="viridis")
        ax.set(title=f"digit {digit}", xticks=[], yticks=[])
    save(fig, path)


def plot_optimal_inputs(runs, path):
    plt = pyplot()
    rows = ["class_means"] + [f"{kind}_images" for kind in PENALTIES]
    fig, axes = plt.subplots(len(rows), 10, figsize=(12, 5))
    for r, key in enumerate(rows):
        for digit in range(10):
            axes[r][digit].imshow(runs[0][key][digit].reshape(28, 28), cmap="gray")
            axes[r][digit].set(xticks=[], yticks=[])
        axes[r][0].set_ylabel(key.replace("_images", "").replace("class_means", "mean"), fontsize=7)
    save(fig, path)
