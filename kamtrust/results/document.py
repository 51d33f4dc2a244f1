"""The result document: one JSON file per assessment, versioned (``kamtrust.result/1``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kamtrust import __version__
from kamtrust.inputfile import MAX_RESULT_BYTES, InputReasonError, Reason, parse_json, read_bytes, reason

if TYPE_CHECKING:
    from kamtrust.engine.scoring import Profile, ScaleScore
    from kamtrust.questionnaire.model import Questionnaire

SCHEMA = "kamtrust.result/1"
COMPLETE = "complete"
PARTIAL = "partial"
PARTICIPANT_FIELDS = ("id", "name", "account", "cohort")


@dataclass(frozen=True)
class Participant:
    """Who answered. Only ``id`` (random, per machine) is always present."""

    id: str
    name: str | None = None
    account: str | None = None
    """The client the assessment is about."""
    cohort: str | None = None
    """The workshop or group."""


@dataclass(frozen=True)
class Session:
    """Where an unfinished interactive assessment stopped (partial results only)."""

    cursor: int = 0
    """Index in the presentation order of the next item to show."""
    skipped: tuple[str, ...] = ()
    out: str | None = None
    """Where the finished result goes, when the user chose (``--out``)."""


@dataclass(frozen=True)
class Result:
    """One assessment: answers, the profile scored from them, and who and when."""

    questionnaire_id: str
    questionnaire_version: str
    language: str
    participant: Participant
    created_at: str
    status: str
    answers: dict[str, int]
    profile: dict[str, Any]
    session: Session | None = None
    tool_version: str = field(default=__version__, compare=False)
    duration_seconds: int | None = None
    """Total time spent answering interactively, summed over resumed sessions; None when not
    measured (``--answers``, older files). Only this total is kept, never per-item timings."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON document."""
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "language": self.language,
            "participant": {k: getattr(self.participant, k) for k in PARTICIPANT_FIELDS},
            "created_at": self.created_at,
            "status": self.status,
            **({} if self.duration_seconds is None else {"duration_seconds": self.duration_seconds}),
            "answers": dict(self.answers),
            "profile": self.profile,
            "tool": {"name": "kamtrust", "version": self.tool_version},
        }
        if self.session is not None:
            doc["session"] = {
                "cursor": self.session.cursor,
                "skipped": list(self.session.skipped),
                "out": self.session.out,
            }
        return doc

    def to_json(self) -> str:
        """The document as indented UTF-8 JSON text (no NaN: it would not be valid JSON)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def now_utc() -> str:
    """The current time as ISO 8601 UTC with a Z, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The ``profile`` section of a result document."""

    def scale(s: ScaleScore) -> dict[str, Any]:
        d: dict[str, Any] = {"score": s.score, "band": s.band, "answered": s.answered, "items": s.items}
        if s.score is None:
            d["reason"] = s.reason
        return d

    d = profile.distance
    return {
        "factors": {fid: scale(s) for fid, s in profile.factors.items()},
        "poles": {pid: scale(s) for pid, s in profile.poles.items()},
        "distance": None
        if d is None
        else {"proximity": d.proximity, "perspective": d.perspective, "balance": d.balance, "zone": d.zone},
        "overall": profile.overall,
        "strengths": list(profile.strengths),
        "development": list(profile.development),
        "flags": list(profile.flags),
        "alerts": list(profile.alerts),
    }


def build_result(
    q: Questionnaire,
    answers: dict[str, int],
    profile: Profile,
    *,
    language: str,
    participant: Participant,
    created_at: str | None = None,
    status: str = COMPLETE,
    session: Session | None = None,
    duration_seconds: int | None = None,
) -> Result:
    """A result for ``answers`` scored as ``profile``; answers kept in presentation order."""
    ordered = {i.id: answers[i.id] for i in q.presentation_order if answers.get(i.id) is not None}
    return Result(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        language=language,
        # Blank texts are read back as absent (parse_result), so they are stored as absent.
        participant=replace(
            participant,
            name=_text_or_none(participant.name),
            account=_text_or_none(participant.account),
            cohort=_text_or_none(participant.cohort),
        ),
        created_at=created_at or now_utc(),
        status=status,
        answers=ordered,
        profile=profile_to_dict(profile),
        session=session if status == PARTIAL else None,
        duration_seconds=duration_seconds,
    )


_TEXT_OR_NONE = frozenset({str, type(None)})
_INT = frozenset({int})


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


ResultFields = tuple[
    str,
    str,
    str,
    str,
    str | None,
    str | None,
    str | None,
    str,
    str,
    dict[str, int],
    dict[str, Any],
    "Session | None",
    str,
    int | None,
]
"""A result's fields, checked, as plain values: questionnaire id and version, language, the
participant's id, name, account and cohort, created_at, status, answers, profile, session, tool
version and duration (see :func:`result_from`). A group's helper processes send these, not
Result objects: they cost a third as much to pickle and the receiving process builds the Result."""


def parse_result(doc: Any, source: str, *, keep_profile: bool = True) -> Result:
    """Check a document parsed from JSON and build the Result; InputFileError names what is wrong.

    The error is an :class:`~kamtrust.inputfile.InputReasonError`: its ``reason`` renders in
    either language (a group lists left-out files in the language of the command).
    """
    return result_from(check_result(doc, source, keep_profile=keep_profile))


def result_from(fields: ResultFields) -> Result:
    """The Result of fields :func:`check_result` gave.

    Built as the dataclasses' ``__init__`` would, without their one ``object.__setattr__`` call
    per field (frozen dataclasses pay that): a group builds ten thousand Results in the process
    that is the bottleneck. A test checks that every field is set, equal to the constructor's."""
    qid, version, language, who, name, account, cohort, created, status, answers, profile, session, tool, duration = (
        fields
    )
    person = _new(Participant)
    vars(person).update(id=who, name=name, account=account, cohort=cohort)
    result = _new(Result)
    vars(result).update(
        questionnaire_id=qid,
        questionnaire_version=version,
        language=language,
        participant=person,
        created_at=created,
        status=status,
        answers=answers,
        profile=profile,
        session=session,
        tool_version=tool,
        duration_seconds=duration,
    )
    return result


