"""Measured runs kept across processes: one seed's run, taken once and reused while nothing that
decides its numbers has changed (as Bazel keeps a test result keyed on its inputs).

The key names every input of a run: a digest of the package's files (its code, its calibrations and
the hashes that verify the data it reads), the TensorFlow, Keras, NumPy and Python versions with the
machine fingerprint and thread count (``fingerprint.static_environment``), the measurement, the seed,
the scale and the device. An entry stores its key and a digest of its content; one that is
unreadable, truncated, written for another key or returns other metrics than its measurement declares
is measured afresh, never trusted. Entries are plain JSON (arrays as base64 of their bytes): reading
one runs no code.

Never stored or read: timed measurements (a time is the claim: always re-timed), runs on a GPU (its
model, driver and CUDA libraries are not in the key), and any run taken inside ``memo.fresh()`` (the
breaks of a model and the determinism tests measure afresh).

Nothing is ever deleted: a changed package leaves the old entries behind (the folder can be removed
at any time; it only saves time).

Where: ``$REPRO_CACHE_DIR``, else ``$XDG_CACHE_HOME/reproductions/runs`` (``~/.cache/...``).
Off: ``--repro-no-cache`` or ``REPRO_NO_CACHE=1``.
"""

import base64
import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

FORMAT = 1  # bump when the entry layout changes: older entries become foreign
PACKAGE = Path(__file__).resolve().parents[1]
INPUT_SUFFIXES = (".py", ".json", ".txt", ".csv", ".gz")  # code, calibrations, id list, data hashes


def default_dir():
    if os.environ.get("REPRO_CACHE_DIR"):
        return Path(os.environ["REPRO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reproductions" / "runs"


@functools.cache
def installed_versions():
    """Every installed distribution that provides the modules a run imports, by name and version
    (tensorflow-cpu, tensorflow-macos, tf-keras, ... included, whatever their names)."""
    import importlib.metadata

    providers = importlib.metadata.packages_distributions()
    names = sorted({d for module in ("tensorflow", "keras", "tf_keras", "numpy") for d in providers.get(module, ())})
    return {name: importlib.metadata.version(name) for name in names}


def disabled_by_environment():
    return os.environ.get("REPRO_NO_CACHE", "") not in ("", "0")


@functools.cache
def source_digest():
    """The package's own files, by content (compiled files aside)."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in INPUT_SUFFIXES and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class Unstorable(TypeError):
    """A run holding something other than numbers, strings, arrays and containers of them."""


def encode(value):
    import numpy as np

    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, np.ndarray) and value.dtype != object:
        data = base64.b64encode(np.ascontiguousarray(value).tobytes()).decode()
        return {"ndarray": data, "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, np.generic):
        return {"scalar": value.item(), "dtype": value.dtype.str}
    if isinstance(value, (list, tuple)):
        return {"list" if isinstance(value, list) else "tuple": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    raise Unstorable(type(value).__name__)


def decode(value):
    import numpy as np

    if not isinstance(value, dict):
        return value
    if "ndarray" in value:
        flat = np.frombuffer(base64.b64decode(value["ndarray"]), dtype=np.dtype(value["dtype"]))
        return flat.reshape(value["shape"]).copy()
    if "scalar" in value:
        return np.dtype(value["dtype"]).type(value["scalar"])
    if "list" in value:
        return [decode(v) for v in value["list"]]
    if "tuple" in value:
        return tuple(decode(v) for v in value["tuple"])
    return {decode(k): decode(v) for k, v in value["dict"]}


class RunStore:
    """The runs of one folder. ``hits`` counts the runs read from it in this process."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.hits = 0
        self.environment = None  # the environment recorded with the last run read

    def keeps(self, measure, device):
        """Whether runs of ``measure`` on ``device`` are stored at all."""
        return not measure.timed and device in (None, "cpu")

    def key(self, measure, seed, scale, device):
        from . import runtime

        inputs = {
            "format": FORMAT,
            "source": source_digest(),
            "environment": runtime.static_environment(),  # versions, machine fingerprint, threads
            "installed": installed_versions(),
            "measurement": measure.name,
            "seed": seed,
            "scale": scale,
            "device": device,
        }
        return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()

    def _path(self, key):
        return self.directory / key[:2] / f"{key}.json"

    def load(self, measure, seed, scale, device):
        """The stored run, or None (absent, unreadable, foreign, or not what the measurement declares)."""
        from .measurements import MeasurementError, check_declared

        try:
            key = self.key(measure, seed, scale, device)
            entry = json.loads(self._path(key).read_text())
            body = json.dumps(entry["run"], sort_keys=True)
            if entry["key"] != key or entry["digest"] != hashlib.sha256(body.encode()).hexdigest():
                return None
            run = check_declared(measure, decode(entry["run"]))
            environment = dict(entry["environment"])
        except (OSError, ValueError, KeyError, TypeError, MeasurementError):
            return None
        self.hits += 1
        self.environment = environment
        return run

    def save(self, measure, seed, scale, device, run, environment):
        """Keep ``run`` (silently not, when it cannot be encoded or the folder cannot be written: the
        store saves time, it never decides a result)."""
        tmp = None
        try:
            key = self.key(measure, seed, scale, device)
            encoded = encode(run)
            body = json.dumps(encoded, sort_keys=True)
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256(body.encode()).hexdigest()
            entry = {"key": key, "digest": digest, "environment": environment, "run": encoded}
            with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as tmp:
                json.dump(entry, tmp)
            os.replace(tmp.name, path)  # whole or not at all: a reader never sees half an entry
        except Exception:  # noqa: BLE001  whatever fails, the run stands measured; only its keeping is lost
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp.name)
