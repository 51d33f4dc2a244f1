"""Atomic file writes: a crash or a kill never leaves a truncated file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kamtrust.errors import OutputError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename it over.

    Readers see either the old file or the complete new one, never a part. Raises OutputError.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        with contextlib.suppress(OSError, AttributeError):
            os.fchmod(fd, _default_mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, _reason(exc)) from None
        raise
    _fsync_dir(parent)


def _default_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def check_writable(path: Path) -> None:
    """Fail early (before any work) when ``path`` could not be written; creates nothing lasting."""
    if path.is_dir():
        raise OutputError(path, "it is a folder; give a file name")
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kamtrust-check.", dir=parent)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None
    os.close(fd)
    os.unlink(tmp)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (POSIX); Windows has no
    # directory handles to fsync, hence the suppress.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied (is the file open in another program, or the folder read-only?)"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "a file stands where a folder is needed"
    return exc.strerror or str(exc)
