"""A small writer API over python-docx: styled paragraphs of ``Text`` runs (emphasis,
links, real footnotes), restarting lists, fixed-width tables, a page-number
footer, core properties and reproducible bytes.

Layouts (one module per document kind) drive a :class:`DocxWriter`; the raw XML
it needs beyond python-docx comes from :mod:`bilingual.render.oxml`.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from bilingual.content.model import Run, Text
from bilingual.io.errors import InputError
from bilingual.render import oxml
from bilingual.render.reproducible import rezip
from bilingual.resources import data_dir
from bilingual.text.labels import label

if TYPE_CHECKING:
    from docx.opc.part import Part
    from lxml import etree

#: a word of Latin letters or digits inside Japanese text, with the punctuation that belongs to it
#: (``U.S.``, ``1,000``, ``D-T``, ``JT-60SA``) and spaces between such words (``Agile Nations``)
_LATIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[.,:/&'’+%-](?=[A-Za-z0-9])|\.(?![A-Za-z0-9])(?<=[A-Z]\.)"
                    r"| (?=[A-Za-z0-9]))*")



def _url_spans(text: str) -> list[tuple[int, int]]:
    """Where the URLs of ``text`` are, each up to its first character that is not ASCII
    (``https://www.mext.go.jp/を参照`` is a URL and then Japanese)."""
    from bilingual.text.urls import find_urls

    spans = []
    for start, end, _ in find_urls(text):
        if not text.startswith(("http", "HTTP", "mailto", "MAILTO"), start):
            continue                                  # an e-mail address is a Latin word like any other
        stop = start
        while stop < end and " " < text[stop] <= "~":
            stop += 1
        spans.append((start, start + len(text[start:stop].rstrip(".,;:!?"))))
    return spans


def _latin_spans(text: str) -> list[tuple[int, int]]:
    """The Latin words of Japanese ``text`` (URLs whole), in order."""
    urls = _url_spans(text)
    spans: list[tuple[int, int]] = []
    at = 0
    for start, end in [*urls, (len(text), len(text))]:
        spans.extend(m.span() for m in _LATIN.finditer(text, at, start) if m.end() > m.start())
        if end > start:
            spans.append((start, end))
        at = end
    return spans


#: U+200B ZERO WIDTH SPACE: a line-break opportunity (UAX #14 class ZW) that prints nothing
ZERO_WIDTH_SPACE = "\u200b"
#: the characters of a URL after which it may break when it does not fit
URL_BREAK_AFTER = "/-."


def url_break_opportunities(text: str) -> str:
    """``text`` with a zero-width space after each ``/``, ``-`` and ``.`` inside its URLs (not inside
    ``//``, ``..`` and the like, nor at a URL's end): the only places LibreOffice may break a URL then,
    where it otherwise breaks after ``-`` only and cuts a long URL anywhere."""
    spans = _url_spans(text)
    if not spans:
        return text
    out = []
    at = 0
    for start, end in spans:
        out.append(text[at:start])
        url = text[start:end]
        out.extend(ch + ZERO_WIDTH_SPACE if ch in URL_BREAK_AFTER and i + 1 < len(url)
                   and url[i + 1] not in URL_BREAK_AFTER else ch for i, ch in enumerate(url))
        at = end
    out.append(text[at:])
    return "".join(out)


def for_pdf(data: bytes) -> bytes:
    """The DOCX ``data`` as LibreOffice is given it to make a PDF: URLs in the body and notes with
    zero-width break opportunities (:func:`url_break_opportunities`). Only the PDF gets them: its text
    layer leaves them out, so a URL copied from the PDF is whole, and its link annotation takes the
    hyperlink's target from the relationship, which is unchanged. The DOCX itself keeps its text as
    written, so that what is copied from it, and what `check` reads, has no invisible characters."""
    import zipfile

    from lxml import etree

    parts = ("word/document.xml", "word/footnotes.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename in parts:
                root = etree.fromstring(member, etree.XMLParser(resolve_entities=False, no_network=True,
                                                                huge_tree=True))
                for t in root.iter(qn("w:t")):
                    if t.text:
                        t.text = url_break_opportunities(t.text)
                member = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, member)
    return out.getvalue()


def autospace_off(data: bytes) -> bool:
    """Whether the DOCX ``data`` adds no space between Japanese and Latin letters or digits: its
    default paragraph properties (``w:docDefaults``, then the default paragraph style) turn both
    ``w:autoSpaceDE`` and ``w:autoSpaceDN`` off, as the reference template does."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            styles = etree.fromstring(package.read("word/styles.xml"),
                                      etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return False
    found = {}
    for path in ("w:docDefaults/w:pPrDefault/w:pPr", "w:style[@w:type='paragraph'][@w:default='1']/w:pPr"):
        for ppr in styles.xpath(path, namespaces={"w": _W}):
            for name in ("autoSpaceDE", "autoSpaceDN"):
                el = ppr.find(f"{{{_W}}}{name}")
                if el is not None:
                    found[name] = el.get(f"{{{_W}}}val", "true") not in ("0", "false", "off")
    return found.get("autoSpaceDE") is False and found.get("autoSpaceDN") is False


def _justified_styles(document: DocxDocument) -> frozenset[str]:
    """Paragraph style ids whose alignment, through their ``basedOn`` chain, is justified (``both``).

    The parallel copy sets these ragged right in its narrow English column; list styles based on
    a justified body style are justified too, so the chain is followed, not a fixed list of ids.
    """
    styles = document.styles.element
    own: dict[str, tuple[str | None, str | None]] = {}
    for style in styles.xpath("w:style[@w:type='paragraph']"):
        jc = style.find(f"{{{_W}}}pPr/{{{_W}}}jc")
        based = style.find(f"{{{_W}}}basedOn")
        own[style.get(f"{{{_W}}}styleId")] = (None if jc is None else jc.get(f"{{{_W}}}val"),
                                              None if based is None else based.get(f"{{{_W}}}val"))

    def alignment(style_id: str | None, depth: int = 0) -> str | None:
        if style_id not in own or depth > 20:     # a basedOn cycle in a hostile template ends here
            return None
        jc, based = own[style_id]
        return jc if jc is not None else alignment(based, depth + 1)

    return frozenset(sid for sid in own if alignment(sid) in ("both", "distribute"))

#: what a paragraph is made of: rich text from content, or a fixed string (a label)
Piece = Text | str
#: a field of a label pattern: one piece, several, or nothing
Value = Piece | Sequence[Piece] | None
#: where paragraphs go: the document body or a table cell
Container = DocxDocument | _Cell
#: a footnote's text for (label, lang); None when untranslated; KeyError for an unknown label
NoteLookup = Callable[[str, str], "Text | None"]

REFERENCE_DOCX = "reference.docx"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: the width of the parallel copy's row-number column, EMU: 567 twips (1 cm), three digits and the cell margins
ROW_NUMBER_WIDTH = 567 * 635

#: paper sizes in twentieths of a point (width, height, portrait)
PAPERS = {"a4": (11906, 16838), "letter": (12240, 15840)}

# paragraph and character styles the writer uses; a custom template lacking one
# gets it copied from the built-in reference
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading1", "Heading2", "BodyText", "Date", "ProvisionalLabel",
    "ListBullet", "ListNumber",
    oxml.FOOTNOTE_TEXT_STYLE, oxml.FOOTNOTE_REFERENCE_STYLE, oxml.HYPERLINK_STYLE, "Footer", "TableGrid",
)


class RenderError(Exception):
    """The document cannot be rendered as asked (a dangling footnote, a bad SOURCE_DATE_EPOCH…)."""


class TemplateError(InputError, RenderError):
    """The ``--template`` file is not a usable DOCX: bad input, reported as ``path:1:1: error: …``."""


def default_template() -> Path:
    """The built-in reference DOCX (``templates/reference.docx``)."""
    return data_dir("templates") / REFERENCE_DOCX


@dataclass(frozen=True)
class CoreInfo:
    """What goes into ``docProps/core.xml``."""

    title: str
    language: str
    when: dt.datetime
    author: str = "bilingual"


class DocxWriter:
    """Builds one DOCX from a reference document's styles and page setup."""

    def __init__(self, template: Path | None = None, notes: NoteLookup | None = None, paper: str | None = None,
                 row_numbers: bool = False) -> None:
        oxml.register_parts()
        path = template or default_template()
        if template is not None:                  # a user's file: refuse zip bombs, encrypted files, DOCTYPEs
            from ..io.xmlsafe import read_limited
            from ..io.zipsafe import check_docx

            try:
                check_docx(str(path), read_limited(str(path)))
            except InputError as exc:
                raise TemplateError(exc.path, 1, 1, f"not a usable DOCX template ({exc.message})") from None
        try:
            self.document: DocxDocument = docx.Document(str(path))
        except Exception as exc:  # python-docx raises several unrelated types for a bad package
            raise TemplateError(str(path), 1, 1, f"not a usable DOCX template ({exc})") from None
        if template is not None:
            problem = _template_problem(self.document)
            if problem:
                raise TemplateError(str(path), 1, 1, f"not a usable DOCX template ({problem})")
        if paper is not None:
            self.set_paper(paper)
        self._notes = notes or _no_notes
        #: languages whose footnotes count on their own (the Japanese column of a parallel copy): mark so far
        self._own_note_marks: dict[str, int] = {}
        #: styles set ragged right in the parallel copy's English column (justified in the template)
        self._justified = _justified_styles(self.document)
        #: number the parallel copy's rows in a narrow first column (for review meetings: "row 12")
        self.row_numbers = row_numbers
        #: tables whose rows are numbered (their ``w:tbl``): the number of the last row
        self._numbered: dict[object, int] = {}
        self._clear_body()
        self._ensure_styles()
        self.footnotes_part = self._footnotes_part()
        self.numbering = self.document.part.numbering_part.element

    # ------------------------------------------------------------ set-up

    def _clear_body(self) -> None:
        """Drop the template's sample content, keeping the final section properties."""
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _ensure_styles(self) -> None:
        styles = self.document.styles.element
        have = set(styles.xpath("./w:style/@w:styleId"))
        missing = [s for s in REQUIRED_STYLES if s not in have]
        if not missing:
            return
        reference = docx.Document(str(default_template())).styles.element
        for style_id in missing:
            found = reference.xpath(f'./w:style[@w:styleId="{style_id}"]')
            if found:
                styles.append(copy.deepcopy(found[0]))

    def _footnotes_part(self) -> oxml.FootnotesPart:
        part = self.document.part
        for rel in part.rels.values():
            if rel.reltype == oxml.FOOTNOTES_RELTYPE and not rel.is_external:
                target = rel.target_part
                if not isinstance(target, oxml.FootnotesPart):  # loaded before registration
                    raise RenderError("footnotes part was not loaded as XML")
                oxml.reset_footnotes(target.element)
                return target
        target = oxml.FootnotesPart.new(part.package)
        part.relate_to(target, oxml.FOOTNOTES_RELTYPE)
        return target

    # ------------------------------------------------------------ geometry

    def set_paper(self, paper: str) -> None:
        """Every section on ``paper`` (``a4`` or ``letter``), in the template's orientation; margins kept."""
        from docx.shared import Twips

        width, height = PAPERS[paper]
        for section in self.document.sections:
            landscape = (section.page_width or 0) > (section.page_height or 0)
            section.page_width, section.page_height = (Twips(height), Twips(width)) if landscape else \
                (Twips(width), Twips(height))

    @property
    def text_width(self) -> Emu:
        """Width between the margins of the (last) section."""
        section = self.document.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None, "the template sets the page size"
        return Emu(width - left - right)

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, pieces: Piece | Sequence[Piece] | None, lang: str, style: str,
                  container: Container | None = None) -> DocxParagraph:
        """Add a paragraph of style id ``style`` holding ``pieces`` in language ``lang``."""
        target = container if container is not None else self.document
        para = target.add_paragraph()
        para._p.get_or_add_pPr().style = style
        if self._own_note_marks and lang == "en" and container is not None and style in self._justified:
            para._p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.LEFT   # a narrow column: ragged right
        if pieces is None:
            return para
        if isinstance(pieces, (str, Text)):
            pieces = [pieces]
        for piece in pieces:
            if isinstance(piece, str):
                self._append_runs(para._p, [Run(piece)], lang, self.document.part)
            else:
                self._append_runs(para._p, piece.runs, lang, self.document.part)
        return para

    def list_items(self, items: Sequence[Text | None], lang: str, ordered: bool,
                   container: Container | None = None) -> list[DocxParagraph]:
        """A list that counts from 1 (or bullets) whatever came before it."""
        num_id = self.new_list(ordered)
        return [self.list_item(item, lang, ordered, num_id, container) for item in items]

    def new_list(self, ordered: bool) -> int:
        """A fresh numbering instance (``w:num``) for one list; returns its numId."""
        return oxml.add_list_definition(self.numbering, oxml.DECIMAL if ordered else oxml.BULLET)

    def list_item(self, item: Text | None, lang: str, ordered: bool, num_id: int,
                  container: Container | None = None) -> DocxParagraph:
        para = self.paragraph(item, lang, "ListNumber" if ordered else "ListBullet", container)
        oxml.set_numbering(para._p.get_or_add_pPr(), num_id)
        return para

    # ------------------------------------------------------------ runs

    def _append_runs(self, p: etree._Element, runs: Iterable[Run], lang: str, part: Part,
                     in_note: bool = False) -> None:
        """Append ``runs`` to ``w:p`` ``p``; links get relationships on ``part``."""
        link_el = None
        link_url = None
        for run in runs:
            if run.footnote:
                link_el = link_url = None
                if in_note:
                    continue  # Word has no notes inside notes
                p.extend(self._footnote_reference(run.footnote, lang))
                continue
            if not run.text:
                continue
            rs = self._runs(run, lang)
            if run.link:
                if link_el is None or run.link != link_url:
                    r_id = part.relate_to(run.link, oxml.HYPERLINK_RELTYPE, is_external=True)
                    link_el = oxml.hyperlink(r_id)
                    link_url = run.link
                    p.append(link_el)
                link_el.extend(rs)
            else:
                link_el = link_url = None
                p.extend(rs)

    def _runs(self, run: Run, lang: str) -> list:
        """``w:r`` elements for ``run``: in Japanese text, each stretch of Latin letters and digits
        (``IAEA``, ``2024``, ``D.C.``) is a run of its own tagged ``en-US`` (East Asian ``ja-JP``), so that
        line breaking treats it as a word and never splits it, as Word does for the same XML. A URL is
        one such run whole (its ``://`` and ``_`` too), set and broken as Latin text."""
        if lang != "ja":
            return [self._run(run, lang)]
        runs = []
        at = 0
        for start, end in _latin_spans(run.text):
            if start > at:
                runs.append(self._run(run._replace(text=run.text[at:start]), "ja"))
            runs.append(self._run(run._replace(text=run.text[start:end]), "ja", latin=True))
            at = end
        if at < len(run.text):
            runs.append(self._run(run._replace(text=run.text[at:]), "ja"))
        return runs

    def _run(self, run: Run, lang: str, latin: bool = False) -> etree._Element:
        r = oxml.element("w:r")
        rPr = r.get_or_add_rPr()
        if run.link:
            oxml.set_run_style(rPr, oxml.HYPERLINK_STYLE)
        if run.bold:
            rPr.get_or_add_b()
        if run.italic:
            rPr.get_or_add_i()
        oxml.set_run_lang(rPr, lang, latin=latin)
        r.text = xml_text(run.text)
        return r

    def _footnote_reference(self, label: str, lang: str) -> list[etree._Element]:
        try:
            text = self._notes(label, lang)
        except KeyError:
            raise RenderError(f"footnote reference [^{label}] has no footnote") from None
        notes = self.footnotes_part.element
        note_id = oxml.next_footnote_id(notes)
        mark = None
        if lang in self._own_note_marks:
            self._own_note_marks[lang] += 1
            mark = str(self._own_note_marks[lang])
        p = oxml.add_footnote(notes, note_id, mark)
        if text is not None:  # an untranslated note (a --force build) stays empty, like its paragraph
            self._append_runs(p, text.runs, lang, self.footnotes_part, in_note=True)
        runs = oxml.footnote_reference_runs(note_id, mark)
        for run in runs:
            oxml.set_run_lang(run.get_or_add_rPr(), lang)
        return runs

    # ------------------------------------------------------------ tables

    def table(self, columns: int, widths: Sequence[int] | None = None, style: str = "TableGrid") -> Table:
        """A table with fixed column widths (EMU), evenly split over the text width by default."""
        if widths is None:
            each = int(self.text_width) // columns
            widths = [each] * columns
        table: Table = self.document.add_table(rows=0, cols=columns)
        table._tbl.tblPr.style = style
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Emu(width)
        return table

    def parallel_table(self) -> Table:
        """The two-column EN|JA table of a parallel copy, as translators use it: a header row that
        repeats on every page, rows that do not break across pages, a ragged-right English column,
        and footnotes numbered 1…n in each column (the Japanese ones by custom marks). With
        ``row_numbers``, a narrow first column numbers the rows after the header 1…n."""
        if self.row_numbers:
            number = ROW_NUMBER_WIDTH
            each = (int(self.text_width) - number) // 2
            table = self.table(3, [number, each, each])
        else:
            table = self.table(2)
        cells = self._new_row(table)[-2:]
        # literal msgids, so that `pybabel extract` (docs/rendering.md) keeps them in the catalogs
        # TRANSLATORS: the column headings of the parallel copy (each in its own language)
        headings = (("en", cells[0], label("English", "en")), ("ja", cells[1], label("Japanese", "ja")))
        for lang, cell, heading in headings:
            self.paragraph(bold(heading), lang, "Normal", cell)
        oxml.repeat_as_header(table.rows[0]._tr)
        if self.row_numbers:
            self._numbered[table._tbl] = 0
        self._own_note_marks["ja"] = 0
        return table

    def row(self, table: Table) -> list[_Cell]:
        """A new row's content cells (EN, JA for a parallel copy): they start empty (no placeholder
        paragraph), have set widths, and stay on one page. In a numbered table the row's number goes in
        its first cell, which is not returned."""
        cells = self._new_row(table)
        if table._tbl not in self._numbered:
            return cells
        self._numbered[table._tbl] += 1
        para = self.paragraph(str(self._numbered[table._tbl]), "en", "Normal", cells[0])
        para._p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.RIGHT
        return cells[1:]

    def _new_row(self, table: Table) -> list[_Cell]:
        row = table.add_row()
        oxml.keep_row_on_one_page(row._tr)
        cells: list[_Cell] = row.cells
        for cell, width in zip(cells, [c.width for c in table.columns], strict=True):
            cell.width = width
            for p in cell._tc.xpath("./w:p"):
                cell._tc.remove(p)
        return cells

    def _fill_empty_cells(self) -> None:
        for tc in self.document.element.body.iter(qn("w:tc")):
            if tc.find(qn("w:p")) is None:
                tc.append(oxml.element("w:p"))

    # ------------------------------------------------------------ footer

    def page_number_footer(self, pattern: str, lang: str) -> None:
        """Footer of every page: ``pattern`` with ``{page}`` replaced by a PAGE field and ``{pages}``
        by a NUMPAGES field (``Page {page} of {pages}``; ``- {page} -`` in Japanese)."""
        footer = self.document.sections[-1].footer
        footer.is_linked_to_previous = False
        for p in list(footer._element.xpath("./w:p | ./w:tbl")):
            footer._element.remove(p)
        para = footer.add_paragraph()
        para._p.get_or_add_pPr().style = "Footer"
        fields = {"page": oxml.page_field_runs, "pages": oxml.pages_field_runs}
        runs = []
        for literal, field, _, _ in string.Formatter().parse(pattern):
            if literal:
                runs.append(oxml.text_run(literal))
            if field is not None:
                runs.extend(fields[field]())
        for r in runs:
            oxml.set_run_lang(r.get_or_add_rPr(), lang)
            para._p.append(r)

    # ------------------------------------------------------------ output

    def to_bytes(self, core: CoreInfo) -> bytes:
        """The finished package: core properties set, zip members in a fixed order and time."""
        self._fill_empty_cells()
        self._set_core_properties(core)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return rezip(buffer.getvalue(), core.when)

    def _set_core_properties(self, core: CoreInfo) -> None:
        props = self.document.core_properties
        element = props._element
        for child in list(element):
            element.remove(child)
        props.title = xml_text(core.title)
        props.language = core.language
        props.author = core.author
        props.last_modified_by = core.author
        props.revision = 1
        naive = core.when.astimezone(dt.timezone.utc).replace(tzinfo=None)
        props.created = naive
        props.modified = naive


