"""'Did you mean …?' for a mistyped id: the closest known ids, by difflib's ratio."""
from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str], n: int = 3) -> str:
    """``"; did you mean 'mext'?"`` (or two or three choices), or ``""`` when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, list(known), n=n, cutoff=0.6)
    if not close and word.lower() != word:
        close = difflib.get_close_matches(word.lower(), list(known), n=n, cutoff=0.6)
    if not close:
        return ""
    quoted = [f"'{c}'" for c in close]
    return f"; did you mean {quoted[0] if len(quoted) == 1 else ', '.join(quoted[:-1]) + ' or ' + quoted[-1]}?"
