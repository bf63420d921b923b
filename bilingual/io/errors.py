"""The one exception every reader raises for bad input: it knows where."""
from __future__ import annotations

import unicodedata


def one_line(text: str) -> str:
    """``text`` safe for one terminal line: breaks become spaces, invisible and control characters escapes.

    Messages quote what hostile files contain; an escape sequence, a
    right-to-left override or a line break must not reach the terminal.
    """
    out = []
    for ch in str(text):
        if ch in "\r\n\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out)


class InputError(Exception):
    """Bad input at ``path:line:col``. The CLI prints it as one line and exits 2."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.column, self.message = str(path), line, column, message

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int, int, str]]:   # (pickled from a reader process)
        return InputError, (self.path, self.line, self.column, self.message)

    def __str__(self) -> str:
        if self.line <= 0:                     # about the file as a whole (it does not exist): no position
            return f"{one_line(self.path)}: error: {one_line(self.message)}"
        return f"{one_line(self.path)}:{self.line}:{self.column}: error: {one_line(self.message)}"
