"""Who put a TU in a store, when and from where; who approved it and when.

Every write to a store records one **origin** (the import of a file, the
harvest of a document, or a write through the API) and every TU it adds
points at it; every approval or withdrawal is one row of an **approval** log
(schema version 2, :mod:`bilingual.tm.migrate`). Who: ``BILINGUAL_USER`` when
set, else the operating system's user. When: ``SOURCE_DATE_EPOCH`` when set
(reproducible, as builds are), else now, in UTC.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone

#: what an origin's ``source`` names, by kind
KINDS = {"file": "the file imported", "harvest": "the document harvested", "document": "the document",
         "api": "nothing (written through the API)"}


def user() -> str:
    """``BILINGUAL_USER``, else the operating system's user, else ``unknown``."""
    name = os.environ.get("BILINGUAL_USER", "").strip()
    if name:
        return name
    try:
        import getpass

        return getpass.getuser() or "unknown"
    except Exception:
        return "unknown"


def now() -> datetime:
    """``SOURCE_DATE_EPOCH`` when it is a Unix timestamp, else the current time; UTC."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        try:
            return datetime.fromtimestamp(int(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.now(timezone.utc)


def stamp(when: datetime | None = None) -> str:
    """ISO 8601 in UTC to the second: ``2026-12-05T08:50:00Z``."""
    return (when or now()).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Origin:
    """Where the TUs of one write came from: ``kind`` (file, harvest, document, api), ``source`` (a path,
    a document), ``who`` and ``at`` (see the module doc)."""

    kind: str
    source: str | None
    who: str
    at: str

    @classmethod
    def now(cls, kind: str, source: str | None = None) -> Origin:
        return cls(kind, source, user(), stamp())


@dataclass(frozen=True)
class Approval:
    """One approval (``approved``) or withdrawal of a TU: by whom, when."""

    approved: bool
    who: str
    at: str


@dataclass
class Provenance:
    """A TU's origin (None: stored before schema version 2) and its approvals, oldest first."""

    origin: Origin | None
    approvals: list[Approval] = field(default_factory=list)
