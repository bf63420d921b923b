"""Read the glossary's source of truth: ``glossary/*.yaml`` (see docs/formats.md)."""
from __future__ import annotations

import pickle
import re
import zlib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..io.yamlpos import Entry, Source
from .model import (
    CONCEPT_ID,
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    TRANSACTION_TYPES,
    Concept,
    ContextRule,
    Contexts,
    Glossary,
    RegisterStatus,
    Term,
    Transaction,
    iso_date,
)
from .model import Source as _Source

if TYPE_CHECKING:
    from yaml import Node

_T = TypeVar("_T")

_CONCEPT_KEYS = {"id", "subject", "definition", "source", "note", "formal", "transactions", "en", "ja"}
_FORMAT = 15  # bump when the model's shape changes, to drop old caches
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
    paths, sizes and modification times, so that `bilingual check` starts fast; the
    ``KEEP`` most recent copies are kept.
    """
    files: list[Path] = []
    for p in paths or [default_glossary_dir()]:
        p = Path(p)
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    cache, stamp = _cache_path(files)
    if cache is not None:
        try:
            with open(cache, "rb") as fh:
                loaded: tuple[object, Glossary] = pickle.load(fh)
            kept, glossary = loaded
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
            _prune(cache.parent, KEEP)
        except OSError:
            pass
    return glossary


KEEP = 16   # parsed glossaries kept in the cache: every edit of a glossary file writes a new one


def _prune(folder: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently written copies in ``folder`` (run only after a copy is
    written, so a start that finds its copy lists nothing)."""
    def written(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(folder.glob("*.pickle"), key=written, reverse=True)[keep:]:
        with suppress(OSError):         # another process removed it first
            old.unlink()


def _cache_path(files: list[Path]) -> tuple[Path | None, str]:
    """Where the parsed glossary is cached (None when it cannot be), and the stamp kept in it:
    the files' paths, sizes and times (checked on reading, so the short file name may collide)."""
    try:
        stamp = [(str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
        from ..resources import cache_dir

        folder = cache_dir() / "glossary"
    except (OSError, ImportError, RuntimeError):
        return None, ""
    from .. import __version__

    text = repr((__version__, _FORMAT, stamp))
    key = f"{zlib.crc32(text.encode()):08x}{len(text):x}"
    return folder / f"{key}.pickle", text


def _load_files(files: list[Path], read_other: Callable[[Path], Glossary | None] | None = None) -> Glossary:
    glossary = Glossary()
    pending: list = []          # context data, checked against the concepts once all are read
    for f in files:
        other = read_other(f) if read_other is not None and f.suffix.lower() not in (".yaml", ".yml") else None
        if other is not None:
            glossary = glossary.merge(other)
            continue
        _load_file(f, glossary, pending)
    for args in pending:
        _check_contexts(glossary, *args)
    return glossary


def read_glossary_yaml(path: str | Path) -> Glossary:
    """One glossary YAML file."""
    glossary = Glossary()
    _load_file(Path(path), glossary)
    return glossary


def _load_file(path: Path, glossary: Glossary, pending: list | None = None) -> None:
    from ..io.fsutil import read_input
    from ..io.limits import MAX_GLOSSARY_BYTES

    data = read_input(path, MAX_GLOSSARY_BYTES)
    src = Source(str(path), data)
    root = src.root
    if root is None or root.tag != "tag:yaml.org,2002:map":
        raise src.error(root, "a glossary file is a mapping with the key 'concepts' (or 'sources', 'contexts')")
    top = src.mapping(root, {"concepts", "sources", "contexts"}, what="a glossary file")
    if "sources" in top:
        _sources(src, top["sources"], glossary)
    if "contexts" in top:
        contexts, places = _contexts(src, top["contexts"])
        glossary.contexts.update(contexts)
        if pending is not None:
            pending.append((contexts, places, src))
    if "concepts" not in top and ("sources" in top or "contexts" in top):
        return                              # a file of sources or of context rules only
    concepts = top.get("concepts")
    if concepts is None or concepts[1].tag != "tag:yaml.org,2002:seq":
        raise src.error(root, "'concepts' must be a list of concepts")
    for node in concepts[1].value:
        concept = _concept(src, node)
        if concept.id in glossary.concepts:
            raise src.error(node, f"concept id {concept.id!r} is defined twice"
                                  f"{_first_at(glossary.concepts[concept.id].origin)}")
        glossary.concepts[concept.id] = concept


def _first_at(origin: tuple[str, int, int] | None) -> str:
    """`` (first at path:line)`` for an error's message (nothing when not known)."""
    return f" (first at {origin[0]}:{origin[1]})" if origin is not None else ""


def _sources(src: Source, entry: Entry, glossary: Glossary) -> None:
    """``sources: {KEY: {url: …, title: …, publisher: …, checked: 2026-12-04, note: …}, …}``."""
    node = entry[1]
    if node.tag != "tag:yaml.org,2002:map":
        raise src.error(node, "'sources' must be a mapping of source keys to {url, title, publisher, checked}")
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in glossary.sources:
            raise src.error(key_node, f"source key {key!r} is defined twice{_first_at(glossary.sources[key].origin)}")
        m = src.mapping(value, set(_SOURCE_FIELDS), what="a source")
        fields = {name: src.string(m.get(name)) for name in _SOURCE_FIELDS}
        if fields["checked"] is not None:
            normal = iso_date(fields["checked"])
            if normal is None:
                raise src.error(m["checked"][1], f"date {fields['checked']!r} is not an ISO 8601 date (2026-12-04)")
            fields["checked"] = normal
        glossary.sources[key] = _Source(key=key, origin=(src.path, *src.where(key_node)), **fields)


def _concept(src: Source, node: Node) -> Concept:
    m = src.mapping(node, _CONCEPT_KEYS, what="a concept")
    cid = src.string(m.get("id"))
    if not cid or not CONCEPT_ID.match(cid):
        raise src.error(m["id"][1] if "id" in m else node,
                        "concept 'id' is required: lower-case letters, digits and '-'")
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


def _term(src: Source, node: Node, lang: str, concept: str) -> Term:
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


def _transactions(src: Source, entry: Entry | None) -> tuple[Transaction, ...]:
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


def _choice(src: Source, entry: Entry | None, allowed: tuple[str, ...], default: str) -> str:
    value = src.string(entry)
    if entry is None or value is None:
        return default
    if value not in allowed:
        raise src.error(entry[1], f"unknown {entry[0].value} {value!r}; expected one of: {', '.join(allowed)}")
    return value


def _bool(src: Source, entry: Entry | None, default: _T) -> bool | _T:
    if entry is None:
        return default
    v = entry[1].value
    if entry[1].tag == "tag:yaml.org,2002:bool" or v in ("true", "false"):
        return str(v).lower() in ("true", "yes", "on")          # YAML 1.1: TRUE, On, YES… are true too
    raise src.error(entry[1], f"'{entry[0].value}' must be true or false")


# ---------------------------------------------------------------- contexts (glossary/contexts.yaml)

_CONTEXT_KEYS = {"known", "also", "also_patterns", "foreign_before", "distinct", "until", "context", "register"}
_RULE_KEYS = {"term", "near", "before", "unless", "unless_named", "register", "sense", "use", "rule", "severity",
              "why", "since", "until"}
_REGISTER_KEYS = {"term", "status", "use", "since", "compounds", "why"}
REGISTERS = ("policy", "technical")


def _contexts(src: Source, entry: Entry) -> tuple[Contexts, dict]:
    """``contexts: {concept-id: {known, also, until, context, register}}`` (see glossary/contexts.yaml)."""
    out = Contexts()
    node = entry[1]
    if node.tag != "tag:yaml.org,2002:map":
        raise src.error(node, "'contexts' must be a mapping of concept id to its context data")
    places: dict[str, tuple] = {}
    for k, v in node.value:
        cid = str(k.value)
        places[cid] = src.where(k)
        m = src.mapping(v, _CONTEXT_KEYS, what=f"the context data of {cid!r}")
        if "known" in m:
            out.known[cid] = frozenset(_strings(src, m["known"]))
        if "also" in m:
            out.also[cid] = tuple(_strings(src, m["also"]))
        if "also_patterns" in m:
            patterns = tuple(_strings(src, m["also_patterns"]))
            for p in patterns:
                try:
                    re.compile(p)
                except re.error as exc:
                    raise src.error(m["also_patterns"][1], f"also_patterns: {p!r} is no regular expression ({exc})") \
                        from None
            out.also_patterns[cid] = patterns
        if "foreign_before" in m:
            out.foreign_before[cid] = tuple(_strings(src, m["foreign_before"]))
        if "distinct" in m:
            out.distinct[cid] = tuple(_strings(src, m["distinct"]))
        for n in src.sequence(m["until"], "{term, date}") if "until" in m else ():
            u = src.mapping(n, {"term", "date", "source"}, ("term", "date", "source"), what="an 'until' entry")
            out.until[cid, src.string(u["term"]) or ""] = _date(src, u["date"])
        for n in src.sequence(m["context"], "context rules") if "context" in m else ():
            r = src.mapping(n, _RULE_KEYS, ("term",), what="a context rule")
            severity = src.string(r.get("severity")) or "error"
            if severity not in ("error", "warning", "info"):
                raise src.error(r["severity"][1], "severity must be error, warning or info")
            sense = src.string(r.get("sense"))
            if sense not in (None, "other", "use"):
                raise src.error(r["sense"][1], "sense must be 'other' (the term names another thing here) or "
                                               "'use' (it names the concept given by 'use')")
            if sense == "use" and src.string(r.get("use")) is None:
                raise src.error(n, "a rule with sense 'use' needs 'use': the concept the term names there")
            near, before, unless = (tuple(_strings(src, r[k])) if k in r else () for k in ("near", "before", "unless"))
            out.rules.append(ContextRule(
                cid, src.string(r["term"]) or "", near, before, unless,
                register=_register(src, r.get("register")), sense=sense, use=src.string(r.get("use")),
                rule=src.string(r.get("rule")) or "term-context", severity=severity, why=src.string(r.get("why")),
                since=_date(src, r["since"]) if "since" in r else None,
                until=_date(src, r["until"]) if "until" in r else None,
                unless_named=tuple(_strings(src, r["unless_named"])) if "unless_named" in r else ()))
        if "register" in m:
            regs = src.mapping(m["register"][1], set(REGISTERS), what="'register'")
            for reg, (_, rnode) in regs.items():
                for n in rnode.value if rnode.tag.endswith("seq") else [rnode]:
                    r = src.mapping(n, _REGISTER_KEYS, ("term",), what="a register entry")
                    out.registers.append(RegisterStatus(
                        cid, reg, src.string(r["term"]) or "", _choice(src, r.get("status"), STATUSES, "deprecated"),
                        use=src.string(r.get("use")), since=_date(src, r["since"]) if "since" in r else None,
                        compounds=_bool(src, r.get("compounds"), True), why=src.string(r.get("why"))))
    return out, places


def _strings(src: Source, entry: Entry) -> list[str]:
    if entry[1].tag == "tag:yaml.org,2002:str":
        return [str(entry[1].value)]
    return [str(x.value) for x in src.sequence(entry, "strings")]


def _date(src: Source, entry: Entry) -> str:
    text = src.string(entry) or ""
    normal = iso_date(text)
    if normal is None:
        raise src.error(entry[1], f"date {text!r} is not an ISO 8601 date (2024-04-10)")
    return normal


def _register(src: Source, entry: Entry | None) -> str | None:
    value = src.string(entry)
    if entry is not None and value is not None and value not in REGISTERS:
        raise src.error(entry[1], f"unknown register {value!r}; expected one of: {', '.join(REGISTERS)}")
    return value


def _check_contexts(glossary: Glossary, ctx: Contexts, places: dict, src: Source) -> None:
    """Context data names concepts and terms that exist (a located error otherwise)."""
    from ..io.errors import InputError

    def fail(cid: str, message: str) -> InputError:
        line, col = places.get(cid, (1, 1))
        return InputError(src.path, line, col, message)

    for cid in places:
        if cid not in glossary.concepts:
            raise fail(cid, f"context data for unknown concept {cid!r}")
    for r in ctx.rules:
        if r.sense == "use" and r.use not in glossary.concepts:
            raise fail(r.concept, f"'use: {r.use}' names no concept of the glossary")
        for cid in r.unless_named:
            if cid not in glossary.concepts:
                raise fail(r.concept, f"'unless_named: {cid}' names no concept of the glossary")
    named = [(r.concept, r.term) for r in ctx.rules] + [(r.concept, r.term) for r in ctx.registers] + list(ctx.until)
    for cid, text in named:
        if not any(t.text == text for t in glossary.concepts[cid].terms):
            raise fail(cid, f"{text!r} is not a term of concept {cid!r}")
