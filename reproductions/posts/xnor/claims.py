"""XNOR (post 000, sentimos): hand-set neurons, the vectorization speedup, and a trained 2-2-1 net.

The records of this post's claims: where each comes from, what it says (numbers verbatim), how it
is judged, which verdict we expect and why, and which function measures it. Documented numbers
live here and nowhere else; the models beside this file only measure.
"""

from ...suite.calibrated import InsideCalibrated, LikeCalibration
from ...suite.checks import AtLeast, AtMost, Close, Equals, Holds, Paired
from ...suite.one_run import OneRunWorks
from ...suite.records import SENTIMOS, Claim, Source
from .config import CONVERGED, CONVERGED_RUNS
from .figures import (
    plot_dense_grid,
    plot_gate_surfaces,
    plot_loss_curves,
    plot_speedup,
    plot_trained_surfaces,
    plot_xnor_surface,
)
from .measure import dense_grid, gate_values, speedup, train_xnor

# ---- seeds: how many each stochastic claim runs on by default ---------------------------------------
XNOR_TRAIN_SEEDS = 45  # ours: about half the initializations converge, half of those onto the hand-set
# surface: 45 seeds (~24 converged) make the rule for one-run claims pass a model showing a shape on 1% of
# converged runs at most 5% of the time (tests/test_registry.py)

# ---- thresholds of ours -------------------------------------------------------------------------------
# CONVERGED and CONVERGED_RUNS (config.py, 1e-3): the runs the post's later readings describe, read by
# the checks below as <metric>@converged
EXACT = 1e-5  # ours: float32 rounding of the pre-activations (measured 2.4e-6 near x1+x2 = 0.5)
CORNER_AGREEMENT = 0.05  # ours: "agree at the extremes" with the hand-set net (its corners are 4.5e-5 from 0/1)
PRINTED = 0.001  # post: the corners are printed to three decimals, coarse next to the converged runs' spread
SHAPES_APART = 0.2  # ours: converged runs' calibrated mean gaps form two clusters, 0.052-0.126 (Ng's shape)
# and 0.493-0.536 (another solution); 0.2 lies in the empty band between them and names the two shapes

