"""Installed, the plugin is loaded by every pytest session of the environment: another project's
suite must run exactly as without it. Runs such a project in a child pytest, from its own folder."""

import os
import subprocess
import sys

import pytest

FOREIGN_CONFTEST = """
import pytest

def pytest_addoption(parser):
    parser.addoption("--require-gpu", action="store_true", help="a common name, this project's own")

@pytest.fixture
def claim():
    return {"sub": "alice", "exp": 1}
"""

FOREIGN_TESTS = """
import sys

import pytest

def test_jwt_claim(claim):
    assert claim == {"sub": "alice", "exp": 1}

@pytest.mark.gpu
def test_marked_gpu_by_this_project(request):
    assert request.config.getoption("--require-gpu") is not None  # its own option, parsed

def test_nothing_of_the_suite_was_imported():
    heavy = [name for name in ("tensorflow", "numpy", "reproductions.suite.registry", "reproductions.posts")
             if name in sys.modules]
    assert not heavy, heavy
"""


@pytest.fixture
def foreign_project(tmp_path):
    project = tmp_path / "jwt-app"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\nmarkers =\n    gpu: this project's own GPU tests\n")
    (project / "conftest.py").write_text(FOREIGN_CONFTEST)
    (project / "test_app.py").write_text(FOREIGN_TESTS)
    (project / "reports").write_text("a file where the suite's default report folder would go: a probe of it fails\n")
    return project


def run_in(folder, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "REPRO_"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_another_projects_suite_runs_untouched(foreign_project):
    """A `claim` fixture, a `gpu` marker and a `--require-gpu` option of its own, in a folder where
    the suite's report folder cannot be made: all three tests pass, and nothing of the suite shows."""
    os.chmod(foreign_project, 0o555)  # read-only too (root writes anyway: the file named reports catches a probe)
    try:
        done = run_in(foreign_project, "--require-gpu", "-v", "-p", "reproductions.pytest_plugin")
    finally:
        os.chmod(foreign_project, 0o755)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "3 passed" in done.stdout
    ours = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if "reproductions" in line and not line.startswith("plugins:")
    ]  # pytest's own list of plugins
    assert not ours and "= claims =" not in done.stdout


def test_the_plugin_is_loaded_there(foreign_project):
    """The check above means something: the plugin is active in that session (its options are known)."""
    done = run_in(foreign_project, "--repro-scale=quick", "-q")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    done = run_in(foreign_project, "--repro-scale=huge", "-q")
    assert done.returncode == pytest.ExitCode.USAGE_ERROR and "--repro-scale" in done.stderr


def test_its_markers_are_its_own(foreign_project):
    """`pytest --markers` there lists the project's own gpu marker, none of the suite's but repro_claim."""
    done = run_in(foreign_project, "--markers")
    ours = [line for line in done.stdout.splitlines() if line.startswith(("@pytest.mark.gpu", "@pytest.mark.cpu"))]
    assert ours == ["@pytest.mark.gpu: this project's own GPU tests"], ours
    assert not any(line.startswith(("@pytest.mark.slow", "@pytest.mark.dataset")) for line in done.stdout.splitlines())


# ---- the same cases one by one, in-process with pytester ------------------------------------------


def test_pytester_a_foreign_claim_fixture_is_not_parametrized(pytester):
    pytester.makeconftest("import pytest\n@pytest.fixture\ndef claim():\n    return {'sub': 'alice'}\n")
    pytester.makepyfile(test_jwt="def test_jwt_claim(claim):\n    assert claim == {'sub': 'alice'}\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_pytester_a_foreign_gpu_marker_is_not_skipped(pytester):
    pytester.makeini("[pytest]\nmarkers =\n    gpu: this project's own\n")
    pytester.makepyfile(test_gpu="import pytest\n@pytest.mark.gpu\ndef test_on_gpu():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(passed=1)
    assert "needs a GPU" not in result.stdout.str()


def test_pytester_a_foreign_require_gpu_option_does_not_conflict(pytester):
    pytester.makeconftest("def pytest_addoption(parser):\n    parser.addoption('--require-gpu', action='store_true')\n")
    pytester.makepyfile(test_opt="def test_it(request):\n    assert request.config.getoption('--require-gpu')\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--require-gpu")
    result.assert_outcomes(passed=1)


def test_pytester_a_read_only_working_folder_is_not_probed(pytester):
    (pytester.path / "reports").write_text("a file: a probe of the default report folder here would fail\n")
    pytester.makepyfile(test_plain="def test_plain():\n    pass\n")
    os.chmod(pytester.path, 0o555)
    try:
        result = pytester.runpytest("-p", "no:cacheprovider")
    finally:
        os.chmod(pytester.path, 0o755)
    result.assert_outcomes(passed=1)
    assert "reproductions:" not in result.stdout.str() and "= claims =" not in result.stdout.str()


def test_a_foreign_test_claims_file_under_xdist_is_not_taken_for_the_suite(foreign_project):
    """The xdist controller gets node ids only: a project's own test_claims.py::test_claim[...] must
    not trigger the suite's report-folder probe (the file named `reports` would fail it)."""
    (foreign_project / "test_claims.py").write_text(
        "import pytest\n@pytest.mark.parametrize('name', ['sub'])\ndef test_claim(name):\n    assert name\n"
    )
    done = run_in(foreign_project, "-n", "1", "-q", "test_claims.py")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "1 passed" in done.stdout and "--repro-report-dir" not in done.stderr
