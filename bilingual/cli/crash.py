"""Unexpected exceptions go to a crash report file, never to the user's terminal."""
from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path


def _folders() -> list[Path]:
    """Where a report may go: the user's cache directory, else the temporary directory."""
    out = []
    try:
        from ..resources import cache_dir

        out.append(cache_dir() / "crash")
    except Exception:  # a broken environment must not hide the report
        pass
    out.append(Path(tempfile.gettempdir()))
    return out


def save_crash_report(exc: BaseException, argv: list[str]) -> Path | None:
    """Write the traceback and arguments to a file; its path, or None if no folder would take it."""
    text = "argv: " + " ".join(argv) + "\n\n" + "".join(traceback.format_exception(exc))
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    for folder in _folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
            return path
        except OSError:
            continue
    return None
