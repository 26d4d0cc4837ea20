"""XNOR, as the posts build it: Andrew Ng's hand-set sigmoid neurons computed point by point (TF2
style and in a session, as the post), the same net as two matrix products over a whole grid, and
the trained 2-2-1 net that emulates it.
"""

import tempfile
from pathlib import Path

import numpy as np

from ...suite import memo, progress, runtime
from . import config


def span(points):
    return np.linspace(0.0, 1.0, points).astype(np.float32)


def corners(surface):
    """Surface values at (x1, x2) = (0,0), (0,1), (1,0), (1,1); surface[i][j] is x1=span[i], x2=span[j]."""
    return [surface[0][0], surface[0][-1], surface[-1][0], surface[-1][-1]]


def as_bits(values):
    return " ".join(str(int(round(float(v)))) for v in values)


# ---- the neurons (TF2 style) --------------------------------------------------------------------
def neuron(theta, x1, x2):
    tf = runtime.tensorflow()
    return tf.sigmoid(theta[0] + theta[1] * x1 + theta[2] * x2)


def xnor(x1, x2):
    """OR of (NOR, AND): the post's h_xnor = MakeModel([-10, 20, 20], h_nor, h_and)."""
    return neuron(config.THETA_OR, neuron(config.THETA_NOR, x1, x2), neuron(config.THETA_AND, x1, x2))


def grid_inputs(points):
    x1, x2 = np.meshgrid(span(points), span(points), indexing="ij")
    return np.stack([x1.ravel(), x2.ravel()], axis=1)


def surface_of(theta, points):
    x = grid_inputs(points)
    return neuron(theta, x[:, 0], x[:, 1]).numpy().reshape(points, points)


# ---- per point vs vectorized, TF2 style ---------------------------------------------------------
_tf2 = memo.cache("xnor: traced TF2 functions")  # hold the constants they were traced with


def _tf2_functions():
    if not _tf2:
        tf = runtime.tensorflow()
        w1, b1, w2, b2 = (tf.constant(v) for v in (config.W1, config.B1, config.W2, config.B2))
        _tf2["point"] = tf.function(xnor)
        _tf2["grid"] = tf.function(lambda x: tf.sigmoid(tf.matmul(tf.sigmoid(tf.matmul(x, w1) + b1), w2) + b2))
    return _tf2


def per_point_tf2(points):
    """One graph call per point, as ComputeVals does with sess.run."""
    tf = runtime.tensorflow()
    point = _tf2_functions()["point"]
    values = [[float(point(tf.constant(a), tf.constant(b))) for b in span(points)] for a in span(points)]
    return np.array(values, dtype=np.float32)


def vectorized_tf2(points):
    return _tf2_functions()["grid"](grid_inputs(points)).numpy().reshape(points, points)


# ---- per point vs vectorized, session style (tf.compat.v1, as the post) -------------------------
_graph = memo.cache("xnor: the session graph")


def _session_graph():
    if not _graph:
        tf = runtime.tensorflow()
        v1 = tf.compat.v1
        graph = tf.Graph()
        with graph.as_default():
            x1, x2 = v1.placeholder(tf.float32, name="x1"), v1.placeholder(tf.float32, name="x2")
            x = v1.placeholder(tf.float32, shape=(None, 2), name="X")
            layer1 = tf.sigmoid(tf.matmul(x, tf.constant(config.W1)) + tf.constant(config.B1))
            _graph.update(
                graph=graph,
                x1=x1,
                x2=x2,
                h_xnor=xnor(x1, x2),
                x=x,
                h_xnor_fast=tf.sigmoid(tf.matmul(layer1, tf.constant(config.W2)) + tf.constant(config.B2)),
            )
    return _graph


