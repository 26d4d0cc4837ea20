"""Every registered claim, as one parameterized test: measure, judge against the record, report.

Shipped in the package, so an installed suite runs from any folder:

    reproductions report -k softmax             # the command line's wrapper
    pytest --pyargs reproductions -k softmax    # plain pytest

``repro_claim`` is parametrized below over ``suite.registry.CLAIMS``, the records of every
``posts/<topic>/claims.py``, each with its markers at this run's scale (``suite.placement.claim_params``).
Ids read ``test_claim[<claim id>]``, so ``-k xnor.train`` selects a family. A claim passes when the
verdict its measurement supports is the verdict the registry expects; the report shows documented and
measured side by side either way. The fixtures live here, not in the plugin: nothing of the suite
reaches a test of another project.
"""

import json

import pytest

from reproductions.pytest_plugin import session_of


def pytest_generate_tests(metafunc):
    if metafunc.function.__name__ == "test_claim":
        from reproductions.suite.placement import claim_params

        metafunc.parametrize("repro_claim", claim_params(session_of(metafunc.config).scale))


@pytest.fixture
def repro_device(request):
    """Where this claim measures: the CPU, or for a gpu-marked claim the GPU (the CPU with --repro-on-cpu)."""
    return session_of(request.config).device_for(request.node)


@pytest.fixture
def repro_runner(request):
    """The session's claim runner: seeds, scale and report folder from the command line."""
    return session_of(request.config)


def test_claim(repro_claim, repro_runner, repro_device, record_property):
    from reproductions.suite.calibration import CalibrationError
    from reproductions.suite.measurements import MeasurementError

    try:
        result = repro_runner.check(repro_claim, repro_device)
    except (CalibrationError, MeasurementError) as err:  # a bad calibration file or metric: one line
        pytest.fail(str(err), pytrace=False)
    record = result.record()
    # JUnit XML (--junitxml) carries these as properties: flat fields, and the whole record as JSON
    for name in ("verdict", "basis", "scale"):
        record_property(name, record.get(name) or "")
    record_property("expected", repro_claim.expected)
    record_property("claim", json.dumps(record, default=str))
    assert result.passed, result.failure_message()
