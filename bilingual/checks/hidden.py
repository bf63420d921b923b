"""hidden-character: invisible and direction-changing characters in the text.

A zero-width space inside 文部科学省 is invisible in every editor and in
Word, yet it breaks search, CAT-tool matching and the TM; a right-to-left
override (U+202E) makes text display in another order than it is stored.
The term matcher deletes zero-width characters from its normalised copy, so
such a term would be silently matched, and it does not delete bidi controls,
so such a term would be silently missed: this check reports both, naming the
term the character sits in.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..content.model import Segment
from ..text.chars import describe, has_hidden, is_hidden
from .model import Context, Finding
from .registry import rule


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each run of hidden characters."""
    i, n = 0, len(text)
    while i < n:
        if is_hidden(text[i]):
            j = i + 1
            while j < n and is_hidden(text[j]):
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _terms_around(ctx: Context, plain: str, lang: str, runs: list[tuple[int, int]]) -> dict[int, str]:
    """For each run (by start), the glossary term it sits inside once hidden characters are removed."""
    kept = [k for k, c in enumerate(plain) if not is_hidden(c)]
    clean = "".join(plain[k] for k in kept)
    out: dict[int, str] = {}
    if not clean:
        return out
    try:
        hits = ctx.index.find(clean, lang)
    except Exception:   # the matcher is not this check's concern; the character is still reported
        return out
    for hit in hits:
        if hit.end - hit.start < 2:
            continue
        a, b = kept[hit.start], kept[hit.end - 1]
        for s, _ in runs:
            if a < s < b:
                out.setdefault(s, clean[hit.start:hit.end])
    return out


@rule("hidden-character", "error",
      "a zero-width, bidi-override, control or unpaired surrogate character", monolingual=True)
def hidden_characters(ctx: Context, seg: Segment) -> Iterator[Finding]:
    for lang in ("en", "ja"):
        text = seg.text(lang)
        if text is None or not text.plain:
            continue
        plain = text.plain
        if not has_hidden(plain):
            continue
        runs = list(_runs(plain))
        if not runs:
            continue
        inside = _terms_around(ctx, plain, lang, runs)
        for s, e in runs:
            chars = ", ".join(dict.fromkeys(describe(c) for c in plain[s:e]))
            where = f" inside the term '{inside[s]}'" if s in inside else ""
            yield ctx.finding("hidden-character", seg, lang, s, e,
                              f"hidden character {chars}{where}: invisible to readers, it breaks search, "
                              "matching and the TM; delete it")
