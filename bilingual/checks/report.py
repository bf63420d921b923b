"""Finding formatters: text for people, gcc for editors, json and SARIF 2.1.0 for machines."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from typing import Any

from .model import Finding

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET, _BOLD, _DIM = "\x1b[0m", "\x1b[1m", "\x1b[2m"

def summary(findings: list[Finding], files: int, segments: int) -> dict:
    count = lambda sev: sum(1 for f in findings if f.severity == sev)  # noqa: E731
    return {"files": files, "segments": segments, "errors": count("error"), "warnings": count("warning"),
            "info": count("info")}

def utf16_column(line_text: str | None, column: int) -> int:
    """A 1-based code-point column as editors that count UTF-16 units see it (LSP, VS Code, JavaScript)."""
    if not line_text:
        return column
    before = line_text[:max(0, column - 1)]
    return column + sum(1 for c in before if ord(c) > 0xFFFF)


LineSource = Callable[[str, int], "str | None"]


def as_json(findings: list[Finding], files: int, segments: int, lines: LineSource | None = None) -> str:
    """DESIGN.md §4.2; columns in code points, and ``column_utf16``/``end_column_utf16`` too."""
    import json  # (only for this format and SARIF: the text output starts without it)

    out = []
    for f in findings:
        d = f.as_json()
        d["column_utf16"] = utf16_column(lines(f.path, f.line) if lines else None, f.column)
        d["end_column_utf16"] = utf16_column(lines(f.path, f.end_line) if lines else None, f.end_column)
        out.append(d)
    return json.dumps({"findings": out, "summary": summary(findings, files, segments)},
                      ensure_ascii=False, indent=2)


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def as_sarif(findings: list[Finding], files: int, segments: int, version: str = "0") -> str:
    """SARIF 2.1.0, as GitHub code scanning takes it: one run, the catalog as rules."""
    import json

    from .registry import catalog

    names = list(catalog())
    rules = [{"id": r.name, "name": "".join(w.capitalize() for w in r.name.split("-")),
              "shortDescription": {"text": r.summary},
              "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}}
             for r in catalog().values()]
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": names.index(f.rule) if f.rule in names else 0,
            "level": _SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path)},
                "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                           "endColumn": max(f.end_column, f.column + (1 if f.end_line == f.line else 0))}}}],
            "partialFingerprints": {"bilingualFinding/v1": f"{f.rule}:{f.segment}:{f.lang}:{f.line}:{f.column}"},
            "properties": {"segment": f.segment, "lang": f.lang},
        }
        if f.suggestion:
            result["properties"]["suggestion"] = f.suggestion
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "bilingual", "version": version, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"summary": summary(findings, files, segments)},
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _uri(path: str) -> str:
    from pathlib import Path
    from urllib.parse import quote

    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix())

def as_gcc(findings: Iterable[Finding]) -> str:
    """One line per finding, always: a line break or control character in a file name or message is
    escaped (a CI problem matcher reads every line as a finding: a name must not forge one)."""
    from ..io.errors import one_line

    def path(p: str) -> str:
        return one_line(p.replace("\n", "\\n").replace("\r", "\\r"))

    return "".join(f"{path(f.path)}:{f.line}:{f.column}: {f.severity}: {one_line(f.message)} [{f.rule}]\n"
                   for f in findings)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size((100, 24)).columns``, at least 40, without importing shutil (which
    brings bz2 and lzma: a few milliseconds of every `bilingual check`)."""
    import os
    import sys

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 100
        except (AttributeError, ValueError, OSError):
            columns = 100
    return max(40, columns)


def _underline(f: Finding, colour: bool) -> list[str]:
    if f.context is None or f.start is None or f.end is None:
        return []
    lo = max(0, f.start - 30)
    hi = min(len(f.context), f.end + 30)
    before, hit, after = f.context[lo:f.start], f.context[f.start:f.end], f.context[f.end:hi]
    before = ("…" if lo > 0 else "") + before
    after = after + ("…" if hi < len(f.context) else "")
    width = lambda s: sum(2 if ord(c) > 0x2E7F else 1 for c in s)  # noqa: E731
    room = _terminal_columns() - 4 - width(before)
    if width(hit) > room:              # a long span (a whole segment): cut at the terminal's edge
        while hit and width(hit) > room - 1:
            hit = hit[:-1]
        hit, after = hit + "…", ""
    line = f"    {before}{hit}{after}"
    mark = "    " + " " * width(before) + "^" * max(1, width(hit))
    if colour:
        line = f"    {before}{_BOLD}{hit}{_RESET}{after}"
        mark = _COLOURS[f.severity] + mark + _RESET
    return [line, mark]

def as_text(findings: list[Finding], files: int, segments: int, colour: bool = False, with_summary: bool = True) -> str:
    out: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        out.append(f"{_BOLD}{path}{_RESET}" if colour else path)
        for f in group:
            sev = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if colour else f.severity
            rule = f"{_DIM}[{f.rule}]{_RESET}" if colour else f"[{f.rule}]"
            out.append(f"  {f.line}:{f.column}: {sev}: {f.message} {rule}")
            out.extend(_underline(f, colour))
            if f.suggestion:
                out.append(f"    suggestion: {f.suggestion}")
        out.append("")
    if not with_summary:
        return "\n".join(out) + "\n" if out else ""
    s = summary(findings, files, segments)
    out.append(f"{s['errors']} error(s), {s['warnings']} warning(s), {s['info']} info in {files} file(s), "
               f"{segments} segment(s)")
    return "\n".join(out) + "\n"
