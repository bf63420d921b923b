"""`bilingual check` on large real text, side by side with another checkout, in one run.

    python bench/check_throughput.py [--against ROOT] [--sentences 40000] [--runs 5]

The text: the first ``--sentences`` sentences of the Tanaka corpus (../shared/data/tanaka-enja,
train.en as it is; train.ja with its tokeniser's spaces removed), one sentence a paragraph (a blank
line between sentences), checked as a plain-text file in each language with the embedded glossary,
as a user would: a new process each time, ``python -P -m bilingual check --format json FILE``, run in
the version's folder with ``PYTHONPATH`` set to it (``-P``: the current folder does not come first on
``sys.path``). Versions alternate within each round. Reported: median and p95 (the largest of five
runs) CPU time (user + system, ``os.wait4``) per version and language, the paired CPU ratio (this
checkout / ``--against``), and whether the two versions gave the same findings, byte for byte.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TANAKA = ROOT.parent / "shared" / "data" / "tanaka-enja"


def corpus(folder: Path, sentences: int) -> dict[str, Path]:
    files = {}
    for lang in ("en", "ja"):
        lines = (TANAKA / f"train.{lang}").read_text(encoding="utf-8").splitlines()[:sentences]
        if lang == "ja":
            lines = [x.replace(" ", "") for x in lines]
        files[lang] = folder / f"tanaka-{lang}.txt"
        files[lang].write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return files


def run(root: Path, path: Path) -> tuple[float, float, bytes]:
    """CPU seconds, wall seconds and the JSON output of one check."""
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-P", "-m", "bilingual", "check", "--format", "json", str(path)],
                         cwd=root, env=dict(os.environ, PYTHONPATH=str(root)), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    out = p.stdout.read() if p.stdout else b""
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{root}: check failed on {path}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", type=Path, help="another checkout (e.g. git worktree add ../wt-old COMMIT)")
    ap.add_argument("--sentences", type=int, default=40000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    versions = {"new": ROOT} | ({"old": args.against.resolve()} if args.against else {})
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus(Path(tmp), args.sentences)
        cpu: dict[tuple[str, str], list[float]] = {}
        outputs: dict[tuple[str, str], bytes] = {}
        for lang, path in files.items():
            run(ROOT, path)                                   # warm-up: bytecode and the file in the page cache
            for k in range(args.runs):
                for name in (list(versions) if k % 2 == 0 else list(reversed(versions))):
                    c, _, out = run(versions[name], path)
                    cpu.setdefault((name, lang), []).append(c)
                    outputs[name, lang] = out
        for lang, path in files.items():
            mb = path.stat().st_size / 1e6
            line = f"{lang}: {mb:.2f} MB"
            for name in versions:
                xs = sorted(cpu[name, lang])
                med = statistics.median(xs)
                line += f"; {name} CPU median {med:.2f} s ({mb / med:.2f} MB/s), p95 {xs[-1]:.2f} s"
            if "old" in versions:
                ratios = [a / b for a, b in zip(cpu["new", lang], cpu["old", lang], strict=True)]
                same = outputs["new", lang] == outputs["old", lang]
                line += f"; paired ratio new/old {statistics.median(ratios):.3f} " \
                        f"({min(ratios):.3f}–{max(ratios):.3f}); same findings: {'yes' if same else 'NO'}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
