"""The claims report: entries collected per claim, summed up, written and read back.

The files are JSON, Markdown, a shields.io endpoint badge and a static SVG badge (drawn by
``render``); one writer that replaces every file atomically, so a
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

from .render import badge, badge_svg, markdown, not_judged_at_scale

FILES = ("claims.json", "claims.md", "badge.json", "badge.svg")


class ReportDirError(OSError):
    """A report folder that cannot be written."""


def entry_for(claim, outcome, reason="", result=None):
    """One claim's entry: the registry's record beside what this run measured."""
    result = result or {}
    verdict = result.get("verdict") or ("unavailable" if claim.expected == "unavailable" else None)
    return {
        **claim.as_dict(),
        "measured": result.get("measured", {}),
        "checks": result.get("checks", []),  # what decides the verdict
        "explains": result.get("explains", []),  # why it holds, or what every run shows: must hold too
        "verdict": verdict,
        "basis": result.get("basis"),  # "proxy": not the documented protocol; "stand-in": no original code
        "not_judged": result.get("not_judged", []),
        "outcome": outcome,
        "reason": reason,
        "seeds": result.get("seeds", []),
        "scale": result.get("scale"),
        "data": result.get("data"),  # what the verdict rests on: full MNIST or the subset (None: no data set)
        "device": result.get("device"),
        "duration_s": result.get("duration_s", 0.0),
        "figures": result.get("figures", []),
        "calibrated": result.get("calibrated", {}),
        "worker": result.get("worker"),
        "stored_seeds": result.get("stored_seeds", []),  # seeds whose runs an earlier session measured
        "compute": result.get("compute", {}),  # the measurement's work and this session's time (suite.compute)
    }


def build(entries, meta, registered=None):
    """The report: meta, a summary, and the entries in the order of ``registered`` (the registry's ids;
    default: ``meta["registered"]``, else the entries' own order). The ids go into meta, so the
    report layer reads everything from claims.json and never imports the registry."""
    registered = list(registered if registered is not None else meta.get("registered") or entries)
    ordered = [entries[i] for i in registered if i in entries] + [e for i, e in entries.items() if i not in registered]
    return {
        "meta": {**meta, "registered": registered},
        "summary": summarize(ordered, len(registered)),
        "claims": ordered,
    }


def summarize(entries, registered):
    count = lambda key, value: sum(1 for e in entries if e[key] == value)  # noqa: E731
    return {
        "registered": registered,
        "run": len(entries),
        "reproduced": count("verdict", "reproduced"),
        "by_proxy": sum(1 for e in entries if e["verdict"] == "reproduced" and e.get("basis") == "proxy"),
        "by_stand_in": sum(1 for e in entries if e["verdict"] == "reproduced" and e.get("basis") == "stand-in"),
        # skipped because this scale cannot tell (Claim.quick_cannot_judge): counted wherever proxies are
        "not_judged_at_scale": sum(1 for e in entries if not_judged_at_scale(e)),
        "artifact": count("verdict", "artifact"),
        # the other verdicts' proxies and stand-ins, counted apart as the reproduced ones are
        "qualified": {
            f"{verdict}/{basis}": n
            for verdict in ("artifact", "not-reproduced")
            for basis in ("proxy", "stand-in")
            if (n := sum(1 for e in entries if e["verdict"] == verdict and e.get("basis") == basis))
        },
        "not-reproduced": count("verdict", "not-reproduced"),
        "unavailable": count("verdict", "unavailable"),
        "error": count("verdict", "error"),  # a check could not be judged: a metric missing or not finite
        "passed": count("outcome", "passed"),
        "failed": count("outcome", "failed"),
        "skipped": count("outcome", "skipped"),
        "from_store": sum(1 for e in entries if e.get("stored_seeds")),  # claims reading kept runs
    }


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
    siblings = {
        "claims.md": markdown(report),
        "badge.json": json.dumps(endpoint) + "\n",
        "badge.svg": badge_svg(endpoint),
    }
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
                raise ReportError(
                    f"{path}: {name} beside it is not the one this report wrote (a mixed set of "
                    f"report files); run the suite again"
                )
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
    for key in ("registered", "reproduced", "artifact", "not-reproduced", "unavailable", "passed", "failed", "skipped"):
        need(summary, key, int, "summary.")
    files = data.get("files", {})
    if (
        not isinstance(files, dict)
        or not set(files) <= set(FILES)
        or not all(isinstance(v, str) for v in files.values())
    ):
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
