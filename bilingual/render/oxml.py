"""The WordprocessingML that python-docx does not write: footnotes, hyperlinks,
per-list numbering, East Asian fonts and language tags, page-number fields.

Like python-docx's own ``oxml`` package this module knows XML and nothing of
documents: functions build or edit elements and return them.
"""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.ns import nsmap as _NSMAP
from docx.package import Package
from lxml import etree

FOOTNOTES_PARTNAME = "/word/footnotes.xml"
FOOTNOTES_CONTENT_TYPE = CT.WML_FOOTNOTES
FOOTNOTES_RELTYPE = RT.FOOTNOTES
HYPERLINK_RELTYPE = RT.HYPERLINK

#: Markup Compatibility (ECMA-376 Part 3) and Word 2013's namespace, which a custom note mark requires
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"

#: style ids the writer refers to (Word's built-in ids; the names live in the reference DOCX)
FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"
HYPERLINK_STYLE = "Hyperlink"

#: BCP 47 tags written on runs, per content language
LANG_TAGS = {"en": "en-US", "ja": "ja-JP"}

# children of w:rPr that come after w:lang (schema order)
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
# children of w:rPr that come after w:rFonts
_AFTER_RFONTS = (
    "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position",
    "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
    "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", *_AFTER_LANG,
)
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _xpath(el: etree._Element, expr: str) -> list:
    """``el.xpath(expr)`` with the WordprocessingML prefixes, on any lxml element."""
    found: list = etree._Element.xpath(el, expr, namespaces=_NSMAP)
    return found


def element(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    """A new element ``tag`` (``w:…`` prefix form) with attributes and children."""
    el = OxmlElement(tag, {qn(k): v for k, v in (attrs or {}).items()})
    for child in children:
        el.append(child)
    return el


# ---------------------------------------------------------------- footnotes

class FootnotesPart(XmlPart):
    """``word/footnotes.xml``: python-docx has no class for it, so it would stay a blob."""

    @classmethod
    def new(cls, package: Package) -> FootnotesPart:
        """An empty footnotes part holding only the two separator notes."""
        return cls(PackURI(FOOTNOTES_PARTNAME), FOOTNOTES_CONTENT_TYPE, new_footnotes(), package)


def register_parts() -> None:
    """Make python-docx load ``footnotes.xml`` as XML (idempotent)."""
    PartFactory.part_type_for[FOOTNOTES_CONTENT_TYPE] = FootnotesPart


def new_footnotes() -> etree._Element:
    """``<w:footnotes>`` with the separator (id -1) and continuation separator (id 0)."""
    root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}/>")
    _add_separators(root)
    return root


def _add_separators(footnotes: etree._Element) -> None:
    for note_id, kind, mark in ((-1, "separator", "w:separator"),
                                (0, "continuationSeparator", "w:continuationSeparator")):
        note = element("w:footnote", {"w:type": kind, "w:id": str(note_id)})
        p = element("w:p", None,
                    element("w:pPr", None,
                            element("w:spacing", {"w:after": "0", "w:line": "240", "w:lineRule": "auto"})),
                    element("w:r", None, element(mark)))
        note.append(p)
        footnotes.insert(note_id + 1, note)


def reset_footnotes(footnotes: etree._Element) -> None:
    """Drop every real note (a template's content), keeping or restoring the separators."""
    for note in footnotes.findall(qn("w:footnote")):
        if int(note.get(qn("w:id"), "1")) > 0 or note.get(qn("w:type")) not in ("separator", "continuationSeparator"):
            footnotes.remove(note)
    if len(footnotes.findall(qn("w:footnote"))) != 2:
        for note in footnotes.findall(qn("w:footnote")):
            footnotes.remove(note)
        _add_separators(footnotes)


def add_footnote(footnotes: etree._Element, note_id: int, custom_mark: str | None = None) -> etree._Element:
    """Append ``<w:footnote w:id=note_id>`` with one FootnoteText paragraph that starts
    with the note mark (the automatic number, or ``custom_mark``); return that paragraph
    (``w:p``) for the caller to fill."""
    mark = element("w:r", None,
                   element("w:rPr", None, element("w:rStyle", {"w:val": FOOTNOTE_REFERENCE_STYLE})),
                   element("w:footnoteRef") if custom_mark is None else _custom_note_mark(footnotes, custom_mark))
    space = element("w:r", None, _t(" "))
    p = element("w:p", None,
                element("w:pPr", None, element("w:pStyle", {"w:val": FOOTNOTE_TEXT_STYLE})),
                mark, space)
    footnotes.append(element("w:footnote", {"w:id": str(note_id)}, p))
    return p


