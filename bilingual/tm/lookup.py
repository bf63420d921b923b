"""Ranking, once for every store: a query's best matches, as DESIGN.md §4.6 scores them.

A store (:class:`bilingual.tm.store.TMStore`) gives candidates and TUs; this module scores them, promotes
an exact match in the same document segment or between the same neighbours to a context match (101),
sorts, and for fuzzy matches adds the word diff and substitutes numbers that differ.
"""
from __future__ import annotations

from .fuzzy import CONTEXT, diff, score, substitute_numbers
from .model import Match
from .store import TMStore


def lookup(store: TMStore, text: str, lang: str, limit: int = 5, min_score: float = 75.0,
           tags: list[str] | None = None, doc: str | None = None, seg: str | None = None,
           prev: str | None = None, next: str | None = None) -> list[Match]:
    """Best matches, best first: context (101), exact (100), then fuzzy down to ``min_score``; ties go to
    approved, dated and newer TUs."""
    other = "ja" if lang == "en" else "en"
    ids = store.candidates(text, lang, min_score)
    seen = set(ids)
    ids += [t.id for t in store.exact(text, lang) if t.id not in seen]
    matches: list[Match] = []
    for tu in store.get(ids):
        source = tu.text(lang)
        if source is None or tu.text(other) is None:
            continue
        s = score(text, source, lang, tags, tu.tags(lang))
        if s < min_score:
            continue
        kind = "fuzzy"
        if s == 100:
            kind = "exact"
            if (doc and seg and (tu.doc, tu.seg) == (doc, seg)) or (
                    prev is not None and next is not None and (tu.prev, tu.next) == (prev, next)):
                s, kind = CONTEXT, "context"
        m = Match(tu, s, kind, target=tu.text(other))
        matches.append(m)
    matches.sort(key=lambda m: (-m.score, not m.tu.approved, -(m.tu.changed is not None), -m.tu.id))
    matches = matches[:limit]
    for m in matches:
        if m.kind == "fuzzy":
            m.diff = diff(text, m.tu.text(lang) or "", lang)
            sub = substitute_numbers(text, m.tu.text(lang) or "", m.target or "")
            if sub is not None:
                m.target, m.substituted = sub, True
    return matches
