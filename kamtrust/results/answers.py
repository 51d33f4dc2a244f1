"""Read an answers file (YAML or JSON with an ``answers`` mapping) for ``assess --answers``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kamtrust.errors import AnswerError, InputFileError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.yamlfile import LocDict, load_located


def read_answers(path: Path, q: Questionnaire, label: str | None = None) -> tuple[dict[str, int], dict[str, Any]]:
    """The answers (item id -> integer; null entries dropped) and the whole document.

    Every problem is reported at once with its line: unknown items, non-integers, out of range.
    JSON is read by the YAML parser too (JSON is YAML), which gives lines and duplicate-key checks.
    """
    name = label or str(path)
    doc, problems = load_located(path, name)
    if problems:
        raise AnswerError(name, [f"line {p.line}: {p.where}: {p.message}" for p in problems])
    if not isinstance(doc, dict) or "answers" not in doc:
        raise InputFileError(name, "expected a mapping with a key 'answers' that maps item ids to numbers")
    raw = doc["answers"]
    if not isinstance(raw, dict):
        raise InputFileError(name, "'answers' must map item ids to numbers (e.g. cred_1: 4)")
    lo, hi = q.scale.min, q.scale.max
    answers: dict[str, int] = {}
    errors = []
    for key, value in raw.items():
        line = raw.key_lines.get(key) if isinstance(raw, LocDict) else None
        at = f"line {line}: " if line else ""
        if not isinstance(key, str) or key not in q.items:
            errors.append(f"{at}'{key}' is not an item of {q.id} {q.version}")
        elif value is None:
            continue
        elif isinstance(value, bool) or not isinstance(value, int):
            errors.append(f"{at}{key}: expected a whole number from {lo} to {hi}; found {value!r}")
        elif not lo <= value <= hi:
            errors.append(f"{at}{key}: {_number(value)} is outside the scale {lo}..{hi}")
        else:
            answers[key] = value
    if errors:
        raise AnswerError(name, errors)
    return answers, doc


def _number(value: int) -> str:
    """A number as it can be read in a message: a huge one by its first digits and its length."""
    text = str(value)
    return text if len(text) <= 12 else f"{text[:6]}… (a number with {len(text)} digits)"
