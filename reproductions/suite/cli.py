"""Command line: reproductions list | run ID | calibrate ID | report | matrix DIR... | compare BASE NEW |
readme | bench DIR... | false-alarms [ID...] | fetch-mnist.  (``python -m reproductions`` is the same.)

Exit statuses (README lists them): 0 all well; 1 a claim failed its expected verdict, or a verdict
differs (``compare``, ``matrix``); 2 a usage error; 3 a package it needs is missing (TensorFlow,
pytest); 4 an internal error (the report could not be written, pytest's internal error); 5 no claim
selected; 130 interrupted. Errors are one line on stderr.

The commands that read reports (``matrix``, ``compare``, ``readme``, ``bench``) are in ``cli_reports``
and import neither NumPy nor TensorFlow, nor the posts; the grammar is ``cli_args``; ``list`` never
imports TensorFlow.
"""

import importlib.util
import json
import sys

from . import errors
from .cli_args import (
    INTERNAL_ERROR,
    INTERRUPTED,
    MISSING_DEPENDENCY,
    OK,
    PYTEST_STATUS,
    USAGE_ERROR,
    UsageError,
    build_parser,
)
from .cli_reports import compare_benchmarks, compare_reports, merge_matrix, regenerate_readme
from .seeds import SeedSpecError, parse_seeds


def list_claims(args, out):
    from . import registry

    if args.ids:
        out.write("".join(f"{c.id}\n" for c in registry.CLAIMS))
    elif args.format == "json":
        records = [c.as_dict() for c in registry.CLAIMS]
        out.write(json.dumps(records, indent=1) + "\n")
    else:
        width = max(len(c.id) for c in registry.CLAIMS)
        out.write(f"{'claim':<{width}}  {'expected':<14}  {'status':<9}  statement\n")
        for c in registry.CLAIMS:
            status = "n/a" if c.unavailable else "measured"
            statement = c.statement if len(c.statement) < 70 else c.statement[:69] + "…"
            out.write(f"{c.id:<{width}}  {c.expected:<14}  {status:<9}  {statement}\n")
    return 0


def runnable(args):
    """The claim ``run`` or ``calibrate`` names and the device it measures on; one line when it
    cannot run here."""
    from . import registry, runtime

    runtime.use_scale(args.scale)  # before TensorFlow starts: its thread pools are sized once
    claim = registry.get(args.claim)
    if importlib.util.find_spec("tensorflow") is None:
        raise errors.MissingDependency(errors.NO_TENSORFLOW)
    if claim.skip_reason:
        raise UsageError(f"{claim.id} cannot run: {claim.skip_reason}")
    device = device_for(claim, args)  # a GPU claim on the CPU is refused first: the data would not help
    if "dataset" in claim.markers:
        from ..data import mnist

        if reason := mnist.unavailable_reason(args.scale):  # before TensorFlow is imported
            raise UsageError(f"{claim.id} cannot run at {args.scale} scale: {reason}")
    return claim, device


def seeds_of(spec):
    try:
        return parse_seeds(spec) if spec is not None else None
    except SeedSpecError as err:
        raise UsageError(f"--seeds: {err}") from None


def device_for(claim, args):
    """Where ``run`` and ``calibrate`` measure: a claim marked gpu at the documented scale on a GPU, or
    on the CPU only when asked (--on-cpu); everything else on the CPU."""
    if not (claim.gpu_at_documented and args.scale == "documented"):
        return "cpu"
    from . import runtime
    from .placement import device_plan

    device, reason = device_plan({"gpu"}, runtime.gpus(), on_cpu=args.on_cpu)
    if reason:  # in this command's words
        reason = reason.replace("--repro-on-cpu", "--on-cpu").replace("--repro-scale", "--scale")
        raise UsageError(f"{claim.id} at the documented scale {reason}")
    return device


def run_claim(args, out):
    claim, device = runnable(args)
    if reason := claim.skip_reason_at(args.scale):  # its measurement can still be calibrated here
        raise UsageError(f"{claim.id}: {reason} (see --scale documented)")
    seeds = seeds_of(args.seeds)
    from contextlib import nullcontext

    from . import engine, progress

    # the documented scale takes minutes to hours on a CPU: say how far along it is
    with progress.reporting() if args.scale == "documented" else nullcontext():
        result = engine.check_claim(claim, seeds, args.scale, device)
    out.write(f"{claim.id} · {claim.source}\n")
    out.write(f"  claim     {claim.statement}\n")
    for key, value in claim.documented.items():
        out.write(f"  documented {key} = {value}\n")
    for judged in result.checks + result.explains:
        out.write(f"  {'✔' if judged.ok else '✘'} {judged.text}\n")
    out.write(
        f"  verdict   {result.verdict} (expected {claim.expected}) on seeds {result.seeds}, "
        f"{result.scale} scale, {result.duration_s:.1f} s\n"
    )
    if data := result.measured.get("data"):
        out.write(f"  data      {data}\n")
    return 0 if result.passed else 1


def calibrate(args, out):
    claim, device = runnable(args)
    from . import calibration, engine, registry, runtime

    recorded = calibration.recorded_seeds(claim.measure, args.scale)
    if args.add_seeds is not None:
        return add_seeds(claim, device, args, out)
    # a re-recording keeps the seeds a calibration was recorded with, so siblings keep their tolerances
    seeds = seeds_of(args.seeds) or recorded or list(range(calibration.MIN_SEEDS))
    if len(seeds) < calibration.MIN_SEEDS:
        raise UsageError(f"--seeds: a calibration needs at least {calibration.MIN_SEEDS} seeds, got {len(seeds)}")
    calibration.check_writable(claim.measure, scale=args.scale)
    with runtime.on_device(device):
        runs = engine.measure_runs(claim, seeds, args.scale)
    users = registry.users_of(claim.measure)
    path = calibration.record(claim, seeds, args.scale, runs, runtime.environment(), users)
    out.write(f"recorded {len(seeds)} seeds of {claim.measure.name} (used by {', '.join(users)}) to {path}\n")
    return 0


