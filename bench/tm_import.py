"""TMX import, side by side in one run: SQLite (one process and two), PostgreSQL (COPY), translate-toolkit.

Four tools import (or parse) the same TMX, each run in a fresh Python process, the tools alternated
within each round so that all see the same host:

- ``sqlite-1p``: ``bulk.import_tmx`` into a new SQLite store, the TMX read in the same process;
- ``sqlite-2p``: the same with the reader process (the default for a file of 4 MB or more);
- ``postgresql``: the same (reader process) into a fresh schema of a PostgreSQL server, TUs and postings
  by ``COPY``; the schema is dropped after each run;
- ``translate-toolkit``: ``translate.storage.tmx.tmxfile`` parse only (no store, no index).

Reported per tool (medians over ``--runs``; peak RSS the largest): wall time; CPU time per TU of our
processes (user + system of the bench's child and of the reader process it waited for, from
``os.wait4``); for PostgreSQL also the server's CPU per TU (the backend of the import's connection and the
cluster's other processes, by psutil: the postmaster's own and its ended children's, and its living
children's, before and after) and the backend's peak RSS (``VmHWM``, shared buffers it touched
included); peak RSS of our processes summed (the store's process and the reader process: their peaks,
an upper bound of what they hold at once).

PostgreSQL: a throwaway cluster (``tests/pg.py``: fsync off, 32 MB shared buffers) unless ``--pg URL``
(a database in which the bench may create and drop schemas).

Usage: python bench/tm_import.py [--data DIR] [--sizes 1m] [--runs 3]
       [--tools sqlite-1p,sqlite-2p,postgresql,translate-toolkit]
       [--baseline DIR]   (another checkout's sqlite-2p import too, alternated: a paired comparison)
(run ``bench/tm_data.py --out DIR`` first).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTS = {"50k": 50_000, "200k": 200_000, "1m": 1_000_000}
TOOLS = ("sqlite-1p", "sqlite-2p", "postgresql", "translate-toolkit")

OURS = """
import json, os, resource, sys
from bilingual.tm.bulk import import_tmx
tmx, target, n, parallel = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "2"
server = {}
if target.startswith("postgresql://"):
    from bilingual.tm.postgres import PostgresStore
    s = PostgresStore(target)
    backend = s.db.execute("SELECT pg_backend_pid()").fetchone()[0]
else:
    from bilingual.tm.sqlite import SQLiteStore
    s = SQLiteStore(target)
    backend = None
r = import_tmx(s, tmx, parallel=parallel)
assert r.added == n, r
if backend is not None:
    import psutil
    p = psutil.Process(backend)
    t = p.cpu_times()
    hwm = [l for l in open(f"/proc/{backend}/status") if l.startswith("VmHWM")][0].split()[1]
    server = {"backend_cpu": t.user + t.system, "backend_hwm_kb": int(hwm)}
s.close()
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import bilingual
root = os.path.dirname(os.path.dirname(os.path.realpath(bilingual.__file__)))
print(json.dumps({"self_kb": own, "reader_kb": kids.ru_maxrss if parallel else 0, "root": root, **server}),
      file=sys.stderr)
"""

# a checkout whose import_tmx has no ``parallel`` (a file of 4 MB or more is read by a reader process there)
OURS_BASELINE = OURS.replace("import_tmx(s, tmx, parallel=parallel)", "import_tmx(s, tmx)")

PEER = """
import json, resource, sys
from translate.storage.tmx import tmxfile
with open(sys.argv[1], "rb") as f:
    store = tmxfile(f, sourcelanguage="en", targetlanguage="ja")
