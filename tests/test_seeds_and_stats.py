"""Seed lists, derived seeds, aggregation over seeds, and the judging rules."""

import itertools
import math

import numpy as np
import pytest

from reproductions.suite import stats
from reproductions.suite.calibrated import (
    InsideCalibrated,
    JointlyTypical,
    MarginAtMost,
    draw_position_p,
    printed_position_p,
)
from reproductions.suite.checks import AtLeast, AtMost, Close, Equals, Holds, Paired, WithinFactor
from reproductions.suite.judge import as_family, verdict_of
from reproductions.suite.one_run import OneRunWorks
from reproductions.suite.seeds import SeedSpecError, derive_seed, format_seeds, parse_seeds
from reproductions.suite.stats import (
    aggregate,
    clopper_pearson,
    position_above,
    rank_sum_p,
    rank_sum_tails,
    stouffer_p,
)


@pytest.mark.parametrize(
    "spec, seeds", [("3", [3]), ("0-4", [0, 1, 2, 3, 4]), ("0,4,7", [0, 4, 7]), ("1-2,2,5", [1, 2, 5])]
)
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
    runs = [
        {"loss": 1.0, "ok": True, "conv": None},
        {"loss": 3.0, "ok": False, "conv": 2.0},
        {"loss": 2.0, "ok": True, "conv": 4.0},
    ]
    out = aggregate(runs)
    assert out["loss"] == 2.0 and out["loss.min"] == 1.0 and out["loss.max"] == 3.0
    assert out["ok"] == pytest.approx(2 / 3) and out["ok.failures"] == 1
    assert out["conv"] == 3.0 and out["conv.n"] == 2


class FakeCalibration:
    def __init__(self, values):
        self._values = values

    def values(self, metric):
        return self._values

    reference = values


def measured_sample(values):
    """What aggregate() makes of one numeric metric ``x`` measured on these seeds."""
    return aggregate([{"x": v} for v in values])


def test_checks_fail_when_they_should():
    doc = {"n": 200, "v": 0.5, "t": "1 0"}
    assert AtLeast("x", "n").judge({"x": 250}, doc, None).ok
    assert not AtLeast("x", "n").judge({"x": 150}, doc, None).ok
    assert not Close("x", doc="v", atol=0.01).judge({"x": 0.52}, doc, None).ok
    assert not Equals("x", doc="t").judge({"x": "1 1"}, doc, None).ok
    assert not Holds("x").judge({"x": 0.9, "x.failures": 1, "x.n": 10}, doc, None).ok
    assert Holds("x", tolerate=0.1).judge({"x": 0.9, "x.failures": 1, "x.n": 10}, doc, None).ok
    assert not AtLeast("missing", 1).judge({}, doc, None).ok


def test_an_unmet_condition_other_checks_need_is_an_error_not_a_failure():
    """A N(0,1) ConvNet dead at our common rate would lose whatever its initialization did: the
    comparison cannot be judged, and the verdict must not read not reproduced on our choice of rate."""
    assert AtLeast("x", 20.0, needed=True).judge({"x": 10.0}, {}, None).error
    learns = AtLeast("x", 20.0, needed=True).judge({"x": 30.0}, {}, None)
    assert learns.ok and not learns.error
    assert verdict_of("reproduced", False, True, error=True) == "error"


@pytest.mark.parametrize("value, holds", [(20, True), (2000, True), (19.9, False), (2000.1, False), (200, True)])
def test_within_a_factor_holds_on_both_sides_of_the_documented_magnitude_and_no_further(value, holds):
    judged = WithinFactor("x", doc="n", factor=10).judge({"x": value}, {"n": 200}, None)
    assert judged.ok is holds and "within ×10 of documented 200" in judged.text


@pytest.mark.parametrize(
    "failures, n, holds",
    [(1, 1, False), (1, 2, False), (1, 9, False), (1, 10, True), (2, 10, False), (2, 20, True), (0, 1, True)],
)
def test_holds_allows_a_fraction_of_failures_only_on_enough_seeds(failures, n, holds):
    """Finding: max_failures=1 passed a failing single seed, and half of two."""
    measured = {"x": (n - failures) / n, "x.failures": failures, "x.n": n}
    assert Holds("x", tolerate=0.1).judge(measured, {}, None).ok is holds


