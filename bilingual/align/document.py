"""Align two documents: read their paragraphs, split sentences, build anchors, run the programme.

Inputs are DOCX, plain text, Markdown, or PDF (through poppler's
``pdftotext``). Each file gives a list of paragraphs in one language.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..io.errors import InputError
from .core import Bead, Params, align_units
from .features import Featurizer, Unit

if TYPE_CHECKING:
    from ..glossary.model import Glossary
    from ..tm.store import Store

MAX_INPUT = 64 * 1024 * 1024
_PDF_HINT = ("reading PDF needs poppler's pdftotext: install poppler-utils "
             "(apt-get install poppler-utils, brew install poppler, or conda install poppler)")


@dataclass
class Aligned:
    """The result: both sides' sentences (text, paragraph number) and the beads over them."""

    en: list[Unit]
    ja: list[Unit]
    beads: list[Bead]
    params: Params = field(default_factory=Params)

    def pairs(self) -> Iterator[tuple[str, str, Bead]]:
        """(english, japanese, bead) per bead, sentences joined with a space (EN) or nothing (JA)."""
        for b in self.beads:
            yield (" ".join(self.en[k].text for k in b.en), "".join(self.ja[k].text for k in b.ja), b)


def read_paragraphs(path: str | os.PathLike[str], lang: str) -> list[str]:
    """The paragraphs of a DOCX, text, Markdown or PDF file, in reading order."""
    from ..io.fsutil import read_input

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        return _pdf_paragraphs(str(p))
    data = read_input(p, MAX_INPUT)
    if suffix == ".docx":
        from ..formats.docx_input import read_docx

        segments, _, _ = read_docx(str(p), data, lang)
        return [t.plain for seg in segments if (t := seg.text(lang)) is not None] + _docx_footnotes(str(p), data)
    else:
        from ..formats.text_input import read_text

        segments, _ = read_text(str(p), data, lang, markdown=suffix in (".md", ".markdown"))
    return [t.plain for seg in segments if (t := seg.text(lang)) is not None]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_footnotes(path: str, data: bytes) -> list[str]:
    """The paragraphs of a DOCX's footnotes, in the footnotes' order (after the body's).

    Legacy documents keep sources and caveats in footnotes; they are
    translated too, and must be aligned too. (``read_docx`` has checked the zip.)
    """
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "word/footnotes.xml" not in z.namelist():
            return []
        xml = z.read("word/footnotes.xml")
    from ..io.xmlsafe import parse

    root = parse(xml, path)
    out = []
    for note in root.iter(_W + "footnote"):
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        for para in note.iter(_W + "p"):
            text = "".join(t.text or "" for t in para.iter(_W + "t")).strip()
            if text:
                out.append(text)
    return out


