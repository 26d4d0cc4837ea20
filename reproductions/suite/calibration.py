"""Recorded calibrations: per-seed measurements over many seeds, from which tolerances derive.

A calibration belongs to a measurement, not a claim: the claims that share a measurement (the four
XNOR training claims share ``xnor_train:train_xnor``) share one file in their post's ``calibration/``
folder, named after the measuring function and written by ``python -m reproductions calibrate ID --seeds 0-59`` for any of them. The file keeps raw
per-seed values; the rule that turns them into a tolerance lives in ``stats.spread_tolerance``.
"""

import errno
import inspect
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from .stats import is_metric

MIN_SEEDS = 10


class CalibrationError(ValueError):
    """A calibration file that is missing, unreadable or not for this measurement."""


SAME_ENVIRONMENT = ("tensorflow", "keras", "numpy", "platform", "onednn")


class Calibration:
    def __init__(self, data, path):
        self.data, self.path = data, path

    @property
    def environment(self):
        return self.data["meta"].get("environment") or {}

    def foreign_to(self, environment):
        """How this calibration's environment differs from ``environment`` ("" when it does not).

        With a ``machine`` fingerprint in ``environment``, the machine counts too: the same versions
        on another CPU model, instruction set or thread count may give other last bits.
        """
        from .runtime import fingerprint_differences

        differs = [f"{key} {self.environment.get(key)}" for key in SAME_ENVIRONMENT
                   if key in environment and self.environment.get(key) != environment[key]]
        if "machine" in environment and (machine := fingerprint_differences(self.environment.get("machine"),
                                                                            environment["machine"])):
            differs.append(machine)
        return ", ".join(differs)

    def note(self):
        """A suffix for judged texts when the tolerance was calibrated under another version."""
        from .runtime import static_environment

        differs = self.foreign_to({k: v for k, v in static_environment().items() if k in ("tensorflow", "numpy")})
        return f" [calibrated with {differs}]" if differs else ""

    def run_of(self, seed):
        """The recorded metrics of one seed, or None when that seed was not calibrated."""
        seeds = self.data["meta"]["seeds"]
        return self.data["runs"][seeds.index(seed)] if seed in seeds else None

    def values(self, metric):
        base = metric.split(".")[0]
        values = [run.get(base) for run in self.data["runs"]]
        values = [v for v in values if v is not None]
        if not values:
            raise CalibrationError(f"{self.path.name} records no values of {base!r}")
        return values


def folder_of(measure):
    """A measurement's calibrations live in its post's folder: ``posts/xnor/calibration/``."""
    return Path(inspect.getfile(measure)).with_name("calibration")


def path_for(measure, directory=None):
    """``posts/xnor/train.py``'s ``train_xnor`` -> ``posts/xnor/calibration/train_xnor.json``
    (or ``directory/train_xnor.json``)."""
    return Path(directory if directory is not None else folder_of(measure)) / f"{measure.__name__}.json"


def load(claim, directory=None):
    """The calibration of the claim's measurement, or None when none is recorded."""
    path = path_for(claim.measure, directory)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text())
        if data["meta"]["measure"] != claim.measure.name or not isinstance(data["runs"], list):
            raise CalibrationError(f"{path} is not a calibration of {claim.measure.name}")
        if claim.id not in data["meta"]["claims"]:
            raise CalibrationError(f"{path.name} does not cover {claim.id} (it lists {', '.join(data['meta']['claims'])}); "
                                   f"re-record it: python -m reproductions calibrate {claim.id}")
        if len(data["runs"]) != len(data["meta"]["seeds"]) or len(data["runs"]) < MIN_SEEDS:
            raise CalibrationError(f"{path.name} holds {len(data['runs'])} runs for {len(data['meta']['seeds'])} seeds "
                                   f"(at least {MIN_SEEDS} needed); re-record it: python -m reproductions calibrate {claim.id}")
    except (OSError, ValueError, KeyError, TypeError) as err:
        if isinstance(err, CalibrationError):
            raise
        raise CalibrationError(f"{path} is not a readable calibration file ({err.__class__.__name__})") from None
    return Calibration(data, path)


def record(claim, seeds, scale, runs, environment, users=(), directory=None):
    """Write the calibration of the claim's measurement atomically and return its path."""
    if len(seeds) < MIN_SEEDS:
        raise CalibrationError(f"a calibration needs at least {MIN_SEEDS} seeds, got {len(seeds)}")
    data = {
        "meta": {
            "measure": claim.measure.name,
            "claims": list(users) or [claim.id],
            "scale": scale,
            "seeds": list(seeds),
            "recorded": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
            "environment": environment,
        },
        "runs": [{k: v for k, v in run.items() if is_metric(v)} for run in runs],
    }
    path = path_for(claim.measure, directory)
    tmp = path.with_suffix(".json.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=1) + "\n")
        os.replace(tmp, path)
    except OSError as err:
        raise CalibrationError(_unwritable(path, err)) from None
    return path


def check_writable(measure, directory=None):
    """Before a calibration trains for minutes: can its file be written? (An installed package's
    folder may be read-only.) Raises CalibrationError in one line; creates nothing that stays."""
    path = path_for(measure, directory)
    try:
        if not path.parent.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "no such folder")
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".probe-"):
            pass
    except OSError as err:
        raise CalibrationError(_unwritable(path, err)) from None


def _unwritable(path, err):
    return (f"cannot write the calibration {path}: {err.strerror or err} (calibrate from a checkout: "
            f"pip install -e .)")
