"""The TM verbs as use cases: import, export, look up, concordance, analyse, harvest, stats.

A verb that reads a TM uses ``--tm``, else the configuration's ``tm``, else the embedded starter TM
(``Options.tm``, merged once by :func:`bilingual.app.config.settings`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config import Options


def open_source(options: Options):
    """The TM to read."""
    from ..tm.default import open_store

    return open_store(options.tm)


def import_files(files: Iterable[Path], target: Path,
                 progress: Callable[[Path], Callable[[int], None] | None] = lambda f: None) -> Iterator[tuple]:
    """Import TMX files into the store at ``target`` (created when missing), one transaction per file.

    Yields (file, AddResult); ``progress(file)`` may return a callback given the bytes read so far.
    """
    from ..tm.default import open_store

    store = open_store(target, create=True)
    try:
        for f in files:
            yield f, store.import_tmx(f, progress(f))
    finally:
        store.close()


def export(out: Path, options: Options, srclang: str = "en-US") -> int:
    """Write the TM as TMX 1.4b; the number of TUs written."""
    from ..formats.registry import FORMATS

    return FORMATS["tmx"].write()(out, open_source(options).units_xml(), srclang)


def lookup(text: str, options: Options, lang: str | None = None, limit: int = 5, min_score: float = 75.0):
    """(language of the text, best matches)."""
    from ..text.langs import guess_lang

    lang = lang or guess_lang(text)
    return lang, open_source(options).lookup(text, lang, limit=limit, min_score=min_score)


def concordance(phrase: str, options: Options, lang: str | None = None, limit: int = 20):
    """(language of the phrase, TUs containing it)."""
    from ..text.langs import guess_lang

    lang = lang or guess_lang(phrase)
    return lang, open_source(options).concordance(phrase, lang, limit)


def analyze(paths: Iterable[Path], options: Options) -> list[dict]:
    """Leverage rows: segments, EN words and JA characters per match band."""
    from ..tm.analyze import analyze as run
    from .session import Session

    session = Session(options)
    return run([session.load(p) for p in paths], session.tm).as_rows()


def harvest(paths: Iterable[Path], target: Path, options: Options) -> Iterator[tuple]:
    """Add each document's approved pairs to the store at ``target``; yields (path, AddResult)."""
    from ..tm.content import harvest_units
    from ..tm.default import open_store
    from .session import Session

    session = Session(options)
    store = open_store(target, create=True)
    try:
        for p in paths:
            yield p, store.add(harvest_units(session.load(p)))
    finally:
        store.close()


def stats(options: Options) -> dict:
    return open_source(options).stats()
