"""Checks on an EN–JA pair: untranslated, url- and markup-mismatch (number-mismatch: ``numbers.py``)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..content.model import Segment, Text
from ..text.lazyre import lazy
from ..text.urls import find_urls
from .model import Context, Finding
from .registry import rule


def urls(text: Text) -> list[tuple[int, int, str]]:
    """Bare URLs and e-mail addresses in the plain text. A URL written as a link (an autolink,
    ``<https://…>を参照``) ends where its link ends, even when Japanese follows with no space."""
    found = find_urls(text.plain)
    if not found or not any(ord(c) > 0x2e7f for _, _, u in found for c in u):
        return found
    out = []
    for s, e, u in found:
        for link in text.links:
            if u != link and u.startswith(link) and ord(u[len(link)]) > 0x2e7f:
                e, u = s + len(link), link
                break
        out.append((s, e, u))
    return out


@rule("untranslated", "error", "a segment has no Japanese")
def untranslated(ctx: Context, seg: Segment) -> Iterator[Finding]:
    if seg.en is not None and seg.ja is None and seg.en.plain.strip():
        yield ctx.finding("untranslated", seg, "en", 0, len(seg.en.plain), f"segment '{seg.id}' has no Japanese")


def _compare(ctx: Context, seg: Segment, rule: str, what: str,
             en_items: list[tuple[int, int, str]], ja_items: list[tuple[int, int, str]]) -> Iterator[Finding]:
    en_count, ja_count = Counter(v for *_, v in en_items), Counter(v for *_, v in ja_items)
    for s, e, v in ja_items:
        if ja_count[v] > en_count[v]:
            yield ctx.finding(rule, seg, "ja", s, e, f"{what} '{v}' is in the Japanese but not in the English")
            ja_count[v] -= 1
    for s, e, v in en_items:
        if en_count[v] > ja_count[v]:
            yield ctx.finding(rule, seg, "en", s, e, f"{what} '{v}' is in the English but not in the Japanese", v)
            en_count[v] -= 1


def _link_targets(text: Text) -> list[tuple[int, int, str]]:
    """Link targets that are not written out as text (those are found as bare URLs)."""
    bare = {u for *_, u in urls(text)}
    return [(0, len(text.plain), url) for url in text.links if url not in bare]


@rule("url-mismatch", "error", "URLs or e-mail addresses differ")
def url_mismatch(ctx: Context, seg: Segment) -> Iterator[Finding]:
    if seg.en is not None and seg.ja is not None:
        en = urls(seg.en) + _link_targets(seg.en)
        ja = urls(seg.ja) + _link_targets(seg.ja)
        yield from _compare(ctx, seg, "url-mismatch", "URL", en, ja)


_QUOTES = lazy(r"「[^」]*」|『[^』]*』")


def _emphasis_spans(text: Text) -> int:
    count, inside = 0, False
    for run in text.runs:
        on = (run.italic or run.bold) and bool(run.text)
        if on and not inside:
            count += 1
        inside = on if run.text else inside
    return count


def _first_emphasis(text: Text) -> tuple[int, int]:
    """Where the first emphasised span of a text is (the whole text if none)."""
    at = 0
    for run in text.runs:
        if (run.italic or run.bold) and run.text:
            return at, at + len(run.text)
        at += len(run.text)
    return 0, len(text.plain)


@rule("markup-mismatch", "error", "footnote references, links or emphasis differ")
def markup_mismatch(ctx: Context, seg: Segment) -> Iterator[Finding]:
    """Footnote references and links must agree; EN emphasis may be 「」 in Japanese."""
    if seg.en is None or seg.ja is None:
        return
    en_notes, ja_notes = Counter(seg.en.footnotes), Counter(seg.ja.footnotes)
    for label in sorted(set(en_notes) | set(ja_notes)):
        if en_notes[label] != ja_notes[label]:
            yield ctx.finding("markup-mismatch", seg, "ja", 0, len(seg.ja.plain),
                              f"footnote [^{label}] appears {en_notes[label]}× in the English and "
                              f"{ja_notes[label]}× in the Japanese")
    en_links, ja_links = len(seg.en.links), len(seg.ja.links)
    if en_links != ja_links:
        yield ctx.finding("markup-mismatch", seg, "ja", 0, len(seg.ja.plain),
                          f"{en_links} link(s) in the English, {ja_links} in the Japanese")
    en_em, ja_em = _emphasis_spans(seg.en), _emphasis_spans(seg.ja)
    ja_quotes = len(_QUOTES.findall(seg.ja.plain))
    en_quotes = len(re.findall(r"[\"“][^\"”]*[\"”]", seg.en.plain))
    if en_em > ja_em + ja_quotes or ja_em > en_em + en_quotes:
        side = seg.en if en_em > ja_em + ja_quotes else seg.ja
        s, e = _first_emphasis(side)
        yield ctx.finding("markup-mismatch", seg, "en" if side is seg.en else "ja", s, e,
                          f"{en_em} emphasised span(s) in the English, {ja_em} in the Japanese "
                          f"(and {ja_quotes} 「」 quotation(s), which may stand for emphasis)")
