"""Measure a claim over its seeds, judge it against its record, and say what was found.

Shared by the claims test, ``reproductions run`` and ``calibrate``. Runs are cached per (measurement,
seed, scale) in the process, so claims that share a measurement train once, and across processes in a
``run_store`` when the session gives one; ``memo.fresh()`` measures them afresh.
"""

import contextlib
import inspect
import math
import numbers
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import calibration as calibration_files
from . import machine_lock, memo, progress
from .judge import Judgement, judge_claim
from .measurements import check_declared
from .seeds import derive_seed
from .stats import aggregate, is_metric, with_subsets

_runs = memo.cache("measured runs")  # (measurement, seed, scale) -> one seed's run
_from_store = memo.cache("runs read from the run store")  # the same keys -> True, for the report
_seconds = memo.cache("seconds a run took")  # the same keys -> its share of the measuring call's time


MASTER_STRIDE = 1000  # master seed m gives each claim the seeds m*1000, m*1000+1, ...


def seeds_for(claim, requested=None, master=0, scale="quick"):
    """A stochastic claim runs on the requested seeds (default: its own count at the scale, from the
    master seed's block); others on one."""
    if requested is None:
        return list(range(master * MASTER_STRIDE, master * MASTER_STRIDE + claim.seeds_at(scale)))
    return list(requested) if claim.stochastic else list(requested)[:1]


def measure_runs(claim, seeds, scale, device=None, store=None):
    """Per-seed results of the claim's measurement, each computed once per process.

    With a ``store`` (``suite.run_store``), a run it keeps for the same inputs is read instead of
    measured (``read_from_store`` names them), and a new one is kept; never for a timed measurement or
    inside ``memo.fresh()``. ``device`` places the measuring ("cpu"/"gpu"; None: TensorFlow's choice).
    A measurement marked ``seeds_at_once`` trains all missing seeds together (one stacked model)
    and returns one result per seed; each seed's result must not depend on the others.
    """
    measure = claim.measure
    keep = store if store is not None and store.keeps(measure, device) and not memo.is_fresh() else None
    for seed in seeds:
        if keep and (measure.name, seed, scale) not in _runs:
            if (run := keep.load(measure, seed, scale, device)) is not None:
                _runs[(measure.name, seed, scale)] = run
                _from_store[(measure.name, seed, scale)] = True
    missing = [seed for seed in seeds if (measure.name, seed, scale) not in _runs]
    if missing:
        from . import runtime

        with runtime.on_device(device) if device else contextlib.nullcontext():
            results, seconds = _measure(measure, missing, scale)
        for seed, result, took in zip(missing, results, seconds):
            _runs[(measure.name, seed, scale)] = check_declared(measure, result)
            _seconds[(measure.name, seed, scale)] = took
            _from_store.pop((measure.name, seed, scale), None)
            if keep:
                keep.save(measure, seed, scale, device, result, runtime.environment())
    return [_runs[(measure.name, seed, scale)] for seed in seeds]


def read_from_store(claim, seeds, scale):
    """The seeds whose runs this process read from the run store (for any claim of the measurement)."""
    return [seed for seed in seeds if (claim.measure.name, seed, scale) in _from_store]


def compute(claim, seeds, scale):
    """The measurement's work and time for the seeds this process measured (runs read from the
    store or shared with another claim's call are timed once, where they ran): the report sums
    them per measurement, one entry per (measurement, scale, seed)."""
    measure = claim.measure
    timed = {seed: _seconds[(measure.name, seed, scale)] for seed in seeds if (measure.name, seed, scale) in _seconds}
    flops = getattr(measure, "flops", None)
    return {
        "measurement": measure.name,
        "flops_per_seed": flops(scale) if flops and timed else None,
        "seconds": {str(seed): round(s, 3) for seed, s in timed.items()},
    }


def _measure(measure, seeds, scale):
    """The runs of ``seeds`` and the seconds each took, timed inside the machine lock (waiting for
    a timed claim is not a run's time); seeds measured together share their call's time."""
    run_seeds = [derive_seed(measure.name, seed) for seed in seeds]
    alone = getattr(measure, "timed", False)
    if measure.seeds_at_once:
        with machine_lock.machine(exclusive=alone):
            started = time.perf_counter()
            results = measure(run_seeds, scale=scale)
            return results, [(time.perf_counter() - started) / len(seeds)] * len(seeds)
    results, seconds = [], []
    for index, (seed, run_seed) in enumerate(zip(seeds, run_seeds)):
        if watcher := progress.active():
            watcher.seed(index, len(seeds), seed)
        with machine_lock.machine(exclusive=alone):  # a seed at a time: a timer waits for one run, not all
            started = time.perf_counter()
            results.append(measure(run_seed, scale=scale))
            seconds.append(time.perf_counter() - started)
    return results, seconds


