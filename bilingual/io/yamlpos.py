"""Map every character of a YAML scalar's value back to its place in the file.

PyYAML gives a node's start and end marks only; findings must point at the
offending characters inside the scalar, for every scalar style. Flow scalars'
folding and escaping is replayed over the source slice (hand-written: no YAML
library exposes per-character offsets); if the replay does not reproduce the
parsed value exactly, characters are aligned greedily instead.
"""
from __future__ import annotations

import bisect
import re
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yaml import Node, ScalarNode
    from yaml._yaml import Mark as CMark
    from yaml.error import Mark

    from .errors import InputError

#: a mapping's entry as ``mapping`` returns it: (key node, value node)
Entry = tuple["Node", "Node"]

_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


_LINE_END = re.compile(r"\r\n?|\n")


def yaml_module() -> ModuleType:
    """PyYAML, imported on first use, with its module-level regular expressions compiled on first use.

    PyYAML compiles about twenty patterns when it is imported (a large character class in
    ``yaml.reader``, the resolver's implicit tags, the timestamp constructor): a few milliseconds of
    every `bilingual check`, most of them for patterns that libyaml's reader or a file without
    timestamps never uses. While ``yaml`` is imported, ``re.compile`` called from its own modules
    returns an ``io.lazyre.LazyPattern``, which compiles on first use and otherwise behaves alike
    (PyYAML only calls the patterns' methods).
    """
    found = sys.modules.get("yaml")
    if found is not None:
        return found
    import importlib

    from .lazyre import LazyPattern

    compile_now = re.compile

    def compile_in_yaml(pattern: Any, flags: int = 0) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("yaml.") and isinstance(pattern, str):
            return LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_in_yaml
    try:
        return importlib.import_module("yaml")
    finally:
        re.compile = compile_now


class LineIndex:
    """Convert string offsets to 1-based (line, column) in code points."""

    def __init__(self, source: str) -> None:
        # a line ends at LF, CRLF or a lone CR (as in YAML's marks and in editors)
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(source)]     # (a regex pass: 10 MB in ms)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def scalar_offsets(source: str, node: ScalarNode) -> list[int]:
    """Offsets in ``source`` of each character of ``node.value``, plus one for the end."""
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    try:
        # block scalars keep their characters verbatim: only breaks and
        # indentation differ, which the greedy alignment handles exactly
        offsets = None if style in ("|", ">") else _flow(source, start, end, style)
    except (IndexError, ValueError):
        offsets = None
    if offsets is None or len(offsets) != len(node.value) + 1 or not _agrees(source, node.value, offsets):
        offsets = _greedy(source, start, end, node.value)
    return offsets


def _agrees(source: str, value: str, offsets: list[int]) -> bool:
    for ch, off in zip(value, offsets, strict=False):
        src = source[off] if off < len(source) else ""
        if ch != src and not (ch in " \n" and src in "\r\n") and src not in "\\'":
            return False
    return True


def _flow(source: str, start: int, end: int, style: str | None) -> list[int] | None:
    """Plain, single- and double-quoted scalars: fold line breaks, resolve escapes."""
    quoted = style in ("'", '"')
    i, stop = (start + 1, end - 1) if quoted else (start, end)
    out: list[int] = []
    pending_space: list[int] = []  # trailing whitespace offsets, dropped if a break follows
    while i < stop:
        c = source[i]
        if c in "\r\n":
            # drop trailing white space, count empty lines, skip next line's indentation
            pending_space.clear()
            brk = i
            i += 2 if source.startswith("\r\n", i) else 1
            empties: list[int] = []
            while True:
                j = i
                while j < stop and source[j] in " \t":
                    j += 1
                if j < stop and source[j] in "\r\n":
                    empties.append(j)
                    i = j + (2 if source.startswith("\r\n", j) else 1)
                    continue
                i = j
                break
            out.extend(empties if empties else [brk])
            continue
        if c in " \t":
            pending_space.append(i)
            i += 1
            continue
        out.extend(pending_space)
        pending_space.clear()
        if style == "'" and c == "'" and source[i + 1] == "'":
            out.append(i)
            i += 2
        elif style == '"' and c == "\\":
            nxt = source[i + 1]
            if nxt in "\r\n":
                i += 3 if source.startswith("\r\n", i + 1) else 2
                while i < stop and source[i] in " \t":
                    i += 1
            elif nxt in _HEX:
                out.append(i)
                i += 2 + _HEX[nxt]
            elif nxt in _ESCAPES:
                out.append(i)
                i += 2
            else:
                return None
        else:
            out.append(i)
            i += 1
    out.extend(pending_space if quoted else [])
    out.append(stop if quoted else _end_of_plain(source, start, end))
    return out


