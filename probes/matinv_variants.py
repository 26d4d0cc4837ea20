"""dorian.matinv.adagrad_l1's variants: the post's setting, no conditioning filter on A, and the two
committed code settings, on the calibration's seeds. Run: python probes/matinv_variants.py 20"""

import json
import sys
import time

import numpy as np

from reproductions.posts.dorian import model
from reproductions.suite import runtime
from reproductions.suite.seeds import derive_seed

runtime.use_scale("quick")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 20
variants = {
    "post: lr 0.01 x 100k, cond < 100": (0.01, 100_000, 100.0),
    "no conditioning filter: lr 0.01 x 100k": (0.01, 100_000, float("inf")),
    "code 1d141dc: lr 0.001 x 100k": (0.001, 100_000, 100.0),
    "code 0e24c48: lr 0.01 x 50k": (0.01, 50_000, 100.0),
}
out = {}
for name, (lr, steps, cond) in variants.items():
    rows = []
    t = time.time()
    for i in range(N):
        seed = derive_seed("matrix_inverse:invert", i)
        runtime.seed_everything(seed)
        rng = np.random.default_rng(seed)
        a, _ = model.draw_matrix(rng, cond)
        x, hist = model.adagrad_inverse(a, steps, lr)
        c = float(np.linalg.cond(a))
        if c > 1e12:
            rows.append((c, None, bool(hist[-1] < hist[0])))
            continue
        inv = np.linalg.inv(a)
        rows.append((c, float(np.linalg.norm(x - inv) / np.linalg.norm(inv)), bool(hist[-1] < hist[0])))
    errs = [r[1] for r in rows if r[1] is not None]
    within = sum(e < 0.05 for e in errs)
    out[name] = {
        "n": N,
        "singular": sum(r[1] is None for r in rows),
        "within_5pct": within,
        "median_rel_error": float(np.median(errs)),
        "min": float(min(errs)),
        "max": float(max(errs)),
        "loss_fell": sum(r[2] for r in rows),
        "median_cond": float(np.median([r[0] for r in rows])),
        "s": round(time.time() - t),
    }
    print(name, out[name], flush=True)
print(json.dumps(out, indent=1))
