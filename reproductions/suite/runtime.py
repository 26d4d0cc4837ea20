"""TensorFlow, imported on first use and set up once: quiet logs, thread pools sized per scale,
seeding with op determinism, device placement, and the environment a report records. The machine
fingerprint is ``suite.fingerprint``; caches are ``suite.memo``."""

import contextlib
import os

from . import fingerprint

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


def use_onednn():
    """oneDNN kernels unless the user chose otherwise (TF_ENABLE_ONEDNN_OPTS=0). TensorFlow turns them
    on by itself only on CPUs with AVX-512 VNNI or newer; on an AVX2 CPU it falls back to Eigen, which
    trains the quick ConvNet 3.5x slower (46 vs 13 ms a step, one thread) and runs other kernels than
    an AVX-512 machine would. Read by TensorFlow at import, so set before it."""
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")


def static_environment():
    """What can be known without importing TensorFlow (``fingerprint.static_environment``), with this
    process's thread count."""
    return fingerprint.static_environment(threads())


def environment():
    """The environment of a measurement: versions as imported, and the devices TF sees."""
    tf = tensorflow()
    env = static_environment()
    env["tensorflow"] = tf.__version__
    env["keras"] = keras().__version__
    env["devices"] = [d.name for d in tf.config.list_physical_devices()]
    return env


def in_fixed_stacks(train, run_seeds, size):
    """Call ``train(seeds)`` on stacks of exactly ``size`` seeds and return the results of ``run_seeds``.

    Batched kernels may pick another algorithm for another batch size, which changes the last bits
    of every result; a fixed stack shape keeps each seed's arithmetic the same whichever seeds run
    beside it. The last stack is padded with repeats of its first seed, whose results are dropped.
    """
    results = []
    for start in range(0, len(run_seeds), size):
        stack = list(run_seeds[start : start + size])
        real = len(stack)
        seed_everything(stack[0])  # op determinism on, whatever ran before in this process
        results.extend(train(stack + [stack[0]] * (size - real))[:real])
    return results
