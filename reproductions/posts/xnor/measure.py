"""XNOR's measurements: the hand-set gates' truth tables and surfaces, the vectorization speedup,
and the trained net's loss, corners and restored copy over seeds.

Source: 000 (sentimos), "Computing XNOR with a Neural Network", "Vectorized XNOR", "Training
neural net to emulate XNOR" and "Using XNOR trained model"; original code sentimos/xnor-basic
(374b5fe, timings at dbc34a3), sentimos/xnor-fast (a83f2d6) and sentimos/xnor-train (557c4ff).
The post times the surfaces one point per session run against one matrix product per layer; the
trained net's original sets no seed, and some initializations stall on a plateau with corners at
0.5, so every trained number is judged over seeds, on the runs that converge.
"""

import time

import numpy as np

from ...suite import runtime
from ...suite.measurements import TRAINED, dense, measurement
from . import config, model

NEURON, XNOR = dense((2, 1)), dense((2, 2, 1))  # one point through a hand-set neuron, and through the 2-2-1 net


def largest_step_against(surface, rising):
    """The largest step between grid neighbours against the expected direction (a fall where the
    surface should rise): at most float32 rounding for a monotone surface."""
    steps = np.concatenate([np.diff(surface, axis=0).ravel(), np.diff(surface, axis=1).ravel()])
    return float(np.max(-steps if rising else steps))


def _gate_values_flops(scale):
    """The neurons' weighted sums: AND's truth table, the negation at 0 and 1, three gate surfaces and
    the XNOR net on the 20x20 grid."""
    points = config.SURFACE_POINTS**2
    return 4 * NEURON + 2 * dense((1, 1)) + 3 * points * NEURON + points * XNOR


@measurement(
    "xnor_gates:gate_values",
    metrics=(
        "and_printed",
        "and_values",
        "negation_at_1",
        "negation_at_0",
        "or_corners",
        "nor_corners",
        "or_largest_fall",
        "nor_largest_rise",
        "xnor_corners",
        "xnor_corner_values",
        "xnor_corner_error",
    ),
    flops=_gate_values_flops,
)
def gate_values(seed, scale="quick"):
    """Truth tables, the negation neuron and the gate surfaces on the post's 20x20 grid."""
    runtime.seed_everything(seed)
    tf = runtime.tensorflow()
    code_order = [(x & 1, int(x > 1)) for x in range(4)]  # original code prints (0,0) (1,0) (0,1) (1,1)
    and_values = [
        float(model.neuron(config.THETA_AND, tf.constant(float(a)), tf.constant(float(b)))) for a, b in code_order
    ]
    negation = lambda x: float(tf.sigmoid(config.THETA_NOT[0] + config.THETA_NOT[1] * tf.constant(x)))  # noqa: E731
    surfaces = {
        name: model.surface_of(theta, config.SURFACE_POINTS)
        for name, theta in (("and", config.THETA_AND), ("or", config.THETA_OR), ("nor", config.THETA_NOR))
    }
    x = model.grid_inputs(config.SURFACE_POINTS)
    surfaces["xnor"] = model.xnor(x[:, 0], x[:, 1]).numpy().reshape(config.SURFACE_POINTS, config.SURFACE_POINTS)
    xnor_corners = model.corners(surfaces["xnor"])
    return {
        "and_printed": " ".join(f"{v:3.1f}" for v in and_values),
        "and_values": tuple(and_values),
        "negation_at_1": negation(1.0),
        "negation_at_0": negation(0.0),
        "or_corners": model.as_bits(model.corners(surfaces["or"])),
        "nor_corners": model.as_bits(model.corners(surfaces["nor"])),
        "or_largest_fall": largest_step_against(surfaces["or"], rising=True),
        "nor_largest_rise": largest_step_against(surfaces["nor"], rising=False),
        "xnor_corners": model.as_bits(xnor_corners),
        "xnor_corner_values": tuple(float(v) for v in xnor_corners),
        "xnor_corner_error": float(max(abs(v - t) for v, t in zip(xnor_corners, (1, 0, 0, 1)))),
        **{f"surface_{name}": s for name, s in surfaces.items()},
    }


def best_time(function, points, loops=1):
    started = time.perf_counter()
    for _ in range(loops):
        values = function(points)
    return (time.perf_counter() - started) / loops, values


def _speedup_flops(scale):
    """The XNOR net on every grid both paths (session, TF2) evaluate: the warm-up (2x2 per point, 100x100
    vectorized), then each round's per-point grid and fast_loops vectorized ones."""
    cfg, grid = config.at(scale), config.TIMING_POINTS**2
    return 2 * (2**2 + grid + cfg.timing_rounds * (1 + cfg.fast_loops) * grid) * XNOR


