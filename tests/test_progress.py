"""Progress of long runs: a live line on a terminal, plain lines elsewhere, and no effect on what
is measured (no op is added to a graph unless someone is watching)."""

import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from reproductions.posts.xnor import config as xnor_config
from reproductions.posts.xnor import model as xnor_model
from reproductions.suite import progress, runtime

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.cpu


def test_plain_lines_every_tenth_and_the_last_step():
    stream = io.StringIO()
    with progress.reporting(stream, terminal=False) as reporter:
        reporter.loop("training", 1000)
        for step in range(1000):
            reporter.update(step, 0.5)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11 and "\r" not in stream.getvalue()
    assert lines[-1].startswith("training: step 1,000/1,000 loss 0.5 elapsed") and "ETA 0:00:00" in lines[-1]
    assert progress.active() is None


def test_a_terminal_gets_one_line_rewritten_in_place():
    stream = io.StringIO()
    with progress.reporting(stream, terminal=True) as reporter:
        reporter.seed(0, 2, 7)
        reporter.loop("training", 3)
        for step in range(3):
            reporter.update(step, 1.0)
    text = stream.getvalue()
    assert text.count("\r\033[K") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "seed 1/2 (7) training: step 3/3" in text


def test_watching_a_training_does_not_change_it():
    def trained():
        runtime.seed_everything(3)
        model = xnor_model.build_model()
        history, loss = xnor_model.compiled_training(model, replace(xnor_config.QUICK, steps=400))()
        return history.numpy(), float(loss)

    unwatched = trained()
    stream = io.StringIO()
    with progress.reporting(stream, terminal=False):
        watched = trained()
    assert np.array_equal(unwatched[0], watched[0]) and unwatched[1] == watched[1]
    lines = stream.getvalue().splitlines()
    assert lines and lines[-1].startswith("training: step 400/400 loss ")


def test_run_at_documented_scale_reports_progress_in_plain_lines():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reproductions",
            "run",
            "xnor.train.final_loss",
            "--scale",
            "documented",
            "--seeds",
            "0",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in done.stderr
    steps = [line for line in done.stderr.splitlines() if "training: step" in line]
    assert steps and steps[-1].startswith(
        f"seed 1/1 (0) training: step {xnor_config.QUICK.steps:,}/{xnor_config.QUICK.steps:,}"
    )
    assert "verdict" in done.stdout
