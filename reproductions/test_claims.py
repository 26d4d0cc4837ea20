"""Every registered claim, as one parameterized test: measure, judge against the record, report.

``claim`` is parametrized by the plugin's ``pytest_generate_tests`` (reproductions/pytest_plugin.py)
over ``suite.registry.CLAIMS``, the records of every ``posts/<topic>/claims.py``, each with its
markers at this run's scale (``suite.session.claim_params``). ``repro`` is the session's runner
(seeds, scale, report folder) and ``claim_device`` where the claim runs. Ids read ``test_claim[<claim id>]``, so ``-k xnor.train`` selects a family. A claim passes when
the verdict its measurement supports is the verdict the registry expects; the report shows
documented and measured side by side either way.
"""

import pytest

from reproductions.suite.calibration import CalibrationError
from reproductions.suite.measurements import MeasurementError


def test_claim(claim, repro, claim_device, record_property):
    try:
        result = repro.check(claim, claim_device)
    except (CalibrationError, MeasurementError) as err:  # a bad calibration file or metric: one line
        pytest.fail(str(err), pytrace=False)
    record_property("claim", result.record())
    assert result.passed, result.failure_message()
