"""Understanding TensorFlow with MNIST (post 002, Dorian Brown): matrix inversion, a softmax
classifier, optimal inputs.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration
from ...suite.checks import AtLeast, AtMost, Holds, Paired
from ...suite.one_run import OneRunWorks
from ...suite.records import BROWN, Claim, Source
from .figures import plot_curves, plot_fingerprints, plot_loss, plot_optimal_inputs
from .measure import invert, train_dorian

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
MATINV_SEEDS = 60  # ours: each seed draws a new well-conditioned A; ~27% reach A^-1: 60 seeds against the 140
# other calibrated draws make the rule for one-run claims pass a model reaching it on 1% at most 5% of the time
DORIAN_SEEDS = 3  # ours: ~9 s a seed on the subset
DORIAN_DOCUMENTED_SEEDS = 6  # ours: a rank-sum test of n seeds against the 130 - n other calibrated draws can
# reach p < 1e-4 from n = 3; 6 give it power (~35 s a seed on full MNIST)

# ---- thresholds of ours -------------------------------------------------------------------------------
APPROXIMATE = 0.05  # ours: "x approximates A^-1" = ||x - A^-1|| within 5% of ||A^-1||
COST_HALVES = 0.5  # ours: "the train cost falls", read as: by at least half from the first epoch to the last

CLAIMS = (
    Claim(
        id="dorian.matinv.adagrad_l1",
        source=Source(BROWN, "Calculating a matrix inverse, the hard way"),
        statement="Minimizing sum|x A - I| with Adagrad (lr 0.01, 100,000 iterations) learns x close to the "
        "inverse of A; the loss goes down",
        documented={"lr": 0.01, "iterations": 100_000},
        judge="band",
        expected="reproduced",
        why="The author's one run: judged by the rule for one-run claims. The loss falls on every draw, so "
        "that half is shown, not judged; "
        "with Adagrad's shrinking steps on an L1 loss x reaches A^-1 (within 5%) on about one "
        "well-conditioned draw in four in the post's 100,000 iterations (54/200 calibrated, 95% interval "
        "21-34%; median relative error 0.31): an ordinary run can show it, a typical one does not. The "
        "variants, on the calibration's first 20 seeds (probes/matinv_variants.py; the post's setting "
        "6/20 there): without our conditioning filter (cond < 100) 3/20 reach it (median error 0.75); the committed code's lr 0.001 for 100,000 steps 0/20 (0.69-0.97): that "
        "setting could not have shown it; its lr 0.01 for 50,000 steps 2/20 (median 0.42).",
        measure=invert,
        seeds=MATINV_SEEDS,
        checks=(
            OneRunWorks("relative_error", at_most=APPROXIMATE, label="x approximates A^-1: ||x - A^-1|| / ||A^-1||"),
            # the rule pools the calibration's draws: how far today's runs get, held to it (rank-sum)
            LikeCalibration("relative_error", label="||x - A^-1|| / ||A^-1||, as calibrated"),
        ),
        explains=(
            # every run shows it (200/200 calibrated): shown, not judged
            Paired(
                "loss_first",
                than="loss_last",
                label="the loss goes down: first above last ('Yay, our loss is going down!')",
            ),
            # ours: how far a typical run gets, beside the share that gets there
            AtMost("relative_error", 0.9, label="||x - A^-1|| / ||A^-1|| (median; 1.0 at the start)"),
        ),
        figure=plot_loss,
    ),
    Claim(
        id="dorian.mnist.test_acc",
        source=Source(BROWN, "Classifying MNIST"),
        statement="The 784-300-10 net reaches about 98% on the test set (stored output [0.9803, 0.12326279])",
        documented={"test_accuracy": 0.98, "stored_test_accuracy": 0.9803, "stored_test_loss": 0.12326279},
        judge="distribution",
        expected="reproduced",
        why="On full MNIST at the code's 40 epochs (the post says 50), 130 calibrated seeds score 97.82-98.22% "
        "(median 98.06%) at test cost 0.108-0.127 (median 0.118): the post's 98% (one run, any value from "
        "97.5% to 98.5%) and the stored 0.9803 and 0.123 are typical draws (position p 1.0, 0.72 and 0.14, "
        "each held to 0.05/3, which needs 120 draws; the stored cost lies above 122 of the 130).",
        measure=train_dorian,
        seeds=DORIAN_SEEDS,
        seeds_documented=DORIAN_DOCUMENTED_SEEDS,
        markers=("dataset",),
        checks=(
            # post: "98%", the author's one run printed to the whole percent: any value from 97.5% to 98.5%
            InsideCalibrated(
                "test_acc",
                doc="test_accuracy",
                printed=0.01,
                label="test accuracy (post: 98%, to the percent)",
                at="documented",
            ),
            InsideCalibrated(
                "test_acc",
                doc="stored_test_accuracy",
                label="test accuracy (the code's stored output)",
                at="documented",
            ),
            InsideCalibrated(
                "test_cost", doc="stored_test_loss", label="test cost (the code's stored output)", at="documented"
            ),
            # ours: the same net on 4,000 digits: what 40 epochs on the subset reach
            AtLeast("test_acc", 0.88, label="test accuracy on the subset's 1,000 test digits", at="quick"),
        ),
    ),
    Claim(
        id="dorian.mnist.curves",
        source=Source(BROWN, "Classifying MNIST"),
        statement="Train loss, test loss and test accuracy per epoch (figure)",
        documented={"figure": "learning curves"},
        judge="qualitative",
        expected="reproduced",
        why="Measured as falling losses and rising accuracy over the epochs.",
        measure=train_dorian,
        seeds=DORIAN_SEEDS,
        seeds_documented=DORIAN_DOCUMENTED_SEEDS,
        markers=("dataset",),
        checks=(
            Holds("train_cost_ratio", at_most=COST_HALVES, label="train cost, last epoch over first"),
            Paired("test_cost_first", than="test_cost", label="test cost falls: first epoch above last"),
            Paired("test_acc", than="test_acc_first", label="test accuracy rises: last epoch above first"),
        ),
        figure=plot_curves,
    ),
    Claim(
        id="dorian.fingerprints",
        source=Source(BROWN, "Image fingerprints"),
        statement="Hidden 300-d ReLU vectors of test images show class-specific bands",
        documented={"figure": "fingerprints"},
        judge="qualitative",
        expected="reproduced",
        why="Measured as within-class vs across-class cosine similarity of hidden vectors, against the same "
        "net before training: random ReLU features of similar images are alike already, so the bands "
        "must be sharper after training.",
        measure=train_dorian,
        seeds=DORIAN_SEEDS,
        seeds_documented=DORIAN_DOCUMENTED_SEEDS,
        markers=("dataset",),
        checks=(
            Holds(
                "fingerprint_every_class_banded",
                label="for every digit, its hidden vectors are more alike than across digits",
            ),
            Paired(
                "fingerprint_margin",
                than="untrained_fingerprint_margin",
                label="within-minus-across similarity larger than the untrained net's",
            ),
        ),
        figure=plot_fingerprints,
    ),
    Claim(
        id="dorian.optin.unregularized",
        source=Source(BROWN, "Estimating optimal input images"),
        statement="Optimizing the input without regularization gives noise-like ideal images",
        documented={"figure": "optimal inputs"},
        judge="qualitative",
        expected="reproduced",
        why="Measured as correlation with the digit's mean test image, for inputs the frozen net reads as "
        "their digit (an optimizer that did nothing would leave noise too).",
        measure=train_dorian,
        seeds=DORIAN_SEEDS,
        seeds_documented=DORIAN_DOCUMENTED_SEEDS,
        markers=("dataset",),
        # ours: "noise-like" = correlation with the class-mean image below 0.2
        checks=(
            Holds("unregularized_reads_as_target", label="the net reads each optimized input as its digit"),
            AtMost("unregularized_similarity", 0.2, label="correlation with the digit's mean image"),
        ),
        figure=plot_optimal_inputs,
    ),
    Claim(
        id="dorian.optin.l1",
        source=Source(BROWN, "Regularization to the rescue"),
        statement="L1 regularization kills most pixels (the code's penalty: 0.002)",
        documented={"penalty": 0.002},
        judge="qualitative",
        expected="not-reproduced",
        why="The original sums the penalty over the pixels and adds it to the batch-mean loss, as here. "
        "In 1,000 steps of GD 0.1 an L1 penalty of 0.002 can take at most 0.2 off a pixel, and the "
        "inputs start at U[0, 1): it zeroes more pixels than no penalty, not most of them (on full MNIST, "
        "24-26% against 4-6% without it, 130 calibrated seeds).",
        measure=train_dorian,
        seeds=DORIAN_SEEDS,
        seeds_documented=DORIAN_DOCUMENTED_SEEDS,
        markers=("dataset",),
        # on every seed: a sign test on 3 seeds can never reach p < 0.05 (its best p is 0.125)
        checks=(Holds("l1_kills_most_pixels", label="more than half the pixels below 0.05"),),
        explains=(
            Paired(
                "l1_killed_pixels", than="unregularized_killed_pixels", label="L1 zeroes more pixels than no penalty"
            ),
            # ours: lr 0.1 x penalty 0.002 x 1,000 steps, the most the penalty's steps can remove
            AtMost("l1_mean_shift", 0.2, label="mean pixel shift L1 made, against the same start without it"),
        ),
    ),
    Claim(
        id="dorian.optin.l2_025",
        source=Source(BROWN, "Regularization to the rescue"),
        statement="L2 regularization with a penalty of 0.25 gives recognizable digit-like images",
        documented={"penalty": 0.25},
        judge="qualitative",
        expected="reproduced",
        why="'Recognizable' measured as: the digits whose L2 image correlates with that digit's mean test "
        "image more than with any other digit's mean (at least 9 of 10 on the median seed), and a wider "
        "margin over the other means than the unregularized image of the same start has, on every seed. "
        "The original code "
        "optimizes inputs for the digits 0-4 only; all ten are judged here, a different reading (at least 9 of 10 near their own mean on the median "
        "seed, so a miss among 0-4 that a five-digit reading would count may pass). The quick scale does "
        "not judge it: on the subset the unregularized images are also nearest their own digit's mean (9 "
        "of 10, 7-10 on 20 calibrated seeds; L2's 10 of 10 on all 20), so the reading that tells a "
        "digit-like image from noise on full MNIST passes noise there, and the margin only tells whether "
        "a penalty was applied. On full MNIST the unregularized images read 4 of 10 (2-6 on 130), L2's 10 "
        "of 10 on 100, 9 on 27, 8 on 3.",
        quick_cannot_judge="on the subset the unregularized, noisy images are also nearest their own digit's "
        "mean (9 of 10, 7-10), so its checks there would pass noise and tell only whether a penalty was "
        "applied",
        measure=train_dorian,
        seeds=DORIAN_SEEDS,
        seeds_documented=DORIAN_DOCUMENTED_SEEDS,
        markers=("dataset",),
        checks=(
            # ours: 9 of 10 on the median seed (130 documented draws: 10 on 100, 9 on 27, 8 on 3; a real
            # test digit's own mean is the nearest for ~80%). The margin separates L2 from no penalty
            AtLeast(
                "l2_025_nearest_own_mean",
                9,
                label="L2 images (of 10) nearest, by correlation, their own digit's mean image",
            ),
            Paired(
                "l2_025_own_mean_margin",
                than="unregularized_own_mean_margin",
                label="own-mean minus other-means correlation, L2 against no penalty from the same start",
            ),
        ),
        explains=(
            Paired(
                "l2_025_similarity",
                than="unregularized_similarity",
                label="L2 images correlate more with the digit's mean image than unregularized ones",
            ),
        ),
        figure=plot_optimal_inputs,
    ),
)
