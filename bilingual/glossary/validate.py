"""The glossary's own faults (``bilingual glossary validate``).

Rules: ``duplicate-term`` (one term under two concepts, unless it is a
recorded ambiguity: each copy's note names the other concept's id), ``two-preferred`` (two
preferred terms of one type in one language of a concept), ``no-ja`` (a concept
without a Japanese term), ``forbidden-is-preferred`` (a deprecated or
superseded term equal to a preferred one), ``unknown-status``,
``ja-contains-forbidden`` (an approved Japanese term containing a forbidden one
that does not list it in ``exceptions``), ``variant-cycle`` (notation variants
that lead back to themselves), ``unverified-without-note`` (an unverified
or proposed term without a note saying what was checked),
``unverified-approved`` (an unverified term that is preferred or admitted: it
must be ``proposed``), ``unknown-source`` (a ``source`` citation whose key is
not in the sources registry, ``glossary/sources.yaml``),
``source-outside-package`` (a citation, or a registry entry, that names only a
file, which a user of the installed package cannot open) and
``source-incomplete`` (a registry entry without an http(s) URL or publisher), and ``hidden-character`` (a zero-width,
bidi or control character in a term: it would match nothing a reader typed).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import FORBIDDEN, STATUSES, Concept, Glossary, Term, source_citations, source_keys

RULES = ("duplicate-term", "two-preferred", "no-ja", "forbidden-is-preferred", "unknown-status",
         "ja-contains-forbidden", "variant-cycle", "unverified-without-note", "unverified-approved",
         "unknown-source", "source-outside-package", "source-incomplete", "hidden-character")
_URL = re.compile(r"^https?://\S+$")
_FILE = re.compile(r"(^|/)[^/\s]+\.(md|yaml|yml|txt|csv|tbx|json|pdf|docx)$|^(\.{1,2}/|/|~)", re.IGNORECASE)


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
                  _ja_contains_forbidden, _variant_cycles, _unverified, _unverified_approved, _citations, _hidden):
        problems.extend(check(glossary))
    order = {cid: n for n, cid in enumerate(glossary.concepts)}
    problems.sort(key=lambda p: (order.get(p.concept, 0), RULES.index(p.rule)))
    return problems + list(_registry(glossary))


def _p(rule: str, concept: Concept, message: str, term: Term | None = None) -> Problem:
    """A problem located at the term's line when known, else at the concept's."""
    where = term.origin if term is not None and term.origin is not None else concept.origin
    return Problem(rule, concept.id, message, where)


def _unknown_status(g: Glossary) -> Iterator[Problem]:
    for c in g.concepts.values():
        for t in c.terms:
            if t.status not in STATUSES:
                yield _p("unknown-status", c, f"{t.lang} term {t.text!r} has unknown status {t.status!r}", t)


def _duplicates(g: Glossary) -> Iterator[Problem]:
    """One text under two concepts is a fault, unless both copies record the ambiguity: each one's
    note names the other concept (STA, CCFE, 核融合研, 副長官: a concept for each meaning)."""
    seen: dict[tuple[str, str], Term] = {}
    for c in g.concepts.values():
        mine: set[tuple[str, str]] = set()
        for t in c.terms:
            key = (t.lang, t.text)
            if key in mine:
                continue
            mine.add(key)
            first = seen.setdefault(key, t)
            if first.concept != c.id and not _recorded_ambiguity(first, t):
                yield _p("duplicate-term", c, f"{t.lang} term {t.text!r} is also under concept {first.concept!r}"
                                              " (if the name really means both, say so in both terms' notes, "
                                              "each naming the other concept)", t)


def _recorded_ambiguity(a: Term, b: Term) -> bool:
    return bool(a.note and b.note and f"concept {b.concept}" in a.note and f"concept {a.concept}" in b.note)


def _two_preferred(g: Glossary) -> Iterator[Problem]:
    for c in g.concepts.values():
        seen: dict[tuple[str, str], Term] = {}
        for t in c.terms:
            if t.status != "preferred":
                continue
            other = seen.setdefault((t.lang, t.type), t)
            if other is not t:
                yield _p("two-preferred", c,
                         f"two preferred {t.lang} {t.type} terms: {other.text!r} and {t.text!r}", t)


def _no_ja(g: Glossary) -> Iterator[Problem]:
    for c in g.concepts.values():
        if not c.terms_in("ja"):
            yield _p("no-ja", c, f"concept {c.id!r} has no Japanese term")


def _forbidden_preferred(g: Glossary) -> Iterator[Problem]:
    preferred = {(t.lang, t.text): t.concept for t in g.terms() if t.status == "preferred"}
    for c in g.concepts.values():
        for t in c.terms:
            if t.status in FORBIDDEN and (t.lang, t.text) in preferred:
                yield _p("forbidden-is-preferred", c, f"{t.status} {t.lang} term {t.text!r} is preferred in "
                                                      f"concept {preferred[(t.lang, t.text)]!r}", t)


def _ja_contains_forbidden(g: Glossary) -> Iterator[Problem]:
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
                    yield _p("ja-contains-forbidden", c,
                             f"ja term {t.text!r} contains {f.status} term {f.text!r} "
                             f"(concept {f.concept!r}); list it in that term's exceptions", t)


def _variant_cycles(g: Glossary) -> Iterator[Problem]:
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
            names = " → ".join(repr(text) for _, text in [*cycle, node])
            yield _p("variant-cycle", concept, f"notation variants form a cycle: {names}")


def _unverified(g: Glossary) -> Iterator[Problem]:
    for c in g.concepts.values():
        for t in c.terms:
            if t.unverified and not t.note:
                yield _p("unverified-without-note", c,
                         f"{'proposed' if t.status == 'proposed' else 'unverified'} {t.lang} term {t.text!r} "
                         "needs a note saying what was checked", t)


def _unverified_approved(g: Glossary) -> Iterator[Problem]:
    """Unverified is never preferred: an unverified rendering that may be used is ``proposed``."""
    for c in g.concepts.values():
        for t in c.terms:
            if not t.verified and t.status in ("preferred", "admitted"):
                yield _p("unverified-approved", c, f"unverified {t.lang} term {t.text!r} is {t.status}; "
                                                   "make it 'proposed' (or verify it and drop 'verified: false')", t)


def _citation_problem(g: Glossary, head: str) -> tuple[str, str] | None:
    """(rule, why) for one citation of a ``source`` field, or None if it is fine."""
    if _URL.match(head) or head in g.sources:
        return None
    if _FILE.search(head):
        return "source-outside-package", (f"names the file {head!r}, which a user of the package cannot open; "
                                          "cite a key of glossary/sources.yaml or a URL")
    if source_keys(head):
        return "unknown-source", f"source key {head!r} is not in the sources registry (glossary/sources.yaml)"
    return "unknown-source", f"{head!r} is neither a source key of glossary/sources.yaml nor a URL"


def _citations(g: Glossary) -> Iterator[Problem]:
    for c in g.concepts.values():
        items: list[tuple[str | None, Term | None]] = [(c.source, None)] + [(t.source, t) for t in c.terms]
        for text, term in items:
            for head, _ in source_citations(text):
                found = _citation_problem(g, head)
                if found is not None:
                    rule, why = found
                    owner = f"{term.lang} term {term.text!r}" if term is not None else f"concept {c.id!r}"
                    yield _p(rule, c, f"source of {owner} {why}", term)


def _registry(g: Glossary) -> Iterator[Problem]:
    """Each registry entry opens from anywhere: an http(s) URL and a publisher."""
    for s in g.sources.values():
        where = s.origin
        if s.url is None or not _URL.match(s.url):
            rule = "source-outside-package" if s.url and _FILE.search(s.url) else "source-incomplete"
            yield Problem(rule, "", f"source {s.key!r} needs an http(s) 'url'"
                                    + (f", not {s.url!r}" if s.url else ""), where)
        if not s.publisher:
            yield Problem("source-incomplete", "", f"source {s.key!r} needs a 'publisher'", where)


def _hidden(g: Glossary) -> Iterator[Problem]:
    from ..text.chars import describe, is_hidden

    for c in g.concepts.values():
        for t in c.terms:
            found = next((ch for ch in t.text if is_hidden(ch)), None)
            if found is not None:
                yield _p("hidden-character", c, f"{t.lang} term {t.text!r} contains {describe(found)}", t)
