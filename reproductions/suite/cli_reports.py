"""The commands that read reports: ``matrix``, ``compare``, ``readme`` and ``bench``. They import
neither NumPy nor TensorFlow, nor the posts (tests/test_imports.py)."""

import json

from .cli_args import FAILED, OK, UsageError


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


def compare_benchmarks(args, out):
    from . import bench

    try:
        out.write(bench.compare(args.bench_dirs))
    except bench.BenchError as err:
        raise UsageError(str(err)) from None
    return 0
