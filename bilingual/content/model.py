"""The document model: what a content YAML file means, independent of YAML and Word."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

LANGS = ("en", "ja")


class Run(NamedTuple):
    """A stretch of inline text with uniform formatting (a named tuple: made by the thousand).

    A footnote reference is a run with ``footnote`` set and empty ``text``.
    """

    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None
    footnote: str | None = None


@dataclass
class Text:
    """One language of a segment: the Markdown the author wrote, and what it means.

    ``plain`` is the text a reader sees (markup removed, footnote references
    dropped); ``plain_to_raw[i]`` is the index in ``raw`` of ``plain[i]``.
    ``positions[j]`` is the 1-based (line, column) in the source file of
    ``raw[j]``, with one extra entry for the end; ``None`` when the text did
    not come from a file (a glossary name, a TM match).
    """

    raw: str
    plain: str
    runs: list[Run]
    plain_to_raw: list[int]
    positions: list[tuple[int, int]] | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of ``plain`` to ``raw``."""
        if not self.plain:
            return 0, len(self.raw)
        start = min(start, len(self.plain) - 1)
        end = max(end, start + 1)
        return self.plain_to_raw[start], self.plain_to_raw[min(end, len(self.plain)) - 1] + 1

    def locate(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """(line, column, end_line, end_column) in the file for a plain range; end exclusive."""
        if self.positions is None:
            return None
        rs, re_ = self.raw_span(start, end)
        rs = min(rs, len(self.positions) - 1)
        re_ = min(re_, len(self.positions) - 1)
        (l1, c1), (l2, c2) = self.positions[rs], self.positions[re_]
        if re_ > rs and self.positions[re_ - 1][0] != l2:
            # the end falls on a line break: end just after the last character
            l2, c2 = self.positions[re_ - 1][0], self.positions[re_ - 1][1] + 1
        return l1, c1, l2, c2

    @property
    def footnotes(self) -> list[str]:
        return [r.footnote for r in self.runs if r.footnote]

    @property
    def links(self) -> list[str]:
        out: list[str] = []
        for r in self.runs:
            if r.link and (not out or out[-1] != r.link or not r.text):
                out.append(r.link)
        return out


@dataclass
class Segment:
    """A translation unit: an id and the text in each language."""

    id: str
    en: Text | None
    ja: Text | None
    line: int = 0                      # line of the segment in the file (for suppressions)
    ignore: frozenset[str] = frozenset()  # rules suppressed by `# bilingual: ignore[...]`
    origin: str = "content"            # content | glossary | tm-exact | tm-context
    role: str = "body"                 # body | title | party | heading (a DOCX's) | footnote | place | …

    def text(self, lang: str) -> Text | None:
        return self.en if lang == "en" else self.ja


@dataclass
class Paragraph:
    segment: Segment


@dataclass
class ListBlock:
    items: list[Segment]
    ordered: bool = False


Block = Paragraph | ListBlock


@dataclass
class Party:
    concept: str
    name: Segment            # formal name in each language (from the glossary unless retyped)


@dataclass
class Document:
    """A document of any kind. Kind-specific data lives in ``extra``."""

    kind: str
    id: str
    path: str
    date: _dt.date
    title: Segment
    parties: list[Party] = field(default_factory=list)
    place: Segment | None = None
    provisional: bool = False
    body: list[Block] = field(default_factory=list)
    footnotes: dict[str, Segment] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def segments(self) -> Iterator[Segment]:
        """Every segment, in reading order (footnotes last)."""
        for p in self.parties:
            yield p.name
        yield self.title
        if self.place is not None:
            yield self.place
        for block in self.body:
            if isinstance(block, Paragraph):
                yield block.segment
            else:
                yield from block.items
        yield from self.extra.get("segments", [])
        yield from self.footnotes.values()
