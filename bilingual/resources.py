"""Where the embedded data (glossary, TM, templates) lives, installed or in a checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The embedded ``glossary``, ``tm`` or ``templates`` folder.

    A wheel carries them under ``bilingual/_data``; a source checkout (or an
    editable install) has them at the repository root.
    """
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
