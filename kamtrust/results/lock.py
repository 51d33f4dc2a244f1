"""One session per unfinished assessment: an advisory lock on a small file beside the partial.

The operating system holds the lock for the process and drops it when the process ends, however
it ends (SIGKILL and power cuts included), so a crashed session never leaves an assessment stuck.
The lock file itself is removed on release; one left by a killed session is reused or swept.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kamtrust.errors import KamtrustError, OutputError

LOCK_PREFIX = "."
LOCK_SUFFIX = ".lock"


class Busy(KamtrustError):
    """Another session holds the assessment."""

    exit_code = 4

    def __init__(self, path: Path, pid: int | None) -> None:
        super().__init__(f"{path} is open in another kamtrust session")
        self.path = path
        self.pid = pid


def lock_path(partial: Path) -> Path:
    """``.NAME.lock`` beside ``NAME``: hidden, and never matched by ``*.json``."""
    return partial.with_name(f"{LOCK_PREFIX}{partial.name}{LOCK_SUFFIX}")


class SessionLock:
    """The lock on one partial result, held until ``release()`` or the end of the process."""

    def __init__(self, partial: Path) -> None:
        self.partial = partial
        self.path = lock_path(partial)
        self._fd: int | None = None

    def acquire(self) -> SessionLock:
        """Take the lock now or raise Busy; never waits."""
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(self.path, exc.strerror or str(exc)) from None
            if not _try_lock(fd):
                os.close(fd)
                raise Busy(self.partial, _read_pid(self.path))
            # Another session may have removed the file between our open and our lock: then we
            # locked a file nobody else can find, and must lock the one that is there now.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                break
            os.close(fd)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        """Remove the lock file (while still holding it) and let go."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def sweep(folder: Path) -> None:
    """Remove lock files left by killed sessions whose partial is gone (so they never pile up)."""
    if not folder.is_dir():
        return
    for path in folder.glob(f"{LOCK_PREFIX}*{LOCK_SUFFIX}"):
        partial = path.with_name(path.name[len(LOCK_PREFIX) : -len(LOCK_SUFFIX)])
        if partial.exists():
            continue  # reused by the next session on that partial
        with contextlib.suppress(Busy, OSError):
            SessionLock(partial).acquire().release()


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and len(text) < 12 else None
