"""The plugin as users meet it: GPU selection and skipping, --repro-require-gpu, bad options, and the
same report under pytest-xdist as without it. Runs the real suite in subprocesses."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reproductions.suite.placement import claim_markers, device_plan, resolve_scale, selects_only_gpu
from reproductions.suite.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
SUBSET = "gates or softmax or k9 or subgraph or kaggle"  # deterministic, stochastic, graph-mode and unavailable claims


def suite(*args, report_dir, two_words=False, env=None):
    """The claims suite in a child pytest; ``two_words`` passes the report folder as most people type
    options (``--repro-report-dir DIR``), which needs the plugin known at pytest's early parsing."""
    folder = ["--repro-report-dir", str(report_dir)] if two_words else [f"--repro-report-dir={report_dir}"]
    command = [
        sys.executable,
        "-m",
        "pytest",
        "reproductions/test_claims.py",
        "-p",
        "no:cacheprovider",
        "-q",
        *folder,
        *args,
    ]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})}
    )


# ---- selection logic (no GPU exists here, so it is tested as logic) ------------------------------
def test_gpu_claims_run_on_a_visible_gpu_and_skip_without_one():
    assert device_plan({"gpu"}, ["/physical_device:GPU:0"]) == ("gpu", None)
    device, reason = device_plan({"gpu"}, [])
    assert device == "gpu" and "needs a GPU: TensorFlow sees none" in reason
    assert device_plan({"cpu"}, []) == ("cpu", None)
    assert device_plan({"cpu"}, ["/physical_device:GPU:0"]) == ("cpu", None)


def test_gpu_claims_run_on_the_cpu_only_when_asked():
    assert device_plan({"gpu"}, [], on_cpu=True) == ("cpu", None)
    assert device_plan({"gpu"}, ["/physical_device:GPU:0"], on_cpu=True) == ("gpu", None)  # a GPU still wins
    assert "--repro-on-cpu" in device_plan({"gpu"}, [])[1]


def test_run_refuses_a_gpu_claim_on_the_cpu_unless_asked():
    if os.path.isdir("/proc/driver/nvidia/gpus"):
        pytest.skip("a GPU is here: the run would train")
    done = subprocess.run(
        [sys.executable, "-m", "reproductions", "run", "ltfn6.vs_xavier_init", "--scale", "documented", "--seeds", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and "--on-cpu" in done.stderr and "Traceback" not in done.stderr


def test_require_gpu_fails_without_one_and_passes_with_one():
    with pytest.raises(RuntimeError, match="--repro-require-gpu: TensorFlow sees no GPU"):
        device_plan({"cpu"}, [], require_gpu=True)
    assert device_plan({"gpu"}, ["/physical_device:GPU:0"], require_gpu=True) == ("gpu", None)


def test_markers_follow_the_scale():
    heavy, light = REGISTRY["ltfn6.vs_xavier_init"], REGISTRY["xnor.gates.xnor_net"]
    assert claim_markers(heavy, "documented")[:2] == ["gpu", "slow"]
    assert claim_markers(heavy, "quick")[0] == "cpu"
    assert claim_markers(light, "documented") == ["cpu"]
    assert "benchmark" in claim_markers(REGISTRY["xnor.fast.speedup"], "quick")


@pytest.mark.parametrize(
    "markexpr, only_gpu",
    [("gpu", True), ("gpu and slow", True), ("not gpu", False), ("cpu", False), ("gpu or cpu", False), ("", False)],
)
def test_minus_m_gpu_means_the_documented_scale(markexpr, only_gpu):
    assert selects_only_gpu(markexpr) is only_gpu
    assert resolve_scale(None, markexpr) == ("documented" if only_gpu else "quick")
    assert resolve_scale("quick", markexpr) == "quick"


# ---- the suite as a user runs it -----------------------------------------------------------------
def test_minus_m_gpu_skips_with_a_reason_here(tmp_path):
    done = suite("-m", "gpu", "-rs", report_dir=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" not in done.stdout and "skipped" in done.stdout
    entries = json.loads((tmp_path / "claims.json").read_text())["claims"]
    assert entries and all(e["outcome"] == "skipped" and e["reason"] for e in entries)
    assert json.loads((tmp_path / "claims.json").read_text())["meta"]["scale"] == "documented"


def test_require_gpu_fails_the_session_with_one_clear_line(tmp_path):
    done = suite("-m", "gpu", "--repro-require-gpu", report_dir=tmp_path)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "--repro-require-gpu: TensorFlow sees no GPU" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "option, message",
    [
        ("--repro-seeds=5-2", "runs backwards"),
        ("--repro-seeds=a", "bad seed list"),
        ("--repro-scale=huge", "invalid choice"),
        ("--repro-master-seed=-1", "non-negative"),
        ("--repro-master-seed=x", "invalid int value"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, option, message):
    done = suite(option, report_dir=tmp_path)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR and message in done.stderr
    assert "Traceback" not in done.stderr


def test_unwritable_report_folder_is_a_usage_error_before_anything_runs(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = suite(report_dir=blocker / "reports")
    assert done.returncode == pytest.ExitCode.USAGE_ERROR and "--repro-report-dir: cannot write" in done.stderr


def test_xdist_gives_the_same_claims_and_verdicts(tmp_path):
    serial, parallel = tmp_path / "n0", tmp_path / "n2"
    first = suite("-k", SUBSET, "-n", "0", report_dir=serial)
    second = suite("-k", SUBSET, "-n", "2", report_dir=parallel, two_words=True)
    assert first.returncode == 0 and second.returncode == 0, first.stdout[-2000:] + second.stdout[-2000:]

    def essence(folder):
        claims = json.loads((folder / "claims.json").read_text())["claims"]
        return [(c["id"], c["verdict"], c["outcome"], c["measured"].get("xnor_corners")) for c in claims]

    assert essence(serial) == essence(parallel)
    workers = {
        c["worker"]
        for c in json.loads((parallel / "claims.json").read_text())["claims"]
        if c["id"].startswith("xnor.gates.")
    }
    assert len(workers) == 1, f"claims sharing one measurement ran on {workers}: it was trained twice"
    for folder in (serial, parallel):  # every selected claim reported: not partial
        assert json.loads((folder / "claims.json").read_text())["meta"]["partial"] is False
    assert len(essence(serial)) == len({row[0] for row in essence(serial)})
    assert sorted(p.name for p in (parallel / "figures").iterdir()) == sorted(
        p.name for p in (serial / "figures").iterdir()
    )


def test_a_run_stopped_by_maxfail_is_marked_partial(tmp_path):
    """-x stops after the first failing claim: the report holds what finished and says it is partial."""
    (tmp_path / "break_and_gate.py").write_text(
        "def pytest_configure(config):\n"
        "    from reproductions.posts.xnor import config as xnor_config\n"
        "    xnor_config.THETA_AND = (-10.0, 20.0, 20.0)  # the AND truth table fails\n"
    )
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    done = suite("-x", "-p", "break_and_gate", "-k", "xnor.gates", report_dir=tmp_path / "r", env={"PYTHONPATH": path})
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout[-2000:] + done.stderr[-2000:]
    written = json.loads((tmp_path / "r" / "claims.json").read_text())
    assert written["meta"]["partial"] is True
    assert [c["id"] for c in written["claims"]] == ["xnor.gates.and_truth_table"]
    assert "partial run" in (tmp_path / "r" / "claims.md").read_text()
