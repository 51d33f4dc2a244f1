"""The files a row was imported into before: checked, not trusted by their name alone.

A row whose file name is in the folder counts as "already imported" only when that file is a
readable result of that row (its answers, name, account and cohort). A damaged one (empty,
truncated, another document) is written again, atomically; a symbolic link or anything but a
regular file is refused, since import never writes through a link nor trusts what it points at.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamtrust.errors import KamtrustError
from kamtrust.i18n import t
from kamtrust.results.forms.build import Planned


@dataclass(frozen=True)
class Checked:
    """What the folder's files of the rows imported before say."""

    damaged: list[Planned]
    """Files to write again: unreadable, or not a result of their row."""
    other_time: list[tuple[Planned, str]]
    """Rows whose stored time (kept) differs from this import's reading of it."""


def check_existing(folder: Path, planned: Iterable[Planned], lang: str) -> Checked:
    """Check each already-imported row's file; KamtrustError for a link or a special file."""
    from kamtrust.results.document import read_result

    damaged: list[Planned] = []
    other_time: list[tuple[Planned, str]] = []
    for p in planned:
        path = folder / p.name
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            damaged.append(p)
            continue
        except OSError as exc:
            raise KamtrustError(t(lang, "imp_existing_special", path=path, what=exc.strerror or str(exc))) from None
        if stat.S_ISLNK(mode):
            raise KamtrustError(t(lang, "imp_existing_link", path=path, target=os.readlink(path)))
        if not stat.S_ISREG(mode):
            raise KamtrustError(t(lang, "imp_existing_special", path=path, what=t(lang, "imp_not_regular")))
        try:
            result = read_result(path)
        except (KamtrustError, OSError, ValueError):
            damaged.append(p)
            continue
        row, who = p.row, result.participant
        if dict(result.answers) != dict(row.answers) or (who.name, who.account, who.cohort) != (
            row.name,
            row.account,
            row.cohort,
        ):
            damaged.append(p)
        elif row.created_at is not None and result.created_at != row.created_at:
            other_time.append((p, result.created_at))
    return Checked(damaged, other_time)
