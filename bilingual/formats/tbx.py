"""What TBX 2019 and TBX 2008 share: XML parsing, status maps, and the note convention.

Our model has fields that TBX-Basic has no data category for. They travel as
``<note>`` elements whose text starts with ``bilingual:`` (docs/formats.md,
"Glossary interchange"):

- term: ``bilingual:pos=properNoun`` (partOfSpeech is then ``noun``),
  ``bilingual:status=proposed`` (administrativeStatus is then ``admittedTerm-admn-sts``),
  ``bilingual:verified=false``, ``bilingual:case_sensitive=true|false``,
  ``bilingual:exception=TEXT`` (one note per exception);
- concept: ``bilingual:formal.en=TEXT``, ``bilingual:formal.ja=TEXT``;
- a free note that itself starts with ``bilingual:`` is written ``bilingual:note=TEXT``.

Transactions are ``transacGrp`` (``transactionType``, ``date``, ``responsibility``)
at concept and term level; on import, those of a language section join the
concept's (our model has no language level), and the legacy types
``creation``/``input`` read as ``origination``, any other as ``modification``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..glossary.model import PARTS_OF_SPEECH, STATUSES, TERM_TYPES, Concept, Glossary, Term, Transaction, iso_date
from ..io.errors import InputError
from ..text.langs import primary

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml import etree

PREFIX = "bilingual:"
LANGS = ("en", "ja")
TBX_STATUSES = ("preferred", "admitted", "deprecated", "superseded")   # TBX-Basic's picklist
# ``proposed`` has no TBX value: it travels as admitted plus the note ``bilingual:status=proposed``
ADMN = {s: f"{s}Term-admn-sts" for s in TBX_STATUSES} | {"proposed": "admittedTerm-admn-sts"}
FROM_ADMN = {f"{s}Term-admn-sts": s for s in TBX_STATUSES}
# TBX-Min usageStatus and TBX 2008 normativeAuthorization name the same statuses
FROM_USAGE = {s: s for s in TBX_STATUSES}
FROM_NORMATIVE = {f"{s}Term": s for s in TBX_STATUSES} | {f"{s}Term-admn-sts": s for s in TBX_STATUSES}
TBX_POS = ("noun", "verb", "adjective", "adverb", "other")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def parse_xml(path: str | Path, data: bytes | None = None) -> etree._Element:
    """Parse an XML file safely (no network, no DTD, no entities); a located InputError if malformed."""
    from lxml import etree

    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(str(path), 1, 1, f"cannot read: {exc.strerror}") from None
    from ..io.xmlsafe import parse

    try:
        root = parse(data, str(path))
    except InputError as exc:
        if exc.message.startswith("invalid XML: "):
            exc.message = "not well-formed XML: " + exc.message[len("invalid XML: "):]
        raise
    for ref in root.iter(etree.Entity):  # declared entities are never expanded: refuse rather than keep "&x;"
        raise InputError(str(path), ref.sourceline or 1, 1,
                         f"entity reference {ref.text} is not allowed (DTDs and entities are not loaded)")
    return root


def elements(node: etree._Element) -> list[etree._Element]:
    """Child elements (no comments or processing instructions)."""
    return [c for c in node if isinstance(c.tag, str)]


def local(el: etree._Element) -> str:
    tag: str = el.tag
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def text_of(el: etree._Element) -> str:
    """All text inside ``el`` (inline markup flattened), stripped."""
    return "".join(el.itertext()).strip()


def lang_of(el: etree._Element) -> str | None:
    """Primary language subtag of ``xml:lang`` (or ``lang``), lower-cased."""
    return primary(el.get("{http://www.w3.org/XML/1998/namespace}lang") or el.get("lang"))


def fail(path: str | Path, el: etree._Element | None, message: str) -> InputError:
    return InputError(str(path), getattr(el, "sourceline", None) or 1, 1, message)


def term_notes(term: Term, tbx_pos_only: bool) -> list[str]:
    """The term's free note and flag notes, in a fixed order."""
    notes = []
    if term.note is not None:
        notes.append(f"{PREFIX}note={term.note}" if term.note.startswith(PREFIX) else term.note)
    if tbx_pos_only and term.pos not in TBX_POS:
        notes.append(f"{PREFIX}pos={term.pos}")
    if term.status not in TBX_STATUSES:
        notes.append(f"{PREFIX}status={term.status}")
    if not term.verified:
        notes.append(f"{PREFIX}verified=false")
    if term.case_sensitive is not None:
        notes.append(f"{PREFIX}case_sensitive={'true' if term.case_sensitive else 'false'}")
    notes.extend(f"{PREFIX}exception={x}" for x in term.exceptions)
    return notes


