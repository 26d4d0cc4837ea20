"""The engine's judgement of one claim: what a verdict rests on at each scale, and what it cannot judge."""

import pytest

from reproductions.suite import engine, memo
from reproductions.suite.checks import AtLeast
from reproductions.suite.measurements import measurement
from reproductions.suite.records import SENTIMOS, Claim, Source


@measurement("test:accuracy", metrics=("accuracy",))
def accuracy(seed, scale="quick"):
    return {"accuracy": 0.9 if scale == "quick" else 0.97}


def claim(checks, expected="reproduced", **fields):
    return Claim(
        id="test.claim",
        source=Source(SENTIMOS, "a section"),
        statement="97% accuracy",
        documented={"accuracy": 0.97},
        judge="band",
        expected=expected,
        why="a test record",
        measure=accuracy,
        checks=checks,
        **fields,
    )


@pytest.fixture(autouse=True)
def fresh_runs():
    with memo.fresh():
        yield


STAND_IN = AtLeast("accuracy", 0.8, label="accuracy of the small stand-in", at="quick")
DOCUMENTED = AtLeast("accuracy", "accuracy", label="accuracy against the documented 97%", at="documented")


def test_a_verdict_on_a_stand_in_is_a_proxy_and_names_what_it_left_out():
    """Finding: checks at="documented" were dropped at the quick scale without a trace."""
    result = engine.check_claim(claim((STAND_IN, DOCUMENTED)), scale="quick")
    assert result.verdict == "reproduced" and result.basis == "proxy"
    assert result.not_judged == ["accuracy against the documented 97% (judged at the documented scale only)"]
    assert result.record()["basis"] == "proxy"


def test_at_the_documented_scale_the_documented_number_is_the_basis():
    result = engine.check_claim(claim((STAND_IN, DOCUMENTED)), scale="documented")
    assert result.verdict == "reproduced" and result.basis == "documented"
    assert result.not_judged == ["accuracy of the small stand-in (judged at the quick scale only)"]


def test_a_claim_with_no_check_at_its_scale_is_an_error_not_a_pass():
    """Finding: all([]) is True, so a claim judged on nothing read 'reproduced'."""
    result = engine.check_claim(claim((DOCUMENTED,)), scale="quick")
    assert result.verdict == "error" and not result.passed
    assert "no check of test.claim applies at the quick scale" in result.failure_message()


def test_a_missing_metric_fails_the_claim_test_whatever_verdict_was_expected():
    expected_to_fail = claim((AtLeast("renamed", 0.5),), expected="not-reproduced")
    result = engine.check_claim(expected_to_fail, scale="quick")
    assert result.verdict == "error" and not result.passed
    assert result.record()["checks"][0]["state"] == "error"


def test_a_claim_without_original_code_rests_on_a_stand_in_at_every_scale():
    record = claim((AtLeast("accuracy", 0.8),), stand_in="our one-layer net")
    for scale in ("quick", "documented"):
        result = engine.check_claim(record, scale=scale)
        assert result.verdict == "reproduced" and result.basis == "stand-in"
    assert result.record()["basis"] == "stand-in" and record.as_dict()["stand_in"] == "our one-layer net"


def test_a_gpu_claim_at_the_quick_scale_rests_on_scaled_down_nets_a_proxy():
    """Finding: LTFN 5/6's ablation on 1/16-width ConvNets read as a plain verdict."""
    record = claim((AtLeast("accuracy", 0.8),), gpu_at_documented=True)
    assert engine.check_claim(record, scale="quick").basis == "proxy"
    assert engine.check_claim(claim((AtLeast("accuracy", 0.8),)), scale="quick").basis == "documented"
