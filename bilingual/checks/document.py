"""Document-level terminology: term-inconsistent, abbreviation-undefined; and term-unexpected.

Segments whose text comes from the glossary (a party's formal name) are the
glossary's words, not the author's: they define nothing and are never
inconsistent with the body.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..content.model import Segment
from ..text.compounds import in_compound
from ..text.declared import declared_names
from ..text.lazyre import lazy
from .model import Context, Finding, plain_of
from .registry import rule
from .terms import everyday

if TYPE_CHECKING:
    from ..glossary.matcher import TermHit
    from ..glossary.model import Concept, Term

SHORT_TYPES = ("acronym", "abbreviation")


def _authored(ctx: Context) -> list[Segment]:
    """The author's text: not names from the glossary, not the parties' formal names in the heading (a
    DOCX's heading, role ``heading``, holds them with the title: see ``_party_in_heading``)."""
    return [s for s in ctx.segments if s.origin != "glossary" and s.role != "party"]


def _party_in_heading(ctx: Context, seg: Segment, hit: TermHit) -> bool:
    """A body's name in a DOCX's heading, where the parties' formal names (日本国文部科学省) stand with the
    title: a register of their own, as the party segments of a content file are. The title's other terms
    are the author's text, checked as a content file's title is."""
    if seg.role != "heading":
        return False
    concept = ctx.glossary.concepts.get(hit.term.concept)
    return concept is not None and concept.subject == "organisation"


def _form(term: Term) -> str:
    """Full forms, short forms and acronyms are registers of their own: a document may use one of each."""
    if term.type == "acronym":
        return "acronym"
    return "short" if term.type in ("abbreviation", "shortForm") else "full"


@rule("term-inconsistent", "warning",
      "one concept is rendered by two JA terms in one document", monolingual=True, document=True)
def term_inconsistent(ctx: Context) -> Iterator[Finding]:
    """One concept, two approved JA terms of the same register (both full forms, say) in one document.

    The parties' formal names in the heading (日本国文部科学省) are a register of their own, and
    so are compounds (核融合研究開発 next to フュージョンの導入).
    """
    first: dict[tuple[str, str], tuple[str, Segment, int]] = {}   # (concept, form) -> (term, segment, start)
    # concept -> acronyms the text defines in brackets (幅広いアプローチ（BA）活動)
    acronyms: dict[str, set[str]] = {}
    # concept -> renderings the text names together, the others in brackets after the first:
    # より広範な取組を通じた活動(ブローダー・アプローチ,Broader Approach,BA活動) gives both, on purpose
    glossed: dict[str, set[str]] = {}
    declared = _defined_by_author(ctx)   # a short name the text declares: （以下「イーター機構」という。）
    for seg in _authored(ctx):
        hits = ctx.hits(seg, "ja")
        plain = seg.ja.plain if seg.ja is not None else ""
        beside: set[int] = set()
        for n, h in enumerate(hits):
            if n and hits[n - 1].term.concept == h.term.concept and _GLOSS.fullmatch(plain, hits[n - 1].end, h.start):
                glossed.setdefault(h.term.concept, set()).update((hits[n - 1].term.text, h.term.text))
            if _bracketed(plain, h.start, h.end):
                acronyms.setdefault(h.term.concept, set()).add(h.surface)
                beside.update(i for i in (n - 1, n + 1) if 0 <= i < len(hits) and hits[i].term.concept == h.term.concept
                              and (hits[i].end == h.start - 1 or hits[i].start == h.end + 1))
        for n, hit in enumerate(hits):
            if n in beside or any(a in hit.surface and a != hit.surface for a in acronyms.get(hit.term.concept, ())):
                continue    # the full form split by its acronym, and forms made with the acronym (BA活動)
            term = hit.term
            if term.lang != "ja" or not term.approved or in_compound(plain, hit.start, hit.end) \
                    or _party_in_heading(ctx, seg, hit):
                continue
            concept = ctx.glossary.concepts.get(term.concept)
            if concept is not None and concept.subject == "place":
                continue    # 日本 and 我が国, 米国 and アメリカ合衆国: a country named by voice and formality
            if _bracketed(plain, hit.start, hit.end):
                continue    # 幅広いアプローチ（BA）活動: an acronym defined in brackets is not a rendering
            if _paired(ctx, plain_of(seg, "ja"), hit):
                continue    # 「核融合・フュージョンエネルギー」: both renderings named together, on purpose
            if hit.surface in declared:
                continue    # the text's own short name for it, declared with 以下「…」という
            key = (term.concept, _form(term))
            if key not in first:
                first[key] = (term.text, seg, hit.start)
                continue
            seen, where, _ = first[key]
            if seen == term.text or {seen, term.text} <= glossed.get(term.concept, set()):
                continue
            if _with_parties(seen, term.text) or _with_parties(term.text, seen):
                continue    # 日米共同声明 and 共同声明: one rendering, once with its parties named before it
            concept = ctx.glossary.concepts.get(term.concept)
            preferred = concept.preferred("ja") if concept else None
            want = preferred.text if preferred is not None and preferred.text in (seen, term.text) else seen
            first_ja = where.text("ja")
            line = first_ja.locate(*_first_span(ctx, where, seen)) if first_ja else None
            at = f" (line {line[0]})" if line else f" (segment {where.id})"
            yield ctx.finding("term-inconsistent", seg, "ja", hit.start, hit.end,
                              f"'{hit.surface}' renders '{term.concept}', which this document also renders as "
                              f"'{seen}'{at}; use one rendering", want if want != term.text else None)


_PARTIES = ("日米", "米日", "日米両国")   # both parties, named before a rendering (not 日本国: a formal name)


def _with_parties(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with both parties named before it (日米共同声明, 共同声明)."""
    return longer.endswith(shorter) and longer[:len(longer) - len(shorter)] in _PARTIES


def _paired(ctx: Context, text: str, hit: TermHit) -> bool:
    """The term is the second of two renderings written as a pair with ・ and a shared ending
    (核融合・フュージョンエネルギー: 核融合エネルギー and フュージョンエネルギー, named together on purpose)."""
    concept = ctx.glossary.concepts.get(hit.term.concept)
    if concept is None:
        return False
    got = hit.surface
    for t in concept.terms_in("ja"):
        other = t.text
        if other == got or not t.approved:
            continue
        for k in range(1, len(got)):
            tail = got[k:]
            if len(tail) < 2 or not other.endswith(tail) or len(other) == len(tail):
                continue
            head = other[:-len(tail)]
            if text.endswith(head + "・", 0, hit.start):
                return True         # (核融合)・フュージョンエネルギー
    return False


_GLOSS = lazy(r"\s*[(（]\s*")        # between a name and another rendering opening the brackets after it


def _bracketed(text: str, start: int, end: int) -> bool:
    """A term written inside brackets right after a word: a definition (…アプローチ（BA）…)."""
    return start > 0 and text[start - 1] in "(（" and end < len(text) and text[end] in ")）"


def _first_span(ctx: Context, seg: Segment, text: str) -> tuple[int, int]:
    for hit in ctx.hits(seg, "ja"):
        if hit.term.text == text:
            return hit.start, hit.end
    return 0, 1


@rule("abbreviation-undefined", "warning",
      "an abbreviation is used before its full form", monolingual=True, document=True)
def abbreviation_undefined(ctx: Context) -> Iterator[Finding]:
    """An acronym from the glossary is used before its full form (in either language).

    Concepts with no full form in that language (a name that is only ever an
    acronym, such as ITER) need no definition.
    """
    defined: set[tuple[str, str]] = set()
    reported: set[tuple[str, str]] = set()
    by_author = _defined_by_author(ctx)   # (以下「TF」という。): the author's own definitions, for the whole text
    headline = _headline(ctx)
    house = _house_names(ctx) | _defined_later(ctx)
    for seg in ctx.segments:
        for lang in ("en", "ja"):
            hits = ctx.hits(seg, lang)
            full_here = {h.term.concept for h in hits if h.term.type not in SHORT_TYPES and h.term.lang == lang}
            for hit in hits:
                term = hit.term
                key = (term.concept, lang)
                if term.type not in SHORT_TYPES:
                    if term.lang == lang:
                        defined.add(key)
                        # a full form inside a longer name defines its acronym too: 'the Broader Approach
                        # Agreement', then 'the BA project'
                        defined.update((inner.term.concept, lang) for inner in ctx.index.inside(hit, lang)
                                       if inner.term.type not in SHORT_TYPES)
                    continue
                if key in defined or key in reported or seg.origin == "glossary" or seg is headline \
                        or key in house:
                    continue
                concept = ctx.glossary.concepts.get(term.concept)
                if concept is None or not _needs_definition(concept):
                    continue
                if _letters(hit.surface) in {_letters(k) for k in ctx.glossary.contexts.known.get(term.concept, ())}:
                    continue            # U.S.: known to every reader (glossary/contexts.yaml)
                if _quoted(plain_of(seg, lang), hit.start):
                    continue            # inside a quoted title (「ITER計画、BA活動などの…」): quoted as it is
                if hit.surface in by_author or _defined_here(plain_of(seg, lang), hit, lang) \
                        or _after_its_name(plain_of(seg, lang), hit, concept, lang):
                    defined.add(key)
                    by_author.add(hit.surface)
                    continue
                full = [t for t in concept.terms_in(lang) if t.approved and t.type not in SHORT_TYPES]
                full.sort(key=lambda t: t.status != "preferred")
                if not full:
                    continue
                if term.concept in full_here and _defined_before(hits, hit, lang):
                    continue
                reported.add(key)
                yield ctx.finding("abbreviation-undefined", seg, lang, hit.start, hit.end,
                                  f"'{hit.surface}' is used before its full form '{full[0].text}' appears",
                                  f"{full[0].text} ({hit.surface})" if lang == "en"
                                  else f"{full[0].text}（{hit.surface}）")
            for h in hits:
                if h.term.type not in SHORT_TYPES and h.term.lang == lang:
                    defined.add((h.term.concept, lang))


_FUNCTION = frozenset(["of", "for", "on", "and", "the", "in", "to", "at", "by", "with", "from", "&", "a", "an"])


def _initials(letters: str, words: list[str]) -> bool:
    """``letters`` are the initials of the words that end ``words`` (function words may be skipped; a
    hyphenated word may give one initial or one for each part): FES for 'Office of Fusion Energy Sciences',
    DOE for 'Department of Energy', HTS for 'high-temperature superconductors'."""
    if not letters:
        return True
    if not words:
        return False
    w = words[-1]
    if w[0].upper() == letters[-1] and _initials(letters[:-1], words[:-1]):
        return True
    parts = [p for p in w.split("-") if p]
    if len(parts) > 1 and _initials(letters, [*words[:-1], *parts]):
        return True                     # HTS for 'high-temperature superconductors'
    return w.lower() in _FUNCTION and _initials(letters, words[:-1])


def _quoted(plain: str, at: int) -> bool:
    """Inside 「」 or 『』 (a quotation or a quoted title), looked for within the sentence around."""
    lo = max(0, at - 200)
    opened = max(plain.rfind("「", lo, at), plain.rfind("『", lo, at))
    if opened < 0:
        return False
    closed = max(plain.rfind("」", opened, at), plain.rfind("』", opened, at))
    return closed < 0 and any(c in plain[at:at + 200] for c in "」』")


def _house_names(ctx: Context) -> set[tuple[str, str]]:
    """In a page of running text (not content this tool builds), an acronym used again and again and
    never spelt out is the publisher's own name (NRC on the NRC's blog): its readers know it."""
    if ctx.document is not None:
        return set()
    uses: dict[tuple[str, str], int] = {}
    spelt: set[tuple[str, str]] = set()
    for seg in ctx.segments:
        for lang in ("en", "ja"):
            for h in ctx.hits(seg, lang):
                if h.term.lang != lang:
                    continue
                key = (h.term.concept, lang)
                if h.term.type in SHORT_TYPES:
                    uses[key] = uses.get(key, 0) + 1
                else:
                    spelt.add(key)
    return {k for k, n in uses.items() if n >= 2 and k not in spelt}


def _defined_later(ctx: Context) -> set[tuple[str, str]]:
    """Bodies whose acronym the text defines in brackets after their name somewhere ('Fusion for Energy
    (F4E), the EU body…' in a page's name block; 'DOE's National Nuclear Security Administration (NNSA)'):
    a body's acronym in a byline, a title or a headline before that (NNSA Administrator, F4E Director)
    is its publisher's or subject's own name, defined for the reader in the same text. Devices, plans and
    technical terms are still to be defined at their first use."""
    out: set[tuple[str, str]] = set()
    for seg in ctx.segments:
        if seg.origin == "glossary":
            continue
        for lang in ("en", "ja"):
            text = seg.text(lang)
            if text is None:
                continue
            for h in ctx.hits(seg, lang):
                if h.term.type not in SHORT_TYPES or h.term.lang != lang or not _bracketed(text.plain, h.start, h.end):
                    continue
                concept = ctx.glossary.concepts.get(h.term.concept)
                if concept is not None and concept.subject == "organisation" and _defined_here(text.plain, h, lang):
                    out.add((h.term.concept, lang))
    return out


def _headline(ctx: Context) -> Segment | None:
    """A text's first segment when it is a headline (one short sentence): headlines use acronyms
    ('F4E Director nominee visits JT-60SA…') that the body then defines."""
    if ctx.document is not None or not ctx.segments:
        return None
    first = ctx.segments[0]
    for lang in ("en", "ja"):
        text = first.text(lang)
        if text is not None and text.plain.strip():
            whole = text.plain.strip()
            plain = whole.rstrip(".")
            words = len(plain.split())
            if "\n" not in plain and words <= 16 and not any(c in plain for c in ".!?。") and (
                    words >= 8 or not whole.endswith(".")) and len(ctx.segments) > 1:
                return first
    return None


def _letters(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())


def _defined_by_author(ctx: Context) -> set[str]:
    """Names the text declares for itself (``text.declared``: （以下「TF」という。）, (以下、TF), 'hereinafter
    referred to as "EURATOM"'): they mean what the author says (TF: タスクフォース), wherever they are used."""
    return {name for seg in ctx.segments for lang in ("ja", "en") if (text := seg.text(lang)) is not None
            for name in declared_names(text.plain)}


def _defined_here(plain: str, hit: TermHit, lang: str) -> bool:
    """The acronym is defined where it stands: in brackets after its full form, which may sit inside a
    longer name ('Office of Fusion Energy Sciences (FES)'), after any Japanese name (日米核融合調整委員会
    （CCFE）), or by apposition ('the demonstration power plant DEMO'); or it is followed by its full form
    in brackets, also after a second acronym joined by a slash (IFMIF/EVEDA(…))."""
    letters = "".join(c for c in hit.surface if c.isalpha()).upper()
    tail = plain[hit.end:hit.end + 120]
    # (a pair of acronyms, IFMIF/EVEDA(国際核融合材料照射施設に関する…活動), is defined by one bracket after both)
    m = re.match(r"(?:\s*/\s*[A-Za-z][A-Za-z0-9-]*)*\s*[(（]([^()（）]{4,100})[)）]", tail)
    if (m and _initials(letters, re.findall(r"[A-Za-z][\w'’-]*", m.group(1))) and lang == "en") or (m and lang == "ja"):
        return True                        # 'QST (National Institutes for Quantum Science and Technology)'
    head = plain[max(0, hit.start - 300):hit.start].rstrip()
    bracket = head.endswith(("(", "（"))
    if bracket:
        head = head[:-1].rstrip()
        if lang == "ja" and head and not head[-1].isascii():
            return True
    words = re.findall(r"[A-Za-z][\w'’-]*", head[-200:])
    if bracket and _initials(letters, words[-12:]):
        return True
    if not bracket and head and head[-1].isalpha():        # apposition: right after the name
        near = [w.lower() for w in words[-4:]]
        if _initials(letters, [w for w in words[-8:]]) or any(
                len(w) > len(letters) + 2 and w.startswith(letters.lower()) for w in near):
            return True
    return False


def _after_its_name(plain: str, hit: TermHit, concept: Concept, lang: str) -> bool:
    """In brackets right after the body's full name, whose first word may be inflected into a title:
    'Minister of Education, Culture, Sports, Science and Technology (MEXT)' defines MEXT, which is no
    string of initials; so does the name written with a serial comma ('…, Science, and Technology (MEXT)')."""
    if lang != "en" or hit.start == 0 or plain[hit.start - 1] not in "(（":
        return False
    head = plain[max(0, hit.start - 300):hit.start - 1].rstrip().replace(", and ", " and ")   # a serial comma
    for t in concept.terms_in("en"):
        words = t.text.split()
        if t.approved and t.type not in SHORT_TYPES and len(words) >= 3 and head.endswith(" ".join(words[1:])):
            return True
    return False


def _needs_definition(concept: Concept) -> bool:
    """An acronym is a name on its own (ITER) unless English prefers a full form for its concept."""
    return any(t.status == "preferred" and t.type not in SHORT_TYPES for t in concept.terms_in("en"))


def _defined_before(hits: list[TermHit], hit: TermHit, lang: str) -> bool:
    return any(h.start < hit.start and h.term.concept == hit.term.concept and h.term.type not in SHORT_TYPES
               and h.term.lang == lang for h in hits)


@rule("term-unexpected", "warning", "a JA term whose concept is not in the EN")
def term_unexpected(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """The JA text names a concept that its English does not."""
    if seg.en is None or seg.ja is None or seg.origin == "glossary":
        return
    in_en = en_concepts(ctx, seg)
    reported: set[str] = set()
    for hit in ctx.hits(seg, "ja"):
        cid = hit.term.concept
        if cid in in_en or cid in reported:
            continue
        concept = ctx.glossary.concepts.get(cid)
        if concept is not None and _title_before_a_name(concept, seg.en.plain):
            continue            # 'Secretary Moniz' names the Secretary of Energy (エネルギー長官) by title and name
        if seg.role == "heading" and concept is not None and concept.subject in ("organisation", "agreement"):
            continue            # a DOCX's heading: the parties' formal names, and the document's own name,
            #                     which its English form writes with acronyms (…between DOE and MEXT Concerning…)
        if not hit.term.proper and (in_compound(seg.ja.plain, hit.start, hit.end) or everyday(concept)):
            continue            # 人材 in 人材交流, 施設 for 'enhancements': words a translation may add by sense
        if seg.ja.plain.startswith(_MISSIONS, hit.end):
            continue            # 在ウィーン日本国政府代表部: a mission's name, not the government named
        reported.add(cid)
        if concept is not None and concept.subject == "place":
            continue            # English often names a place by its adjective (Japanese, American)
        en = concept.preferred("en") if concept else None
        yield ctx.finding("term-unexpected", seg, "ja", hit.start, hit.end,
                          f"'{hit.surface}' ({cid}) is in the Japanese, but the English has no term of it"
                          + (f" (such as '{en.text}')" if en else ""))


_MISSIONS = ("代表部", "大使館", "総領事館", "領事館")     # what follows a government's name in a mission's name


def _title_before_a_name(concept: Concept, en: str) -> bool:
    """A title whose English head ('Secretary' of 'Secretary of Energy') stands before a capitalised name
    in the English: 'Secretary Moniz', 'Deputy Secretary Poneman'."""
    if concept.subject != "title":
        return False
    for term in concept.terms_in("en"):
        head = term.text.split(" of ")[0]
        if term.approved and head != term.text and re.search(rf"\b{re.escape(head)} [A-Z][a-z]", en):
            return True
    return False


# 'the Departments of State, Defense and Energy': one head noun for several bodies
_SHARED_HEAD = lazy(r"\b(Department|Ministr|Office|Agenc)(?:s|ies) of ((?:[A-Z][\w-]*,? )+(?:and|&) [A-Z][\w-]*)")


_BARE_COMMISSION = lazy(r"\b(?:[Tt]he|new|[Tt]his) Commission\b")
_NAMED_COMMISSION = lazy(r"\b(?:[A-Z][\w-]*\s+){1,4}Commission\b")


def _commissions(ctx: Context) -> list[str]:
    """The commissions the document's English names in full ('European Commission'): what 'the Commission'
    refers back to."""
    names: list[str] | None = ctx.memo.get("commissions")
    if names is None:
        names = sorted({m.group() for s in ctx.segments if s.en is not None
                        for m in _NAMED_COMMISSION.finditer(s.en.plain)})
        ctx.memo["commissions"] = names
    return names


def en_concepts(ctx: Context, seg: Segment) -> set[str]:
    """Concepts the English names, including terms inside longer terms (the DOE in a DOE–MEXT arrangement)
    and bodies named with one head noun (the Department of Energy in 'the Departments of State, Defense
    and Energy')."""
    out: set[str] = set()
    seen: set[str] = set()
    assert seg.en is not None
    if "Commission" in seg.en.plain:
        # 'the European Commissioner for Research' (欧州委員会の…担当委員); 'the new Commission' after the
        # document has named the European Commission (欧州委員会の新体制)
        plain = seg.en.plain.replace("Commissioner", "Commission")
        if _BARE_COMMISSION.search(plain):
            plain += " " + " ".join(_commissions(ctx))
        out.update(h.term.concept for h in ctx.index.find(plain, "en"))
    for m in _SHARED_HEAD.finditer(seg.en.plain):
        head = {"Ministr": "Ministry", "Agenc": "Agency"}.get(m.group(1), m.group(1))
        for name in re.split(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", m.group(2)):
            out.update(h.term.concept for h in ctx.index.find(f"{head} of {name.strip()}", "en"))

    def visit(span: str, depth: int) -> None:
        if span in seen or depth > 8:
            return
        seen.add(span)
        for hit in ctx.index.find(span, "en"):
            out.add(hit.term.concept)
            words = hit.surface.split()
            if len(words) > 1:
                visit(hit.surface[len(words[0]):].strip(), depth + 1)
                visit(hit.surface[:len(hit.surface) - len(words[-1])].strip(), depth + 1)

    for hit in ctx.hits(seg, "en"):
        out.add(hit.term.concept)
        if " " in hit.surface or "-" in hit.surface:
            visit(hit.surface.replace("-", " "), 0)
    return out
