"""Numbers as a report shows them in its language (decimal comma in Spanish)."""

from __future__ import annotations

DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "pt", "ca", "nl"})


def number(value: float | None, lang: str, digits: int = 1, *, signed: bool = False) -> str:
    """``value`` to ``digits`` decimals in ``lang``'s notation; an em dash for None."""
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
