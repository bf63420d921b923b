"""Write a content document as XLIFF 1.2 or 2.0/2.1/2.2 for a CAT tool.

One unit per segment, the unit id being the segment id (stable across
exports). Emphasis, links and footnote references are inline codes
(1.2: ``g``/``x``; 2.x: ``pc``/``ph`` with ``originalData``), so a CAT tool
shows URLs and footnote labels as tags. Each unit carries its place in the
document, the glossary terms found in its English with their approved
Japanese (1.2 notes, 2.x Glossary module) and the TM's matches with their
score (1.2 ``alt-trans``, 2.x Translation Candidates module).

States: approved Japanese from the content is ``final``; a context or 100 %
TM match is pre-filled for review (1.2 ``needs-review-translation`` with
``state-qualifier`` ``id-match``/``exact-match``; 2.x ``translated`` with
``subState`` ``bilingual:tm-context``/``bilingual:tm-exact``); anything else
has no translation (1.2: a copy of the source, ``needs-translation``, since
CAT tools such as OmegaT translate only units that have a ``<target>``; 2.x:
no target, ``initial``). Glossary names (parties named
by concept id) are ``translate="no"``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..content.model import Document, Segment
from .xliff_codes import Item, Open, Ph, align, items_of

if TYPE_CHECKING:
    from lxml import etree

    from ..glossary.model import Glossary


class TermFinder(Protocol):
    """What finds glossary terms in a text (``glossary.matcher.TermIndex``; hits with term, surface, variant)."""

    def find(self, text: str, lang: str) -> Sequence[Any]: ...


#: ``matches(segments, i)``: the TM's matches (with tu, score, kind) for segment ``i``
MatchesOf = Callable[[list[Segment], int], Iterable[Any]]

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = {"2.0": "urn:oasis:names:tc:xliff:document:2.0", "2.1": "urn:oasis:names:tc:xliff:document:2.0",
       "2.2": "urn:oasis:names:tc:xliff:document:2.2"}
NS_GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
NS_MTC = "urn:oasis:names:tc:xliff:matches:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VERSIONS = ("1.2", "2.0", "2.1", "2.2")
DATATYPE = "x-bilingual-content"
CTYPE = {"i": "italic", "b": "bold", "link": "link", "fn": "x-footnote-ref", "url": "x-url"}
SUBTYPE_2 = {"i": "xlf:i", "b": "xlf:b"}


@dataclass
class UnitInfo:
    """What the export knows of one segment beyond its text."""

    segment: Segment
    source: list[Item]
    target: list[Item] | None = None
    state: str = "new"                  # final | prefilled-context | prefilled-exact | new | locked
    terms: list[tuple[str, str, str]] = field(default_factory=list)   # (English, Japanese, status)
    matches: list[tuple[float, str, list[Item], list[Item]]] = field(default_factory=list)  # (score, kind, src, trg)


def collect(doc: Document, index: TermFinder | None = None, glossary: Glossary | None = None,
            matches: MatchesOf | None = None) -> list[UnitInfo]:
    """The units of a document: codes, targets and states, glossary terms and TM matches
    (``matches(segments, i)``: the TM's matches for segment ``i``, given by the caller, so that this
    format module knows nothing of stores)."""
    from ..content.inline import InlineError, parse_inline

    segments = list(doc.segments())
    labels = set(doc.footnotes)
    out: list[UnitInfo] = []
    for i, seg in enumerate(segments):
        if seg.en is None or not seg.en.plain.strip():
            continue
        src = items_of(seg.en)
        info = UnitInfo(seg, src)
        if seg.origin == "glossary":
            info.state = "locked"
            info.target = items_of(seg.ja) if seg.ja is not None else None
        elif seg.ja is not None:
            info.state = "final"
            info.target = align(src, items_of(seg.ja))
        if index is not None and glossary is not None:
            seen = set()
            for hit in index.find(seg.en.plain, "en"):
                concept = glossary.concepts.get(hit.term.concept)
                term = concept.preferred("ja") if concept is not None else None
                if term is None or (hit.surface, term.text) in seen:
                    continue
                seen.add((hit.surface, term.text))
                status = term.status
                if hit.term.forbidden or hit.variant:
                    status += f"; the English as written is {'a variant' if hit.variant else hit.term.status}"
                info.terms.append((hit.surface, term.text, status))
        if matches is not None and info.state != "locked":
            for m in matches(segments, i):
                try:
                    m_src = items_of(parse_inline(m.tu.raw("en") or "", labels))
                    m_trg = items_of(parse_inline(m.tu.raw("ja") or "", labels))
                except InlineError:
                    continue
                info.matches.append((m.score, m.kind, align(src, m_src), align(src, m_trg)))
                if info.target is None and m.tu.approved and m.kind in ("context", "exact") and \
                        " ".join((m.tu.raw("en") or "").split()) == " ".join(seg.en.raw.split()):
                    info.target = align(src, m_trg)
                    info.state = "prefilled-" + m.kind
        out.append(info)
    return out


def _location(info: UnitInfo, doc: Document) -> str:
    seg = info.segment
    return f"{seg.role} {seg.id}, line {seg.line} of {Path(doc.path).name}"


# --- XLIFF 1.2 ------------------------------------------------------------------------------------

def _add_text(el: etree._Element, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _fill_12(el: etree._Element, items: list[Item], E: Callable[..., etree._Element]) -> None:
    stack = [el]
    for i in items:
        if isinstance(i, str):
            _add_text(stack[-1], i)
        elif isinstance(i, Ph):
            x = E("x", id=i.code.id, ctype=CTYPE[i.code.kind])
            x.set("equiv-text", i.code.markdown("ph"))
            stack[-1].append(x)
        elif isinstance(i, Open):
            g = E("g", id=i.code.id, ctype=CTYPE[i.code.kind])
            stack[-1].append(g)
            stack.append(g)
        else:
            stack.pop()


def _write_12(units: list[UnitInfo], doc: Document) -> bytes:
    from lxml import etree

    def E(tag: str, **attrs: str) -> etree._Element:
        return etree.Element(f"{{{NS12}}}{tag}", {k: v for k, v in attrs.items()})

    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12}, version="1.2")
    f = etree.SubElement(root, f"{{{NS12}}}file", original=doc.id, datatype=DATATYPE)
    f.set("source-language", "en")
    f.set("target-language", "ja")
    f.set("tool-id", "bilingual")
    header = etree.SubElement(f, f"{{{NS12}}}header")
    tool = etree.SubElement(header, f"{{{NS12}}}tool")
    tool.set("tool-id", "bilingual")
    tool.set("tool-name", "bilingual")
    body = etree.SubElement(f, f"{{{NS12}}}body")
    for info in units:
        seg = info.segment
        tu = etree.SubElement(body, f"{{{NS12}}}trans-unit", id=seg.id)
        tu.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if info.state == "locked":
            tu.set("translate", "no")
        src = E("source")
        src.set(XML_LANG, "en")
        _fill_12(src, info.source, E)
        tu.append(src)
        trg = E("target")
        trg.set(XML_LANG, "ja")
        tu.append(trg)
        if info.target is None:
            # a copy of the source, as CAT tools expect (OmegaT translates only units with a <target>)
            _fill_12(trg, info.source, E)
            trg.set("state", "needs-translation")
        else:
            _fill_12(trg, info.target, E)
            if info.state in ("final", "locked"):
                trg.set("state", "final")
            else:
                trg.set("state", "needs-review-translation")
                trg.set("state-qualifier", "id-match" if info.state == "prefilled-context" else "exact-match")
        for score, kind, m_src, m_trg in info.matches:
            alt = etree.SubElement(tu, f"{{{NS12}}}alt-trans")
            alt.set("match-quality", f"{score:g}")
            alt.set("origin", f"tm-{kind}")
            s = E("source")
            _fill_12(s, m_src, E)
            t = E("target")
            t.set(XML_LANG, "ja")
            _fill_12(t, m_trg, E)
            alt.extend([s, t])
        for en, ja, status in info.terms:
            note = etree.SubElement(tu, f"{{{NS12}}}note", {"from": "glossary", "annotates": "source"})
            note.text = f"{en} → {ja} ({status})"
        group = etree.SubElement(tu, f"{{{NS12}}}context-group", name=f"location-{seg.id}", purpose="location")
        for ctype, value in (("sourcefile", Path(doc.path).name), ("linenumber", str(seg.line)),
                             ("element", seg.role)):
            c = etree.SubElement(group, f"{{{NS12}}}context")
            c.set("context-type", ctype)
            c.text = value
    return _serialise(root)


# --- XLIFF 2.x ------------------------------------------------------------------------------------

class _Data:
    """originalData of one unit: the Markdown each code stands for, one data element per distinct text."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def ref(self, text: str) -> str:
        if text not in self.ids:
            self.ids[text] = f"d{len(self.ids) + 1}"
        return self.ids[text]


