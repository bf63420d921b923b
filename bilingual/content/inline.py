"""Inline markup of a segment: a small Markdown subset parsed by markdown-it-py.

Emphasis, strong, links (``[t](url)``, ``<url>``) and footnote references
(``[^label]``). The parser gives no character offsets for inline tokens, so
each text token is aligned back onto the raw string in order (hand-written:
no library maps markdown-it tokens to offsets).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Run, Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

LINK_SCHEMES = ("http:", "https:", "mailto:")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s\[]+)\]")     # no "[" in a label: "[^[^[^…" stays linear
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")


class InlineError(ValueError):
    """Bad inline markup; ``offset`` is the index in the raw text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("zero").enable(["emphasis", "link", "autolink", "escape", "entity", "newline"])
    return md.use(footnote_plugin)


def parse_inline(raw: str, footnote_labels: Iterable[str] = ()) -> Text:
    """Parse one segment's Markdown into runs and a plain text mapped back to ``raw``.

    Raises InlineError for a footnote reference to an undefined label and for
    a link whose scheme is not http, https or mailto.
    """
    labels = set(footnote_labels)
    _check_carets(raw)
    for m in _FOOTNOTE_REF.finditer(raw):
        if m.group(1) not in labels:
            from ..text.suggest import did_you_mean

            raise InlineError(f"footnote [^{m.group(1)}] has no definition under 'footnotes'"
                              f"{did_you_mean(m.group(1), labels)}", m.start())
    for m in _LINK_TARGET.finditer(raw):
        target = m.group(1) if m.group(1) is not None else m.group(2)
        if target and not link_allowed(target):
            raise InlineError(f"link target {target!r}: only http, https and mailto links are allowed",
                              m.start(1) if m.group(1) is not None else m.start(2))
    if not any(c in raw for c in "*_[<&\\\n"):
        return Text(raw=raw, plain=raw, runs=[Run(raw)] if raw else [], plain_to_raw=list(range(len(raw))))
    env = {"footnotes": {"refs": {":" + label: -1 for label in labels}}}
    tokens = _parser().parseInline(raw, env)
    children = tokens[0].children or [] if tokens else []
    runs: list[Run] = []
    plain: list[str] = []
    to_raw: list[int] = []
    italic = bold = 0
    link: str | None = None
    cursor = 0
    for tok in children:
        kind = tok.type
        if kind in ("text", "softbreak", "hardbreak"):
            content = tok.content if kind == "text" else " "
            for ch in content:
                found = raw.find("\n", cursor) if kind != "text" else raw.find(ch, cursor)
                idx = found if found != -1 else min(cursor, max(len(raw) - 1, 0))
                to_raw.append(idx)
                plain.append(ch)
                cursor = idx + 1 if found != -1 else cursor
            runs.append(Run(content, italic=italic > 0, bold=bold > 0, link=link))
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "link_open":
            link = str(tok.attrs.get("href", "")) or None
            if link is not None and not link_allowed(link):     # what the parser decoded, checked again
                raise InlineError(f"link target {link!r}: only http, https and mailto links are allowed",
                                  min(cursor, max(len(raw) - 1, 0)))
        elif kind == "link_close":
            link = None
        elif kind == "footnote_ref":
            label = tok.meta["label"]
            found = raw.find("[^" + label + "]", cursor)
            if found != -1:
                cursor = found + len(label) + 3
            runs.append(Run("", footnote=label))
    return Text(raw=raw, plain="".join(plain), runs=_merge(runs), plain_to_raw=to_raw)


def link_allowed(target: str) -> bool:
    """True for an absolute http, https or mailto link, after decoding what a reader would decode.

    Character references (``ms-msdt&colon;/id``), backslash escapes,
    percent-encoding of the scheme and leading blanks or control characters
    are undone first; scheme-less (``//host/x``, ``\\\\server\\share``) and
    relative targets are refused: in a DOCX they are external links too.
    """
    import html
    from urllib.parse import unquote

    decoded = target
    for _ in range(3):                       # nested encodings: &amp;colon; %26colon%3B …
        before = decoded
        decoded = unquote(html.unescape(decoded.replace("\\", "")))
        if decoded == before:
            break
    decoded = "".join(c for c in decoded if c > " " and c != "\x7f").lower()
    return decoded.startswith(("http://", "https://", "mailto:"))


def _check_carets(raw: str) -> None:
    """Every unescaped ``[^`` must open a footnote reference ``[^label]``.

    The footnote plugin scans forward from each ``[^`` for its ``]``: a text
    of many stray ``[^`` takes quadratic time (8,000 characters: seconds).
    A stray one is almost surely a typo; ``\\[^`` writes the characters.
    """
    i = raw.find("[^")
    while i != -1:
        slashes = 0
        while i - slashes > 0 and raw[i - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0 and not _FOOTNOTE_REF.match(raw, i):
            raise InlineError("'[^' opens no footnote reference [^label]; write \\[^ for the characters themselves", i)
        i = raw.find("[^", i + 2)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with the same formatting."""
    out: list[Run] = []
    for r in runs:
        if (out and not r.footnote and not out[-1].footnote
                and (out[-1].italic, out[-1].bold, out[-1].link) == (r.italic, r.bold, r.link)):
            out[-1] = Run(out[-1].text + r.text, r.italic, r.bold, r.link)
        elif r.text or r.footnote:
            out.append(r)
    return out


def plain_text(value: str) -> Text:
    """A Text for a string that carries no markup (names from the glossary)."""
    return Text(raw=value, plain=value, runs=[Run(value)] if value else [], plain_to_raw=list(range(len(value))))
