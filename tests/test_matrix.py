"""The version × claim matrix, README's generated claims table and the benchmark comparison:
built from reports, never by hand; bad folders are one-line usage errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reproductions.suite import bench, matrix, render, report
from reproductions.suite.registry import CLAIMS, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.cpu


def lane_report(folder, tensorflow, verdicts, partial=False):
    """A lane's claims.json, as the plugin writes it, with the given verdicts."""
    entries = {}
    for claim_id, verdict in verdicts.items():
        claim = REGISTRY[claim_id]
        outcome = "passed" if verdict == claim.expected else "failed"
        result = {
            "verdict": verdict,
            "measured": {"x": 0.5},
            "checks": [{"ok": True, "text": "x", "metric": "x"}],
            "seeds": [0],
            "scale": "quick",
            "device": "cpu",
        }
        entries[claim_id] = report.entry_for(claim, outcome, result=result)
    meta = {
        "environment": {"tensorflow": tensorflow, "keras": "k", "numpy": "n", "python": "p"},
        "scale": "quick",
        "seeds": "claim defaults",
        "partial": partial,
        "generated": "2026-11-22",
    }
    report.write(folder, report.build(entries, meta, [c.id for c in CLAIMS]))
    return folder


def test_the_matrix_has_a_row_per_claim_a_column_per_version_and_puts_changes_first(tmp_path):
    old = lane_report(
        tmp_path / "tf215", "2.15.1", {"xor.keras.h64_epochs": "reproduced", "xnor.gates.and_truth_table": "reproduced"}
    )
    new = lane_report(
        tmp_path / "tf221",
        "2.21.0",
        {"xor.keras.h64_epochs": "not-reproduced", "xnor.gates.and_truth_table": "reproduced"},
        partial=True,
    )
    merged, paths = matrix.merge([new, old], tmp_path / "out")  # lanes sort by version, not argument order
    assert [c["tensorflow"] for c in merged["columns"]] == ["2.15.1", "2.21.0"]
    assert len(merged["rows"]) == len(CLAIMS)
    assert merged["changing"] == ["xor.keras.h64_epochs"]
    text = (tmp_path / "out" / "matrix.md").read_text()
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[1].startswith("| ⚠ `xor.keras.h64_epochs`")  # the change comes first
    assert "**reproduced** ✘" in table[1] and "**not-reproduced**" in table[1]
    assert "tf221: TF 2.21.0 (partial run)" in table[0]
    assert json.loads((tmp_path / "out" / "matrix.json").read_text())["changing"] == ["xor.keras.h64_epochs"]
    assert "not run" in text  # claims a lane did not run say so
    assert sorted(p.name for p in paths) == ["matrix.json", "matrix.md"]


def test_a_matrix_without_changes_says_so(tmp_path):
    a = lane_report(tmp_path / "a", "2.19.1", {"xnor.gates.and_truth_table": "reproduced"})
    merged, _ = matrix.merge([a], tmp_path / "out")
    assert merged["changing"] == []
    assert "same verdict in every lane" in (tmp_path / "out" / "matrix.md").read_text()


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "reproductions", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


