"""TBX 2019 (ISO 30042:2019), TBX-Basic dialect: write (DCA or DCT style) and read.

Mapping (both directions): subject → ``descrip subjectField`` (concept);
definition and concept source → ``descripGrp`` of ``descrip definition`` and
``admin source`` (a bare ``admin source`` if there is no definition); term
status → ``termNote administrativeStatus`` (``preferredTerm-admn-sts`` …);
pos → ``termNote partOfSpeech``; type → ``termNote termType``; term source →
``admin source`` in the termSec; transactions → ``transacGrp`` (concept and
termSec); notes and our other fields → ``note`` (see
``tbx.py``). DCT style writes the same data categories as elements in the
``min:``/``basic:`` namespaces. Reading also accepts ``usageStatus`` (TBX-Min,
and the LTAC ``basic_good.tbx``), definitions at language level, and any
language (only English and Japanese terms are kept).

Sources: the registry (``glossary/sources.yaml``) travels in the back matter,
``text/back/refObjectSec[@type="sources"]``, each ``refObject id="src-KEY"`` with one
``<item type="key|url|title|publisher|checked|note">`` each; and every level
that cites a key also carries ``xref type="externalCrossReference"`` with the
page's URL as ``target`` (its title, else its key, as text), so that a tool
that reads only the entries still reaches the page. The xrefs are derived, and
are not read back.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..glossary.model import Concept, Glossary, Source, iso_date, source_citations
from . import tbx
from .tbx import ADMN, FROM_ADMN, FROM_USAGE, LANGS, Notes, elements, fail, local, text_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml import etree

    from ..glossary.model import Term, Transaction

NS = "urn:iso:std:iso:30042:ed-2"
MIN_NS = "http://www.tbxinfo.net/ns/min"
BASIC_NS = "http://www.tbxinfo.net/ns/basic"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# DCA element for each data category we write, and the DCT namespace that holds it
_DC = {
    "subjectField": ("descrip", MIN_NS), "definition": ("descrip", BASIC_NS), "context": ("descrip", BASIC_NS),
    "source": ("admin", BASIC_NS), "customerSubset": ("admin", MIN_NS), "projectSubset": ("admin", BASIC_NS),
    "administrativeStatus": ("termNote", MIN_NS), "partOfSpeech": ("termNote", MIN_NS),
    "termType": ("termNote", BASIC_NS), "geographicalUsage": ("termNote", BASIC_NS),
    "grammaticalGender": ("termNote", BASIC_NS), "termLocation": ("termNote", BASIC_NS),
    "transactionType": ("transac", BASIC_NS), "responsibility": ("transacNote", BASIC_NS),
    "crossReference": ("ref", BASIC_NS), "externalCrossReference": ("xref", MIN_NS), "xGraphic": ("xref", BASIC_NS),
}
_DCA_TYPES = {kind: {name for name, (k, _) in _DC.items() if k == kind} for kind, _ in _DC.values()}
PICKLISTS = {
    "administrativeStatus": set(ADMN.values()),
    "partOfSpeech": set(tbx.TBX_POS),
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "transactionType": {"origination", "modification"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
}
# data category -> levels (parent element, looking through *Grp) where TBX-Basic allows it
LEVELS = {
    "subjectField": {"conceptEntry"}, "definition": {"conceptEntry", "langSec"}, "context": {"termSec"},
    "source": {"conceptEntry", "langSec", "termSec"}, "customerSubset": {"conceptEntry", "termSec"},
    "projectSubset": {"conceptEntry", "termSec"}, "xGraphic": {"conceptEntry", "langSec"},
    "externalCrossReference": {"conceptEntry", "langSec", "termSec"},
    "crossReference": {"conceptEntry", "termSec"},
}


def _dc_name(el: etree._Element) -> str | None:
    """The data category an element carries (DCA ``@type`` or DCT element name), else None."""
    tag = el.tag
    if tag.startswith("{" + NS + "}"):
        return el.get("type") if local(el) in _DCA_TYPES else None
    if tag.startswith("{" + MIN_NS + "}") or tag.startswith("{" + BASIC_NS + "}"):
        return local(el)
    return None


def to_tbx(glossary: Glossary, style: str = "dca") -> bytes:
    """The glossary as a TBX-Basic document (``style`` ``dca`` or ``dct``)."""
    from lxml import etree

    if style not in ("dca", "dct"):
        raise ValueError(f"style must be dca or dct, not {style!r}")
    nsmap = {None: NS} if style == "dca" else {None: NS, "min": MIN_NS, "basic": BASIC_NS}
    root = etree.Element(f"{{{NS}}}tbx", nsmap=nsmap, type="TBX-Basic", style=style)
    root.set(XML_LANG, "en")
    header = etree.SubElement(etree.SubElement(root, f"{{{NS}}}tbxHeader"), f"{{{NS}}}fileDesc")
    src = etree.SubElement(etree.SubElement(header, f"{{{NS}}}sourceDesc"), f"{{{NS}}}p")
    src.text = "bilingual glossary (EN–JA, US–Japan fusion partnership)"
    text_el = etree.SubElement(root, f"{{{NS}}}text")
    body = etree.SubElement(text_el, f"{{{NS}}}body")

    def dc(parent: etree._Element, name: str, value: str) -> etree._Element:
        kind, ns = _DC[name]
        if style == "dca":
            el = etree.SubElement(parent, f"{{{NS}}}{kind}", type=name)
        else:
            el = etree.SubElement(parent, f"{{{ns}}}{name}")
        el.text = value
        return el

    def note(parent: etree._Element, value: str) -> None:
        etree.SubElement(parent, f"{{{NS}}}note").text = value

    def xrefs(parent: etree._Element, text: str | None) -> None:
        """externalCrossReference to each cited page of the registry."""
        for key in dict.fromkeys(head for head, _ in source_citations(text)):
            s = glossary.sources.get(key)
            if s is not None and s.url:
                dc(parent, "externalCrossReference", s.title or key).set("target", s.url)

    def transactions(parent: etree._Element, items: Iterable[Transaction]) -> None:
        for tr in items:
            grp = etree.SubElement(parent, f"{{{NS}}}transacGrp")
            dc(grp, "transactionType", tr.type)
            if tr.date is not None:
                etree.SubElement(grp, f"{{{NS}}}date").text = tr.date
            if tr.by is not None:
                dc(grp, "responsibility", tr.by)

    for concept in glossary.concepts.values():
        langs = [lang for lang in dict.fromkeys(t.lang for t in concept.terms)]
        if not langs:
            from ..io.errors import InputError

            path, line, col = concept.origin or ("<glossary>", 1, 1)
            raise InputError(path, line, col, f"concept {concept.id!r} has no terms; a TBX conceptEntry needs one")
        entry = etree.SubElement(body, f"{{{NS}}}conceptEntry", id=tbx.xml_id(concept.id))
        if concept.subject is not None:
            dc(entry, "subjectField", concept.subject)
        if concept.definition is not None:
            grp = etree.SubElement(entry, f"{{{NS}}}descripGrp")
            dc(grp, "definition", concept.definition)
            if concept.source is not None:
                dc(grp, "source", concept.source)
        elif concept.source is not None:
            dc(entry, "source", concept.source)
        xrefs(entry, concept.source)
        for text in tbx.concept_notes(concept):
            note(entry, text)
        transactions(entry, concept.transactions)
        for lang in langs:
            sec = etree.SubElement(entry, f"{{{NS}}}langSec")
            sec.set(XML_LANG, lang)
            for term in concept.terms_in(lang):
                ts = etree.SubElement(sec, f"{{{NS}}}termSec")
                etree.SubElement(ts, f"{{{NS}}}term").text = term.text
                dc(ts, "partOfSpeech", term.pos if term.pos in tbx.TBX_POS else "noun")
                dc(ts, "administrativeStatus", ADMN[term.status])
                dc(ts, "termType", term.type)
                if term.source is not None:
                    dc(ts, "source", term.source)
                xrefs(ts, term.source)
                for text in tbx.term_notes(term, tbx_pos_only=True):
                    note(ts, text)
                transactions(ts, term.transactions)
    if glossary.sources:
        sec = etree.SubElement(etree.SubElement(text_el, f"{{{NS}}}back"), f"{{{NS}}}refObjectSec", type="sources")
        for s in glossary.sources.values():
            obj = etree.SubElement(sec, f"{{{NS}}}refObject", id=f"src-{s.key}")
            for name in ("key", *SOURCE_ITEMS):
                value = getattr(s, name)
                if value is not None:
                    etree.SubElement(obj, f"{{{NS}}}item", type=name).text = value
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


SOURCE_ITEMS = ("url", "title", "publisher", "checked", "note")


def _sources(path: str | Path, root: etree._Element, glossary: Glossary) -> None:
    """The registry from ``back/refObjectSec[@type='sources']``."""
    for sec in root.iterfind(f"{{{NS}}}text/{{{NS}}}back/{{{NS}}}refObjectSec"):
        if sec.get("type") != "sources":
            continue
        for obj in elements(sec):
            items = {it.get("type"): text_of(it) for it in elements(obj) if local(it) == "item"}
            key = items.get("key")
            if not key:
                raise fail(path, obj, "a refObject of the sources needs an item of type 'key'")
            checked = items.get("checked")
            if checked is not None and iso_date(checked) is None:
                raise fail(path, obj, f"date {checked!r} is not an ISO 8601 date")
            glossary.sources[key] = Source(key=key, origin=(str(path), obj.sourceline or 1, 1),
                                           **{name: items.get(name) for name in SOURCE_ITEMS})


def basic_problems(root: etree._Element, legacy: bool = False) -> list[tuple[int, str]]:
    """TBX-Basic rules that the core RNG does not check (the Schematron's value lists and levels).

    ``legacy`` tolerates what older TBX-Basic files (and LTAC's ``basic_good.tbx``) use:
    ``termNote type="usageStatus"`` and the transaction type ``creation``.
    """
    problems: list[tuple[int, str]] = []
    style = root.get("style")
    if root.get("type") != "TBX-Basic":
        problems.append((root.sourceline, "the dialect (tbx/@type) should be TBX-Basic"))
    if style not in ("dca", "dct"):
        problems.append((root.sourceline, "tbx/@style must be dca or dct"))
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        line, name = el.sourceline, _dc_name(el)
        target = el.get("target")
        if target is not None and not (target.startswith(("http://", "https://")) or target in ids):
            problems.append((line, f"target {target!r} is neither a URL nor an id in this file"))
        ns = el.tag[1:].split("}")[0] if el.tag.startswith("{") else ""
        if style == "dca" and ns != NS:
            problems.append((line, f"element {local(el)} from another namespace in a DCA-style file"))
            continue
        if legacy and name == "usageStatus":
            continue
        if style == "dca" and local(el) in _DCA_TYPES and el.get("type") is not None \
                and name not in _DCA_TYPES[local(el)]:
            allowed = ", ".join(sorted(_DCA_TYPES[local(el)]))
            problems.append((line, f"{local(el)} type {name!r} is not a TBX-Basic data category ({allowed})"))
            continue
        if name is None:
            continue
        if style == "dct" and name not in _DC:
            problems.append((line, f"{name} is not a TBX-Basic data category"))
            continue
        value = text_of(el)
        if legacy and name == "transactionType" and value == "creation":
            continue
        if name in PICKLISTS and value not in PICKLISTS[name]:
            problems.append((line, f"{name} {value!r} is not in the TBX-Basic list "
                                   f"({', '.join(sorted(PICKLISTS[name]))})"))
        level = el.getparent()
        if level is not None and local(level).endswith("Grp"):   # a …Grp (transacGrp too) sits inside its level
            level = level.getparent()
        if _DC[name][0] == "termNote" and local(el.getparent()) not in ("termSec", "termNoteGrp"):
            problems.append((line, f"{name} (a termNote) is only allowed in a termSec"))
        elif name in LEVELS and level is not None and local(level) not in LEVELS[name]:
            problems.append((line, f"{name} may only appear at level(s): {', '.join(sorted(LEVELS[name]))}"))
    return problems


def read_tbx(path: str | Path, data: bytes | None = None) -> Glossary:
    """Read a TBX 2019 file (any dialect; TBX-Basic is checked against its rules)."""
    root = tbx.parse_xml(path, data)
    if local(root) == "martif":
        from .tbx2008 import read_martif

        return read_martif(path, root=root)
    if root.tag != f"{{{NS}}}tbx":
        raise fail(path, root, f"not a TBX 2019 file: root element {local(root)!r} (expected tbx in {NS})")
    if root.get("type") == "TBX-Basic":
        problems = basic_problems(root, legacy=True)
        if problems:
            line, message = problems[0]
            from ..io.errors import InputError

            raise InputError(str(path), line or 1, 1, f"not valid TBX-Basic: {message}")
    body = root.find(f"{{{NS}}}text/{{{NS}}}body")
    if body is None:
        raise fail(path, root, "a TBX file needs text/body")
    glossary, used = Glossary(), set[str]()
    for n, entry in enumerate(elements(body), 1):
        if entry.tag != f"{{{NS}}}conceptEntry":
            raise fail(path, entry, f"unexpected {local(entry)} in body (expected conceptEntry)")
        tbx.finish(glossary, _concept(path, entry, tbx.concept_id(entry.get("id"), used, n)))
    _sources(path, root, glossary)
    return glossary


def _concept(path: str | Path, entry: etree._Element, cid: str) -> Concept:
    if not entry.get("id"):
        raise fail(path, entry, "conceptEntry needs an id")
    concept = Concept(id=cid, origin=(str(path), entry.sourceline or 1, 1))
    notes, definitions = Notes(), dict[str, tuple[str, str | None]]()
    transactions: list[Transaction] = []
    lang_transactions: list[Transaction] = []
    for child in elements(entry):
        name = _dc_name(child)
        if local(child) == "langSec":
            lang = tbx.lang_of(child)
            if lang is None:
                raise fail(path, child, "langSec needs xml:lang")
            _lang_sec(path, child, lang, concept, definitions, lang_transactions)
        elif local(child) == "transacGrp" or name == "transactionType":
            transactions.append(tbx.read_transaction(path, child, _dc_name))
        elif name == "subjectField":
            concept.subject = text_of(child)
        elif name == "source":
            concept.source = text_of(child)
        elif local(child) == "note":
            notes.add(text_of(child))
        elif local(child) == "descripGrp":
            main, source = _group(child)
            if main is not None and _dc_name(main) == "definition":
                concept.definition = text_of(main)
                if source is not None:
                    concept.source = source
            elif main is not None and _dc_name(main) == "subjectField":
                concept.subject = text_of(main)
        elif name == "definition":
            concept.definition = text_of(child)
    return tbx.complete_concept(concept, definitions, notes, transactions, lang_transactions)


def _group(grp: etree._Element) -> tuple[etree._Element | None, str | None]:
    """The main element of a *Grp and the text of its ``source``, if any."""
    kids = elements(grp)
    main = kids[0] if kids else None
    source = next((text_of(k) for k in kids[1:] if _dc_name(k) == "source"), None)
    return main, source


def _lang_sec(path: str | Path, sec: etree._Element, lang: str, concept: Concept, definitions: dict,
             transactions: list) -> None:
    for child in elements(sec):
        if local(child) == "transacGrp" or _dc_name(child) == "transactionType":
            transactions.append(tbx.read_transaction(path, child, _dc_name))
        elif local(child) == "termSec":
            term = _term(path, child, lang, concept.id)
            if term is not None:
                concept.terms.append(term)
        elif local(child) == "descripGrp":
            main, source = _group(child)
            if main is not None and _dc_name(main) == "definition":
                definitions.setdefault(lang, (text_of(main), source))
        elif _dc_name(child) == "definition":
            definitions.setdefault(lang, (text_of(child), None))


def _term(path: str | Path, ts: etree._Element, lang: str, cid: str) -> Term | None:
    kids = elements(ts)
    if not kids or local(kids[0]) != "term":
        raise fail(path, ts, "a termSec must start with its term")
    if sum(1 for k in kids if local(k) == "term") > 1:
        raise fail(path, ts, "a termSec holds exactly one term")
    text = text_of(kids[0])
    if not text:
        raise fail(path, kids[0], "empty term")
    status = ttype = pos = source = context_source = None
    notes, transactions = Notes(), []
    for child in kids[1:]:
        name = _dc_name(child)
        value = text_of(child)
        if local(child) == "transacGrp" or name == "transactionType":
            transactions.append(tbx.read_transaction(path, child, _dc_name))
        elif name == "administrativeStatus":
            if value not in FROM_ADMN:
                raise fail(path, child, f"unknown administrativeStatus {value!r}")
            status = FROM_ADMN[value]
        elif name == "usageStatus":
            if value not in FROM_USAGE:
                raise fail(path, child, f"unknown usageStatus {value!r}; expected one of: {', '.join(FROM_USAGE)}")
            status = status or FROM_USAGE[value]
        elif name == "partOfSpeech":
            pos = value
        elif name == "termType":
            ttype = value
        elif name == "source":
            source = value
        elif local(child) == "note":
            notes.add(value)
        elif local(child) == "descripGrp":
            _, context_source = _group(child)
    if lang not in LANGS:
        return None
    return tbx.make_term(path, ts, text, lang, cid, status=status, ttype=ttype, pos=pos,
                         source=source if source is not None else context_source, notes=notes,
                         transactions=tuple(transactions))
