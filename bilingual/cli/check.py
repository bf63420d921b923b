"""`bilingual check`: lint content, XLIFF, TMX, DOCX, text and Markdown against the glossary and QA checks."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import InputPath, check_options

if TYPE_CHECKING:
    from ..checks.html import Row
    from ..checks.model import Finding

FORMATS = ["text", "gcc", "json", "sarif", "html"]


@click.command()
@click.argument("paths", nargs=-1, type=InputPath())
@check_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file (written atomically) instead of standard output.")
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None,
              help="Language of plain text, Markdown or a monolingual DOCX (guessed for text when absent).")
@click.option("--fix", is_flag=True, help="Rewrite forbidden terms and variants to the preferred term in content YAML.")
@click.option("--date", "doc_date", metavar="YYYY-MM-DD", default=None,
              help="The document's date, for superseded names (default: the content's date:, or the configuration).")
@click.option("--register", type=click.Choice(["policy", "technical"]), default=None,
              help="Register of the text: policy (statements, minutes, press; the default) or technical (papers).")
@click.option("--skip-unknown", is_flag=True, hidden=False,
              help="Skip YAML files that are not content (no top-level 'kind:'), as the pre-commit hook does.")
@click.option("--list-rules", is_flag=True, help="List every rule (name, family, default severity, inputs, module).")
def check(paths: tuple[Path, ...], glossaries: tuple[Path, ...], tm: Path | str | None, select: list[str] | None,
          ignore: list[str], fmt: str | None, output: Path | None, lang: str | None, fix: bool,
          config_path: Path | None, doc_date: str | None, register: str | None, skip_unknown: bool,
          list_rules: bool) -> int:
    """Check files; exit 1 if any finding is an error, 2 on bad input.

    PATH may be content YAML, XLIFF 1.2/2.x, TMX, a DOCX (parallel EN|JA
    table, or with --lang one language), plain text or Markdown; a folder is
    searched for content YAML, XLIFF and TMX files.
    """
    code = _check(paths, glossaries, tm, select, ignore, fmt, output, lang, fix, config_path, doc_date, register,
                  skip_unknown, list_rules)
    from . import done_cleanly

    done_cleanly()      # the report is written and the session closed: the process may end at once
    return code


def _check(paths: tuple[Path, ...], glossaries: tuple[Path, ...], tm: Path | str | None, select: list[str] | None,
           ignore: list[str], fmt: str | None, output: Path | None, lang: str | None, fix: bool,
           config_path: Path | None, doc_date: str | None, register: str | None, skip_unknown: bool,
           list_rules: bool) -> int:
    if list_rules:
        return _list_rules()
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
    from ..app.check import check_files, files_to_check
    from ..app.config import settings
    from ..checks.report import as_gcc, as_json, as_sarif, as_text
    from ..io.errors import InputError

    if doc_date is not None:
        from ..glossary.model import iso_date

        if iso_date(doc_date) is None or len(doc_date) != 10:
            raise click.BadParameter(f"{doc_date!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    options = settings(config_path, glossaries=glossaries, tm=tm, select=select, ignore=ignore, lang=lang,
                       date=doc_date, register=register)
    files = files_to_check(paths, options, skip_unknown)
    findings: list[Finding] = []
    lines: dict[str, list[str]] = {}          # each file's lines, for the JSON report's context
    rows: list[Row] = []
    segments, failed, fixed = 0, False, 0
    for result in check_files(files, options, fix, with_rows=fmt == "html"):
        filled = result.pretranslation
        if (fmt or "text") == "text" and result.document is not None and filled is not None and (
                filled.filled or filled.suggested):
            from .tm import report_document  # (defines the tm commands: only when there is news)

            report_document(result.document, filled, err=False)
        fixed += result.fixed
        if result.error is not None:
            click.echo(str(result.error), err=True)
            failed = True
            continue
        findings.extend(result.findings)
        rows.extend(result.rows)
        segments += result.segments
        lines[result.shown_path] = result.lines
    fmt = fmt or "text"

    def line_of(p: str, n: int) -> str | None:
        ls = lines.get(p)
        return ls[n - 1] if ls and 0 < n <= len(ls) else None

    if fmt == "json":
        report = as_json(findings, len(files), segments, line_of) + "\n"
    elif fmt == "sarif":
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("bilingual")
        except PackageNotFoundError:
            v = "0"
        report = as_sarif(findings, len(files), segments, v) + "\n"
    elif fmt == "gcc":
        report = as_gcc(findings)
    elif fmt == "html":
        from ..checks.html import as_html

        report = as_html(rows, findings)
    else:
        colour = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        # after an input error, a count of "0 errors … 0 segments" would only mislead: no summary
        report = as_text(findings, len(files), segments, colour=colour, with_summary=not failed)
    if output is not None:
        from ..io.fsutil import write_atomic

        try:
            write_atomic(output, report.encode("utf-8"))
        except InputError as exc:
            click.echo(str(exc), err=True)
            return 2
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(report, nl=False)
    if fixed:
        click.echo(f"fixed {fixed} term(s)", err=True)
    if failed:
        return 2
    return 1 if any(f.severity == "error" for f in findings) else 0


def _list_rules() -> int:
    from ..checks.registry import catalog

    rules = sorted(catalog().values(), key=lambda r: (r.family, r.name))
    width = max(len(r.name) for r in rules)
    fam = max(len("family"), *(len(r.family) for r in rules))    # 'placeholders' is longer than the heading
    click.echo(f"{'rule':<{width}}  {'family':<{fam}} {'severity':<8} {'inputs':<14} module")
    for r in rules:
        inputs = "mono+parallel" if r.monolingual else "parallel"
        click.echo(f"{r.name:<{width}}  {r.family:<{fam}} {r.severity:<8} {inputs:<14} {r.module}")
    return 0
