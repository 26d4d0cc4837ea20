"""Runs kept across sessions (suite.run_store): read back only for the very inputs that produced them,
never for a timed measurement, a break or a determinism run, and a damaged or foreign entry is
measured afresh."""

import json
import math

import numpy as np
import pytest

from reproductions.suite import engine, memo, run_store
from reproductions.suite.checks import AtLeast
from reproductions.suite.measurements import measurement
from reproductions.suite.records import SENTIMOS, Claim, Source

CALLS = []


@measurement("test:stored", metrics=("accuracy", "holds"))
def stored_measure(seed, scale="quick"):
    CALLS.append(seed)
    return {"accuracy": 0.9, "holds": True, "curve": np.arange(6, dtype=np.float32).reshape(2, 3)}


@measurement("test:timed", metrics=("accuracy",), timed=True)
def timed_measure(seed, scale="quick"):
    CALLS.append(seed)
    return {"accuracy": 0.9}


def claim(measure):
    return Claim(
        id="test.stored",
        source=Source(SENTIMOS, "a section"),
        statement="90% accuracy",
        documented={"accuracy": 0.9},
        judge="band",
        expected="reproduced",
        why="a test record",
        measure=measure,
        seeds=2,
        checks=(AtLeast("accuracy", 0.8),),
    )


@pytest.fixture
def store(tmp_path):
    CALLS.clear()
    return run_store.RunStore(tmp_path / "runs")


@pytest.fixture
def new_process():
    """What a later session starts with: no run in the process's own cache."""
    caches = [memo.cache("measured runs"), memo.cache("runs read from the run store")]
    saved = [dict(c) for c in caches]

    def forget():
        for c in caches:
            c.clear()

    forget()
    yield forget
    for c, before in zip(caches, saved):
        c.clear()
        c.update(before)


def test_a_later_session_reads_the_runs_instead_of_measuring(store, new_process):
    first = engine.check_claim(claim(stored_measure), store=store)
    assert CALLS == [engine.derive_seed("test:stored", 0), engine.derive_seed("test:stored", 1)]
    assert first.stored_seeds == []
    new_process()
    second = engine.check_claim(claim(stored_measure), store=store)
    assert len(CALLS) == 2 and second.stored_seeds == [0, 1] and store.hits == 2
    assert second.measured == first.measured and second.verdict == first.verdict == "reproduced"
    assert second.record()["stored_seeds"] == [0, 1]


def test_every_kind_of_value_comes_back_as_it_was():
    run = {
        "f": 0.1 + 0.2,
        "nan": math.nan,
        "b": np.bool_(False),
        "i": np.int64(3),
        "t": (1, "x"),
        "arrays": [np.eye(2, dtype=np.float32), np.array([1, 2], dtype=np.uint8)],
        "d": {3: 4.5},
    }
    back = run_store.decode(json.loads(json.dumps(run_store.encode(run))))
    assert back["f"] == run["f"] and math.isnan(back["nan"]) and back["t"] == (1, "x") and back["d"] == {3: 4.5}
    assert type(back["b"]) is np.bool_ and type(back["i"]) is np.int64
    for got, want in zip(back["arrays"], run["arrays"]):
        assert got.dtype == want.dtype and np.array_equal(got, want)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_text(path.read_text()[:-40]),  # truncated
        lambda path: path.write_text(path.read_text().replace("0.9", "0.1")),  # altered
        lambda path: path.write_text("not json"),
    ],
    ids=["truncated", "altered", "not-json"],
)
def test_a_damaged_entry_is_measured_afresh(store, new_process, damage):
    engine.check_claim(claim(stored_measure), store=store)
    for path in store.directory.rglob("*.json"):
        damage(path)
    new_process()
    again = engine.check_claim(claim(stored_measure), store=store)
    assert again.stored_seeds == [] and len(CALLS) == 4 and again.measured["accuracy"] == 0.9


def test_an_entry_written_for_other_inputs_is_not_trusted(store, new_process, monkeypatch):
    engine.check_claim(claim(stored_measure), store=store)
    new_process()
    monkeypatch.setattr(run_store, "source_digest", lambda: "another version of the code")
    again = engine.check_claim(claim(stored_measure), store=store)
    assert again.stored_seeds == [] and len(CALLS) == 4
    # an entry copied under another key's name
    seed_0, seed_1 = (store._path(store.key(stored_measure, seed, "quick", "cpu")) for seed in (0, 1))
    seed_0.write_text(seed_1.read_text())
    new_process()
    assert engine.check_claim(claim(stored_measure), store=store).stored_seeds == [1]


def test_a_timed_measurement_is_always_timed_again(store, new_process):
    engine.check_claim(claim(timed_measure), store=store)
    new_process()
    engine.check_claim(claim(timed_measure), store=store)
    assert len(CALLS) == 4 and not list(store.directory.rglob("*.json"))


def test_breaks_and_second_runs_neither_read_nor_keep(store, new_process):
    engine.check_claim(claim(stored_measure), store=store)
    new_process()
    with memo.fresh():
        assert engine.check_claim(claim(stored_measure), store=store).stored_seeds == []
    assert len(CALLS) == 4


def test_the_store_can_be_turned_off(pytester, monkeypatch):
    from reproductions.pytest_plugin import session_of

    monkeypatch.delenv("REPRO_NO_CACHE", raising=False)
    assert session_of(pytester.parseconfigure()).store is not None
    assert session_of(pytester.parseconfigure("--repro-no-cache")).store is None
    monkeypatch.setenv("REPRO_NO_CACHE", "1")
    assert session_of(pytester.parseconfigure()).store is None


def test_every_claim_sharing_a_measurement_says_its_runs_came_from_the_store(store, new_process):
    engine.check_claim(claim(stored_measure), store=store)
    new_process()
    first = engine.check_claim(claim(stored_measure), store=store)
    second = engine.check_claim(claim(stored_measure), store=store)  # the runs are in the process by now
    assert first.stored_seeds == second.stored_seeds == [0, 1] and len(CALLS) == 2
    assert engine.check_claim(claim(stored_measure)).stored_seeds == [0, 1]  # a caller without a store


def test_runs_on_a_gpu_are_not_kept(store):
    """The key knows the CPU, not the GPU's model, driver or CUDA libraries."""
    assert store.keeps(stored_measure, "cpu") and not store.keeps(stored_measure, "gpu")
    assert not store.keeps(timed_measure, "cpu")


def test_the_key_names_the_installed_distributions():
    assert "numpy" in run_store.installed_versions()
