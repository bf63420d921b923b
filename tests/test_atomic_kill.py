"""Nothing half-written: SIGKILL at random points during an import, a harvest, an export, a --fix run and a build.

After every kill the store passes ``PRAGMA integrity_check`` and holds either
what it held before or the whole of what was being written (per transaction:
a file for ``tm import``, a document for ``tm harvest``), and every output
file is either its old bytes or its complete new bytes. The kill points are
random (the seed is in every assertion message) plus one chosen while the
write is known to be in progress (the WAL growing, the first output renamed).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, SEED_HEADING

KILLS = 4                                   # random kill points per scenario
SEED = random.randrange(1 << 30)


def env(tmp_path: Path) -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"),
                SOURCE_DATE_EPOCH="1712707200")


def cli(tmp_path: Path, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bilingual", *map(str, args)], env=env(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def timed(tmp_path: Path, *args) -> float:
    started = time.monotonic()
    proc = cli(tmp_path, *args)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 1), err.decode()
    return time.monotonic() - started


def kill_after(proc: subprocess.Popen, delay: float, until=None) -> bool:
    """SIGKILL ``proc`` after ``delay`` s (or as soon as ``until()`` holds); False if it had finished."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        if until is not None and until():
            break
        time.sleep(0.002)
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return True


def kill_points(full: float, rng: random.Random) -> list[float]:
    return sorted(rng.uniform(0.05, 0.98) * full for _ in range(KILLS))


def integrity(store: Path) -> None:
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def count(store: Path, where: str = "1") -> int:
    db = sqlite3.connect(store)
    try:
        return db.execute(f"SELECT count(*) FROM tu WHERE {where}").fetchone()[0]
    finally:
        db.close()


def big_tmx(path: Path, n: int, tag: str) -> None:
    from bilingual.formats.tmx import unit_xml, write_tmx

    write_tmx(path, (unit_xml([(False, f"{tag} sentence {i} on fusion energy demonstration")],
                              [(False, f"フュージョンエネルギー実証に関する{tag}文{i}")], {}, "20240410T000000Z")
                     for i in range(n)))


# ------------------------------------------------------------------ tm import


def test_kill_during_a_large_tmx_import_leaves_the_store_unchanged_or_complete(tmp_path):
    rng = random.Random(SEED)
    base_tmx, big = tmp_path / "base.tmx", tmp_path / "big.tmx"
    big_tmx(base_tmx, 200, "base")
    n = 60_000
    big_tmx(big, n, "big")
    pristine = tmp_path / "pristine.sqlite"
    assert timed(tmp_path, "tm", "import", base_tmx, "--tm", pristine) > 0
    reference = tmp_path / "reference.sqlite"
    shutil.copy(pristine, reference)
    full = timed(tmp_path, "tm", "import", big, "--tm", reference)
    assert count(reference) == 200 + n
    outcomes = []
    for k, delay in enumerate([*kill_points(full, rng), full * 3]):
        store = tmp_path / f"s{k}.sqlite"
        shutil.copy(pristine, store)
        wal = store.with_name(store.name + "-wal")
        mid_write = (lambda wal=wal: wal.exists() and wal.stat().st_size > 2_000_000) if k == KILLS else None
        killed = kill_after(cli(tmp_path, "tm", "import", big, "--tm", store), delay, mid_write)
        integrity(store)
        got = count(store)
        assert got in (200, 200 + n), f"seed {SEED}, kill at {delay:.2f}s: {got} TUs"
        if got == 200 + n:
            assert count(store, "ja = 'フュージョンエネルギー実証に関するbig文59999'") == 1
        outcomes.append((killed, got))
    assert any(killed and got == 200 for killed, got in outcomes), f"seed {SEED}: no kill hit the write: {outcomes}"


# ------------------------------------------------------------------ tm harvest


def test_kill_during_a_harvest_leaves_each_document_absent_or_whole(tmp_path):
    rng = random.Random(SEED + 1)
    text = EXAMPLE.read_text(encoding="utf-8")
    docs = []
    for i in range(40):
        p = tmp_path / f"doc{i:02d}.yaml"
        p.write_text(text.replace("id: doe-mext-fusion-2024", f"id: doc-{i:02d}"), encoding="utf-8")
        docs.append(p)
    reference = tmp_path / "reference.sqlite"
    full = timed(tmp_path, "tm", "harvest", *docs, "--tm", reference)
    per_doc = count(reference, "doc = 'doc-00'")
    assert per_doc > 5 and count(reference) == per_doc * len(docs)
    for k, delay in enumerate(kill_points(full, rng)):
        store = tmp_path / f"h{k}.sqlite"
        kill_after(cli(tmp_path, "tm", "harvest", *docs, "--tm", store), delay)
        if not store.exists():
            continue
        integrity(store)
        db = sqlite3.connect(store)
        try:
            counts = dict(db.execute("SELECT doc, count(*) FROM tu GROUP BY doc"))
        except sqlite3.OperationalError:           # killed before the schema was committed
            counts = {}
        finally:
            db.close()
        assert all(c == per_doc for c in counts.values()), f"seed {SEED}, kill at {delay:.2f}s: {counts}"
        done = sorted(counts)
        assert done == [f"doc-{i:02d}" for i in range(len(done))], f"seed {SEED}: documents out of order {done}"


# ------------------------------------------------------------------ tm export


