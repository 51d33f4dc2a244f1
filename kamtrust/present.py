"""How numbers and dates read in each language: one place for every output (terminal, files, reports).

Spanish (and the other languages listed) writes a decimal comma and day-first dates; a stored
time stamp (UTC) is shown in local time. Numbers are rounded half away from zero, as people
round by hand (81.25 reads 81.3), not half to even as ``round`` does. Pure functions: no
terminal, no files.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "pt", "ca", "nl"})
DAY_FIRST = frozenset({"es", "fr", "it", "pt", "ca"})


def number(
    value: float | None, lang: str, digits: int = 1, *, signed: bool = False, zero_sign: str = "±", none: str = "—"
) -> str:
    """``value`` to ``digits`` decimals in ``lang``'s notation; ``none`` (an em dash) for None; never "-0,0".

    A signed zero reads "±0,0" in a person's profile; the group tables write "+0,0" (``zero_sign``).
    """
    if value is None:
        return none
    if not math.isfinite(value):
        return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    exact = _half_up(value, digits)
    if exact == 0:
        exact = abs(exact)  # never "-0.0"
    text = f"{exact:+.{digits}f}" if signed else f"{exact:.{digits}f}"
    if signed and exact == 0:
        text = f"{zero_sign}{exact:.{digits}f}"
    if lang in DECIMAL_COMMA:
        text = text.replace(".", ",")
    return text


def rounded(value: float | None, digits: int = 1) -> float | None:
    """``value`` rounded for display as ``number`` rounds it (half away from zero), as a number."""
    if value is None or not math.isfinite(value):
        return value
    return float(_half_up(value, digits)) + 0.0  # + 0.0: never -0.0


def _half_up(value: float, digits: int) -> Decimal:
    """The decimal people see (``repr``: 81.25, not 81.2499…) rounded half away from zero."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def date(stamp: str | None, lang: str, *, time: bool = False) -> str:
    """A stored time stamp as a local date (``23/11/2026`` in Spanish), with the time when asked."""
    if not stamp:
        return "—"
    order = "%d/%m/%Y" if lang in DAY_FIRST else "%Y-%m-%d"
    if len(stamp) == 10:  # a date alone: no time zone to convert
        try:
            return datetime.strptime(stamp, "%Y-%m-%d").strftime(order)
        except ValueError:
            return stamp
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:16].replace("T", " ") if time else stamp[:10]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    day = local.strftime(order)
    return f"{day} {local:%H:%M}" if time else day
