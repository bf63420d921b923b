"""The fixed words of a layout: see :mod:`bilingual.text.labels` (kept here for the layouts' imports)."""
from __future__ import annotations

from bilingual.text.labels import DOMAIN, catalog, label, locale_dir

__all__ = ["DOMAIN", "catalog", "label", "locale_dir"]
