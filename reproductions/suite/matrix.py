"""The version × claim matrix: one row per claim, one column per tox lane (a TensorFlow version).

Each lane writes its own ``claims.json``; ``reproductions matrix DIR...`` merges them, and with
``--publish`` also copies the newest TensorFlow's badge, claims.md and figures beside the matrix.
Claims whose verdict differs between versions come first: they are what a reader needs to see.
Reads reports only: no registry, no NumPy, no TensorFlow (the workflow runs it on a bare Python).
"""

import shutil
from pathlib import Path

from .render import judged_metrics, measured_text, verdict_text
from .report import ReportDirError, ReportError, json_text, write_atomically
from .report import read as read_report


class MatrixError(ValueError):
    """A folder that holds no readable claims report."""


def load_lane(folder):
    """The report in ``folder``, named by the TensorFlow version it ran on."""
    path = Path(folder) / "claims.json"
    if not path.is_file():
        raise MatrixError(
            f"{folder}: holds no claims report (claims.json); run a tox lane or "
            f"`pytest --repro-report-dir={folder}` first"
        )
    try:
        report = read_report(path)
    except ReportError as err:
        raise MatrixError(str(err)) from None
    environment = report["meta"]["environment"]
    return {
        "lane": Path(folder).name,
        "tensorflow": environment["tensorflow"],
        "keras": environment.get("keras", "?"),
        "numpy": environment.get("numpy", "?"),
        "python": environment.get("python", "?"),
        "partial": bool(report["meta"].get("partial")),
        "generated": report["meta"].get("generated", ""),
        "registered": report["meta"].get("registered", []),
        "folder": str(folder),
        "entries": {e["id"]: e for e in report["claims"]},
    }


def version_key(lane):
    return tuple(int(p) if p.isdigit() else 0 for p in lane["tensorflow"].split(".")[:3]), lane["lane"]


def cell(entry):
    """What one lane says about one claim: the verdict and what it rests on, and the judged values
    as numbers (medians over seeds)."""
    if entry is None:
        return {"verdict": None, "basis": None, "outcome": "not run", "measured": {}}
    return {
        "verdict": entry["verdict"],
        "basis": entry.get("basis"),
        "outcome": entry["outcome"],
        "measured": {k: entry["measured"][k] for k in judged_metrics(entry)},
    }


def claim_ids(lanes):
    """Every claim id the lanes registered, in registry order (a newer lane's new claims at the end)."""
    ids = {}
    for lane in lanes:
        ids.update(dict.fromkeys(lane["registered"] or lane["entries"]))
    return list(ids)


def build(lanes):
    """Rows in registry order, each with its cells in TensorFlow-version order."""
    lanes = sorted(lanes, key=version_key)
    rows = []
    for claim_id in claim_ids(lanes):
        entries = [lane["entries"].get(claim_id) for lane in lanes]
        cells = [cell(entry) for entry in entries]
        ran = [c for c in cells if c["outcome"] != "not run"]
        changes = len({(c["verdict"], c["basis"]) for c in ran}) > 1
        expected = next((e["expected_verdict"] for e in entries if e), None)
        rows.append(
            {
                "id": claim_id,
                "expected_verdict": expected,
                "changes": changes,
                "failing": sum(c["outcome"] == "failed" for c in cells),
                "cells": cells,
                "texts": [_text(e) for e in entries],
            }
        )
    columns = [
        {k: lane[k] for k in ("lane", "tensorflow", "keras", "numpy", "python", "partial", "generated")}
        for lane in lanes
    ]
    return {"columns": columns, "rows": rows, "changing": [r["id"] for r in rows if r["changes"]]}


