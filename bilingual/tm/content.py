"""Between documents and the TM: harvest approved pairs, pre-translate, look up segments."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..content.model import Document, Segment, Text
from .model import PROP_DOCUMENT, PROP_NEXT, PROP_PREV, PROP_SEGMENT, Match, Unit


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


def _neighbours(segments: list[Segment], i: int) -> tuple[str | None, str | None]:
    prev = segments[i - 1].en.plain if i > 0 and segments[i - 1].en is not None else None
    nxt = segments[i + 1].en.plain if i + 1 < len(segments) and segments[i + 1].en is not None else None
    return prev, nxt


def harvest_units(doc: Document, date: _dt.datetime | None = None) -> list[Unit]:
    """The document's approved pairs (segments with EN and JA from the content) as TUs with context."""
    from ..formats.tmx import unit_xml

    stamp = (date or _dt.datetime.now(_dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    segments = list(doc.segments())
    out: list[Unit] = []
    for i, seg in enumerate(segments):
        if seg.en is None or seg.ja is None or seg.origin != "content" or not seg.en.plain.strip():
            continue
        _refuse_non_xml(doc, seg)
        prev, nxt = _neighbours(segments, i)
        props = {PROP_DOCUMENT: doc.id, PROP_SEGMENT: seg.id}
        if prev is not None:
            props[PROP_PREV] = prev
        if nxt is not None:
            props[PROP_NEXT] = nxt
        xml = unit_xml(pieces(seg.en), pieces(seg.ja), props, stamp, tuid=f"{doc.id}/{seg.id}")
        out.append(Unit(xml, seg.en.plain, seg.ja.plain,
                        seg.en.raw if seg.en.raw != seg.en.plain else None,
                        seg.ja.raw if seg.ja.raw != seg.ja.plain else None,
                        doc.id, seg.id, prev, nxt, stamp, True, tags(seg.en), tags(seg.ja)))
    return out


def _refuse_non_xml(doc: Document, seg) -> None:
    """A pair with a character XML cannot hold (a control character, U+FFFE…) is refused where it stands:
    stored, it would be exported as a TMX that no reader, ours included, accepts."""
    from ..io.errors import InputError
    from ..io.xmlsafe import NOT_XML

    for text in (seg.en, seg.ja):
        m = NOT_XML.search(text.plain)
        if m:
            where = text.locate(m.start(), m.end())
            line, col = (where[0], where[1]) if where else (seg.line or 1, 1)
            raise InputError(str(doc.path), line, col, f"U+{ord(m.group(0)):04X} cannot be stored in a TMX: "
                                                      "delete it (hidden-character), then harvest")


@dataclass
class Pretranslation:
    """What the TM did for a document: segments filled (context/exact) and fuzzy suggestions."""

    filled: list[tuple[Segment, Match]] = field(default_factory=list)
    suggested: list[tuple[Segment, Match]] = field(default_factory=list)


def lookup_segment(store, doc: Document, segments: list[Segment], i: int, limit: int = 3,
                   min_score: float = 75.0) -> list[Match]:
    seg = segments[i]
    prev, nxt = _neighbours(segments, i)
    return store.lookup(seg.en.plain, "en", limit=limit, min_score=min_score, tags=tags(seg.en),
                        doc=doc.id, seg=seg.id, prev=prev, next=nxt)


def pretranslate(doc: Document, store, footnote_labels: set[str] | None = None) -> Pretranslation:
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
