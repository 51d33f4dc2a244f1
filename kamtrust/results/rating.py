"""The rating document (``kamtrust.rating/1``): one rater's answers about one professional.

It names the rated person's participant id and account, the rater's role and the questionnaire;
the rater's name only when the rater chose to give it. Only the answers are stored: a rating is
scored when a report reads it, with the questionnaire's rules.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtrust import __version__
from kamtrust.inputfile import MAX_RESULT_BYTES, InputReasonError, Reason, parse_json, read_bytes, reason
from kamtrust.questionnaire.model import ROLE_IDS
from kamtrust.results.naming import local_time, stem

SCHEMA = "kamtrust.rating/1"


@dataclass(frozen=True)
class Rating:
    """One rater's answers about one professional and one account."""

    rated_id: str
    """The rated professional's participant id (from their result)."""
    account: str | None
    role: str
    """client, manager or peer."""
    questionnaire_id: str
    questionnaire_version: str
    language: str
    answers: dict[str, int]
    created_at: str
    rater_name: str | None = None
    """Only when the rater chose to give it."""
    told_shown_alone: bool = False
    """A manager's form said their ratings would be shown on their own."""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    """This rating's own random id: a copy of the file has the same one, so it counts once."""
    tool_version: str = field(default=__version__, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document."""
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "rated": {"participant_id": self.rated_id, "account": self.account},
            "role": self.role,
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "language": self.language,
            "created_at": self.created_at,
            "answers": dict(self.answers),
        }
        if self.rater_name:
            doc["rater"] = {"name": self.rater_name}
        if self.told_shown_alone:
            doc["told_shown_alone"] = True
        doc["tool"] = {"name": "kamtrust", "version": self.tool_version}
        return doc

    def to_json(self) -> str:
        """Indented UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def file_name(rating: Rating, zone: object = None, suffix: str | None = None) -> str:
    """``rating-client_distribuciones-norte_2026-11-25_1432_3fa2.json``: role, account, local time.

    The random ``suffix`` keeps several raters' files apart within one minute; the rater's name
    never appears in it (the trainer's folder listing must not name who rated).
    """
    when = local_time(rating.created_at, zone)
    # The role stands where a result's name stands: the same naming rules as results' files.
    return f"{stem(f'rating-{rating.role}', rating.account, 'rating', when)}_{suffix or secrets.token_hex(2)}.json"


def parse_rating(doc: Any, source: str) -> Rating:
    """Check a parsed document; InputFileError says what is wrong, in the user's language.

    Every field is checked, so that one message lists all that is wrong, in the document's order.
    """
    _require_schema(doc, source)
    problems: list[Reason] = []
    rated_id, account = _rated(doc.get("rated"), problems)
    role = _role(doc.get("role"), problems)
    questionnaire_id, questionnaire_version = _questionnaire(doc.get("questionnaire"), problems)
    language = _nonempty_text(doc.get("language"), "rt_language", problems)
    created = _created_at(doc.get("created_at"), problems)
    answers = _answers(doc.get("answers"), problems)
    rater_name = _rater_name(doc.get("rater"), problems)
    rid = _nonempty_text(doc.get("id"), "rt_id", problems)
    told = _told_shown_alone(doc.get("told_shown_alone", False), problems)
    if problems:
        raise InputReasonError(source, Reason("rating_damaged", parts=tuple(problems)))
    return Rating(
        rated_id=rated_id,
        account=account,
        role=role,
        questionnaire_id=questionnaire_id,
        questionnaire_version=questionnaire_version,
        language=language,
        answers=answers,
        created_at=created,
        rater_name=rater_name,
        told_shown_alone=told,
        id=rid,
    )


# One check per field: each returns the value a Rating holds, and adds its problem when wrong.


def _require_schema(doc: Any, source: str) -> None:
    """Refuse anything but a JSON object of this schema, before reading any field."""
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        found = doc.get("schema") if isinstance(doc, dict) else None
        raise InputReasonError(source, reason("rating_schema", schema=f"{found!r:.40}", expected=SCHEMA))


def _rated(rated: Any, problems: list[Reason]) -> tuple[str, str | None]:
    """The rated person's participant id and account (a blank account is none)."""
    if not isinstance(rated, dict) or not isinstance(rated.get("participant_id"), str) or not rated["participant_id"]:
        problems.append(reason("rt_participant_id"))
        return "", None  # the account is not read when the person is not known
    account = rated.get("account")
    if account is not None and not isinstance(account, str):
        problems.append(reason("rt_account"))
        return rated["participant_id"], None
    return rated["participant_id"], account if account and account.strip() else None


def _role(role: Any, problems: list[Reason]) -> str:
    if role not in ROLE_IDS:
        problems.append(reason("rt_role", roles=", ".join(ROLE_IDS), found=f"{role!r:.40}"))
        return ""
    return str(role)


def _questionnaire(q: Any, problems: list[Reason]) -> tuple[str, str]:
    """The questionnaire's id and version."""
    if not (isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("version"), str)):
        problems.append(reason("rt_questionnaire"))
        return "", ""
    return q["id"], q["version"]


def _nonempty_text(value: Any, problem: str, problems: list[Reason]) -> str:
    """``value`` when it is a non-empty text; else the catalogue's ``problem`` is added."""
    if not isinstance(value, str) or not value:
        problems.append(reason(problem))
        return ""
    return value


def _created_at(created: Any, problems: list[Reason]) -> str:
    if not isinstance(created, str) or local_time(created) is None:
        problems.append(reason("rt_created_at"))
        return ""
    return created


def _answers(answers: Any, problems: list[Reason]) -> dict[str, int]:
    # ``type(v) is int``: a JSON true or 4.0 is not an answer.
    if not isinstance(answers, dict) or any(type(v) is not int for v in answers.values()):
        problems.append(reason("rt_answers"))
        return {}
    return answers


def _rater_name(rater: Any, problems: list[Reason]) -> str | None:
    """The rater's name, only when given (``rater`` absent or null, or a blank name: none)."""
    name = rater.get("name") if isinstance(rater, dict) else None
    if rater is not None and not isinstance(name, str):
        problems.append(reason("rt_rater_name"))
        return None
    return name if name and name.strip() else None


def _told_shown_alone(told: Any, problems: list[Reason]) -> bool:
    if not isinstance(told, bool):
        problems.append(reason("rt_told_shown_alone"))
        return False
    return told


def read_rating(path: Path | str, label: str | None = None) -> Rating:
    """Read and check one rating file (at most MAX_RESULT_BYTES; never a FIFO or a device)."""
    name = label or str(path)
    raw = read_bytes(path, name, what="rating file", limit=MAX_RESULT_BYTES)
    return parse_rating(parse_json(raw, name, kind="kamtrust rating"), name)


def ratings_dir() -> Path:
    """Where ``assess --as`` saves ratings without ``--out``: the data folder's ``ratings``."""
    from kamtrust.paths import data_dir

    return data_dir() / "ratings"
