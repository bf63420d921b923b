"""Terms in their context: the glossary's context rules, registers and dates (glossary/contexts.yaml).

* ``term-context``: a term that is wrong in a context (bare 原子力規制委員会 where the text is about the
  United States; エネルギー省 in government-voice Japanese). The rules are glossary data.
* ``sense: other`` rules take a hit away from its concept (CCFE near Culham is not the U.S.–Japan
  committee); so do hits inside a domain name (``nrc.gov``). ``in_context`` is applied to every hit.
* Registers: in the ``policy`` register 核融合エネルギー is deprecated (``register_findings``).
* Dates: a superseded term is an error only in a document dated after the day it stopped being
  current, when nothing in the sentence places the mention earlier (``dated_severity``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..content.model import Segment
from ..text.compounds import in_compound
from ..text.lazyre import lazy
from .model import HIT_FILTERS, Context, Finding, plain_of
from .registry import rule as define_rule

if TYPE_CHECKING:
    from ..glossary.matcher import TermHit
    from ..glossary.model import ContextRule, Term

_DOMAIN = lazy(r"(?<![\w@/.-])(?:[A-Za-z0-9-]+\.)+(?:gov|go\.jp|org|com|int|edu|net|eu|jp|uk|ac\.jp|or\.jp|fr)"
               r"(?![\w-])(?:/[^\s<>()（）「」、。]*)?", re.IGNORECASE)
_SENTENCE_END = "。．.!?！？\n"
# words that place a mention in an earlier time than the document's
_PAST = lazy(r"\b(?:former(?:ly)?|then|previously|at the time|until|renamed|predecessor|originally|once"
             r"|historic(?:al)?)\b"
             r"|旧(?=[\u4e00-\u9fff\u30a0-\u30ff])|当時|前身|かつて|改称|改組|名称変更|設立時", re.IGNORECASE)
_YEAR = lazy(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)|(昭和|平成|令和)\s*(\d{1,2}|元)年")
_ERA_BASE = {"昭和": 1925, "平成": 1988, "令和": 2018}


# ---------------------------------------------------------------- document facts

def document_date(ctx: Context) -> str | None:
    """The document's date (ISO): the content's own ``date:``; for undated input, ``--date`` or the
    configuration's ``date``; else None."""
    date = getattr(ctx.document, "date", None)
    if date is not None and hasattr(date, "isoformat"):
        return str(date.isoformat())
    return str(ctx.date) if getattr(ctx, "date", None) else None


TECHNICAL_KINDS = ("paper", "technical-report", "report")


def register(ctx: Context) -> str:
    """``policy`` (statements, minutes, press text and, by default, everything else) or ``technical``."""
    chosen = getattr(ctx, "register", None)
    if chosen:
        return str(chosen)
    kind = getattr(ctx.document, "kind", None)
    return "technical" if kind in TECHNICAL_KINDS else "policy"


# ---------------------------------------------------------------- hits in context

def in_context(ctx: Context, seg: Segment, lang: str, hits: list) -> list:
    """Hits that are uses of their concept: not inside a domain name, not a term whose context rule says
    it names another thing here."""
    if not hits:
        return hits
    text = seg.text(lang)
    plain = text.plain if text is not None else ""
    if "." in plain:
        domains = [(m.start(), m.end()) for m in _DOMAIN.finditer(plain)]
        if domains:
            from bisect import bisect_right

            starts = [s for s, _ in domains]

            def inside(h: TermHit) -> bool:
                i = bisect_right(starts, h.start) - 1
                return i >= 0 and h.end <= domains[i][1]
            hits = [h for h in hits if not inside(h)]
    foreign = ctx.glossary.contexts.foreign_before
    if lang == "en" and foreign:
        hits = [h for h in hits if not _foreign(plain, h, foreign.get(h.term.concept, ()))]
    rules = [r for r in ctx.glossary.contexts.rules if r.sense in ("other", "use")]
    if rules:
        kept = []
        for h in hits:
            rule = next((r for r in rules if _applies(ctx, seg, lang, r, h)), None)
            if rule is None:
                kept.append(h)
            elif rule.sense == "use" and rule.use is not None:   # the term names the other concept here
                term = _term_of(ctx, rule.use, lang)
                kept.append(h._replace(term=term) if term is not None else h)
            else:                       # reported once by term-context, as information
                ctx._hits.setdefault(("other", id(seg), lang), []).append((h, rule))
        hits = kept
    return hits


