"""Ranking, once for every store: candidates rescored, context matches, sort, diff, number substitution.

A store only finds candidate ids (:meth:`bilingual.tm.store.Store.candidates`,
complete for the minimum score) and exact matches; everything a user sees of
a match is decided here, so SQLite and PostgreSQL give the same top-k in the
same order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .fuzzy import CONTEXT, ROUNDING, base_score, diff, score, substitute_numbers
from .model import TU, Match

if TYPE_CHECKING:
    from .store import PostingsSource, Store


def rank_key(m: Match) -> tuple[float, bool, int, int]:
    """Best first: score, then approved, then dated, then the newest TU."""
    return (-m.score, not m.tu.approved, -(m.tu.changed is not None), -m.tu.id)


def lookup(store: Store, text: str, lang: str, limit: int = 5, min_score: float = 75.0,
           tags: list[str] | None = None, doc: str | None = None, seg: str | None = None,
           prev: str | None = None, next: str | None = None) -> list[Match]:
    """Best matches for ``text`` in ``store``: context (101), exact (100), then fuzzy down to ``min_score``.

    A context match is a 100 % match from the same document and segment id,
    or with the same previous and next English segments.
    """
    from .tokens import index_keys, units

    other = "ja" if lang == "en" else "en"
    ids = store.candidates(text, lang, min_score)
    if not index_keys(text, lang)[0]:          # a text without keys (punctuation): its exact matches, by text
        seen = set(ids)
        ids += [t.id for t in store.exact(text, lang) if t.id not in seen]
    query_units = units(text, lang)
    matches: list[Match] = []
    for tu in store.get(ids):
        source = tu.text(lang)
        if source is None or tu.text(other) is None:
            continue
        if base_score(query_units, units(source, lang)) < min_score - ROUNDING and \
                " ".join(text.split()) != " ".join(source.split()):
            continue                            # the base bounds the score from above: cheaper first
        s = score(text, source, lang, tags, tu.tags(lang))
        if s < min_score:
            continue
        kind = "fuzzy"
        if s == 100:
            kind = "exact"
            if (doc and seg and (tu.doc, tu.seg) == (doc, seg)) or (
                    prev is not None and next is not None and (tu.prev, tu.next) == (prev, next)):
                s, kind = CONTEXT, "context"
        matches.append(Match(tu, s, kind, target=tu.text(other)))
    matches.sort(key=rank_key)
    matches = matches[:limit]
    for m in matches:
        if m.kind == "fuzzy":
            m.diff = diff(text, m.tu.text(lang) or "", lang)
            sub = substitute_numbers(text, m.tu.text(lang) or "", m.target or "")
            if sub is not None:
                m.target, m.substituted = sub, True
    return matches


def concordance(store: Lookups, phrase: str, lang: str, limit: int = 20) -> list:
    """TUs whose ``lang`` text contains ``phrase`` (case-insensitive, whitespace collapsed), in id order.

    The TUs of the phrase's rarest key are read and filtered.
    """
    from .index import full_key
    from .tokens import index_keys

    keys, _ = index_keys(phrase, lang)
    needle = " ".join(phrase.split()).casefold()
    if not keys:
        return []
    source = store.postings_source()
    fk = sorted({full_key(k, lang) for k in keys})
    df = source.frequencies(fk)
    if len(df) < len(fk):
        return []
    rarest = min(fk, key=lambda k: df[k])
    ids = sorted({int(i) for i in source.postings(rarest, 0, 1 << 30)[0]})
    out = []
    for i in range(0, len(ids), 500):
        for tu in sorted(store.get(ids[i:i + 500]), key=lambda t: t.id):
            if needle in " ".join((tu.text(lang) or "").split()).casefold():
                out.append(tu)
                if len(out) >= limit:
                    return out
    return out


class Lookups:
    """What every store offers on top of :class:`bilingual.tm.store.Store`, through this module."""

    if TYPE_CHECKING:                   # each store defines these
        def postings_source(self) -> PostingsSource: ...

        def without_keys(self, norm: str, lang: str) -> list[TU]: ...

        def get(self, ids: list[int]) -> list[TU]: ...

    def lookup(self, text: str, lang: str, limit: int = 5, min_score: float = 75.0,
               tags: list[str] | None = None, doc: str | None = None, seg: str | None = None,
               prev: str | None = None, next: str | None = None) -> list[Match]:
        return lookup(cast("Store", self), text, lang, limit, min_score, tags, doc, seg, prev, next)  # a store

    def concordance(self, phrase: str, lang: str, limit: int = 20) -> list:
        return concordance(self, phrase, lang, limit)

    def candidates(self, text: str, lang: str, min_score: float) -> list[int]:
        from .index import candidates

        return candidates(self.postings_source(), text, lang, min_score)

    def exact(self, text: str, lang: str) -> list:
        """TUs whose text equals ``text``, whitespace collapsed: found through the index (same keys, same length)."""
        from .index import exact_candidates

        norm = " ".join(text.split())
        ids = exact_candidates(self.postings_source(), text, lang)
        tus = self.without_keys(norm, lang) if ids is None else sorted(self.get(ids), key=lambda t: t.id)
        return [t for t in tus if " ".join((t.text(lang) or "").split()) == norm]
