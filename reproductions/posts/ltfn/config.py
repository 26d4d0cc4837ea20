"""Learn TensorFlow Now's settings, each with where it comes from: the nets of parts 1-6 and their
learning rates, then what differs between the quick scale (a 5,000-digit subset, 1/16-width
ConvNets, CPU) and the documented one (full MNIST, the posts' nets), named QUICK and DOCUMENTED."""

import math
from dataclasses import dataclass

# ---- the posts' nets ----------------------------------------------------------------------------------
BATCH = 100  # post + original code: 100 training images a step, test batches of 100
FC = {  # hidden widths and learning rate of LTFN 1-3's fully connected nets (post + original code)
    "ltfn1": ((), 0.01),
    "ltfn2": ((), 0.01),
    "ltfn3": ((500, 500), 1e-4),
}
GRAPH_FIXED_BATCH = 100  # post: LTFN 2 contrasts a placeholder of shape (100, 784) with (None, 784)
LR_LTFN5 = 1e-7  # original code 4_convolutions.py (not in the post)
LR_LTFN6 = 1e-3  # original code 5_weight_initialization.py (the post never says it changed)
SMALL = 0.01  # post: weights x 0.01 (the code scaled the conv layers only)
LN10 = math.log(10)  # the cost of a net that says 1/10 to every digit

# ---- the controlled ablation (ours): everything but the initializer held fixed -----------------------------
ABLATION_INITS = ("normal", "he")  # ours: LTFN 5's N(0,1) against LTFN 6's VS/Xavier (ConvNet and FC)
ABLATION_CONV_ONLY = ("small",)  # ours: LTFN 6's x0.01 at the same rate: is it the init or lr 1e-7?
HISTOGRAM_IMAGES = 25  # ours: a quarter batch of test images for the activation statistics (full width)


# ---- what differs between the scales ----------------------------------------------------------------------
@dataclass(frozen=True)
class Config:
    test_batches: int  # original: 100 batches of 100
    ltfn1_steps: int  # post + original code: 1,000
    ltfn2_steps: int  # post + original code: 2,000
    ltfn3_steps: int  # post + original code: 5,000
    conv_widths: tuple  # post: 64, 64, 128, 128 filters
    conv_steps: int  # original code: 5,000
    tiny_lr_steps: int  # steps of the ConvNets trained at lr 1e-7 (original code: 5,000)
    ablation_lr: float  # held fixed across every arm of the ablation
    ablation_fc_hidden: tuple  # LTFN 3's FC net

    def fc_steps(self, part):
        return {"ltfn1": self.ltfn1_steps, "ltfn2": self.ltfn2_steps, "ltfn3": self.ltfn3_steps}[part]


QUICK = Config(
    test_batches=10,  # ours: the subset's 1,000 test digits
    ltfn1_steps=1000,  # post + original code
    ltfn2_steps=2000,  # post + original code
    ltfn3_steps=2000,  # ours: LTFN 3's own net for 50 epochs of the 4,000-image subset (~11 s a seed)
    conv_widths=(4, 4, 8, 8),  # ours: 1/16 width
    conv_steps=400,  # ours: ~13 s on one AVX2 core
    tiny_lr_steps=100,  # ours: at lr 1e-7, 400 quick steps move no more than 100
    ablation_lr=0.01,  # ours: 10x LTFN 6's rate, for 400 steps
    ablation_fc_hidden=(128, 128),  # ours: a quarter of LTFN 3's width (N(0,1) at lr 0.01)
)
DOCUMENTED = Config(
    test_batches=100,  # original code
    ltfn1_steps=1000,  # post + original code
    ltfn2_steps=2000,  # post + original code
    ltfn3_steps=5000,  # post + original code
    conv_widths=(64, 64, 128, 128),  # post + original code
    conv_steps=5000,  # original code
    tiny_lr_steps=5000,  # original code
    ablation_lr=LR_LTFN6,  # LTFN 6's rate
    ablation_fc_hidden=(500, 500),  # LTFN 3's FC net
)


def at(scale):
    """The settings of a scale, read when a run starts (so a break can replace them)."""
    return {"quick": QUICK, "documented": DOCUMENTED}[scale]
