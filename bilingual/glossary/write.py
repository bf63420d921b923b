"""Write a glossary as stable, human-friendly YAML (the format of docs/formats.md).

Concept fields in block style, one flow mapping per term on one line, keys in
a fixed order, defaults that the loader assumes left out (except status, type
and pos, which are always written so that reviewers see them).
"""
from __future__ import annotations

from .model import Concept, Glossary, Term, Transaction

_CONCEPT_FIELDS = ("subject", "definition", "source", "note")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar that is safe in flow and block context, on one line."""
    from ..io.yamlpos import yaml_module

    yaml = yaml_module()

    text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**9)
    return text.strip()[1:-1]


def transaction_yaml(tr: Transaction) -> str:
    """One transaction as a flow mapping: ``{type: origination, date: '2024-04-10', by: …}``."""
    parts = [f"type: {tr.type}"]
    if tr.date is not None:
        parts.append(f"date: {scalar(tr.date)}")
    if tr.by is not None:
        parts.append(f"by: {scalar(tr.by)}")
    return "{" + ", ".join(parts) + "}"


def term_yaml(term: Term) -> str:
    """One term as a one-line flow mapping."""
    parts = [f"term: {scalar(term.text)}", f"status: {term.status}", f"type: {term.type}", f"pos: {term.pos}"]
    if term.source is not None:
        parts.append(f"source: {scalar(term.source)}")
    if term.note is not None:
        parts.append(f"note: {scalar(term.note)}")
    if not term.verified:
        parts.append("verified: false")
    if term.exceptions:
        parts.append("exceptions: [" + ", ".join(scalar(x) for x in term.exceptions) + "]")
    if term.case_sensitive is not None:
        parts.append(f"case_sensitive: {'true' if term.case_sensitive else 'false'}")
    if term.transactions:
        parts.append("transactions: [" + ", ".join(transaction_yaml(t) for t in term.transactions) + "]")
    return "{" + ", ".join(parts) + "}"


def concept_yaml(concept: Concept) -> str:
    """One concept as an item of the ``concepts`` list."""
    lines = [f"- id: {concept.id}"]
    for name in _CONCEPT_FIELDS:
        value = getattr(concept, name)
        if value is not None:
            lines.append(f"  {name}: {scalar(value)}")
    if concept.formal:
        lines.append("  formal:")
        lines.extend(f"    {lang}: {scalar(text)}" for lang, text in concept.formal.items())
    if concept.transactions:
        lines.append("  transactions:")
        lines.extend(f"  - {transaction_yaml(t)}" for t in concept.transactions)
    for lang in ("en", "ja"):
        terms = concept.terms_in(lang)
        if terms:
            lines.append(f"  {lang}:")
            lines.extend(f"  - {term_yaml(t)}" for t in terms)
    return "\n".join(lines) + "\n"


def glossary_yaml(glossary: Glossary, header: str | None = None) -> str:
    """A whole glossary file; ``header`` becomes comment lines at the top."""
    out: list[str] = []
    if header:
        out.extend(f"# {line}".rstrip() for line in header.splitlines())
        out.append("")
    out.append("concepts:")
    for concept in glossary.concepts.values():
        out.append("")
        out.append(concept_yaml(concept).rstrip("\n"))
    if glossary.sources:
        out.extend(["", "sources:"])
        for src in glossary.sources.values():
            out.append(f"  {scalar(src.key)}:")
            for name in ("url", "title", "publisher", "checked", "note"):
                value = getattr(src, name)
                if value is not None:
                    out.append(f"    {name}: {scalar(value)}")
    return "\n".join(out) + "\n"