assert len(store.units) == int(sys.argv[3]), len(store.units)
print(json.dumps({"self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "reader_kb": 0}), file=sys.stderr)
"""


def run(code: str, *args: str, root: Path = ROOT) -> dict:
    """Wall, CPU and peak RSS of a fresh Python process running ``code`` (and of the reader it waits for),
    bilingual imported from ``root``."""
    env = dict(os.environ, PYTHONPATH=str(root))
    t = time.perf_counter()
    # run in ``root`` with -P: the current folder is not put first on sys.path (the bench runs from a
    # checkout, whose bilingual would win), and a version whose reader process (``python -m``) still puts it
    # first finds its own there
    p = subprocess.Popen([sys.executable, "-P", "-c", code, *args], env=env, stderr=subprocess.PIPE, cwd=root)
    err = p.stderr.read().decode()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"failed: {args}: {err}")
    extra = json.loads(err.strip().splitlines()[-1])
    if extra.pop("root", str(root.resolve())) != str(root.resolve()):      # (translate-toolkit's run has none)
        raise SystemExit(f"the run did not import bilingual from {root}")
    # (wait4's CPU times include the reader process the child waited for; its ru_maxrss is the larger of
    # the two peaks, so each process reports its own)
    return {"wall": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "rss": extra.pop("self_kb") / 1024,
            "reader": extra.pop("reader_kb") / 1024, **extra}


def _cluster_cpu(pid: int | None) -> float:
    """CPU seconds of a PostgreSQL server's processes (the postmaster and its children) so far."""
    if pid is None:
        return 0.0
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for p in procs:                            # the postmaster's children_* hold its children that have ended
        try:
            t = p.cpu_times()
            total += t.user + t.system + (t.children_user + t.children_system if p is root else 0.0)
        except psutil.Error:
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/bilingual-bench"))
    ap.add_argument("--sizes", default="1m")
    ap.add_argument("--runs", type=int, default=3, help="rounds; each tool once a round, alternated")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--pg", help="a postgresql:// URL (default: a throwaway cluster, tests/pg.py)")
    ap.add_argument("--baseline", type=Path, help="another checkout (e.g. `git archive main`): its sqlite-2p "
                                                  "(and postgresql, when asked for) import is run too, alternated")
    args = ap.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    if args.baseline:
        tools += [f"{t}-baseline" for t in ("sqlite-2p", "postgresql") if t in tools]
    unknown = {t.removesuffix("-baseline") for t in tools} - set(TOOLS)
    if unknown:
        raise SystemExit(f"unknown tools: {sorted(unknown)}")
    cluster, base, postmaster = None, args.pg, None
    if "postgresql" in tools and base is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg import Cluster, binaries

        cluster = Cluster(binaries())
        base = cluster.base
        postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
    try:
        for name in args.sizes.split(","):
            _size(args, name, tools, base, postmaster)
    finally:
        if cluster is not None:
            cluster.stop()


def _size(args, name: str, tools: list[str], base: str | None, postmaster: int | None) -> None:
    import psycopg

    tmx = args.data.resolve() / f"tm-{name}.tmx"
    n = COUNTS[name]
    db = args.data.resolve() / f"import-{name}.sqlite"
    results: dict[str, list[dict]] = {t: [] for t in tools}
    for k in range(args.runs):
        for tool in tools:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            if tool == "translate-toolkit":
                r = run(PEER, str(tmx), "", str(n))
            elif tool in ("postgresql", "postgresql-baseline"):
                schema = f"bench_import_{os.getpid()}_{k}"
                with psycopg.connect(base, autocommit=True) as c:
                    c.execute(f"CREATE SCHEMA {schema}")
                sep = "&" if "?" in base else "?"
                url = f"{base}{sep}options=-csearch_path%3D{schema}"
                before = _cluster_cpu(postmaster)
                try:
                    if tool == "postgresql":
                        r = run(OURS, str(tmx), url, str(n), "2")
                    else:
                        r = run(OURS_BASELINE, str(tmx), url, str(n), "2", root=args.baseline.resolve())
                    time.sleep(1.0)            # the import's backend ends and is reaped by the postmaster
                    r["server_cpu"] = _cluster_cpu(postmaster) - before if postmaster else r.get("backend_cpu", 0.0)
                finally:
                    with psycopg.connect(base, autocommit=True) as c:
                        c.execute(f"DROP SCHEMA {schema} CASCADE")
            elif tool == "sqlite-2p-baseline":
                r = run(OURS_BASELINE, str(tmx), str(db), str(n), "2", root=args.baseline.resolve())
            else:
                r = run(OURS, str(tmx), str(db), str(n), "2" if tool == "sqlite-2p" else "1")
            results[tool].append(r)
            print(f"# {name} round {k + 1} {tool}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, "
                  f"{r['rss']:.0f}+{r['reader']:.0f} MB" + (f", server {r['server_cpu']:.1f} s CPU"
                                                          if "server_cpu" in r else ""), flush=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    size = tmx.stat().st_size // 1_000_000
    print(f"\n{name} ({size} MB, {n:,} TUs), {args.runs} rounds, medians (min–max); peak RSS the largest\n")
    print("| tool | wall | TU/s | CPU µs/TU, our processes | CPU µs/TU, server | peak RSS, our processes |")
    print("|---|---|---|---|---|---|")
    for tool, rs in results.items():
        wall = statistics.median(r["wall"] for r in rs)
        cpu = statistics.median(r["cpu"] for r in rs) / n * 1e6
        big = max(rs, key=lambda r: r["rss"] + r["reader"])
        rss = f"{big['rss'] + big['reader']:,.0f} MB" + (f" ({big['rss']:.0f} + reader {big['reader']:.0f})"
                                                          if big["reader"] else "")
        server = "–"
        if tool.startswith("postgresql"):
            scpu = statistics.median(r.get("server_cpu", 0.0) for r in rs) / n * 1e6
            hwm = max(r.get("backend_hwm_kb", 0) for r in rs) / 1024
            server = f"{scpu:.1f} (backend peak RSS {hwm:.0f} MB)"
        times = [r["wall"] for r in rs]
        print(f"| {tool} | {wall:.1f} s ({min(times):.1f}–{max(times):.1f}) | {n / wall:,.0f} | {cpu:.1f} "
              f"| {server} | {rss} |", flush=True)
    if "translate-toolkit" in results:
        peer = statistics.median(r["wall"] for r in results["translate-toolkit"])
        for tool in results:
            if tool != "translate-toolkit":
                print(f"({tool} / translate-toolkit, median wall: "
                      f"{statistics.median(r['wall'] for r in results[tool]) / peer:.2f})")


if __name__ == "__main__":
    main()
