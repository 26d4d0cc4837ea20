"""Compare pytest-benchmark results saved per TensorFlow version (the ``tfNNN-bench`` tox lanes).

Each lane saves with ``--benchmark-autosave --benchmark-storage=.benchmarks/<lane>``; the suite
adds the TensorFlow version to the saved machine info. This reads the newest save of each folder
and tabulates, per version: the speedup claim (per-point grid ÷ vectorized grid) and the training
throughput of each claim family (seeds trained per second, from ``extra_info["seeds"]``).
"""

import json
from pathlib import Path


class BenchError(ValueError):
    """A folder that holds no readable pytest-benchmark save."""


def newest_save(folder):
    saves = sorted(Path(folder).glob("**/*.json"), key=lambda p: p.stat().st_mtime)
    if not saves:
        raise BenchError(
            f"{folder}: holds no pytest-benchmark save; run `tox -e tf221-bench` "
            f"(or pytest tests/test_benchmarks.py --benchmark-autosave --benchmark-storage={folder})"
        )
    try:
        data = json.loads(saves[-1].read_text())
        benchmarks = {b["name"]: b for b in data["benchmarks"]}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BenchError(f"{saves[-1]}: not a pytest-benchmark save ({type(err).__name__}: {err})") from None
    version = data.get("machine_info", {}).get("tensorflow") or Path(folder).name
    return {"folder": str(folder), "tensorflow": version, "benchmarks": benchmarks}


def median(save, name):
    bench = save["benchmarks"].get(name)
    return bench["stats"]["median"] if bench else None


def summary(save):
    """The speedups and throughputs one save supports."""
    rows = {}
    for path in ("session", "tf2"):
        slow = median(save, f"test_per_point_grid[{path}]")
        fast = median(save, f"test_vectorized_grid[{path}]")
        if slow and fast:
            rows[f"speedup, vectorized vs per point ({path})"] = f"{slow / fast:,.0f}×"
    for name, bench in sorted(save["benchmarks"].items()):
        seeds = bench.get("extra_info", {}).get("seeds")
        if seeds:
            rows[f"{bench['extra_info'].get('family', name)}: seeds trained per second"] = (
                f"{seeds / bench['stats']['median']:.3g}"
            )
    for name, bench in sorted(save["benchmarks"].items()):
        rows[f"{name} (median s)"] = f"{bench['stats']['median']:.4g}"
    return rows


def compare(folders):
    """A Markdown table: one row per quantity, one column per TensorFlow version."""
    if not folders:
        raise BenchError("give at least one benchmark folder (e.g. .benchmarks/tf215-bench .benchmarks/tf221-bench)")
    saves = [newest_save(folder) for folder in folders]
    summaries = [summary(save) for save in saves]
    names = list(dict.fromkeys(name for s in summaries for name in s))
    lines = ["| quantity | " + " | ".join(f"TF {s['tensorflow']}" for s in saves) + " |", "|---|" + "---|" * len(saves)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(s.get(name, "—") for s in summaries) + " |")
    return "\n".join(lines) + "\n"
