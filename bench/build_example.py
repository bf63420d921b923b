"""Benchmark: build the 2024 joint statement (all three layouts), wall time.

Usage: python bench/build_example.py [--runs N]
Runs `bilingual build` as a user would (a fresh process each time), and the
same in-process to separate interpreter start-up from the work. Prints a
Markdown table for docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "templates" / "examples" / "joint-statement-2024.yaml"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "bilingual", "build", str(EXAMPLE), "-o", tmp]

        def process() -> None:
            subprocess.run(cmd, check=True, capture_output=True)

        from bilingual.cli import main as cli_main

        def in_process() -> None:
            assert cli_main(["build", str(EXAMPLE), "-o", tmp]) == 0

        in_process()  # warm imports once, as a long-lived process would be
        rows = [("`bilingual build` (new process, 3 layouts)", timed(process, args.runs)),
                ("build in-process (3 layouts, imports warm)", timed(in_process, args.runs))]
    print("| what | runs | median | p95 | bar |")
    print("|---|---|---|---|---|")
    for name, times in rows:
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"| {name} | {len(times)} | {statistics.median(times) * 1000:.0f} ms | {p95 * 1000:.0f} ms "
              "| ≤ 1 s wall |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
