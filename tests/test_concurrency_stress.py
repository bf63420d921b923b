"""Several processes importing, harvesting, building and looking up against one SQLite store at once.

Bounded: ``WORKERS`` processes for ``SECONDS`` seconds each. Every process
records what its commands reported as committed; afterwards the store holds
exactly that (nothing lost, nothing duplicated), passes ``PRAGMA
integrity_check``, and no process failed, waited out a lock or hung.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

from conftest import EXAMPLE, ROOT

SECONDS = 10
WORKERS = ["import", "import", "harvest", "build"]

WORKER = r"""
import contextlib, io, json, sys, time
from pathlib import Path
from bilingual.cli import main
from bilingual.formats.tmx import unit_xml, write_tmx

kind, wid, seconds, store, work, example = sys.argv[1:]
work, deadline = Path(work), time.monotonic() + float(seconds)
log = {"kind": kind, "ops": 0, "tus": 0, "docs": [], "errors": [], "slowest": 0.0}
text = Path(example).read_text(encoding="utf-8")
i = 0
while time.monotonic() < deadline:
    err = io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        if kind == "import":
            tmx = work / f"{wid}-{i}.tmx"
            write_tmx(tmx, (unit_xml([(False, f"worker {wid} batch {i} sentence {k} on fusion")],
                                     [(False, f"作業{wid}の{i}番目の文{k}")], {}, "20240410T000000Z")
                            for k in range(200)))
            code = main(["tm", "import", str(tmx), "--tm", store])
            if code == 0:
                log["tus"] += 200
        elif kind == "harvest":
            doc = work / f"{wid}-{i}.yaml"
            doc_id = f"w{wid}-{i}"
            doc.write_text(text.replace("id: doe-mext-fusion-2024", f"id: {doc_id}"), encoding="utf-8")
            code = main(["tm", "harvest", str(doc), "--tm", store])
            if code == 0:
                log["docs"].append(doc_id)
        else:
            code = main(["build", example, "-o", str(work / f"out-{wid}"), "--tm", store])
            code = 0 if code in (0, 1) else code
            main(["tm", "lookup", "fusion energy", "--tm", store])
    log["slowest"] = max(log["slowest"], time.monotonic() - started)
    if code != 0:
        log["errors"].append(err.getvalue())
    log["ops"] += 1
    i += 1
json.dump(log, sys.stdout)
"""


def test_concurrent_writers_lose_nothing_and_deadlock_nowhere(tmp_path, capsys):
    from bilingual.tm.sqlite import SQLiteStore

    store = tmp_path / "tm.sqlite"
    SQLiteStore(store).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    procs = []
    started = time.monotonic()
    for wid, kind in enumerate(WORKERS):
        work = tmp_path / f"w{wid}"
        work.mkdir()
        procs.append(subprocess.Popen([sys.executable, "-c", WORKER, kind, str(wid), str(SECONDS), str(store),
                                       str(work), str(EXAMPLE)], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    logs = []
    for p in procs:
        out, err = p.communicate(timeout=SECONDS + 240)      # a deadlock would hang here
        assert p.returncode == 0, err
        logs.append(json.loads(out))
    wall = time.monotonic() - started
    assert all(not log["errors"] for log in logs), [e for log in logs for e in log["errors"]][:3]

    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    imported = sum(log["tus"] for log in logs if log["kind"] == "import")
    docs = [d for log in logs for d in log["docs"]]
    per_doc = {d: n for d, n in db.execute("SELECT doc, count(*) FROM tu WHERE doc IS NOT NULL GROUP BY doc")}
    plain = db.execute("SELECT count(*) FROM tu WHERE doc IS NULL").fetchone()[0]
    duplicates = db.execute("SELECT count(*) FROM (SELECT en, ja, doc FROM tu GROUP BY en, ja, doc "
                            "HAVING count(*) > 1)").fetchone()[0]
    db.close()
    assert plain == imported
    assert sorted(per_doc) == sorted(docs) and len(set(per_doc.values())) == 1
    assert duplicates == 0
    ops = {kind: sum(log["ops"] for log in logs if log["kind"] == kind) for kind in set(WORKERS)}
    assert all(n >= 2 for n in ops.values()), ops                    # every worker got its turns
    slowest = max(log["slowest"] for log in logs)
    with capsys.disabled():
        print(f"\nstress: {len(WORKERS)} processes x {SECONDS} s (wall {wall:.1f} s): operations {ops}; "
              f"{imported} TUs imported, {len(docs)} documents harvested ({sum(per_doc.values())} pairs), "
              f"all in the store; slowest operation {slowest:.2f} s")
    # the same lookups work once everyone is done
    with SQLiteStore(store) as s:
        assert s.lookup("worker 0 batch 0 sentence 7 on fusion", "en")[0].score == 100