def test_a_missing_metric_is_an_error_not_a_failed_check():
    """Finding: a renamed metric failed a check, which a claim expected not-reproduced then passed."""
    judged = AtLeast("renamed", 1).judge({"x": 2}, {}, None)
    assert judged.state == "error" and not judged.ok and "was not measured" in judged.text
    assert verdict_of("not-reproduced", False, True, error=True) == "error"


@pytest.mark.parametrize("check", [AtLeast("x", 0.0), AtMost("x", 1.0), Holds("x"), AtMost("x.max", 1.0)])
def test_a_non_finite_value_on_any_seed_is_an_error_whatever_the_rule(check):
    measured = aggregate([{"x": 0.5}, {"x": float("nan")}, {"x": 0.2}])
    judged = check.judge(measured, {}, None)
    assert judged.state == "error" and "not finite on 1 of 3 seeds" in judged.text


def test_aggregate_counts_non_finite_seeds_instead_of_misplacing_them():
    """Finding: built-in max over [0.1, nan, 0.2] gave 0.2."""
    out = aggregate([{"x": 0.1}, {"x": float("nan")}, {"x": 0.2}])
    assert out["x.nonfinite"] == 1 and out["x.n"] == 3 and out["x"] != out["x"]  # NaN, never a number
    assert "x.max" not in out and "x.values" not in out
    single = AtMost("x", 1.0).judge(aggregate([{"x": float("inf")}]), {}, None)
    assert single.state == "error" and "not finite" in single.text


def test_the_rank_sum_test_is_exact_on_small_samples():
    assert rank_sum_tails([1, 2, 3], [4, 5, 6, 7]) == pytest.approx((1 / 35, 1.0))
    assert rank_sum_p([1, 2, 3, 4, 5], list(range(6, 21))) == pytest.approx(2 / math.comb(20, 5))
    assert rank_sum_p([1, 1, 2], [2, 3, 3]) == pytest.approx(0.2)  # ties: mid-ranks, split distribution


def test_the_rank_sum_tails_equal_counting_every_split():
    """Only the smaller tail is counted, from the top of the ranks above the middle: both tails must
    still equal those of every split of the pooled values, ties and either group the smaller."""
    rng = np.random.default_rng(1)
    for _ in range(150):
        top = int(rng.choice([2, 4, 50]))  # heavy ties to none
        first = [float(v) for v in rng.integers(0, top, int(rng.integers(1, 7)))]
        second = [float(v) for v in rng.integers(0, top, int(rng.integers(1, 8)))]
        pooled = first + second
        mid_rank = {v: (sum(w < v for w in pooled) + 1 + sum(w <= v for w in pooled)) / 2 for v in pooled}
        observed = sum(mid_rank[v] for v in first)
        sums = [
            sum(mid_rank[pooled[i]] for i in split) for split in itertools.combinations(range(len(pooled)), len(first))
        ]
        expected = (sum(s <= observed for s in sums) / len(sums), sum(s >= observed for s in sums) / len(sums))
        assert rank_sum_tails(first, second) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_beyond_exact_counting_the_rank_sum_tails_lie_slightly_above_the_exact_ones(monkeypatch):
    """Large samples (LCD's 200 seeds against 800 or 1,000 draws) use the normal approximation: at sizes
    both can compute, its tails near the test's level (1e-5 to 1e-3) must be conservative (never below
    the exact ones, so the level holds) and close (within a third). Ties include a large block at one
    end, as LCD's share of misreadings in the post's groups has (a quarter of its draws are 0)."""
    rng, judged = np.random.default_rng(1), 0
    cases = [(60, 540, "none"), (40, 300, "rounded"), (80, 320, "zeros"), (60, 240, "zeros")]
    for n, m, ties in cases:
        for shift in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
            first, second = rng.normal(shift, 1, n), rng.normal(0, 1, m)
            if ties == "rounded":
                first, second = np.round(first * 2) / 2, np.round(second * 2) / 2
            elif ties == "zeros":  # a quarter of the values tied at the bottom, as 0 misreadings are
                first, second = (np.round(np.maximum(v, np.quantile(second, 0.25)), 1) for v in (first, second))
            exact = min(rank_sum_tails(list(first), list(second)))
            with monkeypatch.context() as patch:
                patch.setattr(stats, "EXACT_RANK_SUM_WORK", 0)
                approximate = min(rank_sum_tails(list(first), list(second)))
            if 1e-5 <= exact <= 1e-3:
                judged += 1
                assert exact <= approximate <= 1.34 * exact, (n, m, ties, shift, exact, approximate)
    assert judged >= 8  # enough samples land near the level to test it


