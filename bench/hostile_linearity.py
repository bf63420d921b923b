"""Checking time on hostile text: 8× the text should cost about 8× the time, not 64×.

    python bench/hostile_linearity.py [--small 3000] [--factor 8]

Each pattern of tests/test_hostile_content.py (``HOSTILE_UNITS``) is repeated
to ``--small`` characters and to ``--factor`` times that, parsed as inline
Markdown and run through every check as one segment; the best of two runs of
each is printed with the ratio. A ratio near the factor is linear; near its
square, quadratic. (Moved here from the test suite: tests assert behaviour,
not time. Five quadratic paths were found this way and fixed: the e-mail
pattern, footnote references, URL spans in the style checks, claimed spans in
the number checks, bracket pairs.)
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def check_time(unit: str, n: int, session) -> float:
    from test_hostile_content import _check

    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        _check(unit, n, session)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    from test_hostile_content import HOSTILE_UNITS

    from bilingual.app.session import Options, Session

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=3000)
    ap.add_argument("--factor", type=int, default=8)
    args = ap.parse_args()
    session = Session(Options())
    check_time(HOSTILE_UNITS[0], 500, session)              # warm up (lazy imports, caches)
    worst = 0.0
    print(f"{'pattern':<16} {'small s':>9} {'large s':>9} {'ratio':>7}")
    for unit in HOSTILE_UNITS:
        small = check_time(unit, args.small, session)
        large = check_time(unit, args.small * args.factor, session)
        ratio = large / max(small, 0.005)
        worst = max(worst, ratio)
        print(f"{repr(unit)[1:15]:<16} {small:9.4f} {large:9.4f} {ratio:7.1f}")
    print(f"worst ratio {worst:.1f} for {args.factor}x the text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
