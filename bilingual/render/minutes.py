"""CCFE meeting minutes: three layouts of one ``ccfe-minutes`` Document.

``en`` and ``ja`` follow the layout of real minutes: the heading, a header block
(date and time, venue, co-chairs), the attendance table by delegation, the
numbered agenda items with their discussion and decisions, the action items as
a table, and the next meeting. ``parallel`` puts the same content in a
two-column EN|JA table, one row per unit. Every fixed word is a label from the
catalogs; every date, time, ordinal, list and name comes from
:mod:`bilingual.text.locale`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.content.minutes import (
    ActionItem,
    AgendaItem,
    Minutes,
    Person,
    minutes_of,
)
from bilingual.content.model import Document, ListBlock, Paragraph, Segment
from bilingual.render.docx import (
    Container,
    CoreInfo,
    DocxWriter,
    Piece,
    RenderError,
    Value,
    bold,
    build_time,
    fill,
)
from bilingual.render.docx import pieces as _pieces
from bilingual.render.oxml import LANG_TAGS, repeat_as_header, set_numbering
from bilingual.text.labels import label
from bilingual.text.locale import list_pattern, long_date, ordinal, time_range

if TYPE_CHECKING:
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

LAYOUTS = ("en", "ja", "parallel")
MAX_TITLE = 255

#: a header row: the label and its value
Row = tuple[str, list[Piece]]


def render(doc: Document, layout: str, template: Path | None = None, *, ja_era: bool = False,
           paper: str | None = None, row_numbers: bool = False) -> bytes:
    """The DOCX bytes of minutes ``doc`` in ``layout`` (``en``, ``ja`` or ``parallel``)."""
    if layout not in LAYOUTS:
        raise RenderError(f"unknown layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
    m = minutes_of(doc)
    era = ja_era or m.ja_era
    writer = DocxWriter(template, notes=lambda name, lang: doc.footnotes[name].text(lang), paper=paper,
                        row_numbers=row_numbers)
    if layout == "parallel":
        _Parallel(writer, doc, m, era).write()
        lang = "en"
    else:
        _Single(writer, doc, m, era, layout).write()
        lang = layout
    writer.page_number_footer(label("Page {page} of {pages}", lang), lang)
    title = _plain(_pieces(doc.title.text(lang)))
    title = title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"
    return writer.to_bytes(CoreInfo(title=title, language=LANG_TAGS[lang], when=build_time(doc.date)))


# ---------------------------------------------------------------- pieces

def joined(items: Sequence[Sequence[Piece]], lang: str) -> list[Piece]:
    """Items joined the locale's way: ``A, B, and C`` / ``A、B、C``."""
    out: list[Piece] = []
    for part in list_pattern(len(items), lang):
        out.extend([part] if isinstance(part, str) else items[part])
    return out


def _text(seg: Segment | None, lang: str) -> list[Piece]:
    return [] if seg is None else _pieces(seg.text(lang))


def _plain(pieces: Sequence[Piece]) -> str:
    return "".join(p if isinstance(p, str) else p.plain for p in pieces)


# ---------------------------------------------------------------- content, per language

