"""Terminology checks: term-missing, term-forbidden, term-variant, term-unverified."""
from __future__ import annotations

from typing import Iterator

from ..content.model import Segment
from ..text.normalize import normalize_ja
from .model import Context, Finding
from .registry import rule


def _suggest(ctx: Context, concept_id: str, lang: str, like_type: str | None = None) -> str | None:
    concept = ctx.glossary.concepts.get(concept_id)
    if concept is None:
        return None
    approved = [t for t in concept.terms_in(lang) if t.approved]
    for t in approved:
        if t.status == "preferred" and (like_type is None or (t.type == "acronym") == (like_type == "acronym")):
            return t.text
    best = concept.preferred(lang)
    return best.text if best else None


@rule("term-forbidden", "error", "a deprecated or superseded term is used", monolingual=True)
@rule("term-variant", "warning", "a notation variant of a preferred term is used", monolingual=True)
def forbidden_and_variants(ctx: Context, seg: Segment) -> Iterator[Finding]:
    for lang in ("en", "ja"):
        for hit in ctx.hits(seg, lang):
            term = hit.term
            if term.lang != lang:
                continue
            if term.forbidden:
                better = _suggest(ctx, term.concept, lang, term.type)
                why = f" ({term.note})" if term.note else ""
                yield ctx.finding("term-forbidden", seg, lang, hit.start, hit.end,
                                  f"'{hit.surface}' is a {term.status} term{why}"
                                  + (f"; use '{better}'" if better else ""), better)
            elif hit.variant or term.type == "variant":
                better = _suggest(ctx, term.concept, lang, term.type) if term.type == "variant" else term.text
                if better and better != hit.surface:
                    yield ctx.finding("term-variant", seg, lang, hit.start, hit.end,
                                      f"'{hit.surface}' is a notation variant of '{better}'", better)


def _rendered_inside(ctx: Context, concept_id: str, ja_copy: str) -> bool:
    """A rendering of the concept written inside a longer term (日本 in 日本国文部科学省)."""
    concept = ctx.glossary.concepts.get(concept_id)
    terms = [t for t in concept.terms if t.approved and (t.lang == "ja" or t.type == "acronym")] if concept else []
    return any(normalize_ja(t.text).text in ja_copy for t in terms)


@rule("term-missing", "error", "an EN glossary term has no approved JA rendering")
def missing(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Each EN concept needs a JA rendering: a term hit, or an approved term inside a longer one."""
    if seg.en is None or seg.ja is None:
        return
    rendered = {h.term.concept for h in ctx.hits(seg, "ja")}
    reported: set[str] = set()
    ja_copy = normalize_ja(seg.ja.plain).text
    for hit in ctx.hits(seg, "en"):
        cid = hit.term.concept
        if cid in rendered or cid in reported or _rendered_inside(ctx, cid, ja_copy):
            continue
        reported.add(cid)
        want = _suggest(ctx, cid, "ja")
        if want is None:
            continue
        yield ctx.finding("term-missing", seg, "en", hit.start, hit.end,
                          f"'{hit.surface}' has no approved Japanese rendering in the JA text; expected '{want}'",
                          want)


@rule("term-unverified", "info", "an unverified (proposed) rendering translates its concept; its note says what was checked")
def unverified(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Each use of an unverified rendering (status ``proposed``) as the translation of its concept,
    with the term's note: it satisfies term-missing, as the best rendering there is, but a reviewer
    should see it. Only where the other language names the concept: a common word such as 施設 or
    人材 in text that is not translating that concept is not a use of the glossary's rendering."""
    for lang, other in (("en", "ja"), ("ja", "en")):
        named = {h.term.concept for h in ctx.hits(seg, other)} if seg.text(other) is not None else set()
        for hit in ctx.hits(seg, lang):
            term = hit.term
            if term.lang != lang or term.forbidden or not term.unverified or term.concept not in named:
                continue
            why = f": {term.note}" if term.note else ""
            yield ctx.finding("term-unverified", seg, lang, hit.start, hit.end,
                              f"'{hit.surface}' is an unverified rendering ({term.status}){why}")
