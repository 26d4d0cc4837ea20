"""LCD digits (post 000, sentimos): the intro (its vertical-line feature and its simplest CNN) and the
5x5 linear model. Jittered digits and the DNN the post turns to are in ``claims_jitter.py``.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration
from ...suite.checks import AtMost, Equals, Holds, Paired
from ...suite.one_run import OneRunWorks
from ...suite.records import SENTIMOS, Claim, Source
from .figures import plot_confusion_after_5, plot_glyphs, plot_w5
from .measure import feature_count, train_beyond_linear, train_lcd5

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
LCD_CONFUSION_SEEDS = 200  # ours: Fig 2's reading shows on ~11% of draws: the rule for one-run claims then passes a
# model showing it on 1% of draws (one blind to the post's groups) at most 5% of the time (tests/test_registry.py)
LCD_NET_SEEDS = 10  # ours: one stack of 10 seeds per model
LCD_SEEDS = 40  # ours: 5-step accuracy is a permutation draw; 40 draws, judged against the
# calibration's 960 others

# ---- thresholds of ours -------------------------------------------------------------------------------
# ours: a grouping one reads off a figure stands out among the 3,150: in the top 1% (chance: 1 in 100)
GROUPING_STANDS_OUT = 0.99

CLAIMS = (
    Claim(
        id="lcd.intro.feature_count",
        source=Source(SENTIMOS, "Understanding Convolutional Neural Networks"),
        statement="A vertical-line feature (x[i][j] == 1, i = 0..4) counts two lines in 0 and one in 1; an 8 "
        "would be misread as 0",
        documented={"lines_in_0": 2, "lines_in_1": 1},
        judge="exact",
        expected="reproduced",
        why="Deterministic counting on the post's 5x5 rasters.",
        measure=feature_count,
        checks=(
            Equals("lines_in_0", doc="lines_in_0", label="full vertical lines in the 0 glyph"),
            Equals("lines_in_1", doc="lines_in_1", label="full vertical lines in the 1 glyph"),
            Holds("eight_reads_as_zero", label="an 8 has as many lines as a 0"),
        ),
        figure=plot_glyphs,
    ),
    Claim(
        id="lcd.intro.cnn_100pct",
        source=Source(SENTIMOS, "Understanding Convolutional Neural Networks"),
        statement="The simplest CNN one can build is 100% successful in recognizing all ten digits, "
        "regardless of their position on the screen",
        documented={"accuracy": 1.00},
        judge="distribution",
        expected="reproduced",
        why="No code exists. The simplest CNN we could build, one 5x5 convolution (16 filters), a max over "
        "positions and a dense readout (586 parameters), trained on digits in the top-left offsets reads "
        "every digit at every offset it never saw: the global max makes it position-blind by "
        "construction. A conventional conv-pool-dense CNN (2,218 parameters), where the claim could "
        "fail, reads 95-100% of fresh random images and 79-100% of placements it never saw (100% on 2 "
        "of 40 calibrated seeds): far above the DNN's 8-25%. The claim is about a kind of model, with no "
        "run of the author's behind it, so it is judged as a property a model shows on (nearly) every "
        "seed (Holds, a tenth may fail), not by the rule for one-run claims: ours holds on every seed, the "
        "conventional CNN on 2 of 40 would fail it (under the one-run rule its 5.0%, 95% interval 0.6-17%, "
        "would sit exactly at the bar). So the "
        "verdict rests on which CNN is 'the simplest': across families (probes/lcd_families.py, a quarter "
        "of the 360 placements held out, 500 training images, 20 seeds each), conv + global max pooling "
        "reads every held-out placement on 18/20 seeds at 4 filters and 20/20 at 8 and 16, while "
        "conv-pool-dense at 4, 8, 16 and 32 filters reads 80%, 85%, 87% and 88% (medians; 67-93%), 100% "
        "on none of 80. That the CNN is smaller than the DNN (586 parameters against 7,114) is fixed by the "
        "two designs, not by training, so it is shown beside the verdict, not in it.",
        stand_in=(
            "a one-convolution CNN with a global max (position-blind by construction); a conventional "
            "conv-pool-dense CNN is measured beside it"
        ),
        measure=train_beyond_linear,
        seeds=LCD_NET_SEEDS,
        checks=(
            Holds("cnn_shifted_test_acc", at_least=1.0, tolerate=0.1, label="CNN on placements at unseen offsets"),
            # ours: the contrast that makes the claim about position: the DNN, same data, misses most
            AtMost("dnn_shifted_test_acc.max", 0.5, label="the DNN on the same unseen offsets (best seed)"),
            Paired(
                "cnn_pool_random_test_acc",
                than="dnn_random_test_acc",
                alpha=0.05,
                label="a conv-pool-dense CNN beats the DNN on placements neither saw",
            ),
        ),
        # the family the verdict does not hold for, shown beside it: a CNN that can see position
        explains=(
            # ours: fixed by the two architectures, not by training, so it cannot tell a run apart
            Paired("params_dnn", than="params_cnn", label="the CNN has fewer parameters than the DNN (by design)"),
            LikeCalibration(
                "cnn_pool_random_test_acc",
                label="a conv-pool-dense CNN on placements it never saw (100% on 2 of 40 calibrated seeds)",
            ),
        ),
    ),
    Claim(
        id="lcd.linreg5.acc_after_5_steps",
        source=Source(SENTIMOS, "How to recognize a digit"),
        statement="Just 5 steps is sufficient to get 60% accuracy",
        documented={"accuracy": 0.60, "author_rerun_accuracy": 0.2},
        judge="distribution",
        expected="reproduced",
        why="With zero init and fixed images it depends only on the batch permutation. The post's 60% is an "
        "outcome its run reached, judged by the rule for one-run claims (365 of 1,000 calibrated runs "
        "reach it); the author's re-run printed 20%, a value read off one run, judged as a typical draw (6% "
        "of runs lie below it, 9% at it).",
        measure=train_lcd5,
        seeds=LCD_SEEDS,
        checks=(
            # "sufficient to get 60%": the outcome of the author's one run, by the rule for one-run claims
            OneRunWorks("acc_after_5", at_least="accuracy", label="one run's accuracy after 5 steps reaches 60%"),
            InsideCalibrated(
                "acc_after_5",
                doc="author_rerun_accuracy",
                label="training accuracy after 5 steps (the re-run)",
            ),
        ),
    ),
    Claim(
        id="lcd.linreg5.confusions_after_5",
        source=Source(SENTIMOS, "How to recognize a digit"),
        statement="After 5 steps the model confuses 1, 4, 7 and 9, and 2 and 3 (Fig 2)",
        documented={"confused_groups": "1/4/7/9, 2/3"},
        judge="qualitative",
        expected="reproduced",
        why="Fig 2 is one draw of the batch permutation: judged by the rule for one-run claims. A draw "
        "shows the post's reading when 1/4/7/9 + 2/3 hold more of its misreadings than 99% of the "
        "3,150 ways to group 4 + 2 digits (a model blind to those groups: 1 draw in 100). 110 of 999 "
        "calibrated draws do (11%, 95% interval 9-13%); the post's grouping ranks at the 69th percentile "
        "of groupings on a typical draw (13th-99.98th), above the middle on 684/999 draws: an ordinary "
        "draw can show Fig 2's reading, though the grouping is only mildly special to the model. 200 "
        "seeds let the rule fail a model blind to the groups (1% of draws) at least 95% of the time. The "
        "verdict leans on the bar, which is ours: at the top 0.5% 76 of 999 draws show it (8%, still "
        "passing), at the top 0.2% 35 (3.5%, failing); at the top 5% 248 (25%).",
        measure=train_lcd5,
        seeds=LCD_CONFUSION_SEEDS,
        checks=(
            OneRunWorks(
                "post_groups_rank",
                at_least=GROUPING_STANDS_OUT,
                label="the draw's misreadings fall in 1/4/7/9 and 2/3 more than in 99% of 4 + 2 groupings (Fig 2)",
            ),
            # the rule pools the calibration's draws: the verdict rests on today's model being the calibrated one
            LikeCalibration(
                "confusions_in_post_groups", label="share of misreadings in the post's groups, as calibrated"
            ),
            # ours: where the post's grouping stands on a typical draw (0.5 = any grouping)
            LikeCalibration("post_groups_rank", label="the post's grouping's rank among 3,150 groupings"),
        ),
        figure=plot_confusion_after_5,
    ),
    Claim(
        id="lcd.linreg5.acc_final",
        source=Source(SENTIMOS, "How to recognize a digit"),
        statement="We continue training until accuracy is 1",
        documented={"accuracy": 1.0, "steps": 95},
        judge="exact",
        expected="reproduced",
        why="Every stored version of the notebook printed Accuracy 1.0 after 95 steps.",
        measure=train_lcd5,
        seeds=LCD_SEEDS,
        # every stored run of the notebook printed 1.0: a property of every run, not one run's outcome, so
        # held on every seed (1,000/1,000 calibrated), stricter than the rule for one-run claims
        checks=(Holds("acc_final", at_least=1.0, label="training accuracy after 95 steps"),),
    ),
    Claim(
        id="lcd.linreg5.W_features",
        source=Source(SENTIMOS, "How to recognize a digit"),
        statement="W's columns are interpretable: 0 has negative weight on the middle bar; 1 selects a "
        "vertical line; 3 is positive on all but the 2 pixels that would make it an 8 (Fig 3)",
        documented={"figure": "Fig 3"},
        judge="qualitative",
        expected="reproduced",
        why="Measured as signs of W on the named pixels; the post's '1 on the left' is the code's right-hand "
        "column. Fig 3 is one run's W, so its five readings, shown together by one run, are judged by the "
        "rule for one-run claims. Every one of 1,000 calibrated seeds shows all five; the rule passes when "
        "38 of the 40 seeds measured now do (fewer show it more rarely than the calibration's at 1e-4), as "
        "holding each reading on all but 5% of seeds needed.",
        measure=train_lcd5,
        seeds=LCD_SEEDS,
        checks=(
            # Fig 3 is one run's W: its readings, shown together by one run, judged by the rule for one-run
            # claims (1,000/1,000 calibrated)
            OneRunWorks(
                "fig3_all_readings",
                label="one run's W shows every reading: 0 negative on the middle bar; 1 favours the right-hand "
                "column and penalizes the top and middle bars; 3's two most negative pixels make an 8, and it is "
                "positive on its three bars",
            ),
        ),
        figure=plot_w5,
    ),
)
