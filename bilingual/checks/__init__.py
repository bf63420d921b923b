"""The check catalog and the function that runs it."""
from __future__ import annotations

from typing import Iterable

from .model import CATALOG, Context, Finding, Rule


def segment_checks() -> dict:
    """rule name -> function, one module per family."""
    from . import context, document, hidden, nearmiss, numbers, pairs, style, terms, tm

    table: dict = {}
    for module in (terms, pairs, numbers, style, document, tm, hidden, context, nearmiss):
        table.update(module.SEGMENT_CHECKS)
    return table


def document_checks() -> dict:
    """rule name -> function over the whole document."""
    from . import document, tm

    table = dict(document.DOCUMENT_CHECKS)
    table.update(tm.DOCUMENT_CHECKS)
    return table


def run_checks(ctx: Context, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               severities: dict[str, str] | None = None) -> list[Finding]:
    """Run the enabled rules over every segment; honour inline suppressions."""
    enabled = set(select) if select else set(CATALOG)
    enabled -= set(ignore)
    if ctx.monolingual:
        enabled = {r for r in enabled if r in CATALOG and CATALOG[r].monolingual}
    severities = severities or {}
    findings: list[Finding] = []
    seen_functions: set = set()
    segment_table, document_table = segment_checks(), document_checks()
    # a check function runs only when a rule it reports is enabled
    wanted = {fn for table in (segment_table, document_table) for rule, fn in table.items() if rule in enabled}
    for rule, fn in segment_table.items():
        if fn in seen_functions or fn not in wanted:
            continue
        seen_functions.add(fn)
        for seg in ctx.segments:
            findings.extend(f for f in fn(ctx, seg) if f.rule in enabled and f.rule not in seg.ignore)
    for rule, fn in document_table.items():
        if fn in seen_functions or fn not in wanted:
            continue
        seen_functions.add(fn)
        by_id = {seg.id: seg for seg in ctx.segments}
        findings.extend(f for f in fn(ctx) if f.rule in enabled
                        and f.rule not in getattr(by_id.get(f.segment), "ignore", ()))
    for f in findings:
        if f.rule in severities:
            f.severity = severities[f.rule]
    findings = [f for f in findings if f.severity != "off"]
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return findings


__all__ = ["CATALOG", "Context", "Finding", "Rule", "run_checks"]