def pieces(value: Value) -> list[Piece]:
    """``value`` as a list of pieces (``None`` is no piece)."""
    if value is None:
        return []
    if isinstance(value, (str, Text)):
        return [value]
    return [p for p in value if p is not None]


def fill(pattern: str, values: Mapping[str, Value]) -> list[Piece]:
    """``pattern`` (a label with ``{fields}``) with rich values put in place of its fields."""
    out: list[Piece] = []
    for literal, field, _, _ in string.Formatter().parse(pattern):
        if literal:
            out.append(literal)
        if field is not None:
            out.extend(pieces(values.get(field)))
    return out


def bold(text: str) -> Text:
    """A fixed string (a label) set in bold."""
    return Text(raw=text, plain=text, runs=[Run(text, bold=True)], plain_to_raw=list(range(len(text))))


#: field codes that make Word fetch or run something when the document opens or updates
_FETCHING_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "LINK", "DDE", "DDEAUTO", "IMPORT")


def _template_problem(document: DocxDocument) -> str | None:
    """Why a user's template cannot be used, or None.

    Refused rather than stripped, so that nobody ships a document believing
    the template's header picture or attached template is in it: any external
    relationship other than a hyperlink (a remote ``attachedTemplate``, an
    external ``subDocument``, a linked image or OLE object), any field that
    fetches (``INCLUDEPICTURE "http://…"``, ``INCLUDETEXT``, ``LINK``, ``DDE``…),
    a missing section, and a page geometry that leaves no room for text.
    """
    import re

    fields = re.compile(r"(?<![A-Za-z])(?:" + "|".join(_FETCHING_FIELDS) + r")(?![A-Za-z])", re.IGNORECASE)
    for part in document.part.package.iter_parts():
        for rel in part.rels.values():
            if rel.is_external and rel.reltype != oxml.HYPERLINK_RELTYPE:
                kind = rel.reltype.rsplit("/", 1)[-1]
                return f"{part.partname.lstrip('/')} has an external {kind} target {rel.target_ref!r}"
        element = getattr(part, "element", None)
        if element is None:
            continue
        instructions = [el.text or "" for el in element.iter(qn("w:instrText"))]
        instructions += [el.get(qn("w:instr")) or "" for el in element.iter(qn("w:fldSimple"))]
        found = fields.search(" ".join(instructions))
        if found:
            return f"{part.partname.lstrip('/')} has a {found.group(0).upper()} field, which fetches content"
    body = document.element.body
    if body is None or body.find(qn("w:sectPr")) is None:
        return "it has no section properties (w:sectPr) for the page setup"
    try:
        section = document.sections[-1]
        width, height = section.page_width, section.page_height
        margins = (section.left_margin or 0) + (section.right_margin or 0)
    except (ValueError, TypeError, AttributeError) as exc:   # python-docx on a non-numeric w:pgSz / w:pgMar
        return f"its page size or margins are not numbers ({type(exc).__name__})"
    if not width or not height:
        return "it has no page size (w:pgSz)"
    if width - margins <= 0:
        return "its left and right margins are wider than the page"
    return None


def _no_notes(label: str, lang: str) -> Text | None:
    raise KeyError(label)


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold. They are ``hidden-character`` errors, so
    only ``build --force`` gets here with them: it writes the document without them."""
    from ..io.xmlsafe import NOT_XML

    return NOT_XML.sub("", text) if NOT_XML.search(text) else text


def build_time(fallback: dt.date) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org), else midnight UTC of ``fallback``."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise RenderError(f"SOURCE_DATE_EPOCH={value!r} is not a Unix timestamp") from exc
    return dt.datetime(fallback.year, fallback.month, fallback.day, tzinfo=dt.timezone.utc)
