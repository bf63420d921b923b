"""The TM verbs as use cases: import, export, look up, concordance, analyse, harvest, stats.

A verb that reads a TM uses ``--tm``, else the configuration's ``tm``, else the embedded starter TM
(``Options.tm``, merged once by :func:`bilingual.app.config.settings`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Options

if TYPE_CHECKING:
    from datetime import datetime

    from ..content.model import Document, Segment
    from ..tm.model import TU, Match, Unit
    from ..tm.provenance import Provenance
    from ..tm.store import AddResult, Store


def open_source(options: Options) -> Store:
    """The TM to read."""
    from ..tm.default import open_store

    return open_store(options.tm)


def import_files(files: Iterable[Path], target: Path | str,
                 progress: Callable[[Path], Callable[[int], None] | None] = lambda f: None,
                 min_confidence: float | None = None) -> Iterator[tuple[Path, AddResult, int | None]]:
    """Import TMX files, or alignments written by `bilingual align` (YAML/TSV), into the store at
    ``target`` (created when missing), one transaction per file.

    Yields (file, AddResult, units skipped or None); ``progress(file)`` may return a callback given
    the bytes read so far. ``min_confidence`` keeps only aligned units at least that sure.
    """
    from ..tm.default import open_store

    store = open_store(target, create=True)
    try:
        for f in files:
            if min_confidence is not None or f.suffix.lower() in (".yaml", ".yml", ".tsv"):
                from ..align.output import import_alignment

                result, skipped = import_alignment(store, f, min_confidence or 0.0)
                yield f, result, skipped
            else:
                from ..tm.bulk import import_tmx

                yield f, import_tmx(store, f, progress(f)), None
    finally:
        store.close()


def export(out: Path, options: Options, srclang: str = "en-US") -> int:
    """Write the TM as TMX 1.4b; the number of TUs written."""
    from ..formats.registry import FORMATS
    from ..formats.tmx import checked_units

    units = checked_units(open_source(options).iter_units(), str(options.tm or "the starter TM"))
    written: int = FORMATS["tmx"].write()(out, units, srclang)
    return written


def lookup(text: str, options: Options, lang: str | None = None, limit: int = 5,
           min_score: float = 75.0) -> tuple[str, list[Match]]:
    """(language of the text, best matches)."""
    from ..text.langs import guess_lang

    lang = lang or guess_lang(text)
    return lang, open_source(options).lookup(text, lang, limit=limit, min_score=min_score)


def concordance(phrase: str, options: Options, lang: str | None = None,
                limit: int = 20) -> tuple[str, list[TU]]:
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


def harvest(paths: Iterable[Path], target: Path | str, options: Options) -> Iterator[tuple[Path, AddResult]]:
    """Add each document's approved pairs to the store at ``target``; yields (path, AddResult)."""
    from ..tm.default import open_store
    from ..tm.provenance import Origin
    from .session import Session

    session = Session(options)
    store = open_store(target, create=True)
    try:
        for p in paths:
            yield p, store.add(harvest_units(session.load(p)), origin=Origin.now("harvest", str(Path(p).resolve())))
    finally:
        store.close()


def stats(options: Options) -> dict:
    return open_source(options).stats()


def _harvest_time() -> datetime:
    """When pairs are harvested: ``SOURCE_DATE_EPOCH`` when set (reproducible, as builds are), else now."""
    from ..tm.provenance import now

    return now()


def harvest_units(doc: Document, date: datetime | None = None) -> list[Unit]:
    """The document's approved pairs (segments with EN and JA from the content) as TUs with context."""
    from ..formats.tmx import unit_xml
    from ..tm.content import neighbours, pieces, tags
    from ..tm.model import PROP_DOCUMENT, PROP_NEXT, PROP_PREV, PROP_SEGMENT, Unit

    stamp = (date or _harvest_time()).strftime("%Y%m%dT%H%M%SZ")
    segments = list(doc.segments())
    out: list[Unit] = []
    for i, seg in enumerate(segments):
        if seg.en is None or seg.ja is None or seg.origin != "content" or not seg.en.plain.strip():
            continue
        _refuse_non_xml(doc, seg)
        prev, nxt = neighbours(segments, i)
        props = {PROP_DOCUMENT: doc.id, PROP_SEGMENT: seg.id}
        if prev is not None:
            props[PROP_PREV] = prev
        if nxt is not None:
            props[PROP_NEXT] = nxt
        xml = unit_xml(pieces(seg.en), pieces(seg.ja), props, stamp, tuid=f"{doc.id}/{seg.id}")
        out.append(Unit(xml, seg.en.plain, seg.ja.plain,
                        seg.en.raw if seg.en.raw != seg.en.plain else None,
                        seg.ja.raw if seg.ja.raw != seg.ja.plain else None,
                        doc.id, seg.id, prev, nxt, stamp, True, tags(seg.en), tags(seg.ja)))
    return out


def _refuse_non_xml(doc: Document, seg: Segment) -> None:
    """A pair with a character XML cannot hold (a control character, U+FFFE…) is refused where it stands:
    stored, it would be exported as a TMX that no reader, ours included, accepts."""
    from ..io.errors import InputError
    from ..io.xmlsafe import NOT_XML

    for text in (seg.en, seg.ja):
        if text is None:
            continue
        m = NOT_XML.search(text.plain)
        if m:
            where = text.locate(m.start(), m.end())
            line, col = (where[0], where[1]) if where else (seg.line or 1, 1)
            raise InputError(str(doc.path), line, col, f"U+{ord(m.group(0)):04X} cannot be stored in a TMX: "
                                                      "delete it (hidden-character), then harvest")


def approve(target: Path | str, ids: Iterable[int] = (), query: str | None = None, lang: str | None = None,
            approved: bool = True) -> list[int]:
    """Approve (or, ``approved=False``, withdraw the approval of) TUs of the store at ``target``: the given
    ids, and those whose ``lang`` text contains ``query`` (as concordance finds them). One transaction,
    recorded with who and when (:mod:`bilingual.tm.provenance`). Returns the ids changed; an id not in
    the store is an error and nothing is written."""
    from ..io.errors import InputError
    from ..text.langs import guess_lang
    from ..tm.default import open_store
    from ..tm.postgres import redacted

    store = open_store(target, create=True)
    try:
        chosen = list(dict.fromkeys(ids))
        if query is not None:
            lang = lang or guess_lang(query)
            chosen += [t.id for t in store.concordance(query, lang, limit=1 << 62) if t.id not in chosen]
        if not chosen:
            return []
        missing = store.approve(chosen, approved)
        if missing:
            raise InputError(redacted(str(target)), 1, 1, f"no translation unit {missing[0]} in this store; "
                                                        "nothing approved (`bilingual tm show ID` shows one)")
        return chosen
    finally:
        store.close()


def show(id_: int, options: Options) -> tuple[TU, Provenance | None]:
    """(the TU, its provenance) of a store, or an InputError naming the store."""
    from ..io.errors import InputError
    from ..tm.postgres import redacted

    store = open_source(options)
    try:
        tus = store.get([id_])
        if not tus:
            raise InputError(redacted(str(options.tm or "the starter TM")), 1, 1,
                             f"no translation unit {id_} in this store")
        return tus[0], store.provenance(id_)
    finally:
        store.close()