@pytest.mark.parametrize(
    "m, n, alpha, draw", [(40, 20, 0.05, "gamma"), (20, 10, 0.05, "integers"), (20, 5, 0.01, "gamma")]
)
def test_the_rank_sum_test_keeps_its_false_alarm_rate(m, n, alpha, draw):
    """Finding: the bootstrap ignored the calibration's own sampling error (4-7% false alarms)."""
    rng = np.random.default_rng(0)
    sample = (lambda size: rng.gamma(2.0, size=size)) if draw == "gamma" else (lambda size: rng.integers(20, 60, size))
    trials = 3000
    alarms = sum(rank_sum_p(list(sample(n)), list(sample(m))) < alpha for _ in range(trials))
    assert alarms / trials <= alpha + 3 * math.sqrt(alpha / trials)


def test_inside_calibrated_needs_a_typical_documented_draw_and_seeds_like_the_calibrated_ones():
    check = InsideCalibrated("x", doc="v")
    calibrated = FakeCalibration([float(v) for v in range(1, 41)])
    typical = measured_sample([2.0 * k + 0.5 for k in range(20)])
    assert check.judge(typical, {"v": 38.0}, calibrated).ok  # 4 of 60 draws at or above it: p = 0.16
    # beyond all 60 draws: exact two-sided p = 2 / 61 = 0.033
    edge = check.judge(typical, {"v": 45.0}, calibrated)
    assert not edge.ok and "p = 0.033" in edge.text
    assert check.judge(typical, {"v": 39.5}, calibrated).ok  # one draw above it: 2 x 2 / 61 = 0.066
    assert not check.judge(measured_sample([0.5] * 20), {"v": 10.0}, calibrated).ok  # seeds no sound model gives
    single = check.judge(measured_sample([0.5]), {"v": 10.0}, calibrated)  # one seed may land anywhere
    assert single.ok and "not tested" in single.text


def test_a_margin_of_ours_is_judged_only_where_a_calibration_measures_its_false_alarm_rate():
    check = MarginAtMost("fc", than="conv", slack=2.0)
    runs = aggregate([{"fc": 90.0 + k, "conv": 89.0 + k} for k in range(5)])
    behind = aggregate([{"fc": 93.0 + k, "conv": 90.0 + k} for k in range(5)])  # 3 points ahead: beyond 2
    calibrated = FakeCalibration([90.0])
    assert check.judge(runs, {}, calibrated).ok and not check.judge(behind, {}, calibrated).ok
    missing = check.judge(runs, {}, None)  # a scale with no calibration: not judged, an error that says so
    assert missing.error and "no calibration recorded at this scale" in missing.text


