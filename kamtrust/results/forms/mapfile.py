"""The ``--map`` file: which column is which item, and what unknown answer labels mean.

columns:                       # header (as in the export) or column number -> item id or field
  "Sigo la prensa del sector": cred_1
  7: int_1
  "Nombre completo": name      # name, account, cohort, timestamp, email
labels:                        # answer text -> point of the scale, or null for "no answer"
  "Casi siempre": 5
  "N/A": null
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kamtrust.errors import InputFileError
from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.yamlfile import LocDict, load_located

FIELDS = ("name", "account", "cohort", "timestamp", "email")
"""Participant fields a column can be mapped to besides items."""


@dataclass(frozen=True)
class FormMap:
    """A parsed map file."""

    columns: dict[str | int, str] = field(default_factory=dict)
    """Normalised header text, or 1-based column number -> item id or participant field."""
    labels: dict[str, int | None] = field(default_factory=dict)
    """Answer text -> point (None: read as a blank cell)."""
    source: str = ""


def read_map(path: Path, q: Questionnaire, lang: str) -> FormMap:
    """Read and check a map file; InputFileError lists every problem with its line."""
    from kamtrust.results.forms.table import norm

    name = str(path)
    doc, problems = load_located(path, name)
    errors = [f"{t(lang, 'imp_line', line=p.line)}: {p.message}" for p in problems]
    if not isinstance(doc, dict) or not set(doc) <= {"columns", "labels"} or not doc:
        raise InputFileError(name, t(lang, "imp_map_shape"))
    columns: dict[str | int, str] = {}
    labels: dict[str, int | None] = {}
    raw_columns = doc.get("columns") or {}
    raw_labels = doc.get("labels") or {}
    for section, raw in (("columns", raw_columns), ("labels", raw_labels)):
        if not isinstance(raw, dict):
            raise InputFileError(name, t(lang, "imp_map_section", section=section))
    lo, hi = q.scale.min, q.scale.max
    for key, value in raw_columns.items():
        at = _at(lang, raw_columns, key)
        if not isinstance(value, str) or (value not in q.items and value not in FIELDS):
            errors.append(at + t(lang, "imp_map_bad_target", entry=key, value=value, qid=q.id))
        elif isinstance(key, bool) or not isinstance(key, str | int):
            errors.append(at + t(lang, "imp_map_bad_key", entry=key))
        else:
            columns[key if isinstance(key, int) else norm(key)] = value
    for key, value in raw_labels.items():
        at = _at(lang, raw_labels, key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi):
            errors.append(at + t(lang, "imp_map_bad_point", entry=key, value=value, min=lo, max=hi))
        else:
            labels[str(key)] = value
    if errors:
        raise InputFileError(name, t(lang, "imp_map_problems") + "\n" + "\n".join(f"  {e}" for e in errors))
    return FormMap(columns, labels, name)


def _at(lang: str, mapping: object, key: object) -> str:
    line = mapping.key_lines.get(key) if isinstance(mapping, LocDict) else None
    return f"{t(lang, 'imp_line', line=line)}: " if line else ""