_new = object.__new__


def check_result(doc: Any, source: str, *, keep_profile: bool = True) -> ResultFields:
    """:func:`parse_result`'s checks: the fields of the Result it builds, as plain values."""
    if not isinstance(doc, dict):
        raise InputReasonError(source, reason("result_not_object"))
    _check_schema(doc.get("schema"), source)
    problems: list[Reason] = []
    q = doc.get("questionnaire")
    if not (isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("version"), str)):
        problems.append(reason("result_p_questionnaire"))
        q = {"id": "", "version": ""}
    language = doc.get("language")
    if not isinstance(language, str) or not language:
        problems.append(reason("result_p_language"))
    p = _participant(doc.get("participant"), problems)
    created = doc.get("created_at")
    if not isinstance(created, str) or parse_timestamp(created) is None:
        problems.append(reason("result_p_created_at"))
    status = doc.get("status")
    if status not in (COMPLETE, PARTIAL):
        problems.append(reason("result_p_status", found=_short(status)))
    answers = _answers(doc.get("answers"), problems)
    profile = doc.get("profile")
    if not isinstance(profile, dict):
        problems.append(reason("result_p_profile"))
        profile = {}
    raw_session = doc.get("session")
    session = _session(raw_session, problems) if status == PARTIAL and isinstance(raw_session, dict) else None
    duration = doc.get("duration_seconds")  # optional: older files and --answers results have none
    if duration is not None and (type(duration) is not int or duration < 0):
        problems.append(reason("result_p_duration", found=_short(duration)))
    if problems:
        raise InputReasonError(source, Reason("result_damaged", parts=tuple(problems)))
    tool = doc.get("tool")
    tool_version = tool.get("version") if isinstance(tool, dict) else None
    return (
        q["id"],
        q["version"],
        language,  # type: ignore[return-value]
        p["id"],
        _text_or_none(p.get("name")),
        _text_or_none(p.get("account")),
        _text_or_none(p.get("cohort")),
        created,
        status,
        answers,
        profile if keep_profile else {},
        session,
        tool_version if isinstance(tool_version, str) else "unknown",
        duration,
    )


def _check_schema(schema: Any, source: str) -> None:
    """Refuse a document that is not a result of this schema version, saying which it is."""
    if schema == SCHEMA:
        return
    if isinstance(schema, str) and schema.startswith("kamtrust.result/"):
        raise InputReasonError(
            source, reason("result_schema_other", schema=schema[:40], version=__version__, expected=SCHEMA)
        )
    if schema is None:  # absent (or null): said in words, not as Python's None
        raise InputReasonError(source, reason("result_schema_absent", expected=SCHEMA))
    raise InputReasonError(source, reason("result_schema_missing", schema=_short(schema), expected=SCHEMA))


