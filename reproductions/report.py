"""The claims report: JSON, Markdown, a shields.io endpoint badge and a static SVG badge.

Pure functions from entries to text, plus one writer that replaces every file atomically, so a
reader never sees a half-written report.
"""

import errno
import hashlib
import json
import math
import os
import shutil
import tempfile
from pathlib import Path

from .claims import CLAIMS, REGISTRY

FILES = ("claims.json", "claims.md", "badge.json", "badge.svg")


class ReportDirError(OSError):
    """A report folder that cannot be written."""


def entry_for(claim, outcome, reason="", result=None):
    """One claim's entry: the registry's record beside what this run measured."""
    result = result or {}
    verdict = result.get("verdict") or ("unavailable" if claim.expected == "unavailable" else None)
    return {
        "id": claim.id,
        "source": f"{claim.seed_file} § {claim.source.split(' · ', 1)[-1]}",
        "statement": claim.statement,
        "documented": {k: list(v) if isinstance(v, tuple) else v for k, v in claim.documented.items()},
        "measured": result.get("measured", {}),
        "judge": claim.judge,
        "checks": result.get("checks", []) + result.get("explains", []),
        "expected_verdict": claim.expected,
        "why": claim.why,
        "verdict": verdict,
        "outcome": outcome,
        "reason": reason,
        "seeds": result.get("seeds", []),
        "scale": result.get("scale"),
        "device": result.get("device"),
        "duration_s": result.get("duration_s", 0.0),
        "figures": result.get("figures", []),
        "worker": result.get("worker"),
    }


def build(entries, meta):
    """The report: meta, a summary, and the entries in registry order."""
    ordered = [entries[c.id] for c in CLAIMS if c.id in entries]
    return {"meta": meta, "summary": summarize(ordered), "claims": ordered}


def summarize(entries):
    count = lambda key, value: sum(1 for e in entries if e[key] == value)  # noqa: E731
    return {
        "registered": len(REGISTRY),
        "run": len(entries),
        "reproduced": count("verdict", "reproduced"),
        "artifact": count("verdict", "artifact"),
        "not-reproduced": count("verdict", "not-reproduced"),
        "unavailable": count("verdict", "unavailable"),
        "passed": count("outcome", "passed"),
        "failed": count("outcome", "failed"),
        "skipped": count("outcome", "skipped"),
    }


def badge(report):
    """shields.io endpoint JSON: how many registered claims this run reproduced."""
    s = report["summary"]
    color = "red" if s["failed"] else ("brightgreen" if s["reproduced"] == s["registered"] else "green")
    message = f"{s['reproduced']}/{s['registered']} claims reproduced"
    if s["failed"]:
        message += f", {s['failed']} failing"
    return {"schemaVersion": 1, "label": "reproductions", "message": message, "color": color}


_COLORS = {"brightgreen": "#4c1", "green": "#97ca00", "red": "#e05d44", "lightgrey": "#9f9f9f"}


def badge_svg(endpoint):
    """A flat static badge with the same text as the endpoint JSON."""
    label, message = endpoint["label"], endpoint["message"]
    left, right = 7 * len(label) + 10, 7 * len(message) + 10
    color = _COLORS.get(endpoint["color"], "#9f9f9f")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="20" role="img" '
        f'aria-label="{label}: {message}"><title>{label}: {message}</title>'
        f'<rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2}" y="14">{label}</text><text x="{left + right / 2}" y="14">{message}</text></g></svg>\n'
    )