def add_seeds(claim, device, args, out):
    """Measure only new seeds and append them to the calibration recorded on this fingerprint."""
    from . import calibration, engine, runtime

    existing = calibration.load(claim, args.scale, minimum=1)
    if existing is None:
        raise UsageError(f"--add-seeds: {claim.measure.name} has no calibration at the {args.scale} scale to add to")
    if differs := existing.foreign_to(runtime.static_environment()):
        raise UsageError(f"--add-seeds: {existing.path.name} was recorded on {differs}; re-record all its seeds here")
    if stale := {k for run in existing.data["runs"] for k in run} ^ set(claim.measure.metrics):
        raise UsageError(
            f"--add-seeds: {existing.path.name} records other metrics than {claim.measure.name} returns "
            f"({', '.join(sorted(stale))}); re-record all its seeds"
        )
    old = existing.data["meta"]["seeds"]
    new = [seed for seed in seeds_of(args.add_seeds) if seed not in old]
    calibration.check_writable(claim.measure, scale=args.scale)
    with runtime.on_device(device):
        runs = existing.data["runs"] + engine.measure_runs(claim, new, args.scale)
    path = calibration.record(claim, old + new, args.scale, runs, existing.environment, existing.data["meta"]["claims"])
    out.write(f"added {len(new)} seeds to {claim.measure.name}: {len(old) + len(new)} recorded in {path}\n")
    return 0


def report(args, out):
    """The claims test shipped in the package, under pytest, from any folder; pytest's exit status
    mapped to this command's (see EXIT_STATUSES)."""
    from pathlib import Path

    if importlib.util.find_spec("pytest") is None:
        raise errors.MissingDependency(errors.NO_PYTEST)
    if importlib.util.find_spec("tensorflow") is None:
        raise errors.MissingDependency(errors.NO_TENSORFLOW)
    import pytest

    claims_test = Path(__file__).resolve().parents[1] / "test_claims.py"
    given = args.pytest_args
    extra = [
        "-p",
        "no:cacheprovider",  # an installed package's folder is no place for .pytest_cache
        # this command imported the package before pytest could mark it for assertion rewriting,
        # which it has no use for (the claims test's own asserts are rewritten): the warning is noise
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
    ]
    if any(a.startswith(("-n", "--numprocesses")) for a in given) and not any(a.startswith("--dist") for a in given):
        extra.append("--dist=loadgroup")  # claims that share a training run share a worker
    interrupts = InterruptWatch()
    status = int(pytest.main([str(claims_test), *extra, *given], plugins=[interrupts]))
    if status == pytest.ExitCode.INTERRUPTED and not interrupts.seen:
        return INTERNAL_ERROR  # pytest says "interrupted" for collection errors too: nobody pressed Ctrl-C
    return PYTEST_STATUS.get(status, INTERNAL_ERROR)


class InterruptWatch:
    """A pytest plugin telling a Ctrl-C from the other causes of pytest's exit status 2."""

    seen = False

    def pytest_keyboard_interrupt(self, excinfo):
        self.seen = excinfo.type is KeyboardInterrupt  # a collection error arrives as Session.Interrupted


def false_alarms(args, out):
    from . import alarms, registry

    for claim_id in args.claims:
        registry.get(claim_id)  # an unknown id is one line
    resamples = alarms.RESAMPLES if args.resamples is None else args.resamples
    if resamples < 1:
        raise UsageError("--resamples: expected a positive integer")
    rates = alarms.suite_rates(resamples, args.scale, set(args.claims) or None)
    if not rates:
        raise UsageError(f"no calibrated claim to judge at the {args.scale} scale")
    out.write(alarms.text(rates))
    return 0 if args.claims or alarms.suite_bound(rates) <= alarms.SUITE_TARGET else 1


def fetch_mnist(args, out):
    from ..data import fetch

    try:
        where = fetch.fetch(args.dir, keras_first=not args.skip_keras)
    except fetch.FetchError as err:
        raise UsageError(str(err)) from None
    out.write(f"full MNIST verified at {where}\n")
    return 0


def main(argv=None, out=None):
    out = out or sys.stdout
    from .calibration import CalibrationError
    from .measurements import MeasurementError
    from .report import ReportDirError

    try:
        args, extra = build_parser().parse_known_args(argv)
        if extra and args.command != "report":
            raise UsageError(f"unrecognized arguments: {' '.join(extra)}")
        args.pytest_args = extra
        command = {
            "list": list_claims,
            "run": run_claim,
            "calibrate": calibrate,
            "report": report,
            "matrix": merge_matrix,
            "compare": compare_reports,
            "readme": regenerate_readme,
            "bench": compare_benchmarks,
            "false-alarms": false_alarms,
            "fetch-mnist": fetch_mnist,
        }[args.command]
        return command(args, out)
    except errors.MissingDependency as err:
        sys.stderr.write(f"reproductions: error: {err}\n")
        return MISSING_DEPENDENCY
    except (
        UsageError,
        errors.UnknownClaimError,
        errors.MnistUnavailable,
        CalibrationError,
        MeasurementError,
        ReportDirError,
    ) as err:
        sys.stderr.write(f"reproductions: error: {err}\n")
        return USAGE_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("reproductions: interrupted\n")
        return INTERRUPTED
    except BrokenPipeError:  # e.g. "list | head": the reader left, nothing more to say
        sys.stderr.close()
        return OK


def console():
    """The ``reproductions`` console script."""
    sys.exit(main())
