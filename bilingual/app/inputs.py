"""What `bilingual check` reads: any supported file as segments with file positions.

| extension | read as |
|---|---|
| `.yaml`, `.yml` | content YAML (a document) |
| `.xlf`, `.xliff`, `.sdlxliff`, `.mqxliff` | XLIFF 1.2 / 2.x: each unit (segment) a pair |
| `.tmx` | TMX: each TU's English and Japanese a pair |
| `.docx` | a parallel EN|JA table, or with `--lang` every paragraph |
| `.md`, `.markdown` | Markdown in one language (`--lang`, else guessed) |
| anything else | plain text in one language (`--lang`, else guessed) |
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Document, Segment
from ..io.errors import InputError
from ..io.limits import MAX_TEXT_BYTES
from ..io.limits import MAX_XML_BYTES as MAX_BYTES

if TYPE_CHECKING:
    from ..glossary.model import Glossary

XLIFF = (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".xlz")
MARKDOWN = (".md", ".markdown")


@dataclass
class CheckInput:
    path: str
    kind: str                          # content | xliff | tmx | docx | markdown | text
    segments: list[Segment]
    lines: list[str] = field(default_factory=list)   # the file's lines (DOCX: paragraphs) for UTF-16 columns
    monolingual: bool = False
    document: Document | None = None


def kind_of(path: Path) -> str:
    """content (our YAML), or the name of a format that holds segments (formats/registry.py); else text."""
    from ..formats.registry import sniff

    if path.suffix.lower() in (".yaml", ".yml"):
        return "content"
    fmt = sniff(path, "segments")
    return fmt.name if fmt else "text"


def is_content_yaml(path: Path) -> bool:
    """A YAML file whose top level has a ``kind:`` key (a glossary or CI file has not)."""
    import re
    import stat

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return True                        # let the loader refuse it with a message
        head = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return re.search(r"^kind\s*:", head, re.M) is not None


def _read(path: Path, limit: int = MAX_BYTES) -> bytes:
    from ..io.fsutil import read_input

    return read_input(path, limit)             # regular files only: a pipe or /dev/zero would hang


def load(path: Path, glossary: Glossary, lang: str | None = None) -> CheckInput:
    """Read one file for checking; InputError (located) for anything unreadable or over a limit."""
    checked = _load(path, glossary, lang)
    _check_lengths(checked)
    return checked


def _check_lengths(checked: CheckInput) -> None:
    """No segment longer than the limit, in any format (``limits.MAX_SEGMENT_CHARS``)."""
    from ..io.limits import segment_too_long

    for seg in checked.segments:
        for text in (seg.en, seg.ja):
            if text is None:
                continue
            problem = segment_too_long(len(text.plain))
            if problem:
                line, col = text.positions[0] if text.positions else (seg.line or 1, 1)
                raise InputError(checked.path, line, col, problem)


def _load(path: Path, glossary: Glossary, lang: str | None = None) -> CheckInput:
    kind = kind_of(path)
    name = str(path)
    if kind == "content":
        from ..content.loader import load_document
        from ..io.yamlpos import decode_text

        doc = load_document(path, glossary)
        text = decode_text(name, _read(path))            # the lines as positions count them
        return CheckInput(name, kind, list(doc.segments()), re.split(r"\r\n|\r|\n", text), document=doc)
    data = _read(path, MAX_TEXT_BYTES if kind in ("text", "markdown") else MAX_BYTES)
    if kind == "xliff":
        from ..formats.xliff import read_xliff, slot

        pairs = read_xliff(name, data)
        sides = {slot(x) for x in pairs.langs}
        return CheckInput(name, kind, pairs.segments, re.split(r"\r\n|\r|\n", pairs.source),
                          monolingual=not {"en", "ja"} <= sides)
    if kind == "tmx":
        segments, source, langs = read_tmx(name, data)
        return CheckInput(name, kind, segments, re.split(r"\r\n|\r|\n", source), monolingual=not {"en", "ja"} <= langs)
    if kind == "docx":
        from ..formats.docx_input import read_docx

        segments, paragraphs, mono = read_docx(name, data, lang)
        return CheckInput(name, kind, segments, paragraphs, monolingual=mono)
    from ..formats.text_input import decode_text, read_text
    from ..text.langs import guess_lang

    if lang is None:
        lang = guess_lang(decode_text(name, data))
    segments, source = read_text(name, data, lang, markdown=kind == "markdown")
    return CheckInput(name, kind, segments, re.split(r"\r\n|\r|\n", source), monolingual=True)


TMX_SKIP = frozenset({"bpt", "ept", "it", "ph", "ut", "sub"})


def read_tmx(path: str, data: bytes) -> tuple[list[Segment], str, set[str]]:
    """Each TU's English and Japanese ``seg`` as a pair (other languages are not checked).

    Read by the TM's own reader (:func:`bilingual.formats.tmx.read_tmx_located`): a file
    ``tm import`` refuses, ``check`` refuses with the same line.
    """
    from ..formats.tmx import read_tmx_located
    from ..formats.xmlpos import Locator, decode, element_text

    loc = Locator(decode(data))
    segments: list[Segment] = []
    langs: set[str] = set()
    for n, tu in enumerate(read_tmx_located(path, data, loc.source), start=1):
        seg = Segment(tu.tuid or f"tu-{n}", None, None, line=tu.line, origin="tmx")
        for side, s in tu.segs:
            langs.add(side)
            text = loc.text(s, TMX_SKIP, element_text(s, TMX_SKIP))
            if text.plain.strip():
                setattr(seg, side, text)
        if seg.en is not None or seg.ja is not None:
            segments.append(seg)
    return segments, loc.source, langs
