"""DOCX output: the writer (``docx``), its XML layer (``oxml``) and one layout per document kind.

Imported only by ``bilingual build``; heavy imports at module level are fine here.
"""
from __future__ import annotations

from pathlib import Path

from bilingual.content.model import Document
from bilingual.render.docx import RenderError, TemplateError
from bilingual.render.joint_statement import LAYOUTS

__all__ = ["KIND_LAYOUTS", "LAYOUTS", "RenderError", "TemplateError", "render_document"]

# document kind (content/kinds.py) -> the module of this package that lays it out (its ``render``)
KIND_LAYOUTS = {
    "joint-statement": "joint_statement",
    "ccfe-minutes": "minutes",
}


def render_document(doc: Document, layout: str, template: Path | None = None, *, ja_era: bool = False,
                    paper: str | None = None, row_numbers: bool = False) -> bytes:
    """The DOCX bytes of ``doc`` in ``layout`` (``en``, ``ja`` or ``parallel``).

    ``template`` replaces the built-in reference DOCX (styles, page setup);
    ``ja_era`` writes the Japanese date in the era form (令和6年4月10日); ``paper`` (``a4`` or
    ``letter``) replaces the template's paper size; ``row_numbers`` numbers the parallel copy's rows
    (a narrow first column, for review meetings).
    """
    import importlib

    module = KIND_LAYOUTS.get(doc.kind)
    if module is None:
        raise RenderError(f"no DOCX layout for documents of kind {doc.kind!r} yet")
    data: bytes = importlib.import_module(f"{__name__}.{module}").render(doc, layout, template, ja_era=ja_era,
                                                                         paper=paper, row_numbers=row_numbers)
    return data
