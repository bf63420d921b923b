"""`bilingual new KIND PATH`: write a commented skeleton of a content file."""
from __future__ import annotations

from pathlib import Path

import click

from ..app.new import create, skeletons


@click.command()
@click.argument("kind", type=click.Choice(sorted(skeletons())))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def new(kind: str, path: Path) -> int:
    """Write a commented skeleton of a KIND document to PATH (never over an existing file).

    The skeleton explains every field, loads as it is, and builds with --force
    (its texts are placeholders and its Japanese is left for you to write).
    """
    create(kind, path)
    click.echo(f"wrote {path}: fill in the TODO texts and the Japanese, then run `bilingual check {path}`")
    return 0
