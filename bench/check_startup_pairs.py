"""`bilingual check FILE` start-up on two or more checkouts, run in turn so that each sees the same load.

    python bench/check_startup_pairs.py FILE 30 main=/path/to/main branch=.

Each NAME=DIR runs the installed `bilingual` with PYTHONPATH=DIR (bytecode written and cached);
prints the median and minimum wall time and CPU time (user + system, from os.times) per checkout.
The console script imports ``bilingual.__main__``; in a checkout older than that entry point the module
runs the CLI as it is imported, so old and new checkouts compare alike. Against bare Python, paired,
with each child's own CPU time: ``bench/startup_paired.py``.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    path, pairs = sys.argv[1], int(sys.argv[2])
    variants = [arg.split("=", 1) for arg in sys.argv[3:]]
    exe = os.path.join(os.path.dirname(sys.executable), "bilingual")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    wall: dict[str, list[float]] = {name: [] for name, _ in variants}
    cpu: dict[str, list[float]] = {name: [] for name, _ in variants}
    for _, code in variants:                       # fill the bytecode and glossary caches
        subprocess.run([exe, "check", path], env=dict(env, PYTHONPATH=code), capture_output=True)
    for _ in range(pairs):
        for name, code in variants:
            before, started = os.times(), time.perf_counter()
            subprocess.run([exe, "check", path], env=dict(env, PYTHONPATH=code), capture_output=True)
            wall[name].append(time.perf_counter() - started)
            after = os.times()
            cpu[name].append(after.children_user - before.children_user
                             + after.children_system - before.children_system)
    for name, _ in variants:
        print(f"{name:12} wall median {statistics.median(wall[name]) * 1000:6.1f} ms, min "
              f"{min(wall[name]) * 1000:6.1f} ms; CPU median {statistics.median(cpu[name]) * 1000:6.1f} ms, "
              f"min {min(cpu[name]) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
