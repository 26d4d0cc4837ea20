"""logic.k9.and_nand: the output magnitudes of a 2-3-2 net at the post's 500 epochs under squared error
or cross-entropy, sigmoid or tanh hidden units (10 seeds). Run: python probes/k9_magnitudes.py"""

import time

import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-z))


def run(seeds, epochs=500, loss="sse", hidden="sigmoid", init=1.0, rate=0.5):
    rngs = [np.random.default_rng(s) for s in seeds]
    bits = np.stack([r.integers(0, 2, size=(1000, 2)) for r in rngs]).astype(float)
    a, b = bits[..., 0], bits[..., 1]
    T = np.stack([a * b, 1 - a * b], -1)
    w = [np.stack([r.uniform(-init, init, s) for r in rngs]) for s in [(2, 3), (3, 2)]]
    c = [np.stack([r.uniform(-init, init, s[1]) for r in rngs]) for s in [(2, 3), (3, 2)]]
    act = (sig, lambda h: h * (1 - h)) if hidden == "sigmoid" else (np.tanh, lambda h: 1 - h * h)
    for _ in range(epochs):
        for i in range(1000):
            x, t = bits[:, i], T[:, i]
            h = act[0](np.einsum("si,sio->so", x, w[0]) + c[0])
            y = sig(np.einsum("si,sio->so", h, w[1]) + c[1])
            d = (y - t) * y * (1 - y) if loss == "sse" else (y - t)
            dh = np.einsum("so,sio->si", d, w[1]) * act[1](h)
            w[1] -= rate * np.einsum("si,so->sio", h, d)
            c[1] -= rate * d
            w[0] -= rate * np.einsum("si,so->sio", x, dh)
            c[0] -= rate * dh

    def ff(p):
        x = np.broadcast_to(np.array(p, float), (len(seeds), 2))
        return sig(np.einsum("si,sio->so", act[0](np.einsum("si,sio->so", x, w[0]) + c[0]), w[1]) + c[1])

    return ff([1, 1]), ff([1, 0])


for loss in ("sse", "ce"):
    for hidden in ("sigmoid", "tanh"):
        t = time.time()
        o11, o10 = run(range(10), 500, loss, hidden)
        lows = np.concatenate([o11[:, 1], o10[:, 0]])
        highs = np.concatenate([o11[:, 0], o10[:, 1]])
        print(
            loss,
            hidden,
            "low median %.2e range %.2e-%.2e" % (np.median(lows), lows.min(), lows.max()),
            "high median %.6f min %.6f" % (np.median(highs), highs.min()),
            "%.0fs" % (time.time() - t),
        )
