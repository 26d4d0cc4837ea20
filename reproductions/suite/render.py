"""How a claims report reads: the terminal table, claims.md, README's claims table and the badges.

Pure functions from a built report (``report.build``) to text.
"""

from . import compute

QUALIFIED_BASES = ("proxy", "stand-in")  # bases a verdict is never shown without
NOT_JUDGED_AT_QUICK = "not judged at the quick scale"  # how Claim.skip_reason_at's reason begins


def not_judged_at_scale(entry):
    """True for a claim skipped because its scale cannot tell (``Claim.quick_cannot_judge``)."""
    return entry.get("outcome") == "skipped" and (entry.get("reason") or "").startswith(NOT_JUDGED_AT_QUICK)


def verdict_text(entry):
    """The verdict and what it rests on: "reproduced (proxy)" when the documented protocol itself was
    not judged at this run's scale; "reproduced (stand-in)" when no original code exists and a model
    of ours was judged; "not judged here" for a claim this machine could not run (no GPU, no full
    MNIST: the reason is in claims.md); "not judged at the quick scale" for a claim that scale cannot
    tell (``Claim.quick_cannot_judge``)."""
    if entry["verdict"] is None and entry.get("outcome") == "skipped":
        return NOT_JUDGED_AT_QUICK if not_judged_at_scale(entry) else "not judged here"
    verdict = entry["verdict"] or "—"
    basis = entry.get("basis")
    return f"{verdict} ({basis})" if basis in QUALIFIED_BASES else verdict


MARKS = {"holds": "✔", "fails": "✘", "error": "⚠"}  # ⚠: could not be judged (a metric missing or not finite)


def _qualified(summary):
    """(reproduced on the documented protocol, " · 9 by proxy · 3 on stand-ins · 3 not judged at the
    quick scale")."""
    proxy, stand_in = summary.get("by_proxy", 0), summary.get("by_stand_in", 0)
    parts = ([f"{proxy} by proxy"] if proxy else []) + ([f"{stand_in} on stand-ins"] if stand_in else [])
    if unjudged := summary.get("not_judged_at_scale", 0):
        parts.append(f"{unjudged} not judged at the quick scale")
    return summary["reproduced"] - proxy - stand_in, "".join(f" · {part}" for part in parts)


def verdict_count(summary, verdict):
    """ "2 artifact (1 on a stand-in)": a verdict's count, its proxies and stand-ins named."""
    qualified = summary.get("qualified", {})
    parts = [f"{n} by proxy" for key, n in qualified.items() if key == f"{verdict}/proxy"]
    parts += [
        f"{n} on {'a stand-in' if n == 1 else 'stand-ins'}"
        for key, n in qualified.items()
        if key == f"{verdict}/stand-in"
    ]
    words = verdict.replace("-", " ")
    return f"{summary[verdict]} {words}" + (f" ({', '.join(parts)})" if parts else "")


def reproduced_text(summary):
    """ "33/55 reproduced · 4 by proxy · 3 on stand-ins": verdicts on documented protocols, with
    proxies and stand-ins counted apart."""
    documented, qualified = _qualified(summary)
    return f"{documented}/{summary['registered']} reproduced{qualified}"


def badge(report):
    """shields.io endpoint JSON: how many registered claims this run reproduced on their documented
    protocols, with those reproduced by a proxy or on a stand-in counted apart."""
    s = report["summary"]
    documented, qualified = _qualified(s)
    color = "red" if s["failed"] else ("brightgreen" if documented == s["registered"] else "green")
    message = f"{documented}/{s['registered']} claims reproduced{qualified}"
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


def judged_metrics(entry):
    """The metrics an entry's checks judge, in check order (its explanations' only where no check reads
    a measured metric)."""
    measured = entry["measured"]
    for checks in (entry["checks"], entry.get("explains", [])):
        metrics = list(dict.fromkeys(c["metric"] for c in checks if c.get("metric") in measured))
        if metrics:
            return metrics
    return []


def measured_text(entry):
    """The judged quantities, as measured (medians over seeds for stochastic claims)."""
    return "; ".join(f"{k}={short(entry['measured'][k], 18)}" for k in judged_metrics(entry)[:2])


def stored_text(summary):
    return (
        f"{summary['from_store']} of {summary['run']} claims read runs kept by an earlier session for the same "
        "code, data, versions, machine, seeds and scale (`--repro-no-cache` measures them all afresh)."
    )


