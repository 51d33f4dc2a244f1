"""Result documents for the rows, under names that make a second import of the same export a no-op.

A result's file name is ``DATE-QUESTIONNAIRE-ROWKEY-CONTENT.json``: DATE is the submission time
(UTC), ROWKEY a short hash of the submission (questionnaire, time, e-mail) and CONTENT a short
hash of what is stored (answers, name, account, cohort). The same row imported again finds its
name taken ("already imported"); the same submission with other answers or fields (another
``--map``, ``--cohort``…) finds its ROWKEY taken under another CONTENT and is refused, so a folder
never holds two versions of one submission.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, Result, build_result
from kamtrust.results.forms.rows import FormRow, Skipped
from kamtrust.results.forms.table import norm

NAME = re.compile(r"^(\d{8}T\d{6}Z|undated)-(.+)-([0-9a-f]{8})-([0-9a-f]{8})\.json$")
NEW, ALREADY = "new", "already"
_PEOPLE = uuid.UUID("5b0f7a52-6c1e-4a8e-9d3c-2f4b8e1d7a60")
"""Namespace of the participant ids derived from an e-mail (uuid5)."""


def _hash(*parts: object) -> str:
    # repr of str, int, None, lists and tuples is stable across Python versions, and cheap.
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:8]


def file_name(q: Questionnaire, row: FormRow, sorted_ids: Sequence[str] | None = None) -> str:
    """The result's stable file name (see the module's docstring); ``sorted_ids``: sorted(q.items)."""
    safe_id = re.sub(r"[^A-Za-z0-9_.-]", "_", q.id).strip(".") or "q"
    # The values in the order of the sorted item ids: canonical whatever the columns' order.
    answers = [*map(row.answers.get, sorted_ids or sorted(q.items))]
    fields = [row.name, row.account, row.cohort]
    if row.created_at is None:
        # Undated rows (--allow-undated) are told apart by their content alone.
        row_key = _hash(q.id, "undated", norm(row.email or ""), answers, fields)
        stamp = "undated"
    else:
        row_key = _hash(q.id, row.created_at, norm(row.email or ""))
        stamp = row.created_at.replace("-", "").replace(":", "")
    return f"{stamp}-{safe_id}-{row_key}-{_hash(row_key, answers, fields)}.json"


@dataclass(frozen=True)
class Planned:
    """What happens to one usable row."""

    row: FormRow
    name: str
    status: str
    """NEW (to write) or ALREADY (its file is in the folder)."""


@dataclass(frozen=True)
class Plan:
    """The import decided, before anything is written."""

    planned: list[Planned]
    skipped: list[Skipped]
    """Rows left out here: identical to another row, or imported before with other content."""

    @property
    def new(self) -> list[Planned]:
        return [p for p in self.planned if p.status == NEW]

    @property
    def already(self) -> list[Planned]:
        return [p for p in self.planned if p.status == ALREADY]


def plan(
    q: Questionnaire, rows: Sequence[FormRow], existing: Iterable[str], superseded: Sequence[Skipped] = ()
) -> Plan:
    """Which rows are new, which already imported (``existing``: the folder's file names).

    ``superseded``: earlier submissions left out; one whose file an earlier import wrote is
    reported as still in the folder (nothing is ever deleted here).
    """
    taken = set(existing)
    by_row_key: dict[tuple[str, str], str] = {}
    for name in taken:
        m = NAME.match(name)
        if m:
            by_row_key[(m.group(1), m.group(3))] = name
    planned: list[Planned] = []
    skipped: list[Skipped] = []
    names: dict[str, int] = {}
    ids = sorted(q.items)
    for row in rows:
        name = file_name(q, row, ids)
        if name in names:
            skipped.append(Skipped(row.row, "imp_skip_identical", {"kept": names[name]}))
            continue
        names[name] = row.row
        if name in taken:
            planned.append(Planned(row, name, ALREADY))
            continue
        m = NAME.match(name)
        assert m is not None
        earlier = by_row_key.get((m.group(1), m.group(3)))
        if earlier is not None:
            skipped.append(Skipped(row.row, "imp_skip_changed", {"file": earlier}))
            continue
        planned.append(Planned(row, name, NEW))
    for dupe in superseded:
        if dupe.superseded is not None and (name := file_name(q, dupe.superseded)) in taken:
            skipped.append(Skipped(dupe.row, "imp_skip_superseded_file", {**dupe.values, "file": name}))
    return Plan(planned, skipped)


def participant_id(row: FormRow, name: str) -> str:
    """From the e-mail when the form collected one (the same person pairs across imports), else
    from the file name (a stable id of its own, like a person seen once)."""
    if row.email:
        return str(uuid.uuid5(_PEOPLE, "email:" + norm(row.email)))
    return str(uuid.uuid5(_PEOPLE, "row:" + name))


def result_for(q: Questionnaire, planned: Planned, language: str | None = None) -> Result:
    """The complete result document of a planned row.

    Blank cells are skipped items (as when skipping in ``assess``); the profile follows the
    scoring rules, so a factor with too few answers has no score.
    """
    row = planned.row
    lang = row.language or language or q.languages[0]
    participant = Participant(participant_id(row, planned.name), row.name, row.account, row.cohort)
    return build_result(q, row.answers, row.profile, language=lang, participant=participant, created_at=row.created_at)
