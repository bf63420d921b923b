"""Findings and what every check is given (the rules themselves: ``registry.py``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content.model import Segment
from ..glossary.matcher import TermIndex
from ..glossary.model import Glossary
from ..text.urls import find_urls
from .registry import RULES

if TYPE_CHECKING:
    from ..content.model import Text
    from ..glossary.matcher import TermHit
    from ..tm.store import Store


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    lang: str | None = None
    segment: str | None = None
    suggestion: str | None = None
    context: str | None = None   # the line of text the finding is in (for people)
    start: int | None = None     # offsets of the finding within ``context``
    end: int | None = None

    def as_json(self) -> dict:
        # the fields are plain values: a shallow copy (dataclasses.asdict deep-copies, slowly)
        d = dict(self.__dict__)
        for k in ("context", "start", "end"):
            d.pop(k)
        return d


#: functions (context, segment, lang, hits) -> the hits that are uses of their concept there; a check
#: family registers one when imported (checks/context.py), so this model imports no family
HIT_FILTERS: list = []


@dataclass
class Context:
    """What a check sees: the file, its segments, the glossary and its index."""

    path: str
    segments: list[Segment]
    glossary: Glossary
    index: TermIndex
    document: object | None = None
    tm: Store | None = None
    monolingual: bool = False    # a text in one language only: pair checks do not run
    date: str | None = None      # the document's date (ISO), from --date or the configuration
    register: str | None = None  # policy | technical (--register, the configuration); else by document kind
    _hits: dict = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)   # what a check works out once per document, by its key
    _positions: dict[int, int] = field(default_factory=dict)

    def position(self, seg: Segment) -> int:
        """Where ``seg`` stands in ``segments`` (0 for a segment that is not there)."""
        if not self._positions:
            self._positions.update((id(s), i) for i, s in enumerate(self.segments))
        return self._positions.get(id(seg), 0)

    def hits(self, seg: Segment, lang: str) -> list[TermHit]:
        """Term hits in a segment's plain text, computed once per segment and language."""
        key = (id(seg), lang)
        found: list[TermHit] | None = self._hits.get(key)     # asked by every check of every segment
        if found is not None:
            return found
        if len(self.segments) >= 50 and (None, lang) not in self._hits:
            # a long file: every segment's terms in one pass (TermIndex.find_many)
            self._hits[None, lang] = True
            texts = [seg.text(lang) for seg in self.segments]
            many = self.index.find_many([t.plain if t else "" for t in texts], lang)
            for s, t, hits in zip(self.segments, texts, many, strict=True):
                self._hits[id(s), lang] = self._in_context(s, lang, self._outside_urls(t, hits))
        if key not in self._hits:
            text = seg.text(lang)
            self._hits[key] = self._in_context(
                seg, lang, self._outside_urls(text, self.index.find(text.plain, lang) if text else []))
        kept: list[TermHit] = self._hits[key]
        return kept

    def _in_context(self, seg: Segment, lang: str, hits: list[TermHit]) -> list[TermHit]:
        """Hits that are uses of their concept here: each filter of ``HIT_FILTERS`` (checks/context.py
        registers one: domain names, context rules) keeps or drops them."""
        for keep in HIT_FILTERS:
            if not hits:
                break
            hits = keep(self, seg, lang, hits)
        return hits

    @staticmethod
    def _outside_urls(text: Text | None, hits: list[TermHit]) -> list[TermHit]:
        if hits and text is not None and (":" in text.plain or "@" in text.plain):
            links = find_urls(text.plain)  # a term inside a URL is not a use of the term
            hits = [h for h in hits if not any(s < h.end and h.start < e for s, e, _ in links)]
        return hits

    def finding(self, rule: str, seg: Segment, lang: str | None, start: int, end: int, message: str,
                suggestion: str | None = None) -> Finding:
        """A finding at plain-text [start, end) of ``seg``'s text in ``lang``, located in the file."""
        text = seg.text(lang) if lang else None
        where = text.locate(start, end) if text is not None else None
        if where is None:
            for other in ("en", "ja"):
                t = seg.text(other)
                if t is not None and t.positions:
                    line, col = t.positions[0]
                    where = (line, col, line, col + 1)
                    break
            else:
                where = (seg.line or 1, 1, seg.line or 1, 1)
        context = start_ctx = end_ctx = None
        if text is not None:
            context, start_ctx, end_ctx = text.plain, start, end
        return Finding(rule, RULES[rule].severity, message, self.path, *where, lang=lang, segment=seg.id,
                       suggestion=suggestion, context=context, start=start_ctx, end=end_ctx)


def plain_of(seg: Segment, lang: str) -> str:
    """The plain text of ``seg`` in ``lang``, which it has (asked where a hit was found in it)."""
    text = seg.text(lang)
    assert text is not None, f"segment {seg.id!r} has no {lang} text"
    return text.plain
