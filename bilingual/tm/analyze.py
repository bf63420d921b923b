"""Leverage analysis: how much of a document the TM already covers, by match band."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.model import Document
from .tokens import en_tokens

if TYPE_CHECKING:
    from .store import Store

BANDS = ("context", "100", "95-99", "85-94", "75-84", "50-74", "no match", "repetitions")


@dataclass
class Counts:
    segments: int = 0
    en_words: int = 0
    ja_chars: int = 0


@dataclass
class Analysis:
    bands: dict[str, Counts] = field(default_factory=lambda: {b: Counts() for b in BANDS})

    @property
    def total(self) -> Counts:
        t = Counts()
        for c in self.bands.values():
            t.segments += c.segments
            t.en_words += c.en_words
            t.ja_chars += c.ja_chars
        return t

    def as_rows(self) -> list[dict]:
        rows = [{"band": b, "segments": c.segments, "en_words": c.en_words, "ja_chars": c.ja_chars}
                for b, c in self.bands.items()]
        t = self.total
        rows.append({"band": "total", "segments": t.segments, "en_words": t.en_words, "ja_chars": t.ja_chars})
        return rows


def band(score: float | None) -> str:
    if score is None or score < 50:
        return "no match"
    if score > 100:
        return "context"
    if score == 100:
        return "100"
    for lo, name in ((95, "95-99"), (85, "85-94"), (75, "75-84")):
        if score >= lo:
            return name
    return "50-74"


#: post-edit bands, as CAT vendors price them: how much of a suggestion a translator kept
EDIT_BANDS = ("100", "95-99", "85-94", "75-84", "50-74", "new")


def edit_band(similarity: float | None) -> str:
    """The band of a suggestion kept ``similarity`` % (or a match scored so): "new" below 50 % or with none."""
    name = band(None if similarity is None else min(similarity, 100.0))
    return "new" if name == "no match" else name


def similarity(a: str, b: str) -> tuple[int, float]:
    """(character edit distance, similarity in %) of two texts: 100 × (1 − distance / the longer length)."""
    from rapidfuzz.distance import Levenshtein

    d = Levenshtein.distance(a, b)
    longer = max(len(a), len(b))
    return d, (100.0 if longer == 0 else round(100.0 * (1 - d / longer), 2))


def analyze(documents: list[Document], store: Store) -> Analysis:
    """Bands for every segment with English, in reading order across the documents.

    Context and 100 % matches count as such; otherwise a segment whose English
    was already seen in this analysis is a repetition; otherwise its best fuzzy
    score gives its band. EN words count the English; JA characters the
    Japanese the content has, or the best match's Japanese.
    """
    from .content import lookup_segment

    result = Analysis()
    seen: set[str] = set()
    for doc in documents:
        segments = list(doc.segments())
        for i, seg in enumerate(segments):
            if seg.en is None or not seg.en.plain.strip():
                continue
            matches = lookup_segment(store, doc, segments, i, limit=1, min_score=50.0)
            best = matches[0] if matches else None
            key = " ".join(seg.en.plain.split())
            name = band(best.score if best else None)
            if name not in ("context", "100") and key in seen:
                name = "repetitions"
            seen.add(key)
            c = result.bands[name]
            c.segments += 1
            c.en_words += len(en_tokens(seg.en.plain))
            ja = seg.ja.plain if seg.ja is not None else (best.target if best else "")
            c.ja_chars += len("".join((ja or "").split()))
    return result
