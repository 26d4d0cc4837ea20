"""The version × claim matrix: one row per claim, one column per tox lane (a TensorFlow version).

Each lane writes its own ``claims.json``; ``python -m reproductions matrix DIR...`` merges them.
Claims whose verdict differs between versions come first: they are what a reader needs to see.
Pure functions from reports to text, plus the same atomic writer as the claims report.
"""

import json
from pathlib import Path

from .registry import CLAIMS
from .render import measured_text, verdict_text
from .report import ReportError, write_atomically
from .report import read as read_report


class MatrixError(ValueError):
    """A folder that holds no readable claims report."""


def load_lane(folder):
    """The report in ``folder``, named by the TensorFlow version it ran on."""
    path = Path(folder) / "claims.json"
    if not path.is_file():
        raise MatrixError(f"{folder}: holds no claims report (claims.json); run a tox lane or "
                          f"`pytest --repro-report-dir={folder}` first")
    try:
        report = read_report(path)
    except ReportError as err:
        raise MatrixError(str(err)) from None
    environment = report["meta"]["environment"]
    return {"lane": Path(folder).name, "tensorflow": environment["tensorflow"],
            "keras": environment.get("keras", "?"), "numpy": environment.get("numpy", "?"),
            "python": environment.get("python", "?"), "partial": bool(report["meta"].get("partial")),
            "generated": report["meta"].get("generated", ""), "entries": {e["id"]: e for e in report["claims"]}}


def version_key(lane):
    return tuple(int(p) if p.isdigit() else 0 for p in lane["tensorflow"].split(".")[:3]), lane["lane"]


def cell(entry):
    """What one lane says about one claim."""
    if entry is None:
        return {"verdict": "not run", "outcome": "", "measured": ""}
    return {"verdict": verdict_text(entry), "outcome": entry["outcome"], "measured": measured_text(entry)}


def build(lanes):
    """Rows in registry order, each with its cells in TensorFlow-version order."""
    lanes = sorted(lanes, key=version_key)
    rows = []
    for claim in CLAIMS:
        cells = [cell(lane["entries"].get(claim.id)) for lane in lanes]
        ran = [c for c in cells if c["verdict"] != "not run"]
        changes = len({c["verdict"] for c in ran}) > 1
        rows.append({"id": claim.id, "expected_verdict": claim.expected, "changes": changes,
                     "failing": sum(c["outcome"] == "failed" for c in cells), "cells": cells})
    columns = [{k: lane[k] for k in ("lane", "tensorflow", "keras", "numpy", "python", "partial", "generated")}
               for lane in lanes]
    return {"columns": columns, "rows": rows,
            "changing": [r["id"] for r in rows if r["changes"]]}


def markdown(matrix):
    columns = matrix["columns"]
    header = " | ".join(f"{c['lane']}: TF {c['tensorflow']}" + (" (partial run)" if c["partial"] else "")
                        for c in columns)
    lines = ["# Claims across TensorFlow versions", "",
             "Lanes: " + " · ".join(f"`{c['lane']}` TF {c['tensorflow']}, Keras {c['keras']}, NumPy {c['numpy']}, "
                                    f"Python {c['python']}" for c in columns), ""]
    changing = [r for r in matrix["rows"] if r["changes"]]
    if changing:
        lines += [f"**{len(changing)} claim(s) change verdict across versions** (listed first, marked ⚠):", ""]
    else:
        lines += ["Every claim has the same verdict in every lane that ran it.", ""]
    lines += [f"| claim | expected | {header} |", "|---|---|" + "---|" * len(columns)]
    for row in changing + [r for r in matrix["rows"] if not r["changes"]]:
        name = f"⚠ `{row['id']}`" if row["changes"] else f"`{row['id']}`"
        cells = " | ".join(_cell_text(c) for c in row["cells"])
        lines.append(f"| {name} | {row['expected_verdict']} | {cells} |")
    lines += ["", "Each cell: the verdict, ✘ when the claim's test failed (verdict ≠ expected), "
                  "and the judged quantities as measured (medians over seeds)."]
    return "\n".join(lines) + "\n"


def _cell_text(c):
    if c["verdict"] == "not run":
        return "not run"
    mark = " ✘" if c["outcome"] == "failed" else ""
    measured = f"<br>{c['measured']}" if c["measured"] else ""
    return f"**{c['verdict']}**{mark}{measured}".replace("|", "\\|")


def merge(folders, out_dir):
    """Read every lane, then write matrix.json and matrix.md whole. Returns the written paths."""
    if not folders:
        raise MatrixError("give at least one report folder (e.g. reports/tf215 reports/tf221)")
    matrix = build([load_lane(folder) for folder in folders])
    return matrix, write_atomically(out_dir, {"matrix.json": json.dumps(matrix, indent=1) + "\n",
                                              "matrix.md": markdown(matrix)})