def _foreign(plain: str, hit: TermHit, words: tuple[str, ...]) -> bool:
    """A body's English name after a word that makes it another country's (glossary/contexts.yaml
    ``foreign_before``: 'the Italian Ministry of Foreign Affairs' is Italy's ministry, not Japan's)."""
    if not words or hit.start == 0:
        return False
    before = plain[max(0, hit.start - 20):hit.start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1] in words


def _term_of(ctx: Context, concept_id: str, lang: str) -> Term | None:
    concept = ctx.glossary.concepts.get(concept_id)
    return concept.preferred(lang) if concept is not None else None


def _segment_words(ctx: Context, seg: Segment) -> str:
    """Both languages' text of a segment, joined once per segment."""
    key = ("words", id(seg))
    if key not in ctx._hits:
        ctx._hits[key] = " ".join(t.plain for t in (seg.en, seg.ja) if t is not None)
    words: str = ctx._hits[key]
    return words


def _applies(ctx: Context, seg: Segment, lang: str, rule: ContextRule, hit: TermHit) -> bool:
    """Whether a context rule holds for a hit of its term."""
    if hit.term.concept != rule.concept or hit.term.text != rule.term:
        return False
    if rule.register is not None and register(ctx) != rule.register:
        return False
    if rule.since is not None or rule.until is not None:
        date = document_date(ctx)
        if rule.since is not None and date is not None and date[:10] < rule.since:
            return False        # before the collision existed (原子力規制委員会 before Japan's NRA)
        if rule.until is not None and (date is None or date[:10] >= rule.until):
            return False
    both = _segment_words(ctx, seg)
    if rule.unless and _any_in(ctx, seg, both, rule, "unless"):
        return False
    if rule.near and not _any_in(ctx, seg, both, rule, "near"):
        return False
    if rule.unless_named and any(h.term.concept in rule.unless_named and h.term.type != "acronym"
                                 for h in ctx.hits(seg, lang)):
        return False            # a U.S. body named in full in the same passage (米国原子力規制委員会, or
        #                         原子力規制委員会 in a text dated before Japan's NRA); an acronym says no country
    if rule.before:
        plain = plain_of(seg, lang)
        head = plain[max(0, hit.start - 40):hit.start].rstrip()
        if not any(head.endswith(w) and (len(head) == len(w) or not head[-len(w) - 1].isalnum()
                                         or not w[0].isascii()) for w in rule.before):
            return False
    return True


def _any_in(ctx: Context, seg: Segment, both: str, rule: ContextRule, field: str) -> bool:
    """Whether one of the rule's ``near`` (or ``unless``) words is in the segment (once per segment and rule)."""
    key = (field, id(seg), id(rule))
    if key not in ctx._hits:
        ctx._hits[key] = any(_contains(both, w) for w in getattr(rule, field))
    found: bool = ctx._hits[key]
    return found


def _contains(text: str, word: str) -> bool:
    """``word`` in ``text``; a Latin word only as a whole word (UK is not found inside 'UKAEA')."""
    if not word.isascii():
        return word in text
    return re.search(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])", text) is not None


def _suggestion(ctx: Context, use: str | None, lang: str) -> str | None:
    if use is None:
        return None
    concept = ctx.glossary.concepts.get(use)
    if concept is None:
        return use
    term = concept.preferred(lang)
    return term.text if term else None


@define_rule("term-context", "error", "a term that is wrong in its context (glossary/contexts.yaml)", monolingual=True)
def context_rules(ctx: Context, seg: Segment, rule_name: str = "term-context") -> Iterator[Finding]:
    """The glossary's context rules that report ``rule_name`` (term-context; near misses written as
    context rules, such as 'U.S. Nuclear Regulation Authority', are reported by term-near-miss)."""
    rules = [r for r in ctx.glossary.contexts.rules if r.sense is None and r.rule == rule_name]
    if seg.origin == "glossary":
        return
    for lang in ("en", "ja") if rule_name == "term-context" else ():
        ctx.hits(seg, lang)
        for hit, rule in ctx._hits.get(("other", id(seg), lang), ()):
            concept = ctx.glossary.concepts.get(rule.concept)
            name = concept.preferred("en") if concept else None
            f = ctx.finding("term-context", seg, lang, hit.start, hit.end,
                            f"'{hit.surface}' here names another thing" + (f": {rule.why}" if rule.why else "")
                            + (f"; it is not checked as '{name.text}'" if name else ""))
            f.severity = rule.severity
            yield f
    if not rules:
        return
    for lang in ("en", "ja"):
        for hit in ctx.hits(seg, lang):
            for rule in rules:
                if hit.term.lang != lang or not _applies(ctx, seg, lang, rule, hit):
                    continue
                want = _suggestion(ctx, rule.use, lang)
                why = f": {rule.why}" if rule.why else ""
                f = ctx.finding(rule.rule, seg, lang, hit.start, hit.end,
                                f"'{hit.surface}' here{why}" + (f"; did you mean '{want}'?" if want else ""), want)
                f.severity = rule.severity
                yield f
                break


