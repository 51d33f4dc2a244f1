"""Neutralise spreadsheet formula injection in text cells, leaving numbers as numbers; control
characters in texts shown as their escapes (``\\x1b``, ``\\u202e``), as everywhere else."""

from __future__ import annotations

from typing import TypeVar

from kamtrust.safetext import visible

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets."""

T = TypeVar("T")


def is_dangerous(value: object) -> bool:
    """True for a text that a spreadsheet would evaluate (OWASP CSV injection)."""
    return isinstance(value, str) and value.startswith(DANGEROUS)


def cell_text(value: str) -> str:
    """A text as a cell of a CSV or XLSX file: its control characters shown as escapes, so that
    a name cannot act in a terminal, an editor or a viewer that opens the file."""
    return visible(value)


def neutralise(value: T) -> T | str:
    """A text with its control characters shown (:func:`cell_text`), and a leading apostrophe when
    dangerous (shown as text); anything else unchanged.

    Only texts are touched: a number such as -12.5 stays a number.
    """
    if isinstance(value, str):
        text = cell_text(value)
        return "'" + text if is_dangerous(text) else text
    return value
