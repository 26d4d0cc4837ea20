"""How a post declares a measurement: its stable name and how it takes its seeds.

The name keys everything derived from the measurement: its seeds (``seeds.derive_seed``), its
calibration's record, its xdist group and its cache entries. Renaming it changes every seed it
draws, so it stays as first recorded even when the function moves.
"""


def measurement(name, *, seeds_at_once=False):
    """Mark ``function(seed, scale=...) -> dict`` (or, with ``seeds_at_once``, ``function(seeds,
    scale=...) -> [dict, ...]``) as a measurement called ``name``.

    ``seeds_at_once``: the engine calls it once with all missing seeds, and each seed's result
    must be the same as if it ran alone (stacked models share no parameters and no random draws).
    """
    def declare(function):
        function.name = name
        function.seeds_at_once = seeds_at_once
        return function
    return declare
