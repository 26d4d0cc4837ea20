"""XOR with Keras, as the post builds it: a small Dense net fit on the four points, and the same
training for many seeds at once.

The post's code: Sequential([Dense(16, relu, input_dim=2), Dense(1, sigmoid)]), compile(MSE, adam,
binary_accuracy), fit(X, y, nb_epoch=500). Each epoch is one batch of all four points, so Keras
logs the accuracy of the forward pass *before* that epoch's update; "100% at epoch 284" is the
first epoch whose logged binary_accuracy reads 1.0.

``fit_as_posted`` is that Keras code. Fit costs ~35 ms per epoch in Keras 3, so the distributions
over seeds come from ``stacked_training``: the same Dense layers (Glorot-uniform kernels, zero
biases), Keras' Adam and the same losses, with many seeds stacked along a leading axis and all
epochs in one compiled loop. tests/posts/test_xor.py checks that both give the same epochs.
"""

import numpy as np

from ...suite import runtime
from . import config


# ---- the posted Keras code ------------------------------------------------------------------------
def glorot_kernels(run_seed, hidden, config_name):
    """Glorot-uniform kernels for one seed, drawn with NumPy so every TF version sees the same init.

    The draw depends on the seed and the layer shapes only, so the two losses start from the same
    weights (paired comparison).
    """
    rng = np.random.default_rng([run_seed, sum(map(ord, config_name))])
    widths = (2, *hidden, 1)
    return [
        rng.uniform(-1, 1, (a, b)).astype(np.float32) * np.sqrt(6.0 / (a + b)).astype(np.float32)
        for a, b in zip(widths[:-1], widths[1:])
    ]


def posted_model(hidden, activation, output_activation="sigmoid"):
    keras = runtime.keras()
    layers = [keras.layers.Dense(width, activation=activation) for width in hidden]
    return keras.Sequential([keras.Input(shape=(2,)), *layers, keras.layers.Dense(1, activation=output_activation)])


def fit_as_posted(run_seed, name="h16", loss="mse", epochs=None, cfg=None):
    """Sequential, compile, fit with a callback noting the first epoch whose accuracy reads 1.0."""
    keras = runtime.keras()
    cfg = cfg or config.QUICK
    epochs = epochs or cfg.posted_epochs
    hidden, activation = config.CONFIGS[name]
    model = posted_model(hidden, activation)
    kernels = glorot_kernels(run_seed, hidden, name)
    model.set_weights([w for kernel in kernels for w in (kernel, np.zeros(kernel.shape[1], np.float32))])

    class FirstEpochAt100(keras.callbacks.Callback):
        first = None

        def on_epoch_end(self, epoch, logs=None):
            if self.first is None and logs["binary_accuracy"] == 1.0:
                self.first = epoch + 1  # Keras prints epochs from 1

    record = FirstEpochAt100()
    model.compile(
        loss={"mse": "mean_squared_error", "bce": "binary_crossentropy"}[loss],
        optimizer=keras.optimizers.Adam(learning_rate=cfg.learning_rate, epsilon=cfg.adam_epsilon),
        metrics=["binary_accuracy"],
    )
    model.fit(config.X, config.Y, epochs=epochs, batch_size=32, shuffle=False, verbose=0, callbacks=[record])
    return {
        "epochs_to_100": record.first,
        "rounded": tuple(int(v) for v in model.predict(config.X, verbose=0).round().ravel()),
    }


# ---- the same training, many seeds at once ----------------------------------------------------------
def loss_per_seed(name, y, p, bce_epsilon):
    """Mean over the four points, one value per stacked seed; p, y: (seeds, 4, 1).

    Summed point by point (elementwise ops), so a seed's loss is bit-identical however many
    seeds are stacked beside it (a reduction kernel may split a longer axis differently).
    """
    tf = runtime.tensorflow()
    if name == "mse":
        per_point = tf.square(p - y)
    else:
        q = tf.clip_by_value(p, bce_epsilon, 1 - bce_epsilon)
        per_point = -(y * tf.math.log(q) + (1 - y) * tf.math.log(1 - q))
    return (per_point[:, 0, 0] + per_point[:, 1, 0] + per_point[:, 2, 0] + per_point[:, 3, 0]) / 4.0


def stacked_training(kernels, activation, output_activation, loss, epochs, cfg):
    """Train one net per seed (kernels: per layer, stacked (seeds, in, out)) for `epochs` epochs
    with the learning rate and epsilons of ``cfg`` (a ``config.Config``).

    Returns per epoch and seed the logged accuracy and loss (before the update) and the outputs.
    """
    tf, keras = runtime.tensorflow(), runtime.keras()
    act = {"relu": tf.nn.relu, "sigmoid": tf.sigmoid, "linear": tf.identity}
    weights = [tf.Variable(k) for k in kernels]
    biases = [tf.Variable(tf.zeros((k.shape[0], 1, k.shape[2]))) for k in kernels]
    variables = weights + biases
    optimizer = keras.optimizers.Adam(learning_rate=cfg.learning_rate, epsilon=cfg.adam_epsilon)
    optimizer.build(variables)
    seeds = kernels[0].shape[0]
    x = tf.constant(np.broadcast_to(config.X, (seeds, 4, 2)).copy())
    y = tf.constant(np.broadcast_to(config.Y, (seeds, 4, 1)).copy())

    def forward():
        h = x
        for i, (w, b) in enumerate(zip(weights, biases)):
            h = tf.matmul(h, w) + b
            h = act[output_activation if i == len(weights) - 1 else activation](h)
        return h

    @tf.function
    def train():
        accuracy = tf.TensorArray(tf.float32, size=epochs)
        losses = tf.TensorArray(tf.float32, size=epochs)
        outputs = tf.TensorArray(tf.float32, size=epochs + 1)
        for epoch in tf.range(epochs):
            with tf.GradientTape() as tape:
                p = forward()
                per_seed = loss_per_seed(loss, y, p, cfg.bce_epsilon)
                total = tf.reduce_sum(per_seed)
            hits = tf.cast(tf.equal(tf.cast(p > 0.5, tf.float32), y), tf.float32)
            accuracy = accuracy.write(epoch, tf.reduce_mean(hits, axis=[1, 2]))
            losses = losses.write(epoch, per_seed)
            outputs = outputs.write(epoch, p[..., 0])
            optimizer.apply_gradients(zip(tape.gradient(total, variables), variables))
        outputs = outputs.write(epochs, forward()[..., 0])
        return accuracy.stack(), losses.stack(), outputs.stack()

    accuracy, losses, outputs = train()
    return accuracy.numpy(), losses.numpy(), outputs.numpy()  # (epochs, seeds) x2, (epochs + 1, seeds, 4)


def first_epoch(reached):
    """1-based epoch of the first True along axis 0 (per seed), None where never."""
    return [int(np.argmax(column)) + 1 if column.any() else None for column in reached.T]
