"""Read an answers file (YAML or JSON with an ``answers`` mapping) for ``assess --answers``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from kamtrust.engine.enough import scores_anything
from kamtrust.engine.scoring import NOT_WHOLE, OUTSIDE, UNKNOWN_ITEM, answer_fault
from kamtrust.errors import AnswerError, InputFileError, Problem
from kamtrust.inputfile import InputReasonError, Reason, reason
from kamtrust.located import LocDict
from kamtrust.questionnaire.model import Questionnaire


def read_answers(path: Path, q: Questionnaire, label: str | None = None) -> tuple[dict[str, int], dict[str, Any]]:
    """The answers (item id -> integer; null entries dropped) and the whole document.

    Every problem is reported at once with its line: unknown items, non-integers, out of range.
    JSON is read by the YAML parser too (JSON is YAML), which gives lines and duplicate-key checks.
    """
    name = label or str(path)
    doc, problems = _load(path, name)
    return _answers(doc, problems, q, name), doc


def read_own_answers(
    path: Path, q: Questionnaire, lang: str | None, label: str | None = None
) -> tuple[dict[str, int], dict[str, Any]]:
    """As :func:`read_answers`, for a person's own answers (``assess --answers``): a rating, or any
    kamtrust document but a result, is refused in ``lang``'s messages (--lang, else the locale's).

    A rating scored as one's own would print one rater's whole profile, which no report shows.
    """
    name = label or str(path)
    doc, problems = _load(path, name)
    refuse_other_documents(doc, name, lang)
    given = _answers(doc, problems, q, name)
    refuse_unscorable(q, given, name)
    return given, doc


def read_rater_answers(
    path: Path, q: Questionnaire, role: str, result_ref: str, label: str | None = None
) -> tuple[dict[str, int], dict[str, Any]]:
    """As :func:`read_answers`, for ``assess --as ROLE``: a rating sheet made for another role is refused."""
    name = label or str(path)
    doc, problems = _load(path, name)
    sheet = sheet_role(doc)
    if sheet is not None and sheet != role:
        raise InputReasonError(
            name, reason("ans_sheet_role", sheet=sheet, given=role, result=result_ref, path=_shell_word(name))
        )
    return _answers(doc, problems, q, name), doc


def _load(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """The answers file's values with their lines. PyYAML is loaded here, when a file is read:
    the commands that only check answers (``show``, ``report``) never need it."""
    from kamtrust.yamlfile import load_located

    return load_located(path, name)


SHEET_SCHEMA = "kamtrust.rating-sheet/1"
"""The marker of the answers sheet ``feedback form -f answers`` writes for a rater."""


def sheet_role(doc: Any) -> str | None:
    """The role a rater's answers sheet is for (None: not a sheet); '?' when the sheet names none."""
    if not isinstance(doc, dict) or not str(doc.get("schema", "")).startswith("kamtrust.rating-sheet/"):
        return None
    role = doc.get("role")
    return role if isinstance(role, str) and role else "?"


def rated_path(ref: str) -> str:
    """Where the result a sheet's ``for:`` names can be found: as given when it exists from the
    current folder, else the file of that name in the results folder, else ``ref`` unchanged.

    The sheet holds only the result's file name; the command a refusal offers must work as copied.
    """
    from kamtrust.paths import results_dir

    if Path(ref).is_file():
        return ref
    saved = results_dir() / Path(ref).name
    return str(saved) if saved.is_file() else ref


def refuse_unscorable(q: Questionnaire, given: dict[str, int], name: str) -> None:
    """Refuse answers that score nothing (none at all, or too few for any factor or pole):
    such a result would reach a trainer as a profile with every figure unscored."""
    if not given:
        raise InputReasonError(name, reason("ans_empty", **example_answer(q)))
    if scores_anything(q, given):
        return
    from kamtrust.i18n import plural

    why = reason(plural("left_nothing_scored", len(given)), answered=len(given))
    raise InputReasonError(name, reason("ans_too_few", why=why, needed=min(f.needed for f in q.factors)))


def refuse_other_documents(doc: Any, name: str, lang: str | None) -> None:
    """Raise InputFileError when ``doc`` says it is a kamtrust document other than a result."""
    schema = doc.get("schema") if isinstance(doc, dict) else None
    if schema is None or (isinstance(schema, str) and schema.startswith("kamtrust.result/")):
        return
    from kamtrust.i18n import message_language, t

    ui = message_language(lang)
    role = sheet_role(doc)
    if role is not None:
        given = doc.get("for")
        result = rated_path(given) if isinstance(given, str) and given else t(ui, "ans_sheet_result")
        raise InputFileError(
            name,
            t(
                ui,
                "ans_rating_sheet",
                role=role,
                role_name=_role_name(ui, role),
                result=_shell_word(result),
                path=_shell_word(name),
            ),
        )
    rating = isinstance(schema, str) and schema.startswith("kamtrust.rating/")
    kind = t(ui, "fb_kind_rating") if rating else t(ui, "fb_kind_other", schema=str(schema)[:40])
    raise InputFileError(name, t(ui, "fb_answers_not_answers", kind=kind))


