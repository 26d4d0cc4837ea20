"""Learn TensorFlow Now 1-3 (post 001, Josh Varty): the softmax net, the graph, the FC net; and the
retrospective. LTFN 5-6 (the ConvNet and its initialization) are in ``claims_init.py``.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated
from ...suite.checks import AtLeast, AtMost, Equals, Holds, Paired
from ...suite.records import VARTY, Claim, Source
from .measure import graph_behaviour, train_fc_parts, train_softmax_parts

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
LTFN_FC_SEEDS = 5  # ours: LTFN 1-3 train in ~4 s a seed on the subset (one AVX2 core)
LTFN_FC3_DOCUMENTED_SEEDS = 6  # ours: a rank-sum test of n seeds against the 90 - n other calibrated draws can
# reach p < 1e-4 from n = 4; 6 give it power (~20 s a seed on full MNIST)

# ---- the shared training runs: claims that read one run name it once --------------------------------
# LTFN 1 and 2's documented protocol (1,000 and 2,000 steps of a 784-10 net) costs what a quick one
# would: it runs at every scale wherever full MNIST is here, on the subset elsewhere
SOFTMAX_RUNS = dict(measure=train_softmax_parts, seeds=LTFN_FC_SEEDS, markers=("dataset",), documented_when_data=True)
FC_RUNS = dict(
    measure=train_fc_parts, seeds=LTFN_FC_SEEDS, seeds_documented=LTFN_FC3_DOCUMENTED_SEEDS, markers=("dataset",)
)

# ---- thresholds of ours -------------------------------------------------------------------------------
COST_FELL = 0.5  # ours: "the cost falls" = the mean of the last 100 batch costs at most half the first 100's
# (single batch costs jump by tens of percent); calibrated, the last single batch cost is 0.008-0.40 of the first

CLAIMS = (
    Claim(
        id="ltfn1.cost_decreases",
        source=Source(VARTY, "LTFN 1, Running our Neural Network"),
        statement="A single-layer net's cost falls over 1,000 steps: Cost: 12.673884 ... 11.534428 ... "
        "8.510129 ... 3.4888883 ... 3.2540445",
        documented={
            "costs": (12.673884, 11.534428, 8.510129, 3.4888883, 3.2540445),
            # the first and the last of the printed costs
            "first_cost": 12.673884,
            "last_cost": 3.2540445,
        },
        judge="ordering",
        expected="reproduced",
        why="Values are seed-dependent single draws; the downward trend is robust. On full MNIST (100 "
        "calibrated seeds) the first batch cost spreads 10.2-20.7 (median 14.0) and the 1,000th 2.68-5.04 "
        "(median 3.74): the printed 12.67 and 3.25 are ordinary draws (two readings of one run, each held "
        "to 0.05/2: p = 0.53 and 0.28).",
        **SOFTMAX_RUNS,
        checks=(
            Holds(
                "ltfn1_cost_ratio",
                at_most=COST_FELL,
                label="mean batch cost of the last 100 steps over the first 100's",
            ),
            InsideCalibrated("ltfn1_first_cost", doc="first_cost", label="batch cost at step 0"),
            InsideCalibrated("ltfn1_last_cost", doc="last_cost", label="batch cost at step 1,000", at="documented"),
        ),
    ),
    Claim(
        id="ltfn2.test_acc",
        source=Source(VARTY, "LTFN 2, Putting it all together"),
        statement="After 2,000 steps: Test Cost: 2.392377197146416, Test accuracy: 59.48999986052513 %",
        documented={"test_cost": 2.392377197146416, "test_accuracy": 59.48999986052513},
        judge="distribution",
        expected="reproduced",
        why="N(0,1) weights give logits with a std near 10, so softmax regression stays far below its ~92% "
        "optimum after 2,000 steps; the level varies by a few points run to run. On full MNIST (100 "
        "calibrated seeds): 55.4-63.5% (median 60.3%), test cost 1.94-2.57 (median 2.22); the "
        "documented 59.49% and 2.392 are ordinary draws.",
        **SOFTMAX_RUNS,
        checks=(
            Paired(
                "ltfn2_clean_test_acc",
                than="ltfn1_clean_test_acc",
                alpha=0.05,
                label="2,000 steps beat LTFN 1's 1,000 on test accuracy",
            ),
            # two readings of one run, as LTFN 1's costs on the same runs: each a typical draw
            InsideCalibrated("ltfn2_clean_test_acc", doc="test_accuracy", label="test accuracy %", at="documented"),
            InsideCalibrated("ltfn2_clean_test_cost", doc="test_cost", label="test cost", at="documented"),
            AtLeast("ltfn2_clean_test_acc", 30.0, label="test accuracy % (far above 10% chance)", at="quick"),
            AtMost(
                "ltfn2_clean_test_acc",
                80.0,
                label="test accuracy % (far below a trained softmax's ~92%)",
                at="quick",
            ),
        ),
    ),
    Claim(
        id="ltfn2.subgraph_pruning",
        source=Source(VARTY, "LTFN 2, TensorFlow Graphs"),
        statement="Evaluating logits runs only its dependencies: it needs no labels and does not run the optimizer",
        documented={"logits_need_labels": False},
        judge="exact",
        expected="reproduced",
        why="Graph-mode (tf.compat.v1) behaviour, deterministic.",
        measure=graph_behaviour,
        checks=(
            Holds("logits_without_labels", label="session.run(logits) with only the images fed"),
            Holds("logits_leave_weights", label="the weights are unchanged after fetching logits"),
            Holds("optimizer_needs_labels", label="fetching the optimizer without labels fails"),
        ),
    ),
    Claim(
        id="ltfn2.dynamic_batch",
        source=Source(VARTY, "LTFN 2, Shapes"),
        statement="With a None batch dimension the same graph accepts batches of 1, 10 and 283",
        documented={"batch_sizes": (1, 10, 283)},
        judge="exact",
        expected="reproduced",
        why="Graph-mode shape inference, deterministic.",
        measure=graph_behaviour,
        checks=(
            Equals("none_batch_accepts", doc="batch_sizes", label="rows of logits for batches of 1, 10, 283"),
            Holds("fixed_batch_rejects_all", label="a (100, 784) placeholder rejects all three"),
        ),
    ),
    Claim(
        id="ltfn3.test_acc",
        source=Source(VARTY, "LTFN 3, Putting it all together"),
        statement="784-500-500-10 ReLU improves to Test Cost: 107.98408660641905, Test accuracy: 85.74999994039536 %",
        documented={"test_cost": 107.98408660641905, "test_accuracy": 85.74999994039536},
        judge="distribution",
        expected="reproduced",
        why="The deeper net beats LTFN 2's on every seed. On full MNIST after the code's 5,000 steps (90 "
        "calibrated seeds) it scores 84.67-86.78% (median 86.04%) at test cost 99.7-119 (median 109) with "
        "the original's evaluation: the documented 85.75% and 107.98 are typical draws (position p 0.64 "
        "and 0.95, each held to 0.05/2). That test loop also ran the optimizer, so the net kept training "
        "on the test batches while scored; on full MNIST that moves the score by -0.19 to +0.38 points "
        "(up on 67/90 seeds), on the subset it lowers it (by 1.2-3.2 points on 30/30 seeds): it does not "
        "explain the number.",
        **FC_RUNS,
        checks=(
            Holds(
                "ltfn3_cost_ratio",
                at_most=COST_FELL,
                label="mean batch cost of the last 100 steps over the first 100's (from the thousands N(0,1) weights give)",
            ),
            Paired(
                "ltfn3_clean_test_acc",
                than="ltfn2_clean_test_acc",
                alpha=0.05,
                label="LTFN 3's net beats LTFN 2's on clean test accuracy",
            ),
            InsideCalibrated(
                "ltfn3_as_posted_test_acc",
                doc="test_accuracy",
                label="test accuracy % with the original's evaluation",
                at="documented",
            ),
            InsideCalibrated(
                "ltfn3_as_posted_test_cost",
                doc="test_cost",
                label="test cost with the original's evaluation",
                at="documented",
            ),
        ),
        explains=(
            # ours: an explanation ruled out, not the claim: the post's number is not inflated by it
            AtMost(
                "ltfn3_test_time_training_gain",
                0.0,
                label="points the original's test-loop training adds on the subset (it does not inflate the score)",
                at="quick",
            ),
        ),
    ),
    Claim(
        id="ltfn.retro.kaggle",
        source=Source(VARTY, "2017: A Retrospective"),
        statement="The best Kaggle Digit Recognizer submission scored 99.171%, top 25%",
        documented={"score": 99.171},
        judge="band",
        expected="unavailable",
        why="A leaderboard result with no published code or model.",
        unavailable="no code, model or submission was published for the 99.171% leaderboard score, and the "
        "Kaggle test labels are private",
    ),
)
