"""False alarms: a sound model, judged on seeds it was not calibrated with, fails the suite rarely.

No training: the calibrations' recorded runs are split into held-out "fresh" seeds and the rest
(``suite.alarms``), as ``python -m reproductions false-alarms`` does with more resamples.
"""

import pytest

from reproductions.suite import alarms
from reproductions.suite.cli import main

RESAMPLES = 200  # the command's 2,000 give the figures README quotes; 200 keep this test short


@pytest.fixture(scope="module")
def rates():
    return alarms.suite_rates(RESAMPLES)


def test_the_whole_suite_fails_a_sound_model_under_one_master_seed_in_a_hundred_at_most(rates):
    assert len(rates) >= 40, "every stochastic claim with a calibration is judged"
    assert alarms.suite_bound(rates) <= alarms.SUITE_TARGET, alarms.text(rates)


def test_no_claim_is_judged_against_seeds_it_measured(rates):
    for rate in rates:
        assert rate.seeds + rate.reference == len(alarms.calibration_files.load(rate.claim).data["runs"])
        assert rate.reference >= alarms.HELD_OUT_MIN


def test_a_rule_that_fails_sound_models_shows_up(monkeypatch):
    """The command has teeth: a sign test at 0.5 on the claims' own seeds fails sound models often."""
    from reproductions.suite import judge

    monkeypatch.setattr(judge, "MEDIAN_ALPHA", 0.5)
    noisy = alarms.suite_rates(50, ids={"xor.keras.h32_epochs", "lcd.linreg5.acc_after_5_steps"})
    assert alarms.suite_bound(noisy) > 0.2


def test_the_command_prints_per_claim_rates_and_the_suite_bound(capsys):
    assert main(["false-alarms", "xnor.train.final_loss", "--resamples", "20"]) == 0
    out = capsys.readouterr().out
    assert "xnor.train.final_loss" in out and "whole suite, one master seed: at most" in out


@pytest.mark.parametrize("args, message", [(["false-alarms", "nope"], "unknown claim id"),
                                           (["false-alarms", "--resamples", "0"], "--resamples")])
def test_the_command_refuses_bad_input_in_one_line(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
