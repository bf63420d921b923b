"""TMX import: our streaming import into the SQLite store (index included) vs translate-toolkit's tmxfile.

Each run is a fresh process; wall time and peak RSS (ru_maxrss) come from os.wait4. Our import runs
in two processes (the store's, and a reader process it starts): the peak RSS given is the sum of both
peaks (an upper bound of what they hold at once), each also shown apart.
Usage: python bench/tm_import.py [--data DIR] [--sizes 50k,200k,1m] [--runs 3] [--peer]
(run bench/tm_data.py first).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTS = {"50k": 50_000, "200k": 200_000, "1m": 1_000_000}

OURS = """
import resource, sys
from bilingual.tm.bulk import import_tmx
from bilingual.tm.sqlite import SQLiteStore
s = SQLiteStore(sys.argv[2])
r = import_tmx(s, sys.argv[1])
assert r.added == int(sys.argv[3]), r
s.close()
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)   # the reader process's peak
"""

PEER = """
import sys
from translate.storage.tmx import tmxfile
with open(sys.argv[1], "rb") as f:
    store = tmxfile(f, sourcelanguage="en", targetlanguage="ja")
assert len(store.units) == int(sys.argv[3]), len(store.units)
"""


def run(code: str, *args: str) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, its reader process's peak RSS in MB) of a fresh Python process running ``code``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    err = p.stderr.read().decode().strip()
    if status != 0:
        raise SystemExit(f"failed: {args}: {err}")
    reader = int(err.splitlines()[-1]) / 1024 if err and err.splitlines()[-1].isdigit() else 0.0
    return elapsed, usage.ru_maxrss / 1024, reader


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("/tmp/bilingual-bench"))
    ap.add_argument("--sizes", default="50k,200k,1m")
    ap.add_argument("--runs", type=int, default=3, help="runs of each tool (alternated); the median is shown")
    ap.add_argument("--peer", action="store_true", help="also time translate-toolkit's tmxfile")
    args = ap.parse_args()
    print("| TMX | TUs | tool | wall, median (min–max) | TU/s (median) | peak RSS (largest) |")
    print("|---|---|---|---|---|---|")
    for name in args.sizes.split(","):
        tmx = args.data / f"tm-{name}.tmx"
        n = COUNTS[name]
        db = args.data / f"import-{name}.sqlite"
        ours, peer = [], []
        for _ in range(args.runs):                    # alternated, so that both see the same host
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            ours.append(run(OURS, str(tmx), str(db), str(n)))
            if args.peer:
                peer.append(run(PEER, str(tmx), "", str(n)))
        sec = statistics.median(t for t, _, _ in ours)
        rss, reader = max(((r, q) for _, r, q in ours), key=sum)
        print(f"| {name} ({tmx.stat().st_size // 1_000_000} MB) | {n:,} | bilingual → SQLite, index included "
              f"| {_spread(ours, sec)} | {n / sec:,.0f} | {rss + reader:.0f} MB ({rss:.0f} + reader {reader:.0f}) |",
              flush=True)
        if peer:
            psec = statistics.median(t for t, _, _ in peer)
            print(f"| {name} | {n:,} | translate-toolkit tmxfile (parse only) | {_spread(peer, psec)} "
                  f"| {n / psec:,.0f} | {max(r for _, r, _ in peer):,.0f} MB |", flush=True)
            print(f"(ours / translate-toolkit, median wall: {sec / psec:.2f})", flush=True)


def _spread(runs: list[tuple[float, float, float]], median: float) -> str:
    times = [t for t, _, _ in runs]
    return f"{median:.1f} s ({min(times):.1f}–{max(times):.1f})"


if __name__ == "__main__":
    main()
