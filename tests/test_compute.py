"""The report's compute section: each measurement's declared work over the time its runs took, a run
counted once however many claims read it, and every registered measurement's work declared."""

import math

import pytest

from reproductions.suite import compute, engine, memo
from reproductions.suite.checks import AtLeast
from reproductions.suite.measurements import dense, matmul, measurement
from reproductions.suite.records import SENTIMOS, Claim, Source
from reproductions.suite.registry import CLAIMS

pytestmark = pytest.mark.cpu


@measurement("test:worked", metrics=("accuracy",), flops=lambda scale: 2e9)
def worked(seed, scale="quick"):
    return {"accuracy": 0.9}


def claim(claim_id):
    return Claim(
        id=claim_id,
        source=Source(SENTIMOS, "a section"),
        statement="90% accuracy",
        documented={"accuracy": 0.9},
        judge="band",
        expected="reproduced",
        why="a test record",
        measure=worked,
        seeds=2,
        checks=(AtLeast("accuracy", 0.8, label="accuracy"),),
    )


def entry(name, scale, seconds, flops):
    return {"scale": scale, "compute": {"measurement": name, "flops_per_seed": flops, "seconds": seconds}}


def test_the_counting_helpers_count_multiply_adds_twice():
    assert matmul(2, 3, 4) == 48
    assert dense((784, 10)) == 2 * 784 * 10


def test_a_measured_claim_carries_its_runs_time_and_declared_work():
    with memo.fresh():
        first = engine.check_claim(claim("test.first"), seeds=[0, 1])
        second = engine.check_claim(claim("test.second"), seeds=[0, 1])  # the same runs, shared
    assert first.compute["measurement"] == "test:worked" and first.compute["flops_per_seed"] == 2e9
    assert set(first.compute["seconds"]) == {"0", "1"}
    rows = compute.per_measurement([first.record(), second.record()])
    assert rows[("test:worked", "quick")]["seeds"] == 2  # counted once, not once per claim
    assert rows[("test:worked", "quick")]["flop"] == 4e9


def test_runs_are_summed_per_measurement_and_scale_once_each():
    entries = [
        entry("a", "quick", {"0": 1.0, "1": 1.0}, 3e9),
        entry("a", "quick", {"1": 1.0}, 3e9),  # a second claim reading seed 1's run
        entry("a", "documented", {"0": 4.0}, 9e9),
        entry("b", "quick", {}, 1e9),  # read from the run store: nothing timed here
    ]
    rows = compute.per_measurement(entries)
    assert rows == {
        ("a", "quick"): {"seeds": 2, "seconds": 2.0, "flop": 6e9},
        ("a", "documented"): {"seeds": 1, "seconds": 4.0, "flop": 9e9},
    }
    assert compute.totals(rows) == {"measurements": 2, "seconds": 6.0, "gflop": 15.0, "gflops": 2.5}


def test_the_section_gives_rates_beside_the_peak_and_a_dash_for_undeclared_work():
    report = {
        "meta": {"peak": {"gflops": 50.0, "how": "2.00 GHz x 25 FLOP/cycle"}},
        "claims": [entry("heavy", "quick", {"0": 2.0}, 20e9), entry("test:undeclared", "quick", {"0": 1.0}, None)],
    }
    text = "\n".join(compute.markdown_lines(report))
    assert "| `heavy` | quick | 1 | 2.0 | 20 | 10 | 20.0% |" in text
    assert "| `test:undeclared` | quick | 1 | 1.0 | — | — | — |" in text
    assert "Total: 20.0 GFLOP in 2.0 s of measuring, 10.0 GFLOP/s (20.0% of one core's peak)." in text
    assert "50 GFLOP/s: 2.00 GHz x 25 FLOP/cycle" in text
    assert compute.markdown_lines({"meta": {}, "claims": [entry("b", "quick", {}, 1e9)]}) == []
    assert compute.summary_line(report["claims"], 50.0).startswith("measuring: 20.0 GFLOP in 2.0 s")


@pytest.mark.parametrize(
    "measure", sorted({c.measure for c in CLAIMS if c.measure}, key=lambda m: m.name), ids=lambda m: m.name
)
def test_every_measurement_declares_its_work(measure):
    assert measure.flops is not None, f"{measure.name}: declare flops= in its @measurement"
    for scale in ("quick", "documented"):
        work = measure.flops(scale)
        assert isinstance(work, (int, float)) and math.isfinite(work) and work >= 0, (measure.name, scale, work)
