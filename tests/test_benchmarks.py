"""pytest-benchmark fixtures for the paths whose speed the posts talk about.

Skipped in the default run (``--benchmark-skip`` in pytest.ini); the ``tfNNN-bench`` tox lanes run them
without xdist and saves the results. The speedup *claim* measures its own ratio, interleaved in
one process, so it is judged even where pytest-benchmark is off.
"""

import numpy as np
import pytest

from reproductions.data import mnist as mnist_data
from reproductions.posts.lcd import config as lcd_config
from reproductions.posts.lcd import measure as lcd
from reproductions.posts.logic import config as logic_config
from reproductions.posts.logic import measure as logic
from reproductions.posts.ltfn import config as ltfn_config
from reproductions.posts.ltfn import measure as ltfn_measure
from reproductions.posts.ltfn import model as ltfn
from reproductions.posts.xnor import config as xnor_config
from reproductions.posts.xnor import model as xnor
from reproductions.posts.xor import config as xor_config
from reproductions.posts.xor import measure as xor_keras
from reproductions.suite import fingerprint, memo, runtime

GRID = xnor_config.TIMING_POINTS
pytestmark = [pytest.mark.benchmark, pytest.mark.cpu]


@pytest.mark.parametrize("path", [xnor.per_point_session, xnor.per_point_tf2], ids=["session", "tf2"])
def test_per_point_grid(benchmark, path):
    path(2)  # build the graph / trace outside the timing
    values = benchmark.pedantic(path, args=(GRID,), rounds=3, iterations=1, warmup_rounds=0)
    assert values.shape == (GRID, GRID)


@pytest.mark.parametrize("path", [xnor.vectorized_session, xnor.vectorized_tf2], ids=["session", "tf2"])
def test_vectorized_grid(benchmark, path):
    values = benchmark.pedantic(path, args=(GRID,), rounds=20, iterations=10, warmup_rounds=2)
    assert values.shape == (GRID, GRID)


def test_xnor_training_5000_steps_after_tracing(benchmark):
    runtime.seed_everything(0)
    train = xnor.compiled_training(xnor.build_model(), xnor_config.QUICK)
    history, _ = benchmark.pedantic(train, rounds=5, iterations=1, warmup_rounds=1)
    assert history.shape[0] == xnor_config.QUICK.steps // xnor_config.QUICK.loss_every


# ---- training throughput per claim family (seeds trained per second, compared across versions) ----
FAMILIES = [
    ("logic nets (8 nets a seed)", logic.train_logic_nets, logic_config.QUICK.stack),
    ("Keras XOR configurations", xor_keras.train_xor_configs, xor_config.QUICK.stack),
    ("LCD jittered linear model", lcd.train_jitter10, lcd_config.QUICK.stack),
]


@pytest.mark.parametrize("family, measure, seeds", FAMILIES, ids=["logic", "xor", "lcd"])
def test_training_throughput(benchmark, family, measure, seeds):
    benchmark.extra_info.update(family=family, seeds=seeds)
    results = benchmark.pedantic(measure, args=(list(range(seeds)),), rounds=2, iterations=1, warmup_rounds=1)
    assert len(results) == seeds


def test_mnist_fc_throughput(benchmark):
    if reason := mnist_data.unavailable_reason("quick"):
        pytest.skip(reason)
    benchmark.extra_info.update(family="LTFN fully connected nets (3 trainings)", seeds=1)
    result = benchmark.pedantic(ltfn_measure.train_fc_parts, args=(0,), rounds=2, iterations=1, warmup_rounds=0)
    assert result["ltfn1_cost_ratio"] < 0.5


def test_quick_convnet_training_throughput(benchmark):
    """LTFN 6's quick ConvNet (1/16 width), in GFLOP/s beside the CPU's nominal peak: the number
    that says why the ConvNet claims dominate the quick suite's time on a CPU."""
    if reason := mnist_data.unavailable_reason("quick"):
        pytest.skip(reason)
    steps = ltfn_config.QUICK.conv_steps

    def same_arm():  # the same initial weights each round
        return (np.random.default_rng([0, 1]), "he", ltfn_config.QUICK.ablation_lr, "quick"), {}

    def trained_afresh(*args):  # a real training each round, not a memoized one
        with memo.fresh(everything=True):
            return ltfn.conv_run(*args)

    run = benchmark.pedantic(trained_afresh, setup=same_arm, rounds=2, iterations=1, warmup_rounds=0)
    assert run["finite"]
    achieved = steps * ltfn.conv_training_flops(ltfn_config.QUICK.conv_widths) / benchmark.stats.stats.min / 1e9
    peak, how = fingerprint.peak_gflops()  # one core's: the quick scale trains on one thread
    benchmark.extra_info.update(
        gflops=round(achieved, 2),
        peak_gflops_one_core=peak and round(peak, 1),
        peak_from=how,
        steps=steps,
        widths=list(ltfn_config.QUICK.conv_widths),
    )
    print(
        f"\nquick ConvNet training (tracing and test batches included): {achieved:.2f} GFLOP/s on one "
        f"thread; one core's nominal float32 peak {peak and round(peak)} GFLOP/s ({how})"
    )
