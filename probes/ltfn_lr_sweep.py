"""LR sweep per arm of LTFN 5/6's initialization ablation, quick scale (1/16-width ConvNet, quarter-width
FC net, 400 steps, the subset), paired by seed: the same draws per seed across arms and rates.
Run: python probes/ltfn_lr_sweep.py 5 [rates, comma-separated; default all ten, or ""] [arms, semicolon-separated]"""

import json
import sys
import time

import numpy as np

from reproductions.posts.ltfn import config, model
from reproductions.suite import runtime
from reproductions.suite.seeds import derive_seed

runtime.use_scale("quick")  # one thread, as the quick suite runs

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5
RATES = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1.0)
if len(sys.argv) > 2 and sys.argv[2]:  # a part of the sweep: the draws of each seed are the same at every rate
    RATES = tuple(float(r) for r in sys.argv[2].split(","))
ARMS = {
    "conv N(0,1)": ("conv", "normal"),
    "conv x0.01": ("conv", "small"),
    "conv VS/Xavier": ("conv", "he"),
    "FC N(0,1)": ("fc", "normal"),
    "FC He": ("fc", "he"),
}
if len(sys.argv) > 3:  # some arms only, by name
    ARMS = {arm: ARMS[arm] for arm in sys.argv[3].split(";")}
steps = config.QUICK.conv_steps
widths = config.QUICK.conv_widths
res = {arm: {str(lr): [] for lr in RATES} for arm in ARMS}
t0 = time.time()
for i in range(N):
    seed = derive_seed("ltfn:train_convnets", i)
    runtime.seed_everything(seed)
    for arm, (kind, init) in ARMS.items():
        for lr in RATES:
            if kind == "conv":
                rng = np.random.default_rng([seed, 1])
                run = model.train_and_test(
                    (model.conv_forward, (widths,)), model.conv_params(rng, init, widths), lr, steps, "quick"
                )
            else:
                rng = np.random.default_rng([seed, 2])
                run = model.fc_run(rng, init, config.QUICK.ablation_fc_hidden, lr, steps, "quick")
            acc = 100 * run["clean_acc"] if run["finite"] else 0.0
            res[arm][str(lr)].append(acc)
    print(f"seed {i} done {time.time() - t0:.0f}s", flush=True)
print(json.dumps(res))
for arm in ARMS:
    meds = {lr: float(np.median(v)) for lr, v in res[arm].items()}
    best = max(meds, key=meds.get)
    print(f"{arm:16s}", " ".join(f"{lr}:{m:5.1f}" for lr, m in meds.items()), "best", best)
