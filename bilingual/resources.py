"""Where the embedded data (glossary, TM, templates) lives, installed or in a checkout; where caches go."""
from __future__ import annotations

import os
import sys
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


def cache_dir() -> Path:
    """The user's cache folder for bilingual (not created): ``platformdirs.user_cache_dir("bilingual")``.

    On Linux that is ``$XDG_CACHE_HOME/bilingual`` when the variable holds an absolute path, else
    ``~/.cache/bilingual``; it is worked out here without importing platformdirs (whose import costs
    `bilingual check` a few milliseconds at every start). Elsewhere, or with a relative ``HOME``,
    platformdirs decides.
    """
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if xdg.startswith("/"):
            return Path(xdg) / "bilingual"
        home = os.environ.get("HOME")
        if home is None or home.startswith("/"):
            return Path(os.path.expanduser("~/.cache")) / "bilingual"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("bilingual"))
