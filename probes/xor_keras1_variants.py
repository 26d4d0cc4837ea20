"""xor.keras.*_epochs: are the post's epoch counts (284, 124, 56, 32) slower than today's runs for a
cause of the Keras 1 era? Each candidate is a variant of the suite's stacked training, on 60
seeds, all variants on the same initial weights (seeds 0-59 taken as they are, not derived as the
suite's runs derive theirs: draws of the calibration's distribution, not its draws). Its block is
a fast one: 16 units' median 78, where the calibration's ten blocks of 60 read 82-115, so its joint
p, 0.006, is the low end of what blocks of 60 read (0.005-0.047 over fourteen: the record's
COUNTS_WHY); a variant is compared with the baseline on the same block.

- baseline: the suite's training (Keras 1's Adam epsilon 1e-8, accuracy counts an output > 0.5);
- ties_up: an output of exactly 0.5 read as 1 (Theano's round, half away from zero, in place of
  TensorFlow's half to even), recomputed from the logged outputs;
- adam_eps_1e-7: Keras 2/3's Adam epsilon in place of Keras 1's.

For each variant and configuration: median epochs to 100% (BCE, the log's loss), the post's count's
place among the 60 draws, and the suite's joint test of the four (Stouffer, two-sided: JointlyTypical). Run: python probes/xor_keras1_variants.py
"""

import time
from dataclasses import replace

import numpy as np

from reproductions.posts.xor import config, model
from reproductions.posts.xor.claims import POSTED_COUNTS as POSTED  # the registry's documented counts
from reproductions.suite import runtime
from reproductions.suite.stats import position_above, stouffer_p

SEEDS = list(range(60))  # as many as the quick calibration, not derived (see above)
EPOCHS = 1000  # the quick scale's cap


def counts(name, loss, ties_up=False, adam_epsilon=config.QUICK.adam_epsilon, seeds=SEEDS):
    """Epochs to 100% of one configuration on ``seeds`` (a multiple of the stack), capped at EPOCHS + 1."""
    cfg = replace(config.QUICK, adam_epsilon=adam_epsilon)
    hidden, activation = config.CONFIGS[name]
    out = []
    for start in range(0, len(seeds), cfg.stack):
        stack = seeds[start : start + cfg.stack]
        runtime.seed_everything(stack[0])
        per_seed = [model.glorot_kernels(s, hidden, name) for s in stack]
        kernels = [np.stack(layer) for layer in zip(*per_seed)]
        accuracy, _, outputs = model.stacked_training(kernels, activation, "sigmoid", loss, EPOCHS, cfg)
        if ties_up:
            accuracy = ((outputs[:-1] >= 0.5) == config.Y.ravel()).mean(axis=2)
        out += [e if e is not None else EPOCHS + 1 for e in model.first_epoch(accuracy == 1.0)]
    return np.array(out)


VARIANTS = {"baseline": {}, "ties_up": {"ties_up": True}, "adam_eps_1e-7": {"adam_epsilon": 1e-7}}


def main():
    for loss in ("bce", "mse"):
        for variant, options in VARIANTS.items():
            t = time.time()
            positions, row = [], []
            for name, posted in POSTED.items():
                c = counts(name, loss, **options)
                positions.append(position_above(posted, c.tolist()))  # the post's count among 60 draws
                row.append(f"{name} {np.median(c):.0f} ({1 - positions[-1]:.0%} below)")
            print(
                loss,
                variant,
                "; ".join(row),
                "together: z={1:.2f}, p={0:.3f}".format(*stouffer_p(positions)),
                f"{time.time() - t:.0f}s",
                flush=True,
            )


if __name__ == "__main__":
    main()