def short(value, width=34, verbatim=False):
    """A value for a table cell; documented numbers keep their digits (``verbatim``)."""
    number = (lambda v: str(v)) if verbatim else (lambda v: f"{v:.4g}")  # noqa: E731
    if isinstance(value, float):
        text = number(value)
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(number(v) if isinstance(v, float) else str(v) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def documented_text(entry):
    return "; ".join(f"{k}={short(v, 22, verbatim=True)}" for k, v in list(entry["documented"].items())[:2])


def measured_text(entry):
    """The judged quantities, as measured (medians over seeds for stochastic claims)."""
    measured = entry["measured"]
    judged = list(dict.fromkeys(c["metric"] for c in entry["checks"] if c.get("metric") in measured))
    return "; ".join(f"{k}={short(measured[k], 18)}" for k in judged[:2])


def markdown(report):
    meta, s = report["meta"], report["summary"]
    env = meta.get("environment", {})
    lines = [
        "# Claims report",
        "",
        f"{s['reproduced']}/{s['registered']} registered claims reproduced · {s['artifact']} artifact · "
        f"{s['not-reproduced']} not reproduced · {s['unavailable']} unavailable · "
        f"outcomes: {s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped"
        + (" · **partial run**" if meta.get("partial") else ""),
        "",
        f"TensorFlow {env.get('tensorflow')} · Keras {env.get('keras')} · NumPy {env.get('numpy')} · "
        f"Python {env.get('python')} · devices {', '.join(env.get('devices', [])) or 'n/a'} · "
        f"oneDNN {env.get('onednn')} · scale {meta.get('scale')} · seeds {meta.get('seeds')}",
        "",
        f"Reproduce: `{meta.get('command')}`",
        "",
        "| claim | verdict (expected) | documented | measured | outcome |",
        "|---|---|---|---|---|",
    ]
    for e in report["claims"]:
        verdict = e["verdict"] or "—"
        lines.append(f"| [`{e['id']}`](#{e['id'].replace('.', '')}) | {verdict} ({e['expected_verdict']}) | "
                     f"{documented_text(e)} | {measured_text(e)} | {e['outcome']} |")
    for e in report["claims"]:
        lines += ["", f"## {e['id']}", "", f"*{e['source']}* — {e['statement']}", "",
                  f"Judged: {e['judge']} · expected **{e['expected_verdict']}**: {e['why']}"]
        if e["outcome"] == "skipped":
            lines += ["", f"Skipped: {e['reason']}"]
        for check in e["checks"]:
            lines.append(f"- {'✔' if check['ok'] else '✘'} {check['text']}")
        if e["seeds"]:
            lines += ["", f"Seeds {e['seeds']} · {e['scale']} scale · {e['device']} · {e['duration_s']:.1f} s"]
        if e["outcome"] == "failed" and e["reason"]:
            lines += ["", f"Failed: {e['reason']}"]
        lines += [f"\n![{e['id']}]({path})" for path in e["figures"]]
    return "\n".join(lines) + "\n"


TABLE_START = "<!-- claims-table:start (python -m reproductions readme) -->"
TABLE_END = "<!-- claims-table:end -->"


def readme_table(report):
    """The claims table README embeds: every registered claim, as the given report judged it."""
    env, s = report["meta"].get("environment", {}), report["summary"]
    entries = {e["id"]: e for e in report["claims"]}
    lines = [TABLE_START,
             f"*{s['reproduced']}/{s['registered']} reproduced · {s['artifact']} artifact · {s['not-reproduced']} "
             f"not reproduced · {s['unavailable']} unavailable — TensorFlow {env.get('tensorflow')}, Keras "
             f"{env.get('keras')}, {report['meta'].get('scale')} scale, {report['meta'].get('seeds')}; "
             f"{report['meta'].get('generated', '')[:10]}.*",
             "",
             "| claim | documented | measured | verdict |",
             "|---|---|---|---|"]
    for claim in CLAIMS:
        e = entries.get(claim.id)
        if e is None:
            lines.append(f"| `{claim.id}` | — | not run | — |")
            continue
        verdict = e["verdict"] or "—"
        if e["outcome"] == "failed":
            verdict += f" ✘ (expected {e['expected_verdict']})"
        lines.append(f"| `{e['id']}` | {documented_text(e)} | {measured_text(e) or '—'} | {verdict} |")
    lines.append(TABLE_END)
    return "\n".join(lines)


def with_table(readme_text, table):
    """README text with the text between the markers replaced by ``table``."""
    if readme_text.count(TABLE_START) != 1 or readme_text.count(TABLE_END) != 1:
        raise ValueError(f"README must hold the markers {TABLE_START!r} and {TABLE_END!r} once each")
    head, rest = readme_text.split(TABLE_START)
    _, tail = rest.split(TABLE_END)
    return head + table + tail


def check_writable(report_dir):
    """Fail early, in one line, when the report folder cannot be written. Creates nothing (the plugin
    is loaded in every pytest run of the environment it is installed in)."""
    path = Path(report_dir)
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, f"{existing} is not a folder")
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".probe-"):
            pass
    except OSError as err:
        raise ReportDirError(f"cannot write the report to {path}/: {err.strerror or err}") from None


class ReportError(ValueError):
    """A claims report that cannot be read: missing, not JSON, missing fields, or a mixed set."""


