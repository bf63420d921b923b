"""`check` as a use case: which files, each one read, pre-translated, checked (and fixed on request).

The caller prints; nothing here prints or exits.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..checks.model import Finding
from ..io.errors import InputError
from .config import Options

if TYPE_CHECKING:
    from ..checks.html import Row
    from ..content.model import Document
    from ..tm.content import Pretranslation
    from .session import Session


@dataclass
class FileResult:
    """One file checked: its findings, or the input error that stopped it."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    segments: int = 0
    lines: list[str] = field(default_factory=list)
    shown_path: str = ""
    document: Document | None = None
    pretranslation: Pretranslation | None = None     # what the TM did for a content document
    fixed: int = 0
    error: InputError | None = None
    rows: list[Row] = field(default_factory=list)   # the report's segment rows (app.report), when asked for


def files_to_check(paths: Iterable[Path], options: Options, skip_unknown: bool = False) -> list[Path]:
    """The files named or found in folders, less the configuration's ``exclude`` and (with
    ``skip_unknown``) YAML that is not content."""
    from ..formats.registry import folder_extensions
    from .inputs import is_content_yaml

    wanted = (".yaml", ".yml", *folder_extensions())     # content YAML and the formats found in folders
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in wanted and not any(
                        part.startswith(".") for part in f.relative_to(p).parts):
                    if f.suffix.lower() in (".yaml", ".yml") and not is_content_yaml(f):
                        continue
                    files.append(f)
        else:
            files.append(p)
    files = [p for p in files if not options.config.excluded(p)]
    if skip_unknown:
        files = [p for p in files if p.suffix.lower() not in (".yaml", ".yml") or is_content_yaml(p)]
    return files


def check_files(files: list[Path], options: Options, fix: bool = False, with_rows: bool = False
                ) -> Iterator[FileResult]:
    """Check each file in turn against one session (the glossary is loaded once); ``with_rows``: each
    result carries the rows of the HTML report too."""
    if not files:
        return
    from .session import Session

    session = Session(options)
    try:
        yield from _check_each(session, files, options, fix, with_rows)
    finally:
        session.close()


def _check_each(session: Session, files: list[Path], options: Options, fix: bool,
                with_rows: bool) -> Iterator[FileResult]:
    from .inputs import load

    for path in files:
        result = FileResult(path)
        try:
            inp = load(path, session.glossary, options.lang)
            found = session.check_segments(inp.path, inp.segments, inp.document, inp.monolingual)
            if inp.document is not None:
                result.document = inp.document
                result.pretranslation = session.pretranslations.get(id(inp.document))
            if fix and inp.kind == "content":
                from .fix import fix_file

                result.fixed = fix_file(path, found)
                if result.fixed:
                    inp = load(path, session.glossary, options.lang)
                    found = session.check_segments(inp.path, inp.segments, inp.document, inp.monolingual)
        except InputError as exc:
            result.error = exc
            yield result
            continue
        result.findings, result.segments = found, len(inp.segments)
        result.lines, result.shown_path = inp.lines, inp.path
        if with_rows:
            from .report import report_rows

            result.rows = report_rows(session.index, inp.path, inp.segments)
        yield result

