"""Schema versions of a TM store, and the numbered migrations between them.

One mechanism for every store kind: a migration is a number, a name and its
statements per SQL dialect (``sqlite`` and ``postgresql``: the same numbers
for both stores). The version and a marker that says the
database is a bilingual TM live in the store's own ``meta`` table
(``schema`` = ``bilingual-tm``, ``schema_version`` = N); SQLite also keeps N
in ``PRAGMA user_version``, so a reader can tell at a glance.

- A store with the marker is ours: it is migrated up when opened for writing,
  and refused when it was made by a newer bilingual.
- A store without the marker but with the tables a bilingual of before
  schema versions made (``tu`` with ``ident`` and ``xml``, ``post``,
  ``meta``) is ours too, at version 1: it is stamped when opened for writing.
- An empty database is initialised only by a command that writes.
- Anything else is another application's database: it is never altered, and
  a read refuses it with one located line.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

MARKER = "bilingual-tm"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: dict[str, Sequence[str]] = field(default_factory=dict)   # dialect -> SQL statements


#: the layout of version 1, as stores were made before schema versions
SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS tu(
  id INTEGER PRIMARY KEY,
  ident INTEGER NOT NULL,
  en TEXT, ja TEXT, en_raw TEXT, ja_raw TEXT, en_tags TEXT, ja_tags TEXT,
  doc TEXT, seg TEXT, prev TEXT, next TEXT, changed TEXT,
  approved INTEGER NOT NULL DEFAULT 1,
  xml BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS tu_ident ON tu(ident);
CREATE INDEX IF NOT EXISTS tu_docseg ON tu(doc, seg) WHERE doc IS NOT NULL;
CREATE TABLE IF NOT EXISTS post(key INTEGER, chunk INTEGER, n INTEGER, ids BLOB, lens BLOB,
  PRIMARY KEY(key, chunk));
"""

