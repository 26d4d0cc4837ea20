"""lcd.intro.cnn_100pct and lcd.dnn.copes_with_jitter: does the verdict depend on which net we picked?

On the post's 10x10 jittered LCD digits (360 placements: 10 digits x 36 offsets), a quarter of the
placements (90, the same for every net of a seed) is held out; nets train on N images drawn from the
rest, with the suite's training (Adam 1e-2, batches of 50, Glorot init). Reported: accuracy on the
held-out placements (median and range over seeds) and the share of seeds at 100%.

- CNN family: conv-pool-dense (5x5 "same" conv, 2x2 max pool, dense) at 4-32 filters; conv + global
  max pooling at 4-16 filters (position-blind by construction); N = 500, 2,000 steps, 20 seeds.
- DNN (100-w-10, ReLU): width 64-1,024, N 100-5,000, 2,000 and 8,000 steps, 5 seeds.

Run: python probes/lcd_families.py
"""

import time

import numpy as np

from reproductions.posts.lcd import config, model
from reproductions.posts.lcd.config import DIGITS, JITTER_IMAGE, SHAPE
from reproductions.posts.lcd.data import all_placements, images_of
from reproductions.suite import runtime

UNIVERSE = all_placements(JITTER_IMAGE, range(JITTER_IMAGE - SHAPE + 1))
HELD_OUT = len(UNIVERSE) // 4


def split(seed, n):
    rng = np.random.default_rng([seed, 11])
    order = rng.permutation(len(UNIVERSE))
    held, allowed = order[:HELD_OUT], order[HELD_OUT:]
    train = [UNIVERSE[i] for i in rng.choice(allowed, size=n)]
    return images_of(train), images_of([UNIVERSE[i] for i in held])


def shapes(net, width):
    if net == "dnn":
        return [
            ((100, width), (100, width)),
            ((1, width), None),
            ((width, DIGITS), (width, DIGITS)),
            ((1, DIGITS), None),
        ]
    fans = (SHAPE * SHAPE, SHAPE * SHAPE * width)
    readout = 25 * width if net == "cnn_pool" else width
    return [((25, width), fans), ((1, 1, width), None), ((readout, DIGITS), (readout, DIGITS)), ((1, DIGITS), None)]


def held_out_accuracy(net, width, seeds, n, steps):
    model.MODELS[net] = shapes(net, width)
    read = model.PATCHED.get(net, lambda images: images)
    data = [split(s, n) for s in seeds]
    runtime.seed_everything(seeds[0])
    inputs = np.stack([read(train[0]) for train, _ in data])
    labels = np.stack([train[1] for train, _ in data])
    rngs = [np.random.default_rng([s, width, n]) for s in seeds]
    predict = model.train_net(net, rngs, inputs, labels, config.QUICK, steps)
    test_inputs = np.stack([read(test[0]) for _, test in data])
    predicted = predict(test_inputs)
    return np.array([np.mean(predicted[i] == data[i][1][1]) for i in range(len(seeds))])


def line(name, acc, t):
    return (
        f"{name:<34} median {np.median(acc):.3f} range {acc.min():.3f}-{acc.max():.3f} "
        f"at 100%: {np.sum(acc == 1.0)}/{len(acc)}  ({time.time() - t:.0f}s)"
    )


if __name__ == "__main__":
    seeds = list(range(20))
    for width in (4, 8, 16, 32):
        t = time.time()
        print(
            line(f"conv-pool-dense, {width} filters", held_out_accuracy("cnn_pool", width, seeds, 500, 2000), t),
            flush=True,
        )
    for width in (4, 8, 16):
        t = time.time()
        print(
            line(f"conv + global max, {width} filters", held_out_accuracy("cnn", width, seeds, 500, 2000), t),
            flush=True,
        )
    for steps in (2000, 8000):
        for width in (64, 256, 1024):
            for n in (100, 500, 2000, 5000):
                t = time.time()
                acc = held_out_accuracy("dnn", width, seeds[:5], n, steps)
                print(line(f"DNN w={width} N={n} steps={steps}", acc, t), flush=True)
