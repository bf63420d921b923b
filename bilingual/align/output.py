"""What `bilingual align` writes: TMX, YAML or TSV, and a review DOCX; and reading YAML/TSV back.

Every output unit carries its confidence. In TMX it is the TU property
``x-bilingual-align-confidence`` (with ``x-bilingual-align-bead``, e.g. 2-1,
and ``x-bilingual-align-reason`` when it is not sure); `bilingual tm import
--min-confidence` reads it back. A bead with one side empty (a sentence with
no counterpart) cannot be a TU: TMX leaves it out, YAML and TSV keep it for
the reviewer, and the review DOCX marks it.

A reviewer may edit the YAML or the TSV (fix a pair, delete a row, raise a
confidence) and import that file instead of the TMX.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..io.errors import InputError

if TYPE_CHECKING:
    import re

    from ..tm.model import Unit
    from ..tm.store import AddResult, Store
    from .document import Aligned

PROP_CONFIDENCE = "x-bilingual-align-confidence"
PROP_BEAD = "x-bilingual-align-bead"
PROP_REASON = "x-bilingual-align-reason"
TSV_HEADER = ["confidence", "bead", "en", "ja", "reasons"]


def rows(aligned: Aligned) -> list[dict]:
    """One dict per bead: en, ja, confidence, bead, reasons."""
    out = []
    for en, ja, bead in aligned.pairs():
        out.append({"en": en, "ja": ja, "confidence": round(bead.confidence, 3), "bead": bead.kind,
                    "reasons": list(bead.reasons)})
    return out


def tmx_bytes(table: list[dict], date: str) -> list[bytes]:
    from ..formats.tmx import unit_xml

    units = []
    for r in table:
        if not r["en"] or not r["ja"]:
            continue
        props = {PROP_CONFIDENCE: f"{r['confidence']:.3f}", PROP_BEAD: r["bead"]}
        if r["reasons"]:
            props[PROP_REASON] = "; ".join(r["reasons"])
        units.append(unit_xml([(False, r["en"])], [(False, r["ja"])], props, date))
    return units


def write(table: list[dict], out: Path, fmt: str, source: tuple[str, str]) -> int:
    """Write ``table`` as ``fmt`` to ``out`` atomically; return how many units were written."""
    from ..io.fsutil import write_atomic

    if fmt == "tmx":
        import datetime as _dt

        from ..formats.tmx import write_tmx

        date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        return write_tmx(out, tmx_bytes(table, date))
    if fmt == "yaml":
        from ..io.yamlpos import yaml_module

        yaml = yaml_module()

        doc = {"kind": "alignment", "en": source[0], "ja": source[1], "units": table}
        text = ("# bilingual align: edit pairs, confidences or delete units, then `bilingual tm import` this file\n"
                + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000))
        write_atomic(out, text.encode("utf-8"))
        return len(table)
    buf = io.StringIO()
    buf.write("\t".join(TSV_HEADER) + "\n")
    for r in table:
        buf.write("\t".join([f"{r['confidence']:.3f}", r["bead"], _escape(r["en"]), _escape(r["ja"]),
                             _escape("; ".join(r["reasons"]))]) + "\n")
    write_atomic(out, buf.getvalue().encode("utf-8"))
    return len(table)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _unescape(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def read_table(path: Path) -> list[dict]:
    """The units of an alignment YAML or TSV (as written by `bilingual align`, maybe edited)."""
    from ..io.fsutil import read_input

    data = read_input(path, 256 * 1024 * 1024)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), 1, 1, f"not UTF-8: {exc.reason}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(path, text)
    return _read_tsv(path, text)


def _read_yaml(path: Path, text: str) -> list[dict]:
    from ..io.yamlpos import yaml_module

    yaml = yaml_module()

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(str(path), (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                         f"not YAML: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(doc, dict) or doc.get("kind") != "alignment" or not isinstance(doc.get("units"), list):
        raise InputError(str(path), 1, 1, "not an alignment file: expected 'kind: alignment' and a 'units' list")
    out = []
    for k, u in enumerate(doc["units"], 1):
        if not isinstance(u, dict):
            raise InputError(str(path), 1, 1, f"unit {k} is not a mapping")
        out.append(_checked(path, k, u.get("en"), u.get("ja"), u.get("confidence", 1.0), u.get("bead", ""),
                            u.get("reasons") or []))
    return out


def _read_tsv(path: Path, text: str) -> list[dict]:
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r").split("\t") != TSV_HEADER:
        raise InputError(str(path), 1, 1, f"not an alignment TSV: the first line must be {' '.join(TSV_HEADER)}")
    out = []
    for no, line in enumerate(lines[1:], 2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(TSV_HEADER):
            raise InputError(str(path), no, 1, f"expected {len(TSV_HEADER)} tab-separated cells, found {len(cells)}")
        conf, bead, en, ja, reasons = cells
        out.append(_checked(path, no, _unescape(en), _unescape(ja), conf, bead,
                            [r for r in _unescape(reasons).split("; ") if r]))
    return out


def _checked(path: Path, where: int, en: Any, ja: Any, conf: Any, bead: Any, reasons: Any) -> dict:
    """One row, its cells as read (YAML gives any type: each is checked here)."""
    try:
        confidence = float(conf)
    except (TypeError, ValueError):
        raise InputError(str(path), where, 1, f"confidence {conf!r} is not a number") from None
    if not 0.0 <= confidence <= 1.0:
        raise InputError(str(path), where, 1, f"confidence {confidence} is not between 0 and 1")
    if (en is not None and not isinstance(en, str)) or (ja is not None and not isinstance(ja, str)):
        raise InputError(str(path), where, 1, "en and ja must be text")
    return {"en": en or "", "ja": ja or "", "confidence": confidence, "bead": str(bead or ""),
            "reasons": [str(r) for r in reasons] if isinstance(reasons, list) else [str(reasons)]}


def units(table: list[dict], min_confidence: float = 0.0) -> Iterator[Unit]:
    """TM units of the rows with both sides at or above ``min_confidence``."""
    import datetime as _dt

    from ..tm.model import Unit

    date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for r, xml in zip([r for r in table if r["en"] and r["ja"]], tmx_bytes(table, date), strict=True):
        if r["confidence"] >= min_confidence:
            yield Unit(xml, en=r["en"], ja=r["ja"])


_CONFIDENCE: re.Pattern[bytes] | None = None


def _confidence_of(xml: bytes) -> float | None:
    global _CONFIDENCE
    if _CONFIDENCE is None:
        import re

        _CONFIDENCE = re.compile(rb'<prop type="' + PROP_CONFIDENCE.encode() + rb'">\s*([0-9.]+)\s*</prop>')
    m = _CONFIDENCE.search(xml)
    try:
        return float(m.group(1)) if m else None
    except ValueError:
        return None


def import_alignment(store: Store, path: Path, min_confidence: float) -> tuple[AddResult, int]:
    """Add to ``store`` the units of an alignment (TMX, YAML or TSV) at or above ``min_confidence``.

    Returns (the store's AddResult, how many units were left out). A TMX TU
    with no confidence property (not made by `bilingual align`) is kept.
    """
    from ..tm.provenance import Origin

    origin = Origin.now("file", str(Path(path).resolve()))
    if path.suffix.lower() in (".yaml", ".yml", ".tsv"):
        table = read_table(path)
        kept = list(units(table, min_confidence))
        return store.add(kept, origin=origin), len(table) - len(kept)
    from ..formats.tmx import read_tmx

    kept, skipped = [], 0
    for unit in read_tmx(path):
        conf = _confidence_of(unit.xml)
        if conf is not None and conf < min_confidence:
            skipped += 1
        else:
            kept.append(unit)
    return store.add(kept, origin=origin), skipped


def review_docx(table: list[dict], below: float, titles: tuple[str, str]) -> bytes:
    """A two-column review table: rows below ``below`` shaded, gaps marked, the reason for each."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Alignment review", level=1)
    document.add_paragraph(f"English: {titles[0]}")
    document.add_paragraph(f"Japanese: {titles[1]}")
    document.add_paragraph(f"Shaded rows have a confidence below {below:.2f}. "
                           "A row marked “no counterpart” is a sentence the other file does not have.")
    grid = document.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["#", "English", "Japanese", "Confidence / reason"], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for k, r in enumerate(table, 1):
        cells = grid.add_row().cells
        cells[0].text = str(k)
        cells[1].text = r["en"] or "— no English counterpart —"
        cells[2].text = r["ja"] or "— no Japanese counterpart —"
        note = f"{r['confidence']:.2f} ({r['bead']})"
        if r["reasons"]:
            note += ": " + "; ".join(r["reasons"])
        cells[3].text = note
        if r["confidence"] < below or not r["en"] or not r["ja"]:
            for cell in cells:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), "FFE699" if r["en"] and r["ja"] else "F4B183")
                cell._tc.get_or_add_tcPr().append(shading)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
