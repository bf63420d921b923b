"""`bilingual check`: lint content against the glossary and the QA checks."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import check_options


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@check_options
@click.option("--format", "fmt", type=click.Choice(["text", "gcc", "json"]), default="text", show_default=True,
              help="Output format.")
def check(paths, glossaries, tm, select, ignore, fmt) -> int:
    """Check content files; exit 1 if any finding is an error."""
    from ..checks.report import as_gcc, as_json, as_text
    from ..workflow import Options, Session

    session = Session(Options(list(glossaries), tm, select, ignore))
    findings, segments = [], 0
    for path in paths:
        result = session.check_document(session.load(path))
        if fmt == "text":
            from .tm import report_pretranslation

            report_pretranslation([result], err=False)
        findings.extend(result.findings)
        segments += result.segments
    if fmt == "json":
        click.echo(as_json(findings, len(paths), segments))
    elif fmt == "gcc":
        click.echo(as_gcc(findings), nl=False)
    else:
        click.echo(as_text(findings, len(paths), segments, colour=sys.stdout.isatty()), nl=False)
    return 1 if any(f.severity == "error" for f in findings) else 0