def test_a_printed_number_is_judged_at_the_most_typical_value_that_prints_so():
    draws = [0.990 + 0.0001 * i for i in range(70)]  # 0.990 to 0.9969: 0.997 lies beyond all of them
    assert draw_position_p(0.997, draws) == pytest.approx(2 / 71)
    assert printed_position_p(0.997, 0.001, draws) == pytest.approx(draw_position_p(0.9965, draws))  # prints so
    assert printed_position_p(0.997, 0.0, draws) == draw_position_p(0.997, draws)  # read as exact
    assert printed_position_p(0.9, 0.001, draws) == draw_position_p(0.9, draws)  # no draw prints as 0.900
    typical = measured_sample(draws[:20])
    exact = InsideCalibrated("x", doc="v").judge(typical, {"v": 0.997}, FakeCalibration(draws))
    rounded = InsideCalibrated("x", doc="v", printed=0.001).judge(typical, {"v": 0.997}, FakeCalibration(draws))
    # among the 90 draws: beyond all of them as printed (2 / 91); in 0.9965-0.9975, four above (2 x 5 / 91)
    assert "p = 0.022" in exact.text and "p = 0.11 at the most typical value printed so (0.9965" in rounded.text


def test_a_claims_single_draws_are_held_to_the_level_together():
    """Finding: three costs read off one log were each held to 0.05, the log to about 0.15."""
    readings = (
        InsideCalibrated("x", doc="v"),
        Holds("x"),
        InsideCalibrated("x", doc="w"),
        InsideCalibrated("x", doc="u"),
    )
    family = as_family(readings, "quick")
    assert [getattr(c, "family", None) for c in family] == [3, None, 3, 3]
    assert as_family((InsideCalibrated("x", doc="v", at="documented"), InsideCalibrated("x", doc="w")), "quick")[
        0
    ] == InsideCalibrated("x", doc="w", family=1)  # only the checks judged at this scale count
    joint = as_family((InsideCalibrated("x", doc="v"), JointlyTypical("x", others=("y",), doc="d")), "quick")
    # a joint test of several claims' runs is held on its own: the same p reads alike in every claim
    assert [c.family for c in joint] == [1, 1] and joint[0].alpha == joint[1].alpha == 0.05
    calibrated = FakeCalibration([float(v) for v in range(1, 151)])
    typical = measured_sample([7.5 * k + 0.5 for k in range(20)])
    # 2 of 170 draws at or above 148.5: p = 2 x 3 / 171 = 0.035, atypical alone, typical as one of three
    assert not InsideCalibrated("x", doc="v").judge(typical, {"v": 148.5}, calibrated).ok
    one_of_three = family[0].judge(typical, {"v": 148.5}, calibrated)
    assert one_of_three.ok and "0.05/3 = 0.017" in one_of_three.text
    assert not family[0].judge(typical, {"v": 151.0}, calibrated).ok  # beyond all 170: p = 0.012
    small = FakeCalibration([float(v) for v in range(1, 41)])
    too_few = family[0].judge(measured_sample([2.0 * k + 0.5 for k in range(20)]), {"v": 45.0}, small)
    assert too_few.error and "60 runs cannot tell an atypical draw" in too_few.text  # 2 / 61 > 0.017


@pytest.mark.parametrize(
    "expected, checks_ok, explains_ok, verdict",
    [
        ("reproduced", True, True, "reproduced"),
        ("reproduced", False, True, "not-reproduced"),
        ("artifact", True, True, "artifact"),
        ("artifact", True, False, "reproduced"),
        ("artifact", False, True, "not-reproduced"),
        ("not-reproduced", False, True, "not-reproduced"),
        ("not-reproduced", True, True, "reproduced"),
    ],
)
def test_verdicts(expected, checks_ok, explains_ok, verdict):
    assert verdict_of(expected, checks_ok, explains_ok) == verdict


def test_clopper_pearson_matches_known_intervals():
    assert [round(v, 4) for v in clopper_pearson(9, 40)] == [0.1084, 0.3845]
    assert clopper_pearson(0, 20)[0] == 0.0 and round(clopper_pearson(0, 20)[1], 4) == 0.1684
    assert clopper_pearson(20, 20)[1] == 1.0


