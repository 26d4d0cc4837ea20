"""The publish path the workflow promises, run as the workflow runs it: its merge step's script, on a
bare Python (no NumPy, no TensorFlow, nothing installed), over lane reports as the lanes upload them.
Also ``compare``, the packager's question, on the same bare Python."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reproductions.suite import report
from reproductions.suite.registry import CLAIMS, REGISTRY

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
pytestmark = pytest.mark.cpu


def lane(folder, tensorflow, verdicts, value=0.5, calibrated=None):
    """A lane's report as the plugin writes it, with one figure."""
    entries = {}
    for claim_id, verdict in verdicts.items():
        claim = REGISTRY[claim_id]
        result = {
            "verdict": verdict,
            "measured": {"x": value},
            "seeds": [0],
            "scale": "quick",
            "device": "cpu",
            "checks": [{"ok": True, "state": "holds", "text": "x", "metric": "x"}],
            "figures": [f"figures/{claim_id}.png"],
            "calibrated": calibrated or {},
        }
        entries[claim_id] = report.entry_for(claim, "passed" if verdict == claim.expected else "failed", result=result)
    meta = {
        "environment": {"tensorflow": tensorflow, "keras": "3", "numpy": "2", "python": "3.11"},
        "scale": "quick",
        "seeds": "claim defaults",
        "partial": False,
        "generated": "2026-12-02",
    }
    report.write(folder, report.build(entries, meta, [c.id for c in CLAIMS]))
    (folder / "figures").mkdir()
    for claim_id in verdicts:
        (folder / "figures" / f"{claim_id}.png").write_bytes(b"\x89PNG figure")
    return folder


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory):
    """A virtual environment with nothing in it: the interpreter alone."""
    where = tmp_path_factory.mktemp("bare")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where / "venv")], check=True, timeout=120)
    python = where / "venv" / "bin" / "python"
    assert subprocess.run([str(python), "-c", "import numpy"], capture_output=True).returncode != 0
    return python


