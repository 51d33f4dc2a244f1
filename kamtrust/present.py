"""How numbers and dates read in each language: one place for every output (terminal, files, reports).

Spanish (and the other languages listed) writes a decimal comma and day-first dates; a stored
time stamp (UTC) is shown in local time. Pure functions: no terminal, no files.
"""

from __future__ import annotations

from datetime import UTC, datetime

DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "pt", "ca", "nl"})
DAY_FIRST = frozenset({"es", "fr", "it", "pt", "ca"})


def number(value: float | None, lang: str, digits: int = 1, *, signed: bool = False) -> str:
    """``value`` to ``digits`` decimals in ``lang``'s notation; an em dash for None; never "-0,0"."""
    if value is None:
        return "—"
    rounded = round(value, digits)
    if rounded == 0:
        rounded = 0.0  # never "-0.0"
    text = f"{rounded:+.{digits}f}" if signed else f"{rounded:.{digits}f}"
    if signed and rounded == 0:
        text = f"±{abs(rounded):.{digits}f}"
    if lang in DECIMAL_COMMA:
        text = text.replace(".", ",")
    return text


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
