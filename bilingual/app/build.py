"""`build` as a use case: check the documents, then render and write the Word files."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .config import Options
from .session import Checked, Session

LAYOUTS = ("en", "ja", "parallel")


def check_documents(paths: Iterable[Path], options: Options) -> list[Checked]:
    """Load, pre-translate and check every document, with the same settings as `check`."""
    session = Session(options)
    return [session.check_document(session.load(p)) for p in paths]


def render(checked: list[Checked], layouts: Iterable[str] = (), template: Path | None = None,
           paper: dict[str, str] | None = None) -> list[tuple[str, bytes]]:
    """(file name, DOCX bytes) for every document and layout; all rendered before anything is written.
    ``paper`` gives a layout its paper size (``a4``, ``letter``); the template's otherwise."""
    from ..render import render_document

    paper = paper or {}
    return [(f"{c.document.id}.{layout}.docx", render_document(c.document, layout, template, paper=paper.get(layout)))
            for c in checked for layout in (tuple(layouts) or LAYOUTS)]


def write(out: Path, checked: list[Checked], rendered: list[tuple[str, bytes]]) -> list[Path]:
    """Write the files into ``out`` (created when missing), all or none; the paths written.

    Two documents of ``checked`` (every document of the build, written or not) with one id would
    overwrite each other's output: refused at the second one's ``id`` before anything is written.
    """
    from ..io.errors import InputError
    from ..io.fsutil import OutputError, write_all_atomic

    seen: dict[str, object] = {}
    for c in checked:
        other = seen.setdefault(c.document.id, c.document.path)
        if other != c.document.path:
            raise InputError(str(c.document.path), _id_line(c.document.path), 1,
                             f"document id {c.document.id!r} is also the id of {other}: outputs would collide")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), 1, 1, f"cannot make the output folder: {exc.strerror or exc}") from None
    files = [(out / name, data) for name, data in rendered]
    write_all_atomic(files)                # all outputs or none
    return [target for target, _ in files]


def _id_line(path) -> int:
    """The line of a content file's top-level ``id:`` (1 when it cannot be found)."""
    import re

    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return 1
    m = re.search(r"^id\s*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1