def per_point_session(points):
    """The post's ComputeVals: a new session, then one sess.run per point."""
    g = _session_graph()
    with runtime.tensorflow().compat.v1.Session(graph=g["graph"]) as sess:
        values = [[sess.run(g["h_xnor"], {g["x1"]: a, g["x2"]: b}) for b in span(points)] for a in span(points)]
    return np.array(values, dtype=np.float32)


def vectorized_session(points):
    """xnor-fast: a new session, then one sess.run for the whole grid."""
    g = _session_graph()
    with runtime.tensorflow().compat.v1.Session(graph=g["graph"]) as sess:
        return sess.run(g["h_xnor_fast"], {g["x"]: grid_inputs(points)}).reshape(points, points)


# ---- the trained net (xnor-train, xnor-predict) ---------------------------------------------------------
def build_model():
    """Two sigmoid layers with Glorot-uniform weights and biases, as tf.get_variable's default."""
    keras = runtime.keras()
    glorot = keras.initializers.GlorotUniform
    layers = [
        keras.layers.Dense(width, activation="sigmoid", kernel_initializer=glorot(), bias_initializer=glorot())
        for width in config.WIDTHS
    ]
    return keras.Sequential([keras.Input(shape=(2,)), *layers])


def compiled_training(model, cfg):
    """A tf.function running ``cfg.steps`` steps in one graph loop; returns the loss every
    ``cfg.loss_every`` steps."""
    return _training_and_optimizer(model, cfg)[0]


def seed_training(cfg):
    """``start(weights)`` -> (model, its compiled training) from those initial weights and Adam's
    initial state. One model and loop per process (``memo.traced_once``): tracing the loop costs
    about as much as running its 5,000 steps, so every seed reuses the trace."""

    def build():
        model = build_model()
        train, optimizer = _training_and_optimizer(model, cfg)
        initial_state = [v.numpy() for v in optimizer.variables]

        def start(weights):
            model.set_weights(weights)
            for variable, value in zip(optimizer.variables, initial_state):
                variable.assign(value)
            return model, train

        return start

    return memo.traced_once(("xnor", cfg, config.WIDTHS), build)


def _training_and_optimizer(model, cfg):
    tf, keras = runtime.tensorflow(), runtime.keras()
    steps, every = cfg.steps, cfg.loss_every
    optimizer = keras.optimizers.Adam(learning_rate=cfg.learning_rate, epsilon=cfg.adam_epsilon)
    optimizer.build(model.trainable_variables)
    x, y = tf.constant(config.X), tf.constant(config.Y)

    def mse():
        return tf.reduce_mean(tf.square(model(x) - y))

    tick = progress.graph_loop("training", steps)

    @tf.function
    def train():
        history = tf.TensorArray(tf.float32, size=steps // every)
        for step in tf.range(steps):
            with tf.GradientTape() as tape:
                loss = mse()
            if step % every == 0:
                history = history.write(step // every, loss)
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
            if tick:
                tick(step, loss)
        return history.stack(), mse()

    return train, optimizer


def predict_grid(model):
    """xnor-predict: vals = z1 on meshgrid(span, span), so vals[0][-1] is (x1=1, x2=0)."""
    x1, x2 = np.meshgrid(span(config.GRID), span(config.GRID))
    inputs = np.column_stack([x1.ravel(), x2.ravel()])
    return model(inputs).numpy().reshape(x1.shape)


def restore_round_trip(model, surface):
    """Save the weights, re-create the model, restore them; compare the grids."""
    fresh = build_model()
    untouched = predict_grid(fresh)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "xnor.weights.h5")
        model.save_weights(path)
        fresh.load_weights(path)
    return {
        "restored_identical": bool(np.array_equal(predict_grid(fresh), surface)),
        "fresh_model_differs": bool(not np.array_equal(untouched, surface)),
    }


def handset_surface():
    """Andrew Ng's net on the same grid and orientation as predict_grid."""
    x1, x2 = np.meshgrid(span(config.GRID), span(config.GRID))
    return xnor(x1, x2).numpy()
