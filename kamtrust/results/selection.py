"""Choosing which results of a folder a group command uses: by account, cohort, name and date.

Applied after reading and before the one-result-per-person rule, so a report for one client
can come from a folder that holds every client's results. Texts are matched whole after
trimming and case-folding ("distribuciones norte " selects "Distribuciones Norte", never
"Distribuciones Norte S.A."). Dates are the local calendar day the result was saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from kamtrust.errors import UsageError
from kamtrust.i18n import t
from kamtrust.results.collect import Collection
from kamtrust.results.document import Result, parse_timestamp

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class Selection:
    """What to keep; None for a field means any value."""

    account: str | None = None
    cohort: str | None = None
    name: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.account, self.cohort, self.name, self.since, self.until))

    def describe(self, lang: str) -> str:
        """'account Norte, from 23/11/2026' in ``lang``."""
        from kamtrust.export.words import day_text

        parts = [
            t(lang, f"gx_sel_{k}", value=v)
            for k, v in (("account", self.account), ("cohort", self.cohort), ("name", self.name))
            if v is not None
        ]
        parts += [
            t(lang, f"gx_sel_{k}", value=day_text(d, lang))
            for k, d in (("since", self.since), ("until", self.until))
            if d is not None
        ]
        return ", ".join(parts)


def fold(text: str | None) -> str | None:
    """A text as compared: trimmed, inner spaces as typed, case-folded."""
    return None if text is None else text.strip().casefold()


def parse_day(option: str, value: str, lang: str) -> date:
    """A date typed for ``--since``/``--until``: YYYY-MM-DD, or DD/MM/YYYY when unambiguous.

    A day-month order that could be read either way (03/04/2026) is refused, never guessed:
    trainers from Spain, Mexico and the United States share the same folders. Month-first
    (11/25/2026) is refused too, as the help promises only day first: no month 25.
    """
    parts = _year_month_day(option, value, lang)
    if parts is None:
        raise UsageError(t(lang, "gx_bad_date", option=option, value=value))
    try:
        return date(*parts)
    except ValueError:
        # Written the right way, but the calendar has no such day (31/11, 29/02/2026): say so.
        raise UsageError(_not_a_real_date(option, value, *parts, lang)) from None


def _year_month_day(option: str, value: str, lang: str) -> tuple[int, int, int] | None:
    """The year, month and day ``value`` is written as (not checked against the calendar);
    None when it is not written as a date at all."""
    text = value.strip()
    m = _ISO.match(text)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = _DMY.match(text)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if a != b and 1 <= a <= 12 and 1 <= b <= 12:
        from kamtrust.export.words import day_text

        first, second = day_text(date(year, b, a), lang), day_text(date(year, a, b), lang)
        raise UsageError(t(lang, "gx_ambiguous_date", option=option, value=value, first=first, second=second))
    if b > 12 and a <= 12:
        # 11/25/2026: month-first, which the help does not offer; say why rather than read it.
        raise UsageError(t(lang, "gx_no_such_month", option=option, value=value, month=b))
    return year, b, a


def _not_a_real_date(option: str, value: str, year: int, month: int, day: int, lang: str) -> str:
    """Why a date written the right way does not exist: how many days its month has, when that is why."""
    if 1 <= month <= 12 and 1 <= year and day > 28:
        import calendar

        days = calendar.monthrange(year, month)[1]
        name = t(lang, "gx_months").split()[month - 1]
        return t(lang, "gx_no_such_day", option=option, value=value, month=name, year=year, days=days)
    return t(lang, "gx_not_real_date", option=option, value=value)


def local_day(result: Result) -> date | None:
    """The local calendar day ``result`` was saved."""
    moment = parse_timestamp(result.created_at)
    if moment is None:
        return None
    try:
        return moment.astimezone().date()
    except (OverflowError, ValueError, OSError):
        return moment.date()


def matches(result: Result, sel: Selection) -> bool:
    """Whether ``result`` is selected."""
    p = result.participant
    for wanted, have in ((sel.account, p.account), (sel.cohort, p.cohort), (sel.name, p.name)):
        if wanted is not None and fold(wanted) != fold(have):
            return False
    if sel.since is not None or sel.until is not None:
        day = local_day(result)
        if day is None:
            return False
        if sel.since is not None and day < sel.since:
            return False
        if sel.until is not None and day > sel.until:
            return False
    return True


def select(collection: Collection, sel: Selection) -> tuple[Collection, int]:
    """``collection`` with only the selected results, and how many were not selected."""
    if not sel.active:
        return collection, 0
    keep = [i for i, r in enumerate(collection.results) if matches(r, sel)]
    dropped = len(collection.results) - len(keep)
    files = [collection.files[i] for i in keep] if collection.files else []
    return replace(collection, results=[collection.results[i] for i in keep], files=files), dropped


def accounts(collection: Collection, lang: str) -> str:
    """The distinct accounts of ``collection``, as written, for a message."""
    names = sorted({r.participant.account for r in collection.results if r.participant.account}, key=str.casefold)
    return ", ".join(names) if names else t(lang, "gx_nobody")
