"""`bilingual check`: lint content, XLIFF, TMX, DOCX, text and Markdown against the glossary and QA checks."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .common import check_options

FORMATS = ["text", "gcc", "json", "sarif"]
_DIR_SUFFIXES = (".yaml", ".yml", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@check_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text).")
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None,
              help="Language of plain text, Markdown or a monolingual DOCX (guessed for text when absent).")
@click.option("--fix", is_flag=True, help="Rewrite forbidden terms and variants to the preferred term in content YAML.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (default: bilingual.toml or pyproject.toml, found upward).")
@click.option("--date", "doc_date", metavar="YYYY-MM-DD", default=None,
              help="The document's date, for superseded names (default: the content's date:, or the configuration).")
@click.option("--register", type=click.Choice(["policy", "technical"]), default=None,
              help="Register of the text: policy (statements, minutes, press; the default) or technical (papers).")
@click.option("--skip-unknown", is_flag=True, hidden=False,
              help="Skip YAML files that are not content (no top-level 'kind:'), as the pre-commit hook does.")
def check(paths, glossaries, tm, select, ignore, fmt, lang, fix, config_path, doc_date, register,
          skip_unknown) -> int:
    """Check files; exit 1 if any finding is an error, 2 on bad input.

    PATH may be content YAML, XLIFF 1.2/2.x, TMX, a DOCX (parallel EN|JA
    table, or with --lang one language), plain text or Markdown; a folder is
    searched for content YAML, XLIFF and TMX files.
    """
    from ..checks.report import as_gcc, as_json, as_sarif, as_text
    from ..config import load_config
    from ..errors import InputError
    from ..formats.check_input import is_content_yaml, load
    from ..workflow import Options, Session

    config = load_config(config_path)
    if doc_date is not None:
        from ..glossary.model import iso_date

        if iso_date(doc_date) is None or len(doc_date) != 10:
            raise click.BadParameter(f"{doc_date!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    options = Options(list(glossaries) or config.glossaries, tm or config.tm,
                      select if select is not None else config.select,
                      sorted(set(ignore) | set(config.ignore)), dict(config.severities),
                      date=doc_date or config.date, register=register or config.register)
    lang = lang or config.lang
    files = _expand(paths, skip_unknown)
    files = [p for p in files if not config.excluded(p)]
    if skip_unknown:
        files = [p for p in files if p.suffix.lower() not in (".yaml", ".yml") or is_content_yaml(p)]
    session = Session(options) if files else None
    findings, segments, lines, failed, fixed = [], 0, {}, False, 0
    for path in files:
        try:
            inp = load(path, session.glossary, lang)
            found = session.check_segments(inp.path, inp.segments, inp.document, inp.monolingual)
            filled = session.pretranslations.get(id(inp.document)) if inp.document is not None else None
            if (fmt or "text") == "text" and filled is not None and (filled.filled or filled.suggested):
                from .tm import report_document      # (defines the tm commands: only when there is news)

                report_document(inp.document, filled, err=False)
            if fix and inp.kind == "content":
                from ..fix import fix_file

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
        segments += len(inp.segments)
        lines[inp.path] = inp.lines
    fmt = fmt or "text"

    def line_of(p: str, n: int) -> str | None:
        ls = lines.get(p)
        return ls[n - 1] if ls and 0 < n <= len(ls) else None

    if fmt == "json":
        click.echo(as_json(findings, len(files), segments, line_of))
    elif fmt == "sarif":
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("bilingual")
        except PackageNotFoundError:
            v = "0"
        click.echo(as_sarif(findings, len(files), segments, v))
    elif fmt == "gcc":
        click.echo(as_gcc(findings), nl=False)
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(as_text(findings, len(files), segments, colour=colour), nl=False)
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
