"""Options shared by several commands."""
from __future__ import annotations

from pathlib import Path

import click

from ..checks.model import CATALOG


def _rules(value: str | None) -> list[str] | None:
    if not value:
        return None
    rules = [r.strip() for r in value.split(",") if r.strip()]
    unknown = [r for r in rules if r not in CATALOG]
    if unknown:
        raise click.BadParameter(f"unknown rule(s): {', '.join(unknown)}; see the catalog in docs")
    return rules


class TMOption(click.ParamType):
    """``--tm``: a path (click.Path rules) or a ``postgresql://`` URL (kept as a string).

    A URL given on the command line may not hold a password (it would sit in
    the shell history and the process list): PGPASSWORD, ~/.pgpass, or the
    URL in BILINGUAL_TM or bilingual.toml.
    """

    name = "path-or-url"

    def __init__(self, **path) -> None:
        self.path = click.Path(path_type=Path, **path)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value[:13].lower().startswith(("postgresql://", "postgres://")):
            from click.core import ParameterSource

            source = ctx.get_parameter_source(param.name) if ctx is not None and param is not None else None
            netloc = value.split("://", 1)[1].split("/", 1)[0]
            if source == ParameterSource.COMMANDLINE and ":" in netloc.rsplit("@", 1)[0] and "@" in netloc:
                self.fail("a password in a --tm URL on the command line: give it in PGPASSWORD or ~/.pgpass "
                          "(or the URL in BILINGUAL_TM)", param, ctx)
            return value
        return self.path.convert(value, param, ctx)


def check_options(fn):
    """--glossary, --tm, --select, --ignore."""
    fn = click.option("--ignore", "ignore", metavar="RULE,…", callback=lambda c, p, v: _rules(v) or [],
                      help="Rules to turn off.")(fn)
    fn = click.option("--select", "select", metavar="RULE,…", callback=lambda c, p, v: _rules(v),
                      help="Only these rules.")(fn)
    fn = click.option("--tm", "tm", type=TMOption(exists=True), envvar="BILINGUAL_TM",
                      help="Translation memory: a TMX file, an SQLite store or a postgresql:// URL.")(fn)
    fn = click.option("--glossary", "-g", "glossaries", multiple=True, type=click.Path(exists=True, path_type=Path),
                      help="Glossary YAML file or folder (repeatable); the embedded glossary by default.")(fn)
    return fn