def test_one_run_claims_follow_one_rule():
    """Probability >= 5% from the seeds now and the calibration's others, and at least one seed now."""
    check = OneRunWorks("x")
    rare = FakeCalibration([True] * 7 + [False] * 53)  # 12%, like the sigmoid XOR net at 500 epochs
    sound = aggregate([{"x": v} for v in [True] + [False] * 39])
    judged = check.judge(sound, {}, rare)
    assert judged.ok and "probability 8%" in judged.text and "95% interval" in judged.text
    broken = aggregate([{"x": False} for _ in range(40)])
    assert not check.judge(broken, {}, rare).ok  # no seed shows it now: fails whatever was calibrated
    never = FakeCalibration([False] * 60)
    assert not check.judge(aggregate([{"x": True}] + [{"x": False}] * 39), {}, never).ok  # 1%: below the rule
    assert check.judge(sound, {}, None).error  # the rule pools a calibration: without one, it cannot apply


def test_the_one_run_rule_holds_the_rate_now_to_the_calibrated_rate():
    """The pooled rate is mostly the calibration's: a model that now shows the outcome far more rarely
    fails though the pool still clears 5%."""
    check = OneRunWorks("x")
    calibrated = FakeCalibration([True] * 88 + [False] * 312)  # 22%, about the matrix inverse's 27%
    rarely = aggregate([{"x": True}] + [{"x": False}] * 59)  # 1 of 60 now: pooled 89/460, 19%
    judged = check.judge(rarely, {}, calibrated)
    assert not judged.ok and "probability 19%" in judged.text and "more rarely than 400 calibrated draws" in judged.text
    typical = aggregate([{"x": True}] * 12 + [{"x": False}] * 48)  # 20% now
    assert check.judge(typical, {}, calibrated).ok
    more_often = aggregate([{"x": True}] * 60)  # every seed now: it only adds to the claim
    assert check.judge(more_often, {}, calibrated).ok


def test_paired_compares_the_two_arms_seed_by_seed():
    runs = [{"a": a, "b": b} for a, b in ((0.3, 0.1), (0.2, 0.25), (0.5, 0.4))]
    measured = aggregate(runs)
    assert not Paired("a", than="b").judge(measured, {}, None).ok  # seed 1 is smaller: not on every seed
    assert Paired("b", than="b").judge(measured, {}, None).ok is False  # a tie counts against
    six = aggregate([{"a": 1.0 + i, "b": float(i)} for i in range(6)])
    judged = Paired("a", than="b", alpha=0.05).judge(six, {}, None)
    assert judged.ok and "6/6 seeds" in judged.text and "p = 0.016" in judged.text
    assert not Paired("a", than="b", alpha=0.05).judge(aggregate(runs), {}, None).ok  # 2/3: p = 0.5


def test_paired_orders_several_arms_and_tolerates_a_share_of_seeds():
    runs = [{"a": 3.0, "b": 2.0, "c": c} for c in (1.0, 1.5, 2.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)]
    measured = aggregate(runs)  # seed 2 ties b = c: the ordering a > b > c fails there alone
    assert not Paired("a", than=("b", "c")).judge(measured, {}, None).ok
    judged = Paired("a", than=("b", "c"), tolerate=0.1).judge(measured, {}, None)
    assert judged.ok and "a > b > c on 9/10 seeds" in judged.text and "at most 1 may fail" in judged.text
    assert not Paired("a", than=("c", "b"), tolerate=0.1).judge(measured, {}, None).ok  # the order matters
    assert Paired("a", than=("b", "c")).reads() == ("a", "b", "c")


def test_stouffer_combines_positions_two_sided():
    assert stouffer_p([0.5, 0.5]) == (1.0, 0.0)  # draws at today's medians: nothing to see
    high, z_high = stouffer_p([0.05, 0.05])  # two draws each at today's 95th percentile
    assert z_high == pytest.approx(2.326, abs=1e-3) and high == pytest.approx(0.020, abs=1e-3)
    low, z_low = stouffer_p([0.95, 0.95])  # the mirror image: as unlikely, the other way
    assert low == pytest.approx(high) and z_low == pytest.approx(-z_high)
    assert position_above(10, [1, 2, 3]) == 0.125  # the draw itself counts half: never 0
    assert position_above(2, [1, 2, 3]) == 0.5


