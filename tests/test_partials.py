"""One assessment per account (issue 10 §3): resume rules, discarding a partial, comparing like with like."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.lock import SessionLock

from .conftest import all_answers, write_answers

Run = Callable[..., Any]


def partials(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "results").glob("*.partial.json"))


def answers_of(path: Path) -> dict[str, int]:
    return dict(json.loads(path.read_text(encoding="utf-8"))["answers"])


@pytest.fixture
def acme_partial(run: Run, data_dir: Path) -> Path:
    """Two answers for account Acme, then save and quit."""
    r = run("assess", "--lang", "en", "--account", "Acme", input="4\n2\nq\n")
    assert r.exit_code == 0, r.output
    [path] = partials(data_dir)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["created_at"] = "2026-11-23T09:30:00Z"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_the_resume_offer_names_the_account_and_the_date(run: Run, acme_partial: Path) -> None:
    r = run("assess", "--lang", "en", input="n\nq\n")
    assert r.stdout.startswith(
        "You have an unfinished assessment for Acme from 2026-11-23 (2 of 50 answered).\nResume it? [Y/n]"
    )
    # The offer follows --lang, with the date as Spanish writes it (wrapped at a word, never inside one).
    r = run("assess", "--lang", "es", "--account", "acme", input="n\nq\n")
    assert r.stdout.startswith(
        "Tienes una autoevaluación sin terminar para Acme del 23/11/2026 (2 de 50\nrespondidas).\n"
    )


def test_another_account_never_resumes_the_partial_of_the_first(run: Run, acme_partial: Path, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", "--account", "Beta", input="5\nq\n")
    assert r.exit_code == 0
    assert "unfinished assessment for Acme" not in r.stdout  # never offered
    assert (
        "Your unfinished assessment for Acme from 2026-11-23 (2 answered) is kept for that account; "
        "to go on with it: kamtrust assess --account Acme"
    ) in r.stderr
    assert answers_of(acme_partial) == {"cred_1": 4, "rel_1": 2}  # untouched
    beta = [p for p in partials(data_dir) if p != acme_partial]
    assert len(beta) == 1 and json.loads(beta[0].read_text(encoding="utf-8"))["participant"]["account"] == "Beta"


def test_resume_for_another_account_finds_nothing(run: Run, acme_partial: Path, data_dir: Path) -> None:
    r = run("assess", "--resume", "--lang", "en", "--account", "Beta")
    assert r.exit_code == 1
    assert r.stderr.startswith(
        f"Error: there is no unfinished assessment to resume in {data_dir / 'results'}; start one with: "
        "kamtrust assess\nYour unfinished assessment for Acme from 2026-11-23"
    )
    r = run("assess", "--resume", "--lang", "en", "--account", " ACME ", input="q\n")
    assert r.exit_code == 0 and "Question 3 of 50  ·  2 answered" in r.stdout  # the same account, as typed


def test_a_session_without_answers_saves_nothing(run: Run, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", "--account", "Acme", input="s\ns\nq\n")
    assert r.exit_code == 0
    assert partials(data_dir) == []
    assert r.stderr == "Nothing was answered in this session, so nothing new was saved.\n"


def test_an_empty_partial_left_by_an_older_version_is_never_offered(
    run: Run, acme_partial: Path, data_dir: Path
) -> None:
    doc = json.loads(acme_partial.read_text(encoding="utf-8"))
    doc["answers"] = {}
    acme_partial.write_text(json.dumps(doc), encoding="utf-8")
    r = run("assess", "--lang", "en", input="q\n")
    assert "Resume it?" not in r.stdout


# -- discard ----------------------------------------------------------------------------------------


def test_discard_asks_then_deletes_the_partial(run: Run, acme_partial: Path) -> None:
    r = run("history", "--discard", "1", "--lang", "en", input="n\n")
    assert r.exit_code == 0 and acme_partial.exists()
    assert r.stderr.endswith("Nothing discarded.\n")
    r = run("history", "--discard", "1", "--lang", "en", input="y\n")
    assert r.exit_code == 0, r.output
    what = "the unfinished assessment for Acme from 2026-11-23 (2 of 50 answered)"
    said = " ".join(r.stderr.split())  # the question wraps at the terminal's width
    assert said == f"Discard {what}? Its answers will be deleted. [y/N] Discarded {what}: {acme_partial} deleted."
    assert not acme_partial.exists()


def test_discard_without_an_answer_or_with_yes(run: Run, acme_partial: Path) -> None:
    r = run("history", "--discard", "1", "--lang", "es", input="")
    assert r.exit_code == 1 and acme_partial.exists()
    assert r.stderr.endswith(
        "Error: No se ha descartado nada: no hubo respuesta a la pregunta. Para descartar sin pregunta, añade --yes\n"
    )
    assert run("history", "--discard", "1", "--yes").exit_code == 0 and not acme_partial.exists()


def test_discard_never_a_finished_result_nor_a_partial_in_use(
    run: Run, q: Questionnaire, acme_partial: Path, tmp_path: Path, data_dir: Path
) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, 4))
    run("assess", "--answers", str(f))
    [done] = [p for p in (data_dir / "results").glob("*.json") if p != acme_partial]
    r = run("history", "--discard", "1", "--yes", "--lang", "en")  # the finished one is the newest
    assert r.exit_code == 1 and done.exists()
    assert r.stderr == (
        "Error: line 1 is a finished assessment, and only unfinished ones are discarded here; to forget it, "
        f"delete its file: {done}\n"
    )
    r = run("history", "--discard", "3", "--yes", "--lang", "en")
    assert (r.exit_code, r.stderr) == (1, "Error: kamtrust history has no line 3: it lists 2.\n")
    lock = SessionLock(acme_partial).acquire()
    try:
        r = run("history", "--discard", "2", "--yes", "--lang", "en")
    finally:
        lock.release()
    assert r.exit_code == 1 and acme_partial.exists()
    assert "is open in another kamtrust session" in r.stderr


# -- compare like with like -----------------------------------------------------------------------


def a_result(run: Run, q: Questionnaire, tmp_path: Path, name: str, *args: str) -> Path:
    f = write_answers(tmp_path / f"{name}-answers.json", all_answers(q, 3))
    out = tmp_path / f"{name}.json"
    assert run("assess", "--answers", str(f), "--lang", "en", "-o", str(out), *args).exit_code == 0
    return out


def test_compare_refuses_two_accounts_unless_forced(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    a = a_result(run, q, tmp_path, "a", "--account", "Acme")
    b = a_result(run, q, tmp_path, "b", "--account", "Beta")
    problem = (
        f"{a} and {b} do not show one person's progress with one client: they are about different accounts "
        "(Acme and Beta)."
    )
    r = run("compare", str(a), str(b))
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == (
        f"Error: {problem} Compare results of the same person and account; to compare these anyway, add --force.\n"
    )
    r = run("compare", str(a), str(b), "--force")
    assert r.exit_code == 0 and r.stdout.startswith("Change between")
    assert r.stderr.startswith(f"Warning: {problem} Compared anyway (--force).\n")
    # report --compare follows the same rule.
    html = tmp_path / "r.html"
    r = run("report", str(b), "--compare", str(a), "-o", str(html))
    assert r.exit_code == 1 and not html.exists() and "they are about different accounts" in r.stderr
    assert run("report", str(b), "--compare", str(a), "-o", str(html), "--force").exit_code == 0


def test_compare_refuses_two_people(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    a = a_result(run, q, tmp_path, "a", "--name", "Ana", "--account", "Acme")
    b = a_result(run, q, tmp_path, "b", "--name", "Luis", "--account", "acme")
    r = run("compare", str(a), str(b), "--lang", "es")
    assert r.exit_code == 1
    assert "no muestran el progreso de una persona con un cliente: son de personas distintas (Ana y Luis)." in r.stderr
    # The same person and account (names in another case): compared without a word.
    c = a_result(run, q, tmp_path, "c", "--name", "ana", "--account", "ACME")
    r = run("compare", str(a), str(c))
    assert r.exit_code == 0 and r.stderr == ""
    # Another machine's id without names to go by: another person.
    doc = json.loads(c.read_text(encoding="utf-8"))
    doc["participant"].update(id="00000000-0000-4000-8000-000000000000", name=None)
    c.write_text(json.dumps(doc), encoding="utf-8")
    r = run("compare", str(a), str(c), "--lang", "en")
    assert r.exit_code == 1 and "they are of different people (Ana and no name)" in r.stderr
