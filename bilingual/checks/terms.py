"""Terminology checks: term-missing, term-forbidden, term-variant, term-unverified."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..content.model import Segment
from ..text.declared import declared_names
from ..text.lazyre import lazy
from ..text.normalize import is_katakana, normalize_ja
from .model import Context, Finding, plain_of
from .registry import rule

if TYPE_CHECKING:
    from ..glossary.matcher import TermHit
    from ..glossary.model import Concept


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _suggest(ctx: Context, concept_id: str, lang: str, like_type: str | None = None,
             like_text: str | None = None) -> str | None:
    concept = ctx.glossary.concepts.get(concept_id)
    if concept is None:
        return None
    approved = [t for t in concept.terms_in(lang) if t.approved]
    if like_text is not None:       # a variant becomes the approved term spelt with its letters (US -> U.S.)
        same = [t for t in approved if _letters(t.text) == _letters(like_text)]
        same.sort(key=lambda t: t.status != "preferred")
        if same:
            return same[0].text
    for t in approved:
        if t.status == "preferred" and (like_type is None or (t.type == "acronym") == (like_type == "acronym")):
            return t.text
    best = concept.preferred(lang)
    return best.text if best else None


@rule("term-forbidden", "error", "a deprecated or superseded term is used", monolingual=True)
@rule("term-variant", "warning", "a notation variant of a preferred term is used", monolingual=True)
def forbidden_and_variants(ctx: Context, seg: Segment) -> Iterator[Finding]:
    from .context import dated_severity, document_date, register_findings, text_floor

    for lang in ("en", "ja"):
        text = seg.text(lang)
        plain = text.plain if text is not None else ""
        for hit in ctx.hits(seg, lang):
            term = hit.term
            if term.lang != lang:
                continue
            if term.forbidden:
                better = _suggest(ctx, term.concept, lang, term.type)
                why = f" ({term.note})" if term.note else ""
                severity, placed = None, ""
                if term.status == "superseded":    # correct in a text about its own time (contexts.yaml: until)
                    until = ctx.glossary.contexts.until.get((term.concept, term.text))
                    date = document_date(ctx)
                    severity, placed = dated_severity(plain, hit.start, hit.end, until, date,
                                                      floor=None if date else text_floor(ctx))
                    if severity is None:
                        continue
                    if severity == "info":
                        why = f"; historical name{why}"
                f = ctx.finding("term-forbidden", seg, lang, hit.start, hit.end,
                                f"'{hit.surface}' is a {term.status} term{why}"
                                + (f"; use '{better}'" if better and severity != "info" else "")
                                + (f"; current: '{better}'" if better and severity == "info" else "") + placed,
                                better)
                if severity is not None:
                    f.severity = severity
                yield f
            elif hit.variant or term.type == "variant":
                if term.type == "variant":
                    better = _suggest(ctx, term.concept, lang, term.type, like_text=hit.surface)
                    if better and lang == "en" and not term.proper and _plural(hit.surface, term.text) \
                            and not better.endswith("s"):
                        better += "s"       # start-ups: startups, in the number the text uses
                else:
                    better = term.text
                if better and better != hit.surface and not _layout_case(plain, hit, better) \
                        and not _paired_code(plain, hit) and not _letter_spaced(hit.surface) \
                        and hit.surface not in declared_names(plain):
                    uses = _house_style(ctx, lang, hit, better) if term.type == "variant" else None
                    if uses is not None and uses[0] != (id(seg), hit.start):
                        continue        # the document's own style: said once, at its first use
                    yield ctx.finding("term-variant", seg, lang, hit.start, hit.end,
                                      f"'{hit.surface}' is a notation variant of '{better}'"
                                      + (f" (written {uses[1]} times; never '{better}')" if uses else ""), better)
    yield from register_findings(ctx, seg)


HOUSE_STYLE = 3      # uses of an admitted variant, and never its preferred form, that make it the document's style


def _house_style(ctx: Context, lang: str, hit: TermHit, better: str) -> tuple[tuple[int, int], int] | None:
    """An admitted variant's spelling that the document writes again and again (``HOUSE_STYLE`` times, in
    any term: 'US', 'US-Japan') and the preferred spelling never ('U.S.'): its own style, as a British news
    story's. (where it is first used, how often), else None."""
    style = _style(hit.surface, better)
    if style is None:
        return None
    key = f"house-style:{lang}:{style[0]}>{style[1]}"
    if key not in ctx.memo:
        uses = [(id(s), h.start) for s in ctx.segments for h in ctx.hits(s, lang)
                if h.term.type == "variant" and _style(h.surface, _suggest(ctx, h.term.concept, lang, h.term.type,
                                                                            like_text=h.surface) or "") == style]
        written = re.compile(r"(?<![\w.])" + re.escape(style[1]) + r"(?![\w])")
        preferred = any(written.search(t.plain) for s in ctx.segments if (t := s.text(lang)) is not None)
        ctx.memo[key] = (uses[0], len(uses)) if len(uses) >= HOUSE_STYLE and not preferred else None
    found: tuple[tuple[int, int], int] | None = ctx.memo[key]
    return found


