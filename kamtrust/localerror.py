"""Errors and values said in the user's language when the error is reported, not when raised.

A check raises before anyone knows the command's language; it records each problem as a
:class:`~kamtrust.inputfile.Reason` (a catalogue key and its values) and the error handler calls
``text(lang)``. English is also the error's ``message``, for callers that read it as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtrust.errors import KamtrustError, compose

if TYPE_CHECKING:
    from kamtrust.inputfile import Reason


@dataclass(frozen=True)
class Figure:
    """A value quoted from a file, written with the language's decimal mark when it is a fraction."""

    value: Any

    def text(self, lang: str) -> str:
        from kamtrust.present import DECIMAL_COMMA

        said = str(self.value)
        return said.replace(".", ",") if isinstance(self.value, float) and lang in DECIMAL_COMMA else said


@dataclass(frozen=True)
class Count:
    """A large whole number with its thousands grouped: "100,000" in English, "100 000" in Spanish
    (a space, as both Spain and Latin America read it; a point or a comma would be a decimal mark
    somewhere)."""

    value: int

    def text(self, lang: str) -> str:
        from kamtrust.present import DECIMAL_COMMA

        grouped = f"{self.value:,}"
        return grouped.replace(",", " ") if lang in DECIMAL_COMMA else grouped


class ReasonError(KamtrustError):
    """A KamtrustError whose problem and hint are Reasons, so it can be said in any language."""

    def __init__(self, why: Reason, hint: Reason | None = None, *, files: Sequence[str | Path] = ()) -> None:
        self.why = why
        self.hint_why = hint
        super().__init__(why.text("en"), hint=hint.text("en") if hint else None, files=files)

    def __reduce__(self) -> tuple[Any, ...]:
        # copy (``with_hint``) and pickle rebuild an exception from its args: give them the Reasons.
        return (type(self), (self.why, self.hint_why), self.__dict__)

    def text(self, lang: str) -> str:
        """The paragraph in ``lang`` (a hint replaced by ``with_hint`` is kept as given)."""
        hint = self.hint
        if self.hint_why is not None and hint == self.hint_why.text("en"):
            hint = self.hint_why.text(lang)
        return "\n".join([compose(self.why.text(lang), hint), *(f"  {d}" for d in self.details)])
