"""`bilingual glossary`: validate, look up, import, export and count the termbase."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..app.config import Options
    from ..glossary.model import Glossary, Term

_GLOSSARY = click.option("--glossary", "-g", "glossaries", multiple=True,
                         type=click.Path(exists=True, path_type=Path),
                         help="Glossary YAML/TBX/CSV file or folder (repeatable); the embedded glossary by default.")
FORMATS = ("tbx", "tbx2008", "csv", "yaml")   # our YAML and the glossary formats of formats/registry.py


def _settings(glossaries: tuple[Path, ...]) -> Options:
    """The command line merged over the configuration file (``-g`` else the file's ``glossary``)."""
    from ..app.config import settings

    return settings(glossaries=glossaries)


def _load(glossaries: tuple[Path, ...]) -> Glossary:
    from ..app.glossary import load

    return load(_settings(glossaries))


@click.group()
def glossary() -> None:
    """The controlled EN–JA glossary as a termbase (TBX 2019/2008, CSV)."""


@glossary.command()
@_GLOSSARY
def validate(glossaries: tuple[Path, ...]) -> int:
    """Check the glossary for its own faults; exit 1 if there are any."""
    from ..app.glossary import validate as run

    g, problems = run(_settings(glossaries))
    for p in problems:
        click.echo(str(p))
    terms = sum(len(c.terms) for c in g.concepts.values())
    click.echo(f"{len(g.concepts)} concepts, {terms} terms: "
               + (f"{len(problems)} problem(s)" if problems else "no problems"), err=True)
    return 1 if problems else 0


@glossary.command()
@click.argument("query")
@_GLOSSARY
@click.option("--lang", type=click.Choice(["en", "ja"]), help="Search only English or only Japanese terms.")
@click.option("--limit", "-n", default=5, show_default=True, help="How many fuzzy matches to show.")
@click.option("--min-score", default=70, show_default=True, help="Lowest fuzzy score (0–100).")
def lookup(query: str, glossaries: tuple[Path, ...], lang: str | None, limit: int, min_score: int) -> int:
    """Find a concept by an EN or JA term (exact, then fuzzy); exit 1 if nothing matches.

    Shows the matched term, then the whole entry: definition, source, notes and
    every term of both languages with its status.
    """
    from ..app.glossary import lookup as find

    g, hits = find(query, _settings(glossaries), limit=limit, min_score=min_score, lang=lang)
    if not hits:
        click.echo(f"no term matches {query!r}", err=True)
        return 1
    shown: set[str] = set()
    for score, term in hits:
        if term.concept in shown:
            continue
        shown.add(term.concept)
        if len(shown) > 1:
            click.echo("")
        c = g.concepts[term.concept]
        click.echo(f"{term.text}  [{term.lang}, {_flags(term)}]  concept {c.id}"
                   + ("" if score >= 100 else f"  (match {score:.0f})"))
        if term.forbidden or term.type == "variant":
            use = c.preferred(term.lang)
            if use is not None:
                click.echo(f"  use instead: {use.text}")
        for label, value in (("subject", c.subject), ("definition", c.definition), ("source", c.source),
                             ("note", c.note)):
            if value:
                click.echo(f"  {label}: {value}")
        cited = _cited(g, c.source)
        for t in c.terms:
            click.echo(f"  {t.lang}  {t.text}  [{_flags(t)}]")
            for label, value in (("source", t.source), ("note", t.note)):
                if value:
                    click.echo(f"        {label}: {value}")
            cited.extend(k for k in _cited(g, t.source) if k not in cited)
        if cited:
            click.echo("  sources:")
            for key in cited:
                click.echo(f"    {g.sources[key].describe()}")
    return 0


def _cited(g: Glossary, text: str | None) -> list[str]:
    """The registry keys a ``source`` field cites, in order, once each."""
    from ..glossary.model import source_citations

    return list(dict.fromkeys(head for head, _ in source_citations(text) if head in g.sources))


@glossary.command(name="list")
@_GLOSSARY
@click.option("--subject", "-s", multiple=True,
              help="Only concepts of this subject field (repeatable): organisation, title, place, agreement, …")
def list_(glossaries: tuple[Path, ...], subject: tuple[str, ...]) -> int:
    """List concept ids with their names in both languages: the ids content YAML uses
    (`parties: [doe, mext]`, a person's title)."""
    from rich.console import Console
    from rich.table import Table

    g = _load(glossaries)
    subjects = sorted({c.subject or "-" for c in g.concepts.values()})
    unknown = [s for s in subject if s not in subjects]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)} (subjects: {', '.join(subjects)})", param_hint="'--subject'")
    rows = [(c.id, c.subject or "-", c.name("en") or "", c.name("ja") or "")
            for c in sorted(g.concepts.values(), key=lambda c: (c.subject or "", c.id))
            if not subject or (c.subject or "-") in subject]
    console = Console(soft_wrap=True)
    if console.is_terminal:
        table = Table(show_edge=False, pad_edge=False)
        for heading in ("id", "subject", "en", "ja"):
            table.add_column(heading, no_wrap=heading in ("id", "subject"), overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    else:                                   # piped: one tab-separated line per concept, for grep and cut
        for row in rows:
            click.echo("\t".join(row))
    click.echo(f"{len(rows)} concept(s)", err=True)
    return 0


def _write(output: Path, data: bytes) -> None:
    """Write atomically; a folder that is missing or read-only is one located line (exit 2)."""
    from ..io.fsutil import write_atomic

    write_atomic(output, data)


def _flags(term: Term) -> str:
    return ", ".join([term.status, term.type] + (["unverified"] if term.unverified else []))


@glossary.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Glossary YAML to write (atomically).")
@click.option("--encoding", help="CSV encoding (detected by default: UTF-8/BOM, UTF-16, CP932).")
def import_(source: Path, output: Path, encoding: str | None) -> int:
    """Read TBX 2019, TBX 2008 or CSV and write glossary YAML."""
    from ..app.glossary import import_file

    g, data = import_file(source, encoding)
    _write(output, data)
    terms = sum(len(c.terms) for c in g.concepts.values())
    click.echo(f"{output}: {len(g.concepts)} concepts, {terms} terms (English and Japanese)", err=True)
    return 0


@glossary.command()
@_GLOSSARY
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="tbx", show_default=True,
              help="tbx: TBX 2019 TBX-Basic; tbx2008: <martif> for older tools; csv; yaml.")
