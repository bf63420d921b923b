"""Byte-identical packages: rewrite a zip with fixed member order, times and attributes."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

# OPC readers look for these first; everything else follows in name order
_FIRST = ("[Content_Types].xml", "_rels/.rels")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_ZIP_END = (2107, 12, 31, 23, 59, 58)          # the last time a zip (DOS) timestamp can hold


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``when`` (UTC) as a zip timestamp, clamped to the zip format's 1980–2107 range and even seconds."""
    utc = when.astimezone(dt.timezone.utc) if when.tzinfo else when
    if utc.year < 1980:
        return _ZIP_EPOCH
    if utc.year > 2107:
        return _ZIP_END
    return (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second - utc.second % 2)


def rezip(data: bytes, when: dt.datetime) -> bytes:
    """The same members as ``data``, deflated, in a fixed order, all stamped ``when``."""
    stamp = zip_time(when)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        ordered = [n for n in _FIRST if n in names] + sorted(n for n in names if n not in _FIRST)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in ordered:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0o644 << 16
                target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