def json_text(data):
    """Strict JSON: NaN and infinities (a diverged run) are written as the strings "NaN", "Infinity"."""
    def finite(value):
        if isinstance(value, float) and not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        if isinstance(value, dict):
            return {k: finite(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [finite(v) for v in value]
        return value

    return json.dumps(finite(data), indent=1, allow_nan=False) + "\n"


def digest(data):
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def write(report_dir, report):
    """Write the report's files as one set; ``claims.json`` goes last and lists the digests of the
    others, so a reader can tell a whole set from a mixed one. Returns the paths."""
    endpoint = badge(report)
    siblings = {"claims.md": markdown(report), "badge.json": json.dumps(endpoint) + "\n",
                "badge.svg": badge_svg(endpoint)}
    manifest = {**report, "files": {name: digest(text) for name, text in siblings.items()}}
    return write_atomically(report_dir, {**siblings, "claims.json": json_text(manifest)})


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def read(path):
    """A claims report, checked: strict JSON, the fields the matrix and README need, and (when it
    lists them) siblings that match their digests. Raises ReportError in one line."""
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"{path}: no claims report; run `python -m reproductions report` first")
    try:
        data = json.loads(path.read_text(), parse_constant=_reject_constant)
        _check_fields(data)
        for name, want in data.get("files", {}).items():
            sibling = path.with_name(name)
            if not sibling.is_file():
                raise ReportError(f"{path}: {name} is missing beside it; run the suite again")
            if digest(sibling.read_bytes()) != want:
                raise ReportError(f"{path}: {name} beside it is not the one this report wrote (a mixed set of "
                                  f"report files); run the suite again")
    except ReportError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ReportError(f"{path}: not a claims report ({type(err).__name__}: {err})") from None
    return data


def _check_fields(data):
    def need(container, key, kinds, where):
        if not isinstance(container, dict) or key not in container:
            raise KeyError(f"{where}{key} is missing")
        if not isinstance(container[key], kinds):
            raise TypeError(f"{where}{key} is {type(container[key]).__name__}")
        return container[key]

    meta = need(data, "meta", dict, "")
    environment = need(meta, "environment", dict, "meta.")
    need(environment, "tensorflow", str, "meta.environment.")
    if meta.get("generated") is not None:
        need(meta, "generated", str, "meta.")
    summary = need(data, "summary", dict, "")
    for key in ("registered", "reproduced", "artifact", "not-reproduced", "unavailable", "passed", "failed",
                "skipped"):
        need(summary, key, int, "summary.")
    files = data.get("files", {})
    if not isinstance(files, dict) or not set(files) <= set(FILES) or not all(isinstance(v, str) for v in files.values()):
        raise TypeError("files must map report files to SHA-256 digests")
    for index, entry in enumerate(need(data, "claims", list, "")):
        where = f"claims[{index}]."
        need(entry, "id", str, where)
        need(entry, "verdict", (str, type(None)), where)
        need(entry, "outcome", str, where)
        need(entry, "measured", dict, where)
        need(entry, "documented", dict, where)
        for number, check in enumerate(need(entry, "checks", list, where)):
            if not isinstance(check, dict):
                raise TypeError(f"{where}checks[{number}] is {type(check).__name__}")


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(folder, texts):
    """Replace a set of files as one: every file is staged in a private folder first, then renamed
    into place in the given order (a manifest last); if a rename fails, the files already replaced
    get their previous versions back. While the renames run, a reader may meet new files beside
    the old manifest; the manifest's digests tell it so. Returns the paths."""
    directory = Path(folder)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=directory, prefix=".staging-"))
    except OSError as err:
        raise ReportDirError(f"cannot write to {directory}/: {err.strerror or err}") from None
    try:
        for name, text in texts.items():
            (staging / name).write_text(text)
            os.chmod(staging / name, 0o666 & ~_umask())  # the usual permissions, not the staging folder's 0700
        _swap_in(staging, directory, list(texts))
    except OSError as err:
        raise ReportDirError(f"cannot write to {directory}/: {err.strerror or err}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in texts]


def _swap_in(staging, directory, names):
    replaced = []
    try:
        for name in names:
            final = directory / name
            if final.exists():
                shutil.copy2(final, staging / f"{name}.previous")
            os.replace(staging / name, final)
            replaced.append(name)
    except OSError:
        for name in reversed(replaced):
            previous = staging / f"{name}.previous"
            if previous.exists():
                os.replace(previous, directory / name)
            else:
                os.unlink(directory / name)
        raise