class _Content:
    """What the minutes say in one language, as labelled pieces; shared by both layouts."""

    def __init__(self, doc: Document, m: Minutes, era: bool) -> None:
        self.doc, self.m, self.era = doc, m, era

    def date(self, value: dt.date, lang: str, weekday: bool = False) -> str:
        return long_date(value, lang, era=self.era, weekday=weekday)

    def header(self, lang: str) -> list[Row]:
        m = self.m
        when: list[Piece] = [self.date(self.doc.date, lang, weekday=True)]
        if m.start is not None:
            # TRANSLATORS: the date and the time of a meeting on one line
            when = fill(label("{date}, {time}", lang), {"date": when, "time": time_range(m.start, m.end, lang)})
        rows: list[Row] = [(label("Date and time", lang), when)]
        if self.doc.place is not None:
            rows.append((label("Venue", lang), _text(self.doc.place, lang)))
        chairs = [self.name_with(p.name, p.short_affiliation, lang) for p in m.co_chairs]
        rows.append((label("Co-chairs", lang), joined(chairs, lang)))
        return rows

    def name_with(self, name: Segment, affiliation: Segment | None, lang: str) -> list[Piece]:
        if affiliation is None:
            return _text(name, lang)
        # TRANSLATORS: a person and their organisation, as in "Jordan Sample (DOE)"
        return fill(label("{name} ({affiliation})", lang),
                    {"name": _text(name, lang), "affiliation": _text(affiliation, lang)})

    def delegation(self, side: str, lang: str) -> str:
        # TRANSLATORS: the heading rows of the attendance table
        return label("U.S. Delegation", lang) if side == "us" else label("Japanese Delegation", lang)

    def person_cell(self, p: Person, lang: str) -> list[Piece]:
        name = _text(p.name, lang)
        if any(p is chair for chair in self.m.co_chairs):
            # TRANSLATORS: marks a co-chair in the attendance table
            name = fill(label("{name} (Co-chair)", lang), {"name": name})
        return name

    def person_line(self, p: Person, lang: str) -> list[Piece]:
        """One attendee on one line (parallel layout): ``Jordan Sample, Title, Affiliation``."""
        values = {"name": self.person_cell(p, lang), "title": _text(p.title, lang),
                  "affiliation": _text(p.affiliation, lang)}
        if p.title is None:
            return fill(label("{name}, {affiliation}", lang), values)
        # TRANSLATORS: an attendee with title and organisation; Japanese puts the organisation first
        return fill(label("{name}, {title}, {affiliation}", lang), values)

    def attendance_columns(self, lang: str) -> list[str]:
        """Column headings; Japanese lists the organisation before the title (所属・役職)."""
        if lang == "ja":
            return [label("Name", lang), label("Affiliation", lang), label("Title", lang)]
        return [label("Name", lang), label("Title", lang), label("Affiliation", lang)]

    def attendance_cells(self, p: Person, lang: str) -> list[list[Piece]]:
        title, org = _text(p.title, lang), _text(p.affiliation, lang)
        return [self.person_cell(p, lang), org, title] if lang == "ja" else [self.person_cell(p, lang), title, org]

    def actions(self) -> list[tuple[str, ActionItem]]:
        """Every action item with its number: ``3.1`` is the first of agenda item 3."""
        return [(f"{i}.{k}", a) for i, item in enumerate(self.m.agenda, start=1)
                for k, a in enumerate(item.actions, start=1)]

    def owners(self, action: ActionItem, lang: str) -> list[Piece]:
        return joined([_text(o, lang) for o in action.owners], lang)

    def next_rows(self, lang: str) -> list[Row]:
        nm = self.m.next_meeting
        if nm is None:
            return []
        # TRANSLATORS: the next meeting, as in "46th Meeting" (第46回会合)
        rows: list[Row] = [(label("Meeting", lang), [label("{ordinal} Meeting", lang).format(
            ordinal=ordinal(nm.number, lang))])]
        if nm.date is not None:
            rows.append((label("Date", lang), [self.date(nm.date, lang, weekday=True)]))
        if nm.place is not None:
            rows.append((label("Venue", lang), _text(nm.place, lang)))
        return rows


# ---------------------------------------------------------------- en / ja

