"""Inline codes of a segment for XLIFF: our Markdown's emphasis, links and footnote references.

A segment's runs (``content.model.Run``: italic, bold, link, footnote) become
a flat sequence of items: text, an opening or closing paired code, or a
standalone code. Codes are numbered in the order they open in the English,
so the same English always gives the same ids and a returned file's codes
find their Markdown again. The Japanese of a segment gets the ids of the
English codes it matches (a footnote by its label, a link by its URL, an
emphasis by its rank among the emphases of its kind).

Which codes may go: emphasis may be dropped (Japanese often writes a title in
「」 where English writes it in italics); a link or a footnote reference must
stay, since it carries a URL or a note the document needs.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.model import Run, Text

KINDS = ("link", "b", "i")            # opening order when several start together


@dataclass(frozen=True)
class Code:
    id: str
    kind: str                         # link | b | i | fn | url (a bare URL, ``<https://…>``)
    value: str = ""                   # the URL of a link, the label of a footnote

    @property
    def paired(self) -> bool:
        return self.kind not in ("fn", "url")

    @property
    def required(self) -> bool:
        """A code a translation must keep (a link, a URL or a footnote reference)."""
        return self.kind in ("link", "fn", "url")

    def markdown(self, side: str, text: str = "") -> str:
        """The Markdown this code stands for: ``side`` is open, close or ph."""
        if self.kind == "fn":
            return f"[^{self.value}]"
        if self.kind == "url":
            return f"<{self.value}>"
        if self.kind == "i":
            return "*"
        if self.kind == "b":
            return "**"
        if side == "open":
            return "["
        url = self.value
        return f"](<{url}>)" if any(c in url for c in " ()<>") else f"]({url})"


@dataclass(frozen=True)
class Open:
    code: Code


@dataclass(frozen=True)
class Close:
    code: Code


@dataclass(frozen=True)
class Ph:
    code: Code


Item = str | Open | Close | Ph


def _attrs(run: Run) -> list[tuple[str, str]]:
    out = []
    if run.link:
        out.append(("link", run.link))
    if run.bold:
        out.append(("b", ""))
    if run.italic:
        out.append(("i", ""))
    return out


def items_of(text: Text, ids: Iterable[str] | None = None) -> list[Item]:
    """The runs of ``text`` as properly nested items, codes numbered 1, 2, … in order of opening."""
    counter = iter(ids) if ids is not None else (str(n) for n in range(1, 10**9))
    out: list[Item] = []
    stack: list[Code] = []
    for run in text.runs:
        if run.footnote or (run.link and run.text == run.link):
            # a footnote reference, or a bare URL: one standalone code, never text to translate
            while stack:
                out.append(Close(stack.pop()))
            kind, value = ("fn", run.footnote) if run.footnote else ("url", run.link or "")
            out.append(Ph(Code(next(counter), kind, value)))
            continue
        want = _attrs(run)
        keep = 0
        while keep < len(stack) and (stack[keep].kind, stack[keep].value) in want:
            keep += 1
        while len(stack) > keep:
            out.append(Close(stack.pop()))
        have = {(c.kind, c.value) for c in stack}
        for kind, value in want:
            if (kind, value) not in have:
                code = Code(next(counter), kind, value)
                stack.append(code)
                out.append(Open(code))
        if run.text:
            if out and isinstance(out[-1], str):
                out[-1] += run.text
            else:
                out.append(run.text)
    while stack:
        out.append(Close(stack.pop()))
    return out


def codes(items: list[Item]) -> list[Code]:
    return [i.code for i in items if isinstance(i, (Open, Ph))]


def plain(items: list[Item]) -> str:
    return "".join(i for i in items if isinstance(i, str))


def align(source: list[Item], target: list[Item]) -> list[Item]:
    """The target's items with the ids of the source codes they match; an unmatched code is dropped."""
    by_label = {c.value: c for c in codes(source) if c.kind == "fn"}
    ranked: dict[tuple[str, str], list[Code]] = {}
    for c in codes(source):
        if c.kind != "fn":
            ranked.setdefault((c.kind, c.value if c.kind in ("link", "url") else ""), []).append(c)
    used: set[str] = set()
    mapped: dict[str, Code | None] = {}
    for c in codes(target):
        if c.kind == "fn":
            got = by_label.get(c.value)
        else:
            pool = [s for s in ranked.get((c.kind, c.value if c.kind in ("link", "url") else ""), [])
                    if s.id not in used]
            got = pool[0] if pool else None
        if got is not None and got.id in used:
            got = None
        if got is not None:
            used.add(got.id)
        mapped[c.id] = got
    out: list[Item] = []
    for i in target:
        if isinstance(i, str):
            if out and isinstance(out[-1], str):
                out[-1] += i
            else:
                out.append(i)
            continue
        got = mapped.get(i.code.id)
        if got is not None:
            out.append(type(i)(got))
    return out


_ESCAPE = str.maketrans({c: "\\" + c for c in "\\*_[]<>&`"})


def to_markdown(items: list[Item]) -> str:
    """Our Markdown for a sequence of items (the text escaped so it reads as itself)."""
    out: list[str] = []
    for i in items:
        if isinstance(i, str):
            out.append(" ".join(i.replace("\r", " ").split("\n")).translate(_ESCAPE))
        elif isinstance(i, Ph):
            out.append(i.code.markdown("ph"))
        elif isinstance(i, Open):
            out.append(i.code.markdown("open"))
        else:
            out.append(i.code.markdown("close"))
    return "".join(out)


def runs_of(items: list[Item]) -> list[tuple[str, bool, bool, str | None, str | None]]:
    """What the items mean, as (text, italic, bold, link, footnote) runs with neighbours merged."""
    out: list[tuple] = []
    italic = bold = 0
    link: str | None = None
    for i in items:
        if isinstance(i, str):
            if not i:
                continue
            key = (italic > 0, bold > 0, link)
            if out and out[-1][4] is None and out[-1][1:4] == key:
                out[-1] = (out[-1][0] + i, *key, None)
            else:
                out.append((i, *key, None))
        elif isinstance(i, Ph) and i.code.kind == "url":
            out.append((i.code.value, False, False, i.code.value, None))
        elif isinstance(i, Ph):
            out.append(("", False, False, None, i.code.value))
        else:
            step = 1 if isinstance(i, Open) else -1
            if i.code.kind == "i":
                italic += step
            elif i.code.kind == "b":
                bold += step
            else:
                link = i.code.value if step == 1 else None
    return out


def visible(items: list[Item]) -> str:
    """The text a reader sees (a bare URL included): what ``Text.plain`` holds for the same Markdown."""
    return "".join(r[0] for r in runs_of(items))