def test_jointly_typical_fails_draws_each_possible_but_together_slow():
    """Three draws each at the edge of today's runs (tail ~0.05) are together unlikely: p < 0.05."""
    today = FakeCalibration(list(range(1, 101)))
    check = JointlyTypical("x", others=("y", "z"), doc="draws")
    measured = aggregate([{"x": v, "y": v, "z": v} for v in range(1, 101, 2)])  # seeds like the calibration
    slow = check.judge(measured, {"draws": (95, 95, 95)}, today)
    assert not slow.ok and "together higher than today's" in slow.text
    typical = check.judge(measured, {"draws": (50, 30, 70)}, today)
    assert typical.ok
    fast = check.judge(measured, {"draws": (5, 5, 5)}, today)  # jointly faster fails too: two-sided
    assert not fast.ok and "together lower than today's" in fast.text
    unlike = aggregate([{"x": v, "y": v, "z": v} for v in range(1, 41)])  # seeds a model unlike the calibration gives
    left = check.judge(unlike, {"draws": (50, 30, 70)}, today)
    assert not left.ok and "differ from the calibrated draws in x, y, z" in left.text
    assert check.judge(measured, {"draws": (95, 95, 95)}, None).error  # no calibration: cannot be judged
    with pytest.raises(ValueError):  # one documented draw per metric, or it is a mistake in the record
        check.judge(measured, {"draws": (95, 95)}, today)


def test_a_one_run_number_follows_the_same_rule_a_run_showing_it_when_at_most_the_documented_value():
    """The author's one run printed 8%: a run shows it when it reads 8% or less."""
    check = OneRunWorks("x", at_most="accuracy")
    documented = {"accuracy": 0.08}
    calibrated = FakeCalibration([0.3] * 36 + [0.06] * 4)  # 4 of 40 as low: 10%
    assert check.judge(aggregate([{"x": v} for v in [0.08] + [0.3] * 9]), documented, calibrated).ok
    never_now = aggregate([{"x": 0.3} for _ in range(10)])
    assert not check.judge(never_now, documented, calibrated).ok  # no seed reads it now
    assert not check.judge(aggregate([{"x": 0.05}] + [{"x": 0.3}] * 9), documented, FakeCalibration([0.3] * 40)).ok


def test_a_one_run_outcome_can_be_a_threshold_of_ours_either_way():
    """A raw value measured, the threshold in the record: at least 0.99, or at most 1e-3."""
    calibrated = FakeCalibration([0.5] * 36 + [0.995] * 4)
    high = OneRunWorks("rank", at_least=0.99)
    assert high.judge(aggregate([{"rank": v} for v in [0.995] + [0.5] * 9]), {}, calibrated).ok
    assert not high.judge(aggregate([{"rank": 0.98} for _ in range(10)]), {}, calibrated).ok
    low = OneRunWorks("loss", at_most=1e-3)
    assert low.shows(5e-4, {}) and not low.shows(0.125, {}) and not low.shows(None, {})
    assert not low.shows(float("nan"), {}) and not high.shows(float("nan"), {})  # NaN shows no outcome


@pytest.mark.parametrize(
    "values, holds",
    [((0.2, 0.3, 0.4), True), ((0.2, 0.3, 0.6), False), ((0.1,) * 9 + (0.7,), True), ((0.1,) * 8 + (0.7,) * 2, False)],
)
def test_holds_judges_raw_values_against_a_bound_in_the_record(values, holds):
    judged = Holds("ratio", at_most=0.5, tolerate=0.1).judge(aggregate([{"ratio": v} for v in values]), {}, None)
    assert judged.ok is holds and "≤ 0.5" in judged.text


def test_holds_with_a_bound_fails_on_a_nan_seed_as_an_error():
    judged = Holds("ratio", at_most=0.5).judge(aggregate([{"ratio": 0.2}, {"ratio": float("nan")}]), {}, None)
    assert not judged.ok and judged.error


