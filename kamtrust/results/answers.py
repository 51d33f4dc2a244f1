"""Read an answers file (YAML or JSON with an ``answers`` mapping) for ``assess --answers``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kamtrust.errors import AnswerError, InputFileError, Problem
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.yamlfile import LocDict, load_located


def read_answers(path: Path, q: Questionnaire, label: str | None = None) -> tuple[dict[str, int], dict[str, Any]]:
    """The answers (item id -> integer; null entries dropped) and the whole document.

    Every problem is reported at once with its line: unknown items, non-integers, out of range.
    JSON is read by the YAML parser too (JSON is YAML), which gives lines and duplicate-key checks.
    """
    name = label or str(path)
    doc, problems = load_located(path, name)
    return _answers(doc, problems, q, name), doc


def read_own_answers(
    path: Path, q: Questionnaire, lang: str | None, label: str | None = None
) -> tuple[dict[str, int], dict[str, Any]]:
    """As :func:`read_answers`, for a person's own answers (``assess --answers``): a rating, or any
    kamtrust document but a result, is refused in ``lang``'s messages (--lang, else the locale's).

    A rating scored as one's own would print one rater's whole profile, which no report shows.
    """
    name = label or str(path)
    doc, problems = load_located(path, name)
    refuse_other_documents(doc, name, lang)
    return _answers(doc, problems, q, name), doc


def refuse_other_documents(doc: Any, name: str, lang: str | None) -> None:
    """Raise InputFileError when ``doc`` says it is a kamtrust document other than a result."""
    schema = doc.get("schema") if isinstance(doc, dict) else None
    if schema is None or (isinstance(schema, str) and schema.startswith("kamtrust.result/")):
        return
    from kamtrust.i18n import message_language, t

    ui = message_language(lang)
    rating = isinstance(schema, str) and schema.startswith("kamtrust.rating/")
    kind = t(ui, "fb_kind_rating") if rating else t(ui, "fb_kind_other", schema=str(schema)[:40])
    raise InputFileError(name, t(ui, "fb_answers_not_answers", kind=kind))


def _answers(doc: Any, problems: list[Problem], q: Questionnaire, name: str) -> dict[str, int]:
    """The answers in a parsed answers document, or every problem with it at once."""
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
    return answers


def _number(value: int) -> str:
    """A number as it can be read in a message: a huge one by its first digits and its length."""
    text = str(value)
    return text if len(text) <= 12 else f"{text[:6]}… (a number with {len(text)} digits)"
