"""Find glossary terms in text.

    index = TermIndex(glossary)
    index.find(text, "en")              # one text: a list of TermHit, in order
    index.find_many(texts, "ja")        # many texts at once: for each text, its list of TermHit

What every hit list holds (``tests/test_matcher.py`` checks it against a brute-force reference):

* **Leftmost-longest.** Of the matches that are accepted, the one that starts first is taken, the longest
  of those that start there; the scan goes on after its end. So a term inside a longer term that is
  found is not reported again: 核融合 inside 核融合科学研究所 is not a hit, nor *fusion* inside
  *National Institute for Fusion Science*.
* **A refused match gives way.** When the longest match at a place is refused (below), the longest
  acceptable term that it starts with is taken, else the scan goes on one unit later.
* **Original characters.** ``start``/``end`` are offsets in the text as given and ``surface`` is the
  text there, whatever the copy matched on (half-width ﾌｭｰｼﾞｮﾝ, フュージョン・エネルギー, a deleted
  zero-width character inside).
* **English** (``_english``): words match by Snowball stem and may differ from the term's word only by an
  inflection (*fusion systems*, *energy's*; not *commercially* for *commercialization*); words are whole
  (not *fusion* in *confusion*). Case: acronyms and one-word terms in capitals match only in their own
  case (*NIFS*, not *nifs*); a proper name written in another case is a variant; other terms match in
  any case. A term's words are not found across a punctuation mark that the term does not have there
  (``english.BREAKS``): *fusion, energy* and *"Broader Approach" agreement* are no *fusion energy* and no
  *Broader Approach Agreement*, while *Ministry of Education, Culture, …* is written with its commas.
* **Japanese** (``_japanese``): matching is on a normalised copy (width, ・, long vowel ー at a katakana
  word's end, ヴ, ヶ, spaces between Japanese characters): a hit whose characters are not the term's own
  is a variant. A match may not cut a katakana or Latin word (ユーザ is not in ユーザビリティ), nor lie
  inside one of its term's listed exceptions.

Two engines give these hits: ``_plain`` (one text, plain Python, so a small file's check needs no numpy)
and ``_batch`` (many texts in one pass with numpy columns). They share the keys (``_patterns``) and
each language's accept/refuse rule; ``tests/test_matcher_engines.py`` proves they agree.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Glossary
from ._english import English
from ._hits import Found, TermHit
from ._japanese import Japanese

__all__ = ["Found", "TermHit", "TermIndex"]

BATCH = 50      # from this many texts on, find_many runs the batch engine
CHUNK = 1 << 18  # characters the batch engine takes at a time: its arrays stay small and their memory is reused


def chunks(texts: list[str], size: int) -> list[tuple[int, int]]:
    """``[a, b)`` runs of ``texts`` of about ``size`` characters each (at least one text a run): a run
    ends with the text that brings it to ``size``."""
    out, a, n = [], 0, 0
    for i, length in enumerate(map(len, texts)):
        n += length + 1
        if n >= size:
            out.append((a, i + 1))
            a, n = i + 1, 0
    if a < len(texts) or not out:
        out.append((a, len(texts)))
    return out


class TermIndex:
    """The terms of one glossary, ready to be found: built once (the automata on first use) and used
    for every text of a run, in both languages."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._lang: dict[str, English | Japanese] = {"en": English(glossary), "ja": Japanese(glossary)}

    def build(self, lang: str) -> None:
        """Build ``lang``'s patterns, automaton and batch tables now (else each is built on first use)."""
        self._lang[lang].build()

    def find(self, text: str, lang: str) -> list[TermHit]:
        """Every term in ``text`` (``lang`` "en" or "ja"), in order."""
        return self._lang[lang].find(text)

    def inside(self, hit: TermHit, lang: str) -> list[TermHit]:
        """The terms named inside a term found whole, which the matcher (leftmost-longest) does not report
        again: the hits in its surface less its first or last unit (an English word, a Japanese character),
        other concepts only. 'Broader Approach' inside 'the Broader Approach Agreement'."""
        surface = hit.surface
        if lang == "en":
            words = surface.split()
            parts = [" ".join(words[1:]), " ".join(words[:-1])] if len(words) > 2 else []
        else:
            parts = [surface[1:], surface[:-1]] if len(surface) > 3 else []
        out: list[TermHit] = []
        for part in parts:
            out.extend(inner for inner in self.find(part, lang) if inner.term.concept != hit.term.concept)
        return out

    def find_many(self, texts: Sequence[str], lang: str) -> Sequence[list[TermHit]]:
        """``find`` for each of ``texts``: from ``BATCH`` texts on, in one pass over all of them (a
        ``Found``, whose lists are made as they are asked for)."""
        texts = list(texts)
        if len(texts) < BATCH:
            return [self.find(t, lang) for t in texts]
        return self.find_all(texts, lang)

    def find_all(self, texts: Sequence[str], lang: str, chunk: int = CHUNK) -> Found:
        """The batch engine for any number of texts (``find_many`` uses it from ``BATCH`` texts on), a
        run of texts of about ``chunk`` characters at a time.

        In runs, the engine's temporary arrays (a dozen per character or word) are a few MB that the
        next run reuses; over a whole 5 MB file at once they were hundreds of MB of new memory, and
        the first touch of each page cost more system time than the matching itself (bench
        ``check_matcher.py --floor``)."""
        texts = list(texts)
        engine = self._lang[lang]
        parts = [(a, engine.find_all(texts[a:b])) for a, b in chunks(texts, chunk)]
        return parts[0][1] if len(parts) == 1 else Found.joined(texts, parts)
