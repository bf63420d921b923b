"""Input limits, the same in every reader (listed in docs/fuzzing.md).

A limit turns a hostile or broken file (a 10 MB line, a 52 MB translation
unit, a zip bomb) into one located error line instead of minutes of work and
gigabytes of memory. Each reader takes its limit from here; tests lower them
with monkeypatch.
"""
from __future__ import annotations

#: content YAML, plain text and Markdown files, read whole
MAX_TEXT_BYTES = 20 * 1024 * 1024
#: glossary files (YAML, CSV, TBX), read whole
MAX_GLOSSARY_BYTES = 50 * 1024 * 1024
#: XML files parsed whole (XLIFF, TMX for checking), and a DOCX unpacked
MAX_XML_BYTES = 200 * 1024 * 1024
#: one segment's text in any format (a YAML scalar, a paragraph of text or Markdown, an XLIFF or DOCX
#: segment, one side of a TMX unit, for checking and for the TM alike)
MAX_SEGMENT_CHARS = 100_000
#: one line of a content, text or Markdown file: a segment and its markup (indentation, quotes, escapes)
MAX_LINE_CHARS = 2 * MAX_SEGMENT_CHARS
#: one <tu> element of a TMX file imported into the TM, as written
MAX_TU_BYTES = 1024 * 1024


def segment_too_long(length: int) -> str | None:
    """The error message for a segment of ``length`` characters, or None when it is within the limit."""
    if length <= MAX_SEGMENT_CHARS:
        return None
    return f"a segment of {length} characters; the limit is {MAX_SEGMENT_CHARS}"


def long_line(text: str) -> tuple[int, int] | None:
    """(line, column) just past the limit on the first line longer than :data:`MAX_LINE_CHARS`
    characters (CRLF, LF and a lone CR end a line), or None. Linear time."""
    import re

    if len(text) <= MAX_LINE_CHARS:
        return None
    start, line = 0, 1
    for m in re.finditer(r"\r\n?|\n", text):
        if m.start() - start > MAX_LINE_CHARS:
            return line, MAX_LINE_CHARS + 1
        start, line = m.end(), line + 1
    return (line, MAX_LINE_CHARS + 1) if len(text) - start > MAX_LINE_CHARS else None
