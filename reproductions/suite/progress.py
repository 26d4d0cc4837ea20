"""Progress of long runs (``run ID --scale documented``): step, loss, elapsed time and ETA.

On a terminal one line is rewritten in place; elsewhere (a log, CI) a plain line is printed every
tenth of each training loop. Nothing is reported, and no op is added to any graph, unless a
command switched reporting on with ``reporting()``: the suite's measurements stay bit-identical.
"""

import sys
import time
from contextlib import contextmanager

_reporter = None


class Reporter:
    def __init__(self, stream, terminal=None):
        self.stream = stream
        self.terminal = stream.isatty() if terminal is None else terminal
        self.label, self.total, self.started, self.next_plain = "", 0, 0.0, 0
        self.seed_text = ""

    def seed(self, index, count, seed):
        self.seed_text = f"seed {index + 1}/{count} ({seed}) "

    def loop(self, label, total):
        """A training loop of ``total`` steps begins."""
        self.label, self.total, self.started, self.next_plain = label, int(total), time.monotonic(), 0

    def update(self, step, loss):
        step = int(step) + 1
        elapsed = time.monotonic() - self.started
        eta = elapsed / step * (self.total - step)
        text = (
            f"{self.seed_text}{self.label}: step {step:,}/{self.total:,} loss {float(loss):.4g} "
            f"elapsed {_clock(elapsed)} ETA {_clock(eta)}"
        )
        if self.terminal:
            self.stream.write("\r\033[K" + text + ("\n" if step >= self.total else ""))
        elif step >= self.next_plain or step >= self.total:
            self.stream.write(text + "\n")
            self.next_plain = step + max(1, self.total // 10)
        self.stream.flush()


def _clock(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@contextmanager
def reporting(stream=None, terminal=None):
    """Report the progress of every training loop that runs inside the block."""
    global _reporter
    previous, _reporter = _reporter, Reporter(stream or sys.stderr, terminal)
    try:
        yield _reporter
    finally:
        _reporter = previous


def active():
    return _reporter


def every(total):
    """How often a graph loop reports: about 200 times a run, so reporting costs nothing."""
    return max(1, int(total) // 200)


def graph_loop(label, total):
    """Call before a compiled loop of ``total`` steps; returns the in-graph hook ``tick(step, loss)``,
    or None when nobody is watching (then the loop must add nothing to its graph)."""
    if _reporter is None:
        return None
    from . import runtime

    tf = runtime.tensorflow()
    _reporter.loop(label, total)
    period = every(total)

    def tick(step, loss):
        def report(s, value):
            _reporter.update(s.numpy(), value.numpy())
            return 0

        return tf.cond(
            tf.logical_or(step % period == 0, step == total - 1),
            lambda: tf.py_function(report, [step, loss], tf.int32),
            lambda: tf.constant(0),
        )

    return tick
