"""The joint statement: three layouts of one Document.

``en`` and ``ja`` are the two equally authoritative texts; ``parallel`` is a
two-column EN|JA table, one row per heading, paragraph and list item, for
review and signature files.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bilingual.content.model import Document, ListBlock, Paragraph, Text
from bilingual.render.docx import (
    CoreInfo,
    DocxWriter,
    Piece,
    RenderError,
    build_time,
    fill,
)
from bilingual.render.oxml import LANG_TAGS
from bilingual.text.labels import label
from bilingual.text.locale import long_date

LAYOUTS = ("en", "ja", "parallel")
MAX_TITLE = 255  # Word's limit for the Title property

#: a heading line: paragraph style id and what it says
Line = tuple[str, Sequence[Piece]]


def render(doc: Document, layout: str, template: Path | None = None, *, ja_era: bool = False,
           paper: str | None = None, row_numbers: bool = False) -> bytes:
    """The DOCX bytes of ``doc`` in ``layout`` (``en``, ``ja`` or ``parallel``)."""
    if layout not in LAYOUTS:
        raise RenderError(f"unknown layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
    writer = DocxWriter(template, notes=lambda name, lang: _note_text(doc, name, lang), paper=paper,
                        row_numbers=row_numbers)
    if layout == "parallel":
        _parallel(writer, doc, ja_era)
        lang = "en"
    else:
        _single(writer, doc, layout, ja_era)
        lang = layout
    # TRANSLATORS: page footer; {page} becomes the page number, {pages} the number of pages (may be left out)
    writer.page_number_footer(label("Page {page} of {pages}", lang), lang)
    core = CoreInfo(title=document_title(doc, lang), language=LANG_TAGS[lang], when=build_time(doc.date))
    return writer.to_bytes(core)


# ---------------------------------------------------------------- content

def heading(doc: Document, lang: str) -> list[Line]:
    """The heading lines: EN names the parties on lines of their own, JA runs them into one phrase."""
    names = [p.name.text(lang) for p in doc.parties]
    title = doc.title.text(lang)
    if lang == "en":
        lines: list[Line] = [("Title", [label("Joint Statement", "en")])]
        for i, name in enumerate(names):
            lines.append(("Subtitle", [label("between", "en") if i == 0 else label("and", "en")]))
            lines.append(("Subtitle", _pieces(_capitalized(name))))
        lines.append(("Subtitle", _pieces(title)))
        return lines
    # TRANSLATORS: the JA heading reads {party}{and}{party}{between} / {title}{Joint Statement},
    # so "and" joins two party names and "between" follows the last one.
    lines = []
    if names:
        parties: list[Piece] = []
        for i, name in enumerate(names):
            if i:
                parties.append(label("and", "ja"))
            parties.extend(_pieces(name))
        parties.append(label("between", "ja"))
        lines.append(("Title", parties))
    lines.append(("Title", [*_pieces(title), label("Joint Statement", "ja")]))
    return lines


def date_lines(doc: Document, lang: str, ja_era: bool) -> list[Line]:
    """The date, with the place on the same line as signed statements print them."""
    date = long_date(doc.date, lang, era=ja_era)
    place = doc.place.text(lang) if doc.place is not None else None
    if place is None:
        return [("Date", [date])]
    # TRANSLATORS: the place and date line of a signed statement ("Washington, D.C., April 9, 2024")
    return [("Date", fill(label("{place}, {date}", lang), {"place": place, "date": date}))]


def document_title(doc: Document, lang: str) -> str:
    """A title for the core properties: the heading without the party names
    ("Joint Statement Concerning …" / "…に関する共同声明"), at most 255 characters."""
    title = _plain(_pieces(doc.title.text(lang)))
    if lang == "en":
        full = f"{label('Joint Statement', 'en')} {title}".strip()
    else:
        full = f"{title}{label('Joint Statement', 'ja')}"
    return full if len(full) <= MAX_TITLE else full[: MAX_TITLE - 1].rstrip() + "…"


def _capitalized(text: Text | None) -> Text | None:
    """``text`` with its first letter upper-cased: a formal name ("the Department of …")
    standing on a heading line of its own."""
    if text is None or not text.runs:
        return text
    runs = list(text.runs)
    for i, run in enumerate(runs):
        if run.text:
            runs[i] = run._replace(text=run.text[0].upper() + run.text[1:])
            break
    return replace(text, runs=runs)


def _pieces(text: Text | None) -> list[Piece]:
    return [] if text is None else [text]


def _plain(pieces: Sequence[Piece]) -> str:
    return "".join(p if isinstance(p, str) else p.plain for p in pieces)


def _note_text(doc: Document, name: str, lang: str) -> Text | None:
    return doc.footnotes[name].text(lang)  # KeyError: a reference without a note


# ---------------------------------------------------------------- layouts

def _single(writer: DocxWriter, doc: Document, lang: str, ja_era: bool) -> None:
    # TRANSLATORS: the label at the top right of a provisional (unofficial) translation
    if lang == "ja" and doc.provisional:
        writer.paragraph(label("Provisional Translation", "ja"), "ja", "ProvisionalLabel")
    for style, pieces in [*heading(doc, lang), *date_lines(doc, lang, ja_era)]:
        writer.paragraph(pieces, lang, style)
    for block in doc.body:
        if isinstance(block, Paragraph):
            writer.paragraph(block.segment.text(lang), lang, "BodyText")
        elif isinstance(block, ListBlock):
            writer.list_items([item.text(lang) for item in block.items], lang, block.ordered)


def _parallel(writer: DocxWriter, doc: Document, ja_era: bool) -> None:
    table = writer.parallel_table()
    en, ja = writer.row(table)
    if doc.provisional:
        writer.paragraph(label("Provisional Translation", "ja"), "ja", "ProvisionalLabel", ja)
    for lang, cell in (("en", en), ("ja", ja)):
        for style, pieces in heading(doc, lang):
            writer.paragraph(pieces, lang, style, cell)
    en, ja = writer.row(table)
    for lang, cell in (("en", en), ("ja", ja)):
        for style, pieces in date_lines(doc, lang, ja_era):
            writer.paragraph(pieces, lang, style, cell)
    for block in doc.body:
        if isinstance(block, Paragraph):
            en, ja = writer.row(table)
            writer.paragraph(block.segment.en, "en", "BodyText", en)
            writer.paragraph(block.segment.ja, "ja", "BodyText", ja)
        elif isinstance(block, ListBlock):
            num_ids = {"en": writer.new_list(block.ordered), "ja": writer.new_list(block.ordered)}
            for item in block.items:
                cells = dict(zip(("en", "ja"), writer.row(table), strict=False))
                for lang, cell in cells.items():
                    writer.list_item(item.text(lang), lang, block.ordered, num_ids[lang], cell)
