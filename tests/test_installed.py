"""The suite as a TensorFlow packager uses it: the wheel built, installed without its dependencies into
a folder of its own beside the TensorFlow already here, and run from an empty folder with no checkout
in sight, through the console script and through plain pytest."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[1]
# one worker builds the wheel for all of them (under -n 2 two builds at once collided in build/)
pytestmark = [pytest.mark.cpu, pytest.mark.xdist_group("installed_wheel")]
SKIP = shutil.ignore_patterns(".git", ".venv", ".tox", "build", "dist", "reports", "*.egg-info", "__pycache__")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(folder on PYTHONPATH holding the installed wheel, its bin folder)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: setuptools builds in the source tree, and the checkout stays as it is
    shutil.copytree(ROOT, source, ignore=SKIP)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if build.returncode != 0:
        if "No matching distribution found for setuptools" in build.stderr:  # its build backend comes from the index
            pytest.skip("building the wheel needs setuptools from the package index, which is not reachable")
        pytest.fail(build.stderr[-2000:])
    (wheel,) = (work / "dist").glob("reproductions-*.whl")
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return site


def in_empty_folder(tmp_path, site, *command):
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "REPRO_"))}
    env["PYTHONPATH"] = str(site)  # before the checkout's editable install on sys.path
    env["REPRO_NO_CACHE"] = "1"  # a real run, and nothing kept in the user's cache
    return subprocess.run(list(command), cwd=folder, capture_output=True, text=True, timeout=900, env=env), folder


def test_the_wheel_holds_the_claims_test_its_calibrations_and_the_id_list(installed):
    package = installed / "reproductions"
    assert (package / "test_claims.py").is_file() and (package / "IDS.txt").is_file()
    shipped = {p.relative_to(package).as_posix() for p in package.rglob("calibration/*.json")}
    in_checkout = {
        p.relative_to(ROOT / "reproductions").as_posix() for p in (ROOT / "reproductions").rglob("calibration/*.json")
    }
    assert shipped == in_checkout
    assert (installed / "bin" / "reproductions").is_file()


def test_the_installed_package_is_the_one_imported(installed, tmp_path):
    done, _ = in_empty_folder(
        tmp_path, installed, sys.executable, "-c", "import reproductions; print(reproductions.__file__)"
    )
    assert done.stdout.strip().startswith(str(installed)), done.stdout + done.stderr


def test_report_runs_from_any_folder(installed, tmp_path):
    done, folder = in_empty_folder(
        tmp_path,
        installed,
        str(installed / "bin" / "reproductions"),
        "report",
        "-k",
        "softmax",
        "-q",
        "--junitxml=junit.xml",
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((folder / "reports" / "claims.json").read_text())
    assert [c["id"] for c in report["claims"]] == ["logic.softmax.examples"]
    assert report["claims"][0]["outcome"] == "passed"
    assert not (Path(installed) / ".pytest_cache").exists()
    # JUnit properties: flat fields, and the whole record as JSON
    properties = {p.get("name"): p.get("value") for p in ElementTree.parse(folder / "junit.xml").iter("property")}
    assert properties["verdict"] == "reproduced" and properties["expected"] == "reproduced"
    assert properties["basis"] == "documented" and json.loads(properties["claim"])["id"] == "logic.softmax.examples"


def test_pytest_pyargs_runs_from_any_folder(installed, tmp_path):
    done, folder = in_empty_folder(
        tmp_path,
        installed,
        sys.executable,
        "-m",
        "pytest",
        "--pyargs",
        "reproductions",
        "-k",
        "softmax",
        "-q",
        "-p",
        "no:cacheprovider",
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "1 passed" in done.stdout
    assert json.loads((folder / "reports" / "claims.json").read_text())["claims"][0]["id"] == "logic.softmax.examples"
