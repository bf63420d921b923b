"""`build` as a use case: check the documents, then render and write the Word files."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from .config import Options
from .session import Checked, Session

LAYOUTS = ("en", "ja", "parallel")


def check_documents(paths: Iterable[Path], options: Options) -> list[Checked]:
    """Load, pre-translate and check every document, with the same settings as `check`."""
    session = Session(options)
    return [session.check_document(session.load(p)) for p in paths]


def render(checked: list[Checked], layouts: Iterable[str] = (), template: Path | None = None
           ) -> list[tuple[str, bytes]]:
    """(file name, DOCX bytes) for every document and layout; all rendered before anything is written."""
    from ..render import render_document

    return [(f"{c.document.id}.{layout}.docx", render_document(c.document, layout, template))
            for c in checked for layout in (tuple(layouts) or LAYOUTS)]


def write(out: Path, rendered: list[tuple[str, bytes]]) -> Iterator[Path]:
    """Write each file atomically into ``out`` (created when missing); yield each path once written."""
    from ..io.fsutil import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    for name, data in rendered:
        target = out / name
        write_atomic(target, data)
        yield target
