"""TensorFlow, imported on first use and set up once: quiet logs, thread pools sized per worker,
seeding with op determinism, device placement, and the environment a report records."""

import contextlib
import os
import platform
from importlib import metadata

_configured = False


def threads_per_worker():
    """Intra-op threads for this process: the cores shared out among xdist workers."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    return max(1, (os.cpu_count() or 1) // workers)


def tensorflow():
    """The tensorflow module, configured before its runtime starts."""
    global _configured
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    if not _configured:
        _configured = True
        try:
            tf.config.threading.set_intra_op_parallelism_threads(threads_per_worker())
            tf.config.threading.set_inter_op_parallelism_threads(threads_per_worker())
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
    tf = tensorflow()
    if kind == "gpu":
        tf.config.experimental.enable_tensor_float_32_execution(False)
    with tf.device("/GPU:0" if kind == "gpu" else "/CPU:0"):
        yield


def package_version(*names):
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def onednn_setting():
    value = os.environ.get("TF_ENABLE_ONEDNN_OPTS")
    if value is None:
        return "default (on for x86 Linux CPUs)"
    return "on" if value == "1" else "off"


def driver_devices():
    """Devices as the OS sees them, without TensorFlow: the CPU, and NVIDIA GPUs the driver lists."""
    gpus_dir = "/proc/driver/nvidia/gpus"
    gpu_count = len(os.listdir(gpus_dir)) if os.path.isdir(gpus_dir) else 0
    return f"CPU ({os.cpu_count()} cores)" + (f", {gpu_count} NVIDIA GPU(s)" if gpu_count else ", no NVIDIA GPU")


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
    }


def environment():
    """The environment of a measurement: versions as imported, and the devices TF sees."""
    tf = tensorflow()
    env = static_environment()
    env["tensorflow"] = tf.__version__
    env["keras"] = keras().__version__
    env["devices"] = [d.name for d in tf.config.list_physical_devices()]
    return env


def seeds_at_once(measure):
    """Mark a measurement that trains a list of run seeds together and returns one result per seed.

    The engine then calls it once for all missing seeds; each seed's result must be the same as
    if it ran alone (the stacked models share no parameters and no random draws).
    """
    measure.seeds_at_once = True
    return measure


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
