"""`new` as a use case: write a commented skeleton of a content file."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..io.errors import InputError
from ..resources import data_dir


def skeletons() -> dict[str, Path]:
    """Kind -> its skeleton file (``templates/skeletons/``), for every registered kind."""
    from ..content.kinds import KINDS

    folder = data_dir("templates") / "skeletons"
    return {k.name: folder / k.skeleton for k in KINDS.values()}


def document_id(path: Path) -> str:
    """A document id from a file name: ``CCFE 46 Minutes.yaml`` -> ``ccfe-46-minutes``."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "new-document"


def skeleton_text(kind: str, path: Path, date: dt.date) -> str:
    """The skeleton of ``kind`` with its id, date and file name filled in."""
    from string import Template

    template = Template(skeletons()[kind].read_text(encoding="utf-8"))
    return template.safe_substitute(id=document_id(path), date=date.isoformat(), file=path.name)


def create(kind: str, path: Path, today: dt.date | None = None) -> None:
    """Write the skeleton of ``kind`` to ``path``, never over an existing file (even one created meanwhile)."""
    from ..io.fsutil import write_atomic

    exists = InputError(str(path), 1, 1, "already exists; bilingual new never overwrites a file")
    if path.exists():
        raise exists
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, skeleton_text(kind, path, today or dt.date.today()).encode("utf-8"), replace=False)
    except FileExistsError:              # created since the check above: still not overwritten
        raise exists from None
    except OSError as exc:
        raise InputError(str(path), 1, 1, f"cannot write: {exc.strerror}") from None
