"""Regular expressions compiled on first use: a check module's patterns cost nothing at start-up
until a text needs them (`bilingual check` must start fast)."""
from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    __slots__ = ("_args", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = re.compile(*self._args)
        return getattr(pattern, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
