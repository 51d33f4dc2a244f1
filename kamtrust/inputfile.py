"""Read input files, with one set of messages for what can go wrong.

Reading is bounded: only regular files are opened (a FIFO, a device or a socket is refused
from its ``stat`` before any ``open``, so nothing can block or stream without end), the open is
non-blocking in case the file was swapped for a FIFO in between, and at most ``limit + 1``
bytes are read. Each problem is a :class:`Reason`, rendered in the user's language.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamtrust.errors import InputFileError
from kamtrust.parser_words import ParserWords

MAX_RESULT_BYTES = 1 << 20
"""Largest result file read (1 MiB): results are a few KB, so anything bigger is not one."""
MAX_INPUT_BYTES = 64 << 20
"""Largest other input read whole (a questionnaire, a form export, a group summary)."""
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Reason:
    """Why a file is refused or left out: a key of kamtrust/i18n.py's catalogue and its values.

    ``parts`` are further reasons joined into the ``{problems}`` value (a damaged result lists
    everything wrong with it at once).
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()
    parts: tuple[Reason, ...] = ()

    def text(self, lang: str = "en") -> str:
        from kamtrust.i18n import noun, t

        # A value with a text(lang) of its own (a nested Reason, a number) is said in lang too.
        values = {
            k: v.text(lang) if hasattr(v, "text") else noun(lang, v) if k in ("what", "kind") else v
            for k, v in self.values
        }
        if self.parts:
            values["problems"] = "; ".join(p.text(lang) for p in self.parts)
        return t(lang, self.key, **values)


def reason(key: str, **values: Any) -> Reason:
    """A :class:`Reason` with ``values``."""
    return Reason(key, tuple(values.items()))


class InputReasonError(InputFileError):
    """An InputFileError whose problem is a :class:`Reason`, so a group can list it in any language."""

    def __init__(self, path: str | Path, why: Reason) -> None:
        self.reason = why
        super().__init__(path, why.text("en"))

    def text(self, lang: str) -> str:
        """The message in ``lang``: the file's name, then its reason."""
        return f"{self.path}: {self.reason.text(lang)}"


def special_kind(mode: int) -> str | None:
    """'fifo', 'device' or 'socket' for a file that is not a regular file or a folder."""
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return None


def check_stat(mode: int, size: int, limit: int, what: str) -> Reason | None:
    """Why a file with this ``stat`` must not be read, or None."""
    if stat.S_ISDIR(mode):
        return reason("read_folder", what=what)
    kind = special_kind(mode)
    if kind is not None:
        return reason(f"read_{kind}")
    if not stat.S_ISREG(mode):
        return reason("read_not_regular")
    if size > limit:
        return too_large(limit, what)
    return None


def too_large(limit: int, what: str) -> Reason:
    """The reason for a file over ``limit`` bytes."""
    return reason("read_too_large", limit=_size(limit), what=what)


def stat_problem(exc: OSError) -> Reason:
    """The reason for an OSError from stat or open."""
    if isinstance(exc, FileNotFoundError):
        return reason("read_missing")
    if exc.errno == errno.ELOOP:
        return reason("read_loop")
    return reason("read_unreadable", error=exc.strerror or str(exc))


def read_bytes(path: Path | str, name: str | None = None, *, what: str = "file", limit: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes; InputFileError names it when it is missing, a folder, special,
    larger than ``limit`` or unreadable. Never blocks on a FIFO, never reads more than limit+1."""
    name = name or str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputReasonError(name, stat_problem(exc)) from None
    why = check_stat(st.st_mode, st.st_size, limit, what)
    if why is not None:
        raise InputReasonError(name, why)
    return read_open(path, name, what=what, limit=limit)


def read_open(path: Path | str, name: str, *, what: str, limit: int) -> bytes:
    """Open and read a file already checked by ``stat`` (see :func:`read_bytes`)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputReasonError(name, stat_problem(exc)) from None
    try:
        st = os.fstat(fd)
        # Checked again on the open file: it may have been replaced since the stat.
        why = check_stat(st.st_mode, st.st_size, limit, what)
        if why is not None:
            raise InputReasonError(name, why)
        data = read_upto(fd, st.st_size, limit)
        if len(data) > limit:
            raise InputReasonError(name, too_large(limit, what))
        return data
    except OSError as exc:
        raise InputReasonError(name, stat_problem(exc)) from None
    finally:
        os.close(fd)


def read_upto(fd: int, size: int, limit: int) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them (one more than allowed says it is too big).

    ``size`` is what fstat says; asking for just over it avoids allocating ``limit`` bytes per
    file (a group reads thousands). A file that grew, or whose size stat does not know (0 in
    /proc), is read on in chunks, still bounded.
    """
    data = os.read(fd, min(size, limit) + 1)
    if len(data) <= size or len(data) > limit:
        return data
    chunks, total = [data], len(data)
    while total <= limit:
        chunk = os.read(fd, min(1 << 16, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB"


def _no_constant(name: str) -> Any:
    raise _Constant(name)


class _Constant(ValueError):
    pass


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
"""One decoder for every file (json.loads with an option would build one per call)."""


def parse_json(raw: bytes, name: str, *, kind: str) -> Any:
    """The JSON document in ``raw`` (UTF-8, BOM allowed); errors say it is not a ``kind``.

    Strict JSON: NaN and Infinity are refused (they are not JSON, and no score can be NaN), and
    so are integers too long for Python to convert and nesting too deep to walk.
    """
    try:
        # The BOM by hand: the "utf-8-sig" codec is a Python-level wrapper, several times slower.
        text = (raw[3:] if raw[:3] == b"\xef\xbb\xbf" else raw).decode("utf-8")
    except UnicodeDecodeError:
        raise InputReasonError(name, reason("json_not_utf8", kind=kind)) from None
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise InputReasonError(
            name, reason("json_invalid", kind=kind, line=exc.lineno, column=exc.colno, error=ParserWords(exc.msg))
        ) from None
    except _Constant as exc:
        raise InputReasonError(name, reason("json_constant", kind=kind, constant=str(exc))) from None
    except RecursionError:
        raise InputReasonError(name, reason("json_too_deep", kind=kind)) from None
    except ValueError:
        # Python refuses to convert integers of more than 4300 digits (CVE-2020-10735).
        raise InputReasonError(name, reason("json_huge_number", kind=kind)) from None
