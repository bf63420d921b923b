"""`fill` as a use case: TM translations written into a content file's empty ``ja:``, for review.

Context and 100 % matches become the Japanese, each with a comment line above it saying where it
came from; a fuzzy match is only a comment (never text). Every other line stays byte-identical:
the file is edited as text (``io.yamledit``), never re-dumped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Segment
from .config import Options

if TYPE_CHECKING:
    from ..io.yamledit import Place
    from ..tm.model import Match


@dataclass
class Filled:
    """What ``fill`` did to one file."""

    text: str                                           # the new content of the file
    filled: list[tuple[Segment, Match]] = field(default_factory=list)      # (segment, match) written
    suggested: list[tuple[Segment, Match]] = field(default_factory=list)   # (segment, match) as comments


def fill(path: Path, options: Options) -> Filled:
    """The content file at ``path`` with its empty Japanese filled from the TM (not written)."""
    from ..content.loader import MAX_BYTES, document_from_source
    from ..io.errors import InputError
    from ..io.fsutil import read_input
    from ..io.yamledit import Edit, apply, places, set_ja
    from ..io.yamlpos import Source
    from ..tm.content import pretranslate
    from .session import Session

    session = Session(options)
    src = Source(str(path), read_input(path, MAX_BYTES))
    doc = document_from_source(src, session.glossary)
    result = pretranslate(doc, session.tm)
    where = places(src)
    text, nl = src.text, "\r\n" if "\r\n" in src.text else "\n"
    edits: list[Edit] = []

    def place_of(seg: Segment) -> Place:
        place = where.get(seg.en.positions[0]) if seg.en is not None and seg.en.positions else None
        if place is None:
            raise InputError(str(path), seg.line or 1, 1, f"segment {seg.id}: its English is not a plain 'en:' "
                                                          "value that fill can edit")
        return place

    def comment_before(place: Place, note: str, ja_edit: Edit | None) -> Edit | None:
        """A comment line above the ``ja:`` (or above a one-line mapping); None when it rides on ``ja_edit``."""
        if place.mapping.flow_style:
            at = text.rfind("\n", 0, place.mapping.start_mark.index) + 1
            width = len(text[at:]) - len(text[at:].lstrip(" "))
            return Edit(at, at, " " * width + note + nl)
        if place.ja_key is not None:
            at = text.rfind("\n", 0, place.ja_key.start_mark.index) + 1
            return Edit(at, at, " " * place.ja_key.start_mark.column + note + nl)
        indent = " " * place.en_key.start_mark.column
        if ja_edit is not None:                        # a new `ja:` line: the comment goes just above it
            ja_edit.text = ja_edit.text.replace(indent + "ja: ", indent + note + nl + indent + "ja: ", 1)
            return None
        end = set_ja(src, place, "x")                  # where a new `ja:` line would go: the comment goes there
        return Edit(end.start, end.start, nl + indent + note)

    filled: list[tuple[Segment, Match]] = []
    for seg, m in result.filled:
        raw = m.tu.raw("ja") or m.target
        if not raw:                                    # a TU without Japanese: nothing to write
            continue
        place = place_of(seg)
        ja = set_ja(src, place, raw)
        edits.append(ja)
        filled.append((seg, m))
        where_from = f" ({m.tu.doc}/{m.tu.seg})" if m.tu.doc and m.tu.seg else ""
        extra = comment_before(place, f"# bilingual fill: TM {m.kind} match{where_from}; review it", ja)
        if extra is not None:
            edits.append(extra)
    for seg, m in result.suggested:
        target = " ".join((m.target or "").split())
        note = comment_before(place_of(seg), f"# bilingual fill: TM suggestion {m.score:.0f}%: {target}", None)
        if note is not None:                           # (always: None only when it rides on a ja edit)
            edits.append(note)
    return Filled(apply(text, edits), filled, result.suggested)
