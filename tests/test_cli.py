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
    return subprocess.run(
        [sys.executable, "-m", "reproductions", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_list_ids_prints_every_claim_without_importing_tensorflow():
    started = time.perf_counter()
    done = cli("list", "--ids")
    assert time.perf_counter() - started < 5  # the import-free path; well under 1 s of its own
    assert done.returncode == 0 and done.stdout.split() == [c.id for c in CLAIMS]
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from reproductions.suite.cli import main; "
            "main(['list']); assert 'tensorflow' not in sys.modules",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 0, probe.stderr


def test_list_json_and_table(capsys):
    assert main(["list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == len(CLAIMS) and {"id", "documented", "expected_verdict"} <= set(records[0])
    assert main(["list"]) == 0
    assert "xnor.fast.speedup" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "no.such.claim"], "unknown claim id 'no.such.claim'"),
        (["run", "xnor.gates.xnor_net", "--seeds", "5-2"], "runs backwards"),
        (["run", "xnor.gates.xnor_net", "--seeds", "a"], "bad seed list 'a'"),
        (["run", "xnor.gates.xnor_net", "--scale", "huge"], "invalid choice: 'huge'"),
        (["run", "ltfn.retro.kaggle"], "cannot run: unavailable"),
        (["run", "ltfn5.test_acc"], "not judged at the quick scale"),
        (["calibrate", "xnor.train.final_loss", "--seeds", "0-3"], "at least 20 seeds"),
        (["frobnicate"], "invalid choice"),
        (["list", "--bogus"], "unrecognized arguments: --bogus"),
        ([], "required"),
    ],
)
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
    assert main(["calibrate", "lcd.linreg5.acc_after_5_steps", "--seeds", "0-19"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot write the calibration {folder}/" in err


def test_a_failed_calibration_write_is_one_clear_error(tmp_path):
    from reproductions.suite import calibration
    from reproductions.suite.registry import REGISTRY

    blocker = tmp_path / "file"
    blocker.write_text("")
    runs = [{"acc_after_5": 0.5}] * 20
    with pytest.raises(calibration.CalibrationError, match="cannot write the calibration"):
        calibration.record(
            REGISTRY["lcd.linreg5.acc_after_5_steps"],
            list(range(20)),
            "quick",
            runs,
            {},
            directory=blocker / "calibration",
        )


def fake_runs(claim):
    """Per-seed results shaped like the claim's measurement, without training."""
    return lambda c, seeds, scale: [{metric: float(seed) for metric in claim.measure.metrics} for seed in seeds]


def test_calibrate_keeps_the_seeds_a_calibration_was_recorded_with(tmp_path, monkeypatch, capsys):
    """Finding: calibrate's default of 20 seeds rewrote a 40-seed file, changing its siblings' tolerances."""
    import json

    from reproductions.suite import calibration, engine
    from reproductions.suite.registry import REGISTRY

    claim = REGISTRY["lcd.linreg5.acc_after_5_steps"]
    recorded = json.loads(calibration.path_for(claim.measure).read_text())
    (tmp_path / calibration.path_for(claim.measure).name).write_text(json.dumps(recorded))
    monkeypatch.setattr(calibration, "folder_of", lambda measure: tmp_path)
    monkeypatch.setattr(engine, "measure_runs", fake_runs(claim))
    assert main(["calibrate", claim.id]) == 0
    rewritten = json.loads(calibration.path_for(claim.measure).read_text())
    assert rewritten["meta"]["seeds"] == recorded["meta"]["seeds"]
    assert len(recorded["meta"]["seeds"]) > calibration.MIN_SEEDS  # more than calibrate's default would record


def test_add_seeds_measures_only_the_new_ones_and_refuses_a_foreign_fingerprint(tmp_path, monkeypatch, capsys):
    import json

    from reproductions.suite import calibration, engine, runtime
    from reproductions.suite.registry import REGISTRY

    claim = REGISTRY["lcd.linreg5.acc_after_5_steps"]
    data = json.loads(calibration.path_for(claim.measure).read_text())
    data["meta"]["seeds"], data["runs"] = data["meta"]["seeds"][:10], data["runs"][:10]
    data["meta"]["environment"] = runtime.environment()
    path = tmp_path / calibration.path_for(claim.measure).name
    path.write_text(json.dumps(data))
    monkeypatch.setattr(calibration, "folder_of", lambda measure: tmp_path)
    measured = []
    monkeypatch.setattr(
        engine, "measure_runs", lambda c, seeds, scale: measured.extend(seeds) or fake_runs(claim)(c, seeds, scale)
    )
    assert main(["calibrate", claim.id, "--add-seeds", "5-24"]) == 0
    grown = json.loads(path.read_text())
    assert measured == list(range(10, 25)) and grown["meta"]["seeds"] == list(range(25))
    assert grown["runs"][:10] == data["runs"] and len(grown["runs"]) == 25
    grown["meta"]["environment"]["tensorflow"] = "1.0.0"
    path.write_text(json.dumps(grown))
    assert main(["calibrate", claim.id, "--add-seeds", "25-29"]) == 2
    assert "recorded on tensorflow 1.0.0" in capsys.readouterr().err


# ---- conventions: version, help with examples, distinct exit statuses, missing packages -----------
def test_version_and_help_with_examples_on_every_subcommand():
    from reproductions import __version__

    done = cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"reproductions {__version__}"
    for command in (
        "list",
        "run",
        "calibrate",
        "report",
        "matrix",
        "compare",
        "readme",
        "bench",
        "false-alarms",
        "fetch-mnist",
    ):
        shown = cli(command, "-h")
        examples = shown.stdout.split("examples:\n", 1)[-1]
        assert shown.returncode == 0 and examples.startswith(("  reproductions", "  tox")), command
    assert "exit statuses:" in cli("report", "-h").stdout


def test_the_console_script_is_installed():
    script = Path(sys.executable).with_name("reproductions")
    assert script.is_file(), "pip install -e . installs the `reproductions` console script"
    done = subprocess.run([str(script), "list", "--ids"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.split() == [c.id for c in CLAIMS]


def test_report_maps_pytests_statuses_into_its_own(tmp_path):
    none = cli("report", "-k", "no_claim_has_this_name", f"--repro-report-dir={tmp_path}", "-q")
    assert none.returncode == 5, none.stdout[-1000:] + none.stderr[-1000:]
    usage = cli("report", "--repro-seeds=5-2", f"--repro-report-dir={tmp_path}")
    assert usage.returncode == 2 and "runs backwards" in usage.stderr
    broken = tmp_path / "test_broken.py"
    broken.write_text("import a_module_nobody_has\n")
    collection_error = cli("report", str(broken), "-k", "softmax", f"--repro-report-dir={tmp_path}", "-q")
    assert collection_error.returncode == 4, collection_error.stdout[-1000:]  # pytest's 2, yet no Ctrl-C: not 130


WITHOUT_TENSORFLOW = "import sys; sys.modules['tensorflow'] = None; "  # as if it were not installed


def test_a_missing_tensorflow_is_one_line_naming_the_choices(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_TENSORFLOW + "from reproductions.suite.cli import main; "
            "sys.exit(main(['run', 'xnor.gates.xnor_net']))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3 and run.stderr.count("\n") == 1
    assert "TensorFlow is not installed" in run.stderr and "tensorflow-cpu" in run.stderr and "tf-nightly" in run.stderr


@pytest.mark.parametrize(
    "options",
    [
        ["-k", "xnor.gates.xnor_net"],
        ["-m", "gpu", "-k", "ltfn6"],  # the gpu claims' device plan asks TensorFlow for its GPUs
        ["--repro-require-gpu", "-k", "xnor.gates.xnor_net"],  # asks before anything is collected
    ],
    ids=["claims", "gpu-claims", "require-gpu"],
)
def test_a_claims_session_without_tensorflow_is_one_usage_line(tmp_path, options):
    suite = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_TENSORFLOW + "import pytest; sys.exit(pytest.main(["
            "'reproductions/test_claims.py', '-p', 'no:cacheprovider', "
            f"'--repro-report-dir={tmp_path}', *{options!r}]))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert suite.returncode == pytest.ExitCode.USAGE_ERROR and "TensorFlow is not installed" in suite.stderr
    assert "Traceback" not in suite.stderr + suite.stdout and not (tmp_path / "claims.json").exists()
