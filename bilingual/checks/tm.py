"""Checks against the translation memory: segment-inconsistent, stale-translation."""
from __future__ import annotations

from collections.abc import Iterator

from ..content.model import Segment
from .model import Context, Finding, plain_of
from .registry import rule


def _norm(s: str | None) -> str:
    return " ".join((s or "").split())


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _doc_id(ctx: Context) -> str | None:
    return getattr(ctx.document, "id", None)


@rule("stale-translation", "error", "the English changed since its Japanese was approved")
def stale_translation(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """The TM recorded the English this segment's Japanese translated; the English changed, the Japanese did not."""
    doc = _doc_id(ctx)
    if ctx.tm is None or doc is None or seg.en is None or seg.ja is None or seg.origin != "content":
        return
    rec = ctx.tm.by_segment(doc, seg.id)
    if rec is None:
        return
    if _norm(rec.raw("ja")) == _norm(seg.ja.raw) and _norm(rec.raw("en")) != _norm(seg.en.raw):
        yield ctx.finding("stale-translation", seg, "en", 0, len(seg.en.plain),
                          f"the English of '{seg.id}' changed since its Japanese was approved "
                          f"(approved English: \"{_short(rec.en or '')}\"); update the Japanese",
                          rec.raw("en"))


@rule("segment-inconsistent", "warning", "one source segment has two translations", document=True)
def segment_inconsistent(ctx: Context) -> Iterator[Finding]:
    """One EN segment with two JA translations (in the document or against the TM), and the reverse."""
    first: dict[tuple[str, str], Segment] = {}
    doc = _doc_id(ctx)
    for seg in ctx.segments:
        if seg.en is None or seg.ja is None or "segment-inconsistent" in seg.ignore:
            continue
        en, ja = _norm(seg.en.plain), _norm(seg.ja.plain)
        if not en or not ja:
            continue
        for lang, key, other_lang, other in (("en", en, "ja", ja), ("ja", ja, "en", en)):
            prior = first.get((lang, key))
            if prior is None:
                first[(lang, key)] = seg
            elif _norm(plain_of(prior, other_lang)) != other:
                theirs = plain_of(prior, other_lang)
                yield ctx.finding("segment-inconsistent", seg, other_lang, 0, len(plain_of(seg, other_lang)),
                                  f"segment '{prior.id}' has the same {lang.upper()} with a different "
                                  f"{other_lang.upper()}: \"{_short(theirs)}\"", theirs)
        if ctx.tm is None or seg.origin != "content":
            continue
        for lang, key, other_lang, other in (("en", en, "ja", ja), ("ja", ja, "en", en)):
            for tu in ctx.tm.exact(key, lang):
                approved = tu.text(other_lang)
                if not tu.approved or approved is None or (doc and (tu.doc, tu.seg) == (doc, seg.id)):
                    continue
                if _norm(approved) != other:
                    where = f"{tu.doc}/{tu.seg}" if tu.doc else f"TU {tu.id}"
                    yield ctx.finding("segment-inconsistent", seg, other_lang, 0, len(plain_of(seg, other_lang)),
                                      f"the TM's approved translation ({where}) of this {lang.upper()} differs: "
                                      f"\"{_short(approved)}\"", approved)
                    break