def markdown(report):
    meta, s = report["meta"], report["summary"]
    env = meta.get("environment", {})
    lines = [
        "# Claims report",
        "",
        f"{reproduced_text(s)} (registered claims) · {verdict_count(s, 'artifact')} · "
        f"{verdict_count(s, 'not-reproduced')} · {s['unavailable']} unavailable · "
        + (f"{s['error']} error · " if s.get("error") else "")
        + f"outcomes: {s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped"
        + (" · **partial run**" if meta.get("partial") else ""),
        "",
        f"TensorFlow {env.get('tensorflow')} · Keras {env.get('keras')} · NumPy {env.get('numpy')} · "
        f"Python {env.get('python')} · devices {', '.join(env.get('devices', [])) or 'n/a'} · "
        f"oneDNN {env.get('onednn')} · scale {meta.get('scale')} · seeds {meta.get('seeds')}",
        "",
        f"Reproduce: `{meta.get('command')}`",
        "",
        *([stored_text(s), ""] if s.get("from_store") else []),
        "| claim | verdict (expected) | documented | measured | outcome |",
        "|---|---|---|---|---|",
    ]
    for e in report["claims"]:
        verdict = verdict_text(e)
        lines.append(
            f"| [`{e['id']}`](#{e['id'].replace('.', '')}) | {verdict} ({e['expected_verdict']}) | "
            f"{documented_text(e)} | {measured_text(e)} | {e['outcome']} |"
        )
    for e in report["claims"]:
        lines += [
            "",
            f"## {e['id']}",
            "",
            f"*{e['source']}* — {e['statement']}",
            "",
            f"Judged: {e['judge']} · expected **{e['expected_verdict']}**: {e['why']}",
        ]
        if e["outcome"] == "skipped":
            lines += ["", f"Skipped: {e['reason']}"]
        if e.get("stand_in"):
            lines += ["", f"**Stand-in:** no original code; judged on our model: {e['stand_in']}"]
        lines += [_check_line(check) for check in e["checks"]]
        if e.get("explains"):
            lines += [
                "",
                "Explained by (why the verdict holds, or what every run shows; shown beside it, and must hold):",
            ]
            lines += [_check_line(check) for check in e["explains"]]
        for text in e.get("not_judged", []):
            lines.append(f"- not judged at the {e['scale']} scale: {text}")
        if e["seeds"]:
            data = f" · data: {e['data']}" if e.get("data") else ""
            stored = f" · runs of seeds {e['stored_seeds']} read from the run store" if e.get("stored_seeds") else ""
            lines += [
                "",
                f"Seeds {e['seeds']} · {e['scale']} scale · {e['device']} · {e['duration_s']:.1f} s{data}{stored}",
            ]
        if e["outcome"] == "failed" and e["reason"]:
            lines += ["", f"Failed: {e['reason']}"]
        lines += [f"\n![{e['id']}]({path})" for path in e["figures"]]
    lines += compute.markdown_lines(report)
    return "\n".join(lines) + "\n"


def _check_line(check):
    return f"- {MARKS.get(check.get('state'), '✔' if check['ok'] else '✘')} {check['text']}"


TABLE_START = "<!-- claims-table:start (reproductions readme) -->"
TABLE_END = "<!-- claims-table:end -->"


def readme_table(report):
    """The claims table README embeds: every registered claim, as the given report judged it."""
    env, s = report["meta"].get("environment", {}), report["summary"]
    entries = {e["id"]: e for e in report["claims"]}
    on_full = [e for e in report["claims"] if (e.get("data") or "").startswith("full MNIST")]
    full_note = (
        f" On full MNIST at the {on_full[0]['scale']} scale: " + ", ".join(f"`{e['id']}`" for e in on_full) + "."
        if on_full
        else ""
    )
    lines = [
        TABLE_START,
        f"*{reproduced_text(s)} · {verdict_count(s, 'artifact')} · {verdict_count(s, 'not-reproduced')}"
        f" · {s['unavailable']} unavailable — TensorFlow {env.get('tensorflow')}, Keras "
        f"{env.get('keras')}, {report['meta'].get('scale')} scale, {report['meta'].get('seeds')}; "
        f"{report['meta'].get('generated', '')[:10]}.{full_note}*",
        "",
        "| claim | documented | measured | verdict |",
        "|---|---|---|---|",
    ]
    for claim_id in report["meta"].get("registered") or list(entries):
        e = entries.get(claim_id)
        if e is None:
            lines.append(f"| `{claim_id}` | — | not run | — |")
            continue
        verdict = verdict_text(e)
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


TERMINAL_COLUMN = 46  # widest cell before it is cut with an ellipsis


def terminal_table(report):
    """(line, failed) pairs: the claims table pytest prints at the end of a run."""
    header = ("claim", "verdict", "documented", "measured", "outcome")
    rows = [(e["id"], verdict_text(e), documented_text(e), measured_text(e), e["outcome"]) for e in report["claims"]]
    widths = [min(max(len(r[i]) for r in rows + [header]), TERMINAL_COLUMN) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [(line.format(*header), False)]
    for row in rows:
        cells = (c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths))
        lines.append((line.format(*cells), row[4] == "failed"))
    return lines