@click.option("--style", type=click.Choice(["dca", "dct"]), default="dca", show_default=True,
              help="TBX 2019 style.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(glossaries: tuple[Path, ...], fmt: str, style: str, output: Path) -> int:
    """Write the glossary as TBX 2019, TBX 2008, CSV or one YAML file."""
    from ..app.glossary import export as run

    g, data = run(_settings(glossaries), fmt, style)
    _write(output, data)
    click.echo(f"{output}: {len(g.concepts)} concepts", err=True)
    return 0


@glossary.command()
@_GLOSSARY
@click.option("--unverified", "list_unverified", is_flag=True,
              help="List each unverified rendering (concept, language, term, note) instead of the table.")
def stats(glossaries: tuple[Path, ...], list_unverified: bool) -> int:
    """Concepts, terms per status and language, and the unverified renderings: a figure to drive down."""
    from rich.console import Console
    from rich.table import Table

    from ..glossary.model import STATUSES

    g = _load(glossaries)
    unverified_terms = [t for t in g.terms() if t.unverified and not t.forbidden]
    if list_unverified:
        for t in unverified_terms:
            click.echo(f"{t.concept}\t{t.lang}\t{t.text}\t{t.status}\t{t.note or ''}")
        click.echo(f"unverified renderings: {len(unverified_terms)}", err=True)
        return 0
    table = Table(title=f"Glossary: {len(g.concepts)} concepts")
    table.add_column("terms")
    for lang in ("en", "ja"):
        table.add_column(lang, justify="right")
    table.add_column("total", justify="right")

    def row(label: str, pred: Callable[[Term], bool]) -> None:
        counts = [sum(1 for t in g.terms(lang) if pred(t)) for lang in ("en", "ja")]
        table.add_row(label, *map(str, counts), str(sum(counts)))

    def status_is(status: str) -> Callable[[Term], bool]:
        return lambda t: t.status == status

    for status in STATUSES:
        row(status, status_is(status))
    row("unverified", lambda t: t.unverified and not t.forbidden)
    row("all", lambda t: True)
    Console(soft_wrap=True).print(table)
    subjects: dict[str, int] = {}
    for c in g.concepts.values():
        subjects[c.subject or "-"] = subjects.get(c.subject or "-", 0) + 1
    click.echo("concepts by subject: " + ", ".join(f"{k} {v}" for k, v in sorted(subjects.items())))
    no_ja = [c.id for c in g.concepts.values() if not c.terms_in("ja")]
    unverified = {t.concept for t in unverified_terms}
    click.echo(f"concepts without a JA term: {len(no_ja)}; concepts with an unverified rendering: {len(unverified)}")
    click.echo(f"unverified renderings: {len(unverified_terms)} (list them with --unverified)")
    return 0