def markdown(matrix):
    columns = matrix["columns"]
    header = " | ".join(
        f"{c['lane']}: TF {c['tensorflow']}" + (" (partial run)" if c["partial"] else "") for c in columns
    )
    lines = [
        "# Claims across TensorFlow versions",
        "",
        "Lanes: "
        + " · ".join(
            f"`{c['lane']}` TF {c['tensorflow']}, Keras {c['keras']}, NumPy {c['numpy']}, Python {c['python']}"
            for c in columns
        ),
        "",
    ]
    changing = [r for r in matrix["rows"] if r["changes"]]
    if changing:
        lines += [f"**{len(changing)} claim(s) change verdict across versions** (listed first, marked ⚠):", ""]
    else:
        lines += ["Every claim has the same verdict in every lane that ran it.", ""]
    lines += [f"| claim | expected | {header} |", "|---|---|" + "---|" * len(columns)]
    for row in changing + [r for r in matrix["rows"] if not r["changes"]]:
        name = f"⚠ `{row['id']}`" if row["changes"] else f"`{row['id']}`"
        cells = " | ".join(_cell_text(c, t) for c, t in zip(row["cells"], row["texts"]))
        lines.append(f"| {name} | {row['expected_verdict']} | {cells} |")
    lines += [
        "",
        "Each cell: the verdict, ✘ when the claim's test failed (verdict ≠ expected), "
        "and the judged quantities as measured (medians over seeds).",
    ]
    return "\n".join(lines) + "\n"


def _text(entry):
    return {"verdict": verdict_text(entry), "measured": measured_text(entry)} if entry else None


def _cell_text(c, text):
    if text is None:
        return "not run"
    mark = " ✘" if c["outcome"] == "failed" else ""
    measured = f"<br>{text['measured']}" if text["measured"] else ""
    return f"**{text['verdict']}**{mark}{measured}".replace("|", "\\|")


def merge(folders, out_dir):
    """Read every lane, then write matrix.json and matrix.md whole. Returns the written paths."""
    if not folders:
        raise MatrixError("give at least one report folder (e.g. reports/tf215 reports/tf221)")
    lanes = [load_lane(folder) for folder in folders]
    matrix = build(lanes)
    public = {k: v for k, v in matrix.items()}
    public["rows"] = [{k: v for k, v in row.items() if k != "texts"} for row in matrix["rows"]]
    return matrix, write_atomically(out_dir, {"matrix.json": json_text(public), "matrix.md": markdown(matrix)})


def newest(lanes):
    """The lane the badge speaks for: the newest TensorFlow among whole runs (a partial run only if
    every lane is partial)."""
    whole = [lane for lane in lanes if not lane["partial"]] or lanes
    return max(whole, key=version_key)


def publish(folders, out_dir, repository=None):
    """The matrix, plus the newest TensorFlow lane's badge, claims.md and the figures it links, and
    with ``repository`` (OWNER/NAME) badge.md. Every input is checked before anything is written;
    the lane's files are replaced as one. Returns (matrix, the lane published, written paths)."""
    if repository is not None:
        check_repository(repository)
    out = Path(out_dir)
    for folder in folders:
        if Path(folder).resolve() == out.resolve():
            raise MatrixError(f"--out: {out_dir} is a lane's own report folder; publish into another (e.g. public)")
    lane = newest([load_lane(folder) for folder in folders])
    matrix, paths = merge(folders, out_dir)
    source = Path(lane["folder"])
    texts = {name: (source / name).read_text() for name in LANE_FILES if (source / name).is_file()}
    if repository is not None:
        texts["badge.md"] = badge_markdown(repository) + "\n"
    paths += write_atomically(out, texts)
    if (source / "figures").is_dir():
        paths.append(replace_folder(source / "figures", out / "figures"))
    return matrix, lane, paths


LANE_FILES = ("badge.json", "badge.svg", "claims.md")


def replace_folder(source, target):
    """Copy ``source`` beside ``target``, then swap it in: a reader never meets half a folder."""
    staging = target.with_name(f".{target.name}-new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(source, staging)
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as err:
        raise ReportDirError(f"cannot write to {target}/: {err.strerror or err}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def badge_markdown(repository):
    """The README line of the badge, for the GitHub Pages site the workflow publishes to."""
    owner, _, name = repository.partition("/")
    endpoint = f"https://{owner.lower()}.github.io/{name}/badge.json"
    return (
        f"[![reproductions](https://img.shields.io/endpoint?url={endpoint})]"
        f"(https://{owner.lower()}.github.io/{name}/claims.md)"
    )


def check_repository(repository):
    if repository.count("/") != 1 or not all(repository.split("/")):
        raise MatrixError(f"--repository: expected OWNER/NAME, got {repository!r}")
