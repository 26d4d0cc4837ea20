"""Every registered claim, as one parameterized test: measure, judge against the record, report.

Ids read ``test_claim[<claim id>]``, so ``-k xnor.train`` selects a family. A claim passes when
the verdict its measurement supports is the verdict the registry expects; the report shows
documented and measured side by side either way.
"""


def test_claim(claim, repro, claim_device, record_property):
    result = repro.check(claim, claim_device)
    record_property("claim", result.record())
    assert result.passed, result.failure_message()
