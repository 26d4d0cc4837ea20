"""The registry: one frozen record per documented claim, and the only home of documented numbers.

Each record says where the claim comes from (the post's file and section), what it says (numbers
verbatim), how it is judged, which verdict we expect and why, and which topic function measures it.
Documented numbers appear here and nowhere else; topic modules only measure.
"""

from dataclasses import dataclass, field
from types import MappingProxyType

from .judge import VERDICTS, AtLeast, AtMost, Close, Equals, Faster, Holds, InsideCalibrated, MedianAtMost, MostSeeds, NearDocumented

SOURCES = {
    "000": "000_e8c79fa7115912b9.txt",  # sentimos, "Machine Learning with Tensorflow"
    "001": "001_4db3b1b58dede2f3.txt",  # Josh Varty, "Learn TensorFlow Now" 1-6
    "002": "002_091364d249b9b0b4.txt",  # Dorian Brown, "Understanding Tensorflow with MNIST"
    "003": "003_5695cadcc00eb730.txt",  # Ben Kamphaus, "First Steps with TensorFlow and Deep Learning"
    "004": "004_10f2e1d98adc833b.txt",  # thoughtram, "Understanding XOR with Keras and TensorFlow"
}

JUDGES = ("exact", "band", "floor", "ordering", "distribution", "qualitative")

PENDING = {
}


@dataclass(frozen=True)
class Claim:
    id: str
    source: str                  # seed id ("000") + " · " + section of the post
    statement: str               # the claim in one sentence, numbers verbatim
    documented: dict             # name -> documented value, as the post (or its code) gives it
    judge: str                   # one of JUDGES: how the measurement is compared with it
    expected: str                # one of VERDICTS
    why: str                     # the reason for the expected verdict
    measure: str = ""            # "topic_module:function" that measures it, "" if none exists
    checks: tuple = ()           # the documented result holds (judge.Check instances)
    explains: tuple = ()         # the artifact's explanation, or what is measured instead
    seeds: int = 1               # default number of seeds; 1 = deterministic
    gpu_at_documented: bool = False  # the documented-scale protocol needs a GPU
    markers: tuple = ()          # further pytest markers: "benchmark", "dataset", "slow"
    figure: str = ""             # "topic_module:function" drawing the post's figure
    pending: str = ""            # key of PENDING while its family is not implemented
    unavailable: str = ""        # precise reason it cannot be run anywhere

    def __post_init__(self):
        object.__setattr__(self, "documented", MappingProxyType(dict(self.documented)))

    @property
    def seed_file(self):
        return SOURCES[self.source.split(" ", 1)[0]]

    @property
    def stochastic(self):
        return self.seeds > 1

    @property
    def skip_reason(self):
        if self.unavailable:
            return f"unavailable: {self.unavailable}"
        if self.pending:
            return f"not measured yet: {PENDING[self.pending]}"
        return ""


XNOR_TRAIN_SEEDS = 20  # ours: ~1 in 3 initializations converges; 20 seeds make "none did" a 1e-4 event
LOGIC_SEEDS = 20       # ours: success rates per function to about +-10 points; all seeds train in one graph
K9_SEEDS = 10          # ours: per-sample SGD is stepped from NumPy; 10 seeds take ~3 s
XOR_SEEDS = 40         # ours: >= 20 asked for; 40 let rank tests separate medians 1.5x apart
LINEAR_SEEDS = 10      # ours: the identity and the 0.25 loss hold on every seed
LCD_SEEDS = 20         # ours: 5-step accuracy is a permutation draw; 20 stacked seeds take ~3 s
LCD_JITTER_SEEDS = 10  # ours: one stack of 10 seeds per size
LCD_NET_SEEDS = 10     # ours: one stack of 10 seeds per model
LINREG_SEEDS = 20      # ours: each seed draws a new regression problem
MATINV_SEEDS = 10      # ours: each seed draws a new well-conditioned A
LTFN_FC_SEEDS = 5      # ours: LTFN 1-3 train in ~4 s a seed on the subset (one AVX2 core)
LTFN_CONV_SEEDS = 5    # ours: six trainings a seed (~48 s on one AVX2 core); 5/5 seeds make a sign test at 0.03
DORIAN_SEEDS = 3       # ours: ~9 s a seed

