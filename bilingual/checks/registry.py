"""The check rules: each rule is defined once, by ``@rule`` on the function that reports it.

A family is one module of ``bilingual.checks`` listed in ``FAMILIES``; importing it registers its rules.
Registering a name twice is an error at import (:class:`RuleError`), so no rule can be silently shadowed.

    @rule("url-mismatch", "error", "URLs or e-mail addresses differ")
    def url_mismatch(ctx: Context, seg: Segment) -> Iterator[Finding]: ...

A function may report several rules (stack the decorators); it runs once when any of them is enabled.
``document=True`` marks a check over the whole document (``fn(ctx)``) instead of one segment (``fn(ctx, seg)``).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple, TypeVar

SEVERITIES = ("error", "warning", "info")
# the modules whose rules `check` runs, in the order they run
FAMILIES = ("terms", "pairs", "numbers", "style", "document", "tm", "hidden", "context", "nearmiss", "placeholders",
            "omitted")


class Rule(NamedTuple):
    name: str
    severity: str              # the default; bilingual.toml's [severity] may change it
    summary: str
    monolingual: bool = False  # needs only one language: runs on monolingual inputs too
    family: str = ""
    module: str = ""
    document: bool = False     # runs over the whole document, not segment by segment


class RuleError(Exception):
    """A rule defined twice, or with an unknown severity."""


RULES: dict[str, Rule] = {}
FUNCTIONS: dict[str, Callable] = {}

F = TypeVar("F", bound=Callable)


def rule(name: str, severity: str, summary: str, *, monolingual: bool = False,
         document: bool = False) -> Callable[[F], F]:
    """Register the decorated function as the one check that reports ``name``."""
    if severity not in SEVERITIES:
        raise RuleError(f"rule {name!r}: severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")

    def register(fn: F) -> F:
        if name in RULES:
            raise RuleError(f"rule {name!r} is defined twice: in {RULES[name].module} and in {fn.__module__}")
        module = fn.__module__
        RULES[name] = Rule(name, severity, summary, monolingual, module.rsplit(".", 1)[-1], module, document)
        FUNCTIONS[name] = fn
        return fn

    return register


def catalog() -> dict[str, Rule]:
    """Every rule, by name (the family modules are imported on the first call)."""
    for family in FAMILIES:
        importlib.import_module(f"{__package__}.{family}")
    return RULES
