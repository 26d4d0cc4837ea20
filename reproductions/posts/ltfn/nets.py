"""Learn TensorFlow Now 1-6: from a one-layer net to a ConvNet, and what initialization does.

Source: 001 (Josh Varty), "Learn TensorFlow Now" parts 1-6; original code JoshVarty/
LearnTensorFlowNow (1_basic.py 0c90759, 2_graph.py e01a536, 3_deeper.py 49d3dda,
4_convolutions.py c204044, 0_convolutions_weights*.py, 5_weight_initialization.py ef9293c).
Claims: ltfn1.*, ltfn2.*, ltfn3.*, ltfn5.*, ltfn6.*.

Every part feeds 100 training images at a time in file order, unshuffled (offset = step * 100
mod (N - 100)), uses plain gradient descent on mean softmax cross-entropy, and reports the mean
cost and accuracy over test batches of 100. LTFN 3 and 5 fetched the optimizer inside the test
loop, so the net kept training on each test batch while it was scored: the "documented"
evaluation below does that, the "clean" one does not, on the same trained weights.
LTFN 6's comparison changed the learning rate 10,000-fold along with the initializer; the
controlled ablation holds everything but the initializer fixed, against the FC net.
"""

import math

import numpy as np

from ...data import mnist
from ...suite import memo, progress, runtime

# ---- config -------------------------------------------------------------------------------------
BATCH = 100  # post + original code
TEST_BATCHES = {"quick": 10, "documented": 100}  # original: 100 batches of 100; the subset has 10
FC = {  # hidden widths, learning rate, steps (post + original code)
    "ltfn1": ((), 0.01, 1000),
    "ltfn2": ((), 0.01, 2000),
    "ltfn3": ((500, 500), 1e-4, 5000),
}
QUICK_FC3_STEPS = 2000  # ours: LTFN 3's own net for 50 epochs of the 4,000-image subset (~11 s a seed)
CONV_WIDTHS = {"quick": (4, 4, 8, 8), "documented": (64, 64, 128, 128)}  # post; ours: 1/16 width quick
CONV_STEPS = {"quick": 400, "documented": 5000}  # original code: 5,000; ours: 400 quick (~13 s on one AVX2 core)
TINY_LR_STEPS = {"quick": 100, "documented": 5000}  # ours: at lr 1e-7, 400 quick steps move no more than 100
LR_LTFN5 = 1e-7  # original code 4_convolutions.py (not in the post)
LR_LTFN6 = 1e-3  # original code 5_weight_initialization.py (the post never says it changed)
SMALL = 0.01  # post: weights x 0.01 (the code scaled the conv layers only)
ABLATION_LR = {"quick": 0.01, "documented": LR_LTFN6}  # LTFN 6's rate; ours: 10x for 400 quick steps.
# Held fixed across every arm of the ablation.
ABLATION_INITS = ("normal", "he")  # ours: LTFN 5's N(0,1) against LTFN 6's VS/Xavier (ConvNet and FC)
ABLATION_CONV_ONLY = ("small",)  # ours: LTFN 6's x0.01 at the same rate: is it the init or lr 1e-7?
ABLATION_FC_HIDDEN = {"quick": (128, 128), "documented": (500, 500)}  # LTFN 3's FC net; ours: quarter
# width quick (N(0,1) at lr 0.01)
HISTOGRAM_IMAGES = 25  # ours: a quarter batch of test images for the activation statistics (full width)
LN10 = math.log(10)


# ---- data ---------------------------------------------------------------------------------------
def data(scale):
    d = mnist.for_scale(scale)
    return d, np.eye(10, dtype=np.float32)[d.y_train], np.eye(10, dtype=np.float32)[d.y_test]


# ---- initializers ---------------------------------------------------------------------------------
def normal(rng, shape):
    return rng.standard_normal(shape).astype(np.float32)


