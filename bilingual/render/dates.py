"""Document dates: see :mod:`bilingual.text.locale`, the one place for dates and eras."""
from __future__ import annotations

from bilingual.text.locale import BABEL_LOCALES, EraError, era_date, long_date

__all__ = ["BABEL_LOCALES", "EraError", "era_date", "long_date"]
