"""The exchange formats: one entry per format, one registry for `check`, the TM and the glossary.

A format holds one of three things: ``glossary`` (a termbase), ``units`` (a TM's translation units) or
``segments`` (what `bilingual check` reads). Its entry names its file extensions, the XML root elements that
identify it (``sniff``), and the module and functions that ``read`` and ``write`` it; the module is imported
only when the format is used.

| holds | read | write |
|---|---|---|
| glossary | ``read(path, encoding=None) -> Glossary`` | ``write(glossary, **options) -> bytes`` |
| units | ``read(path, progress=None) -> Iterator[list[Unit]]`` (batches) | ``write(path, units_xml, srclang) -> int`` |
| segments | chosen here, read by `check` (``app/inputs.py``) by format name | — |

A new format is its module and one ``Format(...)`` line in ``FORMATS``.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple


class Format(NamedTuple):
    name: str
    holds: tuple[str, ...]              # glossary | units | segments
    extensions: tuple[str, ...]         # lower case, with the dot
    module: str = ""                    # bilingual.formats.<module>
    reader: str = ""                    # function names in that module ("" when it cannot)
    writer: str = ""
    roots: tuple[str, ...] = ()         # XML root elements that identify the format without its extension
    in_folders: tuple[str, ...] = ()    # the extensions `check FOLDER` picks up

    def read(self) -> Callable:
        reader: Callable = getattr(importlib.import_module(f"{__package__}.{self.module}"), self.reader)
        return reader

    def write(self) -> Callable:
        writer: Callable = getattr(importlib.import_module(f"{__package__}.{self.module}"), self.writer)
        return writer


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("tbx", ("glossary",), (".tbx",), "tbx2019", "read_tbx", "to_tbx", ("tbx", "martif")),
    Format("tbx2008", ("glossary",), (), "tbx2008", "read_martif", "to_martif", ("martif",)),
    Format("csv", ("glossary",), (".csv",), "csv_glossary", "read_csv", "to_csv"),
    Format("tmx", ("units", "segments"), (".tmx",), "tmx", "read_tmx_batches", "write_tmx", ("tmx",), (".tmx",)),
    Format("xliff", ("segments",), (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".xlz"), "xliff", "read_xliff",
           roots=("xliff",), in_folders=(".xlf", ".xliff", ".sdlxliff", ".mqxliff")),
    Format("docx", ("segments",), (".docx",), "docx_input", "read_docx"),
    Format("markdown", ("segments",), (".md", ".markdown"), "text_input", "read_text"),
    Format("text", ("segments",), (), "text_input", "read_text"),
)}

_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")


def sniff(path: str | Path, holds: str, head: bytes = b"") -> Format | None:
    """The format of ``path`` among those that hold ``holds``: by extension, else by the XML root in ``head``."""
    ext = Path(path).suffix.lower()
    candidates = [f for f in FORMATS.values() if holds in f.holds]
    for f in candidates:
        if ext in f.extensions:
            return f
    if head:
        m = _ROOT.search(head[:4096])           # (a declaration, DOCTYPE or comment does not match)
        if m:
            root = m.group(1).decode("ascii")
            return next((f for f in candidates if root in f.roots), None)
    return None


def folder_extensions() -> tuple[str, ...]:
    """Extensions `check` looks for in a folder, besides content YAML."""
    return tuple(e for f in FORMATS.values() for e in f.in_folders)
