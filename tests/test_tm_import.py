"""TMX import at scale: a second reader process, postings merged from spilled runs — the same store either way."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import SHARED

from bilingual.tm.bulk import import_tmx

TANAKA = SHARED / "data" / "tanaka-enja"


def _tu(i: int, en: str, ja: str, props: str = "") -> str:
    return (f'<tu tuid="{i}" creationdate="20240101T00000{i % 10}Z">{props}<tuv xml:lang="en"><seg>{en}</seg></tuv>'
            f'<tuv xml:lang="ja"><seg>{ja}</seg></tuv></tu>\n')


def _context(doc: str, seg: str) -> str:
    return f'<prop type="x-bilingual-document">{doc}</prop><prop type="x-bilingual-segment">{seg}</prop>'


def _tmx(path: Path, tus: list[str]) -> Path:
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/>\n<body>\n'
                    + "".join(tus) + "</body>\n</tmx>\n", encoding="utf-8")
    return path


def _sample(path: Path, n: int = 3000) -> Path:
    """``n`` real sentence pairs, some TUs repeated, a document segment given twice (the second wins)."""
    def lines(name: str) -> list[str]:
        text = (TANAKA / name).read_text(encoding="utf-8").replace("&", "&amp;").replace("<", "&lt;")
        return text.splitlines()[:n]

    pairs = list(zip(lines("train.en"), (ja.replace(" ", "") for ja in lines("train.ja")), strict=True))
    tus = [_tu(i, en, ja) for i, (en, ja) in enumerate(pairs)]
    tus += tus[:50]                                                  # repeats: kept once
    tus.insert(10, _tu(0, "The fusion minutes.", "融合の議事録。", _context("minutes", "s1")))
    tus.append(_tu(0, "The fusion minutes.", "フュージョンの議事録。", _context("minutes", "s1")))
    return _tmx(path, tus)


def _contents(store_path: Path) -> list[tuple]:
    db = sqlite3.connect(store_path)
    rows = db.execute("SELECT id, en, ja, doc, seg, xml FROM tu ORDER BY id").fetchall()
    db.close()
    return rows


def _lookups(store, queries):
    return [[(round(m.score, 2), m.tu.en, m.tu.ja) for m in store.lookup(q, lang, limit=3)] for q, lang in queries]


QUERIES = [("The fusion minutes.", "en"), ("フュージョンの議事録。", "ja"), ("融合の議事録。", "ja")]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    if not (TANAKA / "train.en").exists():
        pytest.skip("the Tanaka corpus is not beside the checkout")
    return _sample(tmp_path_factory.mktemp("import") / "sample.tmx")


def _import(path: Path, store_path: Path, monkeypatch, parallel: bool, run: int | None = None, seed: bool = False):
    from bilingual.tm import bulk, index
    from bilingual.tm.sqlite import SQLiteStore

    monkeypatch.setattr(bulk, "PARALLEL_BYTES", 0 if parallel else 1 << 40)
    if run is not None:
        monkeypatch.setattr(index, "RUN", run)
    store = SQLiteStore(store_path)
    if seed:                                   # a store that is not empty
        import_tmx(store, _tmx(store_path.with_suffix(".seed.tmx"), [_tu(9, "A seed.", "種。")]))
    result = import_tmx(store, path)
    return store, result


def test_reader_process_and_merged_runs_give_the_same_store(sample, tmp_path, monkeypatch):
    plain, r1 = _import(sample, tmp_path / "plain.sqlite", monkeypatch, parallel=False)
    parallel, r2 = _import(sample, tmp_path / "parallel.sqlite", monkeypatch, parallel=True, run=5000)
    seeded, r3 = _import(sample, tmp_path / "seeded.sqlite", monkeypatch, parallel=True, seed=True)
    # repeats are kept once; the document segment given twice is added, then replaced
    assert (r1.added, r1.updated, r1.unchanged) == (r2.added, r2.updated, r2.unchanged) == \
        (r3.added, r3.updated, r3.unchanged) == (3001, 1, 50)
    assert _contents(tmp_path / "plain.sqlite") == _contents(tmp_path / "parallel.sqlite")
    seeded_rows, plain_rows = _contents(tmp_path / "seeded.sqlite"), _contents(tmp_path / "plain.sqlite")
    assert [r[1:] for r in seeded_rows][1:] == [r[1:] for r in plain_rows]
    minutes = plain.by_segment("minutes", "s1")
    assert minutes.ja == "フュージョンの議事録。"
    # the postings (written from many spilled runs, or at once) find the same matches
    queries = QUERIES + [(r[1], "en") for r in _contents(tmp_path / "plain.sqlite")[::300]]
    assert _lookups(plain, queries) == _lookups(parallel, queries) == _lookups(seeded, queries)
    assert [m.tu.ja for m in plain.lookup("The fusion minutes.", "en")] == ["フュージョンの議事録。"]
    for row in _contents(tmp_path / "plain.sqlite")[:60:7]:        # exact matches: each TU once, repeats dropped
        want = plain.db.execute("SELECT count(*) FROM tu WHERE en=?", (row[1],)).fetchone()[0]
        assert [len(store.exact(row[1], "en")) for store in (plain, parallel, seeded)] == [want] * 3
        assert [len(store.exact(row[2], "ja")) for store in (plain, parallel, seeded)] == \
            [plain.db.execute("SELECT count(*) FROM tu WHERE ja=?", (row[2],)).fetchone()[0]] * 3
    for store in (plain, parallel, seeded):
        store.close()


def test_a_bad_file_read_by_the_reader_process_leaves_an_empty_store_empty(tmp_path, monkeypatch, cli):
    from bilingual.tm import bulk

    monkeypatch.setattr(bulk, "PARALLEL_BYTES", 0)
    tus = [_tu(i, f"Sentence {i}.", f"文{i}。") for i in range(3000)]
    tus.insert(2500, '<tu><tuv xml:lang="en"><seg>broken</tuv></tu>\n')
    bad = _tmx(tmp_path / "bad.tmx", tus)
    code, _, err = cli("tm", "import", bad, "--tm", tmp_path / "tm.sqlite")
    assert code == 2 and err.startswith(f"{bad}:2504:") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    code, out, _ = cli("tm", "stats", "--tm", tmp_path / "tm.sqlite", "--format", "json")
    assert '"tus": 0' in out


def test_a_full_temporary_folder_is_one_line_and_the_store_is_unchanged(tmp_path, monkeypatch, cli):
    # a large import spills sorted postings to the temporary folder; when that folder is full the user gets
    # one line naming it (not an internal error), and the store keeps what it had
    import errno
    import tempfile

    from bilingual.tm import index

    monkeypatch.setattr(index, "RUN", 100)
    first = _tmx(tmp_path / "first.tmx", [_tu(i, f"Sentence {i}.", f"文{i}。") for i in range(20)])
    assert cli("tm", "import", first, "--tm", tmp_path / "tm.sqlite")[0] == 0

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    more = _tmx(tmp_path / "more.tmx", [_tu(i, f"Another sentence {i}.", f"別の文{i}。") for i in range(500)])
    code, _, err = cli("tm", "import", more, "--tm", tmp_path / "tm.sqlite")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(tempfile.gettempdir()) and "no space left" in err
    monkeypatch.undo()
    code, out, _ = cli("tm", "stats", "--tm", tmp_path / "tm.sqlite", "--format", "json")
    assert '"tus": 20' in out


def test_the_reader_process_runs_this_bilingual_even_beside_another_checkout(tmp_path, monkeypatch, cli):
    # a user importing from a folder that holds another bilingual (an older checkout): the reader process
    # must run the same code as the command, not the package in the current folder
    from bilingual.tm import bulk

    monkeypatch.setattr(bulk, "PARALLEL_BYTES", 0)
    other = tmp_path / "checkout" / "bilingual" / "tm"
    other.mkdir(parents=True)
    for folder in (other.parent, other):
        (folder / "__init__.py").write_text("")
    (other / "bulk.py").write_text("raise SystemExit('the other checkout ran')\n")
    good = _tmx(tmp_path / "good.tmx", [_tu(i, f"Sentence {i}.", f"文{i}。") for i in range(50)])
    monkeypatch.chdir(tmp_path / "checkout")
    code, _, err = cli("tm", "import", good, "--tm", tmp_path / "tm.sqlite")
    assert code == 0, err
    code, out, _ = cli("tm", "stats", "--tm", tmp_path / "tm.sqlite", "--format", "json")
    assert '"tus": 50' in out


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("context_at", [None, 9000])
def test_a_load_into_an_empty_store_keeps_each_repeat_once(tmp_path, monkeypatch, parallel, context_at):
    """An empty store is loaded without its identity index, which is built at the end (or at the first TU
    with context): the store is the one a store that already has TUs would be, repeats and their postings
    dropped."""
    from array import array

    tus = [_tu(i, f"Plasma sentence {i}.", f"プラズマ文{i}。") for i in range(12000)]    # 2 MB: blocks
    tus = tus[:2000] + tus[:30] + tus[2000:] + tus[-10:] + tus[100:103] * 3              # 49 repeats
    if context_at is not None:                  # repeats before it (removed at the switch) and after it
        tus.insert(context_at, _tu(0, "The fusion minutes.", "フュージョンの議事録。", _context("minutes", "s1")))
    tmx = _tmx(tmp_path / "repeats.tmx", tus)
    empty, r1 = _import(tmx, tmp_path / "empty.sqlite", monkeypatch, parallel=parallel, run=5000)
    seeded, r2 = _import(tmx, tmp_path / "seeded.sqlite", monkeypatch, parallel=parallel, seed=True)
    added = 12000 + (context_at is not None)
    assert (r1.added, r1.unchanged) == (r2.added, r2.unchanged) == (added, 49)
    assert [r[1:] for r in _contents(tmp_path / "seeded.sqlite")][1:] == \
        [r[1:] for r in _contents(tmp_path / "empty.sqlite")]
    assert empty.db.execute("SELECT count(*) FROM sqlite_master WHERE name='tu_ident'").fetchone() == (1,)
    assert import_tmx(empty, tmx).added == 0
    queries = [(f"Plasma sentence {i}.", "en") for i in (0, 5, 101, 2500, 11995)] + [("プラズマ文101。", "ja")]
    assert _lookups(empty, queries) == _lookups(seeded, queries)
    assert [len(empty.exact(q, lang)) for q, lang in queries] == [1] * len(queries)
    posted = {i for (blob,) in empty.db.execute("SELECT ids FROM post") for i in array("I", blob)}
    assert posted == {i for (i,) in empty.db.execute("SELECT id FROM tu")}      # no postings of a removed repeat
    empty.close()
    seeded.close()


def _first_layout_store(path: Path) -> Path:
    """An empty store as made before exact matches went through the postings (exact-key columns, WITHOUT ROWID
    postings)."""
    from bilingual.tm.sqlite import SCHEMA

    db = sqlite3.connect(path)
    db.executescript(SCHEMA.replace("ja_tags TEXT,", "ja_tags TEXT, en_key INTEGER, ja_key INTEGER,")
                     .replace("ident INTEGER NOT NULL,", "ident INTEGER NOT NULL UNIQUE,")
                     .replace("CREATE UNIQUE INDEX IF NOT EXISTS tu_ident ON tu(ident);", "")
                     .replace("PRIMARY KEY(key, chunk));", "PRIMARY KEY(key, chunk)) WITHOUT ROWID;")
                     + "CREATE INDEX tu_en_key ON tu(en_key); CREATE INDEX tu_ja_key ON tu(ja_key);")
    db.close()
    return path


@pytest.mark.parametrize("parallel", [False, True])
def test_a_file_imported_again_into_a_store_of_the_first_layout_adds_nothing(tmp_path, monkeypatch, parallel):
    """Such a store identified TUs by their XML as lxml writes it; a file whose TUs are written otherwise
    (single quotes, a character reference, spaces in a tag) is still recognised when imported again."""
    from lxml import etree

    tus = [f"<tu tuid='{i}' creationdate='20240101T000000Z' ><tuv xml:lang='en'><seg>Plasma &#x41;{i}.</seg></tuv>"
           f"<tuv xml:lang='ja'><seg>プラズマ{i}。</seg></tuv></tu>\n" for i in range(200)]
    tmx = _tmx(tmp_path / "quoted.tmx", tus)
    old, r1 = _import(tmx, _first_layout_store(tmp_path / "old.sqlite"), monkeypatch, parallel=parallel)
    assert r1.added == 200
    again = import_tmx(old, tmx)
    assert (again.added, again.unchanged) == (0, 200)
    stored = _contents(tmp_path / "old.sqlite")[0][5]
    assert stored == etree.tostring(etree.fromstring(tus[0].encode()), encoding="utf-8", with_tail=False)
    old.close()
    new, r2 = _import(tmx, tmp_path / "new.sqlite", monkeypatch, parallel=parallel)
    assert r2.added == 200 and import_tmx(new, tmx).added == 0
    assert _contents(tmp_path / "new.sqlite")[0][5] == tus[0].strip().encode()          # as written
    new.close()


def test_a_store_of_the_earlier_layout_still_imports_and_finds(sample, tmp_path, monkeypatch):
    """A store made before exact matches went through the postings (exact-key columns, WITHOUT ROWID postings)."""
    path = _first_layout_store(tmp_path / "old.sqlite")
    store, result = _import(sample, path, monkeypatch, parallel=True)
    assert (result.added, result.updated, result.unchanged) == (3001, 1, 50)
    assert [m.tu.ja for m in store.lookup("The fusion minutes.", "en")] == ["フュージョンの議事録。"]
    assert [t.ja for t in store.exact("The fusion minutes.", "en")] == ["フュージョンの議事録。"]
    store.close()


def test_a_unit_whose_japanese_is_only_punctuation_imports_and_exports(tmp_path, cli):
    """Found by the property test: `：` alone once crashed the import with an internal error."""
    tmx = _tmx(tmp_path / "punct.tmx", [_tu(1, ":", "："), _tu(2, "Fusion.", "フュージョン。")])
    store = tmp_path / "tm.sqlite"
    code, out, err = cli("tm", "import", tmx, "--tm", store)
    assert code == 0, err
    assert "2 TU(s) added" in out
    code, out, err = cli("tm", "export", tmp_path / "out.tmx", "--tm", store)
    assert code == 0, err
    assert "<seg>：</seg>" in (tmp_path / "out.tmx").read_text(encoding="utf-8")
