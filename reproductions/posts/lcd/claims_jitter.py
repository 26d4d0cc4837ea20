"""LCD digits (post 000, sentimos): digits jittered inside larger images, and the DNN the post turns
to. The intro (its feature and its CNN) and the 5x5 linear model are in ``claims.py``.

The records of these claims: where each comes from, what it says (numbers verbatim), how it is
judged, which verdict we expect and why, and which function measures it. Documented numbers live
here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration
from ...suite.checks import AtLeast, AtMost, Holds, Paired
from ...suite.one_run import OneRunWorks
from ...suite.records import SENTIMOS, Claim, Source, Where
from .claims import LCD_NET_SEEDS
from .figures import plot_confusion_5000, plot_w10
from .measure import train_beyond_linear, train_jitter10, train_jitter_sizes

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
LCD_JITTER_SEEDS = 10  # ours: one stack of 10 seeds per size

# ---- thresholds of ours -------------------------------------------------------------------------------
SEEN_READ = 0.9  # ours: the model reads the placements it trained on (it reaches 100% on them)
PERCENT = 0.01  # post: accuracies in whole percents (73%, 8%, 54%, 32%, 100%), coarse next to the runs' spread
CLOSER_TO_CHANCE = 0.5  # ours: unseen placements read closer to chance than to the seen ones
# the post's run fitted its 100 training images (100%) before it read fresh ones: checks read the runs
# that did, at 20,000 steps, as <metric>@fitted (10x10) and <metric>@fitted_20x20
FITTED = Where("fitted", "acc_final_train", at_least=1.0)
FITTED_20X20 = Where("fitted_20x20", "acc_final_train_20x20", at_least=1.0)
SEEN_READ_RUNS = Where("seen_read", "seen_placement_acc", at_least=SEEN_READ)  # Fig 2's W: one run shows both halves

CLAIMS = (
    Claim(
        id="lcd.jitter10.acc_5_steps",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="With 10x10 images, after 5 steps we hit 73% accuracy (training)",
        documented={"accuracy": 0.73},
        judge="distribution",
        expected="not-reproduced",
        why="With the post's model, data and batch size, 5 steps give 20-49% on jittered 10x10 digits (80 "
        "calibrated seeds); 73% is outside every calibrated draw. The 20x20 images of linreg-large.ipynb, "
        "which printed the post's 32%, give 55-79% after 5 steps.",
        measure=train_jitter10,
        seeds=LCD_JITTER_SEEDS,
        # the author's one run printed 73%: the rule for one-run claims, a run showing it at 73% or more
        checks=(OneRunWorks("acc_5_steps", at_least="accuracy", label="one run's 5-step accuracy reaches 73%"),),
        # the notebook's 20x20 images, an explanation: 73% a typical draw there (held to its calibration,
        # not to the one-run rule, whose few seeds now would miss a rare outcome; see lcd.jitter10.test_acc)
        explains=(
            LikeCalibration("acc_5_steps", label="accuracy after 5 steps at 10x10, as calibrated (20-49%)"),
            InsideCalibrated(
                "acc_5_steps_20x20", doc="accuracy", printed=PERCENT, label="5-step accuracy with 20x20 images"
            ),
        ),
    ),
    Claim(
        id="lcd.jitter10.acc_final_train",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="When we complete the remaining steps, training on 100 jittered 10x10 images reaches 100% accuracy",
        documented={"accuracy": 1.0},
        judge="distribution",
        expected="not-reproduced",
        why="At 10x10 the notebooks' step counts leave it at 35-55% (95 steps, linreg.ipynb) and 64-84% "
        "(1,000, linreg-large.ipynb); only 20x more steps memorize the 100 images. The 20x20 images of "
        "linreg-large.ipynb reach 95-100% in its 1,000 steps.",
        measure=train_jitter10,
        seeds=LCD_JITTER_SEEDS,
        # the author's one run reached it: the rule for one-run claims (0 of 80 calibrated at 10x10)
        checks=(
            OneRunWorks("acc_after_1000", at_least=1.0, label="training accuracy after linreg-large's 1,000 steps"),
        ),
        # the notebook's 20x20 images, an explanation held to its calibration (as in lcd.jitter10.test_acc)
        explains=(
            # ours: the rule's verdict rests on the calibration (0 of 80): a model that leaves it fails here
            LikeCalibration("acc_after_1000", label="training accuracy after 1,000 steps at 10x10, as calibrated"),
            InsideCalibrated(
                "acc_after_1000_20x20",
                doc="accuracy",
                printed=PERCENT,
                label="training accuracy after 1,000 steps, 20x20",
            ),
            Holds(
                "acc_final_train",
                at_least=1.0,
                label="at 10x10, training accuracy after 20,000 steps (101 parameters a digit, 100 images)",
            ),
        ),
    ),
    Claim(
        id="lcd.jitter10.test_acc",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="On 50 fresh jittered images the result is 8%, or slightly worse than by a random chance",
        documented={"accuracy": 0.08},
        judge="distribution",
        expected="not-reproduced",
        why="The post's run fitted its 100 training images (100%) and read 8% on 50 fresh ones: judged by "
        "the rule for one-run claims on that outcome, a run that fits its training images reading 8% or "
        "less, at the post's 10x10. None does: every run fits by 20,000 steps (the post gives no count; "
        "80/80 calibrated) and then reads 16-48% (median 30%), since at 10x10 only 360 placements of a "
        "digit exist and about a quarter of 50 fresh images repeat a training placement. With "
        "linreg-large.ipynb's 20x20 images it is shown: 80/80 runs fit by 20,000 steps and 8 of them read "
        "8% or less (10%, 95% interval 4.4-19%; median 14%), and 20x20 is where the post's 73% after 5 "
        "steps (14/80 runs there, 0/80 at 10x10) and 54% at 500 examples (lcd.jitter.acc_500) land too: "
        "not reproduced at the size the post states, shown at the notebook's. Runs that have not fitted "
        "show 8% as well: 8 of 80 at 10x10 after linreg.ipynb's 95 steps (training 35-55%), 15 of 80 at "
        "20x20 after 1,000 steps (training 95-99%; a 16th had fitted). The 20x20 alternative is an explanation held to its "
        "calibration, not to the one-run rule: 10 seeds now would miss a 10% outcome on every seed one "
        "time in three. A run reaching 73% at 10x10, 100% after 1,000 steps, or 8% after fitting: none of 80 "
        "calibrated, whose exact 95% interval (0-4.5%) lies below the rule's 5%: not an accident of few seeds.",
        measure=train_jitter10,
        seeds=LCD_JITTER_SEEDS,
        among=(FITTED, FITTED_20X20),
        # the author's one run fitted and printed 8%: the rule for one-run claims, on a run that fitted
        checks=(
            OneRunWorks(
                "test_acc@fitted",
                at_most="accuracy",
                label="one run that fits its training images reads 50 fresh images at 8% or less",
            ),
        ),
        explains=(
            LikeCalibration("test_acc", label="accuracy on 50 fresh 10x10 images, as calibrated (16-48%)"),
            InsideCalibrated(
                "test_acc_at_95",
                doc="accuracy",
                printed=PERCENT,
                label="accuracy on 50 fresh 10x10 images after 95 steps, before fitting",
            ),
            AtLeast("test_seen_in_training", 0.1, label="share of test images whose placement was in training"),
            # the notebook's 20x20 images: a run that fitted them can read 8% (8 of 80 calibrated)
            InsideCalibrated(
                "test_acc_20x20@fitted_20x20",
                doc="accuracy",
                printed=PERCENT,
                label="accuracy on 50 fresh 20x20 images of a run that fitted its training images",
            ),
        ),
    ),
    Claim(
        id="lcd.jitter10.W_position",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="W encodes where digits were, not their shapes (Fig 2)",
        documented={"figure": "Fig 2"},
        judge="qualitative",
        expected="reproduced",
        why="The post's reading: the model 'learned positions of all 100 digits, not how to recognize "
        "them'. Measured on every digit at every offset (360 images): the placements a training image "
        "showed read at 100% and the others near chance (unseen: median 8%, 5-11% on 80 calibrated "
        "seeds: the post's 8% is at this level, though it was read on fresh random images, where the "
        "memorizing model reads 16-48% because many repeat a training placement: see lcd.jitter10.test_acc), "
        "so the checks "
        "ask both halves of one run, by the rule for one-run claims (Fig 2 is one run's W): the seen ones read "
        "(>= 90%) and the unseen ones sit closer to chance than to the seen ones (80/80 calibrated seeds); a model that learned shapes carries its accuracy to unseen placements and "
        "fails it (the break 'a linear model of shapes, not positions' reads them at 100%), an untrained one fails the first half. Read where the post reads W: after its model "
        "reached 100% on its training images. The post gives no step count; 20,000 is ours, the count "
        "by which every calibrated seed has (80/80). At the code's 95 or 1,000 steps the training set "
        "reads 35-55% or 64-84%: not yet the post's model, and the seen half fails there. That each W "
        "column follows its own digit's positions (0.12-0.27 over the others, 80/80 calibrated) is what "
        "any trained W shows: one gradient step of softmax regression from W = 0 on a batch moves column d "
        "by the learning rate times (the batch's share of digit d) x (digit d's mean image) less a tenth "
        "of all its images' mean, which already follows d's positions. It is shown, not judged.",
        measure=train_jitter10,
        seeds=LCD_JITTER_SEEDS,
        among=(SEEN_READ_RUNS,),
        checks=(
            # Fig 2 is one run's W: both halves shown by one run, judged by the rule for one-run claims (80/80
            # calibrated seeds; it passes when 6 of the 10 seeds measured now show it at master seed 0, 7 at a
            # fresh one: fewer show it more rarely than the calibration at 1e-4). What learning shapes changes is held
            # to its calibration too
            OneRunWorks(
                "unseen_lift_over_seen@seen_read",
                at_most=CLOSER_TO_CHANCE,
                outside_shows_nothing=True,
                label="one run's W reads its training placements (>= 90%) and the others closer to chance than "
                "to them (their accuracy above chance, as a share of the training placements')",
            ),
            LikeCalibration("unseen_placement_acc", label="accuracy on placements no training image showed"),
        ),
        explains=(
            # ours: shown, not judged: any trained W follows its digit's positions (80/80, 0.12-0.27)
            Holds(
                "position_selectivity",
                at_least=0.0,
                tolerate=0.1,
                label="each W column's correlation with its own digit's positions over the others' (any "
                "trained W shows it)",
            ),
        ),
        figure=plot_w10,
    ),
    Claim(
        id="lcd.jitter.acc_500",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="With 500 examples accuracy drops to 54%",
        documented={"accuracy": 0.54},
        judge="distribution",
        expected="not-reproduced",
        why="Not in the committed code. With 10x10 images (the post's text) 1,000 steps give 38-50% (80 "
        "calibrated, median 44%, none at 54%: p = 2/81 = 0.025); the 20x20 images of the committed "
        "notebook give the post's 54% (48-57%, median 53%).",
        measure=train_jitter_sizes,
        seeds=LCD_JITTER_SEEDS,
        checks=(
            # "drops to 54%": a value read off the author's one run, judged as a typical draw of today's
            InsideCalibrated(
                "acc_500_10x10", doc="accuracy", printed=PERCENT, label="training accuracy, 500 examples, 10x10"
            ),
        ),
        explains=(
            # what is measured instead, on which the verdict rests: today's 10x10 runs, as calibrated
            LikeCalibration("acc_500_10x10", label="training accuracy, 500 examples, 10x10, as calibrated"),
            # the notebook's 20x20 images, where 54% is a typical draw
            InsideCalibrated(
                "acc_500_20x20", doc="accuracy", printed=PERCENT, label="training accuracy, 500 examples, 20x20"
            ),
        ),
    ),
    Claim(
        id="lcd.jitter.acc_5000",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="With 5,000 examples accuracy drops to a dismal 32%; only 1 is learned (Fig 3)",
        documented={"accuracy": 0.32, "stored_output_20x20": 0.3168},
        judge="distribution",
        expected="reproduced",
        why="Training accuracy after linreg-large's 1,000 steps (10 epochs) is 30-39% at the post's 10x10 and "
        "28-33% with the notebook's 20x20 images (80 calibrated seeds), and digit 1 has the best recall at both. At equal "
        "epochs (10,000 steps) 5,000 examples still score below 500 at 20x20 (capacity) but above them "
        "at 10x10 (there, under-training).",
        measure=train_jitter_sizes,
        seeds=LCD_JITTER_SEEDS,
        checks=(
            InsideCalibrated(
                "acc_5000_10x10", doc="accuracy", printed=PERCENT, label="training accuracy, 5,000 examples, 10x10"
            ),
            Paired(
                "recall_1_5000_10x10",
                than="best_other_recall_5000_10x10",
                tolerate=0.1,
                label="digit 1 has the highest recall, 10x10",
            ),
            InsideCalibrated(
                "acc_5000_20x20", doc="stored_output_20x20", label="training accuracy, 5,000 examples, 20x20"
            ),
            Paired(
                "recall_1_5000_20x20",
                than="best_other_recall_5000_20x20",
                tolerate=0.1,
                label="digit 1 has the highest recall, 20x20",
            ),
            Paired(
                "acc_100_10x10",
                than=("acc_500_10x10", "acc_5000_10x10"),
                tolerate=0.1,
                label="after 1,000 steps accuracy drops from 100 to 500 to 5,000 examples, 10x10",
            ),
            Paired(
                "acc_100_20x20", than=("acc_500_20x20", "acc_5000_20x20"), tolerate=0.1, label="the same drop, 20x20"
            ),
        ),
        figure=plot_confusion_5000,
    ),
    Claim(
        id="lcd.dnn.copes_with_jitter",
        source=Source(SENTIMOS, "Dealing with inexact data"),
        statement="A deep network handles jittered digits that defeat linear regression, at the expense of a "
        "much larger model and longer training",
        documented={"linear_test_accuracy": 0.08},
        judge="ordering",
        expected="artifact",
        why="No code exists. Trained on 500 jittered 10x10 images, a 100-64-10 ReLU net (7x the linear "
        "model's parameters) fits them all and reads fresh random images (the post's test of the linear "
        "model) far better than linear regression does (about 0.80 against 0.55). But only 360 "
        "placements exist and three in four fresh images repeat a training one: on placements it never "
        "saw the DNN reads 8-25%. It copes by memorizing placements, the limit the CNN removes. Both "
        "models train the same 2,000 steps here ('longer training' is not measured). The memorizing is "
        "not this one net's: with a quarter of the placements held out (probes/lcd_families.py, 5 seeds "
        "each), DNNs of width 64, 256 and 1,024 trained on 100 to 5,000 images for 2,000 or 8,000 steps "
        "read 4-23% of the held-out placements (medians 7-21%: more images or steps lift it to about 20% at "
        "most, width does not).",
        stand_in="one 100-64-10 ReLU net trained on 500 jittered 10x10 images",
        measure=train_beyond_linear,
        seeds=LCD_NET_SEEDS,
        # ours: "handles" = fresh random jittered images read at a level linear regression never reaches:
        # calibrated, linear regression 0.49-0.59 (median 0.55), the DNN 0.75-0.84 (median 0.80)
        checks=(
            AtLeast("dnn_fresh_test_acc", 0.7, label="DNN accuracy on fresh random jittered images"),
            Paired(
                "dnn_fresh_test_acc",
                than="linear_fresh_test_acc",
                alpha=0.05,
                label="the DNN beats linear regression on them",
            ),
            Holds("dnn_random_train_acc", at_least=1.0, label="the DNN on its 500 jittered training images"),
        ),
        explains=(
            # ours: below half on what it never saw, against the 0.5 it clears on fresh images
            AtMost("dnn_random_test_acc", 0.5, label="DNN accuracy on placements it never saw (memorization)"),
        ),
    ),
)
