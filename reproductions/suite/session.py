"""One pytest session of the claims suite: its options read and checked, where each claim runs, and the
entries it collects for the report.

The plugin (``reproductions.pytest_plugin``) only wires pytest's hooks to this. Under pytest-xdist,
workers measure and the controller collects every claim's entry from the test reports
(``record_property`` travels with them) and writes the report once.
"""

import ast
import contextlib
import shlex
import sys
import time
from datetime import datetime, timezone

import pytest

from .. import __version__
from . import progress, render, report, runtime
from .registry import CLAIMS, REGISTRY
from .report import entry_for
from .seeds import SeedSpecError, format_seeds, parse_seeds

SCALES = ("quick", "documented")


# ---- scale and device policy --------------------------------------------------------------------
def marker_expression_keeps(markexpr, markers):
    """Whether pytest's ``-m`` expression (names joined by and/or/not, parentheses) keeps a test
    carrying ``markers``. Raises ValueError for anything else; pytest reports it itself."""
    def evaluate(node):
        if isinstance(node, ast.BoolOp):
            values = [evaluate(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not evaluate(node.operand)
        if isinstance(node, ast.Name):
            return node.id in markers
        raise ValueError(f"unsupported -m expression: {markexpr!r}")
    try:
        return evaluate(ast.parse(markexpr, mode="eval").body)
    except SyntaxError:
        raise ValueError(f"unparsable -m expression: {markexpr!r}") from None


def selects_only_gpu(markexpr):
    """Whether a -m expression keeps gpu-marked claims and drops cpu-marked ones."""
    if not markexpr:
        return False
    try:
        return (marker_expression_keeps(markexpr, {"gpu", "slow", "dataset"})
                and not marker_expression_keeps(markexpr, {"cpu", "dataset", "benchmark"}))
    except ValueError:  # an expression this cannot read is pytest's to report
        return False


def resolve_scale(option, markexpr):
    return option or ("documented" if selects_only_gpu(markexpr) else "quick")


def device_plan(markers, visible_gpus, require_gpu=False, on_cpu=False):
    """Where a claim runs: ("gpu"|"cpu", skip reason or None). ``on_cpu`` (--repro-on-cpu): a gpu
    claim runs on the CPU when TensorFlow sees no GPU, instead of skipping.

    Raises RuntimeError for --require-gpu without a GPU, so a GPU lane cannot pass by skipping.
    """
    if require_gpu and not visible_gpus:
        raise RuntimeError("--require-gpu: TensorFlow sees no GPU (tf.config.list_physical_devices('GPU') is empty)")
    if "gpu" in markers:
        if visible_gpus:
            return "gpu", None
        if on_cpu:
            return "cpu", None
        return "gpu", ("needs a GPU: TensorFlow sees none (tf.config.list_physical_devices('GPU') is empty); "
                       "run it on a GPU machine, with --repro-on-cpu on this CPU (hours), or with "
                       "--repro-scale quick")
    return "cpu", None


def claim_markers(claim, scale):
    """Markers of one claim at one scale: heavy documented protocols go to the GPU."""
    on_gpu = scale == "documented" and claim.gpu_at_documented
    names = ["gpu", "slow"] if on_gpu else ["cpu"]
    return names + [m for m in claim.markers if m not in names]


def claim_params(scale):
    """The claims test's parameters: every registered claim, with its markers at this scale."""
    params = []
    for claim in CLAIMS:
        marks = [getattr(pytest.mark, name) for name in claim_markers(claim, scale)]
        group = claim.measure.name if claim.measure else claim.id
        marks.append(pytest.mark.xdist_group(group))  # claims sharing runs share a worker
        if claim.skip_reason:
            marks.append(pytest.mark.skip(reason=claim.skip_reason))
        params.append(pytest.param(claim, id=claim.id, marks=marks))
    return params


# ---- the session --------------------------------------------------------------------------------
class Session:
    """Options of this run, the claims it selected, and the report entries it collected.

    Registered as a plugin object: its ``pytest_*`` methods are hooks of the running session.
    """

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
        self.on_cpu = config.getoption("repro_on_cpu")
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

    def header(self):
        env = runtime.static_environment()
        seeds = format_seeds(self.seeds) if self.seeds else "each claim's default (0..n-1)"
        return [
            f"reproductions {__version__}: TensorFlow {env['tensorflow']}, Keras {env['keras']}, "
            f"NumPy {env['numpy']}, Python {env['python']}, oneDNN {env['onednn']}",
            f"reproductions: devices {runtime.driver_devices()} (TensorFlow's own view is in the report); "
            f"scale {self.scale}; seeds {seeds}; report in {self.report_dir}/",
            f"reproductions: machine {runtime.describe_fingerprint(env['machine'])} (calibrations recorded on "
            f"another fingerprint are compared with a second run, not bit for bit)",
            f"reproductions: reproduce with: {self.command()}",
        ]

    def check(self, claim, device):
        from ..data import mnist
        from . import engine

        if "dataset" in claim.markers and (reason := mnist.unavailable_reason(self.scale)):
            pytest.skip(reason)
        watched = device == "cpu" and self.scale == "documented" and claim.gpu_at_documented
        # a GPU's documented protocol on the CPU takes hours: progress goes to the terminal, past capture
        with progress.reporting(sys.__stderr__) if watched else contextlib.nullcontext():
            return engine.check_claim(claim, self.seeds, self.scale, device,
                                      figures_dir=f"{self.report_dir}/figures", master=self.master)

    # -- hooks of the running session --
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
        terminalreporter.section("claims")
        for line, failed in render.terminal_table(built):
            terminalreporter.write_line(line, red=failed)
        terminalreporter.write_line(f"{render.badge(built)['message']} · report: {self.report_dir}/claims.md")
        if hint := fetch_hint(built):
            terminalreporter.write_line(hint)


def fetch_hint(built):
    """The one command that would judge the documented MNIST numbers a run left to proxies or could
    not run, when full MNIST is not here ("" otherwise)."""
    from ..data import mnist

    waiting = [e["id"] for e in built["claims"] if "dataset" in REGISTRY[e["id"]].markers
               and (e.get("basis") == "proxy" or e.get("outcome") == "skipped")]
    if not waiting or not (reason := mnist.unavailable_reason("documented")):
        return ""
    return (f"{len(waiting)} of the MNIST claims were judged by proxy or not at all: {reason}; then: "
            f"python -m reproductions report --repro-scale documented -m 'dataset and not gpu'")


def claim_id_of(nodeid):
    if "test_claim[" not in nodeid:
        return None
    claim_id = nodeid.split("test_claim[", 1)[1].split("]@", 1)[0].rstrip("]")  # xdist adds "@<group>"
    return claim_id if claim_id in REGISTRY else None


def _last_line(report):
    text = report.longreprtext.strip().splitlines()
    errors = [line for line in text if line.startswith("E ")]
    return (errors[0][1:].strip() if errors else (text[-1] if text else "failed"))[:500]
