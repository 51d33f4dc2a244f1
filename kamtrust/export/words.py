"""Numbers and dates in group outputs, as the reader of the output's language writes them.

The rules live in kamtrust/present.py (one place for every output): decimal comma and
``23/11/2026`` in Spanish, local time rather than UTC. This module adds what tables need:
a figure that keeps its full precision while showing a fixed number of decimals.
"""

from __future__ import annotations

from datetime import date as Day
from datetime import datetime

from kamtrust.present import DECIMAL_COMMA, number
from kamtrust.present import date as present_date


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
    """``value`` as ``spec`` (".1f", "+.2f") reads it, through present.number (one number formatter).

    A signed zero reads "+0.0" in the group tables; never "-0.0".
    """
    digits = spec.removeprefix("+").removeprefix(".").removesuffix("f")
    if not digits.isdigit():
        raise ValueError(f"not a fixed-decimals spec: {spec!r}")
    return number(value, lang, int(digits), signed=spec.startswith("+"), zero_sign="+", none=none)


def local_date(iso: str, lang: str) -> str:
    """A stored time stamp (UTC) as the local date in ``lang`` (``23/11/2026`` in Spanish)."""
    return present_date(iso, lang)


def day_text(day: Day, lang: str) -> str:
    """A calendar day as ``lang`` writes it."""
    return present_date(day.isoformat(), lang)


def today(lang: str) -> str:
    """Today's local date in ``lang``."""
    return day_text(datetime.now().astimezone().date(), lang)
