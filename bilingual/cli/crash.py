"""Unexpected exceptions go to a crash report file, never to the user's terminal."""
from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path


def save_crash_report(exc: BaseException, argv: list[str]) -> Path:
    try:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("bilingual")) / "crash"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir())
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    text = "argv: " + " ".join(argv) + "\n\n" + "".join(traceback.format_exception(exc))
    path.write_text(text, encoding="utf-8")
    return path