def _participant(p: Any, problems: list[Reason]) -> dict[str, Any]:
    """The participant section when it has an id and texts (or nothing) in its other fields;
    else a problem noted and a stand-in."""
    if not isinstance(p, dict) or not isinstance(p.get("id"), str) or not p["id"]:
        problems.append(reason("result_p_participant"))
        return {"id": ""}
    if not p["id"].strip():  # "   " names nobody, as "" does
        problems.append(reason("result_p_participant_blank"))
        return {"id": ""}
    if not {type(p.get("name")), type(p.get("account")), type(p.get("cohort"))} <= _TEXT_OR_NONE:
        problems.append(reason("result_p_participant_text"))
    return p


def _answers(answers: Any, problems: list[Reason]) -> dict[str, int]:
    """The answers when every one is an integer (a bool is not); else a problem noted and none.

    The set of types is built in C, several times faster than the check item by item that only
    runs when it shows something else (a group reads thousands of files). A bool is an int to
    isinstance, not to type(): true as an answer is refused."""
    if not isinstance(answers, dict):
        problems.append(reason("result_p_answers"))
        return {}
    if not {*map(type, answers.values())} <= _INT:  # the keys came from JSON: always texts
        bad = next((k, v) for k, v in answers.items() if type(v) is not int)
        problems.append(reason("result_p_answer", item=_short(bad[0]), found=_short(bad[1])))
        return {}
    return answers


def _session(raw: dict[str, Any], problems: list[Reason]) -> Session | None:
    """Where a partial result stopped; None and a problem noted when the section is damaged."""
    cursor = raw.get("cursor", 0)
    skipped = raw.get("skipped", [])
    out = raw.get("out")
    if (
        isinstance(cursor, bool)
        or not isinstance(cursor, int)
        or cursor < 0
        or not isinstance(skipped, list)
        or not all(isinstance(s, str) for s in skipped)
        or (out is not None and not isinstance(out, str))
    ):
        problems.append(reason("result_p_session"))
        return None
    return Session(cursor, tuple(skipped), out)


def _short(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (a hostile file may hold a 4,000-digit number)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**limit:
        return f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, (dict, list)):  # never repr a container: it may be nested 900 deep
        return "an object" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_timestamp(text: str) -> datetime | None:
    """The moment an ISO 8601 text names, in UTC (a time without offset is read as UTC); None if not one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # 0001-01-01T00:00+01:00 has no UTC time
        return None


# orjson reads a result about three times as fast as the json module, but reads some documents
# differently: it turns integers of 2**64 and more into floats, and nests up to 1024 levels where
# json stops earlier. So it is used only where that cannot show: documents with few brackets,
# read for their answers (a group), whose checks pass (every answer, cursor and duration is then
# an exact integer, and a float where json would give an integer fails them). Every other
# document, and every one orjson refuses (a BOM, a lone surrogate, NaN, bad UTF-8, broken JSON),
# is read again by the json module: the answer or the message is exactly what it always was.
_MAX_OPENERS = 256
"""More brackets than a result holds (about 25): such a file is read by the json module."""


def decode_result(raw: bytes, name: str, *, keep_profile: bool = True) -> Result:
    """Check the bytes of a result file and build the Result (see :func:`parse_result`)."""
    return result_from(decode_fields(raw, name, keep_profile=keep_profile))


def decode_fields(raw: bytes, name: str, *, keep_profile: bool = True) -> ResultFields:
    """:func:`decode_result`'s checks: the fields of the Result, as plain values (:data:`ResultFields`)."""
    if not keep_profile and raw.count(b"{") + raw.count(b"[") <= _MAX_OPENERS:
        try:
            # orjson refuses a lone surrogate, so what it reads can always be printed and saved.
            return check_result(orjson.loads(raw), name, keep_profile=False)
        except (orjson.JSONDecodeError, InputReasonError):
            pass
    doc = parse_json(raw, name, kind="kamtrust result")
    # JSON may escape half of a surrogate pair (\ud800): Python accepts it, but such text could
    # never be printed or saved again. Only files with such an escape pay for the check.
    if b"\\ud" in raw or b"\\uD" in raw:
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputReasonError(name, Reason("result_damaged", parts=(reason("result_p_escape"),))) from None
        except RecursionError:
            raise InputReasonError(name, reason("json_too_deep", kind="kamtrust result")) from None
    return check_result(doc, name, keep_profile=keep_profile)


def read_result(path: Path | str, label: str | None = None) -> Result:
    """Read and check one result file (at most MAX_RESULT_BYTES; never a FIFO or a device)."""
    name = label or str(path)
    return decode_result(read_bytes(path, name, what="result file", limit=MAX_RESULT_BYTES), name)


def with_status(result: Result, status: str, session: Session | None = None) -> Result:
    """The same result with another status (and session, for partial ones)."""
    return replace(result, status=status, session=session if status == PARTIAL else None)
