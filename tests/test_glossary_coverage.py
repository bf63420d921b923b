"""Every row of the fact sheet (fusion-terms.md) is in the glossary; unverified rows stay marked unverified."""
from __future__ import annotations

import re

import pytest
from conftest import SHARED

SHEET = SHARED / "reference" / "fusion-terms.md"


def _key(s: str) -> str:
    return re.sub(r"[\s()（）「」*・\-–]", "", s).casefold()


def _candidates(cell: str) -> set[str]:
    """Forms a sheet cell may stand for: each alternative, with and without its parentheses."""
    cell = re.sub(r"\(judgement\)|\(historical\)|\*\*", "", cell)
    out = set()
    for part in re.split(r";|/| or |、|, e\.g\.| e\.g\.|\bvs\b| and ", cell):
        part = part.strip()
        for form in (part, re.sub(r"\(.*?\)", "", part), re.sub(r"[()]", "", part), re.sub(r"\s*\(.*$", "", part),
                     re.sub(r"^U\.S\. ", "", part)):
            if form.strip():
                out.add(_key(form))
    return out


def _rows():
    for line in SHEET.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0].isdigit():
            yield int(cells[0]), cells[1], cells[2], cells[-1]


def _concepts_of(glossary, num, en, ja):
    by_en, by_ja = {}, {}
    for t in glossary.terms():
        (by_en if t.lang == "en" else by_ja).setdefault(_key(t.text), []).append(t)
    found = {t.concept for c in _candidates(en) for t in by_en.get(c, [])}
    found |= {t.concept for c in _candidates(ja) for t in by_ja.get(c, [])}
    found |= {c.id for c in glossary.concepts.values() if re.search(rf"\brows? {num}\b", (c.note or "") + " ".join(
        t.note or "" for t in c.terms))}
    return found


def test_the_sheet_has_126_rows():
    assert len(list(_rows())) == 126


def test_every_row_is_a_concept_and_unverified_rows_are_marked(glossary):
    missing, unmarked = [], []
    for num, en, ja, status in _rows():
        concepts = _concepts_of(glossary, num, en, ja)
        if not concepts:
            missing.append(num)
        elif "U" in status and not any(t.unverified and t.note for c in concepts
                                         for t in glossary.concepts[c].terms_in("ja")):
            unmarked.append(num)
    assert missing == [] and unmarked == []


@pytest.mark.parametrize("a,b", [("原子力規制委員会", "米国原子力規制委員会"),
                                 ("核融合調整委員会", "日米核融合調整委員会")])
def test_name_collisions_are_distinct_concepts_that_say_so(glossary, a, b):
    owner = {t.text: t.concept for t in glossary.terms("ja")}
    assert owner[a] != owner[b]
    for concept in (owner[a], owner[b]):
        c = glossary.concepts[concept]
        other = b if concept == owner[a] else a
        assert other in (c.note or "") + " ".join(t.note or "" for t in c.terms)
