"""pytest-benchmark fixtures for the paths whose speed the posts talk about.

Skipped in the default run (``--benchmark-skip`` in pytest.ini); the ``tfNNN-bench`` tox lanes run them
without xdist and saves the results. The speedup *claim* measures its own ratio, interleaved in
one process, so it is judged even where pytest-benchmark is off.
"""

import pytest

from reproductions.data import mnist as mnist_data
from reproductions.posts.lcd import linear as lcd
from reproductions.posts.logic import models as logic
from reproductions.posts.ltfn import nets as ltfn
from reproductions.posts.ltfn import runs as ltfn_runs
from reproductions.posts.xnor import gates as xnor_gates
from reproductions.posts.xnor import train as xnor_train
from reproductions.posts.xor import models as xor_keras
from reproductions.suite import fingerprint, memo

GRID = xnor_gates.TIMING_POINTS
pytestmark = [pytest.mark.benchmark, pytest.mark.cpu]


@pytest.mark.parametrize("path", [xnor_gates.per_point_session, xnor_gates.per_point_tf2], ids=["session", "tf2"])
def test_per_point_grid(benchmark, path):
    path(2)  # build the graph / trace outside the timing
    values = benchmark.pedantic(path, args=(GRID,), rounds=3, iterations=1, warmup_rounds=0)
    assert values.shape == (GRID, GRID)


@pytest.mark.parametrize("path", [xnor_gates.vectorized_session, xnor_gates.vectorized_tf2], ids=["session", "tf2"])
def test_vectorized_grid(benchmark, path):
    values = benchmark.pedantic(path, args=(GRID,), rounds=20, iterations=10, warmup_rounds=2)
    assert values.shape == (GRID, GRID)


def test_xnor_training_5000_steps_after_tracing(benchmark):
    xnor_train.runtime.seed_everything(0)
    model = xnor_train.build_model()
    train = xnor_train.compiled_training(model, xnor_train.STEPS)
    history, _ = benchmark.pedantic(train, rounds=5, iterations=1, warmup_rounds=1)
    assert history.shape[0] == xnor_train.STEPS // xnor_train.LOSS_EVERY


# ---- training throughput per claim family (seeds trained per second, compared across versions) ----
FAMILIES = [
    ("logic nets (8 nets a seed)", logic.train_logic_nets, logic.STACK),
    ("Keras XOR configurations", xor_keras.train_xor_configs, xor_keras.STACK),
    ("LCD jittered linear model", lcd.train_jitter10, lcd.STACK),
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
    result = benchmark.pedantic(ltfn_runs.train_fc_parts, args=(0,), rounds=2, iterations=1, warmup_rounds=0)
    assert result["ltfn1_cost_fell"]


def test_quick_convnet_training_throughput(benchmark):
    """LTFN 6's quick ConvNet (1/16 width), in GFLOP/s beside the CPU's nominal peak: the number
    that says why the ConvNet claims dominate the quick suite's time on a CPU."""
    if reason := mnist_data.unavailable_reason("quick"):
        pytest.skip(reason)
    steps = ltfn.CONV_STEPS["quick"]

    def same_arm():  # the same initial weights each round
        return (ltfn.np.random.default_rng([0, 1]), "he", ltfn.ABLATION_LR["quick"], "quick"), {}

    def trained_afresh(*args):  # a real training each round, not a memoized one
        with memo.fresh(everything=True):
            return ltfn.conv_run(*args)

    run = benchmark.pedantic(trained_afresh, setup=same_arm, rounds=2, iterations=1, warmup_rounds=0)
    assert run["finite"]
    achieved = steps * ltfn.conv_training_flops(ltfn.CONV_WIDTHS["quick"]) / benchmark.stats.stats.min / 1e9
    peak, how = fingerprint.peak_gflops()  # one core's: the quick scale trains on one thread
    benchmark.extra_info.update(
        gflops=round(achieved, 2),
        peak_gflops_one_core=peak and round(peak, 1),
        peak_from=how,
        steps=steps,
        widths=list(ltfn.CONV_WIDTHS["quick"]),
    )
    print(
        f"\nquick ConvNet training (tracing and test batches included): {achieved:.2f} GFLOP/s on one "
        f"thread; one core's nominal float32 peak {peak and round(peak)} GFLOP/s ({how})"
    )
