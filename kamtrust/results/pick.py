"""Which saved result a command means: a file, ``latest``, or a line number of ``kamtrust history``."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kamtrust.errors import KamtrustError
from kamtrust.i18n import plural, t
from kamtrust.paths import results_dir

LATEST = "latest"


def is_reference(text: str) -> bool:
    """True when ``text`` names a saved result by ``latest`` or a history line rather than by a file."""
    return (text == LATEST or text.isdigit()) and not Path(text).exists()


def pick(ref: str | None, lang: str) -> Path:
    """The file ``ref`` means: a path as given; ``latest`` (or nothing) the newest complete result;
    ``N`` the N-th line of ``kamtrust history`` (newest first, unfinished ones included)."""
    if ref is not None and not is_reference(ref):
        return Path(ref)
    from kamtrust.results.history import UNREADABLE, history

    entries = history(lang)
    if not entries:
        raise KamtrustError(t(lang, "history_empty", path=results_dir()))
    if ref is None or ref == LATEST:
        for e in entries:
            if e.status == "complete":
                return e.path
        raise KamtrustError(t(lang, plural("no_complete", len(entries)), n=len(entries)))
    n = int(ref)
    if not 1 <= n <= len(entries):
        raise KamtrustError(t(lang, "no_such_line", n=ref, count=len(entries)))
    entry = entries[n - 1]
    if entry.status == UNREADABLE:
        raise KamtrustError(f"{entry.path}: {entry.problem}")
    return entry.path


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Say why a result file cannot be read in ``lang`` (``--lang``, else the locale's)."""
    from kamtrust.errors import InputFileError
    from kamtrust.inputfile import InputReasonError

    try:
        yield
    except InputReasonError as exc:
        raise InputFileError(exc.path, exc.reason.text(lang)) from None


def reference(path: Path) -> str:
    """How the next steps name a result just saved: ``latest`` in the results folder, else its path."""
    try:
        if path.resolve().parent == results_dir().resolve() and not path.name.endswith(".partial.json"):
            return LATEST
    except OSError:
        pass
    return shlex.quote(str(path))