CLAIMS = (
    Claim(
        id="xnor.gates.and_truth_table",
        source=Source(SENTIMOS, "Computing XNOR with a Neural Network"),
        statement="The AND neuron sigmoid(-30 + 20 x1 + 20 x2) prints 0.0, 0.0, 0.0, 1.0 for the four inputs",
        documented={"printed": "0.0 0.0 0.0 1.0"},
        judge="exact",
        expected="reproduced",
        why="Hand-set constants, deterministic.",
        measure=gate_values,
        checks=(Equals("and_printed", doc="printed", label="AND printed with %3.1f"),),
        figure=plot_gate_surfaces,
    ),
    Claim(
        id="xnor.gates.negation_values",
        source=Source(SENTIMOS, "Computing XNOR with a Neural Network"),
        statement="g(10 - 20x) returns 0.00005 for x = 1 and 0.99995 for x = 0",
        documented={"g_at_1": 0.00005, "g_at_0": 0.99995},
        judge="exact",
        expected="reproduced",
        why="Exact values are 4.54e-5 and 0.9999546: the post rounds to 5 decimals.",
        measure=gate_values,
        checks=(
            Close("negation_at_1", doc="g_at_1", atol=0.000005, label="g(10-20*1)"),
            Close("negation_at_0", doc="g_at_0", atol=0.000005, label="g(10-20*0)"),
        ),
    ),
    Claim(
        id="xnor.gates.or_nor_surfaces",
        source=Source(SENTIMOS, "Computing XNOR with a Neural Network"),
        statement="The OR neuron (-10, 20, 20) and the NOR neuron (10, -20, -20) behave as gates over "
        "[0,1]x[0,1] (Figs 2-3)",
        documented={"or_corners": "0 1 1 1", "nor_corners": "1 0 0 0", "grid": "20 x 20"},
        judge="qualitative",
        expected="reproduced",
        why="Deterministic surfaces on the post's 20x20 grid: right corners, monotone in each input.",
        measure=gate_values,
        checks=(
            Equals("or_corners", doc="or_corners", label="OR at (0,0) (0,1) (1,0) (1,1)"),
            Equals("nor_corners", doc="nor_corners", label="NOR at (0,0) (0,1) (1,0) (1,1)"),
            AtMost("or_largest_fall", EXACT, label="OR rises with x1 and x2 on the grid: its largest step down"),
            AtMost("nor_largest_rise", EXACT, label="NOR falls with x1 and x2 on the grid: its largest step up"),
        ),
        figure=plot_gate_surfaces,
    ),
    Claim(
        id="xnor.gates.xnor_net",
        source=Source(SENTIMOS, "Computing XNOR with a Neural Network"),
        statement="OR(NOR, AND) computes XNOR: close to 1 at (0,0) and (1,1), close to 0 at (0,1) and (1,0) (Fig 4)",
        documented={"xnor_corners": "1 0 0 1"},
        judge="exact",
        expected="reproduced",
        why="Hand-set constants, deterministic; corners are 0.999955 and 4.5e-5.",
        measure=gate_values,
        checks=(
            Equals("xnor_corners", doc="xnor_corners", label="XNOR at (0,0) (0,1) (1,0) (1,1)"),
            AtMost("xnor_corner_error", 0.001, label="largest corner distance from 0/1"),
        ),
        figure=plot_xnor_surface,
    ),
    Claim(
        id="xnor.fast.speedup",
        source=Source(SENTIMOS, "Vectorized XNOR"),
        statement="Vectorizing the XNOR net speeds it up by a factor of over 200 (about 3.07s vs 14.5ms per "
        "loop on a MacBook Air)",
        documented={"speedup": 200, "per_point_s": 3.07, "vectorized_s": 0.0145},
        judge="floor",
        expected="reproduced",
        why="The ratio is per-call overhead (10,000 runs vs 1), so it should stay in the hundreds wherever "
        "a session call costs far more than a 100x100 matrix product; measured on two CPUs only, so that "
        "is an expectation, not a finding. Absolute times are hardware-specific and only reported. The "
        "margin depends on the machine's load (the suite's own trainings wait for the timing; other processes "
        "do not): the median of 9 paired rounds read 222-237x alone on a 2-core AMD EPYC, 193x beside a "
        "training; on a 2-core Xeon (AVX-512, AMX) 406x and 421x alone, but 186x and 184x beside one busy "
        "process and 259x and 235x beside two (probes/speedup_under_load.py, output kept), and 185x in a whole "
        "run beside another process's work: a loaded machine flips this verdict; the rounds' range is shown "
        "beside it. The TF2 path (tf.function) is far from the bar (1,371x or more in those probe runs). A vectorized grid recomputed once per row (the "
        "same values, 100 calls) fails both.",
        measure=speedup,
        markers=("benchmark",),
        checks=(
            AtLeast(
                "speedup_session",
                "speedup",
                margin=True,
                beside=("speedup_session_min", "speedup_session_max"),  # the rounds' range: how thin the margin is
                label="speedup, session style (tf.compat.v1), median of the rounds",
            ),
            AtLeast(
                "speedup_tf2",
                "speedup",
                margin=True,
                label="speedup, TF2 style (tf.function), median of the rounds",
            ),
            AtMost(
                "vectorized_largest_gap", EXACT, label="vectorized values equal per-point values: largest difference"
            ),
        ),
        figure=plot_speedup,
    ),
    Claim(
        id="xnor.fast.dense_plot",
        source=Source(SENTIMOS, "Vectorized XNOR"),
        statement="The speed allows recomputing the XNOR net for 10,000 rather than 400 points (Fig 1: 100 x "
        "100 XNOR values)",
        documented={"xnor_corners": "1 0 0 1", "dense_points": 10_000, "per_point_points": 400},
        judge="qualitative",
        expected="reproduced",
        why="The vectorized 100x100 grid (and the code's 1000x1000) costs less than 400 per-point evaluations.",
        measure=dense_grid,
        checks=(
            Equals("dense_corners", doc="xnor_corners", label="100x100 grid corners"),
            Equals("dense_points", doc="dense_points", label="points computed in one call"),
            Holds(
                "dense_faster_than_per_point",
                label="10,000 vectorized points take less time than 400 per-point ones",
            ),
        ),
        figure=plot_dense_grid,
    ),
    Claim(
        id="xnor.train.final_loss",
        source=Source(SENTIMOS, "Training neural net to emulate XNOR"),
        statement="After 5,000 Adam steps the loss has the value of 0.000051287 and is still dropping, but very slowly",
        documented={"final_loss": 0.000051287},
        judge="distribution",
        expected="reproduced",
        why="A 2-2-1 sigmoid net stalls on a plateau (loss 0.125 or 0.167) for many initializations: 214 "
        "of 400 calibrated seeds converge. Their final losses run 1.1e-5 to 8.4e-5 (median 2.4e-5); the "
        "documented 5.13e-5 is a typical draw of them (exact position test, p = 0.14 among the 214). "
        '"Still dropping, but very slowly" is what every converged run does, so it is shown, not '
        "judged: over its last 500 steps the loss falls by a quarter (it was 1.34 times the final loss "
        "500 steps before, 1.34-1.91 over the 214; a tail like t^-2.8), tiny next to the 0.25 it starts "
        "from. No converged calibrated run had stopped falling, so it could not tell a run apart.",
        measure=train_xnor,
        seeds=XNOR_TRAIN_SEEDS,
        among=(CONVERGED_RUNS,),
        checks=(
            # the post's run converged: judged by the rule for one-run claims (about half do)
            OneRunWorks("final_loss", at_most=CONVERGED, label="a run converges: its final loss"),
            InsideCalibrated("final_loss@converged", doc="final_loss", label="final loss of converged runs"),
        ),
        explains=(
            # ours: shown beside the verdict, not part of it: every converged Adam run is still falling
            Paired(
                "loss_500_steps_before@converged",
                than="final_loss@converged",
                tolerate=0.05,
                label="loss still falling over the last 500 steps (converged runs; all 214 calibrated are)",
            ),
        ),
        figure=plot_loss_curves,
    ),
    Claim(
        id="xnor.train.corner_outputs",
        source=Source(SENTIMOS, "Using XNOR trained model"),
        statement="The restored net prints 0.996, 0.005, 0.004, 0.997 at the corners (labelled 0|0, 0|1, 1|0, 1|1)",
        documented={"vals_0_0": 0.996, "vals_0_last": 0.005, "vals_last_0": 0.004, "vals_last_last": 0.997},
        judge="distribution",
        expected="reproduced",
        why="Read from a 100x100 meshgrid as the code does (vals[0][-1] is x1=1, x2=0, so the middle labels "
        "are swapped). Each printed value stands for the values that print so (0.997: 0.9965 to 0.9975), "
        "and the most typical of them is a typical draw of the converged runs' (214 of 400 calibrated "
        "seeds; position p 0.85, 1.0, 0.76 and 0.14, each held to 0.05/4). vals[-1][-1] lies near the top "
        "of their 0.987-0.997: read as exactly 0.997 it would be p 0.056, at 0.9975 0.009, so the rule "
        "keeps the verdict off where the post rounded. That the corners round to 1 0 0 1 "
        "is no separate test: converging (mean squared error at most 1e-3) puts each within 0.063 of its "
        "target.",
        measure=train_xnor,
        seeds=XNOR_TRAIN_SEEDS,
        among=(CONVERGED_RUNS,),
        checks=(
            InsideCalibrated("vals_0_0@converged", doc="vals_0_0", printed=PRINTED, label="vals[0][0]"),
            InsideCalibrated("vals_0_last@converged", doc="vals_0_last", printed=PRINTED, label="vals[0][-1]"),
            InsideCalibrated("vals_last_0@converged", doc="vals_last_0", printed=PRINTED, label="vals[-1][0]"),
            InsideCalibrated("vals_last_last@converged", doc="vals_last_last", printed=PRINTED, label="vals[-1][-1]"),
        ),
    ),
    Claim(
        id="xnor.train.surface_shape",
        source=Source(SENTIMOS, "Using XNOR trained model"),
        statement="The trained surface differs significantly from Andrew Ng's hand-set net but agrees at the "
        "extremes; some runs resemble Ng's (Fig 1)",
        documented={"figure": "Fig 1"},
        judge="qualitative",
        expected="reproduced",
        why="Judged on converged runs by the mean gap between the surfaces, which falls in one of two "
        "clusters (Ng's shape or another solution). Each shape is judged by the rule for one-run claims "
        "among the runs that converge (214 of 400 calibrated; the gap is not measured on the others): a "
        "run differs with probability 50% (108/214) and resembles Ng's with 50% (106/214). \"Agree at "
        'the extremes" follows from converging, so it is shown, not judged: both nets compute XNOR, the '
        "hand-set one within 4.5e-5 of each target and a converged one (final loss at most 8.4e-5 on the "
        "calibration) within 0.02; the largest corner gap read 0.013 on the 214.",
        measure=train_xnor,
        seeds=XNOR_TRAIN_SEEDS,
        among=(CONVERGED_RUNS,),
        checks=(
            # the author's runs showed both shapes: the rule for one-run claims, for each, among converged
            # runs (calibrated: 108 of 214 differ, 106 of 214 resemble Ng's; 186 of 400 do not converge)
            OneRunWorks(
                "surface_gap@converged", at_least=SHAPES_APART, label="a run's surface differs from Ng's (mean gap)"
            ),
            OneRunWorks(
                "surface_gap@converged", at_most=SHAPES_APART, label="a run's surface resembles Ng's (mean gap)"
            ),
            # the rule pools the calibration's runs: the converged runs' gap, held to it (rank-sum)
            LikeCalibration("surface_gap@converged", label="converged runs' mean gap from Ng's surface, as calibrated"),
        ),
        explains=(
            # ours: shown beside the verdict, not part of it: converging implies it
            Holds(
                "corner_gap_from_handset@converged",
                at_most=CORNER_AGREEMENT,
                tolerate=0.05,
                label="largest corner |trained - hand-set| (converged runs; follows from converging)",
            ),
        ),
        figure=plot_trained_surfaces,
    ),
    Claim(
        id="xnor.train.checkpoint_restore",
        source=Source(SENTIMOS, "Using XNOR trained model"),
        statement="Restoring the saved checkpoint into a re-created model reproduces the trained outputs",
        documented={"max_abs_difference": 0.0},
        judge="exact",
        expected="reproduced",
        why="Weights round-trip exactly; an unrestored fresh model is compared too, so the check can fail.",
        measure=train_xnor,
        seeds=XNOR_TRAIN_SEEDS,
        checks=(
            Holds("restored_identical", label="restored model's 100x100 outputs equal the trained model's"),
            Holds("fresh_model_differs", label="a fresh model without the restore gives other outputs"),
        ),
    ),
)
