"""Timing runs alone: a timed measurement waits for the trainings of other processes, and new
trainings wait for it."""

import subprocess
import sys
import time

import pytest

from reproductions.suite import machine_lock

pytestmark = pytest.mark.cpu

HOLD = """
import sys, time
from reproductions.suite import machine_lock
with machine_lock.machine(exclusive={exclusive}):
    print("held", flush=True)
    time.sleep({seconds})
    print(time.time(), flush=True)  # the last moment it surely held the lock
"""


def hold_in_child(exclusive, seconds):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD.format(exclusive=exclusive, seconds=seconds)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "held"
    return child


def released_at(child):
    return float(child.communicate(timeout=60)[0].strip())


def test_a_timed_measurement_waits_for_a_training_in_another_process():
    child = hold_in_child(exclusive=False, seconds=1.5)
    with machine_lock.machine(exclusive=True):
        acquired = time.time()
    assert acquired >= released_at(child)


def test_a_training_waits_for_a_timed_measurement_in_another_process():
    child = hold_in_child(exclusive=True, seconds=1.5)
    with machine_lock.machine(exclusive=False):
        acquired = time.time()
    assert acquired >= released_at(child)


def test_trainings_share_the_machine():
    child = hold_in_child(exclusive=False, seconds=3)
    started = time.time()
    with machine_lock.machine(exclusive=False):
        acquired = time.time()
    assert acquired - started < 2.5
    released_at(child)


def test_locks_nest_within_a_process():
    with machine_lock.machine(exclusive=True):
        with machine_lock.machine(exclusive=False):  # would wait for itself if it locked again
            pass
