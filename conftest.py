"""Registers the suite's pytest plugin. An installed package registers it first, through the
``pytest11`` entry point in pyproject.toml (so pytest knows ``--repro-report-dir DIR`` at its early
parsing); pytest then skips this request for the same name. A checkout that is only on PYTHONPATH,
or a run with plugin autoload off, gets it here, late: give options as ``--repro-report-dir=DIR``."""

pytest_plugins = ["reproductions.pytest_plugin", "pytester"]  # pytester: the plugin's etiquette, tested in-process
