"""Caches, behind one switch.

Every cache of the suite is made here, by name (``cache(name)``), so that ``fresh()`` empties them
all at once: under a break of a model (tests/test_mutations.py), for a second run that must not be
the first one's (the determinism test), for a benchmark. Afterwards each holds what it held before.
Inside it, the runs kept across processes (``suite.run_store``) are neither read nor written.

A *stable* cache, whose entries no break of a model can change, stays through ``fresh()`` unless
asked (``everything=True``): ``memoized`` computations name every input in their key (a changed
input is a new key, so a break retrains only what it changes), and loaded data sets are read from
files verified by content.
"""

import contextlib
import hashlib

_caches = {}  # name -> (the cache, stable)
_fresh_depth = 0  # inside fresh(): runs kept across processes are neither read nor written


def cache(name, stable=False):
    """The process's cache called ``name`` (made on first use), emptied by ``fresh()``."""
    if name not in _caches:
        _caches[name] = ({}, stable)
    return _caches[name][0]


@contextlib.contextmanager
def fresh(everything=False):
    """Inside, every cache starts empty (the stable ones too with ``everything``); what they held
    before is back afterwards."""
    global _fresh_depth
    chosen = [store for store, stable in _caches.values() if everything or not stable]
    saved = [dict(store) for store in chosen]
    for store in chosen:
        store.clear()
    _fresh_depth += 1
    try:
        yield
    finally:
        _fresh_depth -= 1
        for store, before in zip(chosen, saved):
            store.clear()
            store.update(before)


def is_fresh():
    """Inside ``fresh()``: a run must be measured, not read from anywhere (``suite.run_store``)."""
    return _fresh_depth > 0


_memo = cache("memoized computations", stable=True)


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
    from . import progress, runtime

    return build() if progress.active() else memoized(("traced", *key, runtime.device_kind()), build)


def digest(arrays):
    """A content key for initial weights."""
    h = hashlib.sha256()
    for array in arrays:
        h.update(str((array.dtype, array.shape)).encode())
        h.update(array.tobytes())
    return h.hexdigest()
