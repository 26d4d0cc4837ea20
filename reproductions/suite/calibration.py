"""Recorded calibrations: per-seed measurements over many seeds, from which tolerances derive.

A calibration belongs to a measurement, not a claim: the claims that share a measurement (the four
XNOR training claims share ``xnor_train:train_xnor``) share one file in their post's ``calibration/``
folder, named after the measuring function and written by ``reproductions calibrate ID --seeds 0-59``
for any of them. The file keeps raw per-seed values of every metric the measurement returns, so a claim
added later that reads one of them needs no new recording; the rules that turn them into tolerances
live in ``checks``, ``calibrated`` and ``stats``.
"""

import errno
import inspect
import json
import math
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from .stats import is_metric, with_subsets

HELD_OUT_MIN = 10  # draws left to judge against once the measured seeds are set aside
MIN_SEEDS = 20  # a spread, a range or a rank test over fewer draws says little about the next draw


class CalibrationError(ValueError):
    """A calibration file that is missing, unreadable or not for this measurement."""


SAME_ENVIRONMENT = ("tensorflow", "keras", "numpy", "platform", "onednn")


class Calibration:
    def __init__(self, data, path, measured_seeds=(), among=()):
        self.data, self.path = data, path  # data: the file as recorded
        self.measured_seeds = frozenset(measured_seeds)  # set aside when judging a fresh sample
        self.among = among  # the claim's subsets of runs (records.Where), read as <metric>@<name>
        self.runs = with_subsets(data["runs"], among)  # the recorded runs as the claim's checks read them

    @property
    def environment(self):
        return self.data["meta"].get("environment") or {}

    def foreign_to(self, environment):
        """How this calibration's environment differs from ``environment`` ("" when it does not).

        With a ``machine`` fingerprint in ``environment``, the machine counts too: the same versions
        on another CPU model, instruction set or thread count may give other last bits.
        """
        from .fingerprint import fingerprint_differences

        differs = [
            f"{key} {self.environment.get(key)}"
            for key in SAME_ENVIRONMENT
            if key in environment and self.environment.get(key) != environment[key]
        ]
        if "machine" in environment and (
            machine := fingerprint_differences(self.environment.get("machine"), environment["machine"])
        ):
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
        return self.runs[seeds.index(seed)] if seed in seeds else None

    def values(self, metric):
        base = metric.split(".")[0]
        values = [run.get(base) for run in self.runs]
        values = [v for v in values if v is not None]
        if not values:
            raise CalibrationError(f"{self.path.name} records no values of {base!r}")
        return values

    def without(self, seeds):
        """This calibration, judging a sample measured on ``seeds``: its draws of those seeds are set
        aside wherever the sample is compared with the calibration (master seed 0 measures seeds the
        calibration also recorded, and a sample is never judged against itself)."""
        return Calibration(self.data, self.path, seeds, self.among)

    def reference(self, metric):
        """The calibrated values of ``metric`` from seeds other than the measured ones."""
        base = metric.split(".")[0]
        if all(run.get(base) is None for run in self.runs):
            if "@" in base:
                raise CalibrationError(
                    f"{self.path.name}: no calibrated run is in the subset {base.partition('@')[2]!r}"
                )
            raise CalibrationError(
                f"{self.path.name} records no values of {base!r} (recorded before it was measured); "
                f"re-record it: reproductions calibrate <claim> --scale {self.data['meta']['scale']}"
            )
        values = [
            run.get(base) for seed, run in zip(self.data["meta"]["seeds"], self.runs) if seed not in self.measured_seeds
        ]
        values = [v for v in values if v is not None]
        if len(values) < HELD_OUT_MIN:
            raise CalibrationError(
                f"{self.path.name} holds {len(values)} values of {base!r} apart from the measured "
                f"seeds (at least {HELD_OUT_MIN} needed): measure other seeds, or record more "
                f"with --add-seeds"
            )
        return values


def folder_of(measure):
    """A measurement's calibrations live in its post's folder: ``posts/xnor/calibration/``."""
    return Path(inspect.getfile(measure)).with_name("calibration")