SUMMARY = (
    '{"registered": 55, "reproduced": 0, "artifact": 0, "not-reproduced": 0, "unavailable": 0, '
    '"passed": 0, "failed": 0, "skipped": 0}'
)
NULL_TENSORFLOW = '{"meta": {"environment": {"tensorflow": null}}, "summary": %s, "claims": []}' % SUMMARY
NO_VERDICT = (
    '{"meta": {"environment": {"tensorflow": "2.21.0"}}, "summary": %s, '
    '"claims": [{"id": "xnor.gates.xnor_net", "outcome": "passed"}]}' % SUMMARY
)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "holds no claims report"),
        ("{broken", "not a claims report"),
        ('{"meta": {}}', "not a claims report"),
        (NULL_TENSORFLOW, "meta.environment.tensorflow is NoneType"),
        (NO_VERDICT, "claims[0].verdict is missing"),
    ],
)
def test_matrix_of_a_folder_without_a_report_is_one_line_and_writes_nothing(tmp_path, content, message):
    folder = tmp_path / "lane"
    folder.mkdir()
    if content is not None:
        (folder / "claims.json").write_text(content)
    good = lane_report(tmp_path / "good", "2.21.0", {"xnor.gates.and_truth_table": "reproduced"})
    done = cli("matrix", str(good), str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert not (tmp_path / "out").exists()  # all lanes read before anything is written


def test_matrix_into_an_unwritable_folder_is_one_line(tmp_path):
    good = lane_report(tmp_path / "good", "2.21.0", {"xnor.gates.and_truth_table": "reproduced"})
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = cli("matrix", str(good), "--out", str(blocker / "sub"))
    assert done.returncode == 2 and "Traceback" not in done.stderr and "cannot write" in done.stderr


# ---- README's claims table ------------------------------------------------------------------------
def test_readme_embeds_a_generated_table_that_lists_every_registered_claim():
    text = (ROOT / "README.md").read_text()
    assert text.count(render.TABLE_START) == 1 and text.count(render.TABLE_END) == 1
    table = text.split(render.TABLE_START)[1].split(render.TABLE_END)[0]
    listed = [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")]
    assert listed == [c.id for c in CLAIMS], "run `python -m reproductions readme` after changing the registry"


def test_the_readme_command_replaces_only_the_table(tmp_path):
    lane = lane_report(tmp_path / "r", "2.21.0", {"xor.keras.h64_epochs": "not-reproduced"})
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{render.TABLE_START}\nold\n{render.TABLE_END}\noutro\n")
    done = cli("readme", "--report", str(lane / "claims.json"), "--readme", str(readme))
    assert done.returncode == 0, done.stderr
    text = readme.read_text()
    assert text.startswith("intro\n") and text.endswith("\noutro\n") and "old" not in text
    assert "| `xor.keras.h64_epochs` |" in text and text.count("| `") == len(CLAIMS)
    assert "not run" in text


@pytest.mark.parametrize("setup, message", [("no-report", "no claims report"), ("no-markers", "markers")])
def test_the_readme_command_refuses_bad_input_in_one_line(tmp_path, setup, message):
    readme = tmp_path / "README.md"
    readme.write_text("no markers here\n")
    lane = tmp_path / "missing" if setup == "no-report" else lane_report(tmp_path / "r", "2.21.0", {})
    done = cli("readme", "--report", str(lane / "claims.json"), "--readme", str(readme))
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert readme.read_text() == "no markers here\n"


# ---- benchmarks across versions -------------------------------------------------------------------
def bench_save(folder, tensorflow, per_point, vectorized, throughput_s):
    def entry(name, median, **extra):
        return {"name": name, "stats": {"median": median}, "extra_info": extra}

    folder.mkdir(parents=True)
    (folder / "0001_save.json").write_text(
        json.dumps(
            {
                "machine_info": {"tensorflow": tensorflow},
                "benchmarks": [
                    entry("test_per_point_grid[session]", per_point),
                    entry("test_vectorized_grid[session]", vectorized),
                    entry("test_training_throughput[xor]", throughput_s, family="Keras XOR configurations", seeds=20),
                ],
            }
        )
    )
    return folder


def test_bench_compares_the_speedup_and_throughput_per_version(tmp_path):
    bench_save(tmp_path / "a" / "Linux-CPython-3.11-64bit", "2.15.1", 2.0, 0.01, 4.0)
    bench_save(tmp_path / "b" / "Linux-CPython-3.11-64bit", "2.21.0", 3.0, 0.001, 2.0)
    table = bench.compare([tmp_path / "a", tmp_path / "b"])
    assert "| TF 2.15.1 | TF 2.21.0 |" in table
    assert "| speedup, vectorized vs per point (session) | 200× | 3,000× |" in table
    assert "| Keras XOR configurations: seeds trained per second | 5 | 10 |" in table


def test_bench_of_a_folder_without_saves_is_one_line(tmp_path):
    done = cli("bench", str(tmp_path))
    assert done.returncode == 2 and "holds no pytest-benchmark save" in done.stderr and "Traceback" not in done.stderr
