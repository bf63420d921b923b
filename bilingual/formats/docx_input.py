"""Read a DOCX for checking: a parallel EN|JA table, or every paragraph in one language.

Word files have no lines: a finding's ``line`` is the paragraph's number in
reading order (body paragraphs and table-cell paragraphs alike, from 1) and
its ``column`` the character in that paragraph. Zip bombs are refused before
python-docx opens the file.
"""
from __future__ import annotations

import io
from collections.abc import Collection
from typing import TYPE_CHECKING, cast

from ..content.model import Run, Segment, Text
from ..io.errors import InputError
from ..text.normalize import is_cjk

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph


def _check_zip(path: str, data: bytes) -> None:
    """Zip bombs, paths outside the archive, encrypted files and DOCTYPEs are refused (``zipsafe``)."""
    from ..io.zipsafe import check_docx

    check_docx(path, data)


def _japanese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if is_cjk(c)) / len(letters) if letters else 0.0


def _visible(paragraph: DocxParagraph) -> str:
    """A paragraph's text as python-docx reads it, less the marks of custom-mark footnotes: the
    parallel copy's Japanese column prints its note numbers as text after a ``w:footnoteReference``
    with ``w:customMarkFollows``, and a note number is not a number of the text."""
    from docx.oxml.ns import qn
    from docx.text.run import Run as DocxRun

    out: list[str] = []
    mark_follows = False
    for r in paragraph._p.iter(qn("w:r")):
        ref = r.find(qn("w:footnoteReference"))
        if ref is not None:
            mark_follows = ref.get(qn("w:customMarkFollows")) in ("1", "true", "on")
            continue
        if mark_follows:
            mark_follows = False
            continue
        out.append(DocxRun(r, paragraph).text)
    return "".join(out)


def _text(paragraphs: list[tuple[int, str]]) -> Text:
    """A cell's paragraphs as one text; positions are (paragraph number, character)."""
    chars: list[str] = []
    positions: list[tuple[int, int]] = []
    for k, (no, t) in enumerate(paragraphs):
        if k:
            chars.append("\n")
            positions.append((paragraphs[k - 1][0], len(paragraphs[k - 1][1]) + 1))
        for i, ch in enumerate(t):
            chars.append(ch)
            positions.append((no, i + 1))
    last_no, last = paragraphs[-1] if paragraphs else (1, "")
    positions.append((last_no, len(last) + 1))
    plain = "".join(chars)
    return Text(raw=plain, plain=plain, runs=[Run(plain)] if plain else [], plain_to_raw=list(range(len(plain))),
                positions=positions)


def read_docx(path: str, data: bytes, lang: str | None) -> tuple[list[Segment], list[str], bool]:
    """(segments, paragraph texts by number, monolingual)."""
    _check_zip(path, data)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise InputError(path, 1, 1, f"cannot read DOCX: {exc}") from None
    if document.element.tag != "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}document":
        raise InputError(path, 1, 1, "cannot read DOCX: the main part is not a WordprocessingML document")
    try:
        numbered, blocks, headings = _blocks(document, Table)
        return _segments(path, numbered, blocks, lang, headings)
    except InputError:
        raise
    except Exception as exc:  # python-docx on a damaged part: AttributeError, ValueError, KeyError …
        raise InputError(path, 1, 1, f"cannot read DOCX: damaged document structure ({type(exc).__name__})") from None


#: paragraph styles of a document's heading: Word's Title and Subtitle, which ``build`` gives the parties
#: and the title, and the label of a provisional translation
HEADING_STYLES = frozenset({"Title", "Subtitle", "ProvisionalLabel"})


def _blocks(document: DocxDocument, Table: type[DocxTable]) -> tuple[list[str], list, set[int]]:
    """Paragraph texts by number, the blocks in reading order, and the numbers of heading paragraphs."""
    numbered: list[str] = []
    blocks: list = []            # ("p", no, text) or ("t", rows of cells of [(no, text)])
    headings: set[int] = set()

    def number(text: str, paragraph: DocxParagraph) -> int:
        numbered.append(text)
        if paragraph._p.style in HEADING_STYLES:
            headings.add(len(numbered))
        return len(numbered)

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells = []
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:           # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    cells.append([(number(_visible(p), p), _visible(p)) for p in cell.paragraphs])
                rows.append(cells)
            blocks.append(("t", rows))
        else:                                   # not a table: a paragraph
            paragraph = cast("DocxParagraph", block)
            blocks.append(("p", number(_visible(paragraph), paragraph), _visible(paragraph)))
    return numbered, blocks, headings


def _segments(path: str, numbered: list[str], blocks: list, lang: str | None,
              headings: Collection[int] = ()) -> tuple[list[Segment], list[str], bool]:
    """The segments: a parallel table's rows (a row whose written paragraphs are all in heading styles is
    the document's heading, role ``heading``, as the parties and title of a content file are not running
    text), else (``lang``) each paragraph."""
    segments: list[Segment] = []
    if lang is None:
        for kind, *rest in blocks:
            if kind != "t":
                continue
            for _r, cells in enumerate(rest[0], start=1):
                texts = ["\n".join(t for _, t in c) for c in cells]
                # a column of row numbers (`build --row-numbers`; blank in the header row) is in neither language
                for dropped in (str.isdecimal, lambda t: t == ""):
                    keep = [k for k, t in enumerate(texts) if not dropped(t.strip())]
                    if len(cells) > 2 and len(keep) >= 2:
                        cells, texts = [cells[k] for k in keep], [texts[k] for k in keep]
                if len(cells) < 2:
                    continue
                shares = [_japanese_share(t) for t in texts]
                ja_col = max(range(len(cells)), key=lambda k: shares[k])
                en_col = min(range(len(cells)), key=lambda k: shares[k])
                if ja_col == en_col or shares[ja_col] < 0.2:
                    continue
                written = [no for c in (cells[en_col], cells[ja_col]) for no, t in c if t.strip()]
                role = "heading" if written and all(no in headings for no in written) else "body"
                seg = Segment(f"row-{len(segments) + 1}", None, None, line=cells[en_col][0][0], origin="docx",
                              role=role)
                if texts[en_col].strip():
                    seg.en = _text(cells[en_col])
                if texts[ja_col].strip():
                    seg.ja = _text(cells[ja_col])
                segments.append(seg)
        if not segments:
            raise InputError(path, 1, 1, "no parallel EN|JA table found; pass --lang en|ja to check a "
                                         "monolingual document")
        return segments, numbered, False
    for kind, *rest in blocks:
        items = [[(rest[0], rest[1])]] if kind == "p" else [c for row in rest[0] for c in row]
        for cell in items:
            for no, t in cell:
                if t.strip():
                    seg = Segment(f"para-{no}", None, None, line=no, origin="docx",
                                  role="heading" if no in headings else "body")
                    setattr(seg, lang, _text([(no, t)]))
                    segments.append(seg)
    return segments, numbered, True
