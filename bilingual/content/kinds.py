"""Document kinds: one registration per kind names everything the kind needs.

A kind is its schema (top-level keys beyond the common ones, and the required ones), the function that
fills a :class:`~bilingual.content.model.Document` from the YAML, the function that renders it as DOCX,
and the skeleton ``bilingual new`` writes (``templates/skeletons/<file>``). Its words in the documents
(headings, table captions) are labels of the one message catalogue (``templates/locale``).

The functions are named as ``"module:function"`` and imported only when a file of that kind is read or
built, so `check` starts fast and this registry depends on none of its kinds.

A new kind (say, a joint press release) is a content module with its loader, a render module with its
layout, a skeleton, and one ``register(Kind(...))`` line below.
"""
from __future__ import annotations

import importlib
from typing import Callable, NamedTuple


class Kind(NamedTuple):
    name: str
    keys: frozenset[str]       # top-level keys beyond the common ones (kind, id, date, title, place, provisional)
    required: tuple[str, ...]  # keys it requires (``title`` among them unless its loader makes the title)
    loader: str                # "module:function(reader, top, doc)": fills the Document
    layout: str                # "module:function(doc, layout, template, *, ja_era) -> bytes"
    skeleton: str              # file name in templates/skeletons/


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    if kind.name in KINDS:
        raise ValueError(f"document kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind


def resolve(target: str) -> Callable:
    """The function a ``"module:function"`` name stands for."""
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)


register(Kind("joint-statement", frozenset({"parties", "body", "footnotes"}), ("title", "parties", "body"),
              "bilingual.content.loader:load_joint_statement", "bilingual.render.joint_statement:render",
              "joint-statement.yaml"))
register(Kind("ccfe-minutes", frozenset({"meeting", "time", "options", "co_chairs", "delegations", "agenda",
                                         "next_meeting", "footnotes"}), ("meeting", "delegations", "co_chairs", "agenda"),
              "bilingual.content.minutes:load_minutes", "bilingual.render.minutes:render", "ccfe-minutes.yaml"))