def _custom_note_mark(footnotes: etree._Element, mark: str) -> etree._Element:
    """A custom mark at the head of its note, printed once by Word and by LibreOffice.

    Word prints a custom-mark note's mark only as run text in the note (ECMA-376
    §17.11.14; LibreOffice's own DOCX export writes it so). LibreOffice always prints
    the note's label itself and, up to at least 7.4, also keeps that text: "11". So the
    text sits in ``mc:AlternateContent`` whose ``mc:Choice`` requires ``w15`` (Word 2013's
    namespace): Word 2013 and later take the choice and print the mark; LibreOffice's
    DOCX import takes a choice only for ``wps``/``wpg``/``w14``/``wpc``, takes the empty
    ``mc:Fallback``, and prints its own label alone. Word 2007/2010 print no mark in the note.
    The two namespaces are declared on ``w:footnotes``, where Word declares them."""
    if footnotes.nsmap.get("mc") != MC_NS or footnotes.nsmap.get("w15") != W15_NS:
        keep = [prefix for prefix in footnotes.nsmap if prefix]    # a template's mc:Ignorable names some
        etree.cleanup_namespaces(footnotes, top_nsmap={"mc": MC_NS, "w15": W15_NS}, keep_ns_prefixes=[*keep, "w15"])
    alternate = etree.SubElement(footnotes, f"{{{MC_NS}}}AlternateContent")
    footnotes.remove(alternate)           # made under the root so that it uses the root's prefixes
    choice = etree.SubElement(alternate, f"{{{MC_NS}}}Choice", Requires="w15")
    choice.append(_t(mark))
    etree.SubElement(alternate, f"{{{MC_NS}}}Fallback")
    return alternate


def footnote_reference_runs(note_id: int, custom_mark: str | None = None) -> list[etree._Element]:
    """The body runs that call note ``note_id``: ``rStyle FootnoteReference`` + ``w:footnoteReference``;
    with ``custom_mark``, ``w:customMarkFollows`` and a run printing that mark instead of the
    automatic number (which such a note does not take)."""
    def run(child: etree._Element) -> etree._Element:
        return element("w:r", None, element("w:rPr", None, element("w:rStyle", {"w:val": FOOTNOTE_REFERENCE_STYLE})),
                       child)

    if custom_mark is None:
        return [run(element("w:footnoteReference", {"w:id": str(note_id)}))]
    return [run(element("w:footnoteReference", {"w:customMarkFollows": "1", "w:id": str(note_id)})),
            run(_t(custom_mark))]


def repeat_as_header(tr: etree._Element) -> None:
    """Table row ``tr`` repeats at the top of every page the table runs onto."""
    tr.get_or_add_trPr().insert_element_before(element("w:tblHeader"), "w:tblCellSpacing", "w:jc", "w:hidden")


def keep_row_on_one_page(tr: etree._Element) -> None:
    """Table row ``tr`` does not break across pages (unless it is taller than a page)."""
    tr.get_or_add_trPr().insert_element_before(element("w:cantSplit"), "w:trHeight", "w:tblHeader",
                                               "w:tblCellSpacing", "w:jc", "w:hidden")


def next_footnote_id(footnotes: etree._Element) -> int:
    ids = [int(v) for v in _xpath(footnotes, "./w:footnote/@w:id")]
    return max([0, *ids]) + 1


# ---------------------------------------------------------------- hyperlinks

def hyperlink(r_id: str) -> etree._Element:
    """``<w:hyperlink r:id=…>``; the relationship must be on the part holding the link."""
    return element("w:hyperlink", {"r:id": r_id, "w:history": "1"})


# ---------------------------------------------------------------- run properties

def set_run_style(rPr: etree._Element, style_id: str) -> None:
    rPr.style = style_id  # python-docx's CT_RPr keeps w:rStyle first


