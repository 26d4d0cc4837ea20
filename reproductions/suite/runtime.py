"""TensorFlow, imported on first use and set up once: quiet logs, thread pools sized per scale,
seeding with op determinism, device placement, and the environment a report records."""

import contextlib
import functools
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

_configured = False
_device = "cpu"  # set by on_device
_threads = None  # fixed by use_scale() before TensorFlow starts


def threads_for(scale):
    """Intra-op threads for one process. The quick scale runs on one: its models are too small to
    gain from more, its numbers then do not depend on the core count or on how many xdist workers
    share the machine (a reduction split across threads sums in another order), and two workers
    use two cores. The documented scale shares the cores out among the xdist workers."""
    if scale == "quick":
        return 1
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    return max(1, (os.cpu_count() or 1) // workers)


def use_scale(scale):
    """Size the thread pools for ``scale``; call before the first measurement."""
    global _threads
    _threads = threads_for(scale)


def threads():
    return _threads or threads_for("quick")


def tensorflow():
    """The tensorflow module, configured before its runtime starts."""
    global _configured
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    use_onednn()
    try:
        import tensorflow as tf
    except ModuleNotFoundError as err:
        if err.name != "tensorflow":
            raise
        from .errors import NO_TENSORFLOW, MissingDependency

        raise MissingDependency(NO_TENSORFLOW) from None

    if not _configured:
        _configured = True
        try:
            tf.config.threading.set_intra_op_parallelism_threads(threads())
            tf.config.threading.set_inter_op_parallelism_threads(threads())
        except RuntimeError:  # the runtime was already started by someone else: keep its pools
            pass
        tf.get_logger().setLevel("ERROR")
    return tf


def keras():
    tensorflow()
    import keras

    return keras


def seed_everything(seed):
    """Seed Python, NumPy and TensorFlow, and make TF ops deterministic."""
    tf = tensorflow()
    keras().utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()


def gpus():
    return tensorflow().config.list_physical_devices("GPU")


@contextlib.contextmanager
def on_device(kind):
    """Place the measurement on 'cpu' or 'gpu'; on a GPU, TF32 is off so float32 means float32."""
    global _device
    tf = tensorflow()
    if kind == "gpu":
        tf.config.experimental.enable_tensor_float_32_execution(False)
    previous, _device = _device, kind
    try:
        with tf.device("/GPU:0" if kind == "gpu" else "/CPU:0"):
            yield
    finally:
        _device = previous


def device_kind():
    """Where measurements are placed now ('cpu' or 'gpu'): part of the key of memoized TF work."""
    return _device


def package_version(*names):
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def use_onednn():
    """oneDNN kernels unless the user chose otherwise (TF_ENABLE_ONEDNN_OPTS=0). TensorFlow turns them
    on by itself only on CPUs with AVX-512 VNNI or newer; on an AVX2 CPU it falls back to Eigen, which
    trains the quick ConvNet 3.5x slower (46 vs 13 ms a step, one thread) and runs other kernels than
    an AVX-512 machine would. Read by TensorFlow at import, so set before it."""
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")


def onednn_setting():
    """oneDNN as this process runs (or, before TensorFlow is imported, will run) TensorFlow."""
    value = os.environ.get("TF_ENABLE_ONEDNN_OPTS", None if "tensorflow" in sys.modules else "1")
    if value is None:
        return "TensorFlow's default (on only for CPUs with AVX-512 VNNI or newer)"
    return "on" if value == "1" else "off"


def driver_devices():
    """Devices as the OS sees them, without TensorFlow: the CPU, and NVIDIA GPUs the driver lists."""
    gpus_dir = "/proc/driver/nvidia/gpus"
    gpu_count = len(os.listdir(gpus_dir)) if os.path.isdir(gpus_dir) else 0
    return f"CPU ({os.cpu_count()} cores)" + (f", {gpu_count} NVIDIA GPU(s)" if gpu_count else ", no NVIDIA GPU")


# Instruction sets that oneDNN and Eigen choose kernels by: two CPUs that differ in any of them may
# run different kernels for the same op, so float results may differ in their last bits.
DISPATCH_FLAGS = (
    "sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512cd", "avx512bw", "avx512dq",
    "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8",
    "asimd", "asimddp", "sve", "sve2", "bf16", "i8mm",  # ARM (the "Features" line)
)


@functools.lru_cache(maxsize=None)
def _cpuinfo(path="/proc/cpuinfo"):
    """The CPU model, its flags and its highest listed clock in MHz, as Linux reports them ("",
    frozenset(), None elsewhere). Read once per process."""
    try:
        text = Path(path).read_text()
    except OSError:
        return "", frozenset(), None
    model, flags, clocks = "", frozenset(), []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key in ("model name", "hardware", "cpu model") and not model:
            model = value.strip()
        elif key in ("flags", "features") and not flags:
            flags = frozenset(value.split())
        elif key == "cpu mhz":
            with contextlib.suppress(ValueError):
                clocks.append(float(value))
    return model, flags, max(clocks, default=None)


def machine_fingerprint():
    """What decides float results besides the versions: CPU model, the instruction sets kernels are
    chosen by, the intra-op threads this process runs with (reductions split by thread), and whether
    oneDNN or Eigen supplies the kernels."""
    model, flags, _ = _cpuinfo()
    return {
        "cpu": model or platform.processor() or platform.machine(),
        "isa": " ".join(flag for flag in DISPATCH_FLAGS if flag in flags),
        "threads": threads(),
        "onednn": onednn_setting(),
    }


def peak_gflops():
    """One core's nominal float32 peak, for reading a one-thread throughput against: clock x FLOP a
    cycle from the widest FMA the flags list (two FMA units a core, as on current x86 server
    cores). Returns (GFLOP/s, how it was computed), or (None, why not)."""
    _, flags, mhz = _cpuinfo()
    if mhz is None:
        return None, "no clock in /proc/cpuinfo"
    lanes = 16 if "avx512f" in flags else 8 if "avx" in flags else 4  # float32 lanes a vector
    per_cycle = lanes * 2 * (2 if ("fma" in flags or "avx512f" in flags) else 1)  # 2 units; FMA = 2 FLOP
    return mhz / 1000 * per_cycle, f"{mhz / 1000:.2f} GHz x {per_cycle} FLOP/cycle"


def describe_fingerprint(machine):
    return (f"{machine.get('cpu')} · {machine.get('isa') or 'no listed ISA flags'} · {machine.get('threads')} threads"
            f" · oneDNN {machine.get('onednn', 'unrecorded')}")


def fingerprint_differences(recorded, here):
    """How a recorded machine fingerprint differs from this one, in words ("" when it does not)."""
    if not recorded:
        return "an unrecorded machine"
    differs = []
    if recorded.get("cpu") != here.get("cpu"):
        differs.append(f"CPU {recorded.get('cpu')!r}")
    theirs, ours = set(str(recorded.get("isa", "")).split()), set(str(here.get("isa", "")).split())
    if theirs != ours:
        changes = [f"+{f}" for f in sorted(theirs - ours)] + [f"-{f}" for f in sorted(ours - theirs)]
        differs.append("ISA " + " ".join(changes) + " (theirs vs here)")
    if recorded.get("threads") != here.get("threads"):
        differs.append(f"{recorded.get('threads')} threads (here {here.get('threads')})")
    if recorded.get("onednn") != here.get("onednn"):
        differs.append(f"oneDNN {recorded.get('onednn')} (here {here.get('onednn')})")
    return ", ".join(differs)


def static_environment():
    """What can be known without importing TensorFlow."""
    return {
        "tensorflow": package_version("tensorflow", "tensorflow-cpu", "tf-nightly"),
        "keras": package_version("keras", "tf-keras"),
        "numpy": package_version("numpy"),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "onednn": onednn_setting(),
        "legacy_keras": os.environ.get("TF_USE_LEGACY_KERAS", "0") == "1",
        "machine": machine_fingerprint(),
    }


def environment():
    """The environment of a measurement: versions as imported, and the devices TF sees."""
    tf = tensorflow()
    env = static_environment()
    env["tensorflow"] = tf.__version__
    env["keras"] = keras().__version__
    env["devices"] = [d.name for d in tf.config.list_physical_devices()]
    return env


_memo = {}


def memoized(key, compute):
    """``compute()`` once per process for each ``key``. The key must name every input of a
    deterministic computation (config values, the functions used, a digest of the initial
    weights), so a changed config or a broken model is a new key: a test that breaks one arm of a
    measurement then reuses the arms it left alone instead of training them again."""
    if key not in _memo:
        _memo[key] = compute()
    return _memo[key]


def traced_once(key, build):
    """``build()`` of a net's traced training loop, once per process and device for ``key``, so every
    run of that net reuses the trace; built afresh for each run while progress is shown, as the
    loop's progress hook reports one run's steps."""
    from . import progress

    return build() if progress.active() else memoized(("traced", *key, device_kind()), build)


@contextlib.contextmanager
def fresh_memos():
    """Inside, every memoized computation really runs (a second run that must not be the first
    one's memo: the determinism test, a benchmark); the memos from before are kept for after."""
    global _memo
    saved, _memo = _memo, {}
    try:
        yield
    finally:
        _memo = saved


def digest(arrays):
    """A content key for initial weights."""
    import hashlib

    h = hashlib.sha256()
    for array in arrays:
        h.update(str((array.dtype, array.shape)).encode())
        h.update(array.tobytes())
    return h.hexdigest()


def in_fixed_stacks(train, run_seeds, size):
    """Call ``train(seeds)`` on stacks of exactly ``size`` seeds and return the results of ``run_seeds``.

    Batched kernels may pick another algorithm for another batch size, which changes the last bits
    of every result; a fixed stack shape keeps each seed's arithmetic the same whichever seeds run
    beside it. The last stack is padded with repeats of its first seed, whose results are dropped.
    """
    results = []
    for start in range(0, len(run_seeds), size):
        stack = list(run_seeds[start:start + size])
        real = len(stack)
        seed_everything(stack[0])  # op determinism on, whatever ran before in this process
        results.extend(train(stack + [stack[0]] * (size - real))[:real])
    return results
