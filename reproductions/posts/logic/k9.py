"""k9 (Clojure): the post's first net, a 2-3-2 sigmoid net on AND/NAND read through softmax.

Source: 003 (Ben Kamphaus), "First Steps with TensorFlow and Deep Learning". Claim: logic.k9.and_nand.
The post shows the k9 calls (nand-gen 1000, construct-network 2 3 2, train-epochs 500 at 0.5) and the
two outputs they printed; the k9 library was not found, so this net is ours, written from those
calls (a stand-in, and labelled so).
"""

import numpy as np

from ...suite import runtime
from ...suite.measurements import measurement

# ---- config: k9 (Clojure) ---------------------------------------------------------------------------
K9_SAMPLES = 1000  # post: (nand-gen 1000)
K9_EPOCHS = {"quick": 100, "documented": 500}  # post: train-epochs 500; ours: 100 learns the same pattern
K9_RATE = 0.5  # post
K9_WIDTHS = (2, 3, 2)  # post: construct-network 2 3 2
K9_INIT = 1.0  # ours (k9 undocumented): weights and biases ~ U(-1, 1)
K9_PATTERN_TOLERANCE = 0.05  # ours: "learns" = each output within 0.05 of its target


# ---- k9 (Clojure): a 2-3-2 sigmoid net, per-sample SGD ------------------------------------------------
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


@measurement(
    "logic:train_k9",
    seeds_at_once=True,
    metrics=("ff_1_1", "ff_1_0", "pattern_1_1", "pattern_1_0", "largest_error", "largest_zero_output"),
)
def train_k9(run_seeds, scale="quick"):
    """(nand-gen 1000) -> train-epochs 500 at lr 0.5, then (ff [1 1]) and (ff [1 0]).

    One sigmoid net per seed, all seeds stepped together (each sees its own samples in its own
    order); float64 like Clojure's doubles; squared error, one update per sample.
    """
    runtime.seed_everything(run_seeds[0])
    rngs = [np.random.default_rng(seed) for seed in run_seeds]
    bits = np.stack([rng.integers(0, 2, size=(K9_SAMPLES, 2)) for rng in rngs]).astype(np.float64)
    a, b = bits[..., 0], bits[..., 1]
    targets = np.stack([a * b, 1 - a * b], axis=-1)  # [AND, NAND]
    shapes = list(zip(K9_WIDTHS[:-1], K9_WIDTHS[1:]))
    w = [np.stack([rng.uniform(-K9_INIT, K9_INIT, s) for rng in rngs]) for s in shapes]
    c = [np.stack([rng.uniform(-K9_INIT, K9_INIT, s[1]) for rng in rngs]) for s in shapes]
    for _ in range(K9_EPOCHS[scale]):
        for i in range(K9_SAMPLES):
            x, t = bits[:, i], targets[:, i]
            h = sigmoid(np.einsum("si,sio->so", x, w[0]) + c[0])
            y = sigmoid(np.einsum("si,sio->so", h, w[1]) + c[1])
            delta_out = (y - t) * y * (1 - y)
            delta_hidden = np.einsum("so,sio->si", delta_out, w[1]) * h * (1 - h)
            w[1] -= K9_RATE * np.einsum("si,so->sio", h, delta_out)
            c[1] -= K9_RATE * delta_out
            w[0] -= K9_RATE * np.einsum("si,so->sio", x, delta_hidden)
            c[0] -= K9_RATE * delta_hidden

    def ff(point):
        x = np.broadcast_to(np.array(point, np.float64), (len(run_seeds), 2))
        return sigmoid(np.einsum("si,sio->so", sigmoid(np.einsum("si,sio->so", x, w[0]) + c[0]), w[1]) + c[1])

    out_11, out_10 = ff([1, 1]), ff([1, 0])
    results = []
    for s in range(len(run_seeds)):
        result = {"ff_1_1": tuple(map(float, out_11[s])), "ff_1_0": tuple(map(float, out_10[s]))}
        result["pattern_1_1"] = bool(np.all(np.abs(out_11[s] - [1, 0]) < K9_PATTERN_TOLERANCE))
        result["pattern_1_0"] = bool(np.all(np.abs(out_10[s] - [0, 1]) < K9_PATTERN_TOLERANCE))
        result["largest_error"] = float(max(np.abs(out_11[s] - [1, 0]).max(), np.abs(out_10[s] - [0, 1]).max()))
        result["largest_zero_output"] = float(max(out_11[s][1], out_10[s][0]))  # the post's read 1.1e-6, 1.2e-5
        results.append(result)
    return results