def merge_step():
    """The `run:` script of the workflow's merge step, as written there."""
    text = WORKFLOW.read_text()
    step = text.split("- name: Merge the reports\n", 1)[1]
    block = step.split("run: |\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if line.strip() and not line.startswith(" " * 10):
            break
        lines.append(line[10:])
    return "\n".join(lines).strip() + "\n"


def run_merge(tmp_path, bare_python, lanes):
    """The merge step in a checkout-shaped folder: the package source, and lanes/ as downloaded."""
    work = tmp_path / "checkout"
    work.mkdir()
    shutil.copytree(ROOT / "reproductions", work / "reproductions", ignore=shutil.ignore_patterns("__pycache__"))
    for name, make in lanes.items():
        make(work / "lanes" / name)
    summary = tmp_path / "summary.md"
    env = {
        "PATH": f"{bare_python.parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_REPOSITORY": "Octo-Org/claims",
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", merge_step()], cwd=work, env=env, capture_output=True, text=True, timeout=120
    )
    return done, work / "public", summary


def test_the_merge_step_publishes_on_a_bare_python(tmp_path, bare_python):
    done, public, summary = run_merge(
        tmp_path,
        bare_python,
        {
            "tf215": lambda f: lane(f, "2.15.1", {"xnor.gates.xnor_net": "reproduced"}),
            "tf221": lambda f: lane(
                f, "2.21.0", {"xnor.gates.xnor_net": "reproduced", "logic.softmax.examples": "reproduced"}
            ),
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in public.iterdir()) == [
        "badge.json",
        "badge.md",
        "badge.svg",
        "claims.md",
        "figures",
        "matrix.json",
        "matrix.md",
    ]
    # the badge speaks for the newest TensorFlow, and every figure claims.md links is there
    assert json.loads((public / "badge.json").read_text())["message"].startswith("2/")
    linked = re.findall(r"\]\((figures/[^)]+)\)", (public / "claims.md").read_text())
    assert linked and all((public / path).is_file() for path in linked)
    assert "https://octo-org.github.io/claims/badge.json" in (public / "badge.md").read_text()
    assert "# Claims across TensorFlow versions" in summary.read_text()
    matrix = json.loads((public / "matrix.json").read_text())
    row = next(r for r in matrix["rows"] if r["id"] == "xnor.gates.xnor_net")
    assert row["cells"][0]["measured"] == {"x": 0.5}  # numbers, not text


def test_the_merge_step_fails_when_a_verdict_changes_and_still_writes(tmp_path, bare_python):
    done, public, _ = run_merge(
        tmp_path,
        bare_python,
        {
            "tf215": lambda f: lane(f, "2.15.1", {"xor.keras.h64_epochs": "reproduced"}),
            "tf221": lambda f: lane(f, "2.21.0", {"xor.keras.h64_epochs": "not-reproduced"}),
        },
    )
    printed = (public.parent / "merge.txt").read_text()
    assert done.returncode == 1 and "verdict changes across versions: xor.keras.h64_epochs" in printed
    assert (public / "matrix.md").is_file() and (public / "badge.json").is_file()


def compare(bare_python, *args):
    return subprocess.run(
        [str(bare_python), "-m", "reproductions", "compare", *map(str, args)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_compare_exits_1_on_a_changed_verdict_and_0_on_equal_reports(tmp_path, bare_python):
    band = {"x": {"min": 0.4, "max": 0.6, "n": 20}}
    old = lane(
        tmp_path / "old",
        "2.20.0",
        {"xor.keras.h64_epochs": "not-reproduced", "xnor.gates.xnor_net": "reproduced"},
        calibrated=band,
    )
    same = lane(
        tmp_path / "same",
        "2.21.0",
        {"xor.keras.h64_epochs": "not-reproduced", "xnor.gates.xnor_net": "reproduced"},
        value=0.55,
        calibrated=band,
    )
    new = lane(
        tmp_path / "new",
        "2.21.0",
        {"xor.keras.h64_epochs": "reproduced", "xnor.gates.xnor_net": "reproduced"},
        value=0.9,
        calibrated=band,
    )
    equal = compare(bare_python, old, same)
    assert equal.returncode == 0, equal.stderr
    assert "no verdict changed (2 claims in both)" in equal.stdout and "moved" not in equal.stdout
    changed = compare(bare_python, old, new)
    assert changed.returncode == 1, changed.stderr
    assert "xor.keras.h64_epochs: not-reproduced -> reproduced" in changed.stdout
    assert "xnor.gates.xnor_net x: 0.5 -> 0.9 (calibrated 0.4..0.6 over 20 seeds)" in changed.stdout
    as_json = json.loads(compare(bare_python, old, new / "claims.json", "--json").stdout)
    assert as_json["moved"][0]["new"] == 0.9 and as_json["changed"][0]["new"]["verdict"] == "reproduced"


def test_compare_lists_a_claim_run_on_one_side_only_apart_and_exits_0(tmp_path, bare_python):
    old = lane(tmp_path / "old", "2.20.0", {"xnor.gates.xnor_net": "reproduced"})
    new = lane(
        tmp_path / "new", "2.21.0", {"xnor.gates.xnor_net": "reproduced", "logic.softmax.examples": "reproduced"}
    )
    done = compare(bare_python, old, new)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no verdict changed (1 claims in both)" in done.stdout
    assert (
        "1 claim(s) run on one side only" in done.stdout
        and "logic.softmax.examples: not run -> reproduced" in done.stdout
    )


def test_compare_of_a_folder_without_a_report_is_one_line(tmp_path, bare_python):
    done = compare(bare_python, tmp_path, tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def publish(*args):
    return subprocess.run(
        [sys.executable, "-m", "reproductions", "matrix", "--publish", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "arguments, message",
    [
        (lambda lanes, out: [lanes, "--out", out, "--repository", "not-a-repository"], "expected OWNER/NAME"),
        (lambda lanes, out: [lanes, "--out", lanes], "a lane's own report folder"),
    ],
    ids=["bad-repository", "out-is-the-lane"],
)
def test_publish_refuses_bad_input_in_one_line_before_writing(tmp_path, arguments, message):
    lanes = lane(tmp_path / "tf221", "2.21.0", {"xnor.gates.xnor_net": "reproduced"})
    before = {p.name: p.read_bytes() for p in lanes.iterdir() if p.is_file()}
    out = tmp_path / "public"
    done = publish(*arguments(lanes, out))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert not out.exists() and {p.name: p.read_bytes() for p in lanes.iterdir() if p.is_file()} == before


def test_publishing_again_replaces_the_lanes_files_and_figures_whole(tmp_path):
    out = tmp_path / "public"
    first = lane(tmp_path / "old" / "tf221", "2.21.0", {"xnor.gates.xnor_net": "reproduced"})
    assert publish(first, "--out", out).returncode == 0
    second = lane(tmp_path / "new" / "tf221", "2.21.0", {"logic.softmax.examples": "reproduced"})
    assert publish(second, "--out", out).returncode == 0
    assert sorted(p.name for p in (out / "figures").iterdir()) == ["logic.softmax.examples.png"]
    assert (out / "claims.md").read_text() == (second / "claims.md").read_text()
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind
