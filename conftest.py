"""Registers the suite's pytest plugin: options, markers, seeding, the claims report."""

pytest_plugins = ["reproductions.pytest_plugin"]
