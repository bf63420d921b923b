"""Between documents and the TM: pre-translate, look up segments (harvest: ``app/tm.py``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.model import Document, Segment, Text
from .model import Match

if TYPE_CHECKING:
    from .store import Store


def pieces(text: Text) -> list[tuple[bool, str]]:
    """A segment's Markdown as (is_code, text) pieces: markup characters are codes, the rest text."""
    covered = set(text.plain_to_raw)
    out: list[tuple[bool, str]] = []
    for i, ch in enumerate(text.raw):
        code = i not in covered
        if out and out[-1][0] == code:
            out[-1] = (code, out[-1][1] + ch)
        else:
            out.append((code, ch))
    return out


def tags(text: Text | None) -> list[str]:
    """The inline tags a segment would carry in TMX (one ``ph`` per markup run)."""
    return ["ph" for code, _ in pieces(text) if code] if text is not None else []


def neighbours(segments: list[Segment], i: int) -> tuple[str | None, str | None]:
    before = segments[i - 1].en if i > 0 else None
    after = segments[i + 1].en if i + 1 < len(segments) else None
    prev = before.plain if before is not None else None
    nxt = after.plain if after is not None else None
    return prev, nxt


@dataclass
class Pretranslation:
    """What the TM did for a document: segments filled (context/exact) and fuzzy suggestions."""

    filled: list[tuple[Segment, Match]] = field(default_factory=list)
    suggested: list[tuple[Segment, Match]] = field(default_factory=list)


def lookup_segment(store: Store, doc: Document, segments: list[Segment], i: int, limit: int = 3,
                   min_score: float = 75.0) -> list[Match]:
    seg = segments[i]
    assert seg.en is not None                   # looked up: a segment with English
    prev, nxt = neighbours(segments, i)
    return store.lookup(seg.en.plain, "en", limit=limit, min_score=min_score, tags=tags(seg.en),
                        doc=doc.id, seg=seg.id, prev=prev, next=nxt)


def pretranslate(doc: Document, store: Store, footnote_labels: set[str] | None = None) -> Pretranslation:
    """Fill segments without JA from a context or 100 % match; fuzzy matches become suggestions only."""
    from ..content.inline import InlineError, parse_inline

    labels = footnote_labels if footnote_labels is not None else set(doc.footnotes)
    result = Pretranslation()
    segments = list(doc.segments())
    for i, seg in enumerate(segments):
        if seg.ja is not None or seg.en is None or not seg.en.plain.strip():
            continue
        matches = [m for m in lookup_segment(store, doc, segments, i) if m.tu.approved]
        best = matches[0] if matches else None
        if best is not None and best.kind in ("context", "exact") and \
                " ".join((best.tu.raw("en") or "").split()) == " ".join(seg.en.raw.split()):
            try:
                seg.ja = parse_inline(best.tu.raw("ja") or "", labels)
            except InlineError:
                seg.ja = None
            if seg.ja is not None:
                seg.origin = "tm-context" if best.kind == "context" else "tm-exact"
                result.filled.append((seg, best))
                continue
        result.suggested.extend((seg, m) for m in matches[:1])
    return result
