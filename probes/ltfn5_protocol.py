"""ltfn5.test_acc at the quick scale with LTFN 5's exact protocol: the N(0,1) ConvNet at lr 1e-7 for
5,000 steps (original code 4_convolutions.py), against LTFN 3's FC net at its own rate (lr 1e-4, 5,000
steps, 500-500 hidden; original code), on the subset, paired by seed; the ConvNet at the quick 1/16
width (the documented width takes 13-25 min a run on a 2-core CPU). Run: python probes/ltfn5_protocol.py 5"""

import sys
import time

import numpy as np

from reproductions.posts.ltfn import config, model
from reproductions.suite import runtime
from reproductions.suite.seeds import derive_seed

runtime.use_scale("quick")  # one thread, as the quick suite runs

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5
STEPS = 5000  # original code, both nets
CONV, FC = "conv N(0,1), 1/16 width, lr 1e-7", "FC 500-500, lr 1e-4"
rows = {CONV: [], FC: []}
t0 = time.time()
for i in range(N):
    seed = derive_seed("ltfn:train_convnets", i)
    runtime.seed_everything(seed)
    widths = config.QUICK.conv_widths
    params = model.conv_params(np.random.default_rng([seed, 1]), "normal", widths)
    run = model.train_and_test((model.conv_forward, (widths,)), params, config.LR_LTFN5, STEPS, "quick")
    rows[CONV].append(100 * run["clean_acc"] if run["finite"] else 0.0)
    hidden, lr = config.FC["ltfn3"]
    run = model.fc_run(np.random.default_rng([seed, 2]), "normal", hidden, lr, STEPS, "quick")
    rows[FC].append(100 * run["clean_acc"])
    print(
        f"seed {i}: " + ", ".join(f"{k} {v[-1]:.1f}" for k, v in rows.items()), f"{time.time() - t0:.0f}s", flush=True
    )
for name, values in rows.items():
    v = np.array(values)
    print(f"{name:<40} median {np.median(v):.1f} range {v.min():.1f}-{v.max():.1f}")
conv, fc = np.array(rows[CONV]), np.array(rows[FC])
print(f"the ConvNet below the FC net on {np.sum(conv < fc)}/{len(fc)} seeds")
