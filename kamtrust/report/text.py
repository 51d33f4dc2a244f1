"""Numbers as a report shows them in its language (decimal comma in Spanish)."""

from __future__ import annotations

from kamtrust.present import DECIMAL_COMMA, number

__all__ = ["DECIMAL_COMMA", "number"]
