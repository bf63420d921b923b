"""`bilingual xliff`: export a content file to a CAT tool as XLIFF, and merge the translation back."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import check_options, config_option

if TYPE_CHECKING:
    from ..app.session import Session
    from ..content.model import Document
    from ..glossary.model import Glossary
    from ..io.yamlpos import Source

MAX_XLIFF = 200 * 1024 * 1024


@click.group()
def xliff() -> None:
    """The translator's round trip: XLIFF 1.2 / 2.x out to a CAT tool and back into the content YAML."""


def _session(glossaries: tuple[Path, ...], tm: Path | str | None, select: list[str] | None = None,
             ignore: Iterable[str] = (), config_path: Path | None = None) -> Session:
    """The glossary and TM opened once, under the configuration merged once (app.config.settings)."""
    from ..app.config import settings
    from ..app.session import Session

    return Session(settings(config_path, glossaries=glossaries, tm=tm, select=select, ignore=ignore))


def _read_content(path: Path, glossary: Glossary) -> tuple[bytes, Source, Document]:
    from ..content.loader import MAX_BYTES, document_from_source
    from ..io.fsutil import check_regular, read_input
    from ..io.yamlpos import Source

    check_regular(path)
    data = read_input(path, MAX_BYTES)
    src = Source(str(path), data)
    return data, src, document_from_source(src, glossary)


@xliff.command()
@click.argument("content", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The XLIFF file to write.")
@click.option("--version", "version", type=click.Choice(["1.2", "2.0", "2.1", "2.2"]), default="2.1",
              show_default=True, help="XLIFF version.")
@click.option("--glossary", "-g", "glossaries", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Glossary YAML file or folder (repeatable); the embedded glossary by default.")
@click.option("--tm", "tm", type=click.Path(exists=True, path_type=Path),
              help="Translation memory (TMX or SQLite store) for matches and pre-fill; the starter TM by default.")
@config_option
def export(content: Path, out: Path, version: str, glossaries: tuple[Path, ...], tm: Path | None,
           config_path: Path | None) -> int:
    """Write CONTENT as XLIFF: one unit per segment, glossary terms and TM matches as context."""
    from ..formats.xliff_write import write_xliff
    from ..io.fsutil import write_atomic

    session = _session(glossaries, tm, config_path=config_path)
    _, _, doc = _read_content(content, session.glossary)
    from ..tm.content import lookup_segment

    store = session.tm
    matches = (lambda segments, i: lookup_segment(store, doc, segments, i)) if store is not None else None
    data = write_xliff(doc, version, session.index, session.glossary, matches)
    write_atomic(out, data)
    units = data.count(b"<trans-unit ") + data.count(b"<unit ")
    click.echo(f"wrote {out} (XLIFF {version}, {units} units)")
    return 0


@xliff.command("import")
@click.argument("xlf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("content", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the merged content here (default: CONTENT itself, atomically).")
@check_options
@click.option("--report", "report", type=click.Choice(["table", "csv", "json"]), default=None,
              help="Post-edit analysis: each unit's pre-filled suggestion against its final target.")
@click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
def import_(xlf: Path, content: Path, out: Path | None, glossaries: tuple[Path, ...], tm: Path | str | None,
            select: list[str] | None, ignore: list[str], config_path: Path | None, report: str | None,
            dry_run: bool) -> int:
    """Merge XLIFF targets into CONTENT's Japanese, then check the merged document.

    Every other line of CONTENT stays byte-identical. A dropped or extra
    inline code, an unknown unit id, a changed English (stale-translation) or
    a file for another document is a located error, and nothing is written.
    """
    from ..checks.report import as_text
    from ..content.loader import document_from_source
    from ..formats.xliff_codes import visible
    from ..formats.xliff_merge import merge, merged_text
    from ..io.errors import InputError
    from ..io.fsutil import check_regular, read_input, write_atomic
    from ..io.yamlpos import Source

    session = _session(glossaries, tm, select, ignore, config_path)
    raw, src, doc = _read_content(content, session.glossary)
    check_regular(xlf)
    result = merge(str(xlf), read_input(xlf, MAX_XLIFF), doc)
    for w in result.warnings:
        click.echo(w, err=True)
    text = merged_text(src.text, src, doc, result)
    bom = raw.startswith(b"\xef\xbb\xbf")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        new = text.encode("utf-16")
    else:
        new = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    target = out or content
    merged_src = Source(str(target), new)
    merged = document_from_source(merged_src, session.glossary)
    by_id = {s.id: s for s in merged.segments()}
    for m in result.changed:
        got = by_id.get(m.segment.id)
        if got is None or got.ja is None or " ".join(got.ja.plain.split()) != " ".join(visible(m.items).split()):
            raise InputError(str(target), m.segment.line, 1, f"segment {m.segment.id}: the merged Japanese does "
                                                             "not read back as written (nothing written)")
    findings = session.check_segments(str(target), list(merged.segments()), merged)
    if not dry_run and (result.changed or out is not None):
        write_atomic(target, new)
    verb = "would merge" if dry_run else "merged"
    click.echo(f"{xlf}: {verb} {len(result.changed)} unit(s) into {target}; {result.unchanged} unchanged, "
               f"{result.skipped} without a translation", err=True)
    click.echo(as_text(findings, 1, len(list(merged.segments()))), nl=False)
    if report:
        from ..app.postedit import analyse, render

        click.echo(render(analyse(result), report), nl=False)
    return 1 if any(f.severity == "error" for f in findings) else 0
