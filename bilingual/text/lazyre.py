"""Regular expressions compiled on first use (the one implementation is ``io/lazyre.py``)."""
from __future__ import annotations

from ..io.lazyre import LazyPattern, lazy

__all__ = ["LazyPattern", "lazy"]
