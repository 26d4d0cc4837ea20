"""Learn TensorFlow Now 5-6 (post 001, Josh Varty): the first ConvNet, its initialization, and our
controlled ablation of the two. LTFN 1-3 and the retrospective are in ``claims.py``.

The records of these claims: where each comes from, what it says (numbers verbatim), how it is
judged, which verdict we expect and why, and which function measures it. Documented numbers live
here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration, MarginAtMost
from ...suite.checks import AtLeast, AtMost, Close, Holds, Paired, WithinFactor
from ...suite.one_run import OneRunWorks
from ...suite.records import VARTY, Claim, Source
from .figures import plot_histograms
from .measure import train_convnets

# ---- seeds: how many each claim runs on by default ----------------------------------------------------
LTFN_CONV_SEEDS = 5  # ours: seven trainings a seed (eight documented); 5/5 seeds make a sign test at 0.03

# ---- the shared training run: every claim here reads it ------------------------------------------------
CONVNET_RUNS = dict(measure=train_convnets, seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True)

# ---- thresholds of ours -------------------------------------------------------------------------------
LN10_WITHIN = 1e-3  # ours: a net that learned nothing costs ln 10; the tiny-init ConvNet is 1.4e-6 to 1.6e-5 off

# ours: at the ablation's common lr the VS/Xavier ConvNet collapses on 1 of 40 calibrated seeds (seed 38: 32%), so
# its arm's comparisons use medians over seeds: a 5-seed sign test needs all five ahead and a mean moves 11 points
# with one collapse, each failing a sound model ~12% of the time (bootstrap of the calibration); the medians ~0.02%.
# The non-inferiority margin, in points: a sound model's 5-seed medians cross 1 0.23% of the time, 2 0.017%
# (bootstrap of the quick calibration; at a scale with none it is not judged: MarginAtMost). Five seeds give
# little power: a ConvNet 5 points worse passes about half the time; a dead or collapsed one fails
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

NORMAL_CONVNET_DEAD = (  # ours: why no check compares with the N(0,1) ConvNet at the quick scale
    "At the quick scale the 1/16-width N(0,1) ConvNet learns at no rate from 1e-7 to 1 in 400 steps (best median "
    "12.1%), so a comparison with it would pass for any such net: it is judged at the documented scale only."
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
        why="LTFN 6 gives the cause itself: LTFN 5's N(0,1) weights (costs astronomical next to ln 10): the post's own "
        "explanation, not a measurement artifact. It is judged at the documented scale only, on a GPU: the N(0,1) "
        "ConvNet must learn (a median of at least twice chance) and still score below the FC net at the same rate, "
        "steps, data and evaluation; below LTFN 3's net under LTFN 3's protocol, at the medians (the post's own "
        "comparison: 81.88% against 85.75%); and its 81.88% is held to a calibration none records yet (a 5,000-step "
        "run at the documented width takes 13-25 min on a 2-core CPU, and a seed trains five; one run read 83.61%, "
        "LTFN 3's net 86.04%, median of 90): until a GPU records 40 seeds that check is an error that says so. At the "
        "quick scale the 1/16-width N(0,1) ConvNet learns nothing in 400 steps at any rate from 1e-7 to 1 "
        "(probes/ltfn_lr_sweep.py: best median 12.1%, at 1e-7), nor under LTFN 5's exact protocol "
        "(probes/ltfn5_protocol.py, 5 seeds: 10.8%, 8.9-12.3, against LTFN 3's net under its own, 79.4%, 78.3-81.5), "
        "so there its checks would pass for any N(0,1) ConvNet: only a break of the initialization or of the FC net "
        "fails them.",
        quick_cannot_judge="the 1/16-width N(0,1) ConvNet learns at no rate (1e-7 to 1 in 400 steps, and LTFN 5's lr "
        "1e-7 for 5,000), so its checks pass for any N(0,1) ConvNet there; LTFN 5's protocol is judged at the "
        "documented scale, on a GPU",
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
            # post: "slightly worse" than LTFN 3's net, each under its own protocol: medians over the seeds,
            # whose false-alarm rate on 5 seeds a documented calibration measures (none yet: not judged)
            MarginAtMost(
                "ltfn5_as_posted_test_acc",
                than="ltfn3_net_as_posted_test_acc",
                label="LTFN 5's ConvNet under its protocol at most LTFN 3's net under its own (the post's comparison)",
                at="documented",  # NORMAL_CONVNET_DEAD: at the quick scale any N(0,1) ConvNet loses
            ),
        ),
        explains=(
            # medians, not a sign test: the VS/Xavier ConvNet collapses on a rare seed (above)
            MarginAtMost(
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
        statement="With N(0,1) weights pre-activations grow per layer: the majority of layer1 outputs within [-1, 1], "
        "layer4 within [-20,000, 20,000]; logits reach hundreds of thousands",
        documented={"layer1_range": 1, "layer4_range": 20000, "logit_range": 100000},
        judge="band",
        expected="reproduced",
        why="Growth of about sqrt(fan_in) per layer is a robust scaling argument; measured at the post's widths, at "
        "initialization: the growth is set by the weights' scale, which LTFN 5's training at lr 1e-7 is assumed to "
        "leave in place (not measured here; vs_hist_stable reads He's after training).",
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
        statement="Weights x0.01 collapse activations and the net learns nothing: Test Cost: 2.3025865221, Test "
        "accuracy: 5.01999998465 %",
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
        why="Activations shrink layer by layer as the post's histograms show, the cost stays at ln 10, and the net "
        "learns nothing even at the rate where VS/Xavier init learns: the initialization, not LTFN 5's lr 1e-7, kills "
        "learning. At the quick scale (a proxy) it learns at no rate from 1e-7 to 1 in 400 steps ("
        "probes/ltfn_lr_sweep.py, 5 seeds): best median 14.3% at 1e-7, where it has not moved from its initialization, 10.0% "
        "from 1e-6 to 1, where the VS/Xavier ConvNet reads up to 95.0%. 5.02% below chance is argmax over near-uniform "
        "outputs: draws spread from 0.1% to 16.5% (median 6.8%, 40 calibrated seeds; the 5.02% has p = 0.73). At the "
        "documented scale no calibration exists yet (a seed trains five 5,000-step ConvNets): its check is an error "
        "until a GPU records one. The one documented run so far (seed 0, CPU) read 19.45% at a cost 0.0029 below ln "
        "10, outside LN10_WITHIN, set on the quick stand-in: that calibration decides whether the full-width net "
        "learns nothing.",
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
        why="The post's histograms come from the trained run (lr 1e-3, 5,000 steps), read as 'within about an order "
        "of magnitude of one another': measured as the spread of the four conv layers' pre-activation std after "
        "training (largest over smallest); at initialization He init is stable by construction (an explanation, not "
        "the claim). At the quick scale the trained net is the ablation's 1/16-width one (lr 0.01, 400 steps): a "
        "proxy. There, 40 calibrated seeds: spread 5.3 (3.0-10.2), within 10 on 39, judged by the rule for one-run "
        "claims (the histograms are one run's); the largest step between layers grows from 1.3x at initialization "
        "(1.0-1.5) to 2.3x after training (1.7-3.2): 'only slightly' is looser after training.",
        **CONVNET_RUNS,
        checks=(
            # post: "all values are within about an order of magnitude of one another", read off one run's
            # histograms: the rule for one-run claims (39/40 calibrated); it passes one run of five, so the spread
            # itself is held to its calibration too (rank-sum)
            OneRunWorks(
                "he_trained_std_spread",
                at_most=10.0,
                label="after training: largest over smallest pre-activation std of the 4 conv layers",
            ),
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
        why="Holding lr, steps, data and evaluation fixed and varying only the initializer, the ConvNet goes from "
        "worst (N(0,1): it learns nothing) to best (VS/Xavier: ahead of the FC net with N(0,1) on most seeds, and the "
        "FC net with He init at most 2 points ahead of it on 5-seed medians, the bound judged; at this rate it "
        "collapses on 1 of 40 calibrated seeds). The common rate is ours, so each arm was swept from 1e-7 to 1 at the "
        "quick scale's 400 steps (probes/ltfn_lr_sweep.py, 5 seeds paired, output in probes/results; at each peak the "
        "next rate up loses): at each arm's best rate ConvNet VS/Xavier 95.0% (1e-1) > FC He 93.5% (3e-1) > FC N(0,1) "
        "80.2% (1e-2) > ConvNet N(0,1) 12.1% (1e-7, the lowest swept); the ConvNet leads FC He on 4 of 5 seeds there, "
        "by 1.5 points at the medians. The N(0,1) ConvNet learns at no rate in that budget, so there its place rests "
        "on the budget as much as on the rate. At the documented widths every arm runs at LTFN 6's 1e-3 alone: the "
        "sweep per arm there (five arms, 1e-7 to 1e-2, seeds paired) needs a GPU and has not run, nor has a "
        "calibration, without which the non-inferiority margin is not judged. " + NORMAL_CONVNET_DEAD,
        quick_cannot_judge="its causal half, the ConvNet going from worst with N(0,1) to best with VS/Xavier, needs a "
        "N(0,1) ConvNet that learns, and the 1/16-width one learns at no rate (1e-7 to 1 in 400 steps); the VS/Xavier "
        "ConvNet against the FC nets alone does not say why it wins: it is judged at the documented scale, on a GPU",
        **CONVNET_RUNS,
        checks=(
            # medians, not a sign test: the VS/Xavier ConvNet collapses on a rare seed (above)
            MarginAtMost(
                "ablation_fc_normal_acc",
                than="ablation_conv_he_acc",
                label="ConvNet (VS/Xavier) ahead of LTFN 3's FC net (N(0,1)) at the medians of the seeds (a "
                "comparison, not a test)",
            ),
            # calibrated: the ConvNet ahead on 36/40 seeds (median 88.8 against 85.8). Judged on medians
            # over the 5 seeds, as non-inferiority with a margin of NON_INFERIOR points: the post's ConvNet
            # beats the FC net, so the FC net with He may not lead it by more; an FC net further ahead fails
            MarginAtMost(
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
