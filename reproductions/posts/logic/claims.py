"""First Steps with TensorFlow and Deep Learning (post 003, Ben Kamphaus): softmax, logic functions, K9.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration
from ...suite.checks import AtLeast, AtMost, Close, Holds
from ...suite.one_run import OneRunWorks
from ...suite.records import KAMPHAUS, Claim, Source
from .figures import plot_cost_curves
from .measure import softmax_examples, train_k9, train_logic_nets

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
LOGIC_SEEDS = 25  # ours: XOR reaches 100% on ~43%: 25 seeds make the rule for one-run claims pass a model
# reaching it on 1% at most 5% of the time (tests/test_registry.py); all seeds train in one graph
LOGIC_LOG_SEEDS = 60  # ours: a run like the log's on ~27%: 60 seeds make that rule pass a 1% model at most 5%,
# with a margin: 0.03% at the calibrated 272 of 1,000, 0.31% down to 245, under 5% down to 217 (50: 8.9% from 252)
K9_SEEDS = 10  # ours: per-sample SGD is stepped from NumPy, all seeds together (~30 s for the post's 500 epochs)

# ---- thresholds of ours -------------------------------------------------------------------------------
INPUT_MOVED = 1e-6  # ours: a training input "moved" (inputs of 0/1; a net with a gradient moves them >= 1e-5)
K9_PATTERN = 0.05  # ours: "learns AND/NAND" = each of the four outputs within 0.05 of its target

CLAIMS = (
    Claim(
        id="logic.softmax.examples",
        source=Source(KAMPHAUS, "Basic Neural Network models in Clojure (softmax)"),
        statement="softmax [8 0.23 0.12] = [0.999200193878278 4.2187557805360395E-4 3.7793054366837335E-4]; "
        "softmax [2 -4 0.0001] = [0.8788677886715844 0.0021784954441716386 0.11895371588424401]",
        documented={
            "softmax_8_023_012": (0.999200193878278, 4.2187557805360395e-4, 3.7793054366837335e-4),
            "softmax_2_m4_00001": (0.8788677886715844, 0.0021784954441716386, 0.11895371588424401),
        },
        judge="exact",
        expected="reproduced",
        why="Deterministic in float64; the extracted text lost minus signs ([2 4 0.0001]), which gives other values.",
        measure=softmax_examples,
        checks=(
            Close(
                "softmax_8_023_012",
                doc="softmax_8_023_012",
                atol=1e-15,
                label="tf.nn.softmax([8 0.23 0.12]), float64",
            ),
            Close(
                "softmax_2_m4_00001",
                doc="softmax_2_m4_00001",
                atol=1e-15,
                label="tf.nn.softmax([2 -4 0.0001]), float64",
            ),
            Holds("numpy_agrees", label="the post's numpy softmax gives the same values"),
        ),
    ),
    Claim(
        id="logic.tf.convergence_log",
        source=Source(KAMPHAUS, "Building Neural Networks with TensorFlow"),
        statement="A 2-3-2 ReLU net converges quickly: step 0: cost 0.833859, train acc 0.244, valid 0.736; "
        "step 200: 0.002133, 1.000, 1.000; step 400: 0.001000, 1.000, 1.000",
        documented={
            "cost_0": 0.833859,
            "train_acc_0": 0.244,
            "valid_acc_0": 0.736,
            "cost_200": 0.002133,
            "acc_200": 1.0,
            "cost_400": 0.001000,
            "acc_400": 1.0,
        },
        judge="distribution",
        expected="reproduced",
        why="The log most likely came from AND (the first function run). It is one run: its step 0 line "
        "(train 0.25 / valid 0.75 on 43% of 1,000 calibrated seeds), a run that learned AND (76%) and read "
        "1.000 at steps 200 and 400 (86% of those), all in one run on 272 of 1,000 (27%, 95% interval "
        "24-30%), judged by the rule for one-run claims as one outcome. Its three costs are values read off that one run, each "
        "held to 0.05/3 so that the log is held to 0.05 as a whole: the step-200 cost, 0.002133, is lower "
        "than 753 of 762 calibrated learned runs (median 0.0053; exact two-sided p = 0.026), a fast "
        "run but a typical one at 0.017; the step-400 cost (0.0010; 9.7% lower, median 0.0025, p = 0.20) "
        "and the step-0 cost (p = 0.74) are typical. Read alone at 0.05 the step-200 cost would not be: "
        "the verdict turns on judging the log as one. The costs come from one run, so they are not "
        "combined as independent draws (as xor.keras's four runs are).",
        measure=train_logic_nets,
        seeds=LOGIC_LOG_SEEDS,
        checks=(
            InsideCalibrated("and_cost_0", doc="cost_0", label="AND cost at step 0"),
            # the log is one run: its step 0 line (434/1,000 calibrated), a run that learned AND (762/1,000)
            # and read 1.000 at steps 200 and 400 (655/762), all in one run (272/1,000): the rule for one-run
            # claims on that one outcome, so that runs showing each part apart cannot pass it
            OneRunWorks(
                "and_run_like_the_log",
                label="one run reads like the log: step 0 at train 0.25 / valid 0.75 (the log's 0.244 / 0.736), "
                "AND learned, accuracy 1.000 at steps 200 and 400",
            ),
            # values read off one run: each a typical draw of today's learned runs
            InsideCalibrated("and_cost_200_learned", doc="cost_200", label="AND cost at step 200 (learned runs)"),
            InsideCalibrated("and_cost_400_learned", doc="cost_400", label="AND cost at step 400 (learned runs)"),
        ),
        # the original code's quirk, not the post's claim, explains the log too: the training inputs are
        # a variable the optimizer moves, so it is that of nets whose data moved, a little
        explains=(
            # ours: a move of 1e-6 is 10x below the smallest calibrated move of a net with a gradient
            # (1.0e-5). A dead net has no gradient and moves nothing: 14 of 1,000 calibrated seeds (1.4%).
            # Allowing a quarter of 60 seeds (15) to be dead, a sound net fails with P(16+ dead) = 1.8e-16;
            # a tenth (6) would fail it 0.0021% of the time. Inputs held constant move on no seed.
            Holds(
                "and_input_drift",
                at_least=INPUT_MOVED,
                tolerate=0.25,
                label="a training input moved (trainable-input quirk), on all but a quarter of the seeds",
            ),
            # ours: the quirk moves inputs by lr x gradient / 10,000 rows per step (calibrated at most 0.0055)
            AtMost("and_input_drift.max", 0.01, label="largest move of a training input (trainable-input quirk)"),
        ),
        figure=plot_cost_curves,
    ),
    Claim(
        id="logic.tf.all_functions_100",
        source=Source(KAMPHAUS, "Building Neural Networks with TensorFlow"),
        statement="AND, OR, NAND and XOR can all reach 100% with just a bit of training",
        documented={"accuracy": 1.0},
        judge="distribution",
        expected="reproduced",
        why="Each function reaches 100% test accuracy on part of the seeds; with 3 ReLU units and std-1 "
        "weights, units die and XOR (and NAND) get stuck on many seeds, so the claim holds as 'can', not "
        "'will'. Per function, at 100% test accuracy on 1,000 calibrated seeds: AND 762 (76%), OR 771 "
        "(77%), NAND 753 (75%), XOR 430 (43%); XOR with constant inputs (no quirk) 373 (37%). The post's "
        "four runs together: all four at 100% on one seed 198/1,000 (20%), about what the four rates give "
        "as independent runs (0.76 x 0.77 x 0.75 x 0.43 = 0.19); judged function by function, each a run "
        "of its own.",
        measure=train_logic_nets,
        seeds=LOGIC_SEEDS,
        # "can reach": the author's runs, judged function by function by the rule for one-run claims
        checks=(
            OneRunWorks("and_test_100", label="AND at 100% test accuracy"),
            OneRunWorks("or_test_100", label="OR at 100% test accuracy"),
            OneRunWorks("nand_test_100", label="NAND at 100% test accuracy"),
            OneRunWorks("xor_test_100", label="XOR at 100% test accuracy"),
        ),
        # ours: the quirk's control, not the post's claim: XOR is learnable without the moving inputs
        explains=(OneRunWorks("xor_clean_test_100", label="XOR at 100% with constant inputs (no quirk)"),),
    ),
    Claim(
        id="logic.k9.and_nand",
        source=Source(KAMPHAUS, "Basic Neural Network models in Clojure"),
        statement="A k9 2-3-2 network learns AND/NAND: (ff [1 1]) = [0.9988687446324157 "
        "1.0871193576451767E-6]; (ff [1 0]) = [1.1711233357211965E-5 0.9987813583560773]",
        documented={
            "ff_1_1": (0.9988687446324157, 1.0871193576451767e-6),
            "ff_1_0": (1.1711233357211965e-5, 0.9987813583560773),
        },
        judge="distribution",
        expected="reproduced",
        why="k9's activation and update rule are undocumented; a sigmoid MLP with per-sample SGD learns the "
        "same one-hot pattern. Its magnitudes do not match, and no simple choice matches them all: at the "
        "post's 500 epochs (10 seeds) squared error leaves the outputs meant to be 0 at 1.7e-3 to 4.4e-3 "
        "(sigmoid hidden) or 0.8e-3 to 1.6e-3 (tanh), and cross-entropy at 5e-6 to 3e-5 (sigmoid) or 0.8e-6 "
        "to 4e-6 (tanh); the post's 1.1e-6 and 1.2e-5 fit cross-entropy, but its outputs meant to be 1 "
        "(0.99887, 0.99878) fit squared error (cross-entropy gives 0.99999). So the pattern is judged, "
        "the digits are k9's.",
        stand_in=(
            "a sigmoid 2-3-2 MLP with per-sample SGD standing in for the k9 library (not found), "
            "trained for the post's 500 epochs at both scales"
        ),
        measure=train_k9,
        seeds=K9_SEEDS,
        checks=(
            # the author's one run learned the pattern: the rule for one-run claims
            OneRunWorks(
                "largest_error",
                at_most=K9_PATTERN,
                label="largest distance of (ff [1 1]) from [1 0] and of (ff [1 0]) from [0 1] (AND, NAND)",
            ),
            # ours: the rule above passes 5 seeds of 10; the distance itself as calibrated (rank-sum) catches
            # a half-trained net (40 calibrated seeds: at most 4.6e-3)
            LikeCalibration("largest_error", label="largest distance from the targets, as calibrated"),
        ),
        explains=(
            # ours: the 0.05 tolerance above cannot see magnitudes; this says the stand-in's are not the post's
            # (40 calibrated seeds at the post's 500 epochs: 2.6e-3 to 4.5e-3, median 3.1e-3)
            AtLeast(
                "largest_zero_output",
                1e-4,
                label="the stand-in's outputs meant to be 0 (median seed's larger one), far above the post's "
                "1.1e-6 and 1.2e-5",
            ),
        ),
    ),
)
