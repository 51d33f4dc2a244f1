"""Numbers and dates as a reader of the output's language writes them (group outputs).

Spanish: decimal comma and ``23/11/2026``; English: decimal point and ``23 Nov 2026`` (day and
month named, so that no reader mistakes one for the other). Dates are the reader's local date,
not UTC: a workshop run on the evening of the 23rd in Mexico City is dated the 23rd there.
"""

from __future__ import annotations

from datetime import datetime

from kamtrust.report.text import DECIMAL_COMMA

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Dec(float):
    """A figure kept at full precision, shown to ``digits`` decimals (XLSX keeps every digit)."""

    digits: int

    def __new__(cls, value: float, digits: int = 1) -> Dec:
        obj = super().__new__(cls, value)
        obj.digits = digits
        return obj


def decimal_mark(lang: str) -> str:
    """',' for languages that write a decimal comma, else '.'."""
    return "," if lang in DECIMAL_COMMA else "."


def fmt(value: float | None, lang: str, spec: str = ".1f", none: str = "—") -> str:
    """``value`` formatted with ``spec`` in ``lang``'s decimal mark; ``none`` for None."""
    if value is None:
        return none
    text = format(value, spec)
    if text.startswith("-") and float(text) == 0:
        text = format(0.0, spec)  # never "-0.0"
    return text.replace(".", ",") if decimal_mark(lang) == "," else text


def local_date(iso: str, lang: str) -> str:
    """An ISO 8601 moment (``2026-11-23T21:30:00Z``) as the local date in ``lang``; the text if unreadable."""
    from kamtrust.results.document import parse_timestamp

    moment = parse_timestamp(iso)
    if moment is None:
        return iso
    try:
        day = moment.astimezone().date()  # the local time zone
    except (OverflowError, ValueError, OSError):
        day = moment.date()
    return day_text(day, lang)


def day_text(day: object, lang: str) -> str:
    """A ``date`` as ``23/11/2026`` (Spanish and other day-first languages) or ``23 Nov 2026`` (English)."""
    assert hasattr(day, "day") and hasattr(day, "month") and hasattr(day, "year")
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def today(lang: str) -> str:
    """Today's local date in ``lang``."""
    return day_text(datetime.now().astimezone().date(), lang)