CLAIMS = (
    # ---- 000 · LCD digits, linear softmax model -------------------------------------------------
    Claim("lcd.intro.feature_count", "000 · Understanding Convolutional Neural Networks",
          "A vertical-line feature (x[i][j] == 1, i = 0..4) counts two lines in 0 and one in 1; an 8 would be misread as 0",
          {"lines_in_0": 2, "lines_in_1": 1}, "exact", "reproduced",
          "Deterministic counting on the post's 5x5 rasters.",
          measure="lcd:feature_count",
          checks=(Equals("lines_in_0", doc="lines_in_0", label="full vertical lines in the 0 glyph"),
                  Equals("lines_in_1", doc="lines_in_1", label="full vertical lines in the 1 glyph"),
                  Holds("eight_reads_as_zero", label="an 8 has as many lines as a 0")),
          figure="lcd:plot_glyphs"),
    Claim("lcd.intro.cnn_100pct", "000 · Understanding Convolutional Neural Networks",
          "The simplest CNN one can build is 100% successful in recognizing all ten digits, regardless of their position on the screen",
          {"accuracy": 1.00}, "distribution", "reproduced",
          "No code exists. One 5x5 convolution (16 filters), a max over positions and a dense readout (586 "
          "parameters) trained on digits in the top-left offsets reads every digit at every offset it never saw.",
          measure="lcd:train_beyond_linear", seeds=LCD_NET_SEEDS,
          checks=(Holds("cnn_100_at_unseen_positions", max_failures=1, label="CNN at 100% on placements at unseen offsets"),
                  Holds("cnn_smaller_than_dnn", label="the CNN has fewer parameters than the DNN"),
                  # ours: the contrast that makes the claim about position: the DNN, same data, misses most
                  AtMost("dnn_shifted_test_acc.max", 0.5, label="the DNN on the same unseen offsets (best seed)"))),
    Claim("lcd.linreg5.acc_after_5_steps", "000 · How to recognize a digit",
          "Just 5 steps is sufficient to get 60% accuracy",
          {"accuracy": 0.60, "author_rerun_accuracy": 0.2}, "distribution", "reproduced",
          "With zero init and fixed images it depends only on the batch permutation; 0.6 and the author's 0.2 "
          "are single draws, both inside the calibrated range.",
          measure="lcd:train_lcd5", seeds=LCD_SEEDS,
          checks=(InsideCalibrated("acc_after_5", doc="accuracy", label="training accuracy after 5 steps (the post)"),
                  InsideCalibrated("acc_after_5", doc="author_rerun_accuracy", label="training accuracy after 5 steps (the re-run)"))),
    Claim("lcd.linreg5.confusions_after_5", "000 · How to recognize a digit",
          "After 5 steps the model confuses 1, 4, 7 and 9, and 2 and 3 (Fig 2)",
          {"confused_groups": "1/4/7/9, 2/3"}, "qualitative", "not-reproduced",
          "Which digits are confused after 5 steps depends on the batch permutation: the post's groups "
          "take most of the mistakes in some draws (as in Fig 2), a chance-level share in a typical one.",
          measure="lcd:train_lcd5", seeds=LCD_SEEDS,
          # ours: "the model confuses 1/4/7/9 and 2/3" = most of its misreadings fall in those groups;
          # calibrated median share 0.18 against 0.16 by chance, with a third of draws at 0
          checks=(AtLeast("confusions_in_post_groups", 0.5,
                          label="median share of misreadings within 1/4/7/9 or 2/3 (chance: 0.16)"),),
          # ours: "in some draws" = at least one draw in five (measured: about half)
          explains=(AtLeast("post_groups_above_chance", 0.2,
                            label="fraction of draws whose misreadings favour the post's groups (some look like Fig 2)"),),
          figure="lcd:plot_confusion_after_5"),
    Claim("lcd.linreg5.acc_final", "000 · How to recognize a digit",
          "We continue training until accuracy is 1",
          {"accuracy": 1.0, "steps": 95}, "exact", "reproduced",
          "Every stored version of the notebook printed Accuracy 1.0 after 95 steps.",
          measure="lcd:train_lcd5", seeds=LCD_SEEDS,
          checks=(Holds("reaches_100", label="training accuracy 1.0 after 95 steps"),)),
    Claim("lcd.linreg5.W_features", "000 · How to recognize a digit",
          "W's columns are interpretable: 0 has negative weight on the middle bar; 1 selects a vertical line; 3 is positive on all but the 2 pixels that would make it an 8 (Fig 3)",
          {"figure": "Fig 3"}, "qualitative", "reproduced",
          "Measured as signs of W on the named pixels; the post's '1 on the left' is the code's right-hand column.",
          measure="lcd:train_lcd5", seeds=LCD_SEEDS,
          checks=(Holds("zero_negative_middle_bar", max_failures=1, label="W for 0 is negative on the middle bar"),
                  Holds("one_selects_right_column", max_failures=1, label="W for 1 favours the right-hand column"),
                  Holds("one_penalizes_top_and_middle", max_failures=1, label="W for 1 penalizes the top and middle bars (4, 7, 9)"),
                  Holds("three_most_negative_are_8_pixels", max_failures=1,
                        label="W for 3: its two most negative pixels are the two that make an 8"),
                  Holds("three_positive_on_its_bars", max_failures=1, label="W for 3 is positive on its three bars")),
          figure="lcd:plot_w5"),
    Claim("lcd.jitter10.acc_5_steps", "000 · Dealing with inexact data",
          "With 10x10 images, after 5 steps we hit 73% accuracy (training)",
          {"accuracy": 0.73}, "distribution", "not-reproduced",
          "With the post's model, data and batch size, 5 steps give 30-45% on jittered 10x10 digits; 73% is "
          "outside every calibrated draw (the run's step count and learning rate are not documented).",
          measure="lcd:train_jitter10", seeds=LCD_JITTER_SEEDS,
          checks=(InsideCalibrated("acc_5_steps", doc="accuracy", label="training accuracy after 5 steps"),),
          explains=(AtMost("acc_5_steps.max", "accuracy", label="best seed's accuracy after 5 steps, below the post's"),)),
    Claim("lcd.jitter10.acc_final_train", "000 · Dealing with inexact data",
          "Training on 100 jittered 10x10 images reaches 100% accuracy",
          {"accuracy": 1.0}, "distribution", "reproduced",
          "101 parameters per class against 100 samples: the linear model memorizes them, given enough steps "
          "(20,000 here; 1,000 leave it at 70-80%).",
          measure="lcd:train_jitter10", seeds=LCD_JITTER_SEEDS,
          checks=(Holds("reaches_100", label="training accuracy 1.0 after 20,000 steps"),)),
    Claim("lcd.jitter10.test_acc", "000 · Dealing with inexact data",
          "On 50 fresh jittered images the result is 8%, worse than chance",
          {"accuracy": 0.08}, "distribution", "not-reproduced",
          "There are only 360 placements of a digit in a 10x10 image, so about a quarter of 50 fresh images "
          "repeat a training placement and are read right: test accuracy lands above chance, not at 8%.",
          measure="lcd:train_jitter10", seeds=LCD_JITTER_SEEDS,
          checks=(InsideCalibrated("test_acc", doc="accuracy", label="accuracy on 50 fresh jittered images"),),
          explains=(AtLeast("test_acc.min", 0.1, label="worst seed's test accuracy, at or above chance (0.10)"),
                    AtLeast("test_seen_in_training", 0.1, label="share of test images whose placement was in training"))),
    Claim("lcd.jitter10.W_position", "000 · Dealing with inexact data",
          "W encodes where digits were, not their shapes (Fig 2)",
          {"figure": "Fig 2"}, "qualitative", "reproduced",
          "Measured as how W's columns follow where each digit's training images were.",
          measure="lcd:train_jitter10", seeds=LCD_JITTER_SEEDS,
          checks=(Holds("w_follows_positions", max_failures=1,
                        label="each W column correlates more with its own digit's positions than with the others'"),),
          figure="lcd:plot_w10"),
    Claim("lcd.jitter.acc_500", "000 · Dealing with inexact data",
          "With 500 examples accuracy drops to 54%",
          {"accuracy": 0.54}, "distribution", "not-reproduced",
          "Not in the committed code. With 10x10 images (the post's text) 1,000 steps give 41-49%; the 20x20 "
          "images of the committed notebook give the post's 54%.",
          measure="lcd:train_jitter_sizes", seeds=LCD_JITTER_SEEDS,
          checks=(InsideCalibrated("acc_500_10x10", doc="accuracy", label="training accuracy, 500 examples, 10x10"),),
          explains=(InsideCalibrated("acc_500_20x20", doc="accuracy", label="training accuracy, 500 examples, 20x20"),)),
    Claim("lcd.jitter.acc_5000", "000 · Dealing with inexact data",
          "With 5,000 examples accuracy drops to a dismal 32%; only 1 is learned (Fig 3)",
          {"accuracy": 0.32, "stored_output_20x20": 0.3168}, "distribution", "artifact",
          "The committed run that printed 32% used 20x20 images, and 'more data, lower accuracy' is training "
          "accuracy after a fixed 1,000 steps: 10 epochs at 5,000 examples against 500 at 100. Ten times "
          "the steps raise it, so the drop is mostly under-training.",
          measure="lcd:train_jitter_sizes", seeds=LCD_JITTER_SEEDS,
          checks=(InsideCalibrated("acc_5000_20x20", doc="stored_output_20x20", label="training accuracy, 5,000 examples, 20x20"),
                  Holds("one_learned_best_5000_20x20", max_failures=1, label="digit 1 has the highest recall (only 1 is learned)")),
          explains=(Holds("more_data_lower_acc_20x20", max_failures=1,
                          label="after 1,000 steps accuracy falls from 100 to 500 to 5,000 examples (20x20)"),
                    Holds("longer_training_helps_20x20", max_failures=1,
                          label="10,000 steps beat 1,000 at 5,000 examples (under-training)"),
                    Holds("more_data_lower_acc_10x10", max_failures=1, label="the same fall at 10x10")),
          figure="lcd:plot_confusion_5000"),
    Claim("lcd.dnn.copes_with_jitter", "000 · Dealing with inexact data",
          "A deep network handles jittered digits that defeat linear regression, at the expense of a much larger model and longer training",
          {"linear_test_accuracy": 0.08}, "ordering", "not-reproduced",
          "No code exists. A 100-64-10 ReLU net (7x the linear model's parameters) fits every jittered training "
          "image, but reads placements it never saw barely above chance: it memorizes as the linear model does. "
          "256 units and 5,000 steps did no better.",
          measure="lcd:train_beyond_linear", seeds=LCD_NET_SEEDS,
          # ours: "handles" = most placements it never saw are read right
          checks=(AtLeast("dnn_random_test_acc", 0.5, label="DNN accuracy on placements it never saw"),),
          explains=(Holds("dnn_fits_training_set", label="the DNN fits all 500 jittered training images"),
                    MostSeeds("dnn_beats_linear", label="the DNN beats the linear model on unseen placements"),
                    AtMost("linear_random_test_acc", 0.1, label="linear model on the same unseen placements"))),
    Claim("linreg.multi.recovery", "000 · Linear Regression with Multiple Variables in Tensorflow",
          "Gradient descent recovers w and b: w computed [5.48375, 90.52216, 48.28834, 38.46674] vs actual [5.48446, 90.52165, 48.28952, 38.46534]; b -9.326 vs -9.331",
          {"w_computed": (5.48375, 90.52216, 48.28834, 38.46674), "w_actual": (5.48446, 90.52165, 48.28952, 38.46534),
           "b_computed": -9.326, "b_actual": -9.331,
           # derived from the printed values: largest |w computed - w actual|, and b computed - b actual
           "w_max_gap": 0.00140, "b_gap": 0.005},
          "band", "reproduced",
          "Robust up to the random draws; b is off by the mean (0.005) of the uniform noise, which the "
          "controlled variant (noise mean removed) confirms.",
          measure="linear_regression:recover_multi", seeds=LINREG_SEEDS,
          checks=(NearDocumented("w_max_gap", doc="w_max_gap", log=True, label="largest |w found - w drawn|"),
                  NearDocumented("b_gap", doc="b_gap", label="b found - b drawn"),
                  Holds("loss_fell", label="the loss falls")),
          explains=(AtMost("b_gap_centered_noise", 0.0025,  # ours: half the offset the noise mean explains
                           label="|b found - b drawn| with the noise mean removed (median)"),
                    AtMost("gd_vs_least_squares.max", 0.005,  # ours: float32 GD, 1,000 steps
                           label="largest distance from the least-squares solution"))),
    Claim("linreg.layers.recovery", "000 · Linear Regression using Tensorflow layers",
          "LinearRegressor reaches loss 8.81575e-06: w true [1.7396 62.2283 59.7082 6.9788], found [1.7304 62.2178 59.6973 6.9751]; b true -4.7938, found -4.77659",
          {"loss": 8.81575e-06, "w_true": (1.7396, 62.2283, 59.7082, 6.9788), "w_found": (1.7304, 62.2178, 59.6973, 6.9751),
           "b_true": -4.7938, "b_found": -4.77659,
           # derived from the printed values: largest |w true - w found|, |b true - b found|
           "w_max_gap": 0.0109, "b_gap": 0.01721},
          "band", "reproduced",
          "tf.contrib.learn is gone; ported to its modern equivalent (zero-initialized linear model, GD 0.3, "
          "500 steps on noise-free float64 rows); the numbers are within the calibrated spread of draws.",
          measure="linear_regression:recover_with_layers", seeds=LINREG_SEEDS,
          # heavy-tailed over draws (a badly conditioned X leaves GD far off): judged by the calibrated range
          checks=(InsideCalibrated("loss", doc="loss", label="loss on 10 fresh rows"),
                  InsideCalibrated("w_max_gap", doc="w_max_gap", label="largest |w found - w true|"),
                  InsideCalibrated("b_gap", doc="b_gap", label="|b found - b true|"))),
    # ---- 000 · XNOR ---------------------------------------------------------------------------------
    Claim("xnor.gates.and_truth_table", "000 · Computing XNOR with a Neural Network",
          "The AND neuron sigmoid(-30 + 20 x1 + 20 x2) prints 0.0, 0.0, 0.0, 1.0 for the four inputs",
          {"printed": "0.0 0.0 0.0 1.0"}, "exact", "reproduced",
          "Hand-set constants, deterministic.",
          measure="xnor_gates:gate_values",
          checks=(Equals("and_printed", doc="printed", label="AND printed with %3.1f"),),
          figure="xnor_gates:plot_gate_surfaces"),
    Claim("xnor.gates.negation_values", "000 · Computing XNOR with a Neural Network",
          "g(10 - 20x) returns 0.00005 for x = 1 and 0.99995 for x = 0",
          {"g_at_1": 0.00005, "g_at_0": 0.99995}, "exact", "reproduced",
          "Exact values are 4.54e-5 and 0.9999546: the post rounds to 5 decimals.",
          measure="xnor_gates:gate_values",
          checks=(Close("negation_at_1", doc="g_at_1", atol=0.000005, label="g(10-20*1)"),
                  Close("negation_at_0", doc="g_at_0", atol=0.000005, label="g(10-20*0)"))),
    Claim("xnor.gates.or_nor_surfaces", "000 · Computing XNOR with a Neural Network",
          "The OR neuron (-10, 20, 20) and the NOR neuron (10, -20, -20) behave as gates over [0,1]x[0,1] (Figs 2-3)",
          {"or_corners": "0 1 1 1", "nor_corners": "1 0 0 0", "grid": "20 x 20"}, "qualitative", "reproduced",
          "Deterministic surfaces on the post's 20x20 grid: right corners, monotone in each input.",
          measure="xnor_gates:gate_values",
          checks=(Equals("or_corners", doc="or_corners", label="OR at (0,0) (0,1) (1,0) (1,1)"),
                  Equals("nor_corners", doc="nor_corners", label="NOR at (0,0) (0,1) (1,0) (1,1)"),
                  Holds("or_monotone", label="OR rises with x1 and x2 on the grid"),
                  Holds("nor_monotone", label="NOR falls with x1 and x2 on the grid")),
          figure="xnor_gates:plot_gate_surfaces"),
    Claim("xnor.gates.xnor_net", "000 · Computing XNOR with a Neural Network",
          "OR(NOR, AND) computes XNOR: close to 1 at (0,0) and (1,1), close to 0 at (0,1) and (1,0) (Fig 4)",
          {"xnor_corners": "1 0 0 1"}, "exact", "reproduced",
          "Hand-set constants, deterministic; corners are 0.999955 and 4.5e-5.",
          measure="xnor_gates:gate_values",
          checks=(Equals("xnor_corners", doc="xnor_corners", label="XNOR at (0,0) (0,1) (1,0) (1,1)"),
                  AtMost("xnor_corner_error", 0.001, label="largest corner distance from 0/1")),
          figure="xnor_gates:plot_xnor_surface"),
    Claim("xnor.fast.speedup", "000 · Vectorized XNOR",
          "Vectorizing the XNOR net speeds it up by a factor of over 200 (about 3.07s vs 14.5ms per loop on a MacBook Air)",
          {"speedup": 200, "per_point_s": 3.07, "vectorized_s": 0.0145}, "floor", "reproduced",
          "The ratio is per-call overhead (10,000 runs vs 1), so it stays in the hundreds on any machine; "
          "absolute times are hardware-specific and only reported.",
          measure="xnor_gates:speedup", markers=("benchmark",),
          checks=(AtLeast("speedup_session", "speedup", label="speedup, session style (tf.compat.v1)"),
                  AtLeast("speedup_tf2", "speedup", label="speedup, TF2 style (tf.function)"),
                  Holds("vectorized_matches_per_point", label="vectorized values equal per-point values")),
          figure="xnor_gates:plot_speedup"),
    Claim("xnor.fast.dense_plot", "000 · Vectorized XNOR",
          "The speed allows recomputing the XNOR net for 10,000 rather than 400 points (Fig 1: 100 x 100 XNOR values)",
          {"xnor_corners": "1 0 0 1", "dense_points": 10_000, "per_point_points": 400}, "qualitative", "reproduced",
          "The vectorized 100x100 grid (and the code's 1000x1000) costs less than 400 per-point evaluations.",
          measure="xnor_gates:dense_grid",
          checks=(Equals("dense_corners", doc="xnor_corners", label="100x100 grid corners"),
                  Equals("dense_points", doc="dense_points", label="points computed in one call"),
                  Holds("dense_faster_than_per_point",
                        label="10,000 vectorized points take less time than 400 per-point ones")),
          figure="xnor_gates:plot_dense_grid"),
    Claim("xnor.train.final_loss", "000 · Training neural net to emulate XNOR",
          "After 5,000 Adam steps the loss has the value of 0.000051287 and is still dropping, but very slowly",
          {"final_loss": 0.000051287}, "distribution", "reproduced",
          "A 2-2-1 sigmoid net stalls on a plateau for many initializations; among runs that converge the "
          "documented loss must sit within the calibrated spread (in decades).",
          measure="xnor_train:train_xnor", seeds=XNOR_TRAIN_SEEDS,
          # ours: 0.05 = at least one of the 20 default seeds converges, as the post's run did
          checks=(AtLeast("converged", 0.05, label="fraction of seeds converging (loss < 1e-3)"),
                  NearDocumented("final_loss_converged", doc="final_loss", log=True,
                                 label="final loss of converged runs"),
                  Holds("still_falling", max_failures=1, label="loss still falling over the last 500 steps (converged runs)")),
          figure="xnor_train:plot_loss_curves"),
    Claim("xnor.train.corner_outputs", "000 · Using XNOR trained model",
          "The restored net prints 0.996, 0.005, 0.004, 0.997 at the corners (labelled 0|0, 0|1, 1|0, 1|1)",
          {"vals_0_0": 0.996, "vals_0_last": 0.005, "vals_last_0": 0.004, "vals_last_last": 0.997}, "distribution", "reproduced",
          "Read from a 100x100 meshgrid as the code does (vals[0][-1] is x1=1, x2=0, so the middle labels are swapped); "
          "judged on converged runs against the calibrated spread.",
          measure="xnor_train:train_xnor", seeds=XNOR_TRAIN_SEEDS,
          checks=(NearDocumented("vals_0_0", doc="vals_0_0", label="vals[0][0]"),
                  NearDocumented("vals_0_last", doc="vals_0_last", label="vals[0][-1]"),
                  NearDocumented("vals_last_0", doc="vals_last_0", label="vals[-1][0]"),
                  NearDocumented("vals_last_last", doc="vals_last_last", label="vals[-1][-1]"),
                  Holds("corners_xnor", max_failures=1, label="converged corners round to 1 0 0 1"))),
    Claim("xnor.train.surface_shape", "000 · Using XNOR trained model",
          "The trained surface differs significantly from Andrew Ng's hand-set net but agrees at the extremes; some runs resemble Ng's (Fig 1)",
          {"figure": "Fig 1"}, "qualitative", "reproduced",
          "Measured on converged runs: corner agreement with the hand-set net, and the mean gap between the surfaces.",
          measure="xnor_train:train_xnor", seeds=XNOR_TRAIN_SEEDS,
          checks=(Holds("corners_agree_with_handset", max_failures=1, label="corners within 0.05 of the hand-set net (converged runs)"),
                  # ours: calibrated gaps form two clusters, 0.055-0.076 (Ng's shape) and 0.50-0.53 (another
                  # solution); 0.2 lies in the empty band between them and names the two shapes.
                  AtLeast("surface_gap.max", 0.2, label="largest mean |trained - hand-set| (some run differs)"),
                  AtMost("surface_gap.min", 0.2, label="smallest mean |trained - hand-set| (some run resembles)")),
          figure="xnor_train:plot_trained_surfaces"),
    Claim("xnor.train.checkpoint_restore", "000 · Using XNOR trained model",
          "Restoring the saved checkpoint into a re-created model reproduces the trained outputs",
          {"max_abs_difference": 0.0}, "exact", "reproduced",
          "Weights round-trip exactly; an unrestored fresh model is compared too, so the check can fail.",
          measure="xnor_train:train_xnor", seeds=XNOR_TRAIN_SEEDS,
          checks=(Holds("restored_identical", label="restored model's 100x100 outputs equal the trained model's"),
                  Holds("fresh_model_differs", label="a fresh model without the restore gives other outputs"))),
    # ---- 001 · Learn TensorFlow Now -----------------------------------------------------------------
    Claim("ltfn1.cost_decreases", "001 · LTFN 1, Running our Neural Network",
          "A single-layer net's cost falls over 1,000 steps: Cost: 12.673884 ... 11.534428 ... 8.510129 ... 3.4888883 ... 3.2540445",
          {"costs": (12.673884, 11.534428, 8.510129, 3.4888883, 3.2540445),
           # the first and the last of the printed costs
           "first_cost": 12.673884, "last_cost": 3.2540445},
          "ordering", "reproduced",
          "Values are seed-dependent single draws; the downward trend is robust.",
          measure="ltfn:train_fc_parts", seeds=LTFN_FC_SEEDS, markers=("dataset",),
          checks=(Holds("ltfn1_cost_fell", label="mean batch cost of the last 100 steps below half the first 100's"),
                  InsideCalibrated("ltfn1_first_cost", doc="first_cost", label="batch cost at step 0"),
                  InsideCalibrated("ltfn1_last_cost", doc="last_cost", label="batch cost at step 1,000", at="documented"))),
    Claim("ltfn2.test_acc", "001 · LTFN 2, Putting it all together",
          "After 2,000 steps: Test Cost: 2.392377197146416, Test accuracy: 59.48999986052513 %",
          {"test_cost": 2.392377197146416, "test_accuracy": 59.48999986052513}, "distribution", "reproduced",
          "N(0,1) weights give logits with a std near 10, so softmax regression stays far below its ~92% "
          "optimum after 2,000 steps; the level varies by a few points run to run.",
          measure="ltfn:train_fc_parts", seeds=LTFN_FC_SEEDS, markers=("dataset",),
          checks=(MostSeeds("ltfn2_beats_ltfn1", label="2,000 steps beat LTFN 1's 1,000 on test accuracy"),
                  # ours: the catalog expects "within a few points"; recalibrate on full MNIST to tighten
                  Close("ltfn2_clean_test_acc", doc="test_accuracy", atol=5.0, label="test accuracy %", at="documented"),
                  AtLeast("ltfn2_clean_test_acc", 30.0, label="test accuracy % (far above 10% chance)", at="quick"),
                  AtMost("ltfn2_clean_test_acc", 80.0, label="test accuracy % (far below a trained softmax's ~92%)", at="quick"))),
    Claim("ltfn2.subgraph_pruning", "001 · LTFN 2, TensorFlow Graphs",
          "Evaluating logits runs only its dependencies: it needs no labels and does not run the optimizer",
          {"logits_need_labels": False}, "exact", "reproduced",
          "Graph-mode (tf.compat.v1) behaviour, deterministic.",
          measure="ltfn:graph_behaviour",
          checks=(Holds("logits_without_labels", label="session.run(logits) with only the images fed"),
                  Holds("logits_leave_weights", label="the weights are unchanged after fetching logits"),
                  Holds("optimizer_needs_labels", label="fetching the optimizer without labels fails"))),
    Claim("ltfn2.dynamic_batch", "001 · LTFN 2, Shapes",
          "With a None batch dimension the same graph accepts batches of 1, 10 and 283",
          {"batch_sizes": (1, 10, 283)}, "exact", "reproduced",
          "Graph-mode shape inference, deterministic.",
          measure="ltfn:graph_behaviour",
          checks=(Equals("none_batch_accepts", doc="batch_sizes", label="rows of logits for batches of 1, 10, 283"),
                  Holds("fixed_batch_rejects_all", label="a (100, 784) placeholder rejects all three"))),
    Claim("ltfn3.test_acc", "001 · LTFN 3, Putting it all together",
          "784-500-500-10 ReLU improves to Test Cost: 107.98408660641905, Test accuracy: 85.74999994039536 %",
          {"test_cost": 107.98408660641905, "test_accuracy": 85.74999994039536}, "distribution", "artifact",
          "The test loop also ran the optimizer, so the net kept training on the test batches while scored.",
          measure="ltfn:train_fc_parts", seeds=LTFN_FC_SEEDS, markers=("dataset",),
          checks=(Holds("ltfn3_cost_fell", label="batch cost falls (from the thousands N(0,1) weights give)"),
                  Close("ltfn3_documented_test_acc", doc="test_accuracy", atol=5.0,  # ours, as LTFN 2
                        label="test accuracy % with the original's evaluation", at="documented")),
          explains=(Holds("ltfn3_eval_moved_weights", label="the original's test loop changes the weights while it scores"),
                    MostSeeds("ltfn3_test_time_training_inflates",
                              label="the original's evaluation scores higher than a clean one", at="documented"))),
    Claim("ltfn5.test_acc", "001 · LTFN 5, Putting it all together",
          "The first ConvNet is worse than the FC net: Test Cost: 15083.0833307, Test accuracy: 81.8799999356 %",
          {"test_cost": 15083.0833307, "test_accuracy": 81.8799999356}, "distribution", "artifact",
          "N(0,1) weights make the costs astronomical and force lr 1e-7; at a common learning rate the same "
          "ConvNet with variance-scaling init beats the FC net, so 'worse than FC' is an initialization artifact "
          "(and, on full MNIST, test-time training inflates the score).",
          measure="ltfn:train_convnets", seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True,
          checks=(AtLeast("ltfn5_clean_test_cost", 100.0, label="test cost (astronomical next to ln 10 = 2.3)"),
                  Close("ltfn5_documented_test_acc", doc="test_accuracy", atol=5.0, label="test accuracy %", at="documented")),
          explains=(MostSeeds("conv_he_beats_fc_normal", label="the same ConvNet with VS/Xavier init beats the FC net (same lr)"),
                    Holds("ltfn5_eval_moved_weights", label="the original's test loop changes the weights while it scores"),
                    MostSeeds("ltfn5_test_time_training_inflates", label="that evaluation scores higher", at="documented"))),
    Claim("ltfn6.large_init_explodes", "001 · LTFN 6, introduction",
          "With N(0,1) weights pre-activations grow per layer: layer1 within [-1, 1], layer4 within [-20,000, 20,000]; logits reach hundreds of thousands",
          {"layer1_range": 1, "layer4_range": 20000, "logit_range": 100000}, "band", "reproduced",
          "Growth of about sqrt(fan_in) per layer is a robust scaling argument; measured at the post's widths.",
          measure="ltfn:train_convnets", seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True,
          # ours: order of magnitude, as the post states it (factor 10 either way)
          checks=(AtLeast("normal_layer4_range", 2000, label="largest |layer4_conv| (post: 20,000)"),
                  AtMost("normal_layer4_range", 200000, label="largest |layer4_conv| (post: 20,000)"),
                  AtLeast("normal_logit_range", "logit_range", label="largest |logit| (post: hundreds of thousands)"),
                  AtLeast("normal_growth_1_to_4", 100, label="std growth from layer 1 to layer 4 (about sqrt(fan_in)^3)")),
          explains=(),
          figure="ltfn:plot_histograms"),
    Claim("ltfn6.small_init_dead", "001 · LTFN 6, Smaller Initial Weights",
          "Weights x0.01 collapse activations and the net learns nothing: Test Cost: 2.3025865221, Test accuracy: 5.01999998465 %",
          {"test_cost": 2.3025865221, "test_accuracy": 5.01999998465}, "band", "artifact",
          "Cost ~ ln 10 is robust; 5.02% below chance is an argmax artifact of near-uniform outputs, and lr 1e-7 learns nothing at any scale.",
          measure="ltfn:train_convnets", seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True,
          checks=(Holds("small_cost_is_ln10", label="test cost within 0.001 of ln 10 = 2.302585"),
                  AtMost("small_logit_range", 0.03, label="largest |logit| at init (post: within 0.003)")),
          explains=(MostSeeds("conv_he_beats_fc_normal", label="the same ConvNet learns once initialized and stepped sensibly"),)),
    Claim("ltfn6.vs_xavier_init", "001 · LTFN 6, Choosing the Perfect Initial Weights",
          "Variance-scaling init on the convolutions and Xavier on the FC layer give Test Cost: 0.0945288215741, Test accuracy: 97.2900004387 %",
          {"test_cost": 0.0945288215741, "test_accuracy": 97.2900004387}, "distribution", "reproduced",
          "Robust to about half a point at the post's scale; the comparison with LTFN 5 is confounded by lr 1e-7 -> 1e-3.",
          measure="ltfn:train_convnets", seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True,
          checks=(Close("he_test_acc", doc="test_accuracy", atol=0.5, label="test accuracy % (catalog: about +-0.5)", at="documented"),
                  # ours: a 1/16-width ConvNet after 400 steps on 4,000 digits
                  AtLeast("he_test_acc", 80.0, label="test accuracy %, quarter-width ConvNet, 400 steps", at="quick"),
                  MostSeeds("he_beats_normal_in_conv", label="VS/Xavier beats N(0,1) in the same ConvNet, same lr"))),
    Claim("ltfn6.vs_hist_stable", "001 · LTFN 6, Choosing the Perfect Initial Weights",
          "With variance-scaling/Xavier init, intermediate output variance rises only slightly across layers",
          {"figure": "histograms"}, "qualitative", "reproduced",
          "Measured as the ratio of pre-activation std between consecutive conv layers at the post's widths.",
          measure="ltfn:train_convnets", seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True,
          # ours: "only slightly": within a factor 2 per layer, against ~25x per layer with N(0,1)
          checks=(AtMost("he_std_ratio_max", 2.0, label="largest std ratio between consecutive conv layers"),
                  AtLeast("he_std_ratio_min", 0.5, label="smallest std ratio between consecutive conv layers")),
          figure="ltfn:plot_histograms"),
    Claim("ltfn6.controlled_init_ablation", "001 · LTFN 5/6",
          "The ConvNet beats the fully connected net because of He/variance-scaling initialization",
          {"convnet_beats_fc": True}, "ordering", "reproduced",
          "Holding lr, steps, data and evaluation fixed and varying only the initializer, the ConvNet goes from "
          "worst (N(0,1): it learns nothing) to best (VS/Xavier: it beats the FC net under either init), paired per seed.",
          measure="ltfn:train_convnets", seeds=LTFN_CONV_SEEDS, markers=("dataset",), gpu_at_documented=True,
          checks=(MostSeeds("conv_he_beats_fc_normal", label="ConvNet (VS/Xavier) beats LTFN 3's FC net (N(0,1))"),
                  # calibrated: 9/10 seeds at quick scale, so judged on medians, not seed by seed
                  MedianAtMost("ablation_fc_he_acc", than="ablation_conv_he_acc",
                               label="the FC net with He init scores no higher than the ConvNet (VS/Xavier), medians"),
                  MostSeeds("conv_normal_loses_to_fc_normal", label="ConvNet (N(0,1)) loses to the FC net (N(0,1))"))),
    Claim("ltfn.retro.kaggle", "001 · 2017: A Retrospective",
          "The best Kaggle Digit Recognizer submission scored 99.171%, top 25%",
          {"score": 99.171}, "band", "unavailable",
          "A leaderboard result with no published code or model.",
          unavailable="no code, model or submission was published for the 99.171% leaderboard score, "
                      "and the Kaggle test labels are private"),
    # ---- 002 · Dorian Brown -------------------------------------------------------------------------
    Claim("dorian.matinv.adagrad_l1", "002 · Calculating a matrix inverse, the hard way",
          "Minimizing sum|x A - I| with Adagrad (lr 0.01, 100,000 iterations) learns x close to the inverse of A; the loss goes down",
          {"lr": 0.01, "iterations": 100_000}, "band", "not-reproduced",
          "The loss falls on every draw, but with Adagrad's shrinking steps on an L1 loss x reaches A^-1 (within "
          "5%) on only a few well-conditioned draws in 100,000 iterations, and on none in the quick 20,000.",
          measure="matrix_inverse:invert", seeds=MATINV_SEEDS,
          checks=(MostSeeds("approximates_inverse", label="||x - A^-1|| within 5% of ||A^-1||"),),
          explains=(Holds("loss_fell", label="the loss goes down ('Yay, our loss is going down!')"),
                    AtMost("relative_error", 0.9, label="||x - A^-1|| / ||A^-1|| (median; 1.0 at the start)")),
          figure="matrix_inverse:plot_loss"),
    Claim("dorian.mnist.test_acc", "002 · Classifying MNIST",
          "The 784-300-10 net reaches about 98% on the test set (stored output [0.9803, 0.12326279])",
          {"test_accuracy": 0.98, "stored_test_accuracy": 0.9803, "stored_test_loss": 0.12326279}, "distribution", "reproduced",
          "Robust to about 0.3 points on full MNIST; the post says 50 epochs, the code 40 (run here).",
          measure="dorian_mnist:train_dorian", seeds=DORIAN_SEEDS, markers=("dataset",),
          checks=(Close("test_acc", doc="stored_test_accuracy", atol=0.005, label="test accuracy (catalog: about +-0.3 points)", at="documented"),
                  # ours: the same net on 4,000 digits: what 40 epochs on the subset reach
                  AtLeast("test_acc", 0.88, label="test accuracy on the subset's 1,000 test digits", at="quick"))),
    Claim("dorian.mnist.curves", "002 · Classifying MNIST",
          "Train loss, test loss and test accuracy per epoch (figure)",
          {"figure": "learning curves"}, "qualitative", "reproduced",
          "Measured as falling losses and rising accuracy over the epochs.",
          measure="dorian_mnist:train_dorian", seeds=DORIAN_SEEDS, markers=("dataset",),
          checks=(Holds("train_cost_fell", label="train cost at least halves"),
                  Holds("test_cost_fell", label="test cost falls"), Holds("test_acc_rose", label="test accuracy rises")),
          figure="dorian_mnist:plot_curves"),
    Claim("dorian.fingerprints", "002 · Image fingerprints",
          "Hidden 300-d ReLU vectors of test images show class-specific bands",
          {"figure": "fingerprints"}, "qualitative", "reproduced",
          "Measured as within-class vs across-class cosine similarity of hidden vectors.",
          measure="dorian_mnist:train_dorian", seeds=DORIAN_SEEDS, markers=("dataset",),
          checks=(Holds("fingerprint_every_class_banded",
                        label="for every digit, its hidden vectors are more alike than across digits"),),
          figure="dorian_mnist:plot_fingerprints"),
    Claim("dorian.optin.unregularized", "002 · Estimating optimal input images",
          "Optimizing the input without regularization gives noise-like ideal images",
          {"figure": "optimal inputs"}, "qualitative", "reproduced",
          "Measured as correlation with the digit's mean test image.",
          measure="dorian_mnist:train_dorian", seeds=DORIAN_SEEDS, markers=("dataset",),
          # ours: "noise-like" = correlation with the class-mean image below 0.2
          checks=(AtMost("unregularized_similarity", 0.2, label="correlation with the digit's mean image"),),
          figure="dorian_mnist:plot_optimal_inputs"),
    Claim("dorian.optin.l1", "002 · Regularization to the rescue",
          "L1 regularization (penalty 0.002) kills most pixels",
          {"penalty": 0.002}, "qualitative", "not-reproduced",
          "In 1,000 steps of GD 0.1 an L1 penalty of 0.002 can take at most 0.2 off a pixel, and the inputs start "
          "at U[0, 1): it zeroes more pixels than no penalty, not most of them.",
          measure="dorian_mnist:train_dorian", seeds=DORIAN_SEEDS, markers=("dataset",),
          checks=(MostSeeds("l1_kills_most_pixels", label="more than half the pixels below 0.05"),),
          explains=(Holds("l1_kills_more_than_none", label="L1 zeroes more pixels than no penalty"),
                    AtMost("l1_shrink_budget", 0.5, label="the most L1 alone can remove from a pixel"))),
    Claim("dorian.optin.l2_025", "002 · Regularization to the rescue",
          "L2 regularization with a penalty of 0.25 gives recognizable digit-like images",
          {"penalty": 0.25}, "qualitative", "reproduced",
          "Measured as correlation with the class-mean image against the unregularized input.",
          measure="dorian_mnist:train_dorian", seeds=DORIAN_SEEDS, markers=("dataset",),
          checks=(Holds("l2_more_digit_like", label="L2 images correlate more with the digit's mean image than unregularized ones"),),
          figure="dorian_mnist:plot_optimal_inputs"),
    # ---- 003 · Kamphaus -----------------------------------------------------------------------------
    Claim("logic.softmax.examples", "003 · Basic Neural Network models in Clojure (softmax)",
          "softmax [8 0.23 0.12] = [0.999200193878278 4.2187557805360395E-4 3.7793054366837335E-4]; "
          "softmax [2 -4 0.0001] = [0.8788677886715844 0.0021784954441716386 0.11895371588424401]",
          {"softmax_8_023_012": (0.999200193878278, 4.2187557805360395e-4, 3.7793054366837335e-4),
           "softmax_2_m4_00001": (0.8788677886715844, 0.0021784954441716386, 0.11895371588424401)},
          "exact", "reproduced",
          "Deterministic in float64; the extracted text lost minus signs ([2 4 0.0001]), which gives other values.",
          measure="logic:softmax_examples",
          checks=(Close("softmax_8_023_012", doc="softmax_8_023_012", atol=1e-15, label="tf.nn.softmax([8 0.23 0.12]), float64"),
                  Close("softmax_2_m4_00001", doc="softmax_2_m4_00001", atol=1e-15, label="tf.nn.softmax([2 -4 0.0001]), float64"),
                  Holds("numpy_agrees", label="the post's numpy softmax gives the same values"))),
    Claim("logic.tf.convergence_log", "003 · Building Neural Networks with TensorFlow",
          "A 2-3-2 ReLU net converges quickly: step 0: cost 0.833859, train acc 0.244, valid 0.736; step 200: 0.002133, 1.000, 1.000; step 400: 0.001000, 1.000, 1.000",
          {"cost_0": 0.833859, "train_acc_0": 0.244, "valid_acc_0": 0.736, "cost_200": 0.002133, "acc_200": 1.0,
           "cost_400": 0.001000, "acc_400": 1.0},
          "distribution", "reproduced",
          "The log most likely came from AND (the first function run); the costs are seed-dependent, so each "
          "printed number must lie within the calibrated spread of AND runs that learn the function.",
          measure="logic:train_logic_nets", seeds=LOGIC_SEEDS,
          checks=(InsideCalibrated("and_cost_0", doc="cost_0", label="AND cost at step 0"),
                  # ours: 0.05 = at least one default seed prints the post's step-0 accuracies
                  AtLeast("and_step0_reads_all_true", 0.05,
                          label="AND step 0 reads train 0.25 / valid 0.75 like the log's 0.244 / 0.736 (fraction of seeds)"),
                  # ours: AND is learned on ~80% of seeds (48/60 calibrated)
                  AtLeast("and_test_100", 0.5, label="AND learned (100% test accuracy), fraction of seeds"),
                  NearDocumented("and_cost_200_learned", doc="cost_200", log=True, label="AND cost at step 200 (learned runs)"),
                  NearDocumented("and_cost_400_learned", doc="cost_400", log=True, label="AND cost at step 400 (learned runs)"),
                  # calibrated: 42 of 48 learned runs are already at 1.000 by step 200
                  MostSeeds("and_acc_1_by_200", label="train and valid accuracy 1.000 at steps 200 and 400 (learned runs)"),
                  # ours: the quirk moves inputs by lr x gradient / 10,000 rows per step
                  AtMost("and_input_drift.max", 0.01, label="largest move of a training input (trainable-input quirk)")),
          figure="logic:plot_cost_curves"),
    Claim("logic.tf.all_functions_100", "003 · Building Neural Networks with TensorFlow",
          "AND, OR, NAND and XOR can all reach 100% with just a bit of training",
          {"accuracy": 1.0}, "distribution", "reproduced",
          "Each function reaches 100% test accuracy on part of the seeds; with 3 ReLU units and std-1 weights, "
          "units die and XOR (and NAND) get stuck on many seeds, so the claim holds as 'can', not 'will'.",
          measure="logic:train_logic_nets", seeds=LOGIC_SEEDS,
          # ours: "can reach" = at least one seed in four, often enough for an unseeded run to show it
          checks=tuple(AtLeast(f"{fn}_test_100", 0.25, label=f"{fn.upper()} at 100% test accuracy (fraction of seeds)")
                       for fn in ("and", "or", "nand", "xor"))
                 # ours: the quirk's control only needs to show XOR is learnable without it (calibrated 24/60)
                 + (AtLeast("xor_clean_test_100", 0.1, label="XOR at 100% with constant inputs (no quirk)"),)),
    Claim("logic.k9.and_nand", "003 · Basic Neural Network models in Clojure",
          "A k9 2-3-2 network learns AND/NAND: (ff [1 1]) = [0.9988687446324157 1.0871193576451767E-6]; (ff [1 0]) = [1.1711233357211965E-5 0.9987813583560773]",
          {"ff_1_1": (0.9988687446324157, 1.0871193576451767e-6), "ff_1_0": (1.1711233357211965e-5, 0.9987813583560773)},
          "distribution", "reproduced",
          "k9's activation and update rule are undocumented; a sigmoid MLP with per-sample SGD learns the same "
          "one-hot pattern. The exact digits depend on k9's initialization and are not judged.",
          measure="logic:train_k9", seeds=K9_SEEDS,
          checks=(Holds("pattern_1_1", max_failures=1, label="(ff [1 1]) within 0.05 of [1 0] (AND, NAND)"),
                  Holds("pattern_1_0", max_failures=1, label="(ff [1 0]) within 0.05 of [0 1]"))),
    # ---- 004 · thoughtram XOR -----------------------------------------------------------------------
    Claim("xor.keras.predict_rounded", "004 · Understanding XOR with Keras and TensorFlow",
          "After 500 epochs model.predict(X).round() gives [[0], [1], [1], [0]]",
          {"prediction": (0, 1, 1, 0)}, "distribution", "reproduced",
          "16 ReLU units with MSE and Adam solve XOR within 500 epochs on nearly every seed.",
          measure="xor_keras:train_xor_configs", seeds=XOR_SEEDS,
          checks=(MostSeeds("predict_rounded_xor", label="predict(X).round() is [0 1 1 0] after 500 epochs"),)),
    Claim("xor.keras.h16_epochs", "004 · Understanding XOR with Keras and TensorFlow",
          "16 ReLU units reach binary_accuracy 1.0000 at epoch 284 (0.5 at epoch 63, 0.75 at epoch 81); Epoch 1 loss: 0.7443",
          {"epochs_to_100": 284, "epochs_to_50": 63, "epochs_to_75": 81, "loss_epoch_1": 0.7443}, "distribution", "reproduced",
          "A single run (the earlier post's identical setup reached 100% at epoch 24); its first loss, 0.7443, "
          "is a binary cross-entropy value, which MSE cannot log.",
          measure="xor_keras:train_xor_configs", seeds=XOR_SEEDS,
          checks=(InsideCalibrated("h16_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE (the log's loss)"),
                  InsideCalibrated("h16_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE (the code's loss)"),
                  NearDocumented("h16_bce_loss_epoch_1", doc="loss_epoch_1", label="loss logged at epoch 1, BCE"),
                  AtMost("h16_mse_loss_epoch_1.max", 0.5,  # ours: MSE of outputs in [0, 1] near 0.5 stays far below 0.74
                         label="largest loss the code's MSE logs at epoch 1 (the log's 0.7443 is not MSE)")),
          figure="xor_keras:plot_h16"),
    Claim("xor.keras.h32_epochs", "004 · Understanding XOR with Keras and TensorFlow",
          "32 hidden units reach 100% in 124 epochs",
          {"epochs_to_100": 124}, "distribution", "reproduced",
          "A single run, inside the measured distribution; 32 units are faster than 16 over seeds.",
          measure="xor_keras:train_xor_configs", seeds=XOR_SEEDS,
          checks=(InsideCalibrated("h32_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
                  InsideCalibrated("h32_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE"),
                  Faster("h32_bce_epochs_capped", than="h16_bce_epochs_capped", label="32 units learn faster than 16 (BCE)"),
                  Faster("h32_mse_epochs_capped", than="h16_mse_epochs_capped", label="32 units learn faster than 16 (MSE)")),
          figure="xor_keras:plot_h32"),
    Claim("xor.keras.h32x2_epochs", "004 · Understanding XOR with Keras and TensorFlow",
          "Two hidden layers of 32 reach 100% in 56 epochs",
          {"epochs_to_100": 56}, "distribution", "reproduced",
          "A single run, inside the measured distribution; the second layer speeds learning up over seeds.",
          measure="xor_keras:train_xor_configs", seeds=XOR_SEEDS,
          checks=(InsideCalibrated("h32x2_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
                  InsideCalibrated("h32x2_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE"),
                  Faster("h32x2_bce_epochs_capped", than="h32_bce_epochs_capped",
                         label="a second layer of 32 learns faster than one (BCE)")),
          figure="xor_keras:plot_h32x2"),
    Claim("xor.keras.h64_epochs", "004 · Understanding XOR with Keras and TensorFlow",
          "One hidden layer of 64 reaches 100% after 32 epochs, so 32+32 is not 64",
          {"epochs_to_100": 32}, "distribution", "not-reproduced",
          "32 epochs is a typical draw, but the conclusion drawn from it (64 wide beats 32+32 deep, 32 vs 56 "
          "epochs) reverses over seeds: two layers of 32 reach 100% sooner than one of 64.",
          measure="xor_keras:train_xor_configs", seeds=XOR_SEEDS,
          checks=(InsideCalibrated("h64_bce_epochs", doc="epochs_to_100", label="epochs to 100%, BCE"),
                  InsideCalibrated("h64_mse_epochs", doc="epochs_to_100", label="epochs to 100%, MSE"),
                  Faster("h64_bce_epochs_capped", than="h32_bce_epochs_capped", label="64 units learn faster than 32 (BCE)"),
                  Faster("h64_bce_epochs_capped", than="h32x2_bce_epochs_capped",
                         label="one layer of 64 learns faster than two of 32 (BCE)")),
          # the reversal itself is significant on some seed sets only (p 0.01-0.10 over 40 seeds);
          # its medians are stable, so the explanation is judged on them
          explains=(MedianAtMost("h32x2_bce_epochs_capped", than="h64_bce_epochs_capped",
                                 label="two layers of 32 need no more epochs than one of 64 (BCE)"),
                    MedianAtMost("h32x2_mse_epochs_capped", than="h64_mse_epochs_capped",
                                 label="two layers of 32 need no more epochs than one of 64 (MSE)")),
          figure="xor_keras:plot_h64"),
    Claim("xor.keras.linear128", "004 · Understanding XOR with Keras and TensorFlow",
          "Without activations, more epochs still reach 100%: Epoch 3718/20000 loss: 0.2500 - binary_accuracy: 1.0000",
          {"loss": 0.25, "binary_accuracy": 1.0, "epoch": 3718}, "exact", "artifact",
          "An affine model cannot fit XOR: its best fit is the constant 0.5 (MSE 0.25), and accuracy 1.0 is "
          "float32 rounding noise when every output sits on 0.5.",
          measure="xor_keras:train_linear128", seeds=LINEAR_SEEDS,
          checks=(MostSeeds("ever_reads_100", label="binary_accuracy reads 1.0 at some epoch"),
                  Close("final_loss", doc="loss", atol=0.00005, label="final loss (printed to 4 decimals)")),
          explains=(Close("best_affine_mse", doc="loss", atol=1e-12, label="MSE of the best affine fit to XOR (float64 least squares)"),
                    AtMost("identity_residual.max", 1e-5,  # ours: float32 rounding, far below any real fit
                           label="largest |f(0,1) + f(1,0) - f(0,0) - f(1,1)| over all epochs"),
                    AtMost("gap_when_reading_100.max", 1e-6,  # ours: a few float32 steps (6e-8) from 0.5
                           label="largest |output - 0.5| at an epoch reading 1.0")),
          figure="xor_keras:plot_linear128"),
    Claim("xor.keras.swap_claims", "004 · Understanding XOR with Keras and TensorFlow",
          "Sigmoid instead of ReLU, or binary cross-entropy instead of MSE, would still work",
          {"works": True}, "distribution", "not-reproduced",
          "BCE works within the post's 500 epochs, but 16 sigmoid units with Adam at 1e-3 solve XOR in 500 "
          "epochs on few seeds: they learn it, only several times slower than ReLU.",
          measure="xor_keras:train_xor_configs", seeds=XOR_SEEDS,
          checks=(MostSeeds("h16_bce_works_in_500", label="BCE instead of MSE: predictions [0 1 1 0] after 500 epochs"),
                  MostSeeds("h16_sigmoid_mse_works_in_500", label="sigmoid instead of ReLU: predictions [0 1 1 0] after 500 epochs")),
          explains=(MostSeeds("h16_bce_works_in_500", label="the BCE half holds"),
                    Faster("h16_mse_epochs_capped", than="h16_sigmoid_mse_epochs_capped",
                           label="ReLU reaches 100% in fewer epochs than sigmoid (MSE)"))),
)

REGISTRY = {claim.id: claim for claim in CLAIMS}


class UnknownClaimError(KeyError):
    def __str__(self):
        return self.args[0]


def get(claim_id):
    try:
        return REGISTRY[claim_id]
    except KeyError:
        close = [cid for cid in REGISTRY if claim_id in cid or cid.split(".")[-1] == claim_id.split(".")[-1]]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else "; see 'python -m reproductions list'"
        raise UnknownClaimError(f"unknown claim id {claim_id!r}{hint}") from None
