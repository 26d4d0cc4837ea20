"""Linear regression (post 000, sentimos): gradient descent recovers w and b, with and without layers.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated
from ...suite.checks import AtMost, Holds
from ...suite.records import SENTIMOS, Claim, Source
from .measure import recover_multi, recover_with_layers

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
LINREG_SEEDS = 20  # ours: each seed draws a new regression problem

CLAIMS = (
    Claim(
        id="linreg.multi.recovery",
        source=Source(SENTIMOS, "Linear Regression with Multiple Variables in Tensorflow"),
        statement="Gradient descent recovers w and b: w computed [5.48375, 90.52216, 48.28834, 38.46674] vs "
        "actual [5.48446, 90.52165, 48.28952, 38.46534]; b -9.326 vs -9.331",
        documented={
            "w_computed": (5.48375, 90.52216, 48.28834, 38.46674),
            "w_actual": (5.48446, 90.52165, 48.28952, 38.46534),
            "b_computed": -9.326,
            "b_actual": -9.331,
            # derived from the printed values: largest |w computed - w actual|, and b computed - b actual
            "w_max_gap": 0.00140,
            "b_gap": 0.005,
        },
        judge="band",
        expected="reproduced",
        why="Robust up to the random draws: the printed gaps are typical draws of today's (largest w gap "
        "0.0014: median 0.0021, 0.00055-0.0051 on 120 calibrated seeds, p = 0.43; b gap 0.005: median "
        "0.0051, p = 0.93). b is off by the mean (0.005) of the uniform noise, which the controlled "
        "variant (noise mean removed) confirms.",
        measure=recover_multi,
        seeds=LINREG_SEEDS,
        # GD settles on the least-squares fit (explains: within 0.005), but where that fit lies is set by
        # each problem's noise draw: the printed gaps are values read off one run, each a typical draw
        checks=(
            InsideCalibrated("w_max_gap", doc="w_max_gap", label="largest |w found - w drawn|"),
            InsideCalibrated(
                "b_gap", doc="b_gap", printed=0.002, label="b found - b drawn"
            ),  # post: two numbers printed to 0.001
            Holds("loss_fell", label="the loss falls"),
        ),
        explains=(
            AtMost(
                "b_gap_centered_noise",
                0.0025,  # ours: half the offset the noise mean explains
                label="|b found - b drawn| with the noise mean removed (median)",
            ),
            AtMost(
                "gd_vs_least_squares.max",
                0.005,  # ours: float32 GD, 1,000 steps
                label="largest distance from the least-squares solution",
            ),
        ),
    ),
    Claim(
        id="linreg.layers.recovery",
        source=Source(SENTIMOS, "Linear Regression using Tensorflow layers"),
        statement="LinearRegressor reaches loss 8.81575e-06: w true [1.7396 62.2283 59.7082 6.9788], found "
        "[1.7304 62.2178 59.6973 6.9751]; b true -4.7938, found -4.77659",
        documented={
            "loss": 8.81575e-06,
            "w_true": (1.7396, 62.2283, 59.7082, 6.9788),
            "w_found": (1.7304, 62.2178, 59.6973, 6.9751),
            "b_true": -4.7938,
            "b_found": -4.77659,
            # derived from the printed values: largest |w true - w found|, |b true - b found|
            "w_max_gap": 0.0109,
            "b_gap": 0.01721,
        },
        judge="band",
        expected="reproduced",
        why="tf.contrib.learn is gone; ported to its modern equivalent (zero-initialized linear model, GD "
        "0.3, 500 steps on noise-free float64 rows); the numbers are within the calibrated spread of "
        "draws.",
        stand_in=(
            "the post's LinearRegressor (tf.contrib.learn) ported to a zero-initialized linear model "
            "with GD 0.3 for 500 steps; the post's code was not found"
        ),
        measure=recover_with_layers,
        seeds=LINREG_SEEDS,
        # unlike linreg.multi's, GD has not settled after 500 steps: on noise-free rows a settled run reads
        # 0, yet the largest w gap spreads over five decades (7.6e-7 to 0.05 on 150 calibrated draws; a badly
        # conditioned X leaves GD far off). Where the run stopped is a value read off one run, each a
        # typical draw of today's
        checks=(
            InsideCalibrated("loss", doc="loss", label="loss on 10 fresh rows"),
            InsideCalibrated(
                "w_max_gap", doc="w_max_gap", printed=0.0002, label="largest |w found - w true|"
            ),  # post: two numbers printed to 0.0001
            InsideCalibrated("b_gap", doc="b_gap", label="|b found - b true|"),
        ),
    ),
)