# ---------------------------------------------------------------- registers and dates

def register_findings(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """A term the document's register deprecates (核融合エネルギー in the policy register), standalone or at
    the head of an ordinary compound; proper nouns that keep it are other glossary terms, matched longer."""
    entries = [r for r in ctx.glossary.contexts.registers if r.register == register(ctx)]
    if not entries or seg.origin == "glossary" or seg.role == "party":
        return
    date = document_date(ctx)
    for hit in ctx.hits(seg, "ja") + ctx.hits(seg, "en"):
        for r in entries:
            if hit.term.concept != r.concept or hit.term.text != r.term:
                continue
            lang = hit.term.lang
            plain = plain_of(seg, lang)
            if not r.compounds and in_compound(plain, hit.start, hit.end):
                continue
            if _in_name(plain, hit.end):
                continue        # 核融合エネルギー研究開発部門, 核融合エネルギーフォーラム: a name keeps its words
            severity, placed = dated_severity(plain, hit.start, hit.end, r.since, date, before_is_current=True,
                                              floor=None if date else text_floor(ctx))
            if severity is None:
                continue
            since = f" since {r.since}" if r.since else ""
            why = f" ({r.why})" if r.why else ""
            f = ctx.finding("term-forbidden", seg, lang, hit.start, hit.end,
                            f"'{hit.surface}' is {r.status} in the {r.register} register{since}{why}"
                            + (f"; use '{r.use}'" if r.use else "") + placed, r.use)
            f.severity = severity
            yield f


# the last words of the names of bodies, offices, plans and laws: a compound ending in one is a name
NAME_ENDINGS = ("部門", "研究所", "機構", "委員会", "協議会", "部会", "分科会", "会議", "協定", "局", "課", "室", "部",
                "センター", "フォーラム", "学会", "戦略", "計画", "法", "本部", "機関", "研究院", "財団", "協会", "賞")


def _in_name(text: str, end: int) -> bool:
    """The term opens a longer compound that ends as a name does (…研究開発部門, …フォーラム)."""
    j = end
    while j < len(text) and _word(text[j]):
        j += 1
    return j > end and text[end:j].endswith(NAME_ENDINGS)


def _word(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u30a1" <= ch <= "\u30fa" or ch in "ー々・"


def _sentence(plain: str, start: int, end: int, reach: int = 400) -> str:
    """The sentence around [start, end), looked for within ``reach`` characters each side."""
    lo, hi = max(0, start - reach), min(len(plain), end + reach)
    a = max((plain.rfind(c, lo, start) for c in _SENTENCE_END), default=-1)
    a = a + 1 if a >= 0 else lo
    ends = [i for i in (plain.find(c, end, hi) for c in _SENTENCE_END) if i >= 0]
    return plain[a:min(ends) if ends else hi]


def places_earlier(sentence: str, until: str | None) -> bool:
    """The sentence speaks of an earlier time: a year before ``until``, or a word such as 'former', 当時."""
    if _PAST.search(sentence):
        return True
    if until:
        limit = int(until[:4])
        for m in _YEAR.finditer(sentence):
            year = int(m.group(1)) if m.group(1) else _ERA_BASE[m.group(2)] + (1 if m.group(3) == "元"
                                                                              else int(m.group(3)))
            if year < limit:
                return True
    return False


def dated_severity(plain: str, start: int, end: int, until: str | None, date: str | None,
                   before_is_current: bool = False, floor: str | None = None) -> tuple[str | None, str]:
    """(severity, note) of a term that stopped being current on ``until``, in a document dated ``date``.

    An error only in a document dated after ``until`` whose sentence does not speak of earlier times;
    information ("historical name") in a dated document otherwise. An undated document is known to be
    after the change only when its text names a later day (``floor``: the latest date it mentions, a
    lower bound of its own date): then a warning; else no finding, since a page about its own time
    uses the names of its time. Without a sourced ``until`` no date can be compared: a dated document
    gets information, an undated one nothing.
    With ``before_is_current`` (a register's change), a document dated before it gets no finding at all.
    """
    sentence = _sentence(plain, start, end)
    if date is None:
        if until is None or floor is None or floor <= until:
            return None, ""
        if places_earlier(sentence, until):
            return None, ""
        return "warning", (f" (the document has no date, but its text mentions {floor[:4]}, after the change"
                           f" on {until}; give --date or `date:`)")
    if until is None:
        if places_earlier(sentence, None):
            return "info", " (historical use)"
        return "info", " (the glossary gives no sourced date for the change: historical or current?)"
    if date[:10] < until:
        return (None, "") if before_is_current else ("info", f" (historical name; current after {until})")
    if places_earlier(sentence, until):
        return "info", " (historical use)"
    return "error", ""


# dates a text mentions, as a lower bound of its own date: 2025年6月19日, 令和6年11月12日, June 6, 2016,
# 2023; not a year the text looks forward to (2030年代, 2050年頃, by 2035, the 2030s). Found from the
# year (a digit or an era name starts every match: one fast pass), then read around it.
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_YEAR_AT = lazy(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)|(昭和|平成|令和)\s*(\d{1,2}|元)\s*年")
_JA_REST = lazy(r"\s*年?\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?(\s*(?:代|頃|ごろ|まで|以降|目途|目標))?")
_EN_BEFORE = lazy(r"(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+"
                  r"|(?<![A-Za-z])(by|until|through|before|in the)\s+)$", re.IGNORECASE)


def _mentions(plain: str, since: int = 0) -> Iterator[str]:
    """The dates (ISO) a text names, each as its first possible day (years before ``since`` skipped)."""
    for m in _YEAR_AT.finditer(plain):
        if m.group(1):
            year = int(m.group(1))
            if year < since:
                continue
            after = plain[m.end():m.end() + 1]
            if after == "年" or plain.startswith(" 年", m.end()):
                rest = _JA_REST.match(plain, m.end())
            else:
                if (after and (after.isalnum() or after in "%-")) or (m.start() and plain[m.start() - 1] in "$£€-_"):
                    continue            # 2030s, 2025-26, $2024: not a date of the text
                if m.start() and plain[m.start() - 1].isalpha():
                    continue
                before = _EN_BEFORE.search(plain[max(0, m.start() - 24):m.start()])
                if before and before.group(3):
                    continue            # by 2035, in the 2030s
                month = _MONTHS[before.group(1)[:3].lower()] if before and before.group(1) else 1
                day = int(before.group(2)) if before and before.group(2) else 1
                yield f"{year:04d}-{month:02d}-{day:02d}"
                continue
        else:
            year = _ERA_BASE[m.group(2)] + (1 if m.group(3) == "元" else int(m.group(3)))
            rest = _JA_REST.match(plain, m.end())
        if rest.group(3):
            continue                    # 2030年代, 2050年頃: looked forward to
        month, day = int(rest.group(1) or 1), int(rest.group(2) or 1)
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield f"{year:04d}-{month:02d}-{day:02d}"


def text_floor(ctx: Context) -> str | None:
    """The latest date (ISO; a year alone counts from its first day) an undated document's text mentions,
    not after today's: the document was written on or after it. Computed once per document; reading
    stops at the first date past the last change the glossary dates (any later one decides the same)."""
    if "floor" in ctx._hits:
        floor: str | None = ctx._hits["floor"]
        return floor
    import datetime

    today = datetime.date.today().isoformat()
    data = ctx.glossary.contexts
    changes = [d for d in data.until.values()] + [r.since for r in data.registers if r.since]
    enough = max(changes) if changes else ""     # past the last change the glossary knows, no need to read on
    best = None
    for seg in ctx.segments:
        if seg.origin == "glossary":
            continue
        for t in (seg.en, seg.ja):
            if t is None:
                continue
            for iso in _mentions(t.plain, int(best[:4]) if best else 0):
                if iso <= today and (best is None or iso > best):
                    best = iso
            if best is not None and best > enough:
                ctx._hits["floor"] = best
                return best
    ctx._hits["floor"] = best
    return best


HIT_FILTERS.append(in_context)
