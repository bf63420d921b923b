"""Read the glossary's source of truth: ``glossary/*.yaml`` (see docs/formats.md)."""
from __future__ import annotations

import pickle
import zlib
from pathlib import Path
from typing import Callable

from ..io.yamlpos import Source
from .model import (
    CONCEPT_ID, PARTS_OF_SPEECH, STATUSES, TERM_TYPES, TRANSACTION_TYPES, Concept, Glossary, Term, Transaction, iso_date,
)
from .model import Source as _Source

_CONCEPT_KEYS = {"id", "subject", "definition", "source", "note", "formal", "transactions", "en", "ja"}
_FORMAT = 7  # bump when the model's shape changes, to drop old caches
_TERM_KEYS = {"term", "status", "type", "pos", "source", "note", "verified", "exceptions", "case_sensitive",
              "transactions"}
_TRANSACTION_KEYS = {"type", "date", "by"}
_SOURCE_FIELDS = ("url", "title", "publisher", "checked", "note")


def default_glossary_dir() -> Path:
    from ..resources import data_dir

    return data_dir("glossary")


def load_glossary(paths: list[Path] | None = None,
                  read_other: Callable[[Path], Glossary | None] | None = None) -> Glossary:
    """Load YAML glossaries (files or folders of ``*.yaml``); the embedded one by default.

    ``read_other`` reads a file that is not YAML in an exchange format (TBX, CSV), or returns None for a
    file it does not know; the application gives it (``app.glossary.read_exchange``), so that this
    module needs no format.

    A parsed copy is kept in the user's cache directory, keyed by the files'
    paths, sizes and modification times, so that `bilingual check` starts fast.
    """
    files: list[Path] = []
    for p in paths or [default_glossary_dir()]:
        p = Path(p)
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    cache, stamp = _cache_path(files)
    if cache is not None:
        try:
            with open(cache, "rb") as fh:
                kept, glossary = pickle.load(fh)
            if kept == stamp:
                return glossary
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
    glossary = _load_files(files, read_other)
    if cache is not None:
        try:
            from ..io.fsutil import write_atomic

            cache.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache, pickle.dumps((stamp, glossary), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
    return glossary


def _cache_path(files: list[Path]) -> tuple[Path | None, str]:
    """Where the parsed glossary is cached (None when it cannot be), and the stamp kept in it:
    the files' paths, sizes and times (checked on reading, so the short file name may collide)."""
    try:
        stamp = [(str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
        from platformdirs import user_cache_dir
    except (OSError, ImportError):
        return None, ""
    from .. import __version__

    text = repr((__version__, _FORMAT, stamp))
    key = f"{zlib.crc32(text.encode()):08x}{len(text):x}"
    return Path(user_cache_dir("bilingual")) / "glossary" / f"{key}.pickle", text


def _load_files(files: list[Path], read_other: Callable[[Path], Glossary | None] | None = None) -> Glossary:
    glossary = Glossary()
    for f in files:
        other = read_other(f) if read_other is not None and f.suffix.lower() not in (".yaml", ".yml") else None
        if other is not None:
            glossary = glossary.merge(other)
            continue
        _load_file(f, glossary)
    return glossary


def read_glossary_yaml(path: str | Path) -> Glossary:
    """One glossary YAML file."""
    glossary = Glossary()
    _load_file(Path(path), glossary)
    return glossary


def _load_file(path: Path, glossary: Glossary) -> None:
    from ..io.fsutil import read_input

    from ..io.limits import MAX_GLOSSARY_BYTES

    data = read_input(path, MAX_GLOSSARY_BYTES)
    src = Source(str(path), data)
    root = src.root
    if root is None or root.tag != "tag:yaml.org,2002:map":
        raise src.error(root, "a glossary file is a mapping with the key 'concepts' (or 'sources')")
    top = src.mapping(root, {"concepts", "sources"}, what="a glossary file")
    if "sources" in top:
        _sources(src, top["sources"], glossary)
        if "concepts" not in top:
            return
    concepts = top.get("concepts")
    if concepts is None or concepts[1].tag != "tag:yaml.org,2002:seq":
        raise src.error(root, "'concepts' must be a list of concepts")
    for node in concepts[1].value:
        concept = _concept(src, node)
        if concept.id in glossary.concepts:
            first = glossary.concepts[concept.id].origin
            raise src.error(node, f"concept id {concept.id!r} is defined twice (first at {first[0]}:{first[1]})")
        glossary.concepts[concept.id] = concept


def _sources(src: Source, entry, glossary: Glossary) -> None:
    """``sources: {KEY: {url: …, title: …, publisher: …, checked: 2026-12-04, note: …}, …}``."""
    node = entry[1]
    if node.tag != "tag:yaml.org,2002:map":
        raise src.error(node, "'sources' must be a mapping of source keys to {url, title, publisher, checked}")
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in glossary.sources:
            first = glossary.sources[key].origin
            raise src.error(key_node, f"source key {key!r} is defined twice (first at {first[0]}:{first[1]})")
        m = src.mapping(value, set(_SOURCE_FIELDS), what="a source")
        fields = {name: src.string(m.get(name)) for name in _SOURCE_FIELDS}
        if fields["checked"] is not None:
            normal = iso_date(fields["checked"])
            if normal is None:
                raise src.error(m["checked"][1], f"date {fields['checked']!r} is not an ISO 8601 date (2026-12-04)")
            fields["checked"] = normal
        glossary.sources[key] = _Source(key=key, origin=(src.path, *src.where(key_node)), **fields)


def _concept(src: Source, node) -> Concept:
    m = src.mapping(node, _CONCEPT_KEYS, what="a concept")
    cid = src.string(m.get("id"))
    if not cid or not CONCEPT_ID.match(cid):
        raise src.error(m["id"][1] if "id" in m else node, "concept 'id' is required: lower-case letters, digits and '-'")
    formal: dict[str, str] = {}
    if "formal" in m:
        fm = src.mapping(m["formal"][1], {"en", "ja"})
        formal = {lang: src.string(e) or "" for lang, e in fm.items()}
    line, col = src.where(node)
    concept = Concept(id=cid, subject=src.string(m.get("subject")), definition=src.string(m.get("definition")),
                      source=src.string(m.get("source")), note=src.string(m.get("note")), formal=formal,
                      transactions=_transactions(src, m.get("transactions")), origin=(src.path, line, col))
    for lang in ("en", "ja"):
        if lang in m:
            concept.terms.extend(_term(src, t, lang, cid) for t in src.sequence(m[lang], "terms"))
    return concept


def _term(src: Source, node, lang: str, concept: str) -> Term:
    origin = (src.path, *src.where(node))
    if node.tag == "tag:yaml.org,2002:str":
        return Term(text=node.value, lang=lang, concept=concept, origin=origin)
    m = src.mapping(node, _TERM_KEYS, what="a term")
    text = src.string(m.get("term"))
    if not text or not text.strip():
        raise src.error(node, "a term needs 'term': the term's text")
    status = _choice(src, m.get("status"), STATUSES, "admitted")
    ttype = _choice(src, m.get("type"), TERM_TYPES, "fullForm")
    pos = _choice(src, m.get("pos"), PARTS_OF_SPEECH, "noun")
    exceptions: tuple[str, ...] = ()
    if "exceptions" in m:
        exceptions = tuple(str(x.value) for x in src.sequence(m["exceptions"], "strings"))
    return Term(text=text, lang=lang, concept=concept, status=status, type=ttype, pos=pos,
                note=src.string(m.get("note")), source=src.string(m.get("source")),
                verified=_bool(src, m.get("verified"), True), exceptions=exceptions,
                case_sensitive=_bool(src, m.get("case_sensitive"), None),
                transactions=_transactions(src, m.get("transactions")), origin=origin)


def _transactions(src: Source, entry) -> tuple[Transaction, ...]:
    """``transactions: [{type: origination, date: 2024-04-10, by: …}, …]``."""
    if entry is None:
        return ()
    out = []
    for node in src.sequence(entry, "transactions"):
        m = src.mapping(node, _TRANSACTION_KEYS, what="a transaction")
        if "type" not in m:
            raise src.error(node, f"a transaction needs 'type': {' or '.join(TRANSACTION_TYPES)}")
        date = src.string(m.get("date"))
        if date is not None:
            normal = iso_date(date)
            if normal is None:
                raise src.error(m["date"][1], f"date {date!r} is not an ISO 8601 date (2024-04-10) or date-time")
            date = normal
        out.append(Transaction(type=_choice(src, m.get("type"), TRANSACTION_TYPES, "origination"), date=date,
                               by=src.string(m.get("by"))))
    return tuple(out)


def _choice(src: Source, entry, allowed: tuple[str, ...], default: str) -> str:
    value = src.string(entry)
    if value is None:
        return default
    if value not in allowed:
        raise src.error(entry[1], f"unknown {entry[0].value} {value!r}; expected one of: {', '.join(allowed)}")
    return value


def _bool(src: Source, entry, default):
    if entry is None:
        return default
    v = entry[1].value
    if entry[1].tag == "tag:yaml.org,2002:bool" or v in ("true", "false"):
        return str(v).lower() in ("true", "yes", "on")          # YAML 1.1: TRUE, On, YES… are true too
    raise src.error(entry[1], f"'{entry[0].value}' must be true or false")
