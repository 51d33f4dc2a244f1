"""Read a saved result with its questionnaire and score it afresh from its answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kamtrust.engine.scoring import answer_problems, score
from kamtrust.errors import InputFileError, KamtrustError
from kamtrust.inputfile import clip_numbers
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve, resolve_id
from kamtrust.results.document import Result, profile_to_dict, read_result


def load_scored(path: Path, questionnaire: str | None = None) -> tuple[Result, Questionnaire]:
    """The result at ``path`` and its questionnaire, with the profile recomputed from the answers.

    The stored profile is derived data: recomputing it means a hand-edited or older file
    never shows scores that its answers do not support.
    """
    result = read_result(path, str(path))
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
        raise InputFileError(
            path,
            f"was made with questionnaire '{result.questionnaire_id}', which is not installed here ({exc.headline})",
            hint="pass its file with --questionnaire PATH",
        ) from None
    if q.id != result.questionnaire_id:
        raise InputFileError(path, f"was made with questionnaire '{result.questionnaire_id}', not '{q.id}'")
    problems = answer_problems(q, result.answers)
    if problems:
        raise InputFileError(
            path, f"has answers that do not fit {q.id} {q.version}: " + clip_numbers("; ".join(problems[:5]))
        )
    return replace(
        result, profile=profile_to_dict(score(q, result.answers, duration_seconds=result.duration_seconds))
    ), q
