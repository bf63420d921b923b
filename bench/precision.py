"""Precision and recall of `bilingual check` on the real-text corpus (issue 11 §1).

The corpus is ``tests/corpus/real``: real EN and JA passages (``en-*.txt`` and
``ja-*.txt``, checked with ``--lang en|ja``) and real EN/JA pairs
(``pair-*.yaml``, content YAML, the pre-commit hook's input), split by source
into ``dev/`` (used while tuning) and ``test/`` (judged, not tuned on).

Every finding on the corpus is judged by hand in ``judgments.yaml``: TRUE (an
editor would act on it) or FALSE (a false alarm), with a one-line reason. A
judgment is keyed by file, rule, the characters the finding covers and the
characters around them, so it survives unrelated line shifts; its line and
column are kept for the reader.

``planted/`` holds edited copies of corpus files with realistic errors, and
``planted/key.yaml`` the answer key. A planted error is found when a finding
of its expected rule overlaps its span. Rules that do not exist yet simply
count as misses.

Usage::

    python bench/precision.py                 # both halves
    python bench/precision.py --half test     # one half
    python bench/precision.py --strict        # exit 1 if a finding is unjudged
    python bench/precision.py --template FILE # write unjudged findings as YAML to judge

Run from anywhere; the CLI runs as ``python -m bilingual check --format json``
(the same checks as the pre-commit hook, in JSON).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "real"
HALVES = ("dev", "test")
CONTEXT = 24  # characters kept on each side of a finding in its key
# "Terminology findings" (issue 11 §1): the term-* rules, new ones included, and abbreviation-undefined.
TERMINOLOGY_EXTRA = {"abbreviation-undefined"}


def is_terminology(rule: str) -> bool:
    return rule.startswith("term-") or rule in TERMINOLOGY_EXTRA


@dataclass
class Finding:
    file: str          # path relative to the corpus folder, with /
    rule: str
    severity: str
    lang: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str          # the characters the finding covers in the file
    context: str       # text with CONTEXT characters on each side (same lines only)
    message: str

    def key(self) -> tuple[str, str, str, str]:
        return (self.file, self.rule, self.text, self.context)


@dataclass
class Judgment:
    file: str
    rule: str
    line: int
    column: int
    text: str
    context: str
    verdict: bool
    reason: str
    used: bool = field(default=False)

    def key(self) -> tuple[str, str, str, str]:
        return (self.file, self.rule, self.text, self.context)


def corpus_files(root: Path, half: str) -> dict[str, list[Path]]:
    """The files of one half, grouped by how they are checked: 'en', 'ja', 'pair'."""
    folder = root / half
    return {
        "en": sorted(folder.glob("en-*.txt")),
        "ja": sorted(folder.glob("ja-*.txt")),
        "pair": sorted(folder.glob("pair-*.yaml")),
    }


def _slice(lines: list[str], line: int, col: int, end_line: int, end_col: int) -> str:
    """Characters from (line, col) to (end_line, end_col), 1-based, end exclusive."""
    if line == end_line:
        return lines[line - 1][col - 1:end_col - 1]
    parts = [lines[line - 1][col - 1:]]
    parts += lines[line:end_line - 1]
    parts.append(lines[end_line - 1][:end_col - 1])
    return "\n".join(parts)


def run_check(paths: list[Path], lang: str | None, base: Path) -> list[Finding]:
    """Run the CLI on paths (checked together) and read its JSON findings."""
    if not paths:
        return []
    cmd = [sys.executable, "-m", "bilingual", "check", "--format", "json"]
    if lang:
        cmd += ["--lang", lang]
    cmd += [str(p.relative_to(base)) for p in paths]
    proc = subprocess.run(cmd, cwd=base, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bilingual check failed ({proc.returncode}): {proc.stderr.strip()}")
    data = json.loads(proc.stdout)
    texts: dict[str, list[str]] = {}
    out = []
    for f in data["findings"]:
        rel = Path(f["path"]).as_posix()
        if rel not in texts:
            texts[rel] = (base / rel).read_text(encoding="utf-8").split("\n")
        lines = texts[rel]
        line, col = f["line"], f["column"]
        end_line, end_col = f.get("end_line", line), f.get("end_column", col)
        text = _slice(lines, line, col, end_line, end_col)
        before = lines[line - 1][max(0, col - 1 - CONTEXT):col - 1]
        after = lines[end_line - 1][end_col - 1:end_col - 1 + CONTEXT]
        out.append(Finding(rel, f["rule"], f["severity"], f.get("lang") or lang or "",
                           line, col, end_line, end_col, text, before + text + after,
                           f.get("message", "")))
    return out


def check_half(root: Path, half: str) -> list[Finding]:
    files = corpus_files(root, half)
    return (run_check(files["en"], "en", root) + run_check(files["ja"], "ja", root)
            + run_check(files["pair"], None, root))


def load_judgments(path: Path) -> list[Judgment]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for file, items in data.items():
        for j in items or []:
            verdict = j["verdict"]
            if not isinstance(verdict, bool):
                raise SystemExit(f"{path}: {file}: verdict must be true or false, not {verdict!r}")
            out.append(Judgment(file, j["rule"], j.get("line", 0), j.get("column", 0),
                                j["text"], j["context"], verdict, j.get("reason", "")))
    return out


def match(findings: list[Finding], judgments: list[Judgment]) -> tuple[
        list[tuple[Finding, Judgment]], list[Finding], list[Judgment]]:
    """Pair findings with judgments by key (in order when a key repeats)."""
    pool: dict[tuple, list[Judgment]] = defaultdict(list)
    for j in judgments:
        j.used = False
        pool[j.key()].append(j)
    pairs, unjudged = [], []
    for f in findings:
        cands = pool.get(f.key())
        if cands:
            j = min(cands, key=lambda j: (abs(j.line - f.line), abs(j.column - f.column)))
            cands.remove(j)
            j.used = True
            pairs.append((f, j))
        else:
            unjudged.append(f)
    stale = [j for j in judgments if not j.used]
    return pairs, unjudged, stale


# --- planted errors ---------------------------------------------------------------------------

@dataclass
class Planted:
    id: str
    file: str           # relative to planted/, e.g. dev/ja-01-qst-greeting.txt
    text: str
    occurrence: int
    rules: list[str]
    cls: str
    line: int = 0
    column: int = 0
    end_column: int = 0


def load_key(root: Path) -> list[Planted]:
    data = yaml.safe_load((root / "planted" / "key.yaml").read_text(encoding="utf-8"))
    out = []
    for e in data["errors"]:
        rules = e["rule"] if isinstance(e["rule"], list) else [e["rule"]]
        p = Planted(e["id"], e["file"], e["text"], e.get("occurrence", 1), rules, e["class"])
        lines = (root / "planted" / p.file).read_text(encoding="utf-8").split("\n")
        seen = 0
        for n, s in enumerate(lines, 1):
            start = 0
            while (i := s.find(p.text, start)) >= 0:
                seen += 1
                if seen == p.occurrence:
                    p.line, p.column, p.end_column = n, i + 1, i + 1 + len(p.text)
                    break
                start = i + 1
            if p.line:
                break
        if not p.line:
            raise SystemExit(f"planted/key.yaml: {p.id}: {p.text!r} (occurrence {p.occurrence}) "
                             f"is not in planted/{p.file}")
        out.append(p)
    return out


def _overlaps(f: Finding, p: Planted) -> bool:
    start, end = (f.line, f.column), (f.end_line, max(f.end_column, f.column + 1))
    return start < (p.line, p.end_column) and (p.line, p.column) < end


def recall(root: Path, half: str | None = None) -> tuple[list[Planted], list[Planted], list[Finding]]:
    """Planted errors found and missed (of one half, or all), and every finding on the copies."""
    key = load_key(root)
    if half:
        key = [p for p in key if p.file.startswith(half + "/")]
    base = root / "planted"
    findings: list[Finding] = []
    for h in HALVES:
        if half and h != half:
            continue
        files = corpus_files(base, h)
        findings += (run_check(files["en"], "en", base) + run_check(files["ja"], "ja", base)
                     + run_check(files["pair"], None, base))
    by_file = defaultdict(list)
    for f in findings:
        by_file[f.file].append(f)
    found, missed = [], []
    for p in key:
        hit = any(f.rule in p.rules and _overlaps(f, p) for f in by_file[p.file])
        (found if hit else missed).append(p)
    return found, missed, findings


# --- report -----------------------------------------------------------------------------------

def _ratio(t: int, n: int) -> str:
    return f"{t / n:.3f} ({t}/{n})" if n else "— (0/0)"


def report(root: Path, halves: list[str], strict: bool, template: Path | None) -> int:
    judgments = load_judgments(root / "judgments.yaml")
    all_unjudged: list[Finding] = []
    all_findings: list[Finding] = []
    for half in halves:
        findings = check_half(root, half)
        all_findings += findings
        judged = [j for j in judgments if j.file.startswith(half + "/")]
        pairs, unjudged, stale = match(findings, judged)
        all_unjudged += unjudged
        print(f"\n== {half} half: {len(findings)} findings, {len(pairs)} judged, "
              f"{len(unjudged)} unjudged, {len(stale)} stale judgments ==")
        per: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        err, term = [0, 0], [0, 0]
        for f, j in pairs:
            cell = per[(f.rule, f.lang)]
            cell[0] += j.verdict
            cell[1] += 1
            if f.severity == "error":
                err[0] += j.verdict
                err[1] += 1
            if is_terminology(f.rule):
                term[0] += j.verdict
                term[1] += 1
        print(f"{'rule':26} {'lang':4} {'severity':8} precision")
        sev = {f.rule: f.severity for f, _ in pairs}
        for (rule, lang), (t, n) in sorted(per.items()):
            print(f"{rule:26} {lang:4} {sev[rule]:8} {_ratio(t, n)}")
        print(f"precision at error severity: {_ratio(*err)}")
        print(f"precision of terminology findings (term-*, abbreviation-undefined): {_ratio(*term)}")
        tp = sum(j.verdict for _, j in pairs)
        print(f"precision of all findings: {_ratio(tp, len(pairs))}")
        for f in unjudged:
            print(f"UNJUDGED {f.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.text!r}")
        for j in stale:
            print(f"STALE {j.file}:{j.line}:{j.column}: {j.rule} {j.text!r} (no such finding)")
        found, missed, _ = recall(root, half)
        per_cls: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for p in found:
            per_cls[p.cls][0] += 1
            per_cls[p.cls][1] += 1
        for p in missed:
            per_cls[p.cls][1] += 1
        print(f"recall on planted errors: {_ratio(len(found), len(found) + len(missed))}")
        for cls, (t, n) in sorted(per_cls.items()):
            print(f"  {cls:34} {_ratio(t, n)}")
    if template:
        data: dict[str, list[dict]] = defaultdict(list)
        for f in all_unjudged:
            data[f.file].append({"rule": f.rule, "line": f.line, "column": f.column, "text": f.text,
                                 "context": f.context, "severity": f.severity,
                                 "message": f.message, "verdict": None, "reason": ""})
        template.write_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False,
                                           width=1000), encoding="utf-8")
        print(f"\nwrote {sum(len(v) for v in data.values())} unjudged findings to {template}")
    if strict and all_unjudged:
        print(f"\n{len(all_unjudged)} unjudged finding(s): judge them in {root / 'judgments.yaml'}",
              file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=HALVES, help="one half only (default: both)")
    ap.add_argument("--strict", action="store_true", help="exit 1 if any finding is unjudged")
    ap.add_argument("--template", type=Path, help="write the unjudged findings to this YAML file")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    halves = [args.half] if args.half else list(HALVES)
    return report(args.corpus, halves, args.strict, args.template)


if __name__ == "__main__":
    sys.exit(main())
