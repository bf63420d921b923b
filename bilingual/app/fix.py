"""`--fix`: rewrite forbidden terms and notation variants to the preferred term, in place.

The content file is edited as text at the exact characters the findings
point at: no YAML is re-dumped, so comments, quoting and layout stay. A
finding is fixed only when the file's characters there are the term as
written (modulo a folded line break), the scalar's quoting can hold the
replacement, and the rule is not suppressed on that segment (suppressed
findings never reach here). Matching is leftmost-longest on whole words, so
a proper name that merely contains a term is never a finding, never a fix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..checks.model import Finding

FIXABLE = ("term-forbidden", "term-variant")


@dataclass
class Edit:
    start: int
    end: int
    text: str
    finding: Finding


def _offsets(source: str) -> list[int]:
    """Where each line starts; a line ends at LF, CRLF or a lone CR, as in the findings' positions."""
    from ..io.yamlpos import LineIndex

    return LineIndex(source).starts


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _quote_style(source: str, start: int) -> str | None:
    """The quote character of the flow scalar the offset is in, if it is on the same line (best effort)."""
    line_start = source.rfind("\n", 0, start) + 1
    before = source[line_start:start]
    m = re.search(r":\s*(['\"])", before)
    if m and before.count(m.group(1)) % 2 == 1:
        return m.group(1)
    return None


def _plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _inflect(surface: str, suggestion: str, lang: str) -> str:
    """Carry a plural or possessive ending, and a capital at a sentence start, over to the suggestion."""
    if lang != "en" or not surface.split():
        return suggestion
    from ..text.english import keys

    out = suggestion
    last = surface.split()[-1]
    possessive = re.search(r"[’']s?$", last)
    if possessive:
        out, last = out + possessive.group(), last[:possessive.start()]
    low = last.lower()
    for ending in ("es", "s"):
        base = low[:-len(ending)]
        if low.endswith(ending) and not low.endswith("ss") and base and keys([base]) == keys([low]):
            words = suggestion.split()
            if words and not words[-1].endswith("s"):
                words[-1] = _plural(words[-1])
                out = " ".join(words) + (possessive.group() if possessive else "")
            break
    if surface[:1].isupper() and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out


def plan(source: str, findings: list[Finding]) -> list[Edit]:
    """Non-overlapping edits for the fixable findings of one file."""
    starts = _offsets(source)
    edits: list[Edit] = []
    for f in findings:
        if f.rule not in FIXABLE or not f.suggestion or f.context is None or f.start is None or f.end is None:
            continue
        surface = f.context[f.start:f.end]
        try:
            a = _offset(starts, f.line, f.column)
            b = _offset(starts, f.end_line, f.end_column)
        except IndexError:
            continue
        written = source[a:b]
        if _squash(written) != _squash(surface):
            continue                    # markup or escapes in between: not a plain edit
        replacement = _inflect(surface, f.suggestion, f.lang or "en")
        quote = _quote_style(source, a)
        if quote == "'":
            replacement = replacement.replace("'", "''")
        elif quote == '"':
            replacement = replacement.replace("\\", "\\\\").replace('"', '\\"')
        elif re.search(r"(^[-?:,\[\]{}#&*!|>'\"%@`])|(: )|( #)", replacement):
            continue                    # would change the meaning of a plain scalar
        if replacement == written:
            continue
        edits.append(Edit(a, b, replacement, f))
    edits.sort(key=lambda e: e.start)
    kept: list[Edit] = []
    for e in edits:
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def apply(source: str, edits: list[Edit]) -> str:
    out = source
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[:e.start] + e.text + out[e.end:]
    return out


def fix_file(path: Path, findings: list[Finding]) -> int:
    """Rewrite ``path`` atomically with every fixable finding fixed; return how many were fixed."""
    from ..io.fsutil import write_atomic

    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    source = data[3 if bom else 0:].decode("utf-8")
    edits = plan(source, [f for f in findings if f.path == str(path)])
    if not edits:
        return 0
    text = apply(source, edits)
    write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return len(edits)
