"""DOCX output: the writer (``docx``), its XML layer (``oxml``) and one layout per document kind.

Imported only by ``bilingual build``; heavy imports at module level are fine here.
"""
from __future__ import annotations

from pathlib import Path

from bilingual.content.model import Document
from bilingual.render.docx import RenderError, TemplateError
from bilingual.render.joint_statement import LAYOUTS

__all__ = ["LAYOUTS", "RenderError", "TemplateError", "render_document"]


def render_document(doc: Document, layout: str, template: Path | None = None, *, ja_era: bool = False) -> bytes:
    """The DOCX bytes of ``doc`` in ``layout`` (``en``, ``ja`` or ``parallel``).

    ``template`` replaces the built-in reference DOCX (styles, page setup);
    ``ja_era`` writes the Japanese date in the era form (令和6年4月10日).
    """
    from bilingual.content.kinds import KINDS, resolve

    kind = KINDS.get(doc.kind)
    if kind is None:
        raise RenderError(f"no DOCX layout for documents of kind {doc.kind!r} yet")
    return resolve(kind.layout)(doc, layout, template, ja_era=ja_era)
