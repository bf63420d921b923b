"""`build` as a use case: check the documents, then render and write the Word files."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Options
from .session import Checked, Session

LAYOUTS = ("en", "ja", "parallel")


def check_documents(paths: Iterable[Path], options: Options) -> list[Checked]:
    """Load, pre-translate and check every document, with the same settings as `check`."""
    session = Session(options)
    return [session.check_document(session.load(p)) for p in paths]


def render(checked: list[Checked], layouts: Iterable[str] = (), template: Path | None = None,
           paper: dict[str, str] | None = None, row_numbers: bool = False) -> list[tuple[str, bytes]]:
    """(file name, DOCX bytes) for every document and layout; all rendered before anything is written.
    ``paper`` gives a layout its paper size (``a4``, ``letter``); the template's otherwise.
    ``row_numbers`` numbers the rows of the parallel copy."""
    from ..render import render_document

    paper = paper or {}
    return [(f"{c.document.id}.{layout}.docx",
             render_document(c.document, layout, template, paper=paper.get(layout), row_numbers=row_numbers))
            for c in checked for layout in (tuple(layouts) or LAYOUTS)]


def write(out: Path, checked: list[Checked], rendered: list[tuple[str, bytes]]) -> list[Path]:
    """Write the files into ``out`` (created when missing), all or none; the paths written.

    Two documents of ``checked`` (every document of the build, written or not) with one id would
    overwrite each other's output: refused at the second one's ``id`` before anything is written.
    """
    from ..io.errors import InputError
    from ..io.fsutil import OutputError, write_all_atomic

    seen: dict[str, str] = {}
    for c in checked:
        other = seen.setdefault(c.document.id, c.document.path)
        if other != c.document.path:
            raise InputError(str(c.document.path), _id_line(c.document.path), 1,
                             f"document id {c.document.id!r} is also the id of {other}: outputs would collide")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), 1, 1, f"cannot make the output folder: {exc.strerror or exc}") from None
    files = [(out / name, data) for name, data in rendered]
    write_all_atomic(files)                # all outputs or none
    return [target for target, _ in files]


def _id_line(path: str | Path) -> int:
    """The line of a content file's top-level ``id:`` (1 when it cannot be found)."""
    import re

    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return 1
    m = re.search(r"^id\s*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def libreoffice() -> str | None:
    """The LibreOffice program (``soffice`` or ``libreoffice``) on PATH, or None."""
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_files: list[Path], exe: str) -> list[Path]:
    """Each DOCX also as PDF beside it, through LibreOffice (fonts embedded, as its PDF export does);
    converted in a private folder with a profile of its own, then moved into place atomically.

    LibreOffice is given the DOCX with break opportunities in its URLs (``render.docx.for_pdf``), so
    that a URL that does not fit breaks only after ``/``, ``-`` or ``.``. It converts that to ODT first
    and then to PDF: its DOCX import ignores ``w:autoSpaceDE``/``w:autoSpaceDN`` and keeps its own
    spacing between Japanese and Latin letters or digits (``2024 年 4 月 9 日``), so where the DOCX's
    default paragraph properties turn both off (the reference template does), the ODT's paragraph
    styles get ``style:text-autospace="none"`` (:func:`without_autospace`), as Word prints the DOCX."""
    import subprocess
    import tempfile

    from ..io.errors import InputError
    from ..io.fsutil import write_atomic
    from ..render.docx import autospace_off, for_pdf

    out: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="bilingual-pdf-") as tmp:
        work = Path(tmp)

        def convert(files: list[Path], fmt: str) -> subprocess.CompletedProcess:
            return subprocess.run([exe, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                                   "--convert-to", fmt, "--outdir", str(work / fmt), *map(str, files)],
                                  capture_output=True, text=True, timeout=600)

        def failed(docx: Path, run: subprocess.CompletedProcess) -> InputError:
            return InputError(str(docx), 1, 1, f"LibreOffice could not convert it to PDF "
                                               f"({(run.stderr or run.stdout).strip()[:200] or 'no output'})")

        (work / "docx").mkdir()
        given = []                               # what LibreOffice converts: URLs with break opportunities
        for docx in docx_files:
            given.append(work / "docx" / docx.name)
            write_atomic(given[-1], for_pdf(docx.read_bytes()))
        run = convert(given, "odt")
        odts = []
        for docx in docx_files:
            odt = work / "odt" / (docx.stem + ".odt")
            if run.returncode != 0 or not odt.is_file():
                raise failed(docx, run)
            if autospace_off(docx.read_bytes()):
                write_atomic(odt, without_autospace(odt.read_bytes()))
            odts.append(odt)
        run = convert(odts, "pdf")
        for docx in docx_files:
            made = work / "pdf" / (docx.stem + ".pdf")
            if run.returncode != 0 or not made.is_file():
                raise failed(docx, run)
            target = docx.with_suffix(".pdf")
            write_atomic(target, reproducible_pdf(made.read_bytes(), docx.read_bytes()))
            out.append(target)
    return out


def without_autospace(odt: bytes) -> bytes:
    """An ODT with no extra space between Asian and non-Asian text: every ``style:text-autospace`` of
    its styles (LibreOffice writes ``ideograph-alpha`` on the default paragraph style) becomes ``none``."""
    import io
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():             # "mimetype" first and stored, as ODF requires
            data = source.read(info.filename)
            if info.filename in ("styles.xml", "content.xml"):
                data = re.sub(rb'style:text-autospace="[^"]*"', b'style:text-autospace="none"', data)
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def reproducible_pdf(pdf: bytes, source: bytes) -> bytes:
    """LibreOffice's PDF made byte-identical for the same DOCX: its creation time (the moment of
    conversion) becomes the build time (``SOURCE_DATE_EPOCH`` as for the DOCX, else the DOCX's own
    date), and its file ID (random) a digest of the DOCX. Both are replaced by text of the same length,
    so every offset of the PDF's cross-reference table stays right."""
    import hashlib
    import re
    import zipfile
    from io import BytesIO

    from ..render.docx import build_time

    when = None
    try:
        core = zipfile.ZipFile(BytesIO(source)).read("docProps/core.xml").decode("utf-8")
        found = re.search(r"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", core)
        when = "".join(found.groups()) if found else None
    except (KeyError, zipfile.BadZipFile):
        pass
    import datetime as dt

    stamp = build_time(dt.date(1980, 1, 1)).strftime("%Y%m%d%H%M%S") if when is None else when
    digest = hashlib.md5(source).hexdigest().upper().encode()   # an identifier, not a security measure
    pdf = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:" + stamp.encode(), pdf, count=1)
    pdf = re.sub(rb"(/ID \[ <)[0-9A-F]{32}(>\s*<)[0-9A-F]{32}(> \])",
                 lambda m: m.group(1) + digest + m.group(2) + digest + m.group(3), pdf, count=1)
    # LibreOffice's own checksum of the file covered the conversion time: taken again over the result
    blank = re.sub(rb"(/DocChecksum /)[0-9A-F]{32}", rb"\g<1>" + b"0" * 32, pdf, count=1)
    return re.sub(rb"(/DocChecksum /)[0-9A-F]{32}",
                  lambda m: m.group(1) + hashlib.md5(blank).hexdigest().upper().encode(), pdf, count=1)
