"""Helpers for check tests: segments from strings, a small glossary, findings as tuples."""
from __future__ import annotations

from bilingual.checks import Context, run_checks
from bilingual.content.inline import plain_text
from bilingual.content.model import Segment
from bilingual.glossary.matcher import TermIndex
from bilingual.glossary.model import Concept, Glossary, Term


def concept(cid: str, *terms: tuple, subject: str | None = None) -> Concept:
    """terms: (text, lang, status[, type[, pos]])"""
    out = []
    for t in terms:
        text, lang, status, *rest = t
        kind = rest[0] if rest else "fullForm"
        pos = rest[1] if len(rest) > 1 else ("properNoun" if kind == "acronym" else "noun")
        out.append(Term(text, lang, cid, status, kind, pos))
    return Concept(cid, subject=subject, terms=out)


GLOSSARY = Glossary({c.id: c for c in (
    concept("fusion-energy", ("fusion energy", "en", "preferred"), ("フュージョンエネルギー", "ja", "preferred"),
            ("核融合エネルギー", "ja", "admitted")),
    concept("fusion-system", ("fusion system", "en", "preferred"), ("核融合方式", "ja", "preferred")),
    concept("fusion", ("fusion", "en", "preferred"), ("核融合", "ja", "preferred")),
    concept("nifs", ("National Institute for Fusion Science", "en", "preferred", "fullForm", "properNoun"),
            ("NIFS", "en", "preferred", "acronym"), ("核融合科学研究所", "ja", "preferred", "fullForm", "properNoun")),
    concept("doe", ("Department of Energy", "en", "preferred", "fullForm", "properNoun"),
            ("DOE", "en", "preferred", "acronym"), ("米国エネルギー省", "ja", "preferred", "fullForm", "properNoun"),
            ("エネルギー省", "ja", "admitted", "shortForm", "properNoun")),
    concept("iter", ("ITER", "en", "preferred", "acronym"),
            ("International Thermonuclear Experimental Reactor", "en", "admitted", "fullForm", "properNoun"),
            ("国際熱核融合実験炉", "ja", "preferred", "fullForm", "properNoun")),
    concept("user", ("user", "en", "preferred"), ("ユーザー", "ja", "preferred")),
    concept("japan", ("Japan", "en", "preferred", "fullForm", "properNoun"), ("日本", "ja", "preferred"),
            subject="place"),
)})


def segment(en: str | None, ja: str | None, sid: str = "s1", **kw) -> Segment:
    return Segment(sid, plain_text(en) if en is not None else None, plain_text(ja) if ja is not None else None, **kw)


def findings(*segments: Segment, rules=None, glossary: Glossary = GLOSSARY, monolingual: bool = False):
    ctx = Context("t", list(segments), glossary, TermIndex(glossary), monolingual=monolingual)
    return run_checks(ctx, select=rules)


def hits(*segments: Segment, rule: str, **kw) -> list[tuple[str, str]]:
    """(lang, offending text) of each finding of ``rule``."""
    out = []
    for f in findings(*segments, rules=[rule], **kw):
        seg = next(s for s in segments if s.id == f.segment)
        text = seg.text(f.lang).plain if f.lang else ""
        out.append((f.lang, text[f.start:f.end]))
    return out
