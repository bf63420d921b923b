"""Concept-oriented glossary model (TBX-like): concepts hold terms per language."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..text.lazyre import lazy

# ``proposed``: the best rendering we have, not confirmed in an authoritative source (docs/formats.md,
# "Statuses"). It may be used, but it is never preferred; TBX carries it as admitted plus a note.
STATUSES = ("preferred", "admitted", "proposed", "deprecated", "superseded")
APPROVED = ("preferred", "admitted", "proposed")
FORBIDDEN = ("deprecated", "superseded")
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
PARTS_OF_SPEECH = ("noun", "properNoun", "verb", "adjective", "adverb", "other")
TRANSACTION_TYPES = ("origination", "modification")  # TBX-Basic transactionType
CONCEPT_ID = lazy(r"^[a-z0-9][a-z0-9-]*$")    # what a concept id may be
_DATE = lazy(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2}):?(\d{2}(?:\.\d+)?))?(Z|[+-]\d{2}:?\d{2})?$")


def iso_date(text: str) -> str | None:
    """``text`` as an xs:date or xs:dateTime (``2024-04-10``, ``2024-04-10T09:30:00Z``); None if it is neither.

    Compact ISO 8601 forms that CAT tools write (``20010507T10:57:25Z``) are expanded.
    """
    m = _DATE.match(text.strip())
    if not m:
        return None
    y, mo, d, h, mi, sec, tz = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31) or (h is not None and (int(h) > 23 or int(mi) > 59)):
        return None
    out = f"{y}-{mo}-{d}" + (f"T{h}:{mi}:{sec}" if h is not None else "")
    if tz:
        out += tz if tz == "Z" or ":" in tz else f"{tz[:3]}:{tz[3:]}"
    return out


class Transaction(NamedTuple):
    """One step in the history of a concept or term (TBX ``transacGrp``).

    ``type`` is ``origination`` or ``modification``; ``date`` an ISO 8601 date or
    date-time; ``by`` who did it (TBX ``transacNote type="responsibility"``).
    """
    type: str
    date: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Term:
    text: str
    lang: str
    concept: str
    status: str = "admitted"
    type: str = "fullForm"
    pos: str = "noun"
    note: str | None = None
    source: str | None = None
    verified: bool = True
    exceptions: tuple[str, ...] = ()
    case_sensitive: bool | None = None
    transactions: tuple[Transaction, ...] = ()
    origin: tuple[str, int, int] | None = field(default=None, compare=False, repr=False)  # where it is written

    @property
    def forbidden(self) -> bool:
        return self.status in FORBIDDEN

    @property
    def approved(self) -> bool:
        """Preferred, admitted or proposed, and not a notation variant."""
        return self.status in APPROVED and self.type != "variant"

    @property
    def unverified(self) -> bool:
        """A rendering not confirmed in an authoritative source: ``proposed``, or flagged ``verified: false``."""
        return self.status == "proposed" or not self.verified

    @property
    def proper(self) -> bool:
        """Names and acronyms are matched case-aware."""
        if self.case_sensitive is not None:
            return self.case_sensitive
        return self.pos == "properNoun" or self.type == "acronym"


@dataclass
class Concept:
    id: str
    subject: str | None = None
    definition: str | None = None
    source: str | None = None
    note: str | None = None
    formal: dict[str, str] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    transactions: tuple[Transaction, ...] = ()
    origin: tuple[str, int, int] | None = None  # (path, line, column) of the definition

    def terms_in(self, lang: str) -> list[Term]:
        return [t for t in self.terms if t.lang == lang]

    def preferred(self, lang: str) -> Term | None:
        """The preferred full form in a language (else the first admitted term, else the first proposed one)."""
        terms = [t for t in self.terms_in(lang) if t.approved]
        for t in terms:
            if t.status == "preferred" and t.type != "acronym":
                return t
        terms.sort(key=lambda t: APPROVED.index(t.status))
        return terms[0] if terms else None

    def name(self, lang: str) -> str | None:
        """How the concept is named formally (a party in a heading)."""
        if lang in self.formal:
            return self.formal[lang]
        term = self.preferred(lang)
        return term.text if term else None


@dataclass(frozen=True)
class Source:
    """One entry of ``glossary/sources.yaml``: what a source key in a ``source`` field stands for."""
    key: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    checked: str | None = None      # ISO date on which someone read the page for this glossary
    note: str | None = None
    origin: tuple[str, int, int] | None = field(default=None, compare=False, repr=False)

    def describe(self) -> str:
        """``KEY: title. publisher. URL (checked DATE)`` on one line."""
        parts = [p for p in (self.title, self.publisher, self.url) if p]
        text = f"{self.key}: " + ". ".join(parts)
        return text + (f" (checked {self.checked})" if self.checked else " (not re-checked)")


_SOURCE_KEY = lazy(r"^[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$")


def source_citations(text: str | None) -> list[tuple[str, str]]:
    """The citations of a ``source`` field, ``;``-separated: (first word, the rest).

    ``MEXT-PR; MOFA-A-S54-1163 Art. V.4`` → [("MEXT-PR", ""), ("MOFA-A-S54-1163", "Art. V.4")].
    """
    out = []
    for part in (text or "").split(";"):
        part = part.strip()
        if part:
            head, _, rest = part.partition(" ")
            out.append((head, rest.strip()))
    return out


def source_keys(text: str | None) -> list[str]:
    """The source keys cited (first words that have the form of a key, not URLs)."""
    return [head for head, _ in source_citations(text) if _SOURCE_KEY.match(head)]


@dataclass(frozen=True)
class ContextRule:
    """A term that is wrong, or means something else, in a context (glossary/contexts.yaml).

    The context is set by words in the same segment (``near``, either language of a pair) or written
    just before the term (``before``), and cancelled by ``unless``; ``register`` limits the rule to one
    register. ``sense == "other"``: the term names another thing here, so no finding of its concept is
    made for it; otherwise it is a finding of ``rule`` suggesting ``use`` (a concept id or a term).
    """
    concept: str
    term: str
    near: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    register: str | None = None
    sense: str | None = None
    use: str | None = None
    rule: str = "term-context"
    severity: str = "error"
    why: str | None = None
    since: str | None = None      # the rule holds in documents dated from this day (undated ones too)
    until: str | None = None      # the rule holds only in documents dated before this day
    unless_named: tuple[str, ...] = ()  # concepts whose name in the segment (in the term's language) cancels the rule


@dataclass(frozen=True)
class RegisterStatus:
    """In one register, a term takes another status (核融合エネルギー is deprecated in ``policy``),
    standalone and, with ``compounds``, at the head of an ordinary compound; from ``since`` on."""
    concept: str
    register: str
    term: str
    status: str = "deprecated"
    use: str | None = None
    since: str | None = None
    compounds: bool = True
    why: str | None = None


@dataclass
class Contexts:
    """Context data kept beside the concepts, keyed by concept id (glossary/contexts.yaml)."""
    known: dict[str, frozenset[str]] = field(default_factory=dict)     # concept -> abbreviations known to all
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)     # concept -> JA that renders it in a pair
    also_patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)   # the same, as regular expressions
    foreign_before: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> words that make its
    #                                   English name another country's body ('the Italian Ministry of Foreign Affairs')
    distinct: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> other bodies' look-alike names
    until: dict[tuple[str, str], str] = field(default_factory=dict)    # (concept, term) -> date superseded
    rules: list[ContextRule] = field(default_factory=list)
    registers: list[RegisterStatus] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.known or self.also or self.also_patterns or self.foreign_before or self.distinct
                    or self.until or self.rules or self.registers)

    def update(self, other: Contexts) -> None:
        self.known.update(other.known)
        self.also.update(other.also)
        self.also_patterns.update(other.also_patterns)
        self.foreign_before.update(other.foreign_before)
        self.distinct.update(other.distinct)
        self.until.update(other.until)
        self.rules.extend(other.rules)
        self.registers.extend(other.registers)


@dataclass
class Glossary:
    concepts: dict[str, Concept] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    contexts: Contexts = field(default_factory=Contexts)

    def terms(self, lang: str | None = None) -> Iterator[Term]:
        for c in self.concepts.values():
            for t in c.terms:
                if lang is None or t.lang == lang:
                    yield t

    def merge(self, other: Glossary) -> Glossary:
        merged = Glossary(dict(self.concepts), dict(self.sources))
        merged.concepts.update(other.concepts)
        merged.sources.update(other.sources)
        merged.contexts.update(self.contexts)
        merged.contexts.update(other.contexts)
        return merged
