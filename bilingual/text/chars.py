"""Characters a reader cannot see: zero-width, bidi controls, other controls, noncharacters.

Used by the ``hidden-character`` check and by ``glossary validate`` (a term that contains one would
match nothing a reader typed).
"""
from __future__ import annotations

import unicodedata

_ALLOWED = {"\t", "\n"}
_EXTRA = {  # invisible, but not in a control category
    "\u115f": "HANGUL CHOSEONG FILLER", "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u3164": "HANGUL FILLER", "\uffa0": "HALFWIDTH HANGUL FILLER", "\u034f": "COMBINING GRAPHEME JOINER",
    "\u2800": "BRAILLE PATTERN BLANK",
}


def is_hidden(ch: str) -> bool:
    """A character a reader cannot see or that reorders what they see (tab and newline excepted)."""
    if ch in _ALLOWED:
        return False
    if ch in _EXTRA:
        return True
    o = ord(ch)
    if 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE:      # noncharacters
        return True
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs")


def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``."""
    o = ord(ch)
    if 0xD800 <= o <= 0xDFFF:
        name = "UNPAIRED SURROGATE"
    else:
        name = _EXTRA.get(ch) or unicodedata.name(ch, "") or ("NONCHARACTER" if is_hidden(ch) else "CONTROL")
    return f"U+{o:04X} {name}"
