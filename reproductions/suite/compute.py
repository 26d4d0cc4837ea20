"""How hard the claims' measurements worked: each measurement's floating-point work (declared with
``@measurement(flops=...)``, counted from its models' shapes), the time its runs took in this
session, and the GFLOP/s that makes, beside one core's nominal peak.

Read from the report's entries alone (no NumPy, no posts). A run is counted once, where it was
measured: claims that share a run, and runs read from the run store, add nothing.
"""


def per_measurement(entries):
    """{(measurement, scale): {"seeds", "seconds", "flop"}} over the runs this session measured."""
    runs = {}
    for entry in entries:
        compute = entry.get("compute") or {}
        for seed, seconds in (compute.get("seconds") or {}).items():
            key = (compute["measurement"], entry.get("scale"))
            runs.setdefault(key, {})[seed] = (seconds, compute.get("flops_per_seed"))
    rows = {}
    for key, seeds in runs.items():
        flops = [f for _, f in seeds.values()]
        rows[key] = {
            "seeds": len(seeds),
            "seconds": sum(s for s, _ in seeds.values()),
            "flop": None if None in flops else sum(flops),
        }
    return rows


def totals(rows):
    """The session's measured work: seconds, FLOP and GFLOP/s over the measurements that declare work."""
    counted = [r for r in rows.values() if r["flop"] is not None]
    seconds = sum(r["seconds"] for r in counted)
    flop = sum(r["flop"] for r in counted)
    return {
        "measurements": len(rows),
        "seconds": round(seconds, 1),
        "gflop": round(flop / 1e9, 1),
        "gflops": round(flop / 1e9 / seconds, 2) if seconds else None,
    }


def _rate(flop, seconds):
    return flop / 1e9 / seconds if flop is not None and seconds else None


def markdown_lines(report):
    """The report's compute section: a row per measurement, heaviest first, and the total."""
    rows = per_measurement(report["claims"])
    if not rows:
        return []
    peak = report["meta"].get("peak") or {}
    peak_gflops = peak.get("gflops")
    share = lambda rate: f"{100 * rate / peak_gflops:.1f}%" if rate is not None and peak_gflops else "—"  # noqa: E731
    lines = [
        "",
        "## Compute",
        "",
        "Each measurement's floating-point work (matrix products and convolutions counted from its models' "
        "shapes, 3x for a training step; elementwise work left out), the seconds its runs took here, and "
        f"the rate, beside one core's nominal float32 peak ({_peak_text(peak)}, at the clock the CPU lists; "
        "a boost clock runs above it, so a large matrix product can read over 100%; the quick scale trains "
        "on one thread). Runs read from the run store were not timed in this session and are not listed.",
        "",
        "| measurement | scale | seeds | seconds | GFLOP | GFLOP/s | of peak |",
        "|---|---|---|---|---|---|---|",
    ]
    for (name, scale), row in sorted(rows.items(), key=lambda kv: -kv[1]["seconds"]):
        rate = _rate(row["flop"], row["seconds"])
        gflop = "—" if row["flop"] is None else f"{row['flop'] / 1e9:.3g}"
        rate_text = "—" if rate is None else f"{rate:.3g}"
        lines.append(
            f"| `{name}` | {scale} | {row['seeds']} | {row['seconds']:.1f} | {gflop} | {rate_text} | {share(rate)} |"
        )
    total = totals(rows)
    lines += [
        "",
        f"Total: {total['gflop']} GFLOP in {total['seconds']} s of measuring, "
        f"{total['gflops']} GFLOP/s ({share(total['gflops'])} of one core's peak).",
    ]
    return lines


def _peak_text(peak):
    if peak.get("gflops"):
        return f"{peak['gflops']:.0f} GFLOP/s: {peak.get('how')}"
    return f"unknown: {peak.get('how') or 'not recorded'}"


def summary_line(entries, peak_gflops):
    """One line for the end of a run: the session's measuring work and rate ("" when nothing was measured)."""
    total = totals(per_measurement(entries))
    if not total["seconds"]:
        return ""
    of_peak = f", {100 * total['gflops'] / peak_gflops:.1f}% of one core's nominal peak" if peak_gflops else ""
    return (
        f"measuring: {total['gflop']} GFLOP in {total['seconds']} s over {total['measurements']} measurements, "
        f"{total['gflops']} GFLOP/s{of_peak} (claims.md: Compute)"
    )
