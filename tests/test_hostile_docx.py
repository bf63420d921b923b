"""Hostile DOCX input: zip bombs, paths outside the archive, encrypted and non-DOCX files, DOCTYPEs in parts."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from bilingual.io import zipsafe
from bilingual.io.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def real_docx() -> bytes:
    """A genuine parallel EN|JA table document written by python-docx."""
    import docx

    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "The Ministry of Education, Sports, Science and Technology"
    table.cell(0, 1).text = "文部科学省"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(data: bytes, add: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
          replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' bit in every local and central header (what a ZipCrypto archive carries)."""
    b = bytearray(data)
    for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for m in re.finditer(re.escape(sig), bytes(b)):
            b[m.start() + at] |= 0x01
    return bytes(b)


OLE = zipsafe.OLE_MAGIC + b"\x00" * 504      # the header of a password-protected Word file or an old .doc


def refused(data: bytes, path: str = "in.docx") -> InputError:
    with pytest.raises(InputError) as info:
        zipsafe.check_docx(path, data)
    assert "\n" not in str(info.value)
    return info.value


def test_a_genuine_docx_passes():
    zipsafe.check_docx("in.docx", real_docx())


def test_a_zip_bomb_member_is_refused_by_its_ratio_before_unpacking(monkeypatch):
    data = rezip(real_docx(), add={"word/media/bomb.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(data) < 200_000
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: opened.append(
        getattr(name, "filename", name)) or real_open(self, name, *a, **k))
    e = refused(data)
    assert "word/media/bomb.bin" not in opened                  # refused from the headers, never unpacked
    assert "word/media/bomb.bin" in e.message and "zip bomb" in e.message


def test_many_members_adding_up_are_refused_by_the_total(monkeypatch):
    monkeypatch.setattr(zipsafe, "MAX_TOTAL", 3 * 1024 * 1024)
    members = {f"word/media/m{i}.bin": bytes(range(256)) * 4096 for i in range(4)}   # 1 MiB each, barely compressible
    e = refused(rezip(real_docx(), add=members))
    assert "unpacks to more than" in e.message


def test_a_member_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(zipsafe, "MAX_MEMBER", 600_000)
    e = refused(rezip(real_docx(), add={"word/media/big.bin": bytes(range(256)) * 2500}))
    assert "big.bin" in e.message and "unpacks to 640000 bytes" in e.message


def test_too_many_members_are_refused(monkeypatch):
    monkeypatch.setattr(zipsafe, "MAX_MEMBERS", 50)
    e = refused(rezip(real_docx(), add={f"x/{i}": b"" for i in range(60)}))
    assert "members in the archive" in e.message


def test_read_member_stops_at_its_limit_whatever_the_header_says():
    data = rezip(real_docx(), add={"word/media/m.bin": b"a" * 10_000})
    with zipfile.ZipFile(io.BytesIO(data)) as z, pytest.raises(InputError, match="more than 1000 bytes"):
        zipsafe.read_member("in.docx", z, "word/media/m.bin", limit=1000)


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/evil.xml", "C:/evil.xml",
                                  "..\\evil.xml", "word\\..\\..\\evil.xml"])
def test_paths_outside_the_archive_are_refused(name):
    e = refused(rezip(real_docx(), add={name: b"<x/>"}))
    assert "points outside the archive" in e.message


def test_an_encrypted_ole_file_named_docx_is_refused_with_a_clear_message():
    e = refused(OLE)
    assert str(e) == ("in.docx:1:1: error: an OLE compound file (a password-protected Word file, or an old .doc): "
                      "the file is encrypted or not a DOCX")


def test_zip_encryption_is_refused():
    e = refused(encrypted_flag(real_docx()))
    assert "is encrypted" in e.message and e.message.endswith("the file is encrypted or not a DOCX")


