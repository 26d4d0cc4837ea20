"""The registry is well formed and matches the canonical id list."""

from pathlib import Path

import pytest

from reproductions import claims
from reproductions.claims import CLAIMS, JUDGES, REGISTRY
from reproductions.judge import VERDICTS

IDS_FILE = Path(__file__).resolve().parents[2] / "shared" / "claims" / "IDS.txt"


def canonical_ids():
    if not IDS_FILE.exists():
        pytest.skip(f"the canonical id list is not beside this checkout ({IDS_FILE})")
    return [line.strip() for line in IDS_FILE.read_text().splitlines() if line.strip() and not line.startswith("#")]


def test_ids_are_unique():
    ids = [c.id for c in CLAIMS]
    assert len(ids) == len(set(ids))


def test_registry_holds_exactly_the_canonical_ids():
    assert sorted(REGISTRY) == sorted(canonical_ids())


@pytest.mark.parametrize("record", CLAIMS, ids=lambda c: c.id)
def test_record_is_complete(record):
    claim = record
    assert claim.source.split(" · ")[0] in claims.SOURCES and " · " in claim.source
    assert claim.statement and claim.why and claim.documented
    assert claim.judge in JUDGES
    assert claim.expected in VERDICTS
    assert (claim.expected == "unavailable") == bool(claim.unavailable)
    if not claim.skip_reason:
        assert claim.measure and claim.checks, "a measured claim needs a measurement and checks"
        for check in claim.checks + claim.explains:
            for key in ("doc", "bound"):
                ref = getattr(check, key, None)
                if isinstance(ref, str) and ref:
                    assert ref in claim.documented, f"{check} names a documented value the claim lacks"


def test_documented_values_are_frozen():
    with pytest.raises(TypeError):
        CLAIMS[0].documented["x"] = 1


def test_unknown_id_is_one_line_with_a_hint():
    with pytest.raises(claims.UnknownClaimError, match="did you mean xnor.gates.xnor_net"):
        claims.get("xnor_net")


def test_every_calibrated_check_has_its_measurements_calibration():
    from reproductions import calibration
    from reproductions.judge import InsideCalibrated, NearDocumented

    for claim in CLAIMS:
        calibrated = any(isinstance(c, (NearDocumented, InsideCalibrated)) for c in claim.checks + claim.explains)
        if (calibrated or claim.stochastic) and not claim.skip_reason:
            recorded = calibration.load(claim)
            assert recorded is not None, f"{claim.id}: run python -m reproductions calibrate {claim.id}"
            assert len(recorded.data["runs"]) >= calibration.MIN_SEEDS
            assert claim.id in recorded.data["meta"]["claims"]
