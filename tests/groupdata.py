"""Helpers for the group tests: answers with known scale scores, and result files on disk."""

from __future__ import annotations

import uuid
from pathlib import Path

from kamtrust.engine.group import Scored
from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import PARTIAL, Participant, Session, build_result, with_status


def keyed(q: Questionnaire, levels: dict[str, int], default: int = 3) -> dict[str, int]:
    """Answers whose *keyed* value is ``levels[scale]`` on every item of that scale.

    A reverse item gets ``min + max - level``, so each scale scores exactly (level - 1) * 25.
    """
    lo_hi = q.scale.min + q.scale.max
    answers = {}
    for item in q.items.values():
        level = levels.get(item.scale_id, default)
        answers[item.id] = lo_hi - level if item.reverse else level
    return answers


def scored(q: Questionnaire, answers: dict[str, int], **fields: str | None) -> Scored:
    f = {"id": fields.get("id") or str(uuid.uuid4()), "name": None, "account": None, "cohort": None}
    f.update(fields)
    return Scored(f, answers, score(q, answers))


def write_result(
    folder: Path,
    q: Questionnaire,
    answers: dict[str, int],
    *,
    name: str | None = None,
    account: str | None = None,
    cohort: str | None = None,
    pid: str | None = None,
    partial: bool = False,
    filename: str | None = None,
) -> Path:
    """A result file as ``kamtrust assess`` writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    participant = Participant(pid or str(uuid.uuid4()), name, account, cohort)
    result = build_result(q, answers, score(q, answers), language="en", participant=participant)
    if partial:
        result = with_status(result, PARTIAL, Session(cursor=3))
    path = folder / (filename or f"{uuid.uuid4().hex[:8]}{'.partial' if partial else ''}.json")
    path.write_text(result.to_json(), encoding="utf-8")
    return path
