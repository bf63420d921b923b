"""One conformance suite for every TM store: SQLite and a real PostgreSQL server (tests/pg.py).

The same TM and queries give the same matches in the same order; candidate
search is complete (every TU that reaches the minimum score is found,
checked against brute-force scoring of every TU); writers lose nothing and
duplicate nothing, several processes at once; a killed writer leaves the
store as it was.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

TANAKA = SHARED / "data" / "tanaka-enja"
KINDS = ["sqlite", "postgresql"]


def _unit(en: str, ja: str, **context):
    from bilingual.formats.tmx import unit_xml
    from bilingual.tm.model import Unit

    props = {}
    if context.get("doc"):
        props = {"x-bilingual-document": context["doc"], "x-bilingual-segment": context["seg"]}
    return Unit(unit_xml([(False, en)], [(False, ja)], props, "20240101T000000Z"), en, ja, **context)


@pytest.fixture
def where(request, tmp_path):
    """Where a store of the kind under test lives: an SQLite path or a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "tm.sqlite")
    return request.getfixturevalue("pg_url")


def _open(where: str, readonly: bool = False):
    from bilingual.tm.default import open_store

    return open_store(where if where.startswith("postgresql://") else Path(where), create=not readonly)


pytestmark = pytest.mark.parametrize("where", KINDS, indirect=True)


_UNITS: dict[tuple[int, str], tuple[list, list]] = {}     # (the TUs, kept alive so that their id is theirs; units)


def _brute(units, query: str, lang: str, min_score: float) -> dict[int, float]:
    """Every TU's score, no index: {position: score} of those reaching ``min_score``.

    (Each TU's base score first: it bounds the score from above, so a TU
    below the minimum by it is below by the score too.)
    """
    from bilingual.tm.fuzzy import base_score, score
    from bilingual.tm.tokens import units as units_of

    texts = [u.en if lang == "en" else u.ja for u in units]
    _, cached = _UNITS.setdefault((id(units), lang), (units, [units_of(t, lang) for t in texts]))
    q = units_of(query, lang)
    out = {}
    for k, text in enumerate(texts):
        if base_score(q, cached[k]) < min_score - 0.05 and " ".join(query.split()) != " ".join(text.split()):
            continue
        s = score(query, text, lang)
        if s >= min_score:
            out[k] = s
    return out


# ------------------------------------------------------------------ exact recall


def test_a_short_query_of_common_words_finds_its_best_match_among_thousands(where):
    """Issue 15: 3,000 candidates per query were kept and the true best match was dropped."""
    distractors = [_unit(f"was i the {w} .", f"妨害{k}") for k, w in enumerate(_words(3500))]
    with _open(where) as store:
        store.add([*distractors, _unit("i was the mechanic .", "私は整備士だった。")])
        best = store.lookup("i was the work .", "en", limit=1)
    assert [(m.tu.en, m.score) for m in best] == [("i was the mechanic .", 75.0)]


def test_a_japanese_match_one_character_longer_is_found(where):
    """The q-gram bound is least at a longer length: 7 characters against 8 with 2 edits share 3 bigrams."""
    with _open(where) as store:
        store.add([_unit("x", "あいXうえおZき"), _unit("y", "まったく別の文章です")])
        found = store.lookup("あいうえおかき", "ja", limit=3)
    assert [(m.tu.ja, m.score) for m in found] == [("あいXうえおZき", 75.0)]


