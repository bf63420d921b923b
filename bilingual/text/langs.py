"""Languages: the one place that maps a language code to our two sides and guesses a text's language."""
from __future__ import annotations

SIDES = ("en", "ja")


def primary(code: str | None) -> str | None:
    """The primary subtag of a language code, lower-cased (``EN-us`` -> ``en``, ``ja_JP`` -> ``ja``)."""
    if not code:
        return None
    return code.replace("_", "-").split("-")[0].lower() or None


def side(code: str | None) -> str | None:
    """``en`` or ``ja`` for a language code in any case (``EN-us``, ``ja_JP``), else None (``eng`` too)."""
    base = primary(code)
    return base if base in SIDES else None


def guess_lang(text: str) -> str:
    """``ja`` when more than a fifth of the letters (in the first 200,000 characters) are Japanese, else ``en``."""
    from .normalize import is_cjk

    letters = [c for c in text[:200000] if c.isalpha()]
    ja = sum(1 for c in letters if is_cjk(c))
    return "ja" if letters and ja / len(letters) > 0.2 else "en"
