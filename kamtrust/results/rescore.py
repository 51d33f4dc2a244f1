"""Read a saved result with its questionnaire and score it afresh from its answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kamtrust.engine.scoring import score
from kamtrust.errors import KamtrustError, PathlessText
from kamtrust.inputfile import InputReasonError, Reason, reason
from kamtrust.localerror import ReasonError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve, resolve_id
from kamtrust.results.answers import answer_problems
from kamtrust.results.document import Result, profile_to_dict, read_result


def load_scored(path: Path, questionnaire: str | None = None) -> tuple[Result, Questionnaire]:
    """The result at ``path`` and its questionnaire, with the profile recomputed from the answers.

    The stored profile is derived data: recomputing it means a hand-edited or older file
    never shows scores that its answers do not support.
    """
    return rescored(read_result(path, str(path)), path, questionnaire)


def rescored(result: Result, path: Path, questionnaire: str | None = None) -> tuple[Result, Questionnaire]:
    """:func:`load_scored` of a result already read from ``path`` (which its messages name)."""
    try:
        # The result's own questionnaire, named or not, means the version it was made with.
        version = result.questionnaire_version if questionnaire in (None, result.questionnaire_id) else None
        if questionnaire and questionnaire != result.questionnaire_id:
            q = resolve(questionnaire, prefer_version=version)
        else:
            q = resolve_id(result.questionnaire_id, prefer_version=version)
    except KamtrustError as exc:
        if questionnaire:
            raise
        # The registry's problem in the command's language; not its hint, which would run on
        # inside the brackets: this sentence ends with the hint that settles it (--questionnaire).
        why = exc.why if isinstance(exc, ReasonError) else PathlessText(exc, str(path))
        raise InputReasonError(path, reason("rs_not_installed", id=result.questionnaire_id, error=why)) from None
    if q.id != result.questionnaire_id:
        raise InputReasonError(path, reason("rs_other_questionnaire", id=result.questionnaire_id, given=q.id))
    problems = answer_problems(q, result.answers)
    if problems:
        fit = Reason("joined", parts=tuple(problems[:5]))
        raise InputReasonError(path, reason("left_not_fit", id=q.id, version=q.version, error=fit))
    return replace(
        result, profile=profile_to_dict(score(q, result.answers, duration_seconds=result.duration_seconds))
    ), q
