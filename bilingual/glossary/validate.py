"""The glossary's own faults (``bilingual glossary validate``).

Rules: ``duplicate-term`` (one term under two concepts), ``two-preferred`` (two
preferred terms of one type in one language of a concept), ``no-ja`` (a concept
without a Japanese term), ``forbidden-is-preferred`` (a deprecated or
superseded term equal to a preferred one), ``unknown-status``,
``ja-contains-forbidden`` (an approved Japanese term containing a forbidden one
that does not list it in ``exceptions``), ``variant-cycle`` (notation variants
that lead back to themselves), ``unverified-without-note``, ``hidden-character`` (a zero-width,
bidi or control character in a term: it would match nothing a reader typed).
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import FORBIDDEN, STATUSES, Concept, Glossary, Term

RULES = ("duplicate-term", "two-preferred", "no-ja", "forbidden-is-preferred", "unknown-status",
         "ja-contains-forbidden", "variant-cycle", "unverified-without-note", "hidden-character")


@dataclass(frozen=True)
class Problem:
    rule: str
    concept: str
    message: str
    where: tuple[str, int, int] | None = None

    def __str__(self) -> str:
        path, line, col = self.where or ("<glossary>", 1, 1)
        return f"{path}:{line}:{col}: error: {self.message} [{self.rule}]"


def validate(glossary: Glossary) -> list[Problem]:
    """Every fault found, ordered by concept (glossary order), then rule."""
    problems: list[Problem] = []
    for check in (_unknown_status, _duplicates, _two_preferred, _no_ja, _forbidden_preferred,
                  _ja_contains_forbidden, _variant_cycles, _unverified, _hidden):
        problems.extend(check(glossary))
    order = {cid: n for n, cid in enumerate(glossary.concepts)}
    return sorted(problems, key=lambda p: (order.get(p.concept, 0), RULES.index(p.rule)))


def _p(rule: str, concept: Concept, message: str, term: Term | None = None) -> Problem:
    """A problem located at the term's line when known, else at the concept's."""
    where = term.origin if term is not None and term.origin is not None else concept.origin
    return Problem(rule, concept.id, message, where)


def _unknown_status(g: Glossary):
    for c in g.concepts.values():
        for t in c.terms:
            if t.status not in STATUSES:
                yield _p("unknown-status", c, f"{t.lang} term {t.text!r} has unknown status {t.status!r}", t)


def _duplicates(g: Glossary):
    seen: dict[tuple[str, str], str] = {}
    for c in g.concepts.values():
        mine: set[tuple[str, str]] = set()
        for t in c.terms:
            key = (t.lang, t.text)
            if key in mine:
                continue
            mine.add(key)
            first = seen.setdefault(key, c.id)
            if first != c.id:
                yield _p("duplicate-term", c, f"{t.lang} term {t.text!r} is also under concept {first!r}", t)


def _two_preferred(g: Glossary):
    for c in g.concepts.values():
        seen: dict[tuple[str, str], Term] = {}
        for t in c.terms:
            if t.status != "preferred":
                continue
            other = seen.setdefault((t.lang, t.type), t)
            if other is not t:
                yield _p("two-preferred", c,
                         f"two preferred {t.lang} {t.type} terms: {other.text!r} and {t.text!r}", t)


def _no_ja(g: Glossary):
    for c in g.concepts.values():
        if not c.terms_in("ja"):
            yield _p("no-ja", c, f"concept {c.id!r} has no Japanese term")


def _forbidden_preferred(g: Glossary):
    preferred = {(t.lang, t.text): t.concept for t in g.terms() if t.status == "preferred"}
    for c in g.concepts.values():
        for t in c.terms:
            if t.status in FORBIDDEN and (t.lang, t.text) in preferred:
                yield _p("forbidden-is-preferred", c, f"{t.status} {t.lang} term {t.text!r} is preferred in "
                                                      f"concept {preferred[(t.lang, t.text)]!r}", t)


def _ja_contains_forbidden(g: Glossary):
    forbidden = [t for t in g.terms("ja") if t.forbidden]
    if not forbidden:
        return
    from ..text.normalize import normalize_ja

    keys = [(normalize_ja(f.text).text, f) for f in forbidden]
    for c in g.concepts.values():
        for t in c.terms_in("ja"):
            if t.forbidden:
                continue
            text = normalize_ja(t.text).text
            for key, f in keys:
                if key and key in text and key != text and t.text not in f.exceptions:
                    yield _p("ja-contains-forbidden", c, f"ja term {t.text!r} contains {f.status} term {f.text!r} "
                                                         f"(concept {f.concept!r}); list it in that term's exceptions", t)


def _variant_cycles(g: Glossary):
    """A variant points at its language's preferred term; following the arrows must end."""
    edges: dict[tuple[str, str], tuple[str, str, Concept]] = {}
    for c in g.concepts.values():
        for t in c.terms:
            if t.type != "variant" or t.forbidden:
                continue
            target = c.preferred(t.lang)
            if target is not None:
                edges.setdefault((t.lang, t.text), (t.lang, target.text, c))
    reported: set[tuple[str, str]] = set()
    for start, (_, _, concept) in edges.items():
        path, node = [start], edges[start][:2]
        while node in edges and node not in path:
            path.append(node)
            node = edges[node][:2]
        if node in path and not reported & set(path[path.index(node):]):
            cycle = path[path.index(node):]
            reported.update(cycle)
            names = " → ".join(repr(text) for _, text in cycle + [node])
            yield _p("variant-cycle", concept, f"notation variants form a cycle: {names}")


def _unverified(g: Glossary):
    for c in g.concepts.values():
        for t in c.terms:
            if not t.verified and not t.note:
                yield _p("unverified-without-note", c,
                         f"unverified {t.lang} term {t.text!r} needs a note saying why", t)


def _hidden(g: Glossary):
    from ..checks.hidden import describe, is_hidden

    for c in g.concepts.values():
        for t in c.terms:
            found = next((ch for ch in t.text if is_hidden(ch)), None)
            if found is not None:
                yield _p("hidden-character", c, f"{t.lang} term {t.text!r} contains {describe(found)}", t)
