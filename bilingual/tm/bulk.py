"""TMX import in two processes: a reader process parses and prepares batches while the store writes.

Parsing a TMX file and keying its texts (:mod:`bilingual.tm.rows`) is about
half of an import's work, writing SQLite the other half; on two cores they
overlap. The reader process pickles each prepared batch into a pipe (a
pipe's worth in flight, about a batch: memory stays flat), then ``None``; a located InputError is
sent as such and raised here. The reader is ``python -m bilingual.tm.bulk``
(a plain subprocess: no multiprocessing start method re-runs the caller's
main module). A small file is read in this process.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..io.errors import InputError
from .rows import Prepared, prepare

if TYPE_CHECKING:
    from .store import AddResult, Store

PARALLEL_BYTES = 4_000_000          # a file this large gets a reader process
BATCH = 2500                        # TUs a batch at least (the fast path gives a 1 MiB block's TUs at once)
PIPE_BYTES = 1 << 20                # the pipe from the reader process: about a batch


def import_tmx(store: Store, path: str | Path, progress: Callable[[int], None] | None = None,
               parallel: bool | None = None) -> AddResult:
    """Import a TMX file into any store in one transaction (``progress``: bytes read); idempotent.

    The file is read (a large one by a second process; ``parallel`` decides
    instead when given) into prepared batches that the store adds
    (:meth:`bilingual.tm.store.Store.add_prepared`), recorded as coming from
    the file (:mod:`bilingual.tm.provenance`).
    """
    from .provenance import Origin

    fast = getattr(store, "exact_xml", True)
    return store.add_prepared(lambda first: prepared_batches(Path(path), first, progress, parallel, fast=fast),
                              progress, Origin.now("file", str(Path(path).resolve())))


def prepared_batches(path: Path, first: int, progress: Callable[[int], None] | None = None,
                     parallel: bool | None = None, fast: bool = True) -> Iterator[Prepared]:
    """The TUs of a TMX file as prepared batches, ids from ``first`` on (``done``: bytes read so far).

    ``fast``: the TMX reader's fast path may be taken (see :func:`bilingual.formats.tmx.read_tmx_batches`).
    """
    if parallel is None:
        parallel = path.stat().st_size >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1
    if not parallel:
        yield from _prepared(path, first, fast)
        return
    import pickle
    import subprocess
    import sys
    import tempfile

    import bilingual

    env = dict(os.environ)
    root = str(Path(bilingual.__file__).resolve().parent.parent)    # the same code in both processes
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
    with tempfile.TemporaryFile() as errors:
        # -P: the current folder not first on sys.path, so a bilingual there (another checkout) is not run
        reader = subprocess.Popen([sys.executable, "-P", "-m", "bilingual.tm.bulk", str(path), str(first),
                                   *([] if fast else ["--streaming"])],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, env=env)
        pipe = reader.stdout
        assert pipe is not None                        # stdout=PIPE
        _widen(pipe.fileno())
        try:
            while True:
                try:
                    message = pickle.load(pipe)
                except (EOFError, pickle.UnpicklingError):
                    reader.wait()
                    errors.seek(0)
                    last = (errors.read().decode(errors="replace").strip().splitlines() or ["no message"])[-1]
                    raise InputError(str(path), 1, 1, f"the TMX reader process stopped: {last}") from None
                if message is None:
                    break
                if isinstance(message, BaseException):
                    raise message
                yield message
        finally:
            pipe.close()
            if reader.poll() is None:
                reader.kill()
            reader.wait()


def _widen(fd: int) -> None:
    """Let the pipe hold a whole batch (1 MiB, Linux's limit for a user; the default is 64 KiB), so the
    reader prepares the next batch while the last one waits to be read: the two processes then overlap
    (1M TUs, paired: wall 0.95×, docs/benchmarks.md). Where the pipe cannot be widened it stays as it is."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):      # not Linux, or over the system's limit
        pass


def _prepared(path: Path, first: int, fast: bool = True) -> Iterator[Prepared]:
    from ..formats.tmx import read_tmx_batches

    done = [0]

    def seen(n: int) -> None:
        done[0] = n

    for units in read_tmx_batches(path, seen, size=BATCH, plain=True, fast=fast):
        yield prepare(units, first, done[0])
        first += len(units)


def main(argv: list[str]) -> int:
    """The reader process (``python -m bilingual.tm.bulk PATH FIRST_ID [--streaming]``): pickled batches on
    stdout, then None.

    A bad file ends the stream with its InputError, any other failure with a RuntimeError.
    """
    import pickle
    import sys

    out = sys.stdout.buffer
    try:
        for batch in _prepared(Path(argv[0]), int(argv[1]), fast="--streaming" not in argv[2:]):
            pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
        message: object = None
    except InputError as exc:
        message = exc
    except Exception as exc:               # any error: reported to the parent, which raises it
        message = RuntimeError(f"TMX reader: {type(exc).__name__}: {exc}")
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
