"""Start-up of `bilingual check FILE` against bare Python, paired in one run (issue 14: ≤ +100 ms).

    python bench/startup_paired.py [FILE] [--pairs 15] [--exe PATH/TO/bilingual] [--against PATH/TO/bilingual]

Runs `python -c pass` and `bilingual check FILE` alternately (bare, check; check, bare; … the order
flips every pair so that neither always runs first), PAIRS times each, after two warm-up runs of each
(bytecode and glossary caches filled). ``--against`` adds another install's `bilingual check FILE`
(say, a venv of main) to every round, so that both versions see the same load. Each child's CPU time
(user + system) is read from its own resource usage (os.wait4), wall time around the spawn.
Prints median and p95 CPU and wall for both,
and the median of the per-pair differences. The Python is the one that runs this script (use the
venv's), the `bilingual` next to it unless --exe is given. Without FILE a one-paragraph joint
statement is written to a temporary folder and checked.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

#: the small content file checked (one paragraph)
SMALL = Path(__file__).parent / "data" / "startup-small.yaml"


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, exit code) of one child, its output thrown away."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        started = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
    finally:
        os.close(devnull)
    return usage.ru_utime + usage.ru_stime, wall, os.waitstatus_to_exitcode(status)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--exe", default=os.path.join(os.path.dirname(sys.executable), "bilingual"))
    parser.add_argument("--against", metavar="EXE", help="another `bilingual` to run in the same rounds")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    path = args.file or SMALL
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "bilingual check": [args.exe, "check", str(path)]}
    if args.against:
        commands["against: check"] = [args.against, "check", str(path)]
    for argv in commands.values():          # warm-up: bytecode, glossary cache
        for _ in range(2):
            run(argv, env)
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    codes: set[int] = set()
    names = list(commands)
    for i in range(args.pairs):
        for name in names if i % 2 == 0 else names[::-1]:
            c, w, code = run(commands[name], env)
            cpu[name].append(c)
            wall[name].append(w)
            if name != "python -c pass":
                codes.add(code)
    ms = 1000
    print(f"{args.pairs} rounds, file {args.file or SMALL.name}, "
          f"exit codes of check {sorted(codes)}, "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'command':<16} {'CPU median':>10} {'CPU p95':>8} {'wall median':>11} {'wall p95':>9}")
    for name in names:
        print(f"{name:<16} {statistics.median(cpu[name]) * ms:8.1f} ms {p95(cpu[name]) * ms:5.1f} ms "
              f"{statistics.median(wall[name]) * ms:8.1f} ms {p95(wall[name]) * ms:6.1f} ms")
    bare = names[0]
    for check in names[1:]:
        dcpu = [a - b for a, b in zip(cpu[check], cpu[bare], strict=True)]
        dwall = [a - b for a, b in zip(wall[check], wall[bare], strict=True)]
        label = "difference" if check == "bilingual check" else "diff. (against)"
        print(f"{label:<16} {statistics.median(dcpu) * ms:+8.1f} ms {p95(dcpu) * ms:+5.1f} ms "
              f"{statistics.median(dwall) * ms:+8.1f} ms {p95(dwall) * ms:+6.1f} ms   "
              "(per-pair differences from bare Python; bar: CPU ≤ +100 ms)")
    print(f"(--exe {args.exe}" + (f"; --against {args.against}" if args.against else "") + ")")


if __name__ == "__main__":
    main()
