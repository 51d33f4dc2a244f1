"""Write many new files into one folder, crash-safe, with one sync for the whole batch.

``write_atomic`` syncs each file and its folder: right for one result, slow for thousands (two
waits on the disk per file). Here every file is written to a hidden temporary name, the whole
batch is made durable at once (Linux: ``syncfs`` on the folder's file system; elsewhere an
``fsync`` per file, still without a folder sync per file), then each is renamed to its final
name and the folder is synced once.

What "crash-safe" means here: a final name appears only after its content is on disk, so after
a crash or a power cut each file is either absent or whole, never truncated or empty. Files
renamed before the crash may or may not survive it (the folder's last sync had not happened):
running the import again writes exactly the missing ones (their names are stable). Hidden
``.*.kamtrust-tmp`` files left by a killed run are removed by the next one.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kamtrust.atomic import TakenMeanwhile, _default_mode, _fsync_dir, _reason, rename_new
from kamtrust.errors import OutputError

TMP_SUFFIX = ".kamtrust-tmp"
STALE_AFTER = 3600.0
"""Seconds after which another process's temporary file counts as abandoned."""
TAKEN_MEANWHILE = (
    "another process wrote a different file under this name meanwhile (another import into the same "
    "folder?); kamtrust never replaces one: import again once it has finished"
)


def write_batch(
    folder: Path,
    files: Iterable[tuple[str, str]],
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write each ``(name, text)`` as ``folder/name``; never replaces an existing file.

    Returns the paths written. ``progress(n)`` is called as files are written. OutputError on
    any failure, after removing this batch's temporary files (files already renamed stay: each
    is complete).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, _reason(exc)) from None
    mode = _default_mode(folder / ".kamtrust-mode-probe")
    pid = os.getpid()
    temps: list[tuple[Path, Path]] = []
    per_file_sync = not _can_syncfs()
    try:
        for n, (name, text) in enumerate(files, start=1):
            final = folder / name
            tmp = folder / f".{name}.{pid}{TMP_SUFFIX}"
            temps.append((tmp, final))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
            try:
                os.write(fd, text.encode("utf-8"))
                if per_file_sync:
                    os.fsync(fd)
            finally:
                os.close(fd)
            if progress is not None:
                progress(n)
        if temps and not per_file_sync:
            _syncfs(folder)
        written = []
        for tmp, final in temps:
            rename_new(tmp, final)
            written.append(final)
    except OSError as exc:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, TakenMeanwhile):
            raise OutputError(Path(exc.filename), TAKEN_MEANWHILE) from None
        raise OutputError(folder, _reason(exc)) from None
    except BaseException:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _fsync_dir(folder)
    return written


def _can_syncfs() -> bool:
    return sys.platform.startswith("linux") and _libc_syncfs() is not None


def _libc_syncfs() -> Callable[[int], int] | None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


def _syncfs(folder: Path) -> None:
    syncfs = _libc_syncfs()
    assert syncfs is not None
    fd = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            import ctypes

            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    finally:
        os.close(fd)


def remove_stale(folder: Path, now: float | None = None) -> int:
    """Remove temporary files an interrupted batch left in ``folder``; how many were removed.

    A file counts as left over when the process that wrote it is gone, or it is older than
    STALE_AFTER (another computer's process, on a shared folder).
    """
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX)):
                continue
            pid_text = entry.name[: -len(TMP_SUFFIX)].rsplit(".", 1)[-1]
            try:
                old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            except OSError:
                continue
            if old or not _alive(pid_text):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _alive(pid_text: str) -> bool:
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # called before this process writes anything: a namesake's leftover
    if os.name == "nt":
        return True  # os.kill(pid, 0) would send Ctrl-C there; rely on the age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
