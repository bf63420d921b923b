"""Regular expressions compiled on first use: a module's patterns cost nothing at start-up until a
text needs them (`bilingual check` must start fast). ``text.lazyre`` gives the same names to the
check families; ``io.yamlpos.yaml_module`` uses it for PyYAML's own patterns."""
from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A ``re.Pattern`` stand-in that compiles on the first attribute asked for (``match``, ``sub``…)."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._pattern: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = re.compile(*self._args)
        return getattr(pattern, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
