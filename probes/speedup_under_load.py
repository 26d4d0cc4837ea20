"""xnor.fast.speedup alone and beside outside CPU hogs (busy-looping processes, one per core asked):
the same measurement the claim runs (median of its paired rounds, with the rounds' range), to show how
much margin over the post's 200x a loaded machine leaves. Run: python probes/speedup_under_load.py 0 1 2
(the numbers of hogs, one measurement each, in that order)."""

import multiprocessing
import os
import sys
import time

from reproductions.posts.xnor.measure import speedup
from reproductions.suite.registry import REGISTRY


def busy():
    while True:
        pass


def measure_beside(hogs):
    workers = [multiprocessing.Process(target=busy, daemon=True) for _ in range(hogs)]
    for worker in workers:
        worker.start()
    try:
        start = time.perf_counter()
        out = speedup(0)
        return out, time.perf_counter() - start
    finally:
        for worker in workers:
            worker.terminate()


if __name__ == "__main__":
    bar = REGISTRY["xnor.fast.speedup"].documented["speedup"]
    print(f"{os.cpu_count()} cores; seed 0; the claim's bar: {bar}x (post)")
    print("hogs  session median (rounds' min-max)  tf2 median  rounds  wall")
    for hogs in [int(h) for h in sys.argv[1:] or ["0", "1", "2"]]:
        out, wall = measure_beside(hogs)
        print(
            f"{hogs:4d}  {out['speedup_session']:7.1f}x ({out['speedup_session_min']:.1f}-{out['speedup_session_max']:.1f})"
            f"{'':14s}{out['speedup_tf2']:7.0f}x  {out['timing_rounds']:6d}  {wall:.0f} s",
            flush=True,
        )