def _style(variant: str, preferred: str) -> tuple[str, str] | None:
    """The spelling that a variant changes: the first word (split at spaces and hyphens) where it differs from
    the preferred form ('US' for 'U.S.' in both 'US' and 'US-Japan'), else None."""
    for a, b in zip(re.split(r"[\s-]+", variant), re.split(r"[\s-]+", preferred), strict=False):
        if a != b:
            return a, b
    return None


def _letter_spaced(surface: str) -> bool:
    """A name set with a space after every character, as letterheads and headings are (文 部 科 学 省):
    layout, not a notation variant."""
    parts = surface.split()
    return len(parts) > 1 and all(len(p) == 1 for p in parts)


def _plural(surface: str, term: str) -> bool:
    """The surface is the term with a plural -s (start-ups for start-up)."""
    return surface.lower() == term.lower() + "s"


_CODE_PAIR = "-–‐"


def _paired_code(plain: str, hit: TermHit) -> bool:
    """A country code joined to another one in the same unpointed style (UK-US, US-EU): the text follows
    a house style that writes codes without points (UK government style), and its pair shows it."""
    got = hit.surface
    if not (got.isalpha() and got.isupper() and len(got) <= 3):
        return False
    before, after = plain[max(0, hit.start - 4):hit.start], plain[hit.end:hit.end + 4]
    left = before[-1:] in tuple(_CODE_PAIR) and _code(before[:-1][::-1])
    right = after[:1] in tuple(_CODE_PAIR) and _code(after[1:])
    return left or right


def _code(text: str) -> bool:
    """The text starts with a code of two or three capitals standing alone (UK, EU; not 'Japan')."""
    n = 0
    while n < len(text) and text[n].isupper() and text[n].isalpha():
        n += 1
    return 2 <= n <= 3 and (n == len(text) or not text[n].isalnum())


_HEADING_REACH = 600


_ORDINAL_SUFFIX = lazy(r"(?<=\d)(?:st|nd|rd|th)\b")


def _layout_case(plain: str, hit: TermHit, better: str) -> bool:
    """A name in another case only because of layout or use: an all-capitals heading line (FUSION ENERGY
    SCIENCES), or a lower-case generic description (a fusion energy sciences programme)."""
    if hit.surface.lower() != better.lower() or hit.surface == better:
        return False
    got, want = hit.surface.split(), better.split()
    if len(got) > 1 and len(got) == len(want):
        lowered = [a != b for a, b in zip(got, want, strict=True)]
        if all(a == b.lower() for a, b, d in zip(got, want, lowered, strict=True) if d):
            first = lowered.index(True)
            last = len(lowered) - 1 - lowered[::-1].index(True)
            if first == 0 or last == len(lowered) - 1:
                return True     # a description: the Broader Approach agreement, the government of Japan
    if not hit.surface.isupper():
        return False
    reach = _HEADING_REACH          # a treaty's title in capitals runs to several hundred characters
    a = plain.rfind("\n", max(0, hit.start - reach), hit.start)
    b = plain.find("\n", hit.end, hit.end + reach)
    a = a + 1 if a >= 0 else (0 if hit.start <= reach else -1)
    b = b if b >= 0 else (len(plain) if len(plain) - hit.end <= reach else -1)
    if a < 0 or b < 0:
        return False                    # a longer line is no header
    return not any(c.islower() for c in _ORDINAL_SUFFIX.sub("", plain[a:b]))   # THE 14th JOINT COMMITTEE