def test_lookups_equal_brute_force_on_a_random_tm(where):
    rng = random.Random(15)
    vocab = _words(40)
    kana = "あいうえおかきくけこさしすせそ核融合炉実験"
    units = [_unit(" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 9))) + rng.choice([".", "", " 2024."]),
                   "".join(rng.choice(kana) for _ in range(rng.randint(1, 12)))) for _ in range(600)]
    queries = [(" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 8))), "en") for _ in range(40)] + \
              [("".join(rng.choice(kana) for _ in range(rng.randint(1, 10))), "ja") for _ in range(40)]
    with _open(where) as store:
        store.add(units)
        for query, lang in queries:
            for min_score in (50.0, 75.0):
                want = _brute(units, query, lang, min_score)
                got = store.lookup(query, lang, limit=1000, min_score=min_score)
                assert sorted(m.score for m in got) == sorted(want.values()), (query, lang, min_score)


# ------------------------------------------------------------------ the same answers everywhere


def test_both_stores_give_the_same_top_k_on_the_tanaka_corpus(where, tmp_path):
    if not (TANAKA / "train.en").exists():
        pytest.skip("the Tanaka corpus is not beside the checkout")
    from bilingual.tm.sqlite import SQLiteStore

    en = (TANAKA / "train.en").read_text(encoding="utf-8").splitlines()[:2000]
    ja = [s.replace(" ", "") for s in (TANAKA / "train.ja").read_text(encoding="utf-8").splitlines()[:2000]]
    units = [_unit(e, j) for e, j in zip(en, ja, strict=True)]
    queries = [(e, "en") for e in (TANAKA / "test.en").read_text(encoding="utf-8").splitlines()[:40]] + \
              [(j.replace(" ", ""), "ja") for j in (TANAKA / "test.ja").read_text(encoding="utf-8").splitlines()[:40]]
    queries.append(("i was the work .", "en"))
    reference = SQLiteStore(tmp_path / "reference.sqlite")
    reference.add(units)
    with _open(where) as store:
        store.add(units)
        for q, lang in queries:
            mine = [(m.tu.id, m.score, m.kind, m.target) for m in store.lookup(q, lang, limit=5, min_score=50)]
            theirs = [(m.tu.id, m.score, m.kind, m.target) for m in reference.lookup(q, lang, limit=5, min_score=50)]
            assert mine == theirs, q
            best = max(_brute(units, q, lang, 50).values(), default=None)
            assert (mine[0][1] if mine else None) == best, q
    reference.close()


def test_exact_concordance_segment_stats_and_export(where):
    with _open(where) as store:
        r = store.add([_unit("The meeting was held in Tokyo.", "会議は東京で開催された。"),
                       _unit("Fusion energy.", "核融合エネルギー。"),
                       _unit("Joint statement.", "共同声明。", doc="js", seg="s1")])
        assert (r.added, r.updated, r.unchanged) == (3, 0, 0)
        assert [t.ja for t in store.exact("The  meeting was held in Tokyo.", "en")] == ["会議は東京で開催された。"]
        assert [t.en for t in store.concordance("held in tokyo", "en")] == ["The meeting was held in Tokyo."]
        assert store.by_segment("js", "s1").ja == "共同声明。"
        assert store.stats()["tus"] == 3 and store.stats()["documents"] == 1
        assert len(list(store.iter_units())) == 3
        # the same again adds nothing; a new version of a document segment replaces the old one
        again = store.add([_unit("Fusion energy.", "核融合エネルギー。"),
                           _unit("Joint statement.", "日米共同声明。", doc="js", seg="s1")])
        assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
        assert store.by_segment("js", "s1").ja == "日米共同声明。"
        assert store.count() == 3
        assert [m.kind for m in store.lookup("Joint statement.", "en", doc="js", seg="s1")] == ["context"]


def test_the_cli_imports_and_looks_up(where, tmp_path, cli):
    from bilingual.formats.tmx import write_tmx

    tmx = tmp_path / "in.tmx"
    write_tmx(tmx, (u.xml for u in [_unit("The reactor is ready.", "炉は準備完了。"),
                                    _unit("The plasma is hot.", "プラズマは熱い。")]))
    code, out, _ = cli("tm", "import", tmx, "--tm", where)
    assert code == 0 and "2 TU(s) added" in out
    code, out, _ = cli("tm", "import", tmx, "--tm", where)
    assert code == 0 and "0 TU(s) added" in out
    code, out, _ = cli("tm", "lookup", "The reactor is hot.", "--tm", where)
    assert code == 0 and "75.0% fuzzy" in out and "炉は準備完了。" in out
    code, out, _ = cli("tm", "export", tmp_path / "out.tmx", "--tm", where)
    assert code == 0 and "(2 TUs)" in out


def test_a_first_load_keeps_each_repeat_once_as_a_load_into_a_store_with_tus(where, tmp_path):
    """A load into an empty store goes without the identity index (built at the end): the same result."""
    from bilingual.formats.tmx import write_tmx
    from bilingual.tm.bulk import import_tmx

    units = [_unit(f"Repeat {i % 7} of the plasma.", f"プラズマの繰り返し{i % 7}。") for i in range(40)] + \
        [_unit("Joint statement.", "共同声明。", doc="js", seg="s1")] + \
        [_unit(f"Later {i % 3}.", f"後{i % 3}。") for i in range(9)]
    tmx = tmp_path / "repeats.tmx"
    write_tmx(tmx, (u.xml for u in units))
    with _open(where) as store:
        r = import_tmx(store, tmx)
        assert (r.added, r.unchanged) == (11, 39)
        assert import_tmx(store, tmx).added == 0
        assert [len(store.exact(f"Repeat {i} of the plasma.", "en")) for i in range(7)] == [1] * 7
        assert [m.score for m in store.lookup("Repeat 3 of the plasma.", "en", limit=3)] == [100.0, 98.0, 98.0]


def test_harvest_then_check_and_build_use_the_store(where, tmp_path, cli, monkeypatch):
    from conftest import EXAMPLE

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1712620800")   # both harvests stamp the same time (no second boundary)

    code, out, _ = cli("tm", "harvest", EXAMPLE, "--tm", where)
    assert code == 0 and "pair(s) added" in out
    code, out, _ = cli("tm", "harvest", EXAMPLE, "--tm", where)
    assert code == 0 and " 0 pair(s) added, 0 updated" in out
    code, out, err = cli("check", EXAMPLE, "--tm", where)
    assert code == 0, out + err
    code, out, err = cli("build", EXAMPLE, "-o", tmp_path / "out", "--tm", where)
    assert code == 0, out + err


# ------------------------------------------------------------------ writers

WRITER = """
import sys
from bilingual.formats.tmx import unit_xml
from bilingual.tm.default import open_store
from bilingual.tm.model import Unit
from pathlib import Path
where, start = sys.argv[1], int(sys.argv[2])
target = where if where.startswith("postgresql://") else Path(where)
def unit(i):
    en, ja = f"sentence {i} of the shared document", f"共有文書の文{i}"
    if i % 2:                                    # odd: harvested, identified by document and segment
        props = {"x-bilingual-document": "shared", "x-bilingual-segment": f"s{i}"}
        return Unit(unit_xml([(False, en)], [(False, ja)], props, None), en, ja, doc="shared", seg=f"s{i}")
    return Unit(unit_xml([(False, en)], [(False, ja)], {}, None), en, ja)
units = [unit(i) for i in range(start, start + 300)]
for k in range(0, 300, 50):                      # several transactions, interleaved with the other writers
    with open_store(target, create=True) as store:
        store.add(units[k:k + 50])
"""


def test_concurrent_writers_lose_nothing_and_duplicate_nothing(where, tmp_path):
    _open(where).close()                          # the schema exists before the race (its own test below)
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # four processes: two harvest the same document, two overlapping halves
    procs = [subprocess.Popen([sys.executable, str(script), where, str(s)], env=env, stderr=subprocess.PIPE)
             for s in (0, 0, 150, 150)]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read().decode()
    with _open(where, readonly=True) as store:
        assert store.count() == 450
        assert len(store.exact("sentence 200 of the shared document", "en")) == 1
        assert len(store.exact("sentence 201 of the shared document", "en")) == 1
        assert store.by_segment("shared", "s201").ja == "共有文書の文201"
        assert store.lookup("sentence 449 of the shared document", "en", limit=1)[0].score == 100


KILLED = """
import sys, time
from pathlib import Path
from bilingual.formats.tmx import unit_xml
from bilingual.tm.default import open_store
from bilingual.tm.model import Unit
from bilingual.tm.rows import prepare
where, marker = sys.argv[1], Path(sys.argv[2])
target = where if where.startswith("postgresql://") else Path(where)
def batches(first):
    units = [Unit(unit_xml([(False, f"killed {i}")], [(False, f"中断{i}")], {}, None), f"killed {i}", f"中断{i}")
             for i in range(1000)]
    yield prepare(units, first)
    marker.write_text("written")
    time.sleep(600)
with open_store(target, create=True) as store:
    store.add_prepared(batches)
"""


def test_a_writer_killed_mid_import_leaves_the_store_unchanged(where, tmp_path):
    with _open(where) as store:
        store.add([_unit("Before the crash.", "クラッシュ前。")])
    script, marker = tmp_path / "killed.py", tmp_path / "marker"
    script.write_text(KILLED, encoding="utf-8")
    p = subprocess.Popen([sys.executable, str(script), where, str(marker)], env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 120
    while not marker.exists() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    with _open(where) as store:                   # (a write after the crash: the lock is free again)
        assert store.count() == 1
        assert store.lookup("killed 5", "en") == []
        assert store.add([_unit("After the crash.", "クラッシュ後。")]).added == 1


def test_a_store_of_a_newer_schema_is_refused_with_one_line(where, cli):
    with _open(where) as store:
        store.add([_unit("A.", "あ。")])
        store.db.execute("UPDATE meta SET v = '99' WHERE k = 'schema_version'")
        if not where.startswith("postgresql://"):
            store.db.execute("PRAGMA user_version=99")
    code, _, err = cli("tm", "stats", "--tm", where)
    assert code == 2 and "newer bilingual" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def _words(n: int) -> list[str]:
    letters = "bcdfghjklmnpqrstvwz"
    out, k = [], 0
    while len(out) < n:
        a, b, c = k % 19, k // 19 % 19, k // 361 % 19
        out.append(letters[a] + "a" + letters[b] + "o" + letters[c])
        k += 1
    return out


# ------------------------------------------------------------------ approvals and provenance (schema version 2)


def test_an_import_records_who_when_and_which_file_and_tm_show_prints_it(where, tmp_path, cli, monkeypatch):
    from bilingual.formats.tmx import write_tmx

    monkeypatch.setenv("BILINGUAL_USER", "kato")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764921600")          # 2025-12-05 08:00 UTC
    tmx = tmp_path / "approved.tmx"
    write_tmx(tmx, (u.xml for u in [_unit("The reactor is ready.", "炉は準備完了。")]))
    assert cli("tm", "import", tmx, "--tm", where)[0] == 0
    with _open(where, readonly=True) as store:
        (tu,) = store.exact("The reactor is ready.", "en")
        prov = store.provenance(tu.id)
        assert (prov.origin.kind, prov.origin.source, prov.origin.who, prov.origin.at) == \
            ("file", str(tmx.resolve()), "kato", "2025-12-05T08:00:00Z")
        assert prov.approvals == [] and store.provenance(10 ** 9) is None
    code, out, err = cli("tm", "show", str(tu.id), "--tm", where)
    assert code == 0, err
    assert f"origin     file {tmx.resolve()}" in out and "added      by kato, 2025-12-05T08:00:00Z" in out
    assert "炉は準備完了。" in out


def test_approve_by_id_and_by_query_records_each_approval_and_ranks_approved_first(where, tmp_path, cli, monkeypatch):
    with _open(where) as store:
        store.add([_unit("The plasma is hot.", "プラズマは熱い。"), _unit("The plasma is hot!", "プラズマが熱い！"),
                   _unit("The coil is cold.", "コイルは冷たい。")])
        ids = {t.en: t.id for t in store.get(list(range(1, 10)))}
        store.approve(list(ids.values()), approved=False)              # nothing approved to begin with
    monkeypatch.setenv("BILINGUAL_USER", "sato")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764925200")
    code, out, err = cli("tm", "approve", "--query", "plasma is hot", "--lang", "en", "--tm", where)
    assert code == 0 and "approved 2 TU(s)" in out, err
    code, out, err = cli("tm", "approve", str(ids["The coil is cold."]), "--revoke", "--tm", where)
    assert code == 0 and "approval withdrawn from 1 TU(s)" in out, err
    with _open(where, readonly=True) as store:
        hot = store.provenance(ids["The plasma is hot."])
        assert [(a.approved, a.who, a.at) for a in hot.approvals][-1] == (True, "sato", "2025-12-05T09:00:00Z")
        assert [t.approved for t in store.get([ids["The plasma is hot."], ids["The coil is cold."]])] \
            in ([True, False], [False, True])
        assert sorted((t.id, t.approved) for t in store.get(list(ids.values()))) == sorted(
            [(ids["The plasma is hot."], True), (ids["The plasma is hot!"], True), (ids["The coil is cold."], False)])
        assert store.stats()["approved"] == 2
    code, out, _ = cli("tm", "show", str(ids["The coil is cold."]), "--tm", where, "--format", "json")
    shown = __import__("json").loads(out)
    assert shown["approved"] is False and [a["approved"] for a in shown["approvals"]] == [False, False]


def test_an_approval_changed_in_the_store_survives_export_and_reimport(where, tmp_path, cli):
    from bilingual.formats.tmx import read_tmx, write_tmx

    source = tmp_path / "in.tmx"
    withheld = _unit("The coil is cold.", "コイルは冷たい。").xml.replace(
        b"<tuv xml:lang=\"ja-JP\">", b"<tuv xml:lang=\"ja-JP\"><prop type=\"approved\">no</prop>")
    assert b'<prop type="approved">no</prop>' in withheld
    units = [_unit("The plasma is hot.", "プラズマは熱い。").xml, withheld,
             _unit("The wall is thin.", "壁は薄い。").xml]
    write_tmx(source, units)
    assert [u.approved for u in read_tmx(source)] == [True, False, True]
    assert cli("tm", "import", source, "--tm", where)[0] == 0
    with _open(where, readonly=True) as store:
        ids = {t.en: t.id for t in store.get(list(range(1, 10)))}
    assert cli("tm", "approve", str(ids["The plasma is hot."]), "--revoke", "--tm", where)[0] == 0
    assert cli("tm", "approve", str(ids["The coil is cold."]), "--tm", where)[0] == 0
    out = tmp_path / "out.tmx"
    code, _, err = cli("tm", "export", out, "--tm", where)
    assert code == 0, err
    assert [(u.en, u.approved) for u in read_tmx(out)] == [
        ("The plasma is hot.", False), ("The coil is cold.", True), ("The wall is thin.", True)]
    assert units[2] in out.read_bytes()                        # a TU whose approval did not change: as it was
    again = str(tmp_path / "again.sqlite")
    assert cli("tm", "import", out, "--tm", again)[0] == 0
    with _open(again, readonly=True) as store:
        assert sorted((t.en, t.approved) for t in store.get(list(range(1, 10)))) == [
            ("The coil is cold.", True), ("The plasma is hot.", False), ("The wall is thin.", True)]


def test_approving_an_id_not_in_the_store_writes_nothing(where, cli):
    with _open(where) as store:
        store.add([_unit("A.", "あ。")])
        store.approve([1], approved=False)
    code, _, err = cli("tm", "approve", "1", "99", "--tm", where)
    assert code == 2 and "no translation unit 99" in err and len(err.strip().splitlines()) == 1
    with _open(where, readonly=True) as store:
        assert store.get([1])[0].approved is False and len(store.provenance(1).approvals) == 1


def _make_v1_store(where: str) -> None:
    """A store as bilingual made it at schema version 1 (before provenance), holding one TU."""
    from bilingual.tm.migrate import MIGRATIONS

    if where.startswith("postgresql://"):
        import psycopg

        db = psycopg.connect(where, autocommit=True)
        ph = "%s"
        stmts = MIGRATIONS[0].statements["postgresql"]
    else:
        import sqlite3

        db = sqlite3.connect(where, isolation_level=None)
        ph = "?"
        stmts = MIGRATIONS[0].statements["sqlite"]
    for stmt in stmts:
        db.execute(stmt)
    for k, v in (("schema", "bilingual-tm"), ("schema_version", "1")):
        db.execute(f"INSERT INTO meta(k, v) VALUES ({ph}, {ph})", (k, v))
    db.execute(f"INSERT INTO tu(id, ident, en, ja, xml) VALUES (1, 1, {ph}, {ph}, {ph})",
               ("Old.", "古い。", b"<tu><tuv xml:lang='en'><seg>Old.</seg></tuv></tu>"))
    if not where.startswith("postgresql://"):
        db.execute("PRAGMA user_version=1")
    db.close()


def test_a_version_1_store_is_read_as_it_is_and_migrated_to_2_when_written(where, tmp_path, cli):
    from bilingual.formats.tmx import write_tmx
    from bilingual.tm.migrate import LATEST

    assert LATEST == 2
    _make_v1_store(where)
    with _open(where, readonly=True) as store:              # read: not migrated
        assert store.count() == 1 and store.schema == 1
        assert store.provenance(1).origin is None
    tmx = tmp_path / "one.tmx"
    write_tmx(tmx, (u.xml for u in [_unit("Old and new.", "古いと新しい。")]))
    code, _, err = cli("tm", "import", tmx, "--tm", where)
    assert code == 0, err
    with _open(where, readonly=True) as store:
        assert store.schema == 2 and store.count() == 2
        assert store.provenance(1).origin is None                # the TU of version 1: nothing recorded
        assert store.provenance(2).origin.kind == "file"
    code, out, err = cli("tm", "approve", "1", "--tm", where)
    assert code == 0, err
    code, out, err = cli("tm", "show", "1", "--tm", where)
    assert code == 0 and "origin     not recorded" in out and "approval   by " in out, out + err


def test_a_store_one_version_newer_than_the_code_is_refused_for_reading_and_writing(where, cli, tmp_path):
    from bilingual.tm.migrate import LATEST

    with _open(where) as store:
        store.add([_unit("A.", "あ。")])
        store.db.execute(f"UPDATE meta SET v = '{LATEST + 1}' WHERE k = 'schema_version'")
        if not where.startswith("postgresql://"):
            store.db.execute(f"PRAGMA user_version={LATEST + 1}")
    for args in (("tm", "show", "1"), ("tm", "approve", "1")):
        code, _, err = cli(*args, "--tm", where)
        assert code == 2 and f"schema version {LATEST + 1}; this one reads up to {LATEST}" in err, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_refused_import_records_no_origin_and_no_tu(where, tmp_path, cli):
    """The origin of a write is part of its transaction: a file refused at its last TU leaves nothing."""
    tmx = tmp_path / "bad.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/>\n<body>\n'
                   + "".join(f'<tu><tuv xml:lang="en"><seg>Good {i}.</seg></tuv><tuv xml:lang="ja"><seg>良い{i}。'
                             f'</seg></tuv></tu>\n' for i in range(50))
                   + '<tu><tuv><seg>no language</seg></tuv></tu>\n</body>\n</tmx>\n', encoding="utf-8")
    with _open(where):
        pass                                      # the store exists, at the latest schema
    code, _, err = cli("tm", "import", tmx, "--tm", where)
    assert code == 2 and f"{tmx}:54:5: error: <tuv> has no xml:lang" in err
    with _open(where, readonly=True) as store:
        assert store.count() == 0
        assert store.db.execute("SELECT count(*) FROM origin").fetchone()[0] == 0


def test_spilled_postings_of_repeats_context_tus_and_a_second_import_find_what_brute_force_finds(where, monkeypatch):
    """An import large enough to spill its postings (RUN made small): the first load with repeats dropped at
    its end, TUs with context part-way, then an import into the non-empty store with repeats of both and a
    new version of a segment: every lookup equals brute force over the TUs the store holds, nothing twice."""
    from bilingual.tm import index, postgres

    monkeypatch.setattr(index, "RUN", 97)
    monkeypatch.setattr(postgres, "BATCH", 40)
    rng = random.Random(7)
    vocab = _words(30)
    kana = "あいうえおかきくけこ核融合炉実験"

    def plain(k: int):
        r = random.Random(k)
        return _unit(" ".join(r.choice(vocab) for _ in range(r.randint(2, 8))) + f" {k % 97}.",
                     "".join(r.choice(kana) for _ in range(r.randint(3, 12))))

    first = [plain(rng.randrange(300)) for _ in range(400)]
    first[250:250] = [_unit(f"Section {k} of the statement.", f"声明の第{k}節。", doc="js", seg=f"s{k}")
                      for k in range(5)]
    second = [plain(rng.randrange(450)) for _ in range(300)] + \
        [_unit("Section 2 of the joint statement.", "共同声明の第2節。", doc="js", seg="s2")]
    queries = [(" ".join(rng.choice(vocab) for _ in range(rng.randint(2, 7))), "en") for _ in range(25)] + \
              [("".join(rng.choice(kana) for _ in range(rng.randint(3, 10))), "ja") for _ in range(25)] + \
              [("Section 2 of the joint statement.", "en"), ("声明の第3節。", "ja")]
    with _open(where) as store:
        store.add(first)
        store.add(second)
        kept: dict = {}             # what the store holds: a repeat once, a segment's last version
        for u in [*first, *second]:
            kept[(u.doc, u.seg) if u.doc else (u.en, u.ja)] = u
        held = list(kept.values())
        assert store.count() == len(held)
        for query, lang in queries:
            want = _brute(held, query, lang, 50.0)
            got = store.lookup(query, lang, limit=10000, min_score=50.0)
            assert len({m.tu.id for m in got}) == len(got), (query, lang)
            assert sorted(m.score for m in got) == sorted(want.values()), (query, lang)
