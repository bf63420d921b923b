"""The SQLite store: the embedded default.

One file; WAL journal so readers never block the writer; a busy timeout so
concurrent writers wait for each other; every write is one ``BEGIN
IMMEDIATE`` transaction, and a TU's identity is UNIQUE, so two processes
writing at once lose nothing and duplicate nothing.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..io.errors import InputError
from .lookup import Lookups
from .migrate import SCHEMA_V1 as SCHEMA  # noqa: F401  (the schema and its versions: tm/migrate.py)
from .model import TU, Unit, batched
from .provenance import Approval, Origin, Provenance
from .store import AddResult, approval_now, paged_units, read_provenance, table_stats

if TYPE_CHECKING:
    from .index import Postings, SQLitePostings
    from .rows import Prepared

# (Stores made before exact matches went through the
# postings also have en_key, ja_key and their indexes, left NULL and unused; their post table is WITHOUT
# ROWID: read the same; and their identities are UNIQUE in the table itself, so they get no tu_ident and
# are never bulk-loaded.)
IDENT_INDEX = "CREATE UNIQUE INDEX tu_ident ON tu(ident)"
COLUMNS = "id, en, ja, en_raw, ja_raw, doc, seg, prev, next, changed, approved, en_tags, ja_tags"
BATCH = 20000            # TUs prepared and written at once
SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _tu(row: tuple) -> TU:
    (id_, en, ja, en_raw, ja_raw, doc, seg, prev, next_, changed, approved, en_tags, ja_tags) = row
    return TU(id_, en, ja, en_raw, ja_raw, doc, seg, prev, next_, changed, bool(approved),
              en_tags.split() if en_tags else [], ja_tags.split() if ja_tags else [])


ROW = "id, ident, en, ja, en_raw, ja_raw, en_tags, ja_tags, doc, seg, prev, next, changed, approved, xml"


def _row(id_: int, ident: int, u: Unit) -> tuple:
    return (id_, ident, u.en, u.ja, u.en_raw, u.ja_raw, " ".join(u.en_tags) or None, " ".join(u.ja_tags) or None,
            u.doc, u.seg, u.prev, u.next, u.changed, int(u.approved), u.xml)


def _parts(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


class StoreError(InputError):
    """A store that cannot be used: damaged, another application's, or of a newer schema (one located line)."""


def _store_error(path: Path, exc: Exception) -> StoreError:
    return StoreError(str(path), 1, 1, f"not a usable translation memory store ({exc})")


#: errors of a damaged or foreign file; IntegrityError and ProgrammingError stay bugs
_DAMAGE = (sqlite3.OperationalError, sqlite3.DatabaseError)
_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


class _Cursor(sqlite3.Cursor):
    """A cursor whose errors from a damaged file ("not a database", "malformed") are StoreErrors."""

    path: Path

    def _guard(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except _BUGS:
            raise
        except _DAMAGE as exc:
            raise _store_error(cast("_Connection", self.connection).path, exc) from None

    def execute(self, *args: Any) -> Any:
        return self._guard(super().execute, *args)

    def executemany(self, *args: Any) -> Any:
        return self._guard(super().executemany, *args)

    def fetchone(self) -> Any:
        return self._guard(super().fetchone)

    def fetchall(self) -> Any:
        return self._guard(super().fetchall)

    def fetchmany(self, *args: Any) -> Any:
        return self._guard(super().fetchmany, *args)

    def __next__(self) -> Any:
        return self._guard(super().__next__)


class _Connection(sqlite3.Connection):
    path: Path

    def execute(self, *args: Any) -> Any:
        return self.cursor(_Cursor).execute(*args)

    def executemany(self, *args: Any) -> Any:
        return self.cursor(_Cursor).executemany(*args)


def _connect(path: Path, readonly: bool) -> _Connection:
    """A connection; a read-only one (``mode=ro``) never creates, alters or locks the file for writing.

    On a read-only medium a WAL store cannot make its shared-memory file:
    it is then opened as immutable (nobody can be writing to it there).
    """
    try:
        if not readonly:
            db = sqlite3.connect(path, isolation_level=None, timeout=60, check_same_thread=False, factory=_Connection)
        else:
            uri = path.resolve().as_uri() + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=60, check_same_thread=False,
                                 factory=_Connection)
            db.path = path
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except StoreError:
                if os.access(path.parent, os.W_OK):
                    raise
                db.close()
                db = sqlite3.connect(uri.replace("?mode=ro", "?immutable=1"), uri=True, isolation_level=None,
                                     check_same_thread=False, factory=_Connection)
    except sqlite3.Error as exc:
        raise _store_error(path, exc) from None
    db.path = path
    return db


