"""The project's own tests (not shipped): the session runner as a fixture, and the machine a saved
benchmark ran on. The installed plugin gives other projects neither."""

import pytest

from reproductions.pytest_plugin import session_of
from reproductions.suite import runtime


@pytest.hookimpl(trylast=True)  # after the plugin has read the options
def pytest_configure(config):
    runtime.use_scale(session_of(config).scale)  # before TensorFlow starts: its thread pools are sized once


@pytest.fixture
def repro(request):
    """The session's claim runner: seeds, scale and report folder from the command line."""
    return session_of(request.config)


def pytest_benchmark_update_machine_info(config, machine_info):
    """Saved benchmarks name their TensorFlow, so `reproductions bench` can compare lanes."""
    environment = runtime.static_environment()
    machine_info["reproductions_machine"] = environment.pop("machine")  # pytest-benchmark has its own "machine"
    machine_info.update(environment)


@pytest.fixture(autouse=True)
def measure_afresh(monkeypatch):
    """A session these tests start (in-process or as a subprocess) neither reads nor keeps runs
    across sessions: an interrupted run, a progress line or a peak memory needs a real training.
    tests/test_run_store.py tests the store itself."""
    monkeypatch.setenv("REPRO_NO_CACHE", "1")