class _Single(_Content):
    def __init__(self, writer: DocxWriter, doc: Document, m: Minutes, era: bool, lang: str) -> None:
        super().__init__(doc, m, era)
        self.w, self.lang = writer, lang

    def para(self, pieces: Value, style: str = "BodyText", container: Container | None = None) -> DocxParagraph:
        return self.w.paragraph(_pieces(pieces), self.lang, style, container)

    def write(self) -> None:
        lang = self.lang
        if lang == "ja" and self.doc.provisional:
            self.para(label("Provisional Translation", "ja"), "ProvisionalLabel")
        self.para(_text(self.doc.title, lang), "Title")
        self.label_table(self.header(lang))
        self.attendance()
        self.agenda()
        self.action_table()
        if self.m.next_meeting is not None:
            self.para(label("Next meeting", lang), "Heading1")
            self.label_table(self.next_rows(lang))
            if self.m.next_meeting.note is not None:
                self.para(_text(self.m.next_meeting.note, lang))

    def label_table(self, rows: list[Row]) -> None:
        """Label | value rows without borders: the header block of minutes."""
        width = int(self.w.text_width)
        table = self.w.table(2, [width // 4, width - width // 4], style="TableNormal")
        for name, value in rows:
            left, right = self.w.row(table)
            self.para(bold(name), "Normal", left)
            self.para(value, "Normal", right)

    def attendance(self) -> None:
        lang = self.lang
        self.para(label("Attendees", lang), "Heading1")
        width = int(self.w.text_width)
        widths = [width * 30 // 100, width * 35 // 100]
        table = self.w.table(3, [widths[0], widths[1], width - sum(widths)])
        for cell, heading in zip(self.w.row(table), self.attendance_columns(lang), strict=True):
            self.para(bold(heading), "Normal", cell)
        repeat_as_header(table.rows[0]._tr)
        for side, members in self.m.delegations.items():
            self.para(bold(self.delegation(side, lang)), "Normal", _spanning_row(table))
            for person in members:
                for cell, value in zip(self.w.row(table), self.attendance_cells(person, lang), strict=True):
                    self.para(value, "Normal", cell)

    def agenda(self) -> None:
        lang = self.lang
        self.para(label("Agenda", lang), "Heading1")
        num_id = self.w.new_list(True)
        for item in self.m.agenda:
            heading = self.para(_text(item.title, lang), "Heading2")
            set_numbering(heading._p.get_or_add_pPr(), num_id)
            self.blocks(item)

    def blocks(self, item: AgendaItem) -> None:
        lang = self.lang
        for block in item.discussion:
            if isinstance(block, Paragraph):
                self.para(_text(block.segment, lang))
            elif isinstance(block, ListBlock):
                self.w.list_items([s.text(lang) for s in block.items], lang, block.ordered)
        if item.decisions:
            self.para(bold(label("Decisions", lang)))
            self.w.list_items([d.text(lang) for d in item.decisions], lang, False)

    def action_table(self) -> None:
        actions = self.actions()
        if not actions:
            return
        lang = self.lang
        self.para(label("Action items", lang), "Heading1")
        width = int(self.w.text_width)
        widths = [width * 8 // 100, width * 44 // 100, width * 24 // 100]
        table = self.w.table(4, [*widths, width - sum(widths)])
        headings = [label("No.", lang), label("Action", lang), label("Owner", lang), label("Due date", lang)]
        for cell, heading in zip(self.w.row(table), headings, strict=True):
            self.para(bold(heading), "Normal", cell)
        repeat_as_header(table.rows[0]._tr)
        for number, action in actions:
            values: list[Value] = [[number], _text(action.text, lang), self.owners(action, lang),
                                   [self.date(action.due, lang)]]
            for cell, value in zip(self.w.row(table), values, strict=True):
                self.para(value, "Normal", cell)


# ---------------------------------------------------------------- parallel

class _Parallel(_Content):
    def __init__(self, writer: DocxWriter, doc: Document, m: Minutes, era: bool) -> None:
        super().__init__(doc, m, era)
        self.w = writer
        self.table = writer.parallel_table()

    def row(self, en: Value, ja: Value, style: str = "Normal") -> None:
        cells = self.w.row(self.table)
        self.w.paragraph(_pieces(en), "en", style, cells[0])
        self.w.paragraph(_pieces(ja), "ja", style, cells[1])

    def both(self, make: Callable[[str], Value], style: str = "Normal") -> None:
        """A row whose two cells say the same thing in each language."""
        self.row(make("en"), make("ja"), style)

    def labelled(self, rows: dict[str, list[Row]]) -> None:
        for (en_label, en_value), (ja_label, ja_value) in zip(rows["en"], rows["ja"], strict=False):
            self.row(fill(label("{label}: {value}", "en"), {"label": bold(en_label), "value": en_value}),
                     fill(label("{label}: {value}", "ja"), {"label": bold(ja_label), "value": ja_value}))

    def write(self) -> None:
        cells = self.w.row(self.table)
        if self.doc.provisional:
            self.w.paragraph(label("Provisional Translation", "ja"), "ja", "ProvisionalLabel", cells[1])
        for lang, cell in zip(("en", "ja"), cells, strict=False):
            self.w.paragraph(_text(self.doc.title, lang), lang, "Title", cell)
        self.labelled({lang: self.header(lang) for lang in ("en", "ja")})
        self.both(lambda lang: label("Attendees", lang), "Heading1")
        for side, members in self.m.delegations.items():
            self.both(lambda lang: bold(self.delegation(side, lang)))  # noqa: B023 - called at once
            for person in members:
                self.both(lambda lang: self.person_line(person, lang))  # noqa: B023 - called at once
        self.both(lambda lang: label("Agenda", lang), "Heading1")
        heading_nums = {lang: self.w.new_list(True) for lang in ("en", "ja")}
        for item in self.m.agenda:
            by_lang = dict(zip(("en", "ja"), self.w.row(self.table), strict=False))
            for lang, cell in by_lang.items():
                p = self.w.paragraph(_text(item.title, lang), lang, "Heading2", cell)
                set_numbering(p._p.get_or_add_pPr(), heading_nums[lang])
            self.blocks(item)
        actions = self.actions()
        if actions:
            self.both(lambda lang: label("Action items", lang), "Heading1")
            for number, action in actions:
                by_lang = dict(zip(("en", "ja"), self.w.row(self.table), strict=False))
                for lang, cell in by_lang.items():
                    self.w.paragraph([f"{number} ", *_text(action.text, lang)], lang, "BodyText", cell)
                    for name, value in ((label("Owner", lang), self.owners(action, lang)),
                                        (label("Due date", lang), [self.date(action.due, lang)])):
                        self.w.paragraph(fill(label("{label}: {value}", lang), {"label": bold(name), "value": value}),
                                         lang, "Normal", cell)
        nm = self.m.next_meeting
        if nm is not None:
            self.both(lambda lang: label("Next meeting", lang), "Heading1")
            self.labelled({lang: self.next_rows(lang) for lang in ("en", "ja")})
            note = nm.note
            if note is not None:
                self.both(lambda lang: _text(note, lang), "BodyText")

    def blocks(self, item: AgendaItem) -> None:
        for block in item.discussion:
            if isinstance(block, Paragraph):
                self.both(lambda lang: _text(block.segment, lang), "BodyText")  # noqa: B023 - called at once
            elif isinstance(block, ListBlock):
                self.list_rows(block.items, block.ordered)
        if item.decisions:
            self.both(lambda lang: bold(label("Decisions", lang)))
            self.list_rows(item.decisions, False)

    def list_rows(self, items: Sequence[Segment], ordered: bool) -> None:
        nums = {lang: self.w.new_list(ordered) for lang in ("en", "ja")}
        for seg in items:
            cells = dict(zip(("en", "ja"), self.w.row(self.table), strict=False))
            for lang, cell in cells.items():
                self.w.list_item(seg.text(lang), lang, ordered, nums[lang], cell)


def _spanning_row(table: Table) -> _Cell:
    """A new row of one cell across the whole table, empty (a delegation's heading)."""
    from docx.shared import Emu

    cells = table.add_row().cells
    for cell, column in zip(cells, table.columns, strict=True):
        cell.width = column.width
    merged: _Cell = cells[0].merge(cells[-1])
    merged.width = Emu(sum(int(c.width) for c in table.columns))
    for p in merged._tc.xpath("./w:p"):
        merged._tc.remove(p)
    return merged