def _fill_2(el: etree._Element, items: list[Item], ns: str, data: _Data) -> None:
    from lxml import etree

    stack = [el]
    for i in items:
        if isinstance(i, str):
            _add_text(stack[-1], i)
        elif isinstance(i, Ph):
            ph = etree.SubElement(stack[-1], f"{{{ns}}}ph", id=i.code.id, dataRef=data.ref(i.code.markdown("ph")))
            ph.set("canDelete", "no")
            ph.set("equiv", i.code.markdown("ph"))
        elif isinstance(i, Open):
            c = i.code
            pc = etree.SubElement(stack[-1], f"{{{ns}}}pc", id=c.id)
            pc.set("dataRefStart", data.ref(c.markdown("open")))
            pc.set("dataRefEnd", data.ref(c.markdown("close")))
            pc.set("type", "link" if c.kind == "link" else "fmt")
            if c.kind in SUBTYPE_2:
                pc.set("subType", SUBTYPE_2[c.kind])
            if c.required:
                pc.set("canDelete", "no")
            stack.append(pc)
        else:
            stack.pop()


def _write_2(units: list[UnitInfo], doc: Document, version: str) -> bytes:
    from lxml import etree

    ns = NS2[version]

    def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None,
            space: str = ns) -> etree._Element:
        el = etree.SubElement(parent, f"{{{space}}}{tag}", attrs or {})
        if text is not None:
            el.text = text
        return el

    root = etree.Element(f"{{{ns}}}xliff", nsmap={None: ns, "gls": NS_GLS, "mtc": NS_MTC},
                         version=version, srcLang="en", trgLang="ja")
    f = sub(root, "file", {"id": doc.id, "original": Path(doc.path).name})
    for info in units:
        seg = info.segment
        unit = sub(f, "unit", {"id": seg.id})
        if info.state == "locked":
            unit.set("translate", "no")
        if info.matches:
            matches = sub(unit, "matches", space=NS_MTC)
            for n, (score, kind, m_src, m_trg) in enumerate(info.matches, start=1):
                m = sub(matches, "match", {"id": f"m{n}", "ref": "#s1", "matchQuality": f"{min(score, 100):g}",
                                           "similarity": f"{min(score, 100):g}", "origin": f"tm-{kind}",
                                           "type": "tm"}, space=NS_MTC)
                data = _Data()
                od = sub(m, "originalData")
                s = sub(m, "source")
                _fill_2(s, m_src, ns, data)
                t = sub(m, "target")
                _fill_2(t, m_trg, ns, data)
                if data.ids:
                    for text, did in data.ids.items():
                        sub(od, "data", {"id": did}, text)
                else:
                    m.remove(od)
        if info.terms:
            gls = sub(unit, "glossary", space=NS_GLS)
            for en, ja, status in info.terms:
                entry = sub(gls, "glossEntry", space=NS_GLS)
                sub(entry, "term", {"source": "glossary"}, en, space=NS_GLS)
                sub(entry, "translation", {"source": "glossary"}, ja, space=NS_GLS)
                sub(entry, "definition", {"source": "glossary"}, f"status: {status}", space=NS_GLS)
        notes = sub(unit, "notes")
        sub(notes, "note", {"category": "location"}, _location(info, doc))
        data = _Data()
        od = sub(unit, "originalData")
        segment = sub(unit, "segment", {"id": "s1"})
        src = sub(segment, "source")
        _fill_2(src, info.source, ns, data)
        if info.target is not None:
            trg = sub(segment, "target")
            _fill_2(trg, info.target, ns, data)
            if info.state in ("final", "locked"):
                segment.set("state", "final")
            else:
                segment.set("state", "translated")
                segment.set("subState", "bilingual:tm-" + info.state.split("-", 1)[1])
        else:
            segment.set("state", "initial")
        if data.ids:
            for text, did in data.ids.items():
                sub(od, "data", {"id": did}, text)
        else:
            unit.remove(od)
    return _serialise(root)


_STRUCTURE = frozenset({"xliff", "file", "header", "body", "trans-unit", "unit", "segment", "alt-trans", "matches",
                        "match", "glossary", "glossEntry", "notes", "originalData", "context-group", "group"})


def _indent(el: etree._Element, depth: int = 0) -> None:
    """Line breaks between structural elements only: text and inline codes keep every character."""
    local = el.tag.split("}")[-1]
    if local not in _STRUCTURE or not len(el):
        return
    pad = "\n" + "  " * (depth + 1)
    el.text = pad
    for child in el:
        _indent(child, depth + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * depth


def _serialise(root: etree._Element) -> bytes:
    from lxml import etree

    _indent(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def write_xliff(doc: Document, version: str, index: TermFinder | None = None, glossary: Glossary | None = None,
                matches: MatchesOf | None = None) -> bytes:
    """The document as XLIFF ``version`` (1.2, 2.0, 2.1 or 2.2)."""
    units = collect(doc, index, glossary, matches)
    if version == "1.2":
        return _write_12(units, doc)
    return _write_2(units, doc, version)