def path_for(measure, directory=None, scale="quick"):
    """``posts/xnor/measure.py``'s ``train_xnor`` at the quick scale ->
    ``posts/xnor/calibration/train_xnor.quick.json`` (or ``directory/train_xnor.quick.json``).

    One file per scale: a documented-scale claim is never judged against quick-scale draws.
    """
    folder = Path(directory if directory is not None else folder_of(measure))
    return folder / f"{measure.name.split(':')[-1]}.{scale}.json"  # the stable name, not the function's


def load(claim, scale="quick", directory=None, data_set=None, minimum=MIN_SEEDS):
    """The calibration of the claim's measurement at ``scale``, or None when none is recorded.

    ``data_set``: the data the claim was just measured on (its runs' ``data``); a calibration
    recorded on other data is refused, as is one whose recorded scale is not ``scale``.
    """
    path = path_for(claim.measure, directory, scale)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text())
        if data["meta"]["measure"] != claim.measure.name or not isinstance(data["runs"], list):
            raise CalibrationError(f"{path} is not a calibration of {claim.measure.name}")
        if data["meta"]["scale"] != scale:
            raise CalibrationError(
                f"{path.name} was recorded at the {data['meta']['scale']} scale, not the {scale} "
                f"scale; re-record it: python -m reproductions calibrate {claim.id} --scale {scale}"
            )
        recorded_on = {run.get("data") for run in data["runs"]} - {None}
        if data_set is not None and recorded_on and recorded_on != {data_set}:
            raise CalibrationError(
                f"{path.name} was recorded on {', '.join(sorted(recorded_on))}, not on {data_set}; "
                f"re-record it: python -m reproductions calibrate {claim.id} --scale {scale}"
            )
        # no claim-id gate: a calibration belongs to its measurement, so a claim added to an existing
        # measurement uses it as it is; a metric it lacks is refused where a check reads it (reference)
        if any(isinstance(v, float) and not math.isfinite(v) for run in data["runs"] for v in run.values()):
            raise CalibrationError(
                f"{path.name} holds a value that is not finite; re-record it: python -m "
                f"reproductions calibrate {claim.id} --scale {scale}"
            )
        if len(data["runs"]) != len(data["meta"]["seeds"]) or len(data["runs"]) < minimum:
            raise CalibrationError(
                f"{path.name} holds {len(data['runs'])} runs for {len(data['meta']['seeds'])} seeds "
                f"(at least {minimum} needed); record more: python -m reproductions calibrate "
                f"{claim.id} --add-seeds {len(data['runs'])}-{MIN_SEEDS - 1}"
            )
    except (OSError, ValueError, KeyError, TypeError) as err:
        if isinstance(err, CalibrationError):
            raise
        raise CalibrationError(f"{path} is not a readable calibration file ({err.__class__.__name__})") from None
    return Calibration(data, path, among=claim.among)


def record(claim, seeds, scale, runs, environment, users=(), directory=None):
    """Write the calibration of the claim's measurement at ``scale`` atomically and return its path."""
    if len(seeds) < MIN_SEEDS:
        raise CalibrationError(f"a calibration needs at least {MIN_SEEDS} seeds, got {len(seeds)}")
    if bad := sorted({k for run in runs for k, v in run.items() if isinstance(v, float) and not math.isfinite(v)}):
        raise CalibrationError(f"{claim.measure.name} measured non-finite {', '.join(bad)}: nothing recorded")
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
    path = path_for(claim.measure, directory, scale)
    tmp = path.with_suffix(".json.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=1) + "\n")
        os.replace(tmp, path)
    except OSError as err:
        raise CalibrationError(_unwritable(path, err)) from None
    return path


def recorded_seeds(measure, scale="quick", directory=None):
    """The seeds the measurement's calibration at ``scale`` was recorded with, or None."""
    path = path_for(measure, directory, scale)
    try:
        return list(json.loads(path.read_text())["meta"]["seeds"]) if path.exists() else None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # an unreadable file is re-recorded from the defaults


def check_writable(measure, directory=None, scale="quick"):
    """Before a calibration trains for minutes: can its file be written? (An installed package's
    folder may be read-only.) Raises CalibrationError in one line; creates nothing that stays."""
    path = path_for(measure, directory, scale)
    try:
        if not path.parent.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "no such folder")
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".probe-"):
            pass
    except OSError as err:
        raise CalibrationError(_unwritable(path, err)) from None


def _unwritable(path, err):
    return f"cannot write the calibration {path}: {err.strerror or err} (calibrate from a checkout: pip install -e .)"
