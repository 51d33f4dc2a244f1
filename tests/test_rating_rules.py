"""A rating file's checks, one by one: the exact refusal `kamtrust feedback report` prints, in
English and in Spanish, and the values a valid rating is read as.

Pinned before ``parse_rating`` was broken up into one check per field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import InputFileError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.rating import Rating, parse_rating
from tests.conftest import GONE, edited
from tests.test_feedback import make_result

Run = Callable[..., Any]

GOOD: dict[str, Any] = {
    "schema": "kamtrust.rating/1",
    "id": "rating-1",
    "rated": {"participant_id": "person-1", "account": "Norte"},
    "role": "client",
    "questionnaire": {"id": "kamtrust-8", "version": "2.0"},
    "language": "es",
    "created_at": "2026-11-25T10:00:00Z",
    "answers": {"cred2_1": 4, "rel2_1": 2},
}
DAMAGED = {"en": "damaged rating: ", "es": "valoración dañada: "}
SPANISH = {
    "'rated.account' must be a text or null; 'role' must be one of client, manager, peer; found 'boss'; "
    "'language' must be a language code; 'answers' must map item ids to whole numbers; "
    "'rater.name' must be a text; 'told_shown_alone' must be true or false": "'rated.account' debe ser un texto "
    "o null; 'role' debe ser uno de client, manager, peer; se encontró 'boss'; 'language' debe ser un código de "
    "idioma; 'answers' debe asociar ids de pregunta a números enteros; 'rater.name' debe ser un texto; "
    "'told_shown_alone' debe ser true o false",
}
"""The Spanish of the problems tried in both languages."""


def changed(**changes: Any) -> dict[str, Any]:
    """GOOD with keys replaced (``rated__account`` reaches inside ``rated``) or removed (GONE)."""
    return edited(GOOD, **changes)


@pytest.fixture(autouse=True)
def _default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)


_RESULT: list[str] = []
"""The result's text, made once: an assessment per test would make this file ten times slower."""


@pytest.fixture
def result(run: Run, tmp_path: Path) -> Path:
    """A 2.0 result for the report to read the ratings against (any rating here fails first)."""
    if not _RESULT:
        q2: Questionnaire = resolve("kamtrust-8@2.0")
        _RESULT.append(make_result(run, tmp_path, q2, {}, name="Marta", account="Norte").read_text(encoding="utf-8"))
    path = tmp_path / "marta.json"
    path.write_text(_RESULT[0], encoding="utf-8")
    return path


def report_on(run: Run, tmp_path: Path, result: Path, doc: Any, lang: str) -> tuple[Path, Any]:
    """``kamtrust feedback report RESULT rating.json --lang LANG`` with ``doc`` as the rating file."""
    path = tmp_path / "rating.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, run("feedback", "report", str(result), str(path), "--lang", lang)