#: the same layout on PostgreSQL: postings in chunks as in SQLite (a chunk number from a sequence),
#: and each key's posting count kept in ``keyfreq`` (the candidate search reads it first)
SCHEMA_V1_POSTGRESQL = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS tu(
  id BIGINT PRIMARY KEY,
  ident BIGINT NOT NULL,
  en TEXT, ja TEXT, en_raw TEXT, ja_raw TEXT, en_tags TEXT, ja_tags TEXT,
  doc TEXT, seg TEXT, prev TEXT, next TEXT, changed TEXT,
  approved INTEGER NOT NULL DEFAULT 1,
  xml BYTEA NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS tu_ident ON tu(ident);
CREATE INDEX IF NOT EXISTS tu_docseg ON tu(doc, seg) WHERE doc IS NOT NULL;
CREATE TABLE IF NOT EXISTS post(key BIGINT NOT NULL, chunk BIGINT NOT NULL, ids BYTEA NOT NULL,
  lens BYTEA NOT NULL, PRIMARY KEY (key, chunk));
CREATE SEQUENCE IF NOT EXISTS post_chunk;
CREATE TABLE IF NOT EXISTS keyfreq(key BIGINT PRIMARY KEY, n BIGINT NOT NULL)
"""


def _statements(script: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in script.split(";") if s.strip())


#: version 2: approvals and provenance (:mod:`bilingual.tm.provenance`). One ``origin`` row per write
#: (an import, a harvest) that each TU it added points at; one ``approval`` row per approval or
#: withdrawal. A TU of a version-1 store keeps ``origin`` NULL: nothing recorded where it came from.
SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS origin(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, source TEXT,
  who TEXT NOT NULL, at TEXT NOT NULL);
ALTER TABLE tu ADD COLUMN origin INTEGER;
CREATE TABLE IF NOT EXISTS approval(id INTEGER PRIMARY KEY, tu INTEGER NOT NULL, approved INTEGER NOT NULL,
  who TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS approval_tu ON approval(tu)
"""

SCHEMA_V2_POSTGRESQL = """
CREATE TABLE IF NOT EXISTS origin(id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, source TEXT,
  who TEXT NOT NULL, at TEXT NOT NULL);
ALTER TABLE tu ADD COLUMN IF NOT EXISTS origin BIGINT;
CREATE TABLE IF NOT EXISTS approval(id BIGSERIAL PRIMARY KEY, tu BIGINT NOT NULL, approved INTEGER NOT NULL,
  who TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS approval_tu ON approval(tu)
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "translation units, postings, meta",
              {"sqlite": _statements(SCHEMA_V1), "postgresql": _statements(SCHEMA_V1_POSTGRESQL)}),
    Migration(2, "approvals and provenance",
              {"sqlite": _statements(SCHEMA_V2), "postgresql": _statements(SCHEMA_V2_POSTGRESQL)}),
)
LATEST = MIGRATIONS[-1].version

#: what a store must have to be read: table -> columns
_TU = {"id", "ident", "en", "ja", "en_raw", "ja_raw", "en_tags", "ja_tags", "doc", "seg", "prev",
       "next", "changed", "approved", "xml"}
REQUIRED = {"tu": _TU, "post": {"key", "chunk", "n", "ids", "lens"}}
REQUIRED_POSTGRESQL = {"tu": _TU, "post": {"key", "chunk", "ids", "lens"}, "keyfreq": {"key", "n"}}
#: what a store of version 2 or later has besides
REQUIRED_V2 = {"tu": {"origin"}, "origin": {"id", "kind", "source", "who", "at"},
               "approval": {"id", "tu", "approved", "who", "at"}}


class SchemaError(Exception):
    """The database is not a bilingual TM this version can use (the reason is the message)."""


class Database(Protocol):
    """What a migration needs of a connection (sqlite3 and psycopg both fit)."""

    def execute(self, sql: str, params: Sequence = ...) -> Any: ...    # a cursor


def tables(db: Database, dialect: str = "sqlite") -> dict[str, set[str]]:
    """Tables of a database (PostgreSQL: of its current schema) and their columns."""
    if dialect == "postgresql":
        out: dict[str, set[str]] = {}
        for table, column in db.execute("SELECT table_name, column_name FROM information_schema.columns "
                                        "WHERE table_schema = current_schema()").fetchall():
            out.setdefault(table, set()).add(column)
        return out
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()]
    return {n: {r[1] for r in db.execute(f'PRAGMA table_info("{n}")').fetchall()} for n in names}


def version(db: Database, dialect: str = "sqlite") -> int | None:
    """The schema version of a store: 0 for an empty database, None for another application's.

    Raises SchemaError for a store of ours that lacks a table or column it needs.
    """
    have = tables(db, dialect)
    required = REQUIRED_POSTGRESQL if dialect == "postgresql" else REQUIRED
    if not have:
        return 0
    if "meta" in have:
        rows = dict(db.execute("SELECT k, v FROM meta WHERE k IN ('schema', 'schema_version')").fetchall())
        if rows.get("schema") == MARKER:
            try:
                found = int(rows.get("schema_version", "0"))
            except ValueError:
                raise SchemaError(f"schema version {rows.get('schema_version')!r} is not a number") from None
            _complete(have, required)
            if 2 <= found <= LATEST:
                _complete(have, REQUIRED_V2)
            return found
    if dialect == "sqlite" and {"tu", "post", "meta"} <= set(have) and {"ident", "xml"} <= have["tu"]:
        _complete(have, required)                       # made before schema versions: version 1
        return 1
    return None


def _complete(have: dict[str, set[str]], required: dict[str, set[str]]) -> None:
    for table, columns in required.items():
        if table not in have:
            raise SchemaError(f"the store has no table {table!r}")
        missing = sorted(columns - have[table])
        if missing:
            raise SchemaError(f"the store's table {table!r} has no column {missing[0]!r}")


def check_readable(found: int | None, kind: str = "SQLite") -> None:
    """Refuse, for reading, what is not a store this version understands."""
    if found is None:
        raise SchemaError(f"an {kind} database of another application, not a bilingual translation memory")
    if found == 0:
        raise SchemaError(f"an empty {kind} database, not a bilingual translation memory")
    if found > LATEST:
        raise SchemaError(f"made by a newer bilingual (schema version {found}; this one reads up to {LATEST})")


def migrate(db: Database, dialect: str, found: int) -> int:
    """Apply the migrations after ``found`` and stamp the store; returns the version now.

    The caller runs this inside one write transaction, so a store is never
    left between two versions.
    """
    if found > LATEST:
        check_readable(found)
    for m in MIGRATIONS:
        if m.version > found:
            for stmt in m.statements[dialect]:
                db.execute(stmt)
    if dialect == "postgresql":
        for k, v in (("schema", MARKER), ("schema_version", str(LATEST))):
            db.execute("INSERT INTO meta(k, v) VALUES (%s, %s) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v", (k, v))
        return LATEST
    db.execute("INSERT OR REPLACE INTO meta(k, v) VALUES ('schema', ?)", (MARKER,))
    db.execute("INSERT OR REPLACE INTO meta(k, v) VALUES ('schema_version', ?)", (str(LATEST),))
    if dialect == "sqlite":
        db.execute(f"PRAGMA user_version={LATEST}")
    return LATEST
