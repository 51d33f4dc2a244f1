"""Submission times in a form export: parsed exactly, never guessed, stored as UTC.

Formats read: ISO 8601; Google Forms' own download (``2026/11/04 5:02:55 p. m. GMT-5``,
``… PM GMT-5``); spreadsheet dates (``4/11/2026 17:02:55``, 12-hour clocks with ``a. m.``/``PM``,
two-digit years); Excel serial numbers (``46330.7104``) and the date cells of a workbook.

A date such as 04/11/2026 reads two ways. The order is settled for the whole column: by
``--date-format``, else by the values whose first or second number is above 12, when they are at
least as many as the values that read both ways (one hand-typed 11/23/2026 does not turn thirteen
05/11/2026 into 11 May); otherwise, or when every value fits both readings, or when the values
disagree, the import is refused rather than guessed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from kamtrust.results.forms.table import Cell

DAY_FIRST, MONTH_FIRST, ISO = "day-first", "month-first", "iso"
DATE_FORMATS = (DAY_FIRST, MONTH_FIRST, ISO)

_ZONE = re.compile(r"\s*(?:(?:GMT|UTC)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|Z)$", re.I)
_AMPM = re.compile(r"\s*([ap])\.?\s*m\.?$", re.I)
_TIME = r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?"
_YMD = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})" + _TIME + "$")
_XYY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})" + _TIME + "$")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SERIAL_RANGE = (20_000, 80_000)
"""Serial numbers read as dates: 1954 to 2119 (others are not submission times)."""


@dataclass(frozen=True)
class Stamp:
    """A timestamp split into its parts, before the day/month order is known."""

    first: int
    """Day or month (the year for ISO-ordered dates)."""
    second: int
    year: int
    hour: int
    minute: int
    second_of_minute: int
    offset: timedelta | None
    """The zone's offset when the value says it (GMT-5, Z, +01:00); None for local time."""
    ordered: bool
    """True when the order is known (year first, a workbook date, an Excel serial)."""
    text: str

    @property
    def ambiguous(self) -> bool:
        return not self.ordered and self.first != self.second and self.first <= 12 and self.second <= 12


class StampError(ValueError):
    """A value that is not a date and time this reader knows."""


def split(cell: Cell) -> Stamp | None:
    """The parts of a timestamp cell; None when blank. StampError when it is not a date."""
    if isinstance(cell, datetime):
        return _from_datetime(cell, cell.isoformat(sep=" "))
    if isinstance(cell, float):
        return _serial(cell, repr(cell))
    text = " ".join(cell.split())
    if not text:
        return None
    if _SERIAL.match(text):
        return _serial(float(text), text)
    iso = _iso(text)
    return iso if iso is not None else _written(text)


