"""Seed lists as users write them (``3``, ``0-9``, ``0,4,7``) and the per-run seed derived from them."""

import hashlib

SEED_SPEC_HELP = "a seed (3), an inclusive range (0-9) or a comma list (0,4,7)"


class SeedSpecError(ValueError):
    """A --repro-seeds / --seeds value that is not a valid seed list."""


def parse_seeds(spec):
    """Return the seeds a spec names, in order, without repeats."""
    seeds = []
    for part in str(spec).split(","):
        part = part.strip()
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-"))
                if first > last:
                    raise SeedSpecError(f"seed range {part!r} runs backwards; write {last}-{first}")
                seeds.extend(range(first, last + 1))
            else:
                seeds.append(int(part))
        except ValueError as err:
            if isinstance(err, SeedSpecError):
                raise
            raise SeedSpecError(f"bad seed list {spec!r}: expected {SEED_SPEC_HELP}") from None
    if any(s < 0 for s in seeds):
        raise SeedSpecError(f"bad seed list {spec!r}: seeds are non-negative")
    return list(dict.fromkeys(seeds))


def format_seeds(seeds):
    """The shortest spec that names these seeds (``0-19`` rather than twenty numbers)."""
    seeds = list(seeds)
    if seeds and seeds == list(range(seeds[0], seeds[0] + len(seeds))) and len(seeds) > 2:
        return f"{seeds[0]}-{seeds[-1]}"
    return ",".join(str(s) for s in seeds)


def derive_seed(measurement, seed):
    """The RNG seed of one run: stable across processes, workers and Python versions.

    It depends on the measurement (not the claim), so claims that share a measurement
    share its runs, and on the user's seed, never on the xdist worker.
    """
    digest = hashlib.sha256(f"{measurement}:{seed}".encode()).hexdigest()
    return int(digest[:8], 16) % (2**31 - 1)
