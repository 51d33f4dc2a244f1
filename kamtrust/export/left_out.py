"""Files left out of a group, counted and named by reason, the same in every format.

An unreadable file (or one that is not a result) and a readable result whose answers do not fit
the questionnaire are different problems with different fixes: they are never lumped together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kamtrust.i18n import plural, t
from kamtrust.results.collect import (
    EARLIER,
    INCOMPLETE,
    MISDATED,
    NOT_FIT,
    OTHER_ACCOUNT,
    PARTIAL,
    REJECTED,
    SAME_CONTENT,
    SAME_FILE,
)

SAID = (PARTIAL, REJECTED, NOT_FIT, MISDATED)
"""The kinds a report's "not included" line names, in this order."""


def sentence(excluded: Mapping[str, int], lang: str) -> str:
    """ "Not included: 1 unfinished, 3 files unreadable or not results and 2 results whose answers
    do not fit the questionnaire." in ``lang``; empty when nothing of these kinds was left out."""
    parts = []
    for kind in SAID:
        n = excluded.get(kind, 0)
        if n:
            parts.append(t(lang, plural(f"lo_{kind}", n), n=n))
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + t(lang, "lo_and") + parts[-1]
    return t(lang, "lo_head", parts=listed)


def about_rows(excluded: Mapping[str, int], lang: str) -> list[tuple[str, int]]:
    """The "about" sheet's rows: unfinished, unreadable, and not fitting, each with its count; then
    each other kind when there are any (copies, earlier results, another account, no answers,
    misdated), so that the rows add up to the files read."""
    rows = [(t(lang, key), excluded.get(kind, 0)) for key, kind in ABOUT]
    for key, kinds in ABOUT_WHEN_ANY:
        n = sum(excluded.get(kind, 0) for kind in kinds)
        if n:
            rows.append((t(lang, key), n))
    return rows


ABOUT = (("gx_a_partial", PARTIAL), ("gx_a_rejected", REJECTED), ("gx_a_not_fit", NOT_FIT))
ABOUT_WHEN_ANY = (
    ("gx_a_copies", (SAME_FILE, SAME_CONTENT)),
    ("gx_a_earlier", (EARLIER,)),
    ("gx_a_other_account", (OTHER_ACCOUNT,)),
    ("gx_a_incomplete", (INCOMPLETE,)),
    ("gx_a_misdated", (MISDATED,)),
)


def added(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Counts per kind summed over several sets (a comparison's before and after)."""
    total: dict[str, int] = {}
    for each in counts:
        for kind, n in each.items():
            total[kind] = total.get(kind, 0) + n
    return total
