"""Finding formatters: text for people, gcc for editors, json for machines."""
from __future__ import annotations

import json
from itertools import groupby
from typing import Iterable

from .model import Finding

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET, _BOLD, _DIM = "\x1b[0m", "\x1b[1m", "\x1b[2m"

def summary(findings: list[Finding], files: int, segments: int) -> dict:
    count = lambda sev: sum(1 for f in findings if f.severity == sev)  # noqa: E731
    return {"files": files, "segments": segments, "errors": count("error"), "warnings": count("warning"),
            "info": count("info")}

def as_json(findings: list[Finding], files: int, segments: int) -> str:
    return json.dumps({"findings": [f.as_json() for f in findings], "summary": summary(findings, files, segments)},
                      ensure_ascii=False, indent=2)

def as_gcc(findings: Iterable[Finding]) -> str:
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]\n" for f in findings)

def _underline(f: Finding, colour: bool) -> list[str]:
    if f.context is None or f.start is None or f.end is None:
        return []
    lo = max(0, f.start - 30)
    hi = min(len(f.context), f.end + 30)
    before, hit, after = f.context[lo:f.start], f.context[f.start:f.end], f.context[f.end:hi]
    before = ("…" if lo > 0 else "") + before
    after = after + ("…" if hi < len(f.context) else "")
    width = lambda s: sum(2 if ord(c) > 0x2E7F else 1 for c in s)  # noqa: E731
    line = f"    {before}{hit}{after}"
    mark = "    " + " " * width(before) + "^" * max(1, width(hit))
    if colour:
        line = f"    {before}{_BOLD}{hit}{_RESET}{after}"
        mark = _COLOURS[f.severity] + mark + _RESET
    return [line, mark]

def as_text(findings: list[Finding], files: int, segments: int, colour: bool = False) -> str:
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
    s = summary(findings, files, segments)
    out.append(f"{s['errors']} error(s), {s['warnings']} warning(s), {s['info']} info in {files} file(s), "
               f"{segments} segment(s)")
    return "\n".join(out) + "\n"
