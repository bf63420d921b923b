"""DOCX (zip) inputs checked before anything unpacks them.

A DOCX from e-mail may be a zip bomb, may name members outside the archive
(``../../etc/x``, ``/abs``), may be an encrypted Word file (an OLE compound
file, which Word writes for password-protected documents, as do old
``.doc`` files) renamed ``.docx``, or may carry XML parts with a DOCTYPE.
``check_docx`` refuses all of these with one located line; ``read_member``
unpacks one member with a hard byte limit whatever the archive claims.
"""
from __future__ import annotations

import io
import zipfile

from .errors import InputError

MAX_MEMBERS = 2000
MAX_TOTAL = 200 * 1024 * 1024        # all members, unpacked
MAX_MEMBER = 100 * 1024 * 1024       # one member, unpacked
MAX_RATIO = 200                      # unpacked / packed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _not_docx(path: str, why: str) -> InputError:
    return InputError(path, 1, 1, f"{why}: the file is encrypted or not a DOCX")


def unsafe_name(name: str) -> bool:
    """A member name that would land outside the archive's folder if unpacked."""
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":") or "\x00" in n:
        return True
    return any(part == ".." for part in n.split("/"))


def check_zip(path: str, data: bytes, kind: str = "DOCX") -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking sizes, ratios, names and encryption; the caller closes it."""
    if data.startswith(OLE_MAGIC[:4]):
        raise _not_docx(path, "an OLE compound file (a password-protected Word file, or an old .doc)")
    if not data.startswith(b"PK"):
        raise _not_docx(path, f"not a zip archive, so not a {kind}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds for hostile headers (NotImplementedError, struct.error …)
        raise _not_docx(path, f"a damaged zip archive ({exc})") from None
    try:
        if len(infos) > MAX_MEMBERS:
            raise InputError(path, 1, 1, f"{len(infos)} members in the archive; the limit is {MAX_MEMBERS}")
        total = 0
        for info in infos:
            name = info.filename
            if unsafe_name(name):
                raise InputError(path, 1, 1, f"member {name!r} points outside the archive: refused")
            if info.flag_bits & 0x1:
                raise _not_docx(path, f"member {name!r} is encrypted")
            if info.file_size > MAX_MEMBER:
                raise InputError(path, 1, 1, f"member {name!r} unpacks to {info.file_size} bytes; "
                                             f"the limit is {MAX_MEMBER} (a zip bomb?)")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise InputError(path, 1, 1, f"member {name!r} expands {ratio}×: refused as a zip bomb")
            total += info.file_size
            if total > MAX_TOTAL:
                raise InputError(path, 1, 1, f"the archive unpacks to more than {MAX_TOTAL} bytes: "
                                             "refused as a zip bomb")
    except BaseException:
        archive.close()
        raise
    return archive


def read_member(path: str, archive: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER) -> bytes:
    """One member's bytes, never more than ``limit`` whatever its header claims."""
    try:
        with archive.open(name) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(path, 1, 1, f"cannot unpack {name!r}: {exc}") from None
    except Exception as exc:  # zlib.error and friends: a corrupt member
        raise InputError(path, 1, 1, f"cannot unpack {name!r}: {exc}") from None
    if len(data) > limit:
        raise InputError(path, 1, 1, f"member {name!r} unpacks to more than {limit} bytes (a zip bomb?)")
    return data


def check_docx(path: str, data: bytes) -> None:
    """Refuse a file named .docx that is not a safe DOCX; python-docx may open it afterwards.

    Every XML part is unpacked (within the limits) and refused if it carries
    a DOCTYPE: Word never writes one, and entities are an attack vector.
    """
    with check_zip(path, data) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            raise _not_docx(path, "no [Content_Types].xml in the archive")
        budget = MAX_TOTAL
        for info in archive.infolist():
            if not info.filename.lower().endswith(_XML_SUFFIXES):
                continue
            part = read_member(path, archive, info.filename, min(MAX_MEMBER, budget))
            budget -= len(part)
            if _has_doctype(part):
                raise InputError(path, 1, 1, f"{info.filename} carries a DOCTYPE: refused "
                                             "(Word never writes one; entities are an attack vector)")


_DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def _has_doctype(part: bytes) -> bool:
    """Whether the part holds a DOCTYPE in any encoding an XML parser detects by itself (UTF-32 too)."""
    return any(d in part for d in _DOCTYPES)