def _rendered_inside(ctx: Context, concept_id: str, ja_copy: str) -> bool:
    """A rendering of the concept written inside a longer term (日本 in 日本国文部科学省)."""
    concept = ctx.glossary.concepts.get(concept_id)
    terms = [t for t in concept.terms if t.approved and (t.lang == "ja" or t.type == "acronym")] if concept else []
    return any(normalize_ja(t.text).text in ja_copy for t in terms)


@rule("term-missing", "error", "an EN glossary term has no approved JA rendering")
def missing(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Each EN concept needs a JA rendering: a term hit, or an approved term inside a longer one.

    Not missing either: a concept the Japanese renders in a way that is not one of its terms but is
    listed in the glossary's context data (``also``: 日米 and 両国 for both parties, 大臣 for the ministry,
    a country through its leader). A common noun (not a name) may be paraphrased: when the Japanese
    renders a concept named inside the English term (核融合 for the 'fusion' of 'fusion energy'),
    nothing is reported, and otherwise the finding is a warning, not an error.
    """
    if seg.en is None or seg.ja is None:
        return
    ja_plain = seg.ja.plain
    rendered = {h.term.concept for h in ctx.hits(seg, "ja") if not _orphan(ja_plain, h)}
    reported: set[str] = set()
    ja_copy = normalize_ja(_without_orphans(ctx, seg)).text
    ja_written = ja_plain
    if any(word in ja_plain for word in _TITLE_REFERENCES):
        # 標記の共同声明: the statement the title names, named by reference: what the title renders counts
        title = [t for t in ctx.segments if t.role == "title" and t.ja is not None and t is not seg]
        rendered |= {h.term.concept for t in title for h in ctx.hits(t, "ja")}
        ja_copy += "\n" + "\n".join(normalize_ja(plain_of(t, "ja")).text for t in title)
        ja_written += "\n" + "\n".join(plain_of(t, "ja") for t in title)
    also, also_patterns = ctx.glossary.contexts.also, ctx.glossary.contexts.also_patterns
    for hit in ctx.hits(seg, "en"):
        cid = hit.term.concept
        if cid in rendered or cid in reported or _rendered_inside(ctx, cid, ja_copy):
            continue
        if any(_renders(ja_copy, normalize_ja(w).text) for w in also.get(cid, ())) or any(
                re.search(p, ja_written) for p in also_patterns.get(cid, ())):
            continue
        if _shared_plural(seg.en.plain, hit) and any(
                inner.term.concept in rendered for inner in ctx.index.inside(hit, "en")):
            continue
        reported.add(cid)
        want = _suggest(ctx, cid, "ja")
        if want is None:
            continue
        generic = not _named(ctx, cid)
        if generic and (_paraphrased(ctx, hit, rendered) or _everyday(ctx, cid)):
            continue
        implied = not generic and cid in _named_before(ctx, seg)
        titled = seg.role == "title"        # titles are written in each language on their own
        if titled and _subject(ctx, cid) == "title":
            continue                        # a speaker's post in one title only (…日本政府代表演説 names none)
        f = ctx.finding("term-missing", seg, "en", hit.start, hit.end,
                        f"'{hit.surface}' has no approved Japanese rendering in the JA text; expected '{want}'"
                        + (" (a common noun: a paraphrase may be right)" if generic else "")
                        + (" (the Japanese just before names it: it may be left implied)" if implied else "")
                        + (" (in the title: each language's title is written on its own)" if titled else ""), want)
        if generic or implied or titled:
            f.severity = "warning"
        yield f


def _named_before(ctx: Context, seg: Segment) -> set[str]:
    """Concepts the Japanese of the segment before names: a translator may leave one implied after it
    (「2017年9月の総会で」 for 'the General Conference of the IAEA', under a note that names the IAEA)."""
    at = ctx.position(seg)
    before = ctx.segments[at - 1] if at else None
    if before is None or before.ja is None:
        return set()
    return {h.term.concept for h in ctx.hits(before, "ja")}


def _subject(ctx: Context, concept_id: str) -> str | None:
    concept = ctx.glossary.concepts.get(concept_id)
    return concept.subject if concept is not None else None


def _shared_plural(plain: str, hit: TermHit) -> bool:
    """A name's head noun in the plural, shared with other bodies: 'the Heads of the Governments of Japan and
    Mekong Region Countries' names no Government of Japan as a party (日本・メコン地域諸国首脳会議), when the
    Japanese renders the country inside the name (日本)."""
    first = hit.term.text.split()[0].lower() if hit.term.text else ""
    written = hit.surface.split()[0].lower() if hit.surface else ""
    plurals = (first + "s", first + "es", first[:-1] + "ies" if first.endswith("y") else "")
    return written in plurals and (plain.startswith(" and ", hit.end) or plain.startswith(", ", hit.end))


def _renders(ja_copy: str, form: str) -> bool:
    """``form`` (an ``also`` rendering) stands in the text on its own, not as the end of another country's
    name: 外務大臣 renders Japan's minister, not in 英国外務大臣 or フランス外務省."""
    i = ja_copy.find(form)
    while i != -1:
        j = i - 1 if i and ja_copy[i - 1] != "の" else i - 2       # 英国の外務大臣: another country's
        if j < 0 or not (is_katakana(ja_copy[j]) or ja_copy[j] in _COUNTRY_MARKS):
            return True
        i = ja_copy.find(form, i + 1)
    return False


