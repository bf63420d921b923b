"""Findings, the rule catalog, and what every check is given."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

from ..content.model import Segment
from ..glossary.matcher import TermIndex
from ..glossary.model import Glossary
from ..text.urls import find_urls

SEVERITIES = ("error", "warning", "info")


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


class Rule(NamedTuple):       # a named tuple: the catalog is built on every start
    name: str
    severity: str
    summary: str
    monolingual: bool = False  # needs only one language: runs on monolingual inputs too


# The catalog of DESIGN.md §4.3; checks register their functions against these names.
CATALOG: dict[str, Rule] = {r.name: r for r in (
    Rule("term-missing", "error", "an EN glossary term has no approved JA rendering"),
    Rule("term-forbidden", "error", "a deprecated or superseded term is used", True),
    Rule("term-variant", "warning", "a notation variant of a preferred term is used", True),
    Rule("term-inconsistent", "warning", "one concept is rendered by two JA terms in one document", True),
    Rule("term-unexpected", "warning", "a JA term whose concept is not in the EN"),
    Rule("segment-inconsistent", "warning", "one source segment has two translations"),
    Rule("untranslated", "error", "a segment has no Japanese"),
    Rule("same-as-source", "warning", "the Japanese equals the English"),
    Rule("number-mismatch", "error", "numbers or dates differ between EN and JA (compared by value)"),
    Rule("url-mismatch", "error", "URLs or e-mail addresses differ"),
    Rule("markup-mismatch", "error", "footnote references, links or emphasis differ"),
    Rule("ja-punctuation", "warning", "half-width punctuation in Japanese", True),
    Rule("ja-width", "warning", "half-width katakana or full-width ASCII in Japanese", True),
    Rule("whitespace", "info", "leading, trailing, double or inter-Japanese spaces", True),
    Rule("abbreviation-undefined", "warning", "an abbreviation is used before its full form", True),
    Rule("stale-translation", "error", "the English changed since its Japanese was approved"),
    # beyond DESIGN.md §4.3 (documented in docs/checks.md)
    Rule("bracket-unbalanced", "warning", "a bracket or quotation mark is not closed, or closed by the wrong one", True),
    Rule("end-punctuation", "warning", "the EN and JA segments end differently (sentence, question, none)"),
    Rule("repeated-word", "warning", "a word repeated in English, a particle doubled in Japanese", True),
    Rule("hidden-character", "error", "a zero-width, bidi-override, control or unpaired surrogate character", True),
    Rule("term-context", "error", "a term that is wrong in its context (glossary/contexts.yaml)", True),
    Rule("term-near-miss", "warning", "a span close to an official name that is none of its terms", True),
)}


@dataclass
class Context:
    """What a check sees: the file, its segments, the glossary and its index."""

    path: str
    segments: list[Segment]
    glossary: Glossary
    index: TermIndex
    document: object | None = None
    tm: object | None = None
    monolingual: bool = False    # a text in one language only: pair checks do not run
    date: str | None = None      # the document's date (ISO), from --date or the configuration
    register: str | None = None  # policy | technical (--register, the configuration); else by document kind
    _hits: dict = field(default_factory=dict)

    def hits(self, seg: Segment, lang: str):
        """Term hits in a segment's plain text, computed once per segment and language."""
        key = (id(seg), lang)
        if key not in self._hits and len(self.segments) >= 50 and (None, lang) not in self._hits:
            # a long file: every segment's terms in one pass (TermIndex.find_many)
            self._hits[None, lang] = True
            texts = [seg.text(lang) for seg in self.segments]
            found = self.index.find_many([t.plain if t else "" for t in texts], lang)
            for s, t, hits in zip(self.segments, texts, found):
                self._hits[id(s), lang] = self._in_context(s, lang, self._outside_urls(t, hits))
        if key not in self._hits:
            text = seg.text(lang)
            self._hits[key] = self._in_context(
                seg, lang, self._outside_urls(text, self.index.find(text.plain, lang) if text else []))
        return self._hits[key]

    def _in_context(self, seg: Segment, lang: str, hits):
        """Hits that are uses of their concept here (checks/context.py: domain names, context rules)."""
        if not hits:
            return hits
        from .context import in_context

        return in_context(self, seg, lang, hits)

    @staticmethod
    def _outside_urls(text, hits):
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
                    l, c = t.positions[0]
                    where = (l, c, l, c + 1)
                    break
            else:
                where = (seg.line or 1, 1, seg.line or 1, 1)
        context = start_ctx = end_ctx = None
        if text is not None:
            context, start_ctx, end_ctx = text.plain, start, end
        return Finding(rule, CATALOG[rule].severity, message, self.path, *where, lang=lang, segment=seg.id,
                       suggestion=suggestion, context=context, start=start_ctx, end=end_ctx)


SegmentCheck = Callable[[Context, Segment], Iterable[Finding]]
DocumentCheck = Callable[[Context], Iterable[Finding]]