class SQLiteStore(Lookups):
    """A TM in one SQLite file (created when missing, and only by a command that writes).

    ``readonly``: for every command that only reads. Nothing is created,
    no table added and the journal mode is left as it is; readers never wait
    for a writer (WAL). A store opened for writing must be one of ours
    (the schema marker, or the tables of a store made before it) or an empty
    file: another application's database is never altered. Schema versions
    and their migrations: :mod:`bilingual.tm.migrate`.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        from . import migrate

        self.path = Path(path)
        self.readonly = readonly
        self.db = _connect(self.path, readonly)
        try:
            self.db.execute("PRAGMA busy_timeout=60000")
            found = self.schema = migrate.version(self.db)
            if readonly:
                migrate.check_readable(found)
                return
            if found is None:
                raise migrate.SchemaError("an SQLite database of another application: refusing to write into it")
            migrate.check_readable(found or migrate.LATEST)
            if self.db.execute("PRAGMA user_version").fetchone()[0] == migrate.LATEST and found == migrate.LATEST:
                self._tune()
                return
            self._tune()                                   # ours (or empty): WAL
            with self._write():
                found = migrate.version(self.db)          # again under the lock: another process may have begun
                if found is None:
                    raise migrate.SchemaError("an SQLite database of another application: refusing to write into it")
                self.schema = migrate.migrate(self.db, "sqlite", found)
        except migrate.SchemaError as exc:
            self.db.close()
            raise StoreError(str(self.path), 1, 1, f"not a usable translation memory store: {exc}") from None
        except BaseException:
            self.db.close()
            raise

    def _tune(self) -> None:
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-16000")

    # -- writing -----------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def add(self, units: Iterable[Unit], progress: Callable[[int], None] | None = None,
            origin: Origin | None = None) -> AddResult:
        """Add TUs in one transaction (see :class:`bilingual.tm.store.Store`)."""
        from .rows import prepare

        def prepared(first: int) -> Iterator[Prepared]:
            for batch in batched(units, BATCH):
                yield prepare(batch, first)
                first += len(batch)

        return self.add_prepared(prepared, progress, origin)

    @property
    def exact_xml(self) -> bool:
        """Whether a TMX reader may keep each TU's XML as written (its fast path).

        A store of the first layout identified TUs by their XML as lxml
        serialises it: a file is then streamed, so that a file imported again
        is still recognised.
        """
        return not self._first_layout()

    def _first_layout(self) -> bool:
        """Whether this store was made before exact matches went through the postings (en_key column)."""
        return any(row[1] == "en_key" for row in self.db.execute("PRAGMA table_info(tu)"))

    def add_prepared(self, prepared: Callable[[int], Iterable], progress: Callable[[int], None] | None = None,
                     origin: Origin | None = None) -> AddResult:
        """Add the batches ``prepared(first id)`` gives (:class:`bilingual.tm.rows.Prepared`) in one transaction.

        Into an empty store the plain TUs are loaded without the identity index
        (a random B-tree insert a TU would cost more than all else the store
        does); it is built at the end, a TU given twice kept once, or as soon
        as a TU with context or tags needs it.
        """
        from .index import Postings

        result = AddResult()
        with Postings() as postings, self._write():
            self._origin = self._record_origin(origin or Origin.now("api"))
            first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM tu").fetchone()[0]
            load = None
            if first == 1 and self.db.execute("SELECT 1 FROM sqlite_master WHERE name='tu_ident'").fetchone():
                self.db.execute("DROP INDEX tu_ident")
                load = _BulkLoad()
            for batch in prepared(first):
                if load is not None and batch.others:  # a TU with context looks for its earlier version
                    load.finish(self.db, postings, result)
                    load = None
                self._add_prepared(batch, postings, result)
                if load is not None:
                    load.idents.extend(batch.idents)
                if progress is not None and batch.done:
                    progress(batch.done)
            if load is not None:
                load.finish(self.db, postings, result)
            postings.flush(self.db)
        return result

    def _add_prepared(self, batch: Prepared, postings: Postings, result: AddResult) -> None:
        from .rows import postings as keyed

        db = self.db
        n = len(batch.xml)
        ids: Sequence[int] = batch.ids                      # the TUs given a new row, keyed below
        en, ja = batch.en, batch.ja
        if n:
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO tu(id, ident, en, ja, changed, xml, origin) "
                           f"VALUES (?,?,?,?,?,?,{int(self._origin)})", batch.rows())
            inserted = db.total_changes - before
            if inserted < n:
                present = {r[0] for r in db.execute("SELECT id FROM tu WHERE id >= ? AND id < ?",
                                                    (batch.first, batch.first + batch.count))}
                new = [k for k, i in enumerate(ids) if i in present]
                ids, en, ja = [ids[k] for k in new], [en[k] for k in new], [ja[k] for k in new]
            result.added += inserted
            result.unchanged += n - inserted
        others = [(id_, u) for id_, ident, u in batch.others if self._add_other(id_, ident, u, result)]
        if others:
            ids = list(ids) + [id_ for id_, _ in others]
            en, ja = list(en) + [u.en for _, u in others], list(ja) + [u.ja for _, u in others]
        if len(ids):
            postings.extend(*keyed(ids, en, ja))

    def _add_other(self, id_: int, ident: int, u: Unit, result: AddResult) -> bool:
        """Add a TU with context, codes or tags; a TU with the same document segment is updated or replaced."""
        db = self.db
        if u.doc and u.seg:
            old = db.execute("SELECT id, en_raw, en, ja_raw, ja, xml FROM tu WHERE ident=?", (ident,)).fetchone()
            if old is not None:
                if (old[1] or old[2], old[3] or old[4]) == (u.en_raw or u.en, u.ja_raw or u.ja):
                    if old[5] == u.xml:
                        result.unchanged += 1
                    else:
                        db.execute("UPDATE tu SET prev=?, next=?, changed=?, approved=?, xml=?, origin=? WHERE id=?",
                                   (u.prev, u.next, u.changed, int(u.approved), u.xml, self._origin, old[0]))
                        result.updated += 1
                    return False
                db.execute("DELETE FROM tu WHERE id=?", (old[0],))
                result.updated += 1
                result.added -= 1
        before = db.total_changes
        db.execute(f"INSERT OR IGNORE INTO tu({ROW}, origin) VALUES ({','.join('?' * 16)})",
                   (*_row(id_, ident, u), self._origin))
        if db.total_changes > before:
            result.added += 1
            return True
        result.unchanged += 1
        return False

    def _record_origin(self, origin: Origin) -> int:
        cur = self.db.execute("INSERT INTO origin(kind, source, who, at) VALUES (?,?,?,?)",
                              (origin.kind, origin.source, origin.who, origin.at))
        return int(cur.lastrowid)

    def approve(self, ids: list[int], approved: bool = True, by: Approval | None = None) -> list[int]:
        """Approve (or withdraw the approval of) these TUs in one transaction, each recorded with who and
        when; the ids that are not in the store, in the order given (nothing is written then)."""
        by = by or approval_now(approved)
        with self._write():
            present = {r[0] for part in _parts(ids) for r in self.db.execute(
                f"SELECT id FROM tu WHERE id IN ({','.join('?' * len(part))})", part)}
            missing = [i for i in ids if i not in present]
            if missing:
                return missing
            for part in _parts(sorted(present)):
                self.db.execute(f"UPDATE tu SET approved=? WHERE id IN ({','.join('?' * len(part))})",
                                (int(by.approved), *part))
            self.db.executemany("INSERT INTO approval(tu, approved, who, at) VALUES (?,?,?,?)",
                                [(i, int(by.approved), by.who, by.at) for i in sorted(present)])
        return []

    def provenance(self, id_: int) -> Provenance | None:
        """Where a TU came from and its approvals (None: no such TU)."""
        return read_provenance(self.db.execute, "?", id_, self.schema or 0)

    # -- reading -----------------------------------------------------------

    def iter_units(self) -> Iterator[bytes]:
        return paged_units(lambda last: self.db.execute(
            "SELECT id, xml, approved FROM tu WHERE id > ? ORDER BY id LIMIT 1000", (last,)).fetchall())

    def count(self) -> int:
        n: int = self.db.execute("SELECT count(*) FROM tu").fetchone()[0]
        return n

    def get(self, ids: list[int]) -> list[TU]:
        out: list[TU] = []
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            out.extend(_tu(r) for r in self.db.execute(
                f"SELECT {COLUMNS} FROM tu WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def postings_source(self) -> SQLitePostings:
        from .index import SQLitePostings

        return SQLitePostings(self.db)

    def without_keys(self, norm: str, lang: str) -> list[TU]:
        """TUs whose text, trimmed, is ``norm`` (a text with no index keys: punctuation only)."""
        col = "en" if lang == "en" else "ja"
        return list(map(_tu, self.db.execute(
            f"SELECT {COLUMNS} FROM tu WHERE trim({col}, ' \t\r\n') = ? ORDER BY id", (norm,))))

    def by_segment(self, doc: str, seg: str) -> TU | None:
        row = self.db.execute(f"SELECT {COLUMNS} FROM tu WHERE doc=? AND seg=? ORDER BY id DESC LIMIT 1",
                              (doc, seg)).fetchone()
        return _tu(row) if row else None

    def stats(self) -> dict:
        q = self.db.execute
        return {
            **table_stats(q),
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _BulkLoad:
    """The identities of the TUs loaded into an empty store without the identity index."""

    def __init__(self) -> None:
        from array import array

        self.idents = array("q")

    def finish(self, db: sqlite3.Connection, postings: Postings, result: AddResult) -> None:
        """Drop the repeats (a TU given twice keeps its first id, as INSERT OR IGNORE does), build the index.

        The identities are sorted where they lie (no copy: the import's peak
        memory stays where it was); the TUs of a repeated one are then found
        by one scan of the table.
        """
        from array import array

        import numpy as np

        idents = np.frombuffer(self.idents, np.int64)
        idents.sort()
        repeated = np.unique(idents[1:][idents[1:] == idents[:-1]]).tolist()
        del idents
        self.idents = array("q")                 # (memory given back)
        if repeated:
            db.execute("CREATE TEMP TABLE repeated(ident INTEGER PRIMARY KEY)")
            db.executemany("INSERT INTO repeated VALUES (?)", ((v,) for v in repeated))
            dropped, last = [], None
            for id_, ident in db.execute("SELECT id, ident FROM tu WHERE ident IN (SELECT ident FROM repeated) "
                                         "ORDER BY ident, id"):
                if ident == last:
                    dropped.append(id_)
                last = ident
            db.execute("DROP TABLE temp.repeated")
            db.executemany("DELETE FROM tu WHERE id=?", ((i,) for i in dropped))
            postings.drop(dropped)
            result.added -= len(dropped)
            result.unchanged += len(dropped)
        db.execute(IDENT_INDEX)
