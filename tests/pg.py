"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a Unix socket, stopped at the end.

initdb refuses to run as root: as root the cluster belongs to the ``postgres``
OS user (Debian's package makes it); otherwise to the user running the tests.
The cluster's locale is C.UTF-8 (pg_trgm and Japanese need a non-C LC_CTYPE).
Locally without PostgreSQL the tests that need it are skipped; in CI
(``CI`` set) that is a failure: ``scripts/test`` (which ``.ci/run`` runs) installs Debian's ``postgresql``.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """The folder of initdb, pg_ctl and postgres (PATH first, then Debian's versioned folders)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
                         reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


class Cluster:
    """A running throwaway cluster; :meth:`url` gives a URL to a fresh schema each call."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="bilingual-pg-"))
        self.data, self.socket = self.root / "data", self.root / "socket"
        self.socket.mkdir()
        self.user: dict = {}
        if os.geteuid() == 0:                  # initdb refuses root: the postgres OS user runs the cluster
            import pwd

            pw = pwd.getpwnam("postgres")
            self.user = {"user": pw.pw_uid, "group": pw.pw_gid}
            for p in (self.root, self.socket):
                os.chown(p, pw.pw_uid, pw.pw_gid)
        self.port = 40000 + os.getpid() % 20000
        self._names = itertools.count()
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60", "-o",
                  f"-k {self.socket} -c listen_addresses='' -p {self.port} -c fsync=off "
                  "-c max_connections=50 -c shared_buffers=32MB", "start")
        self.base = f"postgresql://postgres@/postgres?host={self.socket}&port={self.port}"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([str(self.bin / tool), *args], capture_output=True, text=True, cwd=self.root,
                              **self.user)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed: {done.stderr or done.stdout}")

    def url(self) -> str:
        """A URL whose search path is a new empty schema (a fresh database, as a test sees it)."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.base, autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {name}")
        return f"{self.base}&options=-csearch_path%3D{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
