"""The suite's pytest plugin is registered by the installed package (the ``pytest11`` entry point in
pyproject.toml). A checkout that is only on PYTHONPATH, not installed, registers it here instead;
there pytest learns the ``--repro-*`` options late, so give them as ``--repro-report-dir=DIR``."""

from importlib.metadata import entry_points

if not any(ep.value == "reproductions.pytest_plugin" for ep in entry_points(group="pytest11")):
    pytest_plugins = ["reproductions.pytest_plugin"]
