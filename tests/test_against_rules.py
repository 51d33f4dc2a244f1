"""A group summary's checks for ``--against``, one by one: the exact refusal `kamtrust show`
prints, and the means a usable summary is read as.

Pinned before ``parse_summary`` was broken up into one check per part of the document.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.documents.against import GroupMeans, parse_summary
from kamtrust.errors import InputFileError, KamtrustError
from kamtrust.questionnaire.model import Questionnaire

from .conftest import GONE, edited
from .test_report import DATA, SUMMARY_MEANS, make_result

Run = Callable[..., Any]
GOOD: dict[str, Any] = json.loads((DATA / "summary.json").read_text(encoding="utf-8"))
DAMAGED = "is a damaged group summary: "
IN_SPANISH = {
    "is not a kamtrust group summary (its 'schema' is 'kamtrust.group-summary/9', expected "
    "'kamtrust.group-summary/1')": "no es un resumen de grupo de kamtrust (su 'schema' es "
    "'kamtrust.group-summary/9'; se esperaba 'kamtrust.group-summary/1')",
    "summarises questionnaire 'other-q', but the result was made with 'kamtrust-8'; a profile can only stand "
    "beside a group that answered the same questionnaire": "resume el cuestionario 'other-q', pero el resultado se "
    "hizo con 'kamtrust-8'; un perfil solo puede compararse con un grupo que respondió el mismo cuestionario",
    "the group's results are withheld (fewer than 3 results); standing beside a group needs a summary of at least "
    "3 people": "los resultados del grupo no se muestran (fewer than 3 results); para compararse con un grupo hace "
    "falta un resumen de al menos 3 personas",
    "the group has only 1 result, fewer than its anonymity threshold of 3; no comparison is made with so few "
    "people": "el grupo solo tiene 1 resultado, menos que su umbral de anonimato de 3; con tan pocas personas no se "
    "hace ninguna comparación",
}
"""The Spanish of the refusals tried under --lang es."""


def changed(**changes: Any) -> dict[str, Any]:
    """The test summary with keys replaced (``total__n`` reaches inside ``total``) or removed (GONE)."""
    return edited(GOOD, **changes)


_RESULT: list[str] = []
"""The result's text, made once: an assessment per test would make this file several times slower."""


