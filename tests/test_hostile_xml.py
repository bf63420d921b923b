"""Classic XML attacks against every XML reader: XXE, billion laughs, quadratic blowup, remote DTDs, depth.

Each protection is tested on its own layer, so removing any one of them
fails a test: the DOCTYPE pre-check (refusal with a located line), the
parser options (no entity expansion, no DTD loading: checked with the
pre-check bypassed), and the CLI (exit 2, one line, nothing leaked).
"""
from __future__ import annotations

import io
import socket
import threading
import time

import pytest

from bilingual.io import xmlsafe
from bilingual.io.errors import InputError

SECRET = "TOP-SECRET-4711"

TMX_BODY = ('<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
            'creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu><tuv xml:lang="en"><seg>fusion {ref}'
            '</seg></tuv><tuv xml:lang="ja"><seg>核融合</seg></tuv></tu></body></tmx>')
XLIFF_BODY = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
              'target-language="ja" datatype="plaintext" original="x"><body><trans-unit id="1"><source>fusion {ref}'
              '</source><target>核融合</target></trans-unit></body></file></xliff>')


def billion_laughs(root: str = "r") -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n ' + "\n ".join(ents) + "\n]>\n"


def quadratic(root: str = "r", size: int = 50_000) -> tuple[str, str]:
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY a "{"x" * size}">]>\n', "&a;" * size


@pytest.fixture
def secret(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(SECRET)
    return p


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that records every connection (none may come)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                connections.append(conn.recv(2000))
                conn.sendall(b"HTTP/1.0 200 OK\r\n\r\n<!ENTITY x 'PWNED'>")
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(2)
    server.close()


@pytest.fixture
def no_connect(monkeypatch):
    """Any Python-level connection attempt fails the test."""
    def refuse(self, address):
        raise AssertionError(f"network connection attempted to {address}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


class Spy:
    """A resolver that records what libxml2 asks to load (nothing, when DTDs are off)."""

    def __init__(self) -> None:
        from lxml import etree

        urls: list[str] = []

        class _Spy(etree.Resolver):
            def resolve(self, url, pubid, context):
                urls.append(url)
                return self.resolve_string("", context)

        self.urls = urls
        self.resolver = _Spy()


def raw_parse(doc: bytes):
    """The hardened parser with the DOCTYPE pre-check bypassed: the options alone must hold."""
    from lxml import etree

    spy = Spy()
    p = xmlsafe.parser()
    p.resolvers.add(spy.resolver)
    return etree.fromstring(doc, p), spy.urls


def refused(doc: bytes | str, path: str = "f.xml") -> InputError:
    data = doc.encode("utf-8") if isinstance(doc, str) else doc
    with pytest.raises(InputError) as info:
        xmlsafe.parse(data, path)
    with pytest.raises(InputError) as streamed:
        for _ in xmlsafe.iterparse(io.BytesIO(data), path_for_errors=path):
            pass
    assert str(streamed.value) == str(info.value)
    return info.value


# ------------------------------------------------------------------ XXE


def xxe(secret, root="r", body="<r>&x;</r>") -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n  <!ENTITY x SYSTEM "file://{secret}">\n]>\n{body}'


def test_xxe_reading_a_local_file_is_refused_at_the_entity(secret):
    e = refused(xxe(secret))
    assert (e.line, e.column) == (3, 3)
    assert "DOCTYPE declares entities" in e.message and SECRET not in str(e)


def test_parser_options_alone_never_read_the_file(secret):
    from lxml import etree

    root, urls = raw_parse(xxe(secret).encode())
    assert SECRET not in etree.tostring(root, encoding="unicode")
    assert urls == []


def test_xxe_through_an_external_dtd_file_is_never_loaded(tmp_path, secret):
    from lxml import etree

    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY x SYSTEM "file://{secret}"><!ATTLIST r leak CDATA "from-dtd">')
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "file://{dtd}">\n<r>&x;</r>'.encode()
    root = xmlsafe.parse(doc, "f.xml")               # an external DTD reference is allowed, and ignored
    assert SECRET not in etree.tostring(root, encoding="unicode") and root.get("leak") is None
    _, urls = raw_parse(doc)
    assert urls == []                                 # libxml2 never even asked for the DTD


def test_parameter_entity_out_of_band_xxe_is_refused(listener, secret):
    port, connections = listener
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY % file SYSTEM "file://{secret}">\n'
           f'<!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/oob.dtd">\n%dtd;\n]>\n<r/>')
    e = refused(doc)
    assert e.line == 3 and "entities" in e.message
    raw_parse(doc.encode())
    time.sleep(0.3)
    assert connections == []


