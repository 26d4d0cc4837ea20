"""Learn TensorFlow Now's nets, as the posts build them: the fully connected nets of parts 1-3 and
the ConvNet of parts 4-6 under each initializer, trained by one loop.

Every part feeds 100 training images at a time in file order, unshuffled (offset = step * 100
mod (N - 100)), uses plain gradient descent on mean softmax cross-entropy, and reports the mean
cost and accuracy over test batches of 100. LTFN 3 and 5 fetched the optimizer inside the test
loop, so the net kept training on each test batch while it was scored: the "as posted" evaluation
below does that, the "clean" one does not, on the same trained weights.
"""

import math

import numpy as np

from ...data import mnist
from ...suite import memo, progress, runtime
from ...suite.measurements import TRAINED, matmul
from . import config


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
    "small": (lambda rng, s: config.SMALL * normal(rng, s), normal),  # LTFN 6 code: FC not scaled
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


def conv_forward_flops(widths):
    """FLOPs of one image's forward pass through the ConvNet: four 3x3 "same" convolutions (2x2 pools
    after the second and fourth) and the dense readout."""
    side, channels, forward = 28, 1, 0
    for i, width in enumerate(widths):
        forward += matmul(side * side, 9 * channels, width)
        channels = width
        if i in (1, 3):
            side //= 2
    return forward + matmul(1, side * side * channels, 10)


def conv_training_flops(widths, batch=config.BATCH):
    """FLOPs of one training step of the ConvNet: forward, input gradients and weight gradients."""
    return TRAINED * batch * conv_forward_flops(widths)


def run_flops(forward, steps, scale):
    """FLOPs of one train_and_test run of a net whose forward pass costs ``forward`` an image: its
    training steps, the clean test pass and the test pass that trains."""
    test_batches = config.at(scale).test_batches
    return config.BATCH * (TRAINED * (steps + test_batches) + test_batches) * forward


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
    return scale, config.BATCH, config.at(scale).test_batches, mnist.for_scale(scale).name, runtime.device_kind()


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
    as_posted = test(rate, True).numpy()  # last: it changes the weights
    return {
        "costs": costs,
        "clean_cost": float(clean[0]),
        "clean_acc": float(clean[1]),
        "as_posted_cost": float(as_posted[0]),
        "as_posted_acc": float(as_posted[1]),
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
    batch, test_batches = config.BATCH, config.at(scale).test_batches
    last_offset = len(d.x_train) - batch

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
            offset = (s * batch) % last_offset
            cost, _ = step(x[offset : offset + batch], y[offset : offset + batch], rate)
            costs = costs.write(s, cost)
            if tick:
                tick(s, cost)
        return costs.stack()

    @tf.function
    def test(rate, training):
        results = tf.TensorArray(tf.float32, size=test_batches)
        for i in tf.range(test_batches):
            xb, yb = xt[i * batch : (i + 1) * batch], yt[i * batch : (i + 1) * batch]
            cost, accuracy = step(xb, yb, rate) if training else cost_and_accuracy(xb, yb)
            results = results.write(i, tf.stack([cost, accuracy]))
        return tf.reduce_mean(results.stack(), axis=0)

    return variables, train, test


def fc_run(rng, init, hidden, lr, steps, scale):
    return train_and_test((fc_forward, ()), fc_params(rng, init, hidden), lr, steps, scale)


def conv_run(rng, init, lr, scale):
    cfg = config.at(scale)
    widths = cfg.conv_widths
    steps = cfg.tiny_lr_steps if lr == config.LR_LTFN5 else cfg.conv_steps
    return train_and_test((conv_forward, (widths,)), conv_params(rng, init, widths), lr, steps, scale)


# ---- activations, for LTFN 6's histograms ---------------------------------------------------------------
def activation_statistics(seed, init, scale):
    """Pre-activation ranges and standard deviations per layer, at initialization, full width."""
    tf = runtime.tensorflow()
    widths = config.DOCUMENTED.conv_widths
    rng = np.random.default_rng([seed, 7])
    params = [(tf.constant(w), tf.constant(b)) for w, b in conv_params(rng, init, widths)]
    taps = []
    conv_forward(tf, params, tf.constant(mnist.for_scale(scale).x_test[: config.HISTOGRAM_IMAGES]), widths, taps)
    return [t.numpy() for t in taps]


def trained_activations(run, scale):
    """Pre-activations per layer of a trained ConvNet (the post's histograms come from its trained run)."""
    tf = runtime.tensorflow()
    weights = [tf.constant(w) for w in run["trained"]]
    params = list(zip(weights[::2], weights[1::2]))
    taps = []
    x = tf.constant(mnist.for_scale(scale).x_test[: config.HISTOGRAM_IMAGES])
    conv_forward(tf, params, x, config.at(scale).conv_widths, taps)
    return [t.numpy() for t in taps]
