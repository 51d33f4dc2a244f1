"""Atomic file writes: a crash or a kill never leaves a truncated file behind."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from kamtrust.errors import OutputError

TEMP_MARK = ".kamtrust-"
"""Every temporary file we create is named ``.<target name>.kamtrust-<8 random>.tmp``."""
STALE_AFTER = 15 * 60
"""Seconds after which a temporary file of ours is a leftover of a killed process.

No write of ours takes this long: a temporary file lives from its creation to its rename."""
_OURS = re.compile(r"^\..*\.kamtrust-[a-z0-9_]{8}\.tmp$")
# Before the marker, releases named result temporaries ".<name>.json.<8 random>.tmp".
_OURS_BEFORE = re.compile(r"^\..+\.json\.[a-z0-9_]{8}\.tmp$")
_swept: set[str] = set()


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = True, lang: str | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename it over.

    Readers see either the old file or the complete new one, never a part. Raises OutputError.
    Without ``overwrite``, a file that appeared at ``path`` since the command checked it (another
    process writing the same output at the same moment) is never replaced: the write is refused,
    saying so in ``lang`` (the same bytes, written by a twin of this command, are no failure).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        sweep_stale_temporaries(parent)
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=parent)
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
        # Checked again at the last moment: the rename would replace a link, a FIFO or a
        # device node that appeared since the command's own check.
        from kamtrust.outputs import refuse_special

        refuse_special(path)
        if overwrite:
            os.replace(tmp, path)
        else:
            rename_new(Path(tmp), path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError) and not overwrite:
            from kamtrust.i18n import message_language, t
            from kamtrust.outputs import refusal

            raise refusal(path, t(message_language(lang), "out_exists"), lang) from None
        if isinstance(exc, OSError):
            raise OutputError(path, _reason(exc)) from None
        raise
    _fsync_dir(parent)


class TakenMeanwhile(FileExistsError):
    """A name another process took, with other bytes, while this one was writing it."""


def rename_new(tmp: Path, final: Path) -> None:
    """Rename without ever replacing: a hard link fails when the name is taken.

    Taken by the very same bytes (another import of the same export into this folder at the
    same moment) is no failure: the file is there, whole. Other bytes: :class:`TakenMeanwhile`."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        import filecmp

        same = filecmp.cmp(tmp, final, shallow=False)
        os.unlink(tmp)
        if same:
            return
        raise TakenMeanwhile(17, "File exists", str(final)) from None
    except OSError:
        # File systems without hard links (FAT, some network shares): check, then rename.
        if final.exists():
            raise FileExistsError(17, "File exists", str(final)) from None
        os.replace(tmp, final)
        return
    os.unlink(tmp)


def _temp_prefix(name: str) -> str:
    # A file name has at most 255 bytes: keep room for the mark, the random part and ".tmp".
    while len(name.encode("utf-8", "surrogateescape")) > 200:
        name = name[:-1]
    return f".{name}{TEMP_MARK}"


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file of ours (no reader takes it for a result)."""
    return bool(_OURS.match(name) or _OURS_BEFORE.match(name))


def sweep_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Delete our temporary files in ``folder`` older than STALE_AFTER; once per folder and process.

    A process killed in the middle of a write leaves its temporary file. Only regular files
    named by our exact pattern, owned by this user and not touched for STALE_AFTER seconds go;
    anything else, and any error, is left alone. Returns what was deleted.
    """
    key = os.path.abspath(folder)
    if now is None:
        if key in _swept:
            return []
        _swept.add(key)
        now = time.time()
    removed = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not is_temporary(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
                continue
            if now - st.st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


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
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(".check"), suffix=".tmp", dir=parent)
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
