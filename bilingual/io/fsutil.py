"""File-system helpers shared by every output format."""
from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator


@contextmanager
def atomic_writer(path: str | os.PathLike[str], *, replace: bool = True) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` when the block ends; if it raises (or the process dies), nothing does.

    The bytes go to a temporary file in the same directory, are flushed to
    disk, and the temporary file is renamed over ``path``: readers see the old
    file or the new one, never half. For outputs written as a stream. With
    ``replace=False`` it is linked to ``path`` instead, which fails with
    FileExistsError when ``path`` exists (even one created a moment ago).
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        if replace:
            os.replace(tmp_name, target)
        else:
            _link_new(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    with atomic_writer(path, replace=replace) as out:
        out.write(data)


def _link_new(tmp_name: str, target: Path) -> None:
    """Give the temporary file the name ``target`` unless that name exists; drop the temporary name."""
    try:
        os.link(tmp_name, target)
    except FileExistsError:
        raise
    except OSError:                      # no hard links here: check, then rename
        if target.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(tmp_name, target)
        return
    os.unlink(tmp_name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (POSIX only; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_regular(path: str | os.PathLike[str]) -> int:
    """The size of ``path`` if it is a regular file; an InputError for a FIFO, device or folder (reading would hang).

    ``bilingual check /dev/zero`` or a named pipe called ``doc.yaml`` must not block or fill memory.
    """
    import stat

    from .errors import InputError

    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(str(path), 1, 1, f"cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "a pipe, device or socket"
        raise InputError(str(path), 1, 1, f"not a regular file ({what}): refused")
    return st.st_size


def read_input(path: str | os.PathLike[str], limit: int) -> bytes:
    """An input file's bytes: a regular file of at most ``limit`` bytes, else a located InputError."""
    from .errors import InputError

    size = check_regular(path)
    if size > limit:
        raise InputError(str(path), 1, 1, f"file is {size} bytes; the limit is {limit}")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), 1, 1, f"cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise InputError(str(path), 1, 1, f"file is over the limit of {limit} bytes")
    return data
