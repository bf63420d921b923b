"""DOCX input: the zip checks, then python-docx and the table reader.

Half the inputs are raw bytes (a hostile archive); the other half become the
``word/document.xml`` of an otherwise valid package, so the fuzzer reaches
python-docx and the table reader instead of stopping at the zip checks.
"""
import io
import zipfile

import atheris

with atheris.instrument_imports():
    from _harness import guarded, run

    from bilingual.formats import docx_input
    from bilingual.io import zipsafe  # noqa: F401

TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def package(document: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def one(data: bytes) -> None:
    if data[:1] == b"D":
        body = data[1:]
        if not body.lstrip().startswith(b"<"):
            body = (f'<w:document {W}><w:body>'.encode() + body + b"</w:body></w:document>")
        data = package(body)
    guarded(docx_input.read_docx, "fuzz.docx", data, None)
    guarded(docx_input.read_docx, "fuzz.docx", data, "ja")


if __name__ == "__main__":
    run(one)
