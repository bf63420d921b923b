"""Translation units as the store and the TMX reader see them."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

# TMX <prop type="…"> names that carry a TU's context (document, segment, neighbours)
PROP_DOCUMENT = "x-bilingual-document"
PROP_SEGMENT = "x-bilingual-segment"
PROP_PREV = "x-bilingual-prev"
PROP_NEXT = "x-bilingual-next"


@dataclass
class Unit:
    """One TU ready for a store: its TMX XML (kept verbatim) and the EN/JA text the TM works on.

    ``en``/``ja`` are the plain texts (inline codes removed); ``en_raw``/``ja_raw``
    also keep the codes' content (for content harvested by bilingual, the
    Markdown the author wrote). ``identity`` makes imports idempotent: a TU
    with a document and segment id is identified by them (a newer version
    replaces the old), any other by its XML.
    """

    xml: bytes
    en: str | None = None
    ja: str | None = None
    en_raw: str | None = None
    ja_raw: str | None = None
    doc: str | None = None
    seg: str | None = None
    prev: str | None = None
    next: str | None = None
    changed: str | None = None
    approved: bool = True
    en_tags: list[str] = field(default_factory=list)   # inline tags of the EN segment, by kind
    ja_tags: list[str] = field(default_factory=list)


@dataclass
class TU:
    """A TU read back from a store."""

    id: int
    en: str | None
    ja: str | None
    en_raw: str | None = None
    ja_raw: str | None = None
    doc: str | None = None
    seg: str | None = None
    prev: str | None = None
    next: str | None = None
    changed: str | None = None
    approved: bool = True
    en_tags: list[str] = field(default_factory=list)
    ja_tags: list[str] = field(default_factory=list)

    def tags(self, lang: str) -> list[str]:
        return self.en_tags if lang == "en" else self.ja_tags

    def raw(self, lang: str) -> str | None:
        """The text with inline codes' content (Markdown for harvested content)."""
        if lang == "en":
            return self.en_raw if self.en_raw is not None else self.en
        return self.ja_raw if self.ja_raw is not None else self.ja

    def text(self, lang: str) -> str | None:
        return self.en if lang == "en" else self.ja


@dataclass
class Match:
    """A TM match for a query: the TU, its score (101 = context match) and what differs."""

    tu: TU
    score: float
    kind: str                                  # context | exact | fuzzy
    diff: list[tuple[str, str]] = field(default_factory=list)   # (op, text): op in = + -
    target: str | None = None                  # the other language, numbers substituted when they map one to one
    substituted: bool = False


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