@measurement(
    "xnor_gates:speedup",
    metrics=(
        "speedup_session",
        "speedup_tf2",
        "speedup_session_min",
        "speedup_session_max",
        "session_per_point_s",
        "session_vectorized_s",
        "tf2_per_point_s",
        "tf2_vectorized_s",
        "vectorized_largest_gap",
        "timing_rounds",
    ),
    flops=_speedup_flops,
    timed=True,
)  # alone on the machine (suite.machine_lock): a training beside it moved the median to 193x
def speedup(seed, scale="quick"):
    """Per-point vs vectorized on the same 100x100 grid, timed back to back in one process: each round
    gives one ratio, and the speedup is the median over the rounds (a drift slower than a round cancels)."""
    cfg = config.at(scale)
    runtime.seed_everything(seed)
    paths = {
        "session": (model.per_point_session, model.vectorized_session),
        "tf2": (model.per_point_tf2, model.vectorized_tf2),
    }
    for slow, fast in paths.values():  # warm-up: build graphs and trace functions outside the timing
        slow(2), fast(config.TIMING_POINTS)
    times = {f"{style}_{kind}": [] for style in paths for kind in ("per_point", "vectorized")}
    gap = 0.0  # the largest |per-point - vectorized| value over all rounds
    for _ in range(cfg.timing_rounds):
        for style, (slow, fast) in paths.items():
            t_slow, slow_values = best_time(slow, config.TIMING_POINTS)
            t_fast, fast_values = best_time(fast, config.TIMING_POINTS, loops=cfg.fast_loops)
            times[f"{style}_per_point"].append(t_slow)
            times[f"{style}_vectorized"].append(t_fast)
            gap = max(gap, float(np.max(np.abs(slow_values - fast_values))))
    ratios = {style: np.array(times[f"{style}_per_point"]) / np.array(times[f"{style}_vectorized"]) for style in paths}
    return {
        "speedup_session": float(np.median(ratios["session"])),
        "speedup_tf2": float(np.median(ratios["tf2"])),
        "speedup_session_min": float(ratios["session"].min()),
        "speedup_session_max": float(ratios["session"].max()),
        **{f"{name}_s": float(np.median(ts)) for name, ts in times.items()},
        "vectorized_largest_gap": gap,
        "timing_rounds": cfg.timing_rounds,
    }


def _dense_grid_flops(scale):
    """The XNOR net on the warm-up grids (100x100, 2x2), the timed 100x100 and 20x20, and the 1000x1000."""
    grids = 2 * config.TIMING_POINTS**2 + 2**2 + config.SURFACE_POINTS**2 + config.DENSE_POINTS**2
    return grids * XNOR


@measurement(
    "xnor_gates:dense_grid",
    metrics=("dense_points", "dense_corners", "dense_s", "per_point_400_s", "dense_faster_than_per_point"),
    flops=_dense_grid_flops,
    timed=True,
)
def dense_grid(seed, scale="quick"):
    """The vectorized net on 100x100 (Fig 1) and the code's 1000x1000, vs 400 points one at a time."""
    runtime.seed_everything(seed)
    model.vectorized_tf2(config.TIMING_POINTS), model.per_point_tf2(2)  # warm-up
    t_dense, dense = best_time(model.vectorized_tf2, config.TIMING_POINTS)
    t_per_point, _ = best_time(model.per_point_tf2, config.SURFACE_POINTS)
    return {
        "dense_points": int(dense.size),
        "dense_corners": model.as_bits(model.corners(dense)),
        "dense_s": t_dense,
        "per_point_400_s": t_per_point,
        "dense_faster_than_per_point": bool(t_dense < t_per_point),
        "grid_100": dense,
        "grid_1000": model.vectorized_tf2(config.DENSE_POINTS),
    }


def _train_xnor_flops(scale):
    """One seed: Adam steps on the four points, the final loss's pass, then the 100x100 grid through the
    trained net, the hand-set net and the fresh model (before and after restoring the weights)."""
    steps, points, grid = config.at(scale).steps, len(config.X), config.GRID**2
    return (TRAINED * steps * points + points + 4 * grid) * dense((2, *config.WIDTHS))  # trained, hand-set, fresh x2


@measurement(
    "xnor_train:train_xnor",
    metrics=(
        "final_loss",
        "loss_500_steps_before",
        "vals_0_0",
        "vals_0_last",
        "vals_last_0",
        "vals_last_last",
        "corner_gap_from_handset",
        "surface_gap",
        "restored_identical",
        "fresh_model_differs",
    ),
    flops=_train_xnor_flops,
)
def train_xnor(seed, scale="quick"):
    cfg = config.at(scale)
    start = model.seed_training(cfg)  # built before seeding: its own draws must not shift the seed's
    runtime.seed_everything(seed)
    net, train = start(model.build_model().get_weights())
    history, final = train()
    history, final = history.numpy(), float(final)
    surface = model.predict_grid(net)
    printed = [surface[0][0], surface[0][-1], surface[-1][0], surface[-1][-1]]  # the code's print order
    handset = model.handset_surface()
    return {
        "final_loss": final,
        "loss_500_steps_before": float(history[-min(len(history), config.FALLING_WINDOW // cfg.loss_every)]),
        "vals_0_0": float(printed[0]),
        "vals_0_last": float(printed[1]),
        "vals_last_0": float(printed[2]),
        "vals_last_last": float(printed[3]),
        "corner_gap_from_handset": float(
            max(abs(surface[i][j] - handset[i][j]) for i, j in ((0, 0), (0, -1), (-1, 0), (-1, -1)))
        ),
        "surface_gap": float(np.mean(np.abs(surface - handset))),
        **model.restore_round_trip(net, surface),
        "loss_history": history,
        "surface": surface,
    }