@pytest.mark.parametrize("data,why", [
    (b"Hello, I am a text file\n", "not a zip archive"),
    (b"%PDF-1.7\n", "not a zip archive"),
    (b"", "not a zip archive"),
])
def test_non_docx_files_with_a_docx_name_are_refused(data, why):
    assert why in refused(data).message


def test_a_truncated_docx_is_refused():
    data = real_docx()
    assert "damaged zip archive" in refused(data[: len(data) // 2]).message


def test_a_zip_that_is_not_a_word_package_is_refused():
    e = refused(rezip(real_docx(), drop=("[Content_Types].xml",)))
    assert "no [Content_Types].xml" in e.message


def test_a_doctype_inside_a_docx_part_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = real_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode()
    evil = document.replace("?>", f'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>', 1)
    evil = evil.replace("文部科学省", "&x;")
    e = refused(rezip(data, replace={"word/document.xml": evil.encode()}))
    assert "word/document.xml carries a DOCTYPE" in e.message


def test_a_utf16_doctype_inside_a_part_is_refused():
    part = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x "y">]><r/>'.encode("utf-16")
    assert "DOCTYPE" in refused(rezip(real_docx(), add={"customXml/item9.xml": part})).message


# ------------------------------------------------------------------ through the CLI


@pytest.mark.parametrize("kind", ["bomb", "ole", "text", "traversal", "truncated", "doctype"])
def test_check_refuses_hostile_docx_with_one_line_and_exit_2(tmp_path, cli, kind):
    data = real_docx()
    attack = {
        "bomb": lambda: rezip(data, add={"word/media/b.bin": b"\0" * (20 * 1024 * 1024)}),
        "ole": lambda: OLE,
        "text": lambda: "これはテキストです".encode("cp932"),
        "traversal": lambda: rezip(data, add={"../../x.xml": b"<x/>"}),
        "truncated": lambda: data[:1000],
        "doctype": lambda: rezip(data, add={"word/evil.xml": b'<!DOCTYPE r [<!ENTITY a "b">]><r/>'}),
    }[kind]()
    p = tmp_path / "in.docx"
    p.write_bytes(attack)
    code, out, err = cli("check", p)
    assert code == 2, err
    assert err.startswith(f"{p}:1:1: error: ") and err.count("\n") == 1
    assert "Traceback" not in out + err


def test_check_still_reads_a_genuine_docx(tmp_path, cli):
    p = tmp_path / "in.docx"
    p.write_bytes(real_docx())
    code, out, err = cli("check", p, "--format", "gcc", "--select", "term-forbidden")
    assert code == 1 and f"{p}:1:5: error:" in out and err == ""


def test_build_refuses_a_hostile_template(tmp_path, cli):
    from conftest import EXAMPLE

    bad = tmp_path / "template.docx"
    bad.write_bytes(OLE)
    code, _out, err = cli("build", EXAMPLE, "-o", tmp_path / "out", "--template", bad)
    why = refused(OLE, str(bad)).message
    assert code == 2 and err == f"{bad}:1:1: error: not a usable DOCX template ({why})\n"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _package(body: bytes, namespace: str = W) -> bytes:
    return rezip(real_docx(), replace={"word/document.xml": f'<w:document xmlns:w="{namespace}"><w:body>'.encode()
                                       + body + b"</w:body></w:document>"})


@pytest.mark.parametrize("body,namespace,message", [
    (b"<w:p/>", "http://schemas.openxmlformats.org/wordprocessingml/2006/mai?",
     "cannot read DOCX: the main part is not a WordprocessingML document"),          # found by fuzz_docx
    (b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="x"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>', W,
     "cannot read DOCX: damaged document structure (ValueError)"),
    (b"<w:tbl><w:tr><w:tc/><w:tc/></w:tr></w:tbl>", W, "no parallel EN|JA table found"),
])
def test_damaged_document_structure_is_an_input_error(body, namespace, message):
    from bilingual.formats.docx_input import read_docx

    with pytest.raises(InputError) as info:
        read_docx("in.docx", _package(body, namespace), None)
    assert info.value.message.startswith(message)