# ------------------------------------------------------------------ network


def test_external_dtd_over_the_network_is_never_fetched(listener, no_connect, tmp_path, cli):
    port, connections = listener
    url = f"http://127.0.0.1:{port}/tmx14.dtd"
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "{url}">\n' + TMX_BODY.format(ref="&x;")
    root = xmlsafe.parse(doc.encode(), "f.tmx")
    assert root.tag == "tmx"
    _, urls = raw_parse(doc.encode())
    p = tmp_path / "remote.tmx"
    p.write_text(doc, encoding="utf-8")
    code, out, err = cli("check", p, "--format", "gcc")
    assert code in (0, 1) and err == ""
    time.sleep(0.3)                                 # (a connection attempt would have arrived by now)
    assert connections == [] and urls == []
    assert "PWNED" not in out


# ------------------------------------------------------------------ entity bombs


def test_billion_laughs_is_refused_before_parsing_and_located(monkeypatch):
    import lxml.etree

    parsed = []
    monkeypatch.setattr(lxml.etree, "fromstring", lambda *a, **k: parsed.append(1))
    e = refused(billion_laughs() + "<r>&lol9;</r>")
    assert parsed == []                               # the prolog check refused it: nothing was expanded
    assert (e.line, e.column) == (3, 2) and "DOCTYPE declares entities" in e.message


def test_billion_laughs_in_an_attribute_is_stopped_by_the_parser_too():
    """Bypassing the pre-check, libxml2's amplification limit still refuses it, as a located InputError."""
    from lxml import etree

    doc = (billion_laughs() + '<r a="&lol9;"/>').encode()
    with pytest.raises(etree.XMLSyntaxError) as info:
        raw_parse(doc)
    e = xmlsafe.syntax_error("f.xml", info.value)
    assert "entity expansion refused" in e.message and e.line > 1


def test_quadratic_blowup_is_refused_and_not_expanded_by_the_parser():
    from lxml import etree

    head, refs = quadratic()
    e = refused(head + f"<r>{refs}</r>")
    assert e.line == 2 and "entities" in e.message
    try:                                              # the options alone: refused, or kept unexpanded
        root, _ = raw_parse((head + f"<r>{refs}</r>").encode())
        assert len(etree.tostring(root)) < 1_000_000  # 2.5 GB had the entities been expanded
    except etree.XMLSyntaxError as exc:
        assert "amplification" in str(exc)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_entity_declarations_are_found_in_every_encoding(encoding):
    decl = "" if encoding.endswith(("le", "be")) else f'<?xml version="1.0" encoding="{encoding[:6].upper()}"?>\n'
    doc = (decl + '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>').encode(encoding)
    assert "entities" in refused(doc).message


def test_entity_declaration_hidden_behind_a_huge_prolog_is_refused():
    doc = "<?xml version='1.0'?>\n<!--" + "x" * (xmlsafe.PROLOG_WINDOW + 10) + '-->\n<!DOCTYPE r [<!ENTITY x "y">]><r/>'
    assert "prolog is longer" in refused(doc).message


def test_comments_and_quotes_do_not_hide_entities():
    doc = '<!DOCTYPE r [ <!-- ] --> <!ATTLIST r a CDATA "]"> <!ENTITY x "y"> ]><r/>'
    assert "entities" in refused(doc).message


def test_harmless_doctypes_still_parse():
    for doc in ('<!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx/>',
                '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd"><martif/>',
                '<!DOCTYPE r [<!ELEMENT r ANY>]><r/>', "<?xml version='1.0'?><!-- c --><r/>"):
        assert xmlsafe.parse(doc.encode(), "f.xml") is not None


def test_no_real_interop_sample_is_refused():
    from conftest import SHARED

    samples = [p for p in (SHARED / "interop" / "samples").rglob("*") if p.suffix in (".tmx", ".tbx", ".xlf", ".xliff")]
    assert len(samples) > 20
    refusals = []
    for p in samples:
        try:
            xmlsafe.parse(p.read_bytes(), str(p))
        except InputError as e:
            if "DOCTYPE" in e.message or "prolog" in e.message:
                refusals.append(str(e))
    assert refusals == []


