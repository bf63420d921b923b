"""Glossary CSV: one row per term, concept fields repeated on each row of the concept.

Columns (header row required; ``concept``, ``lang`` and ``term`` are required,
the others optional, any order): concept, subject, definition, concept_source,
concept_note, formal_en, formal_ja, concept_transactions, lang, term, status,
type, pos, source, note, verified, exceptions (one per line in the cell),
case_sensitive, transactions. A transactions cell holds one transaction per
line: ``TYPE DATE BY`` (``origination 2024-04-10 J. Smith``; ``-`` for no
date; BY may be left out). An
empty cell is "not given". A row with ``term`` empty holds a concept without
terms. Reading accepts UTF-8 with or without BOM, UTF-16 (with BOM) and CP932
as Japanese Excel saves it, comma- or tab-separated; a bad row is an
InputError at ``path:line:col`` and nothing is imported.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..glossary.model import (
    CONCEPT_ID,
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    TRANSACTION_TYPES,
    Concept,
    Glossary,
    Term,
    Transaction,
    iso_date,
)
from ..io.errors import InputError

COLUMNS = ("concept", "subject", "definition", "concept_source", "concept_note", "formal_en", "formal_ja",
           "concept_transactions", "lang", "term", "status", "type", "pos", "source", "note", "verified", "exceptions",
           "case_sensitive", "transactions")
_CONCEPT = {"subject": "subject", "definition": "definition", "concept_source": "source", "concept_note": "note"}
#: a cell starting with one of these is a formula to Excel (OWASP "CSV injection"): written with a
#: leading apostrophe, which Excel shows as text and our import takes off again (``'`` itself is in
#: the set so that a cell that really starts with an apostrophe survives the round trip)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_BOOL = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def transactions_cell(items: tuple[Transaction, ...]) -> str | None:
    """Transactions as a cell: one ``TYPE DATE BY`` per line."""
    lines = [" ".join([t.type, t.date or "-"] + ([t.by] if t.by is not None else [])) for t in items]
    return "\n".join(lines) or None


def to_csv(glossary: Glossary) -> bytes:
    """The glossary as UTF-8 CSV with a BOM (so that Excel opens it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in glossary.concepts.values():
        head = [c.id, c.subject, c.definition, c.source, c.note, c.formal.get("en"), c.formal.get("ja"),
                transactions_cell(c.transactions)]
        terms: Sequence[Term | None] = c.terms or [None]
        for t in terms:
            row = head + ([None] * 11 if t is None else [
                t.lang, t.text, t.status, t.type, t.pos, t.source, t.note,
                None if t.verified else "false", "\n".join(t.exceptions) or None,
                None if t.case_sensitive is None else str(t.case_sensitive).lower(),
                transactions_cell(t.transactions)])
            writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def neutralise(value: str) -> str:
    """A cell Excel will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def restore(value: str) -> str:
    """The value :func:`neutralise` was given (a cell that starts otherwise is kept as it is)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def decode(path: str | Path, data: bytes, encoding: str | None = None) -> str:
    """The file's text: ``encoding`` if given, else by BOM, else UTF-16 (NULs), UTF-8, CP932 in that order."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(str(path), 1, 1, f"cannot decode as {encoding}: {exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:  # UTF-16 without a BOM: ASCII characters leave NULs on one side
        head = data[:4096]
        candidates = ["utf-16-le" if head[1::2].count(0) >= head[::2].count(0) else "utf-16-be"]
    else:
        candidates = ["utf-8", "cp932"]
    for enc in candidates:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            error = exc
    line = data[:error.start].count(b"\n") + 1
    raise InputError(str(path), line, 1, "cannot decode: not UTF-8, UTF-16 with BOM or CP932 (Shift_JIS); "
                                         "give the encoding with --encoding") from None


def read_csv(path: str | Path, data: bytes | None = None, encoding: str | None = None) -> Glossary:
    """Read a glossary CSV (see the module docstring)."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(str(path), 1, 1, f"cannot read: {exc.strerror}") from None
    text = decode(path, data, encoding)
    lines = text.splitlines()
    if not lines:
        raise InputError(str(path), 1, 1, "empty CSV: a header row is required")
    delimiter = "\t" if lines[0].count("\t") > lines[0].count(",") else ","
    return _Reader(str(path), text, delimiter).read()


class _Reader:
    def __init__(self, path: str, text: str, delimiter: str) -> None:
        self.path, self.text, self.delimiter = path, text, delimiter
        self.lines = text.splitlines(keepends=True)

    def error(self, line: int, index: int | None, message: str) -> InputError:
        """An error at field ``index`` of the record that starts on ``line`` (the field may be on a later line)."""
        line, col = self._where(line, index)
        return InputError(self.path, line, col, message)

    def _where(self, line: int, index: int | None) -> tuple[int, int]:
        """1-based (line, column) where field ``index`` of the record starting on ``line`` begins (quote-aware)."""
        if not index or line > len(self.lines):
            return line, 1
        field, quoted = 0, False
        for n in range(line - 1, len(self.lines)):
            for i, ch in enumerate(self.lines[n]):
                if ch == '"':
                    quoted = not quoted
                elif ch == self.delimiter and not quoted:
                    field += 1
                    if field == index:
                        return n + 1, i + 2
            if not quoted:
                break
        return line, len(self.lines[line - 1].rstrip("\r\n")) + 1

    def _open_quote(self, line: int) -> tuple[int, int] | None:
        """(line, column) of a quote opened at the start of a field on or after ``line`` and never closed."""
        text = "".join(self.lines[line - 1:])
        quoted, opened, at_start, i = False, None, True, 0
        while i < len(text):
            ch = text[i]
            if quoted and ch == '"' and text.startswith('""', i):
                i += 2                                   # an escaped quote inside the field
                continue
            if ch == '"' and (quoted or at_start):
                quoted = not quoted
                opened = i if quoted else opened
            at_start = not quoted and ch in (self.delimiter, "\n", "\r")
            i += 1
        if not quoted or opened is None:
            return None
        return line + text.count("\n", 0, opened), opened - (text.rfind("\n", 0, opened) + 1) + 1

    def read(self) -> Glossary:
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter, strict=True)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            raise self.error(1, None, "empty CSV: a header row is required") from None
        for i, name in enumerate(header):
            if name not in COLUMNS:
                raise self.error(1, i, f"unknown column {name!r}; expected some of: {', '.join(COLUMNS)}")
        for name in ("concept", "lang", "term"):
            if name not in header:
                raise self.error(1, None, f"missing column {name!r}")
        col = {name: i for i, name in enumerate(header)}
        glossary = Glossary()
        line = reader.line_num
        try:
            for row in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                self._row(glossary, [restore(cell) for cell in row], col, start)
        except csv.Error as exc:
            where = self._open_quote(line + 1)
            if where is not None:
                raise InputError(self.path, *where, "a quote opened here is never closed: it would swallow "
                                                     "every row after it") from None
            raise self.error(reader.line_num, None, f"bad CSV: {exc}") from None
        return glossary

    def _row(self, glossary: Glossary, row: list[str], col: dict[str, int], line: int) -> None:
        if len(row) > len(col):
            raise self.error(line, len(col), f"row has {len(row)} cells, the header {len(col)}")

        def cell(name: str) -> str | None:
            i = col.get(name)
            value = row[i] if i is not None and i < len(row) else ""
            return value if value.strip() else None

        def choice(name: str, allowed: tuple[str, ...] | dict[str, bool], default: Any) -> Any:
            # a value of ``allowed`` (text), or the bool a _BOOL word stands for; ``default`` when empty
            value = cell(name)
            if value is None:
                return default
            value = value.strip()
            if isinstance(allowed, dict):
                if value.lower() not in allowed:
                    raise self.error(line, col[name], f"{name} must be true or false, not {value!r}")
                return allowed[value.lower()]
            if value not in allowed:
                raise self.error(line, col[name], f"unknown {name} {value!r}; expected one of: {', '.join(allowed)}")
            return value

        cid = (cell("concept") or "").strip()
        if not CONCEPT_ID.match(cid):
            raise self.error(line, col["concept"], f"concept id {cid!r} must be lower-case letters, digits and '-'")
        concept = glossary.concepts.get(cid)
        if concept is None:
            concept = glossary.concepts[cid] = Concept(id=cid, origin=(self.path, line, 1))
        for name, attr in _CONCEPT.items():
            self._merge(concept, attr, cell(name), line, col.get(name))
        for lang in ("en", "ja"):
            value = cell(f"formal_{lang}")
            if value is not None:
                if concept.formal.get(lang, value) != value:
                    raise self.error(line, col[f"formal_{lang}"],
                                     f"formal_{lang} differs from an earlier row of {cid!r}")
                concept.formal[lang] = value
        value = cell("concept_transactions")
        if value is not None:
            items = self._transactions(value, line, col["concept_transactions"])
            if concept.transactions and concept.transactions != items:
                raise self.error(line, col["concept_transactions"],
                                 f"concept_transactions differ from an earlier row of {cid!r}")
            concept.transactions = items
        text = cell("term")
        if text is None:
            return
        lang = (cell("lang") or "").strip().lower().split("-")[0]
        if lang not in ("en", "ja"):
            raise self.error(line, col["lang"], f"lang must be en or ja, not {cell('lang')!r}")
        exceptions = cell("exceptions")
        concept.terms.append(Term(
            text=text, lang=lang, concept=cid, status=choice("status", STATUSES, "admitted"),
            type=choice("type", TERM_TYPES, "fullForm"), pos=choice("pos", PARTS_OF_SPEECH, "noun"),
            source=cell("source"), note=cell("note"), verified=choice("verified", _BOOL, True),
            exceptions=tuple(x for x in exceptions.split("\n") if x) if exceptions else (),
            case_sensitive=choice("case_sensitive", _BOOL, None),
            transactions=self._transactions(cell("transactions"), line, col.get("transactions")),
            origin=(self.path, *self._where(line, col["term"]))))

    def _transactions(self, value: str | None, line: int, index: int | None) -> tuple[Transaction, ...]:
        """A transactions cell: one ``TYPE DATE BY`` per line (``-`` for no date)."""
        out = []
        for raw in (value or "").split("\n"):
            if not raw.strip():
                continue
            parts = raw.split(" ", 2)
            kind, date = parts[0].strip(), parts[1] if len(parts) > 1 else "-"
            if kind not in TRANSACTION_TYPES:
                raise self.error(line, index, f"transaction {raw!r} must start with {' or '.join(TRANSACTION_TYPES)}")
            normal = None if date == "-" else iso_date(date)
            if date != "-" and normal is None:
                raise self.error(line, index, f"transaction {raw!r}: {date!r} is not an ISO 8601 date (or '-')")
            out.append(Transaction(kind, normal, parts[2] if len(parts) > 2 else None))
        return tuple(out)

    def _merge(self, concept: Concept, attr: str, value: str | None, line: int, index: int | None) -> None:
        if value is None:
            return
        old = getattr(concept, attr)
        if old is not None and old != value:
            raise self.error(line, index, f"{attr} of {concept.id!r} differs from an earlier row")
        setattr(concept, attr, value)