def variance_scaling(rng, shape):
    """tf.contrib.layers.variance_scaling_initializer(): factor 2, FAN_IN, truncated normal, with
    the contrib implementation's stddev sqrt(1.3 * 2 / fan_in) before truncation at 2 std."""
    fan_in = int(np.prod(shape[:-1]))
    z = rng.standard_normal(shape)
    while np.any(outside := np.abs(z) > 2):
        z[outside] = rng.standard_normal(np.count_nonzero(outside))
    return (z * math.sqrt(1.3 * 2.0 / fan_in)).astype(np.float32)


def xavier(rng, shape):
    limit = math.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-limit, limit, shape).astype(np.float32)


INITS = {  # conv layers, FC layer
    "normal": (normal, normal),  # LTFN 5
    "small": (lambda rng, s: SMALL * normal(rng, s), normal),  # LTFN 6 code: FC not scaled
    "he": (variance_scaling, xavier),  # LTFN 6
}


# ---- the fully connected nets (LTFN 1-3) --------------------------------------------------------------
def fc_forward(tf, params, x):
    h = x
    for w, b in params[:-1]:
        h = tf.nn.relu(tf.matmul(h, w) + b)
    w, b = params[-1]
    return tf.matmul(h, w) + b


def conv_forward(tf, params, x, widths, taps=None):
    h = tf.reshape(x, (-1, 28, 28, 1))
    for i, (w, b) in enumerate(params[:4]):
        pre = tf.nn.conv2d(h, w, 1, "SAME") + b
        if taps is not None:
            taps.append(pre)
        h = tf.nn.relu(pre)
        if i in (1, 3):
            h = tf.nn.max_pool2d(h, 2, 2, "VALID")
    w, b = params[4]
    logits = tf.matmul(tf.reshape(h, (-1, 7 * 7 * widths[3])), w) + b
    if taps is not None:
        taps.append(logits)
    return logits


def conv_training_flops(widths, batch=BATCH):
    """FLOPs of one training step of the ConvNet: the forward pass's multiply-adds (2 FLOPs each),
    three times over for forward, input gradients and weight gradients."""
    side, channels, forward = 28, 1, 0
    for i, width in enumerate(widths):
        forward += 2 * side * side * 9 * channels * width
        channels = width
        if i in (1, 3):
            side //= 2
    forward += 2 * side * side * channels * 10
    return 3 * batch * forward


def conv_params(rng, init, widths):
    conv_init, fc_init = INITS[init]
    shapes = [
        (3, 3, 1, widths[0]),
        (3, 3, widths[0], widths[1]),
        (3, 3, widths[1], widths[2]),
        (3, 3, widths[2], widths[3]),
    ]
    params = [(conv_init(rng, s), np.zeros(s[-1], np.float32)) for s in shapes]
    return params + [(fc_init(rng, (7 * 7 * widths[3], 10)), np.zeros(10, np.float32))]


def fc_params(rng, init, hidden):
    widths = (784, *hidden, 10)
    weight = normal if init == "normal" else (lambda r, s: xavier(r, s) * math.sqrt(2))  # He-scaled uniform
    return [(weight(rng, (a, b)), np.zeros(b, np.float32)) for a, b in zip(widths[:-1], widths[1:])]


def train_and_test(model, params, lr, steps, scale):
    """GD on unshuffled batches; then the test mean, clean and with the original's test-time training.

    ``model`` is (forward function, its static arguments). A run is memoized on every input, so the
    claims that share these trainings, and tests that change one arm, train each arm once."""
    forward, static = model
    key = ("ltfn", forward, static, memo.digest([a for pair in params for a in pair]), lr, steps, *_setting(scale))
    return memo.memoized(key, lambda: _train_and_test(model, params, lr, steps, scale))


def _setting(scale):
    """What a run and its traced loop depend on besides the net: data, batches and device."""
    return scale, BATCH, TEST_BATCHES[scale], mnist.for_scale(scale).name, runtime.device_kind()


