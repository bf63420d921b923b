"""Find terms by EN or JA text: exact (normalised), then fuzzy (rapidfuzz)."""
from __future__ import annotations

from .model import Glossary, Term


def _key(text: str) -> str:
    from ..text.normalize import normalize_ja

    return normalize_ja(text.strip()).text.casefold()


def lookup(glossary: Glossary, query: str, limit: int = 5, min_score: float = 70,
           lang: str | None = None) -> list[tuple[float, Term]]:
    """(score, term) best first; exact matches (after width/case normalisation) score 100 and come alone."""
    terms = list(glossary.terms(lang))
    key = _key(query)
    keys = [_key(t.text) for t in terms]
    exact = [(100.0, t) for t, k in zip(terms, keys, strict=True) if k == key]
    if exact:
        return exact
    from rapidfuzz import fuzz, process

    found = process.extract(key, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=min_score)
    return [(score, terms[i]) for _, score, i in found]