def set_run_lang(rPr: etree._Element, lang: str, latin: bool = False) -> None:
    """Tag a run's language: ``w:lang`` (and, for Japanese, ``w:eastAsia`` plus the
    ``eastAsia`` font hint so ambiguous punctuation takes the Japanese font). ``latin``: a run of
    Latin letters or digits inside Japanese text, tagged ``en-US`` with East Asian ``ja-JP``."""
    for old in rPr.findall(qn("w:lang")):
        rPr.remove(old)
    if lang == "ja" and latin:
        attrs = {"w:val": LANG_TAGS["en"], "w:eastAsia": LANG_TAGS["ja"]}
    elif lang == "ja":
        attrs = {"w:val": LANG_TAGS["ja"], "w:eastAsia": LANG_TAGS["ja"]}
        fonts = rPr.get_or_add_rFonts()
        fonts.set(qn("w:hint"), "eastAsia")
    else:
        attrs = {"w:val": LANG_TAGS[lang]}
    rPr.insert_element_before(element("w:lang", attrs), *_AFTER_LANG)


def set_fonts(rPr: etree._Element, latin: str | None = None, east_asia: str | None = None) -> None:
    """Set ``w:rFonts`` explicitly and drop the theme attributes that would override it."""
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        rPr.insert_element_before(fonts, *_AFTER_RFONTS)
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    if latin:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), latin)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)


# ---------------------------------------------------------------- numbering

BULLET = "bullet"
DECIMAL = "decimal"


def add_list_definition(numbering: etree._Element, fmt: str, bullet: str = "•", indent_twips: int = 425,
                        hanging_twips: int = 425) -> int:
    """Add a one-level ``w:abstractNum`` and a ``w:num`` for one list; return the numId.

    One abstract definition per list means every list counts from 1 again;
    the ``startOverride`` makes that explicit for clients that share counters.
    """
    abstract_ids = [int(v) for v in _xpath(numbering, "./w:abstractNum/@w:abstractNumId")]
    num_ids = [int(v) for v in _xpath(numbering, "./w:num/@w:numId")]
    abstract_id = max([-1, *abstract_ids]) + 1
    num_id = max([0, *num_ids]) + 1
    text = bullet if fmt == BULLET else "%1."
    lvl = element("w:lvl", {"w:ilvl": "0"},
                  element("w:start", {"w:val": "1"}),
                  element("w:numFmt", {"w:val": fmt}),
                  element("w:lvlText", {"w:val": text}),
                  element("w:lvlJc", {"w:val": "left"}),
                  element("w:pPr", None,
                          element("w:ind", {"w:left": str(indent_twips), "w:hanging": str(hanging_twips)})))
    abstract = element("w:abstractNum", {"w:abstractNumId": str(abstract_id)},
                       element("w:nsid", {"w:val": f"{0x4C490000 + abstract_id:08X}"}),
                       element("w:multiLevelType", {"w:val": "singleLevel"}),
                       lvl)
    # schema order: every w:abstractNum before the first w:num
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = element("w:num", {"w:numId": str(num_id)},
                  element("w:abstractNumId", {"w:val": str(abstract_id)}),
                  element("w:lvlOverride", {"w:ilvl": "0"}, element("w:startOverride", {"w:val": "1"})))
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)
    return num_id


def set_numbering(pPr: etree._Element, num_id: int, level: int = 0) -> None:
    """Put a paragraph on list ``num_id``: ``w:numPr`` with ``ilvl`` and ``numId``."""
    numPr = pPr.get_or_add_numPr()
    numPr.get_or_add_ilvl().val = level
    numPr.get_or_add_numId().val = num_id


# ---------------------------------------------------------------- fields

def field_runs(instruction: str, placeholder: str) -> list[etree._Element]:
    """The runs of a complex field (``fldChar`` begin / ``instrText`` / separate / result / end)."""
    instr = element("w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruction} "
    return [
        element("w:r", None, element("w:fldChar", {"w:fldCharType": "begin"})),
        element("w:r", None, instr),
        element("w:r", None, element("w:fldChar", {"w:fldCharType": "separate"})),
        element("w:r", None, _t(placeholder)),
        element("w:r", None, element("w:fldChar", {"w:fldCharType": "end"})),
    ]


def page_field_runs() -> list[etree._Element]:
    """A ``PAGE`` field: the current page number."""
    return field_runs("PAGE", "1")


def pages_field_runs() -> list[etree._Element]:
    """A ``NUMPAGES`` field: the number of pages of the document."""
    return field_runs("NUMPAGES", "1")


def _t(text: str) -> etree._Element:
    t = element("w:t", {"xml:space": "preserve"})
    t.text = text
    return t


def text_run(text: str) -> etree._Element:
    """A plain ``w:r`` holding ``text``."""
    return element("w:r", None, _t(text))
