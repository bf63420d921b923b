"""The real-text corpus (issue 11 §1): every finding is judged, and no false error reaches the hook.

tests/corpus/real holds excerpts of public government pages (SOURCES.md), every
finding of `bilingual check` on them judged by hand in judgments.yaml, and
planted errors with an answer key. bench/precision.py prints the figures.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "real"

_spec = importlib.util.spec_from_file_location("bench_precision", ROOT / "bench" / "precision.py")
precision = importlib.util.module_from_spec(_spec)
sys.modules["bench_precision"] = precision  # dataclasses look their module up
_spec.loader.exec_module(precision)


@pytest.fixture(scope="module")
def matched():
    findings = [f for half in precision.HALVES for f in precision.check_half(CORPUS, half)]
    judgments = precision.load_judgments(CORPUS / "judgments.yaml")
    return precision.match(findings, judgments)


def _where(f) -> str:
    return f"{f.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.text!r}"


def test_every_finding_is_judged_and_no_judgment_is_stale(matched):
    _, unjudged, stale = matched
    assert not unjudged, ("findings with no judgment (run `python bench/precision.py --template new.yaml`, "
                          "judge them, add them to judgments.yaml):\n" + "\n".join(map(_where, unjudged)))
    assert not stale, "judgments of findings that no longer occur:\n" + "\n".join(
        f"{j.file}:{j.line}:{j.column}: {j.rule} {j.text!r}" for j in stale)


def test_no_error_finding_is_a_false_alarm(matched):
    pairs, unjudged, _ = matched
    false_errors = [f for f, j in pairs if f.severity == "error" and not j.verdict]
    unjudged_errors = [f for f in unjudged if f.severity == "error"]
    assert not false_errors and not unjudged_errors, (
        "error findings judged FALSE:\n" + "\n".join(map(_where, false_errors))
        + "\nerror findings not judged:\n" + "\n".join(map(_where, unjudged_errors)))


def test_every_corpus_file_is_cited():
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    files = [p.relative_to(CORPUS).as_posix() for half in precision.HALVES
             for group in precision.corpus_files(CORPUS, half).values() for p in group]
    assert len(files) >= 30
    assert [f for f in files if f not in sources] == []


def test_no_source_file_is_in_both_halves():
    names = {half: {p.name for group in precision.corpus_files(CORPUS, half).values() for p in group}
             for half in precision.HALVES}
    assert names["dev"] and names["test"] and not names["dev"] & names["test"]


def test_planted_key_points_at_the_planted_text():
    key = precision.load_key(CORPUS)  # raises if an entry's text is not in its file
    assert len(key) >= 100
    for p in key:
        line = (CORPUS / "planted" / p.file).read_text(encoding="utf-8").split("\n")[p.line - 1]
        assert line[p.column - 1:p.end_column - 1] == p.text, p.id
