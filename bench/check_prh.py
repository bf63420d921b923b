"""`bilingual check` side by side with textlint + textlint-rule-prh: the same 200 rules, the same 5 MiB of Japanese.

    python bench/check_prh.py [--mib 5] [--runs 3]

* Text: the Tanaka corpus's Japanese (../shared/data/tanaka-enja/train.ja, spaces
  removed), one sentence a paragraph (a blank line between sentences, so that both
  tools see the same paragraphs), repeated to the size asked for; every fifth
  sentence has one rule's pattern appended, so every rule has hits.
* Rules: 200 pairs generated from the text itself: the most frequent two- and
  three-kanji strings, kept only when no rule's pattern ends with the start of
  another's (so that no two hits can overlap and leftmost-longest matching has
  nothing to choose between), each with its reversal as the expected term (a
  string the text never contains). The same list is written twice: as a prh
  file (``expected``/``pattern``) for textlint, and as a bilingual glossary
  (one concept per rule: the expected term preferred, the pattern deprecated).
* textlint 15 and textlint-rule-prh 6 are installed from the npm registry into
  bench/.prh/ (ignored by git) on the first run.
* Both run as a user would: one new process over the file, JSON output. The
  findings are compared as sets of (line, UTF-16 column, expected term).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "tanaka-enja" / "train.ja"
WORK = ROOT / "bench" / ".prh"
PACKAGES = ["textlint@15", "textlint-rule-prh@6"]
KANJI = re.compile(r"[\u4e00-\u9fff]{2,3}")


def corpus_lines() -> list[str]:
    return [x.replace(" ", "") for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]


def make_rules(lines: list[str], n: int = 200) -> list[tuple[str, str]]:
    """(pattern, expected) pairs: frequent kanji strings whose hits cannot overlap."""
    counts: collections.Counter[str] = collections.Counter()
    for line in lines:
        for run in re.findall(r"[\u4e00-\u9fff]+", line):
            for k in (2, 3):
                for i in range(len(run) - k + 1):
                    counts[run[i:i + k]] += 1
    text = "\n".join(lines)
    chosen: list[str] = []
    starts: set[str] = set()     # every prefix of a chosen pattern
    ends: set[str] = set()       # every suffix
    for word, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(chosen) == n:
            break
        pre = {word[:i] for i in range(1, len(word))}
        suf = {word[i:] for i in range(1, len(word))}
        if pre & ends or suf & starts or pre & suf or word[::-1] in text or word[::-1] == word:
            continue
        if any(word in c or c in word for c in chosen):
            continue
        chosen.append(word)
        starts |= pre
        ends |= suf
    return [(w, w[::-1]) for w in chosen]


def make_text(lines: list[str], rules: list[tuple[str, str]], mib: float) -> list[str]:
    want = int(mib * 1024 * 1024)
    out: list[str] = []
    size = 0
    k = 0
    while size < want:
        for line in lines:
            if k % 5 == 0:
                line += rules[(k // 5) % len(rules)][0]
            k += 1
            out.append(line)
            size += len(line.encode("utf-8")) + 2
            if size >= want:
                break
    return out


def write_inputs(rules, paragraphs) -> tuple[Path, Path, Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    prh = WORK / "prh.yml"
    prh.write_text("version: 1\nrules:\n" + "".join(
        f"  - expected: {e}\n    pattern: {p}\n" for p, e in rules), encoding="utf-8")
    (WORK / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}),
                                           encoding="utf-8")
    glossary = WORK / "rules.yaml"
    glossary.write_text("concepts:\n" + "".join(
        f"- id: rule-{i:03d}\n  ja:\n  - {{term: {e}, status: preferred}}\n  - {{term: {p}, status: deprecated}}\n"
        for i, (p, e) in enumerate(rules)), encoding="utf-8")
    text = WORK / "corpus.txt"
    text.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return prh, glossary, text


def ensure_textlint() -> Path:
    binary = WORK / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        if not (WORK / "package.json").exists():
            (WORK / "package.json").write_text('{"name": "prh-bench", "private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", *PACKAGES], cwd=WORK, check=True)
    return binary


def timed(cmd: list[str], env=None) -> tuple[float, str]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=WORK)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def prh_findings(out: str) -> set[tuple[int, int, str]]:
    found = set()
    for f in json.loads(out):
        for m in f["messages"]:
            expected = m["message"].split("=>", 1)[1].strip()
            found.add((m["line"], m["column"], expected))
    return found


def bilingual_findings(out: str) -> set[tuple[int, int, str]]:
    data = json.loads(out)
    items = data["findings"] if isinstance(data, dict) else data
    return {(f["line"], f.get("column_utf16", f["column"]), f["suggestion"]) for f in items}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mib", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3, help="runs of each tool (the median is reported)")
    args = ap.parse_args()
    lines = corpus_lines()
    rules = make_rules(lines)
    paragraphs = make_text(lines, rules, args.mib)
    _prh, glossary, text = write_inputs(rules, paragraphs)
    size = text.stat().st_size
    print(f"{len(rules)} rules; text {size / 2**20:.2f} MiB, {len(paragraphs)} paragraphs")
    textlint = ensure_textlint()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bl = [sys.executable, "-c", "from bilingual.cli import main; main()", "check", "--lang", "ja",
          "-g", str(glossary), "--select", "term-forbidden", "--format", "json", str(text)]
    warm = WORK / "warm.txt"
    warm.write_text(paragraphs[0] + "\n", encoding="utf-8")
    subprocess.run([*bl[:-1], str(warm)], capture_output=True, env=env, cwd=WORK)   # bytecode and glossary caches
    tl = [str(textlint), "--config", str(WORK / ".textlintrc.json"), "--format", "json", "--no-color", str(text)]
    times = {"bilingual": [], "textlint": []}
    outs = {}
    for _ in range(args.runs):
        for name, cmd, e in (("bilingual", bl, env), ("textlint", tl, None)):
            t, out = timed(cmd, e)
            times[name].append(t)
            outs[name] = out
            print(f"  {name}: {t:.2f} s")
    ours, theirs = bilingual_findings(outs["bilingual"]), prh_findings(outs["textlint"])
    med = {k: statistics.median(v) for k, v in times.items()}
    for name in ("textlint", "bilingual"):
        print(f"{name:10} median {med[name]:7.2f} s over {args.runs} runs = {size / 2**20 / med[name]:.2f} MiB/s")
    print(f"bilingual is {med['textlint'] / med['bilingual']:.1f}x faster")
    print(f"findings: bilingual {len(ours)}, textlint+prh {len(theirs)}, in both {len(ours & theirs)}")
    for label, diff in (("only bilingual", ours - theirs), ("only textlint+prh", theirs - ours)):
        print(f"{label}: {len(diff)}")
        for line, col, exp in sorted(diff)[:10]:
            para = text.read_text(encoding="utf-8").split("\n")[line - 1]
            print(f"  {line}:{col} expected {exp}: {para[max(0, col - 6):col + 8]}")


if __name__ == "__main__":
    main()
