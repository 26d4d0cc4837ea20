"""Seed lists, derived seeds, aggregation over seeds, and the judging rules."""

import pytest

from reproductions.suite.judge import AtLeast, Close, Equals, Holds, InsideCalibrated, NearDocumented, verdict_of
from reproductions.suite.seeds import SeedSpecError, derive_seed, format_seeds, parse_seeds
from reproductions.suite.stats import aggregate, median_range, spread_tolerance


@pytest.mark.parametrize("spec, seeds", [("3", [3]), ("0-4", [0, 1, 2, 3, 4]), ("0,4,7", [0, 4, 7]),
                                         ("1-2,2,5", [1, 2, 5])])
def test_seed_specs(spec, seeds):
    assert parse_seeds(spec) == seeds


@pytest.mark.parametrize("spec", ["5-2", "a", "", "1-", "-3", "1.5"])
def test_bad_seed_specs(spec):
    with pytest.raises(SeedSpecError):
        parse_seeds(spec)


def test_format_round_trips():
    for seeds in ([0, 1, 2, 3], [4], [0, 4, 7]):
        assert parse_seeds(format_seeds(seeds)) == seeds


def test_derived_seeds_are_stable_and_distinct():
    assert derive_seed("m:f", 0) == derive_seed("m:f", 0)
    assert len({derive_seed("m:f", s) for s in range(100)}) == 100
    assert derive_seed("a:f", 1) != derive_seed("b:f", 1)


def test_aggregate_medians_rates_and_missing_values():
    runs = [{"loss": 1.0, "ok": True, "conv": None}, {"loss": 3.0, "ok": False, "conv": 2.0},
            {"loss": 2.0, "ok": True, "conv": 4.0}]
    out = aggregate(runs)
    assert out["loss"] == 2.0 and out["loss.min"] == 1.0 and out["loss.max"] == 3.0
    assert out["ok"] == pytest.approx(2 / 3) and out["ok.failures"] == 1
    assert out["conv"] == 3.0 and out["conv.n"] == 2


def test_spread_tolerance_is_padded_half_range():
    assert spread_tolerance([1, 2, 4]) == pytest.approx(1.25 * 2)
    assert spread_tolerance([1e-5, 1e-4, 1e-3], log=True) == pytest.approx(1.25)


class FakeCalibration:
    def __init__(self, values):
        self._values = values

    def values(self, metric):
        return self._values


def test_checks_fail_when_they_should():
    doc = {"n": 200, "v": 0.5, "t": "1 0"}
    assert AtLeast("x", "n").judge({"x": 250}, doc, None).ok
    assert not AtLeast("x", "n").judge({"x": 150}, doc, None).ok
    assert not Close("x", doc="v", atol=0.01).judge({"x": 0.52}, doc, None).ok
    assert not Equals("x", doc="t").judge({"x": "1 1"}, doc, None).ok
    assert not Holds("x").judge({"x": 0.9, "x.failures": 1, "x.n": 10}, doc, None).ok
    assert Holds("x", max_failures=1).judge({"x": 0.9, "x.failures": 1, "x.n": 10}, doc, None).ok
    assert not AtLeast("missing", 1).judge({}, doc, None).ok


def test_near_documented_uses_the_calibration_and_needs_one():
    check = NearDocumented("x", doc="v")
    assert check.judge({"x": 0.45}, {"v": 0.5}, FakeCalibration([0.4, 0.45, 0.5])).ok
    assert not check.judge({"x": 0.2}, {"v": 0.5}, FakeCalibration([0.4, 0.45, 0.5])).ok
    assert not check.judge({"x": 0.5}, {"v": 0.5}, None).ok


def test_median_range_is_fixed_and_narrows_with_more_seeds():
    calibrated = [float(v) for v in range(1, 41)]
    assert median_range(calibrated, 10) == median_range(calibrated, 10)
    low5, high5 = median_range(calibrated, 5)
    low20, high20 = median_range(calibrated, 20)
    assert 1 <= low5 < low20 < 20.5 < high20 < high5 <= 40


def test_inside_calibrated_needs_the_documented_draw_in_range_and_a_typical_median():
    check = InsideCalibrated("x", doc="v")
    calibrated = FakeCalibration([float(v) for v in range(1, 41)])
    typical = {"x": 21.0, "x.n": 10}
    assert check.judge(typical, {"v": 38.0}, calibrated).ok
    assert not check.judge(typical, {"v": 45.0}, calibrated).ok           # documented outside the range
    assert not check.judge({"x": 3.0, "x.n": 10}, {"v": 38.0}, calibrated).ok  # a median 10 seeds hardly give
    assert check.judge({"x": 3.0, "x.n": 1}, {"v": 38.0}, calibrated).ok     # one seed may land anywhere


@pytest.mark.parametrize("expected, checks_ok, explains_ok, verdict", [
    ("reproduced", True, True, "reproduced"), ("reproduced", False, True, "not-reproduced"),
    ("artifact", True, True, "artifact"), ("artifact", True, False, "reproduced"),
    ("artifact", False, True, "not-reproduced"), ("not-reproduced", False, True, "not-reproduced"),
    ("not-reproduced", True, True, "reproduced")])
def test_verdicts(expected, checks_ok, explains_ok, verdict):
    assert verdict_of(expected, checks_ok, explains_ok) == verdict


@pytest.mark.parametrize("measured, documented, calibrated", [(0.0, 5e-5, [1e-5, 2e-5, 7e-5]),
                                                              (2e-5, 0.0, [1e-5, 2e-5, 7e-5]),
                                                              (2e-5, 5e-5, [0.0, 2e-5, 7e-5])])
def test_a_log_scale_check_on_a_zero_fails_instead_of_raising(measured, documented, calibrated):
    judged = NearDocumented("loss", doc="v", log=True).judge({"loss": measured}, {"v": documented},
                                                              FakeCalibration(calibrated))
    assert not judged.ok and "cannot be compared in decades" in judged.text
