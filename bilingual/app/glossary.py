"""The glossary verbs as use cases: load (``-g``, else the configuration's ``glossary``, else the embedded
glossary), validate, look up, import, export."""
from __future__ import annotations

from pathlib import Path

from .config import Options



def load(options: Options):
    from ..glossary.load import load_glossary

    return load_glossary(options.glossaries or None)


def validate(options: Options):
    """(glossary, its problems)."""
    from ..glossary.validate import validate as run

    g = load(options)
    return g, run(g)


def lookup(query: str, options: Options, limit: int = 5, min_score: int = 70, lang: str | None = None):
    """(glossary, [(score, term)]) exact first, then fuzzy."""
    from ..glossary.lookup import lookup as find

    g = load(options)
    return g, find(g, query, limit=limit, min_score=min_score, lang=lang)


def import_file(source: Path, encoding: str | None = None) -> tuple[object, bytes]:
    """(glossary, its YAML) read from a TBX 2019, TBX 2008 or CSV file."""
    from ..glossary.load import read_glossary_file
    from ..glossary.write import glossary_yaml

    g = read_glossary_file(source, encoding=encoding)
    return g, glossary_yaml(g, header=f"Imported from {source.name} by `bilingual glossary import`.").encode()


def export(options: Options, fmt: str = "tbx", style: str = "dca") -> tuple[object, bytes]:
    """(glossary, the bytes of it in ``fmt``)."""
    g = load(options)
    if fmt == "yaml":
        from ..glossary.write import glossary_yaml

        return g, glossary_yaml(g).encode("utf-8")
    from ..formats.registry import FORMATS

    write = FORMATS[fmt].write()
    return g, write(g, style=style) if fmt == "tbx" else write(g)
