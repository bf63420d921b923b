"""`bilingual build`: check, then write the EN, JA and parallel Word documents."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..io.errors import InputError
from .common import InputPath, check_options

LAYOUTS = ("en", "ja", "parallel")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath(dir_okay=False))
@click.option("-o", "--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder for the DOCX files.")
@click.option("--layout", "layouts", multiple=True, type=click.Choice(LAYOUTS),
              help="Layouts to write (repeatable); all three by default.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Reference DOCX whose styles the output uses.")
@click.option("--force", is_flag=True, help="Write even when error findings stand.")
@check_options
def build(paths, out, layouts, template, force, glossaries, tm, select, ignore) -> int:
    """Check content and write <id>.en.docx, <id>.ja.docx and <id>.parallel.docx."""
    from ..checks.report import as_text
    from ..app.session import Options, Session

    session = Session(Options(list(glossaries), tm, select, ignore))
    checked = [session.check_document(session.load(p)) for p in paths]
    from .tm import report_pretranslation

    report_pretranslation(checked)
    # info notes (term-unverified, whitespace) are for `bilingual check`; a build shows what may stop it
    findings = [f for c in checked for f in c.findings if f.severity != "info"]
    errors = [f for f in findings if f.severity == "error"]
    if findings:
        click.echo(as_text(findings, len(paths), sum(c.segments for c in checked),
                           colour=sys.stderr.isatty()), nl=False, err=True)
    if errors and not force:
        click.echo(f"bilingual: {len(errors)} error finding(s); nothing written (use --force to write anyway)",
                   err=True)
        return 1
    if errors:
        click.echo(f"bilingual: writing despite {len(errors)} error finding(s) (--force)", err=True)
    from ..io.fsutil import OutputError, write_all_atomic
    from ..render import render_document
    from ..render.docx import RenderError

    try:
        rendered = [(c.document, layout, render_document(c.document, layout, template))
                    for c in checked for layout in (layouts or LAYOUTS)]
    except RenderError as exc:
        if isinstance(exc, InputError):
            raise
        raise click.ClickException(str(exc)) from None
    seen: dict[str, object] = {}
    for c in checked:                      # two documents with one id would overwrite each other's output
        other = seen.setdefault(c.document.id, c.document.path)
        if other != c.document.path:
            raise InputError(str(c.document.path), _id_line(c.document.path), 1,
                             f"document id {c.document.id!r} is also the id of {other}: outputs would collide")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), 1, 1, f"cannot make the output folder: {exc.strerror or exc}") from None
    files = [(out / f"{doc.id}.{layout}.docx", data) for doc, layout, data in rendered]
    write_all_atomic(files)                # all outputs or none
    for target, _ in files:
        click.echo(f"wrote {target}")
    return 0


def _id_line(path) -> int:
    """The line of a content file's top-level ``id:`` (1 when it cannot be found)."""
    import re

    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return 1
    m = re.search(r"^id\s*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1
