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


# the characters ``str.isprintable`` refuses that are not hidden: tab, newline and Unicode's spaces and line
# and paragraph separators (categories Zs, Zl, Zp; U+0020 it accepts)
_SHOWN_UNPRINTABLE = str.maketrans("", "", "\t\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                                   "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u2028\u2029")


def has_hidden(text: str) -> bool:
    """Whether ``text`` holds a character ``is_hidden`` finds: in C for the usual text (every hidden
    character but ``_EXTRA``'s is one ``str.isprintable`` refuses), character by character otherwise."""
    if text.translate(_SHOWN_UNPRINTABLE).isprintable():
        return any(c in text for c in _EXTRA)
    return any(map(is_hidden, text))


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
