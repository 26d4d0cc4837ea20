"""The command line: instant listing, one-line usage errors with status 2."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reproductions.suite.cli import main
from reproductions.suite.registry import CLAIMS

ROOT = Path(__file__).resolve().parents[1]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "reproductions", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_list_ids_prints_every_claim_without_importing_tensorflow():
    started = time.perf_counter()
    done = cli("list", "--ids")
    assert time.perf_counter() - started < 5  # the import-free path; well under 1 s of its own
    assert done.returncode == 0 and done.stdout.split() == [c.id for c in CLAIMS]
    probe = subprocess.run([sys.executable, "-c", "import sys; from reproductions.suite.cli import main; "
                            "main(['list']); assert 'tensorflow' not in sys.modules"], cwd=ROOT,
                           capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr


def test_list_json_and_table(capsys):
    assert main(["list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == len(CLAIMS) and {"id", "documented", "expected_verdict"} <= set(records[0])
    assert main(["list"]) == 0
    assert "xnor.fast.speedup" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["run", "no.such.claim"], "unknown claim id 'no.such.claim'"),
    (["run", "xnor.gates.xnor_net", "--seeds", "5-2"], "runs backwards"),
    (["run", "xnor.gates.xnor_net", "--seeds", "a"], "bad seed list 'a'"),
    (["run", "xnor.gates.xnor_net", "--scale", "huge"], "invalid choice: 'huge'"),
    (["run", "ltfn.retro.kaggle"], "cannot run: unavailable"),
    (["calibrate", "xnor.train.final_loss", "--seeds", "0-3"], "at least 10 seeds"),
    (["frobnicate"], "invalid choice"),
    (["list", "--bogus"], "unrecognized arguments: --bogus"),
    ([], "required"),
])
def test_usage_errors_are_one_line_with_status_2(args, message):
    done = cli(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr


def test_run_prints_documented_measured_and_verdict():
    done = cli("run", "logic.softmax.examples")
    assert done.returncode == 0, done.stderr
    assert "documented softmax_8_023_012" in done.stdout and "verdict   reproduced" in done.stdout


def test_calibrate_into_a_read_only_install_is_one_line_before_any_training(tmp_path, monkeypatch, capsys):
    from reproductions.suite import calibration, engine

    (tmp_path / "file").write_text("")  # in the way of the folder: unwritable even for root
    folder = tmp_path / "file" / "calibration"
    monkeypatch.setattr(engine, "measure_runs", lambda *a, **k: pytest.fail("trained before checking the folder"))
    monkeypatch.setattr(calibration, "folder_of", lambda measure: folder)
    assert main(["calibrate", "lcd.linreg5.acc_after_5_steps", "--seeds", "0-9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot write the calibration {folder}/" in err


def test_a_failed_calibration_write_is_one_clear_error(tmp_path):
    from reproductions.suite import calibration
    from reproductions.suite.registry import REGISTRY

    blocker = tmp_path / "file"
    blocker.write_text("")
    runs = [{"acc_after_5": 0.5}] * 10
    with pytest.raises(calibration.CalibrationError, match="cannot write the calibration"):
        calibration.record(REGISTRY["lcd.linreg5.acc_after_5_steps"], list(range(10)), "quick", runs, {},
                           directory=blocker / "calibration")