_COUNTRY_MARKS = "国英仏米独伊中韓露豪印加蘭西"     # the end of a country's name or its one-character form


_TITLE_REFERENCES = ("標記", "表記の件", "標題")    # "the above-titled …": Japanese refers back to the title


def _orphan(plain: str, hit: TermHit) -> bool:
    """An acronym in brackets with no name before it (「、(JAEA)の」): the name it stands beside is missing."""
    if hit.term.type != "acronym" or hit.start == 0 or plain[hit.start - 1] not in "(（":
        return False
    before = plain[max(0, hit.start - 40):hit.start - 1].rstrip()
    c = before[-1] if before else ""
    return not ((c.isascii() and c.isalnum()) or "\u4e00" <= c <= "\u9fff" or "\u30a1" <= c <= "\u30fa" or c in "ー々")


def _without_orphans(ctx: Context, seg: Segment) -> str:
    plain = plain_of(seg, "ja")
    orphans = [h for h in ctx.hits(seg, "ja") if _orphan(plain, h)]
    if not orphans:
        return plain
    chars = list(plain)
    for h in orphans:
        chars[h.start:h.end] = " " * (h.end - h.start)
    return "".join(chars)


def _named(ctx: Context, concept_id: str) -> bool:
    """A name (proper noun or acronym) rather than a common noun."""
    concept = ctx.glossary.concepts.get(concept_id)
    return concept is not None and any(t.proper for t in concept.terms_in("en") if t.approved)


def _everyday(ctx: Context, concept_id: str) -> bool:
    """A common noun of everyday policy language (community, facility, partnership): professional
    translators render it by sense (国際社会 for 'international community'), so its absence means nothing.
    The controlled vocabulary is the technical terms and the policy terms that name fusion."""
    return everyday(ctx.glossary.concepts.get(concept_id))


def everyday(concept: Concept | None) -> bool:
    if concept is None:
        return True
    if concept.subject not in ("policy", "agreement", "strategy"):
        return False
    return not any("fusion" in t.text.lower() for t in concept.terms_in("en") if t.approved)


def _paraphrased(ctx: Context, hit: TermHit, rendered: set[str]) -> bool:
    """The Japanese renders a concept named by a word of the English term ('fusion' of 'fusion energy')."""
    words = hit.surface.replace("-", " ").split()
    if len(words) < 2:
        return False
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            for sub in ctx.index.find(" ".join(words[i:i + n]), "en"):
                if sub.term.concept in rendered:
                    return True
    return False


@rule("term-unverified", "info",
      "an unverified (proposed) rendering translates its concept; its note says what was checked")
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
