"""Options shared by several commands."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    _PathParam = click.Path[Path]
else:
    _PathParam = click.Path       # (generic only in newer click releases; pyproject allows click 8.1)


class InputPath(_PathParam):
    """An input file or folder: a missing one is one line, ``path: error: no such file or directory``
    (exit 2), like every other input error, instead of click's usage text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(exists=False, path_type=Path, **kwargs)

    def convert(self, value: str | os.PathLike[str], param: click.Parameter | None,
                ctx: click.Context | None) -> Path:
        path = super().convert(value, param, ctx)
        if not os.path.lexists(path):
            from ..io.errors import InputError

            raise InputError(str(value), 0, 0, "no such file or directory")
        return path


def _rules(value: str | None) -> list[str] | None:
    if not value:
        return None
    from ..checks.registry import catalog

    rules = [r.strip() for r in value.split(",") if r.strip()]
    unknown = [r for r in rules if r not in catalog()]
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

    def __init__(self, **path: Any) -> None:
        self.path = click.Path(path_type=Path, **path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        if isinstance(value, str) and value[:13].lower().startswith(("postgresql://", "postgres://")):
            from click.core import ParameterSource

            source = ctx.get_parameter_source(param.name) if ctx is not None and param is not None else None
            netloc = value.split("://", 1)[1].split("/", 1)[0]
            if source == ParameterSource.COMMANDLINE and ":" in netloc.rsplit("@", 1)[0] and "@" in netloc:
                self.fail("a password in a --tm URL on the command line: give it in PGPASSWORD or ~/.pgpass "
                          "(or the URL in BILINGUAL_TM)", param, ctx)
            return value
        return self.path.convert(value, param, ctx)


def check_options(fn: F) -> F:
    """--glossary, --tm, --select, --ignore, --config."""
    fn = config_option(fn)
    fn = click.option("--ignore", "ignore", metavar="RULE,…", callback=lambda c, p, v: _rules(v) or [],
                      help="Rules to turn off.")(fn)
    fn = click.option("--select", "select", metavar="RULE,…", callback=lambda c, p, v: _rules(v),
                      help="Only these rules.")(fn)
    fn = click.option("--tm", "tm", type=TMOption(exists=True), envvar="BILINGUAL_TM",
                      help="Translation memory: a TMX file, an SQLite store or a postgresql:// URL.")(fn)
    fn = click.option("--glossary", "-g", "glossaries", multiple=True, type=InputPath(),
                      help="Glossary YAML file or folder (repeatable); the embedded glossary by default.")(fn)
    return fn


def config_option(fn: F) -> F:
    """--config: the configuration file (found upward from the working folder by default)."""
    return click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help="Configuration file (default: bilingual.toml or pyproject.toml, found upward).")(fn)
