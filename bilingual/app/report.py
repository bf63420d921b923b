"""What the HTML QA report shows of a checked file: its segments and the glossary terms in them."""
from __future__ import annotations

from ..checks.html import Highlight, Row
from ..content.model import Segment
from ..glossary.matcher import TermIndex


def report_rows(index: TermIndex, path: str, segments: list[Segment]) -> list[Row]:
    """One row per segment, with every glossary term found in each language."""
    rows = []
    for seg in segments:
        highlights = [Highlight(lang, h.start, h.end, h.term.concept, h.term.status)
                      for lang, text in (("en", seg.en), ("ja", seg.ja)) if text is not None
                      for h in index.find(text.plain, lang)]
        rows.append(Row(path, seg.id, seg.line, seg.en.plain if seg.en else None,
                        seg.ja.plain if seg.ja else None, tuple(highlights)))
    return rows
