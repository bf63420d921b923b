"""TBX 2008 (ISO 30042:2008) ``<martif>``: read what CAT tools export, and write it for older tools.

Structure: martif/text/body/termEntry/langSet/(tig | ntig/termGrp)/term with
``termNote``/``descrip``/``admin``/``note``. The mapping is the same as TBX 2019's
(``tbx2019.py``) with ``termEntry``, ``langSet`` and ``tig`` for ``conceptEntry``,
``langSec`` and ``termSec``. Reading is lenient with tool vocabulary:
``normativeAuthorization`` and ``usageStatus`` give the status, an unknown
``termType`` (``entryTerm``, ``synonym`` …) is a full form and an unknown part
of speech is ``other``. Only English and Japanese terms are kept.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..glossary.model import PARTS_OF_SPEECH, TERM_TYPES, Concept, Glossary
from . import tbx
from .tbx import ADMN, FROM_ADMN, FROM_NORMATIVE, FROM_USAGE, LANGS, Notes, elements, fail, local, text_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml import etree

    from ..glossary.model import Term, Transaction

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_martif(glossary: Glossary) -> bytes:
    """The glossary as a TBX 2008 ``<martif>`` document (UTF-8)."""
    from lxml import etree

    root = etree.Element("martif", type="TBX")
    root.set(XML_LANG, "en")
    header = etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc")
    etree.SubElement(etree.SubElement(header, "sourceDesc"), "p").text = "bilingual glossary (EN–JA)"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")

    def add(parent: etree._Element, tag: str, value: str, type_: str | None = None) -> etree._Element:
        el = etree.SubElement(parent, tag, **({"type": type_} if type_ else {}))
        el.text = value
        return el

    def transactions(parent: etree._Element, items: Iterable[Transaction]) -> None:
        for tr in items:
            grp = etree.SubElement(parent, "transacGrp")
            add(grp, "transac", tr.type, "transactionType")
            if tr.by is not None:
                add(grp, "transacNote", tr.by, "responsibility")
            if tr.date is not None:
                add(grp, "date", tr.date)

    for concept in glossary.concepts.values():
        entry = etree.SubElement(body, "termEntry", id=tbx.xml_id(concept.id))
        if concept.subject is not None:
            add(entry, "descrip", concept.subject, "subjectField")
        if concept.definition is not None:
            grp = etree.SubElement(entry, "descripGrp")
            add(grp, "descrip", concept.definition, "definition")
            if concept.source is not None:
                add(grp, "admin", concept.source, "source")
        elif concept.source is not None:
            add(entry, "admin", concept.source, "source")
        for text in tbx.concept_notes(concept):
            add(entry, "note", text)
        transactions(entry, concept.transactions)
        for lang in dict.fromkeys(t.lang for t in concept.terms):
            sec = etree.SubElement(entry, "langSet")
            sec.set(XML_LANG, lang)
            for term in concept.terms_in(lang):
                tig = etree.SubElement(sec, "tig")
                add(tig, "term", term.text)
                add(tig, "termNote", term.pos if term.pos in tbx.TBX_POS else "noun", "partOfSpeech")
                add(tig, "termNote", ADMN[term.status], "administrativeStatus")
                add(tig, "termNote", term.type, "termType")
                if term.source is not None:
                    add(tig, "admin", term.source, "source")
                for text in tbx.term_notes(term, tbx_pos_only=True):
                    add(tig, "note", text)
                transactions(tig, term.transactions)
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                                 doctype='<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">')
    return data


def read_martif(path: str | Path, data: bytes | None = None, root: etree._Element | None = None) -> Glossary:
    """Read a TBX 2008 ``<martif>`` file."""
    if root is None:
        root = tbx.parse_xml(path, data)
    if local(root) != "martif":
        raise fail(path, root, f"not a TBX 2008 file: root element {local(root)!r} (expected martif)")
    body = next((b for t in elements(root) if local(t) == "text" for b in elements(t) if local(b) == "body"), None)
    if body is None:
        raise fail(path, root, "a martif file needs text/body")
    glossary, used = Glossary(), set[str]()
    for n, entry in enumerate(elements(body), 1):
        if local(entry) != "termEntry":
            raise fail(path, entry, f"unexpected {local(entry)} in body (expected termEntry)")
        tbx.finish(glossary, _concept(path, entry, tbx.concept_id(entry.get("id"), used, n)))
    return glossary


def _concept(path: str | Path, entry: etree._Element, cid: str) -> Concept:
    concept = Concept(id=cid, origin=(str(path), entry.sourceline or 1, 1))
    notes, definitions = Notes(), dict[str, tuple[str, str | None]]()
    transactions: list[Transaction] = []
    lang_transactions: list[Transaction] = []
    for child in elements(entry):
        kind, dtype = local(child), child.get("type")
        if kind == "langSet":
            lang = tbx.lang_of(child)
            if lang is None:
                raise fail(path, child, "langSet needs xml:lang")
            _lang_set(path, child, lang, concept, definitions, lang_transactions)
        elif kind in ("transacGrp", "transac"):
            transactions.append(tbx.read_transaction(path, child, _category))
        elif kind == "descrip" and dtype == "subjectField":
            concept.subject = text_of(child)
        elif kind == "descrip" and dtype == "definition":
            concept.definition = text_of(child)
        elif kind == "admin" and dtype == "source":
            concept.source = text_of(child)
        elif kind == "note":
            notes.add(text_of(child))
        elif kind == "descripGrp":
            main, source = _group(child)
            if main is not None and main.get("type") == "definition":
                concept.definition = text_of(main)
                if source is not None:
                    concept.source = source
    return tbx.complete_concept(concept, definitions, notes, transactions, lang_transactions)


def _category(el: etree._Element) -> str | None:
    """The data category of a TBX 2008 element (its ``type``)."""
    category: str | None = el.get("type")
    return category


def _group(grp: etree._Element) -> tuple[etree._Element | None, str | None]:
    kids = elements(grp)
    main = kids[0] if kids else None
    source = next((text_of(k) for k in kids[1:] if local(k) == "admin" and k.get("type") == "source"), None)
    return main, source


def _lang_set(path: str | Path, sec: etree._Element, lang: str, concept: Concept, definitions: dict,
             transactions: list) -> None:
    for child in elements(sec):
        kind = local(child)
        if kind in ("transacGrp", "transac"):
            transactions.append(tbx.read_transaction(path, child, _category))
        elif kind in ("tig", "ntig"):
            if lang in LANGS:
                concept.terms.append(_term(path, child, lang, concept.id))
        elif kind == "descrip" and child.get("type") == "definition":
            definitions.setdefault(lang, (text_of(child), None))
        elif kind == "descripGrp":
            main, source = _group(child)
            if main is not None and main.get("type") == "definition":
                definitions.setdefault(lang, (text_of(main), source))


def _term(path: str | Path, tig: etree._Element, lang: str, cid: str) -> Term:
    parts = elements(tig)
    if local(tig) == "ntig":  # ntig: termGrp (term + termNotes) then the term's other data
        grp = next((p for p in parts if local(p) == "termGrp"), None)
        if grp is None:
            raise fail(path, tig, "an ntig needs a termGrp")
        parts = elements(grp) + [p for p in parts if p is not grp]
    terms = [p for p in parts if local(p) == "term"]
    if len(terms) != 1:
        raise fail(path, tig, f"a {local(tig)} holds exactly one term")
    text = text_of(terms[0])
    if not text:
        raise fail(path, terms[0], "empty term")
    status = ttype = pos = source = None
    notes, transactions = Notes(), []
    for child in parts:
        kind, dtype, value = local(child), child.get("type"), text_of(child)
        if kind in ("transacGrp", "transac"):
            transactions.append(tbx.read_transaction(path, child, _category))
        elif kind == "termNote" and dtype == "administrativeStatus":
            status = FROM_ADMN.get(value, FROM_NORMATIVE.get(value, status))
        elif kind == "termNote" and dtype in ("normativeAuthorization", "usageStatus"):
            status = status or FROM_NORMATIVE.get(value) or FROM_USAGE.get(value)
        elif kind == "termNote" and dtype == "partOfSpeech":
            pos = value if value in PARTS_OF_SPEECH else "other"
        elif kind == "termNote" and dtype == "termType":
            ttype = value if value in TERM_TYPES else None
        elif kind == "admin" and dtype == "source":
            source = value
        elif kind == "note":
            notes.add(value)
    return tbx.make_term(path, tig, text, lang, cid, status=status, ttype=ttype, pos=pos, source=source, notes=notes,
                         transactions=tuple(transactions))
