"""The glossary verbs as use cases: load (``-g``, else the configuration's ``glossary``, else the embedded
glossary), validate, look up, import, export."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .config import Options

if TYPE_CHECKING:
    from ..glossary.model import Glossary, Term
    from ..glossary.validate import Problem


def load(options: Options) -> Glossary:
    from ..glossary.load import load_glossary

    return load_glossary(options.glossaries or None, read_other=read_exchange)


def read_exchange(path: Path) -> Glossary | None:
    """A glossary in an exchange format known by its extension (formats/registry.py), else None."""
    from ..formats.registry import sniff

    fmt = sniff(path, "glossary")
    if fmt is None:
        return None
    glossary: Glossary = fmt.read()(path)
    return glossary


def read_glossary_file(path: str | Path, encoding: str | None = None) -> Glossary:
    """Read one glossary file: our YAML, or an exchange format (TBX 2019, TBX 2008, CSV) chosen by
    extension, else by root element (formats/registry.py); TBX when neither tells."""
    from ..formats.registry import FORMATS, sniff
    from ..glossary.load import read_glossary_yaml

    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return read_glossary_yaml(path)
    fmt = sniff(path, "glossary") or FORMATS["tbx"]
    glossary: Glossary = fmt.read()(path, encoding=encoding) if fmt.name == "csv" else fmt.read()(path)
    return glossary


def validate(options: Options) -> tuple[Glossary, list[Problem]]:
    """(glossary, its problems)."""
    from ..glossary.validate import validate as run

    g = load(options)
    return g, run(g)


def lookup(query: str, options: Options, limit: int = 5, min_score: int = 70,
           lang: str | None = None) -> tuple[Glossary, list[tuple[float, Term]]]:
    """(glossary, [(score, term)]) exact first, then fuzzy."""
    from ..glossary.lookup import lookup as find

    g = load(options)
    return g, find(g, query, limit=limit, min_score=min_score, lang=lang)


def import_file(source: Path, encoding: str | None = None) -> tuple[Glossary, bytes]:
    """(glossary, its YAML) read from a TBX 2019, TBX 2008 or CSV file."""
    from ..glossary.write import glossary_yaml

    g = read_glossary_file(source, encoding=encoding)
    return g, glossary_yaml(g, header=f"Imported from {source.name} by `bilingual glossary import`.").encode()


def export(options: Options, fmt: str = "tbx", style: str = "dca") -> tuple[Glossary, bytes]:
    """(glossary, the bytes of it in ``fmt``)."""
    g = load(options)
    if fmt == "yaml":
        from ..glossary.write import glossary_yaml

        return g, glossary_yaml(g).encode("utf-8")
    from ..formats.registry import FORMATS

    write = FORMATS[fmt].write()
    data: bytes = write(g, style=style) if fmt == "tbx" else write(g)
    return g, data