def test_kill_during_an_export_leaves_the_old_file_or_the_whole_new_one(tmp_path):
    rng = random.Random(SEED + 2)
    big = tmp_path / "big.tmx"
    big_tmx(big, 60_000, "exp")
    store = tmp_path / "tm.sqlite"
    timed(tmp_path, "tm", "import", big, "--tm", store)
    reference = tmp_path / "reference.tmx"
    full = timed(tmp_path, "tm", "export", reference, "--tm", store)
    new = reference.read_bytes()
    old = b"<?xml version='1.0'?><tmx version='1.4'><header/><body/></tmx>\n"
    for k, delay in enumerate(kill_points(full, rng)):
        out = tmp_path / f"out{k}.tmx"
        out.write_bytes(old)
        kill_after(cli(tmp_path, "tm", "export", out, "--tm", store), delay)
        data = out.read_bytes()
        assert data in (old, new), f"seed {SEED}, kill at {delay:.2f}s: {len(data)} bytes"


# ------------------------------------------------------------------ check --fix


def test_kill_during_fix_leaves_each_file_original_or_fully_fixed(tmp_path):
    rng = random.Random(SEED + 3)
    original = SEED_HEADING.read_bytes()
    ref_dir = tmp_path / "ref"
    ref_dir.mkdir()
    (ref_dir / "doc.yaml").write_bytes(original)
    full_one = timed(tmp_path, "check", "--fix", ref_dir / "doc.yaml")
    fixed = (ref_dir / "doc.yaml").read_bytes()
    assert fixed != original
    names = [f"doc{i:02d}.yaml" for i in range(30)]
    full = None
    for k in range(KILLS + 1):
        work = tmp_path / f"w{k}"
        work.mkdir()
        for name in names:
            (work / name).write_bytes(original)
        if full is None:
            full = timed(tmp_path, "check", "--fix", *[work / n for n in names])
            assert all((work / n).read_bytes() == fixed for n in names)
            continue
        delay = rng.uniform(0.05, 0.98) * full
        kill_after(cli(tmp_path, "check", "--fix", *[work / n for n in names]), delay)
        states = [(work / n).read_bytes() for n in names]
        assert all(s in (original, fixed) for s in states), f"seed {SEED}, kill at {delay:.2f}s"
        assert sorted(p.name for p in work.iterdir() if not p.name.endswith(".tmp")) == sorted(names)
    assert full_one > 0


# ------------------------------------------------------------------ build


def test_kill_during_a_build_leaves_each_docx_old_or_new(tmp_path):
    rng = random.Random(SEED + 4)
    ref = tmp_path / "ref"
    full = timed(tmp_path, "build", EXAMPLE, "-o", ref)
    new = {p.name: p.read_bytes() for p in ref.iterdir() if p.suffix == ".docx"}
    assert len(new) == 3
    for k, delay in enumerate(kill_points(full, rng)):
        out = tmp_path / f"o{k}"
        out.mkdir()
        for name in new:
            (out / name).write_bytes(b"old " + name.encode())
        kill_after(cli(tmp_path, "build", EXAMPLE, "-o", out), delay)
        for name, data in new.items():
            assert (out / name).read_bytes() in (b"old " + name.encode(), data), f"seed {SEED}, kill at {delay:.2f}s"


@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_write_atomic_leaves_the_old_file_and_no_temporary_when_it_fails(tmp_path, monkeypatch, fail_at):
    from bilingual.io import fsutil

    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    if fail_at == "write" or fail_at == "fsync":
        monkeypatch.setattr(fsutil.os, "fsync", boom)
    else:
        monkeypatch.setattr(fsutil.os, "replace", boom)
    with pytest.raises(OSError):
        fsutil.write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_every_output_goes_through_the_atomic_writer():
    """No module writes an output file directly (crash reports and caches aside)."""
    allowed = {"fsutil.py", "crash.py"}
    offenders = []
    for path in (ROOT / "bilingual").rglob("*.py"):
        if path.name in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for needle in (".write_bytes(", ".write_text(", 'open(', "mkstemp("):
            for line in text.splitlines():
                if needle in line and not line.lstrip().startswith("#") and ('"w' in line or "'w" in line
                                                                          or needle != "open("):
                    offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []


def test_a_large_import_into_a_store_that_already_has_small_imports(tmp_path, monkeypatch):
    """Regression (found by the kill test): bulk postings reused chunk numbers of earlier small writes."""
    from bilingual.formats.tmx import read_tmx
    from bilingual.tm import index
    from bilingual.tm import sqlite as tm_sqlite
    from bilingual.tm.sqlite import SQLiteStore

    monkeypatch.setattr(index, "SMALL_CHUNK", 50)
    monkeypatch.setattr(tm_sqlite, "BATCH", 200)
    small, large = tmp_path / "small.tmx", tmp_path / "large.tmx"
    big_tmx(small, 1, "small")                 # a few postings: the small-write path
    big_tmx(large, 1000, "large")              # many: the bulk path
    with SQLiteStore(tmp_path / "tm.sqlite") as store:
        store.add(read_tmx(small))
        assert store.add(read_tmx(large)).added == 1000
        big_tmx(small, 1, "again")
        assert store.add(read_tmx(small)).added == 1
        assert store.add(read_tmx(large)).added == 0
        assert [m.tu.ja for m in store.lookup("large sentence 999 on fusion energy demonstration", "en")][:1] == \
            ["フュージョンエネルギー実証に関するlarge文999"]
        assert store.lookup("small sentence 0 on fusion energy demonstration", "en")[0].score == 100
