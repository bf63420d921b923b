"""`bilingual fill`: write context and 100 % TM matches into a content file's empty Japanese, for review."""
from __future__ import annotations

from pathlib import Path

import click

from .common import InputPath, config_option


@click.command()
@click.argument("content", type=InputPath(dir_okay=False))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the filled content here (default: CONTENT itself, atomically).")
@click.option("--tm", "tm", type=InputPath(),
              help="Translation memory (TMX or SQLite store); the starter TM by default.")
@click.option("--glossary", "-g", "glossaries", multiple=True, type=InputPath(),
              help="Glossary YAML file or folder (repeatable); the embedded glossary by default.")
@config_option
@click.option("--dry-run", is_flag=True, help="Say what would be filled; write nothing.")
def fill(content: Path, out: Path | None, tm: Path | None, glossaries: tuple[Path, ...], config_path: Path | None,
         dry_run: bool) -> int:
    """Fill CONTENT's empty `ja:` from the TM: context and 100 % matches as text, each with a comment
    naming its source; fuzzy matches as comments only. Every other line stays byte-identical."""
    from ..app.config import settings
    from ..app.fill import fill as run
    from ..io.fsutil import write_atomic

    result = run(content, settings(config_path, glossaries=glossaries, tm=tm))
    target = out or content
    if not dry_run and (result.filled or result.suggested or out is not None):
        write_atomic(target, result.text.encode("utf-8"))
    verb = "would fill" if dry_run else "filled"
    click.echo(f"{target}: {verb} {len(result.filled)} segment(s) from the TM; "
               f"{len(result.suggested)} fuzzy suggestion(s) as comments", err=True)
    return 0
