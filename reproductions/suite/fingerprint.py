"""The machine and the versions a measurement ran on, read without TensorFlow: package versions,
the oneDNN setting, the CPU's model and the instruction sets kernels are chosen by.

The same seed gives the same numbers on the same fingerprint; a calibration recorded on another
one is compared by a second run instead (see README, Reliability).
"""

import contextlib
import functools
import os
import platform
import sys
from importlib import metadata
from pathlib import Path


def package_version(*names):
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


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
    "sse4_1",
    "sse4_2",
    "avx",
    "avx2",
    "fma",
    "f16c",
    "avx512f",
    "avx512cd",
    "avx512bw",
    "avx512dq",
    "avx512vl",
    "avx512_vnni",
    "avx512_bf16",
    "avx512_fp16",
    "avx_vnni",
    "amx_tile",
    "amx_bf16",
    "amx_int8",
    "asimd",
    "asimddp",
    "sve",
    "sve2",
    "bf16",
    "i8mm",  # ARM (the "Features" line)
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


def machine_fingerprint(threads):
    """What decides float results besides the versions: CPU model, the instruction sets kernels are
    chosen by, the intra-op threads this process runs with (reductions split by thread), and whether
    oneDNN or Eigen supplies the kernels."""
    model, flags, _ = _cpuinfo()
    return {
        "cpu": model or platform.processor() or platform.machine(),
        "isa": " ".join(flag for flag in DISPATCH_FLAGS if flag in flags),
        "threads": threads,
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
    return (
        f"{machine.get('cpu')} · {machine.get('isa') or 'no listed ISA flags'} · {machine.get('threads')} threads"
        f" · oneDNN {machine.get('onednn', 'unrecorded')}"
    )


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


def static_environment(threads):
    """What can be known without importing TensorFlow, for a process running ``threads`` intra-op threads."""
    return {
        "tensorflow": package_version("tensorflow", "tensorflow-cpu", "tf-nightly"),
        "keras": package_version("keras", "tf-keras"),
        "numpy": package_version("numpy"),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "onednn": onednn_setting(),
        "legacy_keras": os.environ.get("TF_USE_LEGACY_KERAS", "0") == "1",
        "machine": machine_fingerprint(threads),
    }
