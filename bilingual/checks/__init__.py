"""The checks: rules registered by ``@rule`` in their family modules (``registry.py``), and the function
that runs them."""
from __future__ import annotations

from collections.abc import Iterable

from .model import Context, Finding
from .registry import FUNCTIONS, Rule, catalog


def run_checks(ctx: Context, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               severities: dict[str, str] | None = None) -> list[Finding]:
    """Run the enabled rules over every segment; honour inline suppressions."""
    rules = catalog()
    enabled = set(select) if select else set(rules)
    enabled -= set(ignore)
    if ctx.monolingual:
        enabled = {r for r in enabled if r in rules and rules[r].monolingual}
    severities = severities or {}
    findings: list[Finding] = []
    # a check function runs once, when a rule it reports is enabled
    wanted = {FUNCTIONS[name] for name in enabled if name in rules}
    segment_fns = [fn for fn in dict.fromkeys(FUNCTIONS[r.name] for r in rules.values() if not r.document)
                   if fn in wanted]
    document_fns = [fn for fn in dict.fromkeys(FUNCTIONS[r.name] for r in rules.values() if r.document)
                    if fn in wanted]
    for fn in segment_fns:
        for seg in ctx.segments:
            findings.extend(f for f in fn(ctx, seg) if f.rule in enabled and f.rule not in seg.ignore)
    if document_fns:
        by_id = {seg.id: seg for seg in ctx.segments}
        for fn in document_fns:
            findings.extend(f for f in fn(ctx) if f.rule in enabled
                            and f.rule not in getattr(by_id.get(f.segment), "ignore", ()))
    for f in findings:
        if f.rule in severities:
            f.severity = severities[f.rule]
    findings = [f for f in findings if f.severity != "off"]
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return findings


__all__ = ["Context", "Finding", "Rule", "catalog", "run_checks"]
