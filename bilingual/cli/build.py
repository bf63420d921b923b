"""`bilingual build`: check, then write the EN, JA and parallel Word documents."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..io.errors import InputError
from .common import InputPath, check_options

LAYOUTS = ("en", "ja", "parallel")   # (the same as app.build.LAYOUTS; click needs them without importing it)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath(dir_okay=False))
@click.option("-o", "--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder for the DOCX files.")
@click.option("--layout", "layouts", multiple=True, type=click.Choice(LAYOUTS),
              help="Layouts to write (repeatable); all three by default.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Reference DOCX whose styles the output uses.")
@click.option("--force", is_flag=True, help="Write even when error findings stand.")
@click.option("--pdf", is_flag=True, help="Also write each document as PDF, through LibreOffice (fonts embedded).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper for every layout (default: the configuration's `paper`, else the template's, A4).")
@click.option("--row-numbers/--no-row-numbers", default=None,
              help="Number the rows of the parallel copy, for review meetings (default: the configuration's "
                   "`row_numbers`, else no numbers).")
@check_options
def build(paths: tuple[Path, ...], out: Path, layouts: tuple[str, ...], template: Path | None, force: bool, pdf: bool,
          paper: str | None, row_numbers: bool | None, glossaries: tuple[Path, ...], tm: Path | str | None,
          select: list[str] | None, ignore: list[str], config_path: Path | None) -> int:
    """Check content and write <id>.en.docx, <id>.ja.docx and <id>.parallel.docx."""
    from ..app import build as job
    from ..app.config import settings
    from ..checks.report import as_text

    options = settings(config_path, glossaries=glossaries, tm=tm, select=select, ignore=ignore)
    soffice = job.libreoffice() if pdf else None
    if pdf and soffice is None:
        click.echo("bilingual: error: --pdf needs LibreOffice (soffice), which is not installed: "
                   "apt-get install libreoffice-writer-nogui (Debian/Ubuntu); nothing written", err=True)
        return 2
    checked = job.check_documents(paths, options)
    from .tm import report_pretranslation

    report_pretranslation(checked)
    # info notes (term-unverified, whitespace) are for `bilingual check`; a build shows what may stop it
    findings = [f for c in checked for f in c.findings if f.severity != "info"]
    errors = [f for f in findings if f.severity == "error"]
    if findings:
        click.echo(as_text(findings, len(paths), sum(c.segments for c in checked),
                           colour=sys.stderr.isatty()), nl=False, err=True)
    # each file is judged on its own: one with an error finding is not written, the others are
    failed = [c for c in checked if any(f.severity == "error" for f in c.findings)]
    if failed and not force:
        for c in failed:
            n = sum(1 for f in c.findings if f.severity == "error")
            click.echo(f"bilingual: {c.document.path}: {n} error finding(s); nothing written for it "
                       "(use --force to write anyway)", err=True)
    elif errors:
        click.echo(f"bilingual: writing despite {len(errors)} error finding(s) (--force)", err=True)
    to_write = checked if force else [c for c in checked if c not in failed]
    from ..render.docx import RenderError

    try:
        papers = dict.fromkeys(LAYOUTS, paper) if paper else options.config.paper
        numbered = options.config.row_numbers if row_numbers is None else row_numbers
        rendered = job.render(to_write, layouts, template, papers, numbered)
    except RenderError as exc:
        if isinstance(exc, InputError):
            raise
        raise click.ClickException(str(exc)) from None
    written = job.write(out, checked, rendered) if to_write else []
    for target in written:
        click.echo(f"wrote {target}")
    if soffice is not None and written:
        for target in job.to_pdf(written, soffice):
            click.echo(f"wrote {target}")
    return 1 if failed and not force else 0