def _pdf_paragraphs(path: str) -> list[str]:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise InputError(path, 1, 1, _PDF_HINT)
    try:
        done = subprocess.run([exe, "-enc", "UTF-8", path, "-"], capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise InputError(path, 1, 1, "pdftotext took more than 300 s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, 1, 1, f"pdftotext could not read it: {message[-1] if message else done.returncode}")
    text = done.stdout.decode("utf-8", "replace")
    body: list[str] = []
    notes: list[str] = []
    for page in text.split("\f"):
        main, foot = _split_page(page)
        for part, into in ((main, body), (foot, notes)):
            for block in re.split(r"\n\s*\n", part):
                lines = [line.strip() for line in block.splitlines() if line.strip()]
                lines = [line for line in lines if not _FURNITURE.fullmatch(line)]
                for para in _paragraph_lines(lines):
                    into.append(_join_lines(para))
    return body + notes


_FURNITURE = re.compile(r"(?:Page\s*)?[-–]?\s*\d{1,4}\s*[-–]?|\d{1,4}\s*/\s*\d{1,4}", re.IGNORECASE)
_NOTE_START = re.compile(r"(?:\d{1,3}\s+\S|https?://\S+$)")


def _split_page(page: str) -> tuple[str, str]:
    """A page's body text and its footnotes: from the first line in the page's lower half that starts
    with a note number and text, or is a lone URL, to the page's end. Footnotes go after the body, as
    a Word file's footnotes do, so that two files whose pages break at different places still align."""
    lines = page.split("\n")
    real = [k for k, line in enumerate(lines) if line.strip()]
    if len(real) < 6:
        return page, ""
    for k in real[len(real) // 2:]:
        if _NOTE_START.match(lines[k].strip()):
            return "\n".join(lines[:k]), "\n".join(lines[k:])
    return page, ""


_PARA_END = re.compile(r"[.:!?。：！？」）)][\d\s]*$")


def _paragraph_lines(lines: list[str]) -> list[list[str]]:
    """Lines of a text block grouped into paragraphs.

    pdftotext leaves no blank line between most paragraphs: a line that ends
    a sentence and stops short of the block's full width ends its paragraph,
    and so does a much shorter line (a heading, a title line); widths are in
    display cells (a Japanese character is two).
    """
    if not lines:
        return []
    def width(line: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
    full = max(width(line) for line in lines)
    out: list[list[str]] = [[]]
    bullet = ""
    for line in lines:
        if line in ("•", "・", "-", "–", "◦", "▪"):       # a list mark alone on its line: the item follows
            bullet = line + " "
            if out[-1]:
                out.append([])
            continue
        out[-1].append(bullet + line)
        bullet = ""
        if width(line) < 0.6 * full or (_PARA_END.search(line) and width(line) < 0.85 * full):
            out.append([])
    return [p for p in out if p]


def _join_lines(lines: list[str]) -> str:
    """PDF lines of one paragraph: Japanese lines join with nothing, English ones with a space
    (a list item keeps its own line)."""
    from ..text.sentences import _LIST_ITEM

    out = lines[0]
    for line in lines[1:]:
        if _LIST_ITEM.match(line):
            out += "\n" + line
        elif out and (ord(out[-1]) > 0x2E7F and ord(line[0]) > 0x2E7F):
            out += line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line                      # a word hyphenated at the line end
        else:
            out += " " + line
    return out


def sentence_units(paragraphs: list[str], lang: str, featurizer: Featurizer) -> list[Unit]:
    """Every paragraph's sentences as units (``para`` the paragraph's index)."""
    from ..text.sentences import split

    texts: list[str] = []
    where: list[tuple[int, int, int]] = []
    for p, para in enumerate(paragraphs):
        for s, e in split(para, lang):
            texts.append(para[s:e])
            where.append((p, s, e))
    units = featurizer.units(texts)
    for u, (p, s, e) in zip(units, where, strict=True):
        u.para, u.start, u.end = p, s, e
    return units


class Aligner:
    """Aligns document pairs with one glossary, one TM and one set of parameters."""

    def __init__(self, glossary: Glossary | None = None, tm: Store | None = None,
                 params: Params | None = None) -> None:
        index = None
        if glossary is not None:
            from ..glossary.matcher import TermIndex

            index = TermIndex(glossary)
        self.params = params or Params(ratio=estimate_ratio(tm) if tm is not None else Params().ratio)
        self.en = Featurizer("en", index, tm)
        self.ja = Featurizer("ja", index, tm)

    def align_sentences(self, en: list[list[str]], ja: list[list[str]]) -> Aligned:
        """Align sentences already split: a list of paragraphs, each a list of sentences."""
        eu = self._units(en, self.en)
        ju = self._units(ja, self.ja)
        return Aligned(eu, ju, align_units(eu, ju, self.params), self.params)

    @staticmethod
    def _units(paragraphs: list[list[str]], featurizer: Featurizer) -> list[Unit]:
        texts = [s for para in paragraphs for s in para]
        units = featurizer.units(texts)
        k = 0
        for p, para in enumerate(paragraphs):
            for _ in para:
                units[k].para = p
                k += 1
        return units

    def align_paragraphs(self, en: list[str], ja: list[str]) -> Aligned:
        eu = sentence_units(en, "en", self.en)
        ju = sentence_units(ja, "ja", self.ja)
        return Aligned(eu, ju, align_units(eu, ju, self.params), self.params)

    def align_files(self, en_path: str | os.PathLike[str], ja_path: str | os.PathLike[str]) -> Aligned:
        return self.align_paragraphs(read_paragraphs(en_path, "en"), read_paragraphs(ja_path, "ja"))


def estimate_ratio(tm: Store, limit: int = 20000) -> float:
    """Japanese characters per English character (spaces not counted) over the TM's pairs."""
    db = getattr(tm, "db", None)
    if db is None:
        return Params().ratio
    en = ja = 0
    for e, j in db.execute("SELECT en, ja FROM tu WHERE en IS NOT NULL AND ja IS NOT NULL LIMIT ?", (limit,)):
        en += len(e) - e.count(" ")
        ja += len(j) - j.count(" ")
    if en < 200:                      # too little to say: the default, measured on MOFA 仮訳
        return Params().ratio
    return min(max(ja / en, 0.2), 1.5)
