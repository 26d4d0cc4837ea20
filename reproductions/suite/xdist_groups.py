"""Claims that share a training run share an xdist worker, on every pytest.

pytest-xdist's ``--dist loadgroup`` reads a test's group from a suffix it appends to the node id
(``...[id]@group``). From pytest 9.1 a node id is derived from the node's structured id and the
suffix no longer shows, so each test becomes its own group and claims sharing a training run
train it once per worker. Here, on pytest >= 9.1 only, the workers write each grouped test's
group (its ``xdist_group`` marks, as xdist reads them) to a folder of the run, and the
controller's scheduler reads them; a test without a mark is scheduled exactly as xdist's own
``loadgroup`` schedules it. On an older pytest nothing here is used.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

FOLDER_VARIABLE = "REPRO_XDIST_GROUPS"  # inherited by the workers the controller starts
_started = []  # the folder this process made, removed by it alone


def needed(config):
    """Whether this pytest lost xdist's group suffix and this session schedules the suite's claims
    by group. Another project's loadgroup session is left to xdist as it is."""
    version = tuple(int(part) for part in pytest.__version__.split(".")[:2] if part.isdigit())
    return (
        version >= (9, 1)
        and config.pluginmanager.hasplugin("xdist")
        and getattr(config.option, "dist", None) == "loadgroup"
        and bool(getattr(config.option, "numprocesses", 0))
        and asks_for_claims(config)
    )


def asks_for_claims(config):
    """Whether the session's test paths (given, or the ini's testpaths) reach the claims test."""
    claims_test = Path(__file__).resolve().parents[1] / "test_claims.py"
    for arg in config.args:
        name = str(arg).split("::", 1)[0]
        if getattr(config.option, "pyargs", False) and name.split(".")[0] == claims_test.parent.name:
            return True
        path = (Path(config.invocation_params.dir) / name).resolve()
        if path == claims_test or path in claims_test.parents:
            return True
    return False


def start(config):
    """On the controller: a folder for the workers' group lists."""
    os.environ[FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="reproductions-xdist-groups-")
    _started.append(os.environ[FOLDER_VARIABLE])


def stop():
    while _started:
        folder = _started.pop()
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get(FOLDER_VARIABLE) == folder:
            del os.environ[FOLDER_VARIABLE]


def group_of(item):
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "_".join(sorted(names))


def record(config, items):
    """On a worker: write the group of every grouped test it collected."""
    folder, worker = os.environ.get(FOLDER_VARIABLE), getattr(config, "workerinput", {}).get("workerid")
    if not folder or not worker or not asks_for_claims(config):
        return
    groups = {item.nodeid: group for item in items if (group := group_of(item))}
    path = Path(folder) / f"{worker}.json"
    path.with_suffix(".tmp").write_text(json.dumps(groups))
    os.replace(path.with_suffix(".tmp"), path)


def scheduler(config, log):
    from xdist.scheduler import LoadGroupScheduling

    class GroupScheduling(LoadGroupScheduling):
        """xdist's loadgroup, with the groups the workers wrote."""

        groups = None

        def _split_scope(self, nodeid):
            if self.groups is None:
                self.groups = {}
                for path in sorted(Path(os.environ.get(FOLDER_VARIABLE, "/nonexistent")).glob("*.json")):
                    self.groups.update(json.loads(path.read_text()))
            if nodeid in self.groups:
                return self.groups[nodeid]
            return super()._split_scope(nodeid)

    return GroupScheduling(config, log)
