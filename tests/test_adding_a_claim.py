"""Adding a claim that reads a metric an existing measurement returns touches two files: the post's
claims.py (one record) and the id list. Nothing is re-recorded: the measurement's calibration serves
the new claim as it is. Shown on a copy of the package, run from an empty folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reproductions"
pytestmark = pytest.mark.cpu

NEW_ID = "logic.tf.and_accuracy_as_calibrated"
RECORD = f'''
CLAIMS = CLAIMS + (
    Claim(
        id="{NEW_ID}",
        source=Source(KAMPHAUS, "Logic functions in TensorFlow"),
        statement="A throwaway claim: one run of AND can reach 100% test accuracy",
        documented={{}},
        judge="band",
        expected="reproduced",
        why="Added by tests/test_adding_a_claim.py.",
        measure=train_logic_nets,
        seeds=LOGIC_SEEDS,
        checks=(OneRunWorks("and_test_100", label="AND at 100% test accuracy"),),
    ),
)
'''


@pytest.fixture
def package_with_a_new_claim(tmp_path):
    copy = tmp_path / "site" / "reproductions"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    claims = copy / "posts" / "logic" / "claims.py"
    claims.write_text(claims.read_text() + RECORD)
    ids = copy / "IDS.txt"
    ids.write_text(ids.read_text() + NEW_ID + "\n")
    return copy


def changed_files(copy):
    changed = []
    for path in sorted(copy.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            original = PACKAGE / path.relative_to(copy)
            if not original.is_file() or original.read_bytes() != path.read_bytes():
                changed.append(path.relative_to(copy).as_posix())
    return changed


def test_a_claim_on_an_existing_metric_is_one_record_and_one_id(package_with_a_new_claim, tmp_path):
    copy = package_with_a_new_claim
    assert changed_files(copy) == ["IDS.txt", "posts/logic/claims.py"]
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "REPRO_"))}
    env.update(PYTHONPATH=str(copy.parent), REPRO_NO_CACHE="1")
    ids_match = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pathlib import Path; import reproductions; from reproductions.suite.registry import REGISTRY; "
            "lines = Path(reproductions.__file__).with_name('IDS.txt').read_text().splitlines(); "
            "ids = [i.strip() for i in lines if i.strip() and not i.startswith('#')]; "
            "assert sorted(ids) == sorted(REGISTRY), 'the id list and the registry differ'",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ids_match.returncode == 0, ids_match.stderr[-2000:]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--pyargs", "reproductions", "-p", "no:cacheprovider", "-q", "-k", NEW_ID],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert "1 passed" in run.stdout
    report = (folder / "reports" / "claims.md").read_text()
    assert NEW_ID in report and "reproduced" in report
