"""Which TM a command uses: ``--tm PATH`` (TMX or SQLite store) or the embedded starter TM.

A TMX source is indexed into an SQLite file in the user's cache directory,
named by a hash of the TMX files' content, so it is rebuilt when they change
and shared by every process that uses the same files.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .sqlite import SQLiteStore, is_sqlite


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    d = Path(user_cache_dir("bilingual")) / "tm"
    d.mkdir(parents=True, exist_ok=True)
    return d


def starter_files() -> list[Path]:
    from ..resources import data_dir

    d = data_dir("tm")
    return sorted(d.glob("*.tmx")) if d.is_dir() else []


def _indexed(files: list[Path]) -> SQLiteStore:
    """An SQLite index of TMX files, built once per content in the cache directory."""
    h = hashlib.sha256(b"store format 2\0")   # (2: TU identities hash each TU's XML as the file holds it)
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    target = cache_dir() / f"tm-{h.hexdigest()[:24]}.sqlite"
    if not target.exists():
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        store = SQLiteStore(tmp)
        try:
            for f in files:
                store.import_tmx(f)
            store.db.execute("PRAGMA journal_mode=DELETE")
        finally:
            store.close()
        os.replace(tmp, target)
    return SQLiteStore(target)


def open_store(path: Path | None = None, create: bool = False) -> SQLiteStore:
    """The store for ``--tm PATH`` (a TMX file is indexed into the cache), or the starter TM."""
    if path is None:
        return _indexed(starter_files())
    path = Path(path)
    if path.exists() and not path.is_dir():
        from ..io.fsutil import check_regular

        check_regular(path)                    # a pipe or device would hang the read
    if path.is_dir():
        return _indexed(sorted(path.glob("*.tmx")))
    if path.exists() and not is_sqlite(path) and path.stat().st_size > 0:
        return _indexed([path])
    if not path.exists() and not create:
        from ..io.errors import InputError

        raise InputError(str(path), 1, 1, "no such translation memory")
    return SQLiteStore(path)
