"""The one exception every reader raises for bad input: it knows where."""
from __future__ import annotations


class InputError(Exception):
    """Bad input at ``path:line:col``. The CLI prints it as one line and exits 2."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.column, self.message = str(path), line, column, message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"
