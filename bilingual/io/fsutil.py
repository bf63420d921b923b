"""File-system helpers shared by every output format."""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .errors import InputError


class OutputError(InputError, OSError):
    """An output cannot be written (full disk, read-only file system, a folder or device in the way…).

    An InputError, so the CLI prints one located line and exits 2; also an
    OSError, so callers that tolerate a failed write (a cache) still do.
    """

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        InputError.__init__(self, path, line, column, message)

    def __reduce__(self) -> tuple[type[OutputError], tuple[str, int, int, str]]:
        return OutputError, (self.path, self.line, self.column, self.message)


def output_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """The located one-line error for an output (or a temporary file in folder ``path``) that could not
    be written."""
    what = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        what = "no space left on the device"
    elif exc.errno == errno.EROFS:
        what = "read-only file system"
    elif exc.errno == errno.ENAMETOOLONG:
        what = "file name too long"
    elif exc.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST) and Path(path).is_dir():
        what = "a folder is in the way"
    return OutputError(str(path), 1, 1, f"cannot write: {what}")


def output_target(path: str | os.PathLike[str]) -> tuple[Path, int | None]:
    """Where a rewrite of ``path`` goes and the mode to keep (None for a new file); refuses what must not be replaced.

    A symlink is followed: the file it points to is rewritten and the link
    stays. A FIFO, device, socket or folder is never replaced by a regular
    file (``tm export /dev/full`` as root used to replace the device). A file
    with several hard links is refused: an atomic rename would split them
    (the other names would keep the old text), and writing in place would lose
    atomicity; the message says how to go on.
    """
    import stat

    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise output_error(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(str(path), 1, 1, "cannot write: a folder is in the way")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(str(path), 1, 1, "not a regular file (a pipe, device or socket): refused to replace it")
    if st.st_nlink > 1:
        raise OutputError(str(path), 1, 1, f"has {st.st_nlink} hard links; rewriting it would split them: refused "
                                           "(write to another name, or make it a file of its own first)")
    return target, stat.S_IMODE(st.st_mode)


@contextmanager
def atomic_writer(path: str | os.PathLike[str], *, replace: bool = True) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` when the block ends; if it raises (or the process dies), nothing does.

    The bytes go to a temporary file in the same directory, are flushed to
    disk, and the temporary file is renamed over ``path``: readers see the old
    file or the new one, never half. For outputs written as a stream. With
    ``replace=False`` it is linked to ``path`` instead, which fails with
    FileExistsError when ``path`` exists (even one created a moment ago).

    A rewrite keeps the file's permissions and writes through a symlink
    (see :func:`output_target`). An operating-system error (full disk,
    read-only file system, name too long, a folder in the way) is an
    :class:`OutputError`: one located line, exit 2; it is also an OSError.
    """
    if replace:
        target, mode = output_target(path)
    else:
        target, mode = Path(path), None
    import tempfile  # (here: reading inputs, which `check` does, needs none of it)

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode if mode is not None else 0o666 & ~_umask())
        if replace:
            os.replace(tmp_name, target)
        else:
            _link_new(tmp_name, target)
    except BaseException as exc:
        with suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError) and not isinstance(exc, (FileExistsError, OutputError)):
            raise output_error(path, exc) from None
        raise
    _fsync_dir(target.parent)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    with atomic_writer(path, replace=replace) as out:
        out.write(data)


def write_all_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write several files as a set: every target is checked and every new file written to a
    temporary name first, so that a folder in the way, a full disk or a refused target leaves all
    the old files as they were; only then are they renamed into place."""
    import tempfile

    targets = [(*output_target(path), path, data) for path, data in files]
    staged: list[tuple[str, Path]] = []
    try:
        for target, mode, path, data in targets:
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
            except OSError as exc:
                raise output_error(path, exc) from None
            staged.append((tmp_name, target))
            try:
                with os.fdopen(fd, "wb") as tmp:
                    tmp.write(data)
                    tmp.flush()
                    os.fsync(tmp.fileno())
                os.chmod(tmp_name, mode if mode is not None else 0o666 & ~_umask())
            except OSError as exc:
                raise output_error(path, exc) from None
        for (tmp_name, target), (_, _, path, _) in zip(staged, targets, strict=True):
            try:
                os.replace(tmp_name, target)
            except OSError as exc:
                raise output_error(path, exc) from None
    finally:
        for tmp_name, _ in staged:
            with suppress(FileNotFoundError):
                os.unlink(tmp_name)
    for parent in {t[0].parent for t in targets}:
        _fsync_dir(parent)


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