def _answers(doc: Any, problems: list[Problem], q: Questionnaire, name: str) -> dict[str, int]:
    """The answers in a parsed answers document, or every problem with it at once."""
    if problems:
        raise AnswerError(name, [_located(p) for p in problems])
    if not isinstance(doc, dict) or "answers" not in doc:
        raise InputReasonError(name, reason("ans_no_answers"))
    raw = doc["answers"]
    if not isinstance(raw, dict):
        raise InputReasonError(name, reason("ans_not_mapping", **example_answer(q)))
    answers: dict[str, int] = {}
    errors = []
    for key, value in raw.items():
        line = raw.key_lines.get(key) if isinstance(raw, LocDict) else None
        why = answer_problem(q, key, value)
        if why is not None:
            errors.append(reason("ans_at_line", line=line, problem=why) if line else why)
        elif value is not None:
            answers[key] = value
    if errors:
        raise AnswerError(name, errors)
    return answers


def example_answer(q: Questionnaire) -> dict[str, Any]:
    """The answer a refusal shows as an example: ``q``'s first item and a point of its scale
    (4 where the scale has it), so that it can be copied for this very questionnaire."""
    point = 4 if q.scale.min <= 4 <= q.scale.max else q.scale.max
    return {"item": next(iter(q.items)), "point": point}


def answer_problem(q: Questionnaire, key: object, value: object) -> Reason | None:
    """What is wrong with one answer, in any language (None: a point of the scale, or skipped)."""
    lo, hi = q.scale.min, q.scale.max
    fault = answer_fault(q, key, value)
    if fault == UNKNOWN_ITEM:
        return reason("ans_not_item", item=key, id=q.id, version=q.version)
    if fault == NOT_WHOLE:
        if isinstance(value, str) and (n := _quoted_number(value, lo, hi)) is not None:
            key_ = "ans_quoted" if value.strip() == str(n) else "ans_quoted_other"
            return reason(key_, item=key, found=repr(value), n=n)
        found = ("true" if value else "false") if isinstance(value, bool) else repr(value)  # as the file wrote it
        return reason("ans_not_whole", item=key, lo=lo, hi=hi, found=found)
    if fault == OUTSIDE:
        return reason("ans_outside", item=key, value=_Number(cast(int, value)), lo=lo, hi=hi)
    return None


_QUOTES = " \t'\"‘’“”«»"


def _quoted_number(text: str, lo: int, hi: int) -> int | None:
    """The point of the scale ``text`` is once stripped of quotes, spaces and a trailing comma."""
    bare = text.strip(_QUOTES).removesuffix(",").strip(_QUOTES)
    if bare.isascii() and bare.isdigit() and lo <= int(bare) <= hi:
        return int(bare)
    return None


def _role_name(lang: str, role: str) -> str:
    """``role``'s name in ``lang`` ("colega"); the id itself, quoted, when unknown."""
    from kamtrust.i18n import t
    from kamtrust.questionnaire.model import ROLE_IDS

    return t(lang, f"fb_role_{role}") if role in ROLE_IDS else repr(role)


def _shell_word(text: str) -> str:
    """``text`` as one word of a command to copy (quoted when it has spaces or the like)."""
    import shlex

    return shlex.quote(text)


def answer_problems(q: Questionnaire, answers: dict[str, Any]) -> list[Reason]:
    """Every problem of ``answers`` for ``q``, in the order of the answers."""
    return [why for key, value in answers.items() if (why := answer_problem(q, key, value)) is not None]


def _located(p: Problem) -> Reason:
    """A parser's problem as a line of the list (its words in any language when it has them)."""
    return reason("ans_parse_problem", line=p.line, where=p.where, problem=p.why or p.message)


@dataclass(frozen=True)
class _Number:
    """A number as it can be read in a message: a huge one by its first digits and its length."""

    value: int

    def text(self, lang: str) -> str:
        from kamtrust.i18n import t

        said = str(self.value)
        return said if len(said) <= 20 else t(lang, "ans_huge_number", start=said[:6], digits=len(said))
