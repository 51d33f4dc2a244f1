"""A form's answer cells as points of the questionnaire's scale: numbers, labels, or both."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.forms.table import Cell, cell_text, norm

_LEADING_NUMBER = re.compile(r"^\s*(-?\d+)(?:[.,]0+)?\s*(?:[-.:)–]\s*(.*))?$")

UNKNOWN, OUT_OF_RANGE, DISAGREE = "unknown", "range", "disagree"


class AnswerValueError(ValueError):
    """A cell that is no point of the scale: its text and why (UNKNOWN, OUT_OF_RANGE, DISAGREE)."""

    def __init__(self, text: str, kind: str) -> None:
        super().__init__(text)
        self.text = text
        self.kind = kind


def label_lookup(q: Questionnaire, extra: Mapping[str, int | None] | None = None) -> dict[str, int | None]:
    """Every scale label in every language (normalised) -> its point; ``extra`` (a map file's) first.

    A label mapped to None is read as a blank cell (a skipped item).
    """
    table: dict[str, int | None] = {norm(k): v for k, v in (extra or {}).items()}
    for point, text in q.scale.labels.items():
        for label in text.values():
            table.setdefault(norm(label), point)
    return table


def parse_answer(cell: Cell, q: Questionnaire, labels: Mapping[str, int | None]) -> int | None:
    """A cell as a point of the scale; None when blank. AnswerValueError says what is wrong.

    Accepted: a whole number ("4", "4.0"), a label in any language, or both ("4 - Often").
    """
    text = cell_text(cell).strip()
    if not text:
        return None
    key = norm(text)
    if key in labels:
        return labels[key]
    lo, hi = q.scale.min, q.scale.max
    m = _LEADING_NUMBER.match(text)
    if m:
        value = int(m.group(1))
        rest = m.group(2)
        if rest and norm(rest) in labels and labels[norm(rest)] != value:
            raise AnswerValueError(text, DISAGREE)
        if not lo <= value <= hi:
            raise AnswerValueError(text, OUT_OF_RANGE)
        return value
    raise AnswerValueError(text, UNKNOWN)