@pytest.fixture
def result(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    if not _RESULT:
        _RESULT.append(make_result(run, q, tmp_path, "now").read_text(encoding="utf-8"))
    path = tmp_path / "marta.json"
    path.write_text(_RESULT[0], encoding="utf-8")
    return path


def show_against(run: Run, tmp_path: Path, result: Path, doc: Any, *lang: str) -> tuple[Path, Any]:
    """``kamtrust show RESULT --against summary.json`` with ``doc`` as the summary."""
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, run("show", str(result), "--against", str(path), *lang)


REFUSALS = [
    pytest.param([GOOD], "is not a kamtrust group summary (expected a JSON object)", id="not-an-object"),
    pytest.param(
        changed(schema="kamtrust.result/1"),
        "is a person's result, not a group summary; --against needs the JSON summary a trainer makes with "
        "'kamtrust group summary --format json'",
        id="a-result",
    ),
    pytest.param(
        changed(schema="kamtrust.result/9"),
        "is a person's result, not a group summary; --against needs the JSON summary a trainer makes with "
        "'kamtrust group summary --format json'",
        id="a-result-of-another-schema",
    ),
    pytest.param(
        changed(schema="kamtrust.group-summary/9"),
        "is not a kamtrust group summary (its 'schema' is 'kamtrust.group-summary/9', expected 'kamtrust.group-summary/1')",
        id="other-schema",
    ),
    pytest.param(
        changed(schema=GONE),
        "is not a kamtrust group summary (its 'schema' is None, expected 'kamtrust.group-summary/1')",
        id="no-schema",
    ),
    pytest.param(
        changed(schema=5),
        "is not a kamtrust group summary (its 'schema' is 5, expected 'kamtrust.group-summary/1')",
        id="schema-a-number",
    ),
    pytest.param(changed(questionnaire=GONE), DAMAGED + "'questionnaire' must hold an 'id'", id="no-questionnaire"),
    pytest.param(
        changed(questionnaire={"id": 8, "version": "1.0"}),
        DAMAGED + "'questionnaire' must hold an 'id'",
        id="questionnaire-id-a-number",
    ),
    pytest.param(
        changed(questionnaire={"id": "other-q", "version": "1.0"}),
        "summarises questionnaire 'other-q', but the result was made with 'kamtrust-8'; a profile can only stand "
        "beside a group that answered the same questionnaire",
        id="other-questionnaire",
    ),
    pytest.param(
        changed(min_group=0), DAMAGED + "'min_group' must be a whole number of at least 1", id="min-group-zero"
    ),
    pytest.param(
        changed(min_group=True), DAMAGED + "'min_group' must be a whole number of at least 1", id="min-group-bool"
    ),
    pytest.param(
        changed(min_group="3"), DAMAGED + "'min_group' must be a whole number of at least 1", id="min-group-text"
    ),
    pytest.param(
        changed(min_group=GONE), DAMAGED + "'min_group' must be a whole number of at least 1", id="no-min-group"
    ),
    pytest.param(changed(total=GONE), DAMAGED + "'total' is missing", id="no-total"),
    pytest.param(changed(total=[1]), DAMAGED + "'total' is missing", id="total-a-list"),
    pytest.param(
        changed(total__suppressed=True, total__n=None, total__reason="fewer than 3 results"),
        "the group's results are withheld (fewer than 3 results); standing beside a group needs a summary of "
        "at least 3 people",
        id="withheld-with-reason",
    ),
    pytest.param(
        changed(total__suppressed=True),
        "the group's results are withheld (too few people); standing beside a group needs a summary of at least "
        "3 people",
        id="withheld-with-n",
    ),
    pytest.param(
        changed(total__n=GONE, min_group=5),
        "the group's results are withheld (too few people); standing beside a group needs a summary of at least "
        "5 people",
        id="no-n",
    ),
    pytest.param(changed(total__n=-1), DAMAGED + "the total's 'n' must be a whole number", id="n-negative"),
    pytest.param(changed(total__n=True), DAMAGED + "the total's 'n' must be a whole number", id="n-bool"),
    pytest.param(changed(total__n=12.0), DAMAGED + "the total's 'n' must be a whole number", id="n-a-fraction"),
    pytest.param(
        changed(total__n=1),
        "the group has only 1 result, fewer than its anonymity threshold of 3; no comparison is made with so few "
        "people",
        id="one-person",
    ),
    pytest.param(
        changed(total__n=0),
        "the group has only 0 results, fewer than its anonymity threshold of 3; no comparison is made with so few "
        "people",
        id="nobody",
    ),
    pytest.param(changed(total__factors=GONE), DAMAGED + "the total has no 'factors'", id="no-factors"),
    pytest.param(changed(total__factors=[]), DAMAGED + "the total has no 'factors'", id="factors-a-list"),
    pytest.param(
        changed(total__factors__credibility={"mean": 100.5}),
        DAMAGED + "the mean of 'credibility' is 100.5, outside 0-100",
        id="mean-above-100",
    ),
    pytest.param(
        changed(total__factors__integrity={"mean": -1}),
        DAMAGED + "the mean of 'integrity' is -1.0, outside 0-100",
        id="mean-below-0",
    ),
    pytest.param(changed(total__factors={}), DAMAGED + "it has no factor means for kamtrust-8", id="no-means"),
    pytest.param(
        changed(total__factors={f: {"mean": None} for f in SUMMARY_MEANS}),
        DAMAGED + "it has no factor means for kamtrust-8",
        id="every-mean-null",
    ),
]


@pytest.mark.parametrize(("doc", "message"), REFUSALS)
def test_what_stops_standing_beside_a_group(run: Run, tmp_path: Path, result: Path, doc: Any, message: str) -> None:
    path, r = show_against(run, tmp_path, result, doc)
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", f"Error: {path}: {message}\n")


@pytest.mark.parametrize(
    ("doc", "message"),
    [p for p in REFUSALS if p.id in ("other-schema", "other-questionnaire", "withheld-with-reason", "one-person")],
)
def test_the_refusals_read_in_spanish(run: Run, tmp_path: Path, result: Path, doc: Any, message: str) -> None:
    """--lang es: the same refusals in Spanish (a reason quoted from the file stays as written)."""
    path, r = show_against(run, tmp_path, result, doc, "--lang", "es")
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", f"Error: {path}: {IN_SPANISH[message]}\n")


def test_the_refusals_are_input_file_errors_except_a_group_one_cannot_use(q: Questionnaire) -> None:
    """A damaged file is an InputFileError naming it; a sound summary of another group is not."""
    with pytest.raises(InputFileError) as info:
        parse_summary(changed(total=GONE), "s.json", q)
    assert info.value.path == "s.json"
    for doc in (changed(total__n=1), changed(total__suppressed=True), changed(questionnaire={"id": "x"})):
        with pytest.raises(KamtrustError) as other:
            parse_summary(doc, "s.json", q)
        assert not isinstance(other.value, InputFileError)


def test_a_usable_summary_is_read_as_its_total_means(q: Questionnaire) -> None:
    doc = changed(total__poles={"proximity": {"mean": 70}, "perspective": {"mean": 40.5}}, total__overall={"mean": 62})
    assert parse_summary(doc, "s.json", q) == GroupMeans(
        source="s.json",
        n=12,
        min_group=3,
        generated_at="2026-11-20T10:00:00Z",
        questionnaire_version="1.0",
        factors=SUMMARY_MEANS,
        poles={"proximity": 70.0, "perspective": 40.5},
        overall=62.0,
        warnings=(),
    )


def test_means_of_0_and_100_are_within_the_range(q: Questionnaire) -> None:
    doc = changed(total__factors__credibility={"mean": 100}, total__factors__integrity={"mean": 0.0})
    assert parse_summary(doc, "s.json", q).factors == {**SUMMARY_MEANS, "credibility": 100.0, "integrity": 0.0}


def test_a_mean_that_is_not_a_number_is_read_as_none(q: Questionnaire) -> None:
    doc = changed(
        total__factors__credibility={"mean": True},
        total__factors__reliability={"mean": "58"},
        total__factors__intimacy=71.25,
        total__factors__integrity=GONE,
        total__poles=[1],
        total__overall={"mean": math.inf},
        generated_at=20261120,
    )
    means = parse_summary(doc, "s.json", q)
    gone = ("credibility", "reliability", "intimacy", "integrity")
    assert means.factors == {f: None if f in gone else m for f, m in SUMMARY_MEANS.items()}
    assert (means.poles, means.overall, means.generated_at, means.date) == (
        {"proximity": None, "perspective": None},
        None,
        None,
        "—",
    )


@pytest.mark.parametrize(
    ("version", "read_as", "warnings"),
    [
        pytest.param("1.0", "1.0", (), id="same"),
        pytest.param("0.9", "0.9", ("s.json: the group answered kamtrust-8 0.9; this profile is scored with 1.0",)),
        pytest.param(1.0, "?", ("s.json: the group answered kamtrust-8 ?; this profile is scored with 1.0",)),
        pytest.param(GONE, "?", ("s.json: the group answered kamtrust-8 ?; this profile is scored with 1.0",)),
    ],
)
def test_another_questionnaire_version_is_a_warning(
    q: Questionnaire, version: Any, read_as: str, warnings: tuple[str, ...]
) -> None:
    means = parse_summary(changed(questionnaire__version=version), "s.json", q)
    assert (means.questionnaire_version, means.warnings) == (read_as, warnings)
