"""One pytest session of the claims suite: its options read and checked, where each claim runs, and the
entries it collects for the report.

The plugin (``reproductions.pytest_plugin``) wires pytest's hooks to this, for the suite's own claims
only. Under pytest-xdist, workers measure and the controller collects every claim's entry from the
test reports (``record_property`` travels with them) and writes the report once. Imports neither
TensorFlow, NumPy nor the posts until a claim is selected: every pytest session of an environment
that has the package installed creates one.
"""

import contextlib
import importlib.util
import json
import os
import shlex
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from .. import __version__
from . import compute, fingerprint, progress, render, report, run_store, runtime
from .errors import NO_TENSORFLOW, MissingDependency
from .placement import device_plan, resolve_scale
from .report import entry_for
from .seeds import SeedSpecError, format_seeds, parse_seeds

CLAIMS_TEST = "test_claims.py::test_claim["


def tensorflow_installed():
    return importlib.util.find_spec("tensorflow") is not None


# ---- the session --------------------------------------------------------------------------------
class Session:
    """Options of this run, the claims it selected, and the report entries it collected."""

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
        self.on_cpu = config.getoption("repro_on_cpu")
        if config.getoption("repro_mnist"):
            os.environ["REPRO_MNIST"] = str(config.getoption("repro_mnist"))  # inherited by xdist workers
        self.store = None
        if not (config.getoption("repro_no_cache") or run_store.disabled_by_environment()):
            self.store = run_store.RunStore(run_store.default_dir())
        self.entries = {}
        self.selected = set()  # claim ids this run set out to judge; fewer results make it partial
        self.prepared = False
        self.started = time.time()
        self.environment = None
        self.interrupted = False

    @property
    def is_worker(self):
        return hasattr(self.config, "workerinput")

    # -- before the claims run --
    def require_a_gpu(self):
        """--repro-require-gpu: a session without a GPU is a usage error, so a GPU lane cannot pass by skipping."""
        try:
            device_plan(set(), runtime.gpus(), require_gpu=True)
        except (RuntimeError, MissingDependency) as err:
            raise pytest.UsageError(str(err)) from None

    def plan_devices(self, items):
        """Skip the gpu claims (with the reason) when TensorFlow sees no GPU and --repro-on-cpu is not given."""
        runtime.use_scale(self.scale)  # before TensorFlow starts: its thread pools are sized once
        gpu_items = [item for item in items if item.get_closest_marker("gpu")]
        if not gpu_items or not tensorflow_installed():
            return  # without TensorFlow, claims_selected stops the session with one line
        visible = runtime.gpus()
        for item in gpu_items:
            _, reason = device_plan({"gpu"}, visible, on_cpu=self.on_cpu)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))

    def device_for(self, item):
        if not item.get_closest_marker("gpu"):
            return "cpu"
        device, _ = device_plan({"gpu"}, runtime.gpus(), on_cpu=self.on_cpu)
        return device

    def is_claim_nodeid(self, nodeid):
        """Whether a node id (all the xdist controller gets) is a test of this package's claims test
        module itself, by its file, not by its name: another project's ``test_claims.py`` is not."""
        if CLAIMS_TEST not in nodeid:
            return False
        path = Path(self.config.rootpath) / nodeid.split("::", 1)[0]
        return path.resolve() == (Path(__file__).resolve().parents[1] / "test_claims.py")

    def claims_selected(self, nodeids):
        """Claims are about to run: TensorFlow must be installed, and the controller checks once that
        the report folder can be written (one line, before anything is trained)."""
        self.selected |= {claim_id_of(nodeid) for nodeid in nodeids} - {None}
        if self.prepared or self.is_worker or self.config.option.collectonly:
            return
        self.prepared = True
        if not tensorflow_installed():
            raise pytest.UsageError(NO_TENSORFLOW)
        try:
            report.check_writable(self.report_dir)
        except report.ReportDirError as err:
            raise pytest.UsageError(f"--repro-report-dir: {err}") from None

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
            f"devices {fingerprint.driver_devices()} (TensorFlow's own view is in the report); "
            f"scale {self.scale}; seeds {seeds}; report in {self.report_dir}/",
            f"machine {fingerprint.describe_fingerprint(env['machine'])} (calibrations recorded on "
            f"another fingerprint are compared with a second run, not bit for bit)",
            f"reproduce with: {self.command()}",
        ]

    def check(self, claim, device):
        from ..data import mnist
        from . import engine

        if "dataset" in claim.markers and (reason := mnist.unavailable_reason(self.scale)):
            pytest.skip(reason)
        watched = device == "cpu" and self.scale == "documented" and claim.gpu_at_documented
        # a GPU's documented protocol on the CPU takes hours: progress goes to the terminal, past capture
        with progress.reporting(sys.__stderr__) if watched else contextlib.nullcontext():
            return engine.check_claim(
                claim,
                self.seeds,
                self.scale,
                device,
                figures_dir=f"{self.report_dir}/figures",
                master=self.master,
                store=self.store,
            )

    # -- while they run, on the controller --
    def collect(self, report):
        """One claim's entry from its test report (the controller's copy under xdist)."""
        from .registry import REGISTRY

        claim_id = claim_id_of(report.nodeid)
        if self.is_worker or claim_id not in REGISTRY:
            return
        claim = REGISTRY[claim_id]
        recorded = dict(report.user_properties).get("claim")
        result = json.loads(recorded) if recorded else None
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

    def partial(self, exitstatus):
        """Interrupted, or short of a result for a claim it selected (stopped by -x or --maxfail)."""
        stopped = self.interrupted or exitstatus == pytest.ExitCode.INTERRUPTED
        return bool(stopped or self.selected - set(self.entries))

    # -- at the end --
    def finish(self, session, exitstatus):
        if self.is_worker or not self.entries:
            return
        from .registry import CLAIMS

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
            "peak": dict(zip(("gflops", "how"), fingerprint.peak_gflops())),  # one core's, for suite.compute
        }
        try:
            report.write(self.report_dir, report.build(self.entries, meta, [c.id for c in CLAIMS]))
        except report.ReportDirError as err:  # already says which folder and why
            sys.stderr.write(f"reproductions: {err}\n")
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR

    def summary(self, terminalreporter):
        if self.is_worker or not self.entries:
            return
        from .registry import CLAIMS

        built = report.build(self.entries, {}, [c.id for c in CLAIMS])
        terminalreporter.section("claims")
        for line in self.header():
            terminalreporter.write_line(line)
        for line, failed in render.terminal_table(built):
            terminalreporter.write_line(line, red=failed)
        terminalreporter.write_line(f"{render.badge(built)['message']} · report: {self.report_dir}/claims.md")
        if line := compute.summary_line(built["claims"], fingerprint.peak_gflops()[0]):
            terminalreporter.write_line(line)
        if hint := fetch_hint(built):
            terminalreporter.write_line(hint)


def fetch_hint(built):
    """The one command that would judge the documented MNIST numbers a run left to proxies or could
    not run, when full MNIST is not here ("" otherwise)."""
    from ..data import mnist
    from .registry import REGISTRY

    waiting = [
        e["id"]
        for e in built["claims"]
        if "dataset" in REGISTRY[e["id"]].markers and (e.get("basis") == "proxy" or e.get("outcome") == "skipped")
    ]
    if not waiting or not (reason := mnist.unavailable_reason("documented")):
        return ""
    return (
        f"{len(waiting)} of the MNIST claims were judged by proxy or not at all: {reason}; then: "
        f"reproductions report --repro-scale documented -m 'dataset and not gpu'"
    )


def claim_id_of(nodeid):
    """The claim id in a claims test's node id (None for any other test)."""
    if CLAIMS_TEST not in nodeid:
        return None
    return nodeid.split(CLAIMS_TEST, 1)[1].split("]@", 1)[0].rstrip("]")  # xdist adds "@<group>"


def _last_line(report):
    text = report.longreprtext.strip().splitlines()
    errors = [line for line in text if line.startswith("E ")]
    return (errors[0][1:].strip() if errors else (text[-1] if text else "failed"))[:500]
