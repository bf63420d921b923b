"""Exchange formats, one module per format; readers raise InputError for bad input."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..glossary.model import Glossary


def read_glossary_file(path: str | Path, encoding: str | None = None) -> "Glossary":
    """Read a glossary interchange file: TBX 2019, TBX 2008 (``martif``) or CSV (by extension / root element)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        from .csv_glossary import read_csv

        return read_csv(path, encoding=encoding)
    if path.suffix.lower() in (".yaml", ".yml"):
        from ..glossary.load import _load_file
        from ..glossary.model import Glossary

        glossary = Glossary()
        _load_file(path, glossary)
        return glossary
    from .tbx2019 import read_tbx

    return read_tbx(path)