@dataclass
class Result:
    claim: object
    seeds: list
    scale: str
    device: str
    measured: dict
    checks: list
    explains: list
    verdict: str
    duration_s: float
    environment: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    not_judged: list = field(default_factory=list)  # checks that apply at another scale only
    calibrated: dict = field(default_factory=dict)  # judged metric -> its calibrated spread {min, max, n}
    stored_seeds: list = field(default_factory=list)  # seeds whose runs were read from the run store
    compute: dict = field(default_factory=dict)  # the measurement's work and time (engine.compute)

    @property
    def basis(self):
        """What the verdict rests on, shown beside it wherever it is shown:

        - "stand-in": no original code exists, so a model of ours is judged in its place (the record
          says which, in ``stand_in``);
        - "proxy": this run did not judge the documented protocol: a check of the documented result
          was left to the documented scale, the claim's documented protocol needs a GPU and this
          scale ran scaled-down nets (LTFN 5/6's 1/16-width ConvNets), or it trained on the offline
          5,000-digit MNIST subset where the post trains on full MNIST;
        - "documented" otherwise (quick-only checks skipped at the documented scale leave the
          documented number judged)."""
        if self.claim.stand_in:
            return "stand-in"
        from ..data.mnist import FULL_NAME

        scaled_down = self.claim.gpu_at_documented and self.scale != "documented"
        left = any(c.at == "documented" and self.scale != "documented" for c in self.claim.checks)
        on_subset = self.measured.get("data") not in (None, FULL_NAME)
        return "proxy" if scaled_down or left or on_subset else "documented"

    @property
    def passed(self):
        return Judgement(self.claim.expected, self.checks, self.explains, self.verdict, self.not_judged).passed

    def failure_message(self):
        failed = [j.text for j in self.checks + self.explains if not j.ok] or [j.text for j in self.checks]
        return (
            f"{self.claim.id}: expected {self.claim.expected}, measured {self.verdict} "
            f"on seeds {self.seeds}: " + "; ".join(failed)
        )

    def judged_values(self):
        """The measured values this claim's checks judge, with their spread over seeds."""
        judged = {j.metric.split(".")[0] for j in self.checks + self.explains}
        return {
            k: v
            for k, v in self.measured.items()
            if k.split(".")[0] in judged and (is_metric(v) or isinstance(v, list))
        }

    def record(self):
        """Plain-Python summary for the report (it travels between xdist processes)."""
        return plain(
            {
                "id": self.claim.id,
                "verdict": self.verdict,
                "basis": self.basis,
                "not_judged": self.not_judged,
                "measured": self.judged_values(),
                "checks": [{"ok": j.ok, "state": j.state, "text": j.text, "metric": j.metric} for j in self.checks],
                "explains": [{"ok": j.ok, "state": j.state, "text": j.text, "metric": j.metric} for j in self.explains],
                "data": self.measured.get("data"),
                "seeds": self.seeds,
                "scale": self.scale,
                "device": self.device,
                "duration_s": round(self.duration_s, 3),
                "environment": self.environment,
                "figures": self.figures,
                "calibrated": self.calibrated,
                "stored_seeds": self.stored_seeds,
                "compute": self.compute,
                "worker": os.environ.get("PYTEST_XDIST_WORKER", "main"),  # where it ran: runs are shared per process
            }
        )


def plain(value):
    """NumPy scalars and tuples to Python numbers and lists, recursively."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def scale_for(claim, scale):
    """The scale a claim runs at: the requested one, except that a claim whose documented protocol
    costs what its quick one does (``documented_when_data``) runs it at the quick scale too, wherever
    the data it needs is here."""
    if scale == "quick" and claim.documented_when_data:
        from ..data import mnist

        if not mnist.unavailable_reason("documented"):
            return "documented"
    return scale


def check_claim(claim, seeds=None, scale="quick", device="cpu", figures_dir=None, master=0, store=None):
    """Measure (or read from ``store`` what was measured for the same inputs), judge and
    (optionally) draw one claim."""
    from . import runtime

    started = time.perf_counter()
    scale = scale_for(claim, scale)
    seeds = seeds_for(claim, seeds, master, scale)
    runs = with_subsets(measure_runs(claim, seeds, scale, device, store), claim.among)
    stored = read_from_store(claim, seeds, scale)
    measured = aggregate(runs)
    calibration = calibration_files.load(claim, scale, data_set=measured.get("data"))
    if calibration is not None:
        calibration = calibration.without(seeds)  # never judge a sample against itself
    judged = judge_claim(claim, measured, calibration, scale)
    figures = []
    if figures_dir is not None and claim.figure:
        figures.append(draw(claim, runs, figures_dir))
    result = Result(
        claim,
        seeds,
        scale,
        device,
        measured,
        judged.checks,
        judged.explains,
        judged.verdict,
        time.perf_counter() - started,
        store.environment if store is not None and stored == seeds and store.environment else runtime.environment(),
        figures,
        judged.not_judged,
        stored_seeds=stored,
        compute=compute(claim, seeds, scale) if claim.measure else {},
    )
    result.calibrated = calibrated_spread(calibration, {k.split(".")[0] for k in result.judged_values()})
    return result


def calibrated_spread(calibration, metrics):
    """Each judged metric's spread over the calibration's seeds, for ``reproductions compare``."""
    if calibration is None:
        return {}
    spread = {}
    for metric in sorted(metrics):
        values = [run.get(metric) for run in calibration.runs]
        values = [
            float(v) for v in values if isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)
        ]
        if values:
            spread[metric] = {"min": min(values), "max": max(values), "n": len(values)}
    return spread


def draw(claim, runs, figures_dir):
    """Regenerate the post's figure for the claim; returns its file name."""
    directory = Path(figures_dir)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{claim.id}.png"
    tmp = directory / f".{name}.tmp.png"
    if "documented" in inspect.signature(claim.figure).parameters:  # marks the post's numbers
        claim.figure(runs, tmp, documented=claim.documented)
    else:
        claim.figure(runs, tmp)
    os.replace(tmp, directory / name)
    return f"figures/{name}"
