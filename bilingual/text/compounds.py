"""Japanese compounds: is a term written as part of a longer kanji/katakana word?"""
from __future__ import annotations


def _word_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\u30a1" <= ch <= "\u30fa" or ch in "ー々"


_JOINERS = set("及並又或等")   # 及び, 並びに, 又は, 或いは, 等: kanji that join words, not compounds


def in_compound(text: str, start: int, end: int) -> bool:
    """A term written as part of a longer kanji/katakana compound (核融合研究開発, フュージョン分野):
    compounds follow their own usage (glossary note N1), so they are not counted as renderings.
    核融合及び原子力 is two words."""
    return (start > 0 and _word_char(text[start - 1]) and text[start - 1] not in _JOINERS) or (
        end < len(text) and _word_char(text[end]) and text[end] not in _JOINERS)
