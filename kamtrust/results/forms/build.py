"""Result documents for the rows, under names that make a second import of the same export a no-op.

A row's key is ``DATE-QUESTIONNAIRE-ROWKEY-CONTENT``: DATE is the submission time (UTC), ROWKEY
a short hash of the submission (questionnaire, the time as written, e-mail and name; the answers
too without either) and CONTENT a short hash of what is
stored (answers, name, account, cohort). Its file is named for a trainer to read —
``marta-ruiz_farmacias-levante_2026-11-25_1432_ROWKEY-CONT.json`` (person, account, local time,
ROWKEY and the first four characters of CONTENT) — and files of earlier versions
(``DATE-QUESTIONNAIRE-ROWKEY-CONTENT.json``) are still recognised. The same row imported again
finds its ROWKEY in the folder with the same CONTENT ("already imported"); the same submission
with other answers or fields (another ``--map``, ``--cohort``…) finds it with another CONTENT and
is refused, so a folder never holds two versions of one submission.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, Result, build_result
from kamtrust.results.forms.rows import FormRow, Skipped
from kamtrust.results.forms.table import norm
from kamtrust.results.naming import local_time, stem

NAME = re.compile(r"^(\d{8}T\d{6}Z|undated)-(.+)-([0-9a-f]{8})-([0-9a-f]{8})\.json$")
"""A row's key (and the file name of imports before readable names)."""
READABLE = re.compile(r"^[a-z0-9_-]+_([0-9a-f]{8})-([0-9a-f]{4})\.json$")
"""A readable import file name: its ROWKEY and the start of its CONTENT."""
CONTENT_SHOWN = 4
NEW, ALREADY = "new", "already"
_PEOPLE = uuid.UUID("5b0f7a52-6c1e-4a8e-9d3c-2f4b8e1d7a60")
"""Namespace of the participant ids derived from an e-mail (uuid5)."""


def _hash(*parts: object) -> str:
    # repr of str, int, None, lists and tuples is stable across Python versions, and cheap.
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:8]


def readable_name(q: Questionnaire, row: FormRow, key: str, zone: tzinfo | None = None) -> str:
    """The file name of a row whose key (:func:`file_name`) is ``key``; ``zone`` of the time shown."""
    m = NAME.match(key)
    assert m is not None
    base = stem(row.name, row.account, q.id, local_time(row.created_at, zone))
    return f"{base}_{m.group(3)}-{m.group(4)[:CONTENT_SHOWN]}.json"


def _keys_in(names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """ROWKEY -> (start of CONTENT, file name) of every import file in a folder, old names or new."""
    found: dict[str, tuple[str, str]] = {}
    for name in names:
        if m := READABLE.match(name):
            found[m.group(1)] = (m.group(2), name)
        elif m := NAME.match(name):
            found[m.group(3)] = (m.group(4)[:CONTENT_SHOWN], name)
    return found


def file_name(q: Questionnaire, row: FormRow, sorted_ids: Sequence[str] | None = None) -> str:
    """The row's stable key, shaped as the file names of earlier versions (see the module's
    docstring); ``sorted_ids``: sorted(q.items)."""
    safe_id = re.sub(r"[^A-Za-z0-9_.-]", "_", q.id).strip(".") or "q"
    # The values in the order of the sorted item ids: canonical whatever the columns' order.
    answers = [*map(row.answers.get, sorted_ids or sorted(q.items))]
    fields = [row.name, row.account, row.cohort]
    if row.created_at is None:
        # Undated rows (--allow-undated) are told apart by their content alone.
        row_key = _hash(q.id, "undated", norm(row.email or ""), answers, fields)
        stamp = "undated"
    else:
        row_key = _row_key(q, row, answers)
        stamp = row.created_at.replace("-", "").replace(":", "")
    return f"{stamp}-{safe_id}-{row_key}-{_hash(row_key, answers, fields)}.json"


def _row_key(q: Questionnaire, row: FormRow, answers: list[int | None]) -> str:
    """The submission from what the row says, not from how its time was read: the same row imported
    again with another --timezone or --date-format is the same submission. Without an e-mail or a
    name, the answers tell two people who sent the form in the same second apart."""
    if row.stamp_text is None:  # rows made without a table (older callers): the time read
        return _legacy_key(q, row)
    who = [norm(row.email or ""), norm(row.name or "")]
    return _hash(q.id, "row", row.stamp_text.strip(), who, None if any(who) else answers)


def _legacy_key(q: Questionnaire, row: FormRow) -> str:
    """The ROWKEY earlier versions wrote (from the time read, in UTC): still recognised."""
    return _hash(q.id, row.created_at, norm(row.email or ""))


@dataclass(frozen=True)
class Planned:
    """What happens to one usable row."""

    row: FormRow
    name: str
    status: str
    """NEW (to write) or ALREADY (its file is in the folder)."""
    key: str = ""
    """The row's stable key (:func:`file_name`); the participant id without an e-mail comes from it."""


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
    q: Questionnaire,
    rows: Sequence[FormRow],
    existing: Iterable[str],
    superseded: Sequence[Skipped] = (),
    zone: tzinfo | None = None,
) -> Plan:
    """Which rows are new, which already imported (``existing``: the folder's file names).

    ``superseded``: earlier submissions left out; one whose file an earlier import wrote is
    reported as still in the folder (nothing is ever deleted here). ``zone``: of the times in
    the new names (None: this computer's).
    """
    taken = set(existing)
    in_folder = _keys_in(taken)
    planned: list[Planned] = []
    skipped: list[Skipped] = []
    keys: dict[str, int] = {}
    ids = sorted(q.items)
    for row in rows:
        key = file_name(q, row, ids)
        if key in keys:
            skipped.append(Skipped(row.row, "imp_skip_identical", {"kept": keys[key]}))
            continue
        keys[key] = row.row
        m = NAME.match(key)
        assert m is not None
        earlier = in_folder.get(m.group(3))
        content = m.group(4)[:CONTENT_SHOWN]
        if earlier is None and row.created_at is not None and row.stamp_text is not None:
            legacy = _legacy_key(q, row)  # imported by an earlier version
            answers = [*map(row.answers.get, ids)]
            earlier = in_folder.get(legacy)
            content = _hash(legacy, answers, [row.name, row.account, row.cohort])[:CONTENT_SHOWN]
        if earlier is not None:
            if earlier[0] == content:
                planned.append(Planned(row, earlier[1], ALREADY, key))
            else:
                skipped.append(Skipped(row.row, "imp_skip_changed", {"file": earlier[1]}))
            continue
        name = readable_name(q, row, key, zone)
        while name in taken:  # never reached in practice: ROWKEY is in the name
            name = name.removesuffix(".json") + "-x.json"
        taken.add(name)
        planned.append(Planned(row, name, NEW, key))
    for dupe in superseded:
        if dupe.superseded is not None:
            m = NAME.match(file_name(q, dupe.superseded))
            assert m is not None
            earlier = in_folder.get(m.group(3))
            if earlier is not None:
                skipped.append(Skipped(dupe.row, "imp_skip_superseded_file", {**dupe.values, "file": earlier[1]}))
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
    participant = Participant(participant_id(row, planned.key or planned.name), row.name, row.account, row.cohort)
    return build_result(q, row.answers, row.profile, language=lang, participant=participant, created_at=row.created_at)
