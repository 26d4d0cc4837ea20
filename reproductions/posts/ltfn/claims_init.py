"""Learn TensorFlow Now 5-6 (post 001, Josh Varty): the first ConvNet, its initialization, and our
controlled ablation of the two. LTFN 1-3 and the retrospective are in ``claims.py``.

The records of these claims: where each comes from, what it says (numbers verbatim), how it is
judged, which verdict we expect and why, and which function measures it. Documented numbers live
here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration
from ...suite.checks import AtLeast, AtMost, Close, Holds, MedianAtMost, Paired, WithinFactor
from ...suite.one_run import OneRunWorks
from ...suite.records import VARTY, Claim, Source
from .figures import plot_histograms
from .measure import train_convnets

# ---- seeds: how many each claim runs on by default ----------------------------------------------------
LTFN_CONV_SEEDS = 5  # ours: six trainings a seed (~48 s on one AVX2 core); 5/5 seeds make a sign test at 0.03

# ---- the shared training run: every claim here reads it ------------------------------------------------
CONVNET_RUNS = dict(measure=train_convnets, seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True)

# ---- thresholds of ours -------------------------------------------------------------------------------
LN10_WITHIN = 1e-3  # ours: a net that learned nothing costs ln 10; the tiny-init ConvNet is 1.4e-6 to 1.6e-5 off

# ours: at the ablation's common lr the VS/Xavier ConvNet collapses on a rare seed (1 of 40 calibrated:
# seed 38 reads 32%), so comparisons of its arm use medians over the seeds: a sign test on 5 seeds
# needs all five ahead and a mean moves 11 points with one collapse, each failing a sound model about
# 12% of the time (bootstrap of the 40-seed calibration); the medians about 0.02%
# ours: the non-inferiority margin, in points: at 1 a sound model's 5-seed medians cross it 0.23% of the
# time (bootstrap), at 2 0.017%; an FC net with He init more than 2 points ahead of the ConvNet fails. Five
# seeds give little power: a ConvNet 5 points worse passes about half the time; a dead or collapsed one fails
NON_INFERIOR = 2.0

# ours: at the documented scale every arm runs at LTFN 6's 1e-3; a N(0,1) ConvNet dead there loses whatever
# its initialization did: the comparisons need it to learn (twice chance), or the claim is an error, not judged
CONVNET_LEARNS = 20.0
LEARNS_AT_THE_COMMON_RATE = AtLeast(
    "ablation_conv_normal_acc",
    CONVNET_LEARNS,
    needed=True,
    label="the N(0,1) ConvNet learns at the common rate (median test accuracy %, twice chance)",
    at="documented",
)

# ours: why no check compares against the N(0,1) ConvNet at the quick scale: the 1/16-width N(0,1)
# ConvNet learns at no rate from 1e-7 to 1 in 400 steps (best median 12.1%), so any such net loses there
NORMAL_CONVNET_DEAD = (
    "At the quick scale the 1/16-width N(0,1) ConvNet learns at no rate from 1e-7 to 1 in 400 steps (best "
    "median 12.1%), so a comparison with it would pass for any such net: it is judged at the documented "
    "scale only."
)

CLAIMS = (
    Claim(
        id="ltfn5.test_acc",
        source=Source(VARTY, "LTFN 5, Putting it all together"),
        statement="The first ConvNet is worse than the FC net: Test Cost: 15083.0833307, Test accuracy: "
        "81.8799999356 %",
        documented={"test_cost": 15083.0833307, "test_accuracy": 81.8799999356},
        judge="distribution",
        expected="reproduced",
        why="LTFN 6 gives the cause itself: LTFN 5's N(0,1) weights (costs astronomical next to ln 10). "
        "That is the post's own explanation, not a measurement artifact. At the documented scale the "
        "checks ask that the N(0,1) ConvNet learn (a median of at least twice chance) and still score "
        "below the FC net at the same learning rate, steps, data and evaluation, and "
        "ltfn6.controlled_init_ablation asks the same ConvNet with VS/Xavier init to beat it; neither has "
        "been measured at that scale yet (it needs a GPU). The quick scale does not judge it: there the 1/16-width N(0,1) ConvNet "
        "learns nothing in 400 steps at any rate from 1e-7 to 1 (probes/ltfn_lr_sweep.py: best median "
        "12.1%, at 1e-7), nor under LTFN 5's exact protocol (probes/ltfn5_protocol.py, 5 seeds: lr 1e-7 "
        "for 5,000 steps reads 10.8%, 8.9-12.3, against LTFN 3's FC net at its own rate, lr 1e-4 for "
        "5,000 steps, 79.4%, 78.3-81.5; outputs kept in probes/results), so every such net scores below "
        "the FC net with an astronomical cost: there the checks would pass for any N(0,1) ConvNet, and "
        "what fails them is a break of the initialization (He in place of N(0,1)) or of the FC net. The post's 81.88% is judged at the documented scale only against a recorded calibration, "
        "and none exists yet (a 5,000-step run at the documented width takes about an hour on a 2-core "
        "CPU; one such run read 83.61%, against LTFN 3's FC net at 86.04%, median of 90): until 40 seeds "
        "are recorded on a GPU, the documented-scale check is an error that says so.",
        quick_cannot_judge="the 1/16-width N(0,1) ConvNet learns at no rate (1e-7 to 1 in 400 steps, and "
        "LTFN 5's lr 1e-7 for 5,000), so its checks pass for any N(0,1) ConvNet there; LTFN 5's protocol "
        "is judged at the documented scale, on a GPU",
        **CONVNET_RUNS,
        checks=(
            AtLeast("ltfn5_clean_test_cost", 100.0, label="test cost (astronomical next to ln 10 = 2.3)"),
            LEARNS_AT_THE_COMMON_RATE,
            Paired(
                "ablation_fc_normal_acc",
                than="ablation_conv_normal_acc",
                alpha=0.05,
                label="the ConvNet (N(0,1)) scores below the FC net (N(0,1)) at one lr and evaluation",
            ),
            InsideCalibrated(
                "ltfn5_as_posted_test_acc",
                doc="test_accuracy",
                label="test accuracy % with the original's evaluation",
                at="documented",
            ),
        ),
        explains=(
            # medians, not a sign test: the VS/Xavier ConvNet collapses on a rare seed (above)
            MedianAtMost(
                "ablation_fc_normal_acc",
                than="ablation_conv_he_acc",
                label="the same ConvNet with VS/Xavier init ahead of the FC net at the medians (same lr, steps, "
                "evaluation)",
            ),
        ),
    ),
    Claim(
        id="ltfn6.large_init_explodes",
        source=Source(VARTY, "LTFN 6, introduction"),
        statement="With N(0,1) weights pre-activations grow per layer: the majority of layer1 outputs within "
        "[-1, 1], layer4 within [-20,000, 20,000]; logits reach hundreds of thousands",
        documented={"layer1_range": 1, "layer4_range": 20000, "logit_range": 100000},
        judge="band",
        expected="reproduced",
        why="Growth of about sqrt(fan_in) per layer is a robust scaling argument; measured at the post's widths, "
        "at initialization: the growth is set by the weights' scale, which LTFN 5's training at lr 1e-7 "
        "is assumed to leave in place (not measured here; vs_hist_stable reads He's after training).",
        **CONVNET_RUNS,
        # ours: the post reads its histograms' bulk ("the majority ... within [-1,1]"): the 95th percentile
        # of |value| within a factor 10 of the post's bound either way, and layer 4's median inside it (layer
        # 1's median is 0 at any init: most 3x3 windows of a digit are blank background)
        checks=(
            WithinFactor("normal_layer1_p95_abs", doc="layer1_range", label="95th percentile |layer1_conv| (post: ±1)"),
            AtMost("normal_layer4_median_abs", "layer4_range", label="median |layer4_conv| (post: ±20,000)"),
            WithinFactor(
                "normal_layer4_p95_abs", doc="layer4_range", label="95th percentile |layer4_conv| (post: ±20,000)"
            ),
            AtLeast("normal_logit_range", "logit_range", label="largest |logit| (post: hundreds of thousands)"),
            AtLeast("normal_growth_1_to_4", 100, label="std growth from layer 1 to layer 4 (about sqrt(fan_in)^3)"),
        ),
        explains=(),
        figure=plot_histograms,
    ),
    Claim(
        id="ltfn6.small_init_dead",
        source=Source(VARTY, "LTFN 6, Smaller Initial Weights"),
        statement="Weights x0.01 collapse activations and the net learns nothing: Test Cost: 2.3025865221, "
        "Test accuracy: 5.01999998465 %",
        documented={
            "test_cost": 2.3025865221,
            "test_accuracy": 5.01999998465,
            # post: "largely within [-0.02, 0.02]", "[-0.0002, 0.0002]", logits "[-0.003, 0.003]"
            "layer1_range": 0.02,
            "layer4_range": 0.0002,
            "logit_range": 0.003,
        },
        judge="band",
        expected="reproduced",
        why="Activations shrink layer by layer as the post's histograms show, the cost stays at ln 10, and "
        "the net learns nothing even at the rate where VS/Xavier init learns: the initialization, not "
        "LTFN 5's lr 1e-7, kills learning. At the quick scale (a proxy) it learns at no rate: swept from "
        "1e-7 to 1 in 400 steps (probes/ltfn_lr_sweep.py, 5 seeds), its best median is 14.3% at 1e-7, "
        "where it has not moved from its initialization, and 10.0% at every rate from 1e-6 to 1, while "
        "the VS/Xavier ConvNet reads 95.0% at 1e-1. 5.02% below chance is argmax over near-uniform outputs: "
        "single draws spread from 0.1% to 16.5% (median 6.8%, 40 calibrated seeds: the documented 5.02% has p = 0.73). At the documented scale that "
        "number has no calibration yet (hours a seed on a CPU): its check reports that it cannot be "
        "judged until one is recorded on a GPU.",
        **CONVNET_RUNS,
        checks=(
            Holds("small_cost_minus_ln10", at_most=LN10_WITHIN, label="test cost's distance from ln 10 = 2.302585"),
            WithinFactor(
                "small_layer1_p95_abs", doc="layer1_range", label="95th percentile |layer1_conv| (post: ±0.02)"
            ),
            AtMost("small_layer4_median_abs", "layer4_range", label="median |layer4_conv| (post: ±0.0002)"),
            WithinFactor(
                "small_layer4_p95_abs", doc="layer4_range", label="95th percentile |layer4_conv| (post: ±0.0002)"
            ),
            # ours: a tenth of the unit scale a softmax needs to leave uniform; calibrated 0.010-0.037 on
            # 25 test images, 3-12x the post's reading (the code left the FC weights at N(0,1))
            AtMost("small_logit_range", 0.1, label="largest |logit| at init, median of seeds (post: ±0.003)"),
            InsideCalibrated(
                "small_as_posted_test_acc", doc="test_accuracy", label="test accuracy % with the original's evaluation"
            ),
            # ours: twice chance; at the ablation's common lr (quick 0.01, 400 steps)
            AtMost("ablation_conv_small_acc", 20.0, label="test accuracy % of the x0.01 ConvNet at the common lr"),
            Paired(
                "ablation_conv_he_acc",
                than="ablation_conv_small_acc",
                alpha=0.05,
                label="VS/Xavier init learns at that lr, in the same ConvNet",
            ),
        ),
    ),
    Claim(
        id="ltfn6.vs_xavier_init",
        source=Source(VARTY, "LTFN 6, Choosing the Perfect Initial Weights"),
        statement="Variance-scaling init on the convolutions and Xavier on the FC layer give Test Cost: "
        "0.0945288215741, Test accuracy: 97.2900004387 %",
        documented={"test_cost": 0.0945288215741, "test_accuracy": 97.2900004387},
        judge="distribution",
        expected="reproduced",
        why="Robust to about half a point at the post's scale; the comparison with LTFN 5 is confounded by "
        "lr 1e-7 -> 1e-3. " + NORMAL_CONVNET_DEAD,
        **CONVNET_RUNS,
        checks=(
            Close(
                "he_test_acc",
                doc="test_accuracy",
                atol=0.5,
                label="test accuracy % (catalog: about +-0.5)",
                at="documented",
            ),
            # ours: a 1/16-width ConvNet after 400 steps on 4,000 digits
            AtLeast("he_test_acc", 80.0, label="test accuracy %, 1/16-width ConvNet, 400 steps", at="quick"),
            Paired(
                "ablation_conv_he_acc",
                than="ablation_conv_normal_acc",
                alpha=0.05,
                label="VS/Xavier beats N(0,1) in the same ConvNet, same lr",
                at="documented",  # NORMAL_CONVNET_DEAD: at the quick scale any N(0,1) ConvNet loses
            ),
            LEARNS_AT_THE_COMMON_RATE,
        ),
    ),
    Claim(
        id="ltfn6.vs_hist_stable",
        source=Source(VARTY, "LTFN 6, Choosing the Perfect Initial Weights"),
        statement="With variance-scaling/Xavier init, intermediate output variance rises only slightly across layers",
        documented={"figure": "histograms"},
        judge="qualitative",
        expected="reproduced",
        why="The post's histograms come from the trained run (lr 1e-3, 5,000 steps), and it reads them as "
        "'within about an order of magnitude of one another': measured as the spread of the four conv "
        "layers' pre-activation std after training (largest over smallest). At initialization He init is "
        "stable by construction; that is an explanation, not the claim. At the quick scale the trained net "
        "is the ablation's 1/16-width one (lr 0.01, 400 steps): a proxy. There, 40 calibrated seeds: spread "
        "5.3 (3.0-10.2), within 10 on 39; the histograms are one run's, so the reading is judged by the rule "
        "for one-run claims; the largest step between consecutive layers grows from 1.3x at initialization "
        "(1.0-1.5) to 2.3x after training (1.7-3.2), so 'only slightly' is looser after training than before.",
        **CONVNET_RUNS,
        checks=(
            # post: "all values are within about an order of magnitude of one another", read off one
            # run's histograms: judged by the rule for one-run claims (39/40 calibrated; it passes one run
            # of five, so the spread itself is held to its calibration below)
            OneRunWorks(
                "he_trained_std_spread",
                at_most=10.0,
                label="after training: largest over smallest pre-activation std of the 4 conv layers",
            ),
            # ours: the trained spread as calibrated (rank-sum): the one-run rule alone passes 1 seed of 5
            LikeCalibration("he_trained_std_spread", label="after training: the spread, as calibrated"),
        ),
        explains=(
            # ours: at initialization, within a factor 2 per layer, against ~25x per layer with N(0,1)
            AtMost("he_std_ratio_max", 2.0, label="at initialization: largest std ratio between consecutive layers"),
            AtLeast("he_std_ratio_min", 0.5, label="at initialization: smallest std ratio between consecutive layers"),
        ),
        figure=plot_histograms,
    ),
    Claim(
        id="ltfn6.controlled_init_ablation",
        source=Source(VARTY, "LTFN 5/6"),
        statement="The ConvNet beats the fully connected net because of He/variance-scaling initialization",
        documented={"convnet_beats_fc": True},
        judge="ordering",
        expected="reproduced",
        why="Holding lr, steps, data and evaluation fixed and varying only the initializer, the ConvNet goes "
        "from worst (N(0,1): it learns nothing) to best (VS/Xavier: it beats the FC net with N(0,1) on most "
        "seeds, and the FC net with He init is no more than 2 points ahead of it on 5-seed medians, the "
        "bound judged; at this rate it collapses on 1 of 40 calibrated seeds, seed 38 reading 32%). The common rate is ours, so each arm was also swept from 1e-7 to 1 "
        "at the quick scale's 400 steps (probes/ltfn_lr_sweep.py, 5 seeds paired, kept in probes/results; "
        "at each peak the next rate up loses): at each arm's best rate ConvNet VS/Xavier 95.0% (1e-1; at "
        "3e-1 3 of 5 collapse to chance) > FC He 93.5% (3e-1; at 1 its five read 19-84%) > FC N(0,1) "
        "80.2% (1e-2) > ConvNet N(0,1) 12.1% (1e-7, the lowest rate swept); the ConvNet leads FC He on 4 "
        "of 5 seeds there, by 1.5 points at the medians. The N(0,1) ConvNet learns nothing at any rate in "
        "that budget, so at this scale its place rests on the budget as much as on the rate. " + NORMAL_CONVNET_DEAD,
        quick_cannot_judge="its causal half, the ConvNet going from worst with N(0,1) to best with VS/Xavier, "
        "needs a N(0,1) ConvNet that learns, and the 1/16-width one learns at no rate (1e-7 to 1 in 400 "
        "steps), and the VS/Xavier ConvNet against the FC nets alone does not say why it wins; the ablation is "
        "judged at the documented scale, on a GPU",
        **CONVNET_RUNS,
        checks=(
            # medians, not a sign test: the VS/Xavier ConvNet collapses on a rare seed (above)
            MedianAtMost(
                "ablation_fc_normal_acc",
                than="ablation_conv_he_acc",
                label="ConvNet (VS/Xavier) ahead of LTFN 3's FC net (N(0,1)) at the medians of the seeds "
                "(a comparison, not a test)",
            ),
            # calibrated: the ConvNet ahead on 36/40 seeds (median 88.8 against 85.8). Judged on medians
            # over the 5 seeds, as non-inferiority with a margin of NON_INFERIOR points: the post's ConvNet
            # beats the FC net, so the FC net with He may not lead it by more; an FC net further ahead fails
            MedianAtMost(
                "ablation_fc_he_acc",
                than="ablation_conv_he_acc",
                slack=NON_INFERIOR,
                label=f"ConvNet (VS/Xavier) not inferior to the FC net (He init): FC median at most {NON_INFERIOR:g} "
                "points above, non-inferiority margin",
            ),
            Paired(
                "ablation_fc_normal_acc",
                than="ablation_conv_normal_acc",
                alpha=0.05,
                label="ConvNet (N(0,1)) loses to the FC net (N(0,1))",
                at="documented",  # NORMAL_CONVNET_DEAD: at the quick scale any N(0,1) ConvNet loses
            ),
            LEARNS_AT_THE_COMMON_RATE,
        ),
    ),
)
