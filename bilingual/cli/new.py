"""`bilingual new KIND PATH`: write a commented skeleton of a content file."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from ..io.errors import InputError
from ..resources import data_dir


def skeletons() -> dict[str, Path]:
    """Kind -> skeleton file (``templates/skeletons/<kind>.yaml``)."""
    return {p.stem: p for p in sorted((data_dir("templates") / "skeletons").glob("*.yaml"))}


def document_id(path: Path) -> str:
    """A document id from a file name: ``CCFE 46 Minutes.yaml`` -> ``ccfe-46-minutes``."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "new-document"


def skeleton_text(kind: str, path: Path, date: dt.date) -> str:
    """The skeleton of ``kind`` with its id, date and file name filled in."""
    from string import Template

    template = Template(skeletons()[kind].read_text(encoding="utf-8"))
    return template.safe_substitute(id=document_id(path), date=date.isoformat(), file=path.name)


@click.command()
@click.argument("kind", type=click.Choice(sorted(skeletons())))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def new(kind: str, path: Path) -> int:
    """Write a commented skeleton of a KIND document to PATH (never over an existing file).

    The skeleton explains every field, loads as it is, and builds with --force
    (its texts are placeholders and its Japanese is left for you to write).
    """
    from ..io.fsutil import write_atomic

    exists = InputError(str(path), 1, 1, "already exists; bilingual new never overwrites a file")
    if path.exists():
        raise exists
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, skeleton_text(kind, path, dt.date.today()).encode("utf-8"), replace=False)
    except FileExistsError:              # created since the check above: still not overwritten
        raise exists from None
    except OSError as exc:
        raise InputError(str(path), 1, 1, f"cannot write: {exc.strerror}") from None
    click.echo(f"wrote {path}: fill in the TODO texts and the Japanese, then run `bilingual check {path}`")
    return 0
