"""xor.keras.*_epochs: how steady is the joint lean of the post's four counts from one block of 60
seeds to the next? The record's joint test reads it against all the calibration's seeds; here each
block of 60 alone: the calibration's own blocks (derived seeds, read from its file, no training),
then four blocks of seeds 0-239 taken as they are, as probes/xor_keras1_variants.py takes them
(trained here, BCE, the log's loss). Per block: 16 units' median, and Stouffer's two-sided joint p
(JointlyTypical). Run: python probes/xor_joint_blocks.py
"""

import json
from pathlib import Path

import numpy as np
from xor_keras1_variants import POSTED, counts

from reproductions.suite.stats import position_above, stouffer_p

BLOCK = 60
CALIBRATION = Path(__file__).parents[1] / "reproductions/posts/xor/calibration/train_xor_configs.quick.json"


def line(label, per_config):
    positions = [position_above(POSTED[name], list(c)) for name, c in per_config.items()]
    p, z = stouffer_p(positions)
    print(f"{label}: 16 units' median {np.median(per_config['h16']):.1f}; joint z = {z:.2f}, p = {p:.3f}", flush=True)


runs = json.loads(CALIBRATION.read_text())["runs"]
for start in range(0, len(runs), BLOCK):
    block = runs[start : start + BLOCK]
    line(
        f"calibration seeds {start}-{start + BLOCK - 1}",
        {n: [r[f"{n}_bce_epochs_capped"] for r in block] for n in POSTED},
    )
for start in range(0, 4 * BLOCK, BLOCK):
    seeds = list(range(start, start + BLOCK))
    line(f"seeds taken as they are, {start}-{start + BLOCK - 1}", {n: counts(n, "bce", seeds=seeds) for n in POSTED})
