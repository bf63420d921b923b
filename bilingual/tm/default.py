"""Which TM a command uses: ``--tm PATH`` (TMX or SQLite store) or the embedded starter TM.

A TMX source is indexed into an SQLite file in the user's cache directory,
named by a hash of the TMX files' content, so it is rebuilt when they change
and shared by every process that uses the same files. The embedded starter TM
(small, opened by every `bilingual check`) is named by a CRC of its content
instead, which needs no hashlib import at start-up.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .sqlite import SQLiteStore, is_sqlite

if TYPE_CHECKING:
    from .store import Store

#: the index's format: a new one gives every cached index a new name (2: TU identities hash each TU's XML
#: as the file holds it; 3: schema version 2, provenance recorded)
_STORE_FORMAT = b"store format 3\0"


def cache_dir() -> Path:
    from ..resources import cache_dir as user_cache

    d = user_cache() / "tm"
    d.mkdir(parents=True, exist_ok=True)
    return d


def starter_files() -> list[Path]:
    from ..resources import data_dir

    d = data_dir("tm")
    return sorted(d.glob("*.tmx")) if d.is_dir() else []


#: the TMX index cache keeps at most this many indexes and this many bytes (the least recently used go)
CACHE_ENTRIES = 8
CACHE_BYTES = 1 << 30
#: a temporary index older than this is an orphan even when its process id is alive again (reused)
ORPHAN_SECONDS = 24 * 3600


def _content_name(files: list[Path]) -> str:
    """The index's file name for TMX files given with ``--tm``: a SHA-256 of their names and content."""
    import hashlib

    h = hashlib.sha256(_STORE_FORMAT)
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return f"tm-{h.hexdigest()[:24]}.sqlite"


def _starter_name(files: list[Path]) -> str:
    """The index's file name for the embedded starter TM: CRC-32 and Adler-32 of its names and content, and
    its length (files that this package ships, not a user's: a checksum tells their versions apart)."""
    import zlib

    data = _STORE_FORMAT + b"".join(f.name.encode() + b"\0" + f.read_bytes() + b"\0" for f in files)
    return f"tm-starter-{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}.sqlite"


def _indexed(files: list[Path], name: str | None = None) -> SQLiteStore:
    """An SQLite index of TMX files, built once per content in the cache directory (ours: opened read-only)."""
    cache = cache_dir()
    target = cache / (name or _content_name(files))
    if not target.exists():
        prune(cache)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            from .bulk import import_tmx

            store = SQLiteStore(tmp)
            try:
                for f in files:
                    import_tmx(store, f)
                store.db.execute("PRAGMA journal_mode=DELETE")
            finally:
                store.close()
            os.replace(tmp, target)
        finally:
            for leftover in _companions(tmp, with_main=True):
                _unlink(leftover)
    with contextlib.suppress(OSError):
        os.utime(target)                        # least recently used goes first
    return SQLiteStore(target, readonly=True)


def _companions(path: Path, with_main: bool = False) -> list[Path]:
    names = [path.name + s for s in ("-wal", "-shm", "-journal")] + ([path.name] if with_main else [])
    return [path.with_name(n) for n in names]


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def prune(cache: Path) -> None:
    """Drop orphans and old indexes from the cache directory.

    Orphans: the temporary index of a process that is gone (killed while
    indexing) with its ``-wal``/``-shm``/``-journal`` files, and such files
    whose database is gone. Then the least recently used indexes beyond
    :data:`CACHE_ENTRIES` or :data:`CACHE_BYTES`.
    """
    import re
    import time

    now = time.time()
    for tmp in cache.glob(".tm-*.tmp"):
        m = re.search(r"\.(\d+)\.tmp$", tmp.name)
        try:
            old = now - tmp.stat().st_mtime > ORPHAN_SECONDS
        except OSError:
            continue
        if m is None or old or not _alive(int(m.group(1))):
            for p in _companions(tmp, with_main=True):
                _unlink(p)
    for extra in [*cache.glob("*-wal"), *cache.glob("*-shm"), *cache.glob("*-journal"),
                  *cache.glob(".tm-*.tmp-*")]:
        main = extra.with_name(re.sub(r"-(wal|shm|journal)$", "", extra.name))
        if not main.exists():
            _unlink(extra)
    entries = []
    for p in cache.glob("tm-*.sqlite"):
        try:
            st = p.stat()
        except OSError:
            continue
        entries.append((st.st_mtime, st.st_size, p))
    entries.sort(reverse=True)
    total = 0
    for k, (_, size, p) in enumerate(entries):
        total += size
        if k >= CACHE_ENTRIES or total > CACHE_BYTES:
            for q in _companions(p, with_main=True):
                _unlink(q)


def open_store(path: Path | str | None = None, create: bool = False) -> Store:
    """The store for ``--tm PATH`` (a TMX file is indexed into the cache), ``--tm postgresql://…``, or the starter TM.

    ``create``: the command writes (``tm import``, ``tm harvest``): the store
    is made when missing, and a TMX file or folder is refused (it is read-only
    as a TM: writing into its index would report TUs added that no file
    holds). Every other command opens the store read-only.
    """
    from ..io.errors import InputError

    if path is None:
        files = starter_files()
        return _indexed(files, _starter_name(files))
    if isinstance(path, str) and path[:13].lower().startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # (psycopg: imported only for a server)

        return PostgresStore(path, readonly=not create)
    path = Path(path)
    if path.exists() and not path.is_dir():
        from ..io.fsutil import check_regular

        check_regular(path)                    # a pipe or device would hang the read
    tmx = path.is_dir() or (path.exists() and not is_sqlite(path) and path.stat().st_size > 0)
    if tmx and create:
        what = "a folder of TMX files" if path.is_dir() else "not an SQLite store (a TMX file?)"
        raise InputError(str(path), 1, 1, f"{what}: a TMX used as a TM is read-only; "
                                          "import it into an SQLite store instead (--tm NAME.sqlite)")
    if path.is_dir():
        return _indexed(sorted(path.glob("*.tmx")))
    if tmx:
        return _indexed([path])
    if not path.exists() and not create:
        raise InputError(str(path), 1, 1, "no such translation memory")
    return SQLiteStore(path, readonly=not create)
