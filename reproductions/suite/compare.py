"""Did this TensorFlow change any claim? Two claims reports, side by side.

``reproductions compare BASE NEW`` reads two report folders (or their claims.json): the claims whose
verdict changed (exit status 1; a claim run in one report only is listed apart, not counted), and the judged values that moved beyond their calibrated spread (the
range of the recorded calibration's seeds, carried in each report entry). Reads reports only: no
registry, no NumPy, no TensorFlow.
"""

import math
import numbers
from pathlib import Path

from .render import NOT_JUDGED_AT_QUICK, not_judged_at_scale
from .report import read as read_report


def load(where):
    path = Path(where)
    return read_report(path / "claims.json" if path.is_dir() else path)


def _side(entry):
    if entry is None:
        return {"verdict": None, "basis": None, "outcome": "not run"}
    outcome = NOT_JUDGED_AT_QUICK if not_judged_at_scale(entry) else entry["outcome"]
    return {"verdict": entry["verdict"], "basis": entry.get("basis"), "outcome": outcome}


def _number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def moved_values(base, new):
    """Judged values of one claim whose new median lies outside the calibrated spread."""
    moved = []
    spread = {**base.get("calibrated", {}), **new.get("calibrated", {})}
    for metric, band in spread.items():
        before, after = base["measured"].get(metric), new["measured"].get(metric)
        if _number(after) and not band["min"] <= after <= band["max"]:
            moved.append({"id": new["id"], "metric": metric, "base": before, "new": after, "calibrated": band})
    return moved


def compare(base_where, new_where):
    """{"base", "new": environments; "changed": verdicts that differ; "moved": values beyond their spread}."""
    base, new = load(base_where), load(new_where)
    before = {e["id"]: e for e in base["claims"]}
    after = {e["id"]: e for e in new["claims"]}
    ids = list(dict.fromkeys([*(base["meta"].get("registered") or before), *(new["meta"].get("registered") or after)]))
    changed, moved, one_sided = [], [], []
    for claim_id in ids:
        a, b = before.get(claim_id), after.get(claim_id)
        if a is None or b is None:  # run on one side only: nothing to compare, as in the matrix
            if a is not None or b is not None:
                one_sided.append({"id": claim_id, "base": _side(a), "new": _side(b)})
            continue
        if (_side(a)["verdict"], _side(a)["basis"]) != (_side(b)["verdict"], _side(b)["basis"]):
            changed.append({"id": claim_id, "base": _side(a), "new": _side(b)})
        else:
            moved += moved_values(a, b)
    environment = lambda report: {
        k: report["meta"].get("environment", {}).get(k)  # noqa: E731
        for k in ("tensorflow", "keras", "numpy", "python")
    }
    return {
        "base": {"report": str(base_where), **environment(base), "scale": base["meta"].get("scale")},
        "new": {"report": str(new_where), **environment(new), "scale": new["meta"].get("scale")},
        "claims": len([i for i in ids if i in before and i in after]),
        "changed": changed,
        "moved": moved,
        "one_sided": one_sided,
    }


def _verdict(side):
    if side["verdict"] is None:
        return side["outcome"]
    return f"{side['verdict']} ({side['basis']})" if side["basis"] in ("proxy", "stand-in") else side["verdict"]


def text(result):
    b, n = result["base"], result["new"]
    lines = [
        f"base: {b['report']} (TensorFlow {b['tensorflow']}, {b['scale']} scale)",
        f"new:  {n['report']} (TensorFlow {n['tensorflow']}, {n['scale']} scale)",
    ]
    if result["changed"]:
        lines.append(f"{len(result['changed'])} verdict(s) changed:")
        lines += [f"  {c['id']}: {_verdict(c['base'])} -> {_verdict(c['new'])}" for c in result["changed"]]
    else:
        lines.append(f"no verdict changed ({result['claims']} claims in both)")
    if result["one_sided"]:
        lines.append(f"{len(result['one_sided'])} claim(s) run on one side only, not compared:")
        lines += [f"  {c['id']}: {_verdict(c['base'])} -> {_verdict(c['new'])}" for c in result["one_sided"]]
    if result["moved"]:
        lines.append(f"{len(result['moved'])} value(s) moved beyond their calibrated spread:")
        lines += [
            f"  {m['id']} {m['metric']}: {m['base']:.4g} -> {m['new']:.4g} (calibrated "
            f"{m['calibrated']['min']:.4g}..{m['calibrated']['max']:.4g} over {m['calibrated']['n']} seeds)"
            if _number(m["base"])
            else f"  {m['id']} {m['metric']}: -> {m['new']:.4g}"
            for m in result["moved"]
        ]
    return "\n".join(lines) + "\n"