def _iso(text: str) -> Stamp | None:
    """An ISO 8601 value ('2026-11-04T17:02:55+01:00'); None when Python's ISO reader does not take it."""
    if len(text) >= 10 and text[4] == "-" and text[:4].isdigit():
        try:
            return _from_datetime(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")), text)
        except ValueError:
            pass
    return None


def _written(text: str) -> Stamp:
    """A date as forms and spreadsheets write it: year first or last, a 12- or 24-hour clock, a zone."""
    rest, offset = _zone(text)
    rest, meridiem = _meridiem(rest)
    m = _YMD.match(rest) or _XYY.match(rest)
    if m is None:
        raise StampError(text)
    ordered = m.re is _YMD  # year first: the order is known
    if ordered:
        year, first, second = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        first, second, year = int(m.group(1)), int(m.group(2)), _full_year(m.group(3))
    hour, minute, sec = _clock(m, meridiem, text)
    if not (1 <= first <= 31 and 1 <= second <= 31) or min(first, second) > 12:
        raise StampError(text)
    return Stamp(first, second, year, hour, minute, sec, offset, ordered, text)


def _full_year(digits: str) -> int:
    """'26' is 2026; four digits are the year as written."""
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _clock(m: re.Match[str], meridiem: str | None, text: str) -> tuple[int, int, int]:
    """Hour (0-23), minute and second of a matched date (0:00:00 when it has no time)."""
    hour, minute, sec = (int(g) if g else 0 for g in m.group(4, 5, 6))
    if meridiem:
        if not 1 <= hour <= 12:
            raise StampError(text)
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or sec > 59:
        raise StampError(text)
    return hour, minute, sec


def _zone(text: str) -> tuple[str, timedelta | None]:
    m = _ZONE.search(text)
    if m and m.group(0).strip():
        sign, hours, minutes = m.groups()
        delta = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        return text[: m.start()], -delta if sign == "-" else delta
    m = _OFFSET.search(text)
    if m and ":" in text[: m.start()]:  # 17:02:55+01:00, not a date's trailing -11
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        return text[: m.start()], -delta if m.group(1) == "-" else delta
    return text, None


def _meridiem(text: str) -> tuple[str, str | None]:
    m = _AMPM.search(text)
    if m and re.search(r"\d\s*$", text[: m.start()]):
        return text[: m.start()], m.group(1).lower()
    return text, None


def _from_datetime(dt: datetime, text: str) -> Stamp:
    offset = dt.utcoffset()
    return Stamp(dt.month, dt.day, dt.year, dt.hour, dt.minute, dt.second, offset, True, text)


def _serial(value: float, text: str) -> Stamp:
    lo, hi = _SERIAL_RANGE
    if not lo <= value <= hi:
        raise StampError(text)
    dt = _EXCEL_EPOCH + timedelta(seconds=round(value * 86400))
    return _from_datetime(dt, text)


@dataclass(frozen=True)
class Order:
    """How the column's dates are read, and why."""

    day_first: bool | None
    """True for day/month, False for month/day, None when no value needs it."""
    evidence: str | None
    """The value that settled it ('23/11/2026'), or None when --date-format did."""
    row: int | None


class AmbiguousDates(ValueError):
    """Every date of the column reads both ways: the example and its row."""

    def __init__(self, example: Stamp, row: int) -> None:
        super().__init__(example.text)
        self.example = example
        self.row = row


class MixedDates(ValueError):
    """Some values are day-first and others month-first: the two examples and their rows."""

    def __init__(self, day: tuple[Stamp, int], month: tuple[Stamp, int]) -> None:
        super().__init__(day[0].text)
        self.day, self.month = day, month


class FewSettlingDates(ValueError):
    """Fewer values settle the order than read both ways: those that settle it, one that reads
    both ways and how many do."""

    def __init__(self, day_first: bool, settling: list[tuple[Stamp, int]], example: tuple[Stamp, int], ambiguous: int):
        super().__init__(example[0].text)
        self.day_first, self.settling, self.example, self.ambiguous = day_first, settling, example, ambiguous


def settle_order(stamps: list[tuple[int, Stamp]], date_format: str | None) -> Order:
    """The day/month order for the column; AmbiguousDates, MixedDates or FewSettlingDates when
    it cannot be told."""
    if date_format == DAY_FIRST:
        return Order(True, None, None)
    if date_format == MONTH_FIRST:
        return Order(False, None, None)
    if date_format == ISO:
        return Order(None, None, None)
    day = [(s, r) for r, s in stamps if not s.ordered and s.first > 12]
    month = [(s, r) for r, s in stamps if not s.ordered and s.second > 12]
    if day and month:
        raise MixedDates(day[0], month[0])
    both = [(s, r) for r, s in stamps if s.ambiguous]
    settling = day or month
    if settling and len(settling) < len(both):
        # A minority (a hand-typed cell, a US-set computer) must not decide for the rest.
        raise FewSettlingDates(bool(day), settling, both[0], len(both))
    if settling:
        return Order(bool(day), settling[0][0].text, settling[0][1])
    if both:
        raise AmbiguousDates(*both[0])
    return Order(None, None, None)


def missing_month(stamp: Stamp, day_first: bool | None) -> int | None:
    """The month number a day/month order asks of ``stamp`` when no such month exists (23 in
    11/23/2026 read day first); None when that is not why it does not fit."""
    if stamp.ordered or day_first is None:
        return None
    month = stamp.second if day_first else stamp.first
    return month if month > 12 else None


def local_datetime(stamp: Stamp, day_first: bool | None, date_format: str | None = None) -> datetime:
    """The stamp as a datetime (aware when it carried a zone). StampError when it does not fit."""
    if stamp.ordered:
        month, day = stamp.first, stamp.second
    elif date_format == ISO:
        raise StampError(stamp.text)
    elif day_first is None:  # 04/04/2026: both readings agree
        month, day = stamp.first, stamp.second
    else:
        day, month = (stamp.first, stamp.second) if day_first else (stamp.second, stamp.first)
    try:
        dt = datetime(stamp.year, month, day, stamp.hour, stamp.minute, stamp.second_of_minute)
    except ValueError:
        raise StampError(stamp.text) from None
    if stamp.offset is not None:
        from datetime import timezone

        dt = dt.replace(tzinfo=timezone(stamp.offset))
    return dt


def to_utc(dt: datetime, zone: tzinfo | None) -> datetime:
    """A local (naive) time in ``zone`` (None: this computer's) or an aware time, as UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone) if zone is not None else dt.astimezone()
    return dt.astimezone(UTC)


def iso_utc(dt: datetime) -> str:
    """ISO 8601 with a Z, to the second, as result files store ``created_at``."""
    return dt.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def load_zone(name: str) -> tzinfo:
    """An IANA time zone by name ('Europe/Madrid', 'America/Bogota', 'UTC'); ValueError if unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(name) from None


def local_zone_name() -> str:
    """This computer's time zone, named as well as we can (TZ, /etc/localtime, else its abbreviation)."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        return tz
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    now = datetime.now().astimezone()
    return now.tzname() or now.strftime("UTC%z")