def _end_of_plain(source: str, start: int, end: int) -> int:
    j = end
    while j > start and source[j - 1] in " \t\r\n":
        j -= 1
    return j


def _greedy(source: str, start: int, end: int, value: str) -> list[int]:
    """Align each value character with its next occurrence in the slice."""
    out: list[int] = []
    cursor = start
    for ch in value:
        found = source.find(ch, cursor, end)
        if ch == "\n":
            found = next((k for k in range(cursor, end) if source[k] in "\r\n"), found)
        if found == -1 and ch in " \n":
            found = next((k for k in range(cursor, end) if source[k] in "\r\n"), -1)
        if found == -1:
            out.append(min(cursor, max(end - 1, start)))
        else:
            out.append(found)
            cursor = found + 1
    out.append(min(cursor, end))
    return out


MAX_ALIASES = 32
MAX_DEPTH = 64


class Source:
    """A YAML file read for positions: its text, its composed node tree, its line index."""

    def __init__(self, path: str, data: bytes) -> None:
        from .errors import InputError

        self.path = path
        self.text = decode_text(path, data)
        self.lines = LineIndex(self.text)
        yaml = yaml_module()

        try:
            self.root = _compose(self.text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if line > len(self.lines.starts):          # past the last line: point at the end of the file
                line, col = self.lines.position(len(self.text))
            raise InputError(path, line, col, f"invalid YAML: {problem}") from None
        except yaml.reader.ReaderError as exc:   # a character YAML does not allow (control, non-character)
            offset = exc.position
            if getattr(yaml, "CSafeLoader", None) is not None:   # libyaml counts UTF-8 bytes
                offset = len(self.text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
            line, col = self.lines.position(min(max(offset, 0), len(self.text)))
            char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
            raise InputError(path, line, col, f"invalid YAML: character U+{char:04X} is not allowed "
                                              f"({exc.reason}); write it as an escape in a double-quoted string "
                                              "or delete it") from None
        except yaml.YAMLError as exc:
            raise InputError(path, 1, 1, "invalid YAML: " + " ".join(str(exc).split())) from None
        except _TooComplex as exc:
            raise InputError(path, exc.line, exc.column, str(exc)) from None

    def where(self, node: Node) -> tuple[int, int]:
        """1-based (line, column) of a node's start."""
        return node.start_mark.line + 1, node.start_mark.column + 1

    def error(self, node: Node | None, message: str) -> InputError:
        from .errors import InputError

        line, col = self.where(node) if node is not None else (1, 1)
        return InputError(self.path, line, col, message)

    def mapping(self, node: Node | None, allowed: set[str], required: tuple[str, ...] = (),
                what: str = "this") -> dict[str, Entry]:
        """A mapping node's entries as {key: (key node, value node)}; unknown or missing keys are errors."""
        if node is None or node.tag != "tag:yaml.org,2002:map":
            raise self.error(node, f"{what} must be a mapping with the keys: {', '.join(sorted(allowed))}")
        out: dict[str, Entry] = {}
        for k, v in node.value:
            key = str(k.value)
            if key not in allowed:
                raise self.error(k, f"unknown key {key!r} in {what}; expected one of: {', '.join(sorted(allowed))}")
            if key in out:
                raise self.error(k, f"key {key!r} appears twice in {what}")
            out[key] = (k, v)
        for key in required:
            if key not in out:
                raise self.error(node, f"{what} needs the key {key!r}")
        return out

    def string(self, entry: Entry | None) -> str | None:
        """The text of a scalar entry from ``mapping``; None for a missing or null value."""
        if entry is None:
            return None
        node = entry[1]
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag.endswith(("map", "seq")):
            what = "list" if node.tag.endswith("seq") else "mapping"
            raise self.error(node, f"'{entry[0].value}' must be text, not a {what}")
        return str(node.value)

    def sequence(self, entry: Entry, what: str) -> list[Node]:
        node = entry[1]
        if node.tag != "tag:yaml.org,2002:seq":
            raise self.error(node, f"'{entry[0].value}' must be a list of {what}")
        return list(node.value)

    def positions(self, node: ScalarNode) -> tuple[list[tuple[int, int]], set[int]]:
        """(line, column) of every character of a scalar's value, plus its end; and the indexes of the
        value's soft breaks (Markdown's: a single line break, which YAML may have folded into a space)."""
        offsets = scalar_offsets(self.text, node)
        src = self.text
        value = str(node.value)
        # a soft break: a newline of the value (a line of a block, a "\n" escape), or a space that YAML folded
        # from one line break of the file; not a blank line of the file, which ends a paragraph
        def soft(i: int, ch: str) -> bool:
            lines = src.count("\n", offsets[i - 1] + 1, offsets[i + 1])
            return lines == 1 if ch == " " else lines <= 1
        breaks = {i for i, ch in enumerate(value) if ch in " \n" and 0 < i < len(value) - 1 and soft(i, ch)}
        return [self.lines.position(o) for o in offsets], breaks


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 (BOM allowed) or UTF-16 with BOM; a located error otherwise."""
    from .errors import InputError

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, 1, 1, f"invalid UTF-16: {exc.reason}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00", 0, 4096)
    if nul != -1:
        before = data[:nul]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise InputError(path, line, col, "NUL bytes in a text file: UTF-16 without a byte-order mark, or not "
                                          "text at all; save the file as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        if exc.end >= len(data) and exc.reason == "unexpected end of data":
            raise InputError(path, line, col, "the file ends in the middle of a character: truncated?") from None
        raise InputError(path, line, col,
                         f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None


class _TooComplex(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


#: the one explicit tag allowed, on a scalar (``!!str 2024``); any other (``!foo {a: b}``,
#: ``!!python/object/apply``, ``!!map`` on a scalar, a ``%TAG`` shorthand) is refused where it stands
PLAIN_TAG = "tag:yaml.org,2002:str"


def _compose(text: str) -> Node | None:
    """Compose with libyaml, after refusing too many aliases or too deep nesting (YAML bombs).

    The node graph shares aliased nodes, so composing a bomb is cheap; it is
    walking it that explodes. The limits are checked on the event stream first.
    """
    from .limits import MAX_LINE_CHARS, MAX_SEGMENT_CHARS, long_line

    where = long_line(text)
    if where is not None:
        raise _TooComplex(f"a line longer than {MAX_LINE_CHARS} characters; that is the limit", *where)
    yaml = yaml_module()
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    aliases = depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        tag = getattr(event, "tag", None)
        if tag is not None and not (tag == PLAIN_TAG and isinstance(event, yaml.ScalarEvent)):
            raise _TooComplex(f"YAML tag {tag!r} is not allowed: write plain values", *_line_col(event.start_mark))
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_SEGMENT_CHARS:
            raise _TooComplex(f"a value of {len(event.value)} characters; the limit is {MAX_SEGMENT_CHARS}",
                              *_line_col(event.start_mark))
        if isinstance(event, yaml.DocumentStartEvent) and event.tags:
            raise _TooComplex("YAML %TAG directives are not allowed", *_line_col(event.start_mark))
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _TooComplex(f"more than {MAX_ALIASES} YAML aliases", *_line_col(event.start_mark))
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooComplex(f"YAML nested deeper than {MAX_DEPTH} levels", *_line_col(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    node: Node | None = yaml.compose(text, Loader=loader_class)
    return node


def _line_col(mark: Mark | CMark | None) -> tuple[int, int]:
    """1-based (line, column) of a mark (every event of the parser has one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
