"""URLs and e-mail addresses written out in text."""
from __future__ import annotations

import re

# an address starts only where a run of address characters starts (the look-behind): without it, a long
# run with no "@" is rescanned from every position, quadratic time on hostile text
URL = re.compile(r"(?:https?://|mailto:)[^\s<>()（）「」『』、。，\[\]]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                 re.IGNORECASE)


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of each URL or address, trailing punctuation trimmed."""
    out = []
    for m in URL.finditer(text):
        value = m.group().rstrip(".,;:!?")
        out.append((m.start(), m.start() + len(value), value))
    return out