@pytest.mark.parametrize(
    ("doc", "found"),
    [
        pytest.param([GOOD], "None", id="not-an-object"),
        pytest.param(changed(schema=GONE), "None", id="no-schema"),
        pytest.param(changed(schema="kamtrust.rating/2"), "'kamtrust.rating/2'", id="other-schema"),
        pytest.param(
            changed(schema="kamtrust.rating/" + "9" * 60), "'kamtrust.rating/99999999999999999999999", id="long"
        ),
        pytest.param(changed(schema=["x"]), "['x']", id="schema-a-list"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_file_that_is_not_a_rating(run: Run, tmp_path: Path, result: Path, doc: Any, found: str, lang: str) -> None:
    path, r = report_on(run, tmp_path, result, doc, lang)
    said = {
        "en": f"is not a kamtrust rating (its 'schema' is {found}; expected 'kamtrust.rating/1')",
        "es": f"no es un archivo de valoración de kamtrust (su 'schema' es {found}; se esperaba 'kamtrust.rating/1')",
    }
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", f"Error: {path}: {said[lang]}\n")


@pytest.mark.parametrize(
    ("doc", "problems"),
    [
        pytest.param(
            changed(rated=GONE),
            "'rated.participant_id' must be the rated person's participant id",
            id="no-rated",
        ),
        pytest.param(
            changed(rated="person-1"),
            "'rated.participant_id' must be the rated person's participant id",
            id="rated-a-text",
        ),
        pytest.param(
            changed(rated__participant_id=""),
            "'rated.participant_id' must be the rated person's participant id",
            id="participant-id-empty",
        ),
        pytest.param(
            changed(rated__participant_id=7, rated__account=7),
            "'rated.participant_id' must be the rated person's participant id",
            id="account-unread-when-participant-bad",
        ),
        pytest.param(changed(rated__account=7), "'rated.account' must be a text or null", id="account-a-number"),
        pytest.param(
            changed(role="boss"), "'role' must be one of client, manager, peer; found 'boss'", id="unknown-role"
        ),
        pytest.param(changed(role=GONE), "'role' must be one of client, manager, peer; found None", id="no-role"),
        pytest.param(
            changed(role="x" * 60),
            "'role' must be one of client, manager, peer; found 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            id="long-role",
        ),
        pytest.param(
            changed(questionnaire__version=2.0), "'questionnaire' must give its id and version", id="version-a-number"
        ),
        pytest.param(
            changed(questionnaire="kamtrust-8"), "'questionnaire' must give its id and version", id="questionnaire-text"
        ),
        pytest.param(changed(questionnaire__id=GONE), "'questionnaire' must give its id and version", id="no-id"),
        pytest.param(changed(language=""), "'language' must be a language code", id="language-empty"),
        pytest.param(changed(language=["es"]), "'language' must be a language code", id="language-a-list"),
        pytest.param(changed(created_at="yesterday"), "'created_at' must be an ISO 8601 time", id="created-a-word"),
        pytest.param(changed(created_at=GONE), "'created_at' must be an ISO 8601 time", id="no-created"),
        pytest.param(changed(answers={"cred2_1": 4.0}), "'answers' must map item ids to whole numbers", id="float"),
        pytest.param(changed(answers={"cred2_1": True}), "'answers' must map item ids to whole numbers", id="bool"),
        pytest.param(changed(answers=[4, 2]), "'answers' must map item ids to whole numbers", id="answers-a-list"),
        pytest.param(changed(rater={"name": 5}), "'rater.name' must be a text", id="rater-name-a-number"),
        pytest.param(changed(rater="Ana"), "'rater.name' must be a text", id="rater-a-text"),
        pytest.param(changed(rater={}), "'rater.name' must be a text", id="rater-without-name"),
        pytest.param(changed(id=GONE), "'id' must be the rating's id", id="no-id-of-its-own"),
        pytest.param(changed(id=""), "'id' must be the rating's id", id="id-empty"),
        pytest.param(changed(told_shown_alone="yes"), "'told_shown_alone' must be true or false", id="told-a-word"),
    ],
)
def test_a_damaged_rating(run: Run, tmp_path: Path, result: Path, doc: Any, problems: str) -> None:
    """Each check's words, alone."""
    path, r = report_on(run, tmp_path, result, doc, "en")
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", f"Error: {path}: damaged rating: {problems}\n")


@pytest.mark.parametrize(
    ("doc", "problems"),
    [
        pytest.param(
            changed(rated__account=7, role="boss", language=GONE, answers=None, rater=[], told_shown_alone=1),
            "'rated.account' must be a text or null; 'role' must be one of client, manager, peer; found 'boss'; "
            "'language' must be a language code; 'answers' must map item ids to whole numbers; "
            "'rater.name' must be a text; 'told_shown_alone' must be true or false",
            id="all-at-once-in-order",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_problem_at_once_in_the_order_of_the_fields(
    run: Run, tmp_path: Path, result: Path, doc: Any, problems: str, lang: str
) -> None:
    """Joined with '; ', each in the command's language (the field names as written)."""
    path, r = report_on(run, tmp_path, result, doc, lang)
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == (
        "",
        f"Error: {path}: {DAMAGED[lang]}{SPANISH[problems] if lang == 'es' else problems}\n",
    )


def test_a_valid_rating_is_read_as_written() -> None:
    rating = parse_rating(changed(rater={"name": "Ana"}, told_shown_alone=True), "r.json")
    assert rating == Rating(
        rated_id="person-1",
        account="Norte",
        role="client",
        questionnaire_id="kamtrust-8",
        questionnaire_version="2.0",
        language="es",
        answers={"cred2_1": 4, "rel2_1": 2},
        created_at="2026-11-25T10:00:00Z",
        rater_name="Ana",
        told_shown_alone=True,
        id="rating-1",
    )


@pytest.mark.parametrize(
    ("changes", "account", "rater_name", "told"),
    [
        pytest.param({"rated__account": None}, None, None, False, id="account-null"),
        pytest.param({"rated__account": GONE}, None, None, False, id="account-absent"),
        pytest.param({"rated__account": "  "}, None, None, False, id="account-blank"),
        pytest.param({"rater": None}, "Norte", None, False, id="rater-null"),
        pytest.param({"rater": {"name": " "}}, "Norte", None, False, id="rater-name-blank"),
        pytest.param({"told_shown_alone": False}, "Norte", None, False, id="told-false"),
    ],
)
def test_what_an_empty_optional_field_is_read_as(
    changes: dict[str, Any], account: str | None, rater_name: str | None, told: bool
) -> None:
    rating = parse_rating(changed(**changes), "r.json")
    assert (rating.account, rating.rater_name, rating.told_shown_alone) == (account, rater_name, told)


def test_the_refusal_is_an_input_file_error_naming_the_file() -> None:
    with pytest.raises(InputFileError) as info:
        parse_rating(changed(id=5), "folder/r.json")
    assert (info.value.path, info.value.message) == (
        "folder/r.json",
        "folder/r.json: damaged rating: 'id' must be the rating's id",
    )
