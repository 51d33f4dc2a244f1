"""Neutralise spreadsheet formula injection in text cells, leaving numbers as numbers."""

from __future__ import annotations

from typing import TypeVar

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets."""

T = TypeVar("T")


def is_dangerous(value: object) -> bool:
    """True for a text that a spreadsheet would evaluate (OWASP CSV injection)."""
    return isinstance(value, str) and value.startswith(DANGEROUS)


def neutralise(value: T) -> T | str:
    """A dangerous text with a leading apostrophe (shown as text); anything else unchanged.

    Only texts are touched: a number such as -12.5 stays a number.
    """
    if is_dangerous(value):
        return "'" + value  # type: ignore[operator]
    return value