def test_a_subset_of_runs_is_read_as_metric_at_name():
    """A claim's Where picks runs by a threshold it names; its checks read <metric>@<name>, judged
    over those runs alone, in the seeds measured now and in the calibration alike."""
    from pathlib import Path

    from reproductions.suite.calibration import Calibration
    from reproductions.suite.records import Where
    from reproductions.suite.stats import with_subsets

    converged = Where("converged", "loss", at_most=1e-3)
    runs = [{"loss": 1e-5, "x": 1.0}, {"loss": 0.125, "x": 5.0}, {"loss": 2e-4, "x": 3.0}]
    derived = with_subsets(runs, (converged,))
    assert [run["x@converged"] for run in derived] == [1.0, None, 3.0]
    assert derived[0]["loss@converged"] == 1e-5 and "x@converged@converged" not in derived[0]
    assert aggregate(derived)["x@converged"] == 2.0 and aggregate(derived)["x"] == 3.0
    assert with_subsets(runs, ()) is runs
    # a run that cannot be placed (its selecting metric NaN or missing) is an error, never dropped
    for unplaced in ({"loss": float("nan"), "x": 7.0}, {"x": 9.0}):
        judged = AtMost("x@converged", 10.0).judge(aggregate(with_subsets(runs + [unplaced], (converged,))), {}, None)
        assert judged.error and "not finite" in judged.text
    data = {"meta": {"seeds": [0, 1, 2], "scale": "quick"}, "runs": runs}
    calibrated = Calibration(data, Path("f.json"), among=(converged,))
    assert calibrated.values("x@converged") == [1.0, 3.0] and calibrated.without([0]).run_of(1)["x@converged"] is None
    assert "x@converged" not in data["runs"][0]  # the recorded file's runs stay as recorded


def test_fisher_size_is_the_exact_chance_the_rate_test_fails_a_sound_model():
    from reproductions.suite.stats import fisher_size

    # the p-value it thresholds is rank_sum_p's on yes/no outcomes: 1 of 60 against 88 of 400 reads 3.2e-5
    assert round(rank_sum_p([True] + [False] * 59, [True] * 88 + [False] * 312), 7) == 0.0000325
    size = fisher_size(60, 400, 0.22, 1e-4)
    assert 0 < size < 1e-4  # discrete counts: below the level
    assert fisher_size(20, 20, 1.0, 1e-4) == 0.0  # an outcome every run shows can never differ
    assert fisher_size(60, 400, 0.22, 1e-2) > size  # a looser level fails more often


def test_fisher_size_matches_enumerating_every_outcome():
    """n = 5 fresh and 8 calibrated yes/no outcomes at rate 0.3: the chance rank_sum_p falls below alpha,
    summed over all 2^13 outcomes, is what fisher_size computes."""
    import itertools

    from reproductions.suite.stats import fisher_size

    n, reference, rate, alpha = 5, 8, 0.3, 0.2
    total = 0.0
    for outcome in itertools.product((True, False), repeat=n + reference):
        weight = math.prod(rate if o else 1 - rate for o in outcome)
        total += weight * (rank_sum_p(list(outcome[:n]), list(outcome[n:])) < alpha)
    assert math.isclose(fisher_size(n, reference, rate, alpha), total, rel_tol=1e-9)


def test_the_one_sided_rate_test_is_the_lower_tail_and_its_size_is_exact():
    """``fewer``: how likely so few yeses among the n fresh outcomes, given the pooled count (the
    hypergeometric's lower tail, enumerated here), and fisher_size's exact size of that test."""
    import itertools

    from reproductions.suite.stats import fisher_p, fisher_size

    shown, n, before_shown, before = 1, 6, 5, 8
    pooled, total = shown + before_shown, n + before
    lower = sum(math.comb(pooled, k) * math.comb(total - pooled, n - k) for k in range(shown + 1)) / math.comb(total, n)
    assert math.isclose(fisher_p(shown, n, before_shown, before, fewer=True), lower, rel_tol=1e-12)
    assert math.isclose(fisher_p(6, 6, 0, 8, fewer=True), 1.0)  # every fresh seed shows it: never "too rarely"
    n, reference, rate, alpha = 5, 8, 0.3, 0.2
    enumerated = 0.0
    for outcome in itertools.product((True, False), repeat=n + reference):
        weight = math.prod(rate if o else 1 - rate for o in outcome)
        enumerated += weight * (fisher_p(sum(outcome[:n]), n, sum(outcome[n:]), reference, fewer=True) < alpha)
    assert math.isclose(fisher_size(n, reference, rate, alpha, fewer=True), enumerated, rel_tol=1e-9)


