"""What every atheris harness shares: bad input must be an InputError, anything else is a bug.

Each ``fuzz_*.py`` defines ``one(data: bytes)``, imported with coverage
instrumentation, and calls ``run(one)``. ``scripts/fuzz`` runs them for a
bounded time; a crash leaves its input in ``fuzz/crashes/<harness>/``.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "fuzz" / "seeds"


def expected(exc: BaseException) -> bool:
    """An InputError is the correct answer to bad input."""
    from bilingual.io.errors import InputError

    return isinstance(exc, InputError)


def check_error(exc) -> None:
    """An InputError must be one located line."""
    text = str(exc)
    assert "\n" not in text and "\r" not in text, f"multi-line error: {text!r}"
    assert exc.line >= 1 and exc.column >= 1, f"unlocated error: {text!r}"


def guarded(fn, *args):
    """Call ``fn``; an InputError is the correct answer to bad input (checked, then swallowed)."""
    from bilingual.io.errors import InputError

    try:
        return fn(*args)
    except InputError as exc:
        check_error(exc)
        return None


_TMP = Path(tempfile.mkdtemp(prefix="bilingual-fuzz-"))


def as_file(data: bytes, suffix: str) -> Path:
    """The input written to a file (readers that stream from a path)."""
    path = _TMP / f"input{suffix}"
    path.write_bytes(data)
    return path


def run(one) -> None:
    import atheris

    os.environ.setdefault("XDG_CACHE_HOME", str(_TMP / "cache"))
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
