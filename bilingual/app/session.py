"""The main job's steps, shared by every command that reads documents: load, pre-translate, check."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..checks import Context, Finding, run_checks
from ..content.model import Document
from ..glossary.matcher import TermIndex
from ..glossary.model import Glossary
from .config import Options

if TYPE_CHECKING:
    from ..content.model import Segment
    from ..tm.content import Pretranslation
    from ..tm.store import Store


@dataclass
class Checked:
    document: Document
    findings: list[Finding]
    segments: int
    pretranslation: Pretranslation | None = None   # segments filled, fuzzy suggestions


class Session:
    """Loads the glossary once and checks any number of files against it."""

    def __init__(self, options: Options) -> None:
        from .glossary import load

        self.options = options
        self.glossary: Glossary = load(options)
        self.index = TermIndex(self.glossary)
        self._tm: Store | None = None
        self.pretranslations: dict[int, Pretranslation] = {}   # id(document) -> what the TM did for it

    @property
    def tm(self) -> Store:
        """The TM store (``options.tm`` or the embedded starter TM), opened on first use."""
        if self._tm is None:
            from ..tm.default import open_store

            self._tm = open_store(self.options.tm)
        return self._tm

    def close(self) -> None:
        """Close the TM store if one was opened (the glossary needs nothing). The session may not be used after."""
        if self._tm is not None:
            tm, self._tm = self._tm, None
            tm.close()

    def load(self, path: Path) -> Document:
        from ..content.loader import load_document

        return load_document(path, self.glossary)

    def check_segments(self, path: str, segments: list[Segment], document: Document | None = None,
                       monolingual: bool = False) -> list[Finding]:
        """Check segments read from any input (content, XLIFF, TMX, DOCX, text).

        A document is pre-translated from the TM first (see ``pretranslations``) and checked against it.
        """
        tm = None
        if isinstance(document, Document):
            from ..tm.content import pretranslate

            tm = self.tm
            self.pretranslations[id(document)] = pretranslate(document, tm)
        ctx = Context(path=path, segments=segments, glossary=self.glossary, index=self.index, document=document,
                      monolingual=monolingual, tm=tm, date=self.options.date, register=self.options.register)
        o = self.options
        return run_checks(ctx, o.select, o.ignore, o.severities)

    def check_document(self, doc: Document) -> Checked:
        from ..tm.content import pretranslate

        done = pretranslate(doc, self.tm)
        segments = list(doc.segments())
        ctx = Context(path=doc.path, segments=segments, glossary=self.glossary, index=self.index, document=doc,
                      tm=self.tm, date=self.options.date, register=self.options.register)
        o = self.options
        findings = run_checks(ctx, o.select, o.ignore, o.severities)
        return Checked(doc, findings, len(segments), done)
