"""One machine, shared fairly between timing and training.

A measurement that times code (``@measurement(..., timed=True)``) runs alone on the machine: it
holds an exclusive lock while every other measurement, in any process of this user (xdist
workers, a child pytest), holds a shared one. Without it, a training run on the other core
changed the vectorization speedup from a median of 222-237x alone to 193x beside it. Processes
outside the suite take no lock: one busy process took it from 406-421x to 184-186x on another
machine (probes/speedup_under_load.py).

A waiting timer holds a turnstile that new measurements pass through first, so a stream of
trainings cannot starve it. Locks are re-entrant within a process (a measurement inside another
takes nothing). ``fcntl`` is POSIX: elsewhere the lock is a no-op, and a timed claim measured beside
a training says nothing about its neighbours.
"""

import contextlib
import os
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None

_held = 0  # depth of locks this process holds (re-entrant)


def _path(name):
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"reproductions-{user}.{name}.lock"


@contextlib.contextmanager
def _locked(name, mode):
    with open(_path(name), "a+") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def machine(exclusive=False):
    """Hold the machine: alone (``exclusive``, for timing) or beside other non-exclusive holders."""
    global _held
    if fcntl is None or _held or os.environ.get("REPRO_NO_MACHINE_LOCK") == "1":
        yield
        return
    _held += 1
    try:
        if exclusive:
            with _locked("turnstile", fcntl.LOCK_EX), _locked("machine", fcntl.LOCK_EX):
                yield
        else:
            with _locked("turnstile", fcntl.LOCK_EX):
                pass  # waits while a timer is queued
            with _locked("machine", fcntl.LOCK_SH):
                yield
    finally:
        _held -= 1