def _train_and_test(model, params, lr, steps, scale):
    tf = runtime.tensorflow()
    initial = [a for pair in params for a in pair]
    shapes = tuple(a.shape for a in initial)  # a run assigns its own initial weights to the shared loop's
    variables, train, test = memo.traced_once(
        ("ltfn", model, shapes, *_setting(scale)),
        lambda: _traced_loops(model, shapes, scale, progress.graph_loop("training", steps)),
    )
    for variable, value in zip(variables, initial):
        variable.assign(value)
    rate, step_count = tf.constant(lr, tf.float32), tf.constant(steps)
    costs = train(rate, step_count).numpy()
    clean = test(rate, False).numpy()
    snapshot = [v.numpy() for v in variables]
    documented = test(rate, True).numpy()  # last: it changes the weights
    return {
        "costs": costs,
        "clean_cost": float(clean[0]),
        "clean_acc": float(clean[1]),
        "documented_cost": float(documented[0]),
        "documented_acc": float(documented[1]),
        "finite": bool(np.isfinite(costs).all() and np.isfinite(clean).all()),
        "eval_moved_weights": any(not np.array_equal(a, v.numpy()) for a, v in zip(snapshot, variables)),
        "trained": snapshot,  # the weights after training, before the test loop moves them
    }


def _traced_loops(model, shapes, scale, tick):
    """The variables of one net and its training and test loops, as tf.functions of the learning rate
    (and the step count), so every run of that net shares one trace."""
    tf = runtime.tensorflow()
    forward, static = model
    d, y_train, y_test = data(scale)
    variables = [tf.Variable(tf.zeros(shape)) for shape in shapes]
    pairs = [(variables[i], variables[i + 1]) for i in range(0, len(variables), 2)]
    x, y = tf.constant(d.x_train), tf.constant(y_train)
    xt, yt = tf.constant(d.x_test), tf.constant(y_test)
    last_offset = len(d.x_train) - BATCH

    def cost_and_accuracy(xb, yb):
        logits = forward(tf, pairs, xb, *static)
        cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(yb, logits))
        accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(yb, 1)), tf.float32))
        return cost, accuracy

    def step(xb, yb, rate):
        with tf.GradientTape() as tape:
            cost, accuracy = cost_and_accuracy(xb, yb)
        for v, g in zip(variables, tape.gradient(cost, variables)):
            v.assign_sub(rate * g)
        return cost, accuracy

    @tf.function
    def train(rate, steps):
        costs = tf.TensorArray(tf.float32, size=steps)
        for s in tf.range(steps):
            offset = (s * BATCH) % last_offset
            cost, _ = step(x[offset : offset + BATCH], y[offset : offset + BATCH], rate)
            costs = costs.write(s, cost)
            if tick:
                tick(s, cost)
        return costs.stack()

    @tf.function
    def test(rate, training):
        results = tf.TensorArray(tf.float32, size=TEST_BATCHES[scale])
        for i in tf.range(TEST_BATCHES[scale]):
            xb, yb = xt[i * BATCH : (i + 1) * BATCH], yt[i * BATCH : (i + 1) * BATCH]
            cost, accuracy = step(xb, yb, rate) if training else cost_and_accuracy(xb, yb)
            results = results.write(i, tf.stack([cost, accuracy]))
        return tf.reduce_mean(results.stack(), axis=0)

    return variables, train, test


def fc_run(rng, init, hidden, lr, steps, scale):
    return train_and_test((fc_forward, ()), fc_params(rng, init, hidden), lr, steps, scale)


def conv_run(rng, init, lr, scale):
    widths = CONV_WIDTHS[scale]
    steps = (TINY_LR_STEPS if lr == LR_LTFN5 else CONV_STEPS)[scale]
    return train_and_test((conv_forward, (widths,)), conv_params(rng, init, widths), lr, steps, scale)
