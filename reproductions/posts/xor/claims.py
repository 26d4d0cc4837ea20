"""Understanding XOR with Keras and TensorFlow (post 004, thoughtram): hidden widths, depth, activations.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, JointlyTypical, LikeCalibration
from ...suite.checks import AtMost, Close, Faster, Holds, MedianAtMost, MostSeeds
from ...suite.one_run import OneRunWorks
from ...suite.records import THOUGHTRAM, Claim, Source
from .figures import plot_h16, plot_h32, plot_h32x2, plot_h64, plot_linear128
from .measure import train_linear128, train_xor_configs

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
XOR_SEEDS = 60  # ours: a rank test tells 16 from 32 units (medians 2x apart) on all but ~1 draw in 1,000 (40: 1 in 40)
XOR_SWAP_SEEDS = 80  # ours: sigmoid shows [0 1 1 0] at 500 epochs on ~19% (17% documented, 300 calibrated), so the
XOR_SWAP_DOCUMENTED_SEEDS = 120  # ours: rule for one-run claims passes a model showing it on 1% at most 5% of the time
LINEAR_SEEDS = 10  # ours: the identity and the 0.25 loss hold on every seed

# ---- the post's four epoch counts, judged one by one and together -----------------------------------
POSTED_COUNTS = {"h16": 284, "h32": 124, "h32x2": 56, "h64": 32}  # post: first epoch logging 1.0000
COUNTS_TOGETHER = JointlyTypical(
    "h16_bce_epochs_capped",
    others=("h32_bce_epochs_capped", "h32x2_bce_epochs_capped", "h64_bce_epochs_capped"),
    doc="counts_together",
    label="the post's four counts together (16, 32, 32+32, 64 units; BCE, the log's loss)",
)
# the joint test rests on the calibration (60 seeds barely move 600): each claim holds the four nets to it
FOUR_NETS_AS_CALIBRATED = tuple(
    LikeCalibration(f"{net}_bce_epochs_capped", label=f"{name}: epochs to 100% (BCE)")
    for net, name in (("h16", "16 units"), ("h32", "32 units"), ("h32x2", "two layers of 32"), ("h64", "64 units"))
)
COUNTS_WHY = (
    "The post's four counts are single runs of four nets, each a possible draw alone: the 93rd, 89th, 95th and "
    "55th percentiles of today's runs with BCE (the calibration's 600 seeds, the 60 measured among them). They are "
    "judged under BCE, the log's loss, not the code's MSE: the log reads 0.7443 at epoch 1 and 0.59-0.60 at 100% "
    "accuracy, which MSE cannot (at 100% every output errs by less than 0.5, so MSE stays below 0.25); under MSE "
    "they sit at the 95th, 90th, 96th and 56th, an explanation. Together they lean slow: Stouffer's two-sided "
    "combination of where each sits gives z = 2.26, p = 0.024 (0.016 under MSE, not tested; two-sided, because the "
    "direction was seen before the test was chosen; Fisher's combination, which ignores that all four lean the "
    "same way, gives 0.17). That is one test of the four runs, shared by the four claims, so it is held to 0.05 on "
    "its own and reads alike in each: the post's runs were slower than today's, and the counts are not reproduced, "
    "though each alone is a possible draw. It was earlier split among each claim's tests of documented draws "
    "(0.05/6 for 16 units, 0.05/3 for the others, each count's MSE reading counted as a test), where 0.024 passed: "
    "that split was set after the p-values were seen, and the same p then passed or failed by how many readings a "
    "claim held. This rule too was set with the p known; what supports it is that one test has one level, and that "
    "the p is below 0.05 in every block of seeds. A claim holding it besides its own draws (16 units: four at "
    "0.0125) may fail a sound model up to 5% more often. Against blocks of 60 seeds alone the joint p reads "
    "0.016-0.047 over the calibration's ten, and 0.005-0.043 over four blocks of seeds 0-239 taken as they are "
    "(probes/xor_joint_blocks.py, as probes/xor_keras1_variants.py seeds them; its baseline block, a fast one, 16 "
    "units' median 78 where the calibration's ten read 82-115, reads 0.006): below 0.05 in every block. The Keras "
    "1 details that could slow a run change no count on that block (probes/xor_keras1_variants.py, 60 seeds, every "
    "variant from the same initial weights: an output of exactly 0.5 read as 1, as Theano rounds, and Adam's "
    "epsilon 1e-7 in place of Keras 1's 1e-8; output kept in probes/results); Keras 1's Dense initialized as "
    "today's does (Dense(output_dim, init='glorot_uniform'), zero biases), so its initialization is no candidate; "
    "Keras 1 itself does not run on today's Python. Every ordering the post draws is judged by one one-sided "
    "Mann-Whitney test at 0.05 on the same 60 seeds; over the calibration's 10 blocks of 60 seeds: 16 -> 32 faster "
    "in 10 (p <= 9.4e-4), 32 -> 32+32 faster in 10 (p <= 7e-6), 64 faster than 32+32 in none (p >= 0.70)."
)

SIXTEEN_TO_32 = Faster(
    "h32_bce_epochs_capped", than="h16_bce_epochs_capped", label="32 units learn faster than 16 (BCE)"
)
ONE_TO_TWO_LAYERS = Faster(
    "h32x2_bce_epochs_capped", than="h32_bce_epochs_capped", label="a second layer of 32 learns faster than one (BCE)"
)

CLAIMS = (
    Claim(
        id="xor.keras.predict_rounded",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="After 500 epochs model.predict(X).round() gives [[0], [1], [1], [0]]",
        documented={"prediction": (0, 1, 1, 0)},
        judge="distribution",
        expected="reproduced",
        why="16 ReLU units with MSE and Adam solve XOR within 500 epochs on nearly every seed (598 of 600 calibrated).",
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        # the author's one run printed it: the rule for one-run claims (598/600 calibrated)
        checks=(OneRunWorks("predict_rounded_xor", label="predict(X).round() is [0 1 1 0] after 500 epochs"),),
    ),
    Claim(
        id="xor.keras.h16_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="16 ReLU units reach binary_accuracy 1.0000 at epoch 284 (0.5 at epoch 63, 0.75 at epoch "
        "81); Epoch 1 loss: 0.7443",
        documented={
            "epochs_to_100": POSTED_COUNTS["h16"],
            "counts_together": tuple(POSTED_COUNTS.values()),
            "epochs_to_50": 63,
            "epochs_to_75": 81,
            "loss_epoch_1": 0.7443,
        },
        judge="distribution",
        expected="not-reproduced",
        why="Each reading of this log is a possible draw of today's runs, but the post's four counts "
        "together are slower than today's (joint p = 0.024, below 0.05; below it in every block of 60 "
        "seeds). This run alone: four tests of its log under BCE, held to 0.05/4 each: 284 epochs sits "
        "at the 93rd percentile of 600 calibrated seeds, 0.75 at epoch 81 at the 80th, the first loss "
        "0.7443 at the 88th, and the log's 0.25 until epoch 63 came up on 5 of 600 (exact two-sided p = "
        "0.020: near the edge, typical at 0.0125). Seen after the fact and so not a test: no calibrated run pairs so late a 50% with so "
        "late a 100% (the five at 50% by epoch 63 or later reach 100% by epoch 127). The first loss is a "
        "binary cross-entropy value, which the code's MSE cannot log (the earlier post's identical setup "
        "reached 100% at epoch 24). " + COUNTS_WHY,
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h16_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE (the log's loss)"),
            # the counts are judged on the seeds that get there: all but a tenth must (599 of 600 calibrated do)
            Holds("h16_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            InsideCalibrated("h16_bce_epochs_to_50", doc="epochs_to_50", label="epochs to 50%, BCE"),
            InsideCalibrated("h16_bce_epochs_to_75", doc="epochs_to_75", label="epochs to 75%, BCE"),
            InsideCalibrated("h16_bce_loss_epoch_1", doc="loss_epoch_1", label="loss logged at epoch 1, BCE"),
            COUNTS_TOGETHER,
        ),
        # what is measured instead: today's 16-unit net held to its calibration; the code's loss, and why
        # the log is BCE's
        explains=(
            # the code's loss, which the log rules out: were the post's runs MSE's, its count is typical there too
            InsideCalibrated("h16_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE (the code's loss)"),
            Holds("h16_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
            *FOUR_NETS_AS_CALIBRATED,
            LikeCalibration("h16_bce_epochs_to_50", label="16 units: epochs to 50% (BCE)"),
            AtMost(
                "h16_mse_loss_epoch_1.max",
                0.5,  # ours: MSE of outputs in [0, 1] near 0.5 stays far below 0.74
                label="largest loss the code's MSE logs at epoch 1 (the log's 0.7443 is not MSE)",
            ),
        ),
        figure=plot_h16,
    ),
    Claim(
        id="xor.keras.h32_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="With the hidden layer grown from 16 to 32: 'Took us only 124 epochs to get to an accuracy of 100%!'",
        documented={"epochs_to_100": POSTED_COUNTS["h32"], "counts_together": tuple(POSTED_COUNTS.values())},
        judge="distribution",
        expected="not-reproduced",
        why="124 epochs alone is a possible draw (89th percentile), and the ordering the post draws holds: "
        "32 units learn faster than 16. But the post's four counts together are slower than today's runs "
        "(joint p = 0.024, below 0.05). " + COUNTS_WHY,
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h32_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
            Holds("h32_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            COUNTS_TOGETHER,
            # the ordering the post draws ("from 16 to 32 ... only 124"), by the one test of every ordering
            SIXTEEN_TO_32,
        ),
        # what is measured instead: the nets as calibrated, the ordering (a reversal fails the test), the code's loss
        explains=(
            SIXTEEN_TO_32,
            *FOUR_NETS_AS_CALIBRATED,
            # the code's loss, which the log rules out: were the post's runs MSE's, its count is typical there too
            InsideCalibrated("h32_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE (the code's loss)"),
            Holds("h32_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
        ),
        figure=plot_h32,
    ),
    Claim(
        id="xor.keras.h32x2_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="Two hidden layers of 32 reach 100% in 56 epochs",
        documented={"epochs_to_100": POSTED_COUNTS["h32x2"], "counts_together": tuple(POSTED_COUNTS.values())},
        judge="distribution",
        expected="not-reproduced",
        why="56 epochs alone is a possible draw (95th percentile), and the ordering the post draws holds: "
        "a second layer of 32 learns faster than one. But the post's four counts together are slower than "
        "today's runs (joint p = 0.024, below 0.05). " + COUNTS_WHY,
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h32x2_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
            Holds("h32x2_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            COUNTS_TOGETHER,
            ONE_TO_TWO_LAYERS,  # the ordering the post draws, by the one test of every ordering
        ),
        # what is measured instead: the nets as calibrated, the ordering (a reversal fails the test), the code's loss
        explains=(
            ONE_TO_TWO_LAYERS,
            *FOUR_NETS_AS_CALIBRATED,
            # the code's loss, which the log rules out: were the post's runs MSE's, its count is typical there too
            InsideCalibrated("h32x2_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE (the code's loss)"),
            Holds("h32x2_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
        ),
        figure=plot_h32x2,
    ),
    Claim(
        id="xor.keras.h64_epochs",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="One hidden layer of 64 reaches 100% after 32 epochs, so 32+32 is not 64",
        documented={"epochs_to_100": POSTED_COUNTS["h64"], "counts_together": tuple(POSTED_COUNTS.values())},
        judge="distribution",
        expected="not-reproduced",
        why="32 epochs is a typical draw (55th percentile), but the conclusion drawn from it (64 wide beats "
        "32+32 deep, 32 vs 56 epochs) does not hold over seeds: one layer of 64 is not faster than two of "
        "32 (one-sided p 0.70-1.0 in each of the calibration's 10 blocks of 60 seeds). The reverse, 32+32 "
        "faster than 64, reaches p < 0.05 in 7 blocks of 10, which is not judged: no reversal is claimed. "
        "The post's four counts together are also slower than today's runs (joint p = 0.024, below 0.05). "
        + COUNTS_WHY,
        measure=train_xor_configs,
        seeds=XOR_SEEDS,
        checks=(
            InsideCalibrated("h64_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
            Holds("h64_bce_reached", tolerate=0.1, label="reaches 100% within the epoch cap, BCE"),
            Faster(
                "h64_bce_epochs_capped",
                than="h32_bce_epochs_capped",
                label="64 units learn faster than 32 (BCE)",
            ),
            Faster(
                "h64_bce_epochs_capped",
                than="h32x2_bce_epochs_capped",
                label="one layer of 64 learns faster than two of 32 (BCE)",
            ),
            COUNTS_TOGETHER,
        ),
        # what is measured instead: both nets' epochs to 100% as calibrated
        explains=(
            *FOUR_NETS_AS_CALIBRATED,
            # ours: 8 epochs, crossed by a sound model's medians on 0 of 100,000 calibration draws (3 epochs: 0.25%)
            MedianAtMost(
                "h32x2_bce_epochs_capped", than="h64_bce_epochs_capped", slack=8, label="32+32 not slower than 64 (BCE)"
            ),
            # the code's loss, which the log rules out: were the post's runs MSE's, its count is typical there too
            InsideCalibrated("h64_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE (the code's loss)"),
            Holds("h64_mse_reached", tolerate=0.1, label="reaches 100% within the epoch cap, MSE"),
        ),
        figure=plot_h64,
    ),
    Claim(
        id="xor.keras.linear128",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="Without activations, more epochs still reach 100%: Epoch 3718/20000 loss: 0.2500 - "
        "binary_accuracy: 1.0000",
        documented={"loss": 0.25, "binary_accuracy": 1.0, "epoch": 3718},
        judge="exact",
        expected="artifact",
        why="An affine model cannot fit XOR: its best fit is the constant 0.5 (MSE 0.25), and accuracy 1.0 "
        "is float32 rounding noise when every output sits on 0.5.",
        measure=train_linear128,
        seeds=LINEAR_SEEDS,
        checks=(
            # the author's one run read 1.0 at some epoch: the rule for one-run claims (calibrated 40/40)
            OneRunWorks("ever_reads_100", label="binary_accuracy reads 1.0 at some epoch"),
            Close("final_loss", doc="loss", atol=0.00005, label="final loss (printed to 4 decimals)"),
        ),
        explains=(
            Close(
                "best_affine_mse",
                doc="loss",
                atol=1e-12,
                label="MSE of the best affine fit to XOR (float64 least squares)",
            ),
            AtMost(
                "identity_residual.max",
                1e-5,  # ours: float32 rounding, far below any real fit
                label="largest |f(0,1) + f(1,0) - f(0,0) - f(1,1)| over all epochs",
            ),
            AtMost(
                "gap_when_reading_100.max",
                1e-6,  # ours: a few float32 steps (6e-8) from 0.5
                label="largest |output - 0.5| at an epoch reading 1.0",
            ),
        ),
        figure=plot_linear128,
    ),
    Claim(
        id="xor.keras.swap_claims",
        source=Source(THOUGHTRAM, "Understanding XOR with Keras and TensorFlow"),
        statement="Sigmoid instead of ReLU, or binary cross-entropy instead of MSE, would still work",
        documented={"works": True},
        judge="distribution",
        expected="reproduced",
        why="Both halves apart, each at the post's 500 epochs by the rule for one-run claims. BCE: "
        "predictions [0 1 1 0] on 598 of 600 calibrated seeds. Sigmoid: 16 sigmoid units learn XOR several "
        "times slower than ReLU: [0 1 1 0] after 500 epochs on 112/600 calibrated seeds (95% interval "
        "16-22%), an unlucky-looking but ordinary run; within 1,000 epochs on 389/600, and within the "
        "article's own 20,000-epoch budget (its logs read 'Epoch n/20000') on every seed the documented scale calibrated.",
        measure=train_xor_configs,
        seeds=XOR_SWAP_SEEDS,
        seeds_documented=XOR_SWAP_DOCUMENTED_SEEDS,
        checks=(
            OneRunWorks("h16_bce_works_in_500", label="BCE instead of MSE: predictions [0 1 1 0] after 500 epochs"),
            OneRunWorks(
                "h16_sigmoid_mse_works_in_500", label="sigmoid instead of ReLU: predictions [0 1 1 0] after 500 epochs"
            ),
        ),
        explains=(
            # ours: with the budget the article's logs show, the slow sigmoid net gets there on most seeds
            MostSeeds(
                "h16_sigmoid_mse_reached",
                label="sigmoid instead of ReLU: 100% within the article's 20,000 epochs",
                at="documented",
            ),
        ),
    ),
)