def concept_notes(concept: Concept) -> list[str]:
    notes = []
    if concept.note is not None:
        notes.append(f"{PREFIX}note={concept.note}" if concept.note.startswith(PREFIX) else concept.note)
    notes.extend(f"{PREFIX}formal.{lang}={text}" for lang, text in concept.formal.items())
    return notes


@dataclass
class Notes:
    """Notes read back: free text joined by newlines, flags decoded."""
    free: list[str] = field(default_factory=list)
    flags: dict[str, str] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)

    def add(self, raw: str) -> None:
        if raw.startswith(PREFIX) and "=" in raw:
            key, _, value = raw[len(PREFIX):].partition("=")
            if key == "note":
                self.free.append(value)
            elif key == "exception":
                self.exceptions.append(value)
            else:
                self.flags[key] = value
        else:
            self.free.append(raw)

    @property
    def note(self) -> str | None:
        return "\n".join(self.free) if self.free else None


ORIGINATION = ("origination", "creation", "input")


def read_transaction(path: str | Path, grp: etree._Element,
                     category: Callable[[etree._Element], str | None]) -> Transaction:
    """A ``transacGrp`` (or a bare ``transac``) as a Transaction; ``category(el)`` names an element's data category."""
    kids = elements(grp) if local(grp) == "transacGrp" else [grp]
    kind = date = by = None
    for child in kids:
        name, value = category(child), text_of(child)
        if local(child) == "date":
            date = iso_date(value)
            if date is None:
                raise fail(path, child, f"date {value!r} is not an ISO 8601 date or date-time")
        elif name == "transactionType" and kind is None:
            kind = "origination" if value in ORIGINATION else "modification"
        elif name == "responsibility" and by is None:
            by = value or None
    if kind is None:
        raise fail(path, grp, "a transacGrp needs its transac (transactionType)")
    return Transaction(kind, date, by)


def merge_transactions(own: tuple[Transaction, ...], more: list[Transaction]) -> tuple[Transaction, ...]:
    """``own`` followed by those of ``more`` not already there."""
    out = list(own)
    out.extend(t for t in dict.fromkeys(more) if t not in own)
    return tuple(out)


def make_term(path: str | Path, el: etree._Element, text: str, lang: str, concept: str, *, status: str | None,
              ttype: str | None, pos: str | None, source: str | None, notes: Notes,
              transactions: tuple[Transaction, ...] = ()) -> Term:
    """Build a Term, checking the values against our model (a located error otherwise)."""
    pos = notes.flags.get("pos", pos) or "noun"
    status = notes.flags.get("status", status)
    for value, allowed, what in ((status or "admitted", STATUSES, "status"),
                                 (ttype or "fullForm", TERM_TYPES, "term type"),
                                 (pos, PARTS_OF_SPEECH, "part of speech")):
        if value not in allowed:
            raise fail(path, el, f"unknown {what} {value!r} for term {text!r}; expected one of: {', '.join(allowed)}")
    cs = notes.flags.get("case_sensitive")
    return Term(text=text, lang=lang, concept=concept, status=status or "admitted", type=ttype or "fullForm", pos=pos,
                note=notes.note, source=source, verified=notes.flags.get("verified", "true") != "false",
                exceptions=tuple(notes.exceptions), case_sensitive=None if cs is None else cs == "true",
                transactions=transactions, origin=(str(path), getattr(el, "sourceline", None) or 1, 1))


def complete_concept(concept: Concept, definitions: dict, notes: Notes, transactions: list[Transaction],
                     lang_transactions: list[Transaction]) -> Concept:
    """What both TBX readers do last: a language-level definition when the concept has none,
    the ``bilingual:`` notes, and the transactions of every level."""
    if concept.definition is None:
        for lang in LANGS:
            if lang in definitions:
                concept.definition, source = definitions[lang]
                concept.source = concept.source if source is None else source
                break
    concept.note = notes.note
    concept.formal = {lang: notes.flags[f"formal.{lang}"] for lang in LANGS if f"formal.{lang}" in notes.flags}
    concept.transactions = merge_transactions(tuple(transactions), lang_transactions)
    return concept


def concept_id(raw: str | None, used: set[str], n: int) -> str:
    """Our id for an imported entry id: ours come back unchanged, others are made [a-z0-9-]."""
    raw = (raw or "").strip()
    if raw.startswith("_") and _ID.match(raw[1:]):
        raw = raw[1:]
    cid = raw if _ID.match(raw) else re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")
    if not cid:
        cid = f"c{n}"
    base, k = cid, 2
    while cid in used:
        cid, k = f"{base}-{k}", k + 1
    used.add(cid)
    return cid


def xml_id(cid: str) -> str:
    """An xs:ID for a concept id (an NCName cannot start with a digit)."""
    return f"_{cid}" if cid[0].isdigit() else cid


def finish(glossary: Glossary, concept: Concept) -> None:
    """Keep a concept that has an English or Japanese term."""
    if concept.terms:
        glossary.concepts[concept.id] = concept