def test_the_one_run_rule_is_monotone_in_the_seeds_showing_the_outcome():
    """More seeds now showing the outcome never fail a claim that fewer pass: against a calibration
    that never showed it (0 of 70), a two-sided rate test passed 4 of 10 and failed 5 or more."""
    from reproductions.suite.one_run import one_run_holds

    for n, shown_before, before in ((10, 0, 70), (10, 39, 40), (60, 54, 140), (60, 272, 940), (5, 1, 35)):
        holds = [one_run_holds(k, n, shown_before, before) for k in range(n + 1)]
        first = holds.index(True) if True in holds else n + 1
        assert holds == [k >= first for k in range(n + 1)], (n, shown_before, before, holds)
    assert all(one_run_holds(k, 10, 0, 70) for k in range(4, 11))


def test_fisher_p_is_rank_sum_p_on_yes_no_outcomes():
    from reproductions.suite.stats import fisher_p

    for shown, n, before_shown, before in ((1, 60, 88, 400), (0, 5, 39, 40), (5, 5, 0, 8), (3, 10, 30, 30)):
        now = [True] * shown + [False] * (n - shown)
        calibrated = [True] * before_shown + [False] * (before - before_shown)
        assert math.isclose(fisher_p(shown, n, before_shown, before), rank_sum_p(now, calibrated), rel_tol=1e-9)


def test_the_one_run_rule_tells_a_model_that_shows_the_outcome_rarely():
    """The rule on counts, and how often it passes a model at a given rate: exact, so it must equal
    the share of simulated counts the rule lets through."""
    from reproductions.suite.one_run import RARE_RATE, one_run_holds, one_run_passes

    assert not one_run_holds(0, 75, 45, 200)  # no seed now shows it
    assert not one_run_holds(1, 75, 45, 200)  # 1 of 75 where 45 of 200 did: Fisher p < 1e-4
    assert one_run_holds(17, 75, 45, 200)
    assert one_run_passes(0.3, 1, 0, 0) == pytest.approx(0.3)  # one seed, nothing calibrated: it shows it
    assert one_run_passes(RARE_RATE, 75, 45, 200) < 0.05 < one_run_passes(RARE_RATE, 30, 9, 40)
    counts = np.random.default_rng(0).binomial(30, 0.1, 20_000)
    simulated = np.mean([one_run_holds(int(k), 30, 9, 40) for k in counts])
    assert simulated == pytest.approx(one_run_passes(0.1, 30, 9, 40), abs=0.01)


def test_a_one_run_outcome_on_a_subset_counts_the_runs_outside_it_as_not_showing_it():
    """Fig 2's W shows both halves in one run: runs outside the subset (W not reading its training
    placements) count against the rate, instead of being left out of it."""
    check = OneRunWorks("lift@read", at_most=0.5, outside_shows_nothing=True)
    measured = {"lift@read": 0.2, "lift@read.values": (0.1, 0.2, 0.9), "lift": 0.5, "lift.values": (0.1, 0.2, 0.9, 0.3)}
    calibrated = FakeCalibration([0.1] * 30)  # every calibrated run in the subset and showing it
    assert "2/4 seeds now with 30 calibrated" in check.judge(measured, {}, calibrated).text
    assert check.reads() == ("lift@read", "lift")
    assert "2/3 seeds now" in OneRunWorks("lift@read", at_most=0.5).judge(measured, {}, calibrated).text
    nowhere = {**measured, "lift@read": None, "lift@read.values": None}  # no run in the subset: shown by none
    judged = check.judge(nowhere, {}, calibrated)
    assert not judged.ok and not judged.error and "0/4 seeds now" in judged.text
    with pytest.raises(ValueError):
        OneRunWorks("lift@read", outside_shows_nothing=True)  # a yes/no metric's counts are the subset's
