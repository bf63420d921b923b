"""`bilingual check`: lint content, XLIFF, TMX, DOCX, text and Markdown against the glossary and QA checks."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .common import InputPath, check_options

FORMATS = ["text", "gcc", "json", "sarif", "html"]
_DIR_SUFFIXES = (".yaml", ".yml", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@check_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file (written atomically) instead of standard output.")
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None,
              help="Language of plain text, Markdown or a monolingual DOCX (guessed for text when absent).")
@click.option("--fix", is_flag=True, help="Rewrite forbidden terms and variants to the preferred term in content YAML.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (default: bilingual.toml or pyproject.toml, found upward).")
@click.option("--skip-unknown", is_flag=True, hidden=False,
              help="Skip YAML files that are not content (no top-level 'kind:'), as the pre-commit hook does.")
def check(paths, glossaries, tm, select, ignore, fmt, output, lang, fix, config_path, skip_unknown) -> int:
    """Check files; exit 1 if any finding is an error, 2 on bad input.

    PATH may be content YAML, XLIFF 1.2/2.x, TMX, a DOCX (parallel EN|JA
    table, or with --lang one language), plain text or Markdown; a folder is
    searched for content YAML, XLIFF and TMX files.
    """
    from ..checks.report import as_gcc, as_json, as_sarif, as_text
    from ..app.config import load_config
    from ..io.errors import InputError
    from ..formats.check_input import is_content_yaml, load
    from ..app.session import Options, Session

    config = load_config(config_path)
    options = Options(list(glossaries) or config.glossaries, tm or config.tm,
                      select if select is not None else config.select,
                      sorted(set(ignore) | set(config.ignore)), dict(config.severities))
    lang = lang or config.lang
    files = _expand(paths, skip_unknown)
    files = [p for p in files if not config.excluded(p)]
    if skip_unknown:
        files = [p for p in files if p.suffix.lower() not in (".yaml", ".yml") or is_content_yaml(p)]
    session = Session(options) if files else None
    findings, segments, lines, failed, fixed, rows = [], 0, {}, False, 0, []
    for path in files:
        try:
            inp = load(path, session.glossary, lang)
            found = session.check_segments(inp.path, inp.segments, inp.document, inp.monolingual)
            filled = session.pretranslations.get(id(inp.document)) if inp.document is not None else None
            if (fmt or "text") == "text" and filled is not None and (filled.filled or filled.suggested):
                from .tm import report_document      # (defines the tm commands: only when there is news)

                report_document(inp.document, filled, err=False)
            if fix and inp.kind == "content":
                from ..app.fix import fix_file

                n = fix_file(path, found)
                if n:
                    fixed += n
                    inp = load(path, session.glossary, lang)
                    found = session.check_segments(inp.path, inp.segments, inp.document, inp.monolingual)
        except InputError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        findings.extend(found)
        if fmt == "html":
            from ..app.report import report_rows

            rows.extend(report_rows(session.index, inp.path, inp.segments))
        segments += len(inp.segments)
        lines[inp.path] = inp.lines
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


def _expand(paths: tuple[Path, ...], content_only: bool) -> list[Path]:
    from ..formats.check_input import is_content_yaml

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in _DIR_SUFFIXES and not any(
                        part.startswith(".") for part in f.relative_to(p).parts):
                    if f.suffix.lower() in (".yaml", ".yml") and not is_content_yaml(f):
                        continue
                    out.append(f)
        else:
            out.append(p)
    return out
