"""Document kinds: one registration per kind names everything the kind needs.

A kind is its schema (top-level keys beyond the common ones, and the required ones), the function that
fills a :class:`~bilingual.content.model.Document` from the YAML, and the skeleton ``bilingual new``
writes (``templates/skeletons/<file>``). Its DOCX layout is registered beside it in
``bilingual.render.KIND_LAYOUTS`` (a test holds the two registries to the same kinds); its words in the
documents (headings, table captions) are labels of the one message catalogue (``templates/locale``).

The loader is named as ``"module:function"`` (a module of this package) and imported only when a file of
that kind is read, so `check` starts fast and this registry depends on none of its kinds.

A new kind (say, a joint press release) is a content module with its loader, a skeleton, one
``register(Kind(...))`` line below, and a layout module with its line in ``render.KIND_LAYOUTS``.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple


class Kind(NamedTuple):
    name: str
    keys: frozenset[str]       # top-level keys beyond the common ones (kind, id, date, title, place, provisional)
    required: tuple[str, ...]  # keys it requires (``title`` among them unless its loader makes the title)
    loader: str                # "module:function(reader, top, doc)": fills the Document
    skeleton: str              # file name in templates/skeletons/


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    if kind.name in KINDS:
        raise ValueError(f"document kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind


def resolve(target: str) -> Callable:
    """The function a ``"module:function"`` name stands for."""
    module, attr = target.split(":")
    function: Callable = getattr(importlib.import_module(module), attr)
    return function


register(Kind("joint-statement", frozenset({"parties", "body", "footnotes"}), ("title", "parties", "body"),
              "bilingual.content.loader:load_joint_statement", "joint-statement.yaml"))
register(Kind("ccfe-minutes", frozenset({"meeting", "time", "options", "co_chairs", "delegations", "agenda",
                                         "next_meeting", "footnotes"}),
              ("meeting", "delegations", "co_chairs", "agenda"),
              "bilingual.content.minutes:load_minutes", "ccfe-minutes.yaml"))