# ------------------------------------------------------------------ depth and malformed input


def test_absurd_nesting_is_refused_with_its_place():
    e = refused("<r>" + "<a>" * 300 + "</a>" * 300 + "</r>")     # over 256, under libxml2's huge limit
    assert "nested deeper than 256 levels" in e.message and e.line == 1


def test_reasonable_nesting_parses():
    assert xmlsafe.parse(("<a>" * 200 + "</a>" * 200).encode(), "f.xml") is not None


@pytest.mark.parametrize("doc,where,what", [
    ("<r><a></r>", (1, 11), "Opening and ending tag mismatch"),
    ("<r>\n  <a>x", (2, 7), "Premature end of data"),
    ("<r a='1' a='2'/>", (1, 15), "Attribute a redefined"),
    ("", (1, 1), "the file is empty"),
    ("\n  \n", (1, 1), "the file is empty"),
])
def test_malformed_xml_is_one_located_line(doc, where, what):
    e = refused(doc)
    assert (e.line, e.column) == where and e.message.startswith(f"invalid XML: {what}")
    assert "\n" not in str(e)


def test_iterparse_streams_without_keeping_the_tree(tmp_path):
    p = tmp_path / "big.xml"
    p.write_bytes(b"<r>" + b"<e>x</e>" * 1000 + b"</r>")
    n = 0
    for _, el in xmlsafe.iterparse(p, tags="e"):
        n += 1
        el.clear()
    assert n == 1000


def test_iterparse_reads_non_seekable_streams():
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self.buf = io.BytesIO(data)

        def readable(self):
            return True

        def seekable(self):
            return False

        def readinto(self, b):
            data = self.buf.read(len(b))
            b[:len(data)] = data
            return len(data)

    events = list(xmlsafe.iterparse(Pipe(b"<r><e>1</e><e>2</e></r>"), tags="e"))
    assert [el.text for _, el in events] == ["1", "2"]
    with pytest.raises(InputError):
        list(xmlsafe.iterparse(Pipe(b'<!DOCTYPE r [<!ENTITY x "y">]><r/>')))


def test_parser_cannot_be_weakened_by_overrides():
    from lxml import etree

    p = xmlsafe.parser(resolve_entities=True, load_dtd=True, no_network=False, huge_tree=True)
    doc = ("<a>" * 300 + "</a>" * 300).encode()
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(doc, p)


# ------------------------------------------------------------------ through the CLI


@pytest.mark.parametrize("suffix,body", [(".tmx", TMX_BODY), (".xlf", XLIFF_BODY)])
@pytest.mark.parametrize("attack", ["xxe", "laughs", "quadratic"])
def test_check_refuses_attack_files_with_one_line_and_exit_2(tmp_path, cli, secret, suffix, body, attack):
    root = "tmx" if suffix == ".tmx" else "xliff"
    if attack == "xxe":
        doc = xxe(secret, root, body.format(ref="&x;"))
    elif attack == "laughs":
        doc = billion_laughs(root) + body.format(ref="&lol9;")
    else:
        head, refs = quadratic(root)
        doc = head + body.format(ref=refs)
    p = tmp_path / f"attack{suffix}"
    p.write_text(doc, encoding="utf-8")
    code, out, err = cli("check", p)
    assert code == 2
    assert err.startswith(f"{p}:") and err.count("\n") == 1 and "refused" in err
    assert SECRET not in out + err and "Traceback" not in out + err


def test_no_reader_parses_xml_except_through_xmlsafe():
    """Every XML reader gets its parser from xmlsafe; render/ only parses XML it wrote itself."""
    import re

    from conftest import ROOT

    direct = re.compile(r"etree\.(fromstring|parse|iterparse|XMLParser|XML)\(|xml\.dom|xml\.etree|ElementTree")
    offenders = []
    for path in (ROOT / "bilingual").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ("bilingual/io/xmlsafe.py",) or rel.startswith("bilingual/render/"):
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if direct.search(line):
                offenders.append(f"{rel}:{no}: {line.strip()}")
    assert offenders == []
