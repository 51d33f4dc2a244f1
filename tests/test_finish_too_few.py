"""Issue 8: an interview that ends with too few answers to score anything is not a finished result."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

Run = Callable[..., Any]


def files(data_dir: Path, pattern: str = "*.json") -> list[Path]:
    return sorted((data_dir / "results").glob(pattern))


def keys_answering(q: Questionnaire, answered: set[str], value: str = "4") -> str:
    """Answer the items in ``answered`` and skip every other one, twice (first pass, then again)."""
    order = [i.id for i in q.presentation_order]
    first = [value if i in answered else "s" for i in order]
    again = ["s"] * sum(i not in answered for i in order)
    return "\n".join(first + again) + "\n"


TOO_FEW = {
    "en": "You answered 1 of 50 questions: too few to score any factor or distance pole, so the assessment is "
    "not finished and no result was saved. A factor or pole is scored once two thirds of its questions are "
    "answered; the closest is {scale}, with 1 of the 4 answers it needs. Your answers so far are kept in "
    "{path}. To continue (the questions you skipped come again): kamtrust assess --resume",
    "es": "Has respondido 1 de 50 preguntas: demasiado pocas para puntuar algún factor o polo de distancia, así "
    "que la autoevaluación no está terminada y no se ha guardado ningún resultado. Un factor o polo se puntúa "
    "cuando se responden dos tercios de sus preguntas; el más cercano es {scale}, con 1 de las 4 respuestas "
    "que necesita. Tus respuestas hasta ahora están guardadas en {path}. Para continuar (vuelven las preguntas "
    "que saltaste): kamtrust assess --resume",
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_answer_then_skipping_everything_twice_is_kept_unfinished(
    run: Run, q: Questionnaire, data_dir: Path, lang: str
) -> None:
    first = q.presentation_order[0]
    r = run(
        "assess", "--new", "--name", "Prueba", "--account", "Saltos SA", "--lang", lang,
        input=keys_answering(q, {first.id}),
    )  # fmt: skip
    assert r.exit_code == 0, r.output  # as a quit: the answers are kept, nothing went wrong
    [partial] = files(data_dir)
    assert partial.name.endswith(".partial.json")  # no finished result beside it
    doc = json.loads(partial.read_text(encoding="utf-8"))
    assert doc["status"] == "partial" and doc["answers"] == {first.id: 4}
    assert doc["participant"]["account"] == "Saltos SA"
    scale = next(s for s in q.scales if first in s.items).name[lang]
    assert " ".join(r.stderr.split()) == TOO_FEW[lang].format(scale=scale, path=partial)
    assert "Resultado guardado" not in r.stderr and "Result saved" not in r.stderr
    assert "sin puntuar" not in r.stdout and "not scored" not in r.stdout  # no empty profile shown

    h = run("history", "--lang", "en")
    assert "complete" not in h.stdout.replace("incomplete", "")
    s = run("show", "--lang", "en")
    assert s.exit_code != 0 or "not scored" not in s.stdout


def test_the_kept_answers_resume_and_finish_once_enough(run: Run, q: Questionnaire, data_dir: Path) -> None:
    first = q.presentation_order[0]
    run("assess", "--lang", "en", input=keys_answering(q, {first.id}))
    [partial] = files(data_dir)
    earlier = json.loads(partial.read_text(encoding="utf-8"))["duration_seconds"]
    factor = next(s for s in q.scales if first in s.items)
    more = [i.id for i in factor.items if i.id != first.id][: factor.needed - 1]
    # The resumed session offers the skipped questions again, in presentation order.
    skipped = [i.id for i in q.presentation_order if i.id != first.id]
    keys = ["4" if i in more else "s" for i in skipped]
    r = run("assess", "--resume", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    [final] = files(data_dir)
    doc = json.loads(final.read_text(encoding="utf-8"))
    assert doc["status"] == "complete" and len(doc["answers"]) == factor.needed
    assert doc["profile"]["factors"][factor.id]["score"] is not None
    assert doc["duration_seconds"] > earlier  # the time spent on the skipped questions counts too


def test_enough_answers_for_one_factor_still_finish(run: Run, q: Questionnaire, data_dir: Path) -> None:
    factor = q.factors[0]
    answered = {i.id for i in factor.items[: factor.needed]}
    r = run("assess", "--lang", "en", input=keys_answering(q, answered))
    assert r.exit_code == 0, r.output
    [final] = files(data_dir)
    assert not final.name.endswith(".partial.json")
    assert json.loads(final.read_text(encoding="utf-8"))["status"] == "complete"
    assert "Result saved to" in " ".join(r.stderr.split())


def test_one_short_of_a_factor_is_not_enough(run: Run, q: Questionnaire, data_dir: Path) -> None:
    factor = q.factors[0]
    answered = {i.id for i in factor.items[: factor.needed - 1]}
    r = run("assess", "--lang", "en", input=keys_answering(q, answered))
    assert r.exit_code == 0
    [partial] = files(data_dir)
    assert partial.name.endswith(".partial.json")
    said = " ".join(r.stderr.split())
    assert f"You answered {factor.needed - 1} of 50 questions" in said
    assert f"the closest is {factor.name['en']}, with {factor.needed - 1} of the {factor.needed} answers" in said


def test_skipping_everything_saves_nothing(run: Run, q: Questionnaire, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input=keys_answering(q, set()))
    assert r.exit_code == 0
    assert files(data_dir) == []
    assert r.stderr.strip() == "Nothing was answered in this session, so nothing new was saved."


# -- which unfinished assessment goes on, and the others -------------------------------------------


def two_unfinished(run: Run) -> None:
    run("assess", "--new", "--account", "Otra Cuenta", "--lang", "es", input="4\ng\n")
    run("assess", "--new", "--account", "Saltos SA", "--lang", "es", input="4\n3\ng\n")


STAMP = r"\d\d/\d\d/\d{4} \d\d:\d\d"  # both started today: the time tells them apart


def test_resume_names_the_account_and_the_other_unfinished_one(run: Run, data_dir: Path) -> None:
    import re

    two_unfinished(run)
    r = run("assess", "--resume", "--lang", "es", input="g\n")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    # Two partials started in the same second may sort either way: whichever goes on, the other is named.
    going = re.fullmatch(f"Continuando la autoevaluación para (Saltos SA|Otra Cuenta) empezada el {STAMP}\\.", lines[0])
    assert going is not None, lines[0]
    other = {"Saltos SA", "Otra Cuenta"} - {going[1]}
    [kept] = other
    assert re.fullmatch(
        f"Tienes otra autoevaluación sin terminar \\({kept}, {STAMP}\\); para continuarla en su lugar: "
        f"kamtrust assess --resume --account '{kept}'\\. Para verlas todas: kamtrust history",
        lines[1],
    )
    # The command given picks the other one, and names the first as kept for its account.
    r = run("assess", "--resume", "--account", kept, "--lang", "en", input="q\n")
    assert r.exit_code == 0, r.output
    assert f"Resuming the assessment for {kept} started on" in r.stdout
    assert f"Your unfinished assessment for {going[1]}" in r.stderr
    assert "other unfinished" not in r.stdout  # already named once: not twice
    assert len(files(data_dir, "*.partial.json")) == 2


def test_the_offer_mentions_the_others_too(run: Run, data_dir: Path) -> None:
    two_unfinished(run)
    run("assess", "--new", "--lang", "en", input="5\nq\n")  # a third one, without an account
    r = run("assess", "--lang", "en", input="n\nq\n")
    said = " ".join(r.stdout.split())
    assert said.startswith("You have an unfinished assessment ")
    assert "You have 2 other unfinished assessments (" in said
    assert said.count("Saltos SA, 20") + said.count("Otra Cuenta, 20") + said.count("no account, 20") == 2
    assert (
        "); to continue one of them instead: kamtrust assess --resume --account ACCOUNT. "
        "To see them all: kamtrust history" in said
    )


def test_one_unfinished_says_nothing_of_others(run: Run, data_dir: Path) -> None:
    run("assess", "--new", "--account", "Saltos SA", "--lang", "en", input="4\nq\n")
    r = run("assess", "--resume", "--lang", "en", input="q\n")
    assert r.stdout.startswith("Resuming the assessment for Saltos SA started on ")
    assert "other unfinished" not in r.stdout


# -- a report of an unfinished assessment ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Note: this assessment is unfinished (2 of 50 questions answered); the report shows only what those "
            "answers score. To finish it: kamtrust assess --resume --account 'Saltos SA'",
        ),
        (
            "es",
            "Aviso: esta autoevaluación no está terminada (2 de 50 preguntas respondidas); el informe muestra solo "
            "lo que puntúan esas respuestas. Para terminarla: kamtrust assess --resume --account 'Saltos SA'",
        ),
    ],
)
def test_report_of_an_unfinished_assessment_says_so_on_stderr(
    run: Run, data_dir: Path, tmp_path: Path, lang: str, said: str
) -> None:
    run("assess", "--new", "--account", "Saltos SA", "--lang", lang, input="4\n3\nq\n")
    out = tmp_path / "r.html"
    r = run("report", "1", "-o", str(out), "--lang", lang)
    assert r.exit_code == 0, r.output
    assert out.is_file()
    assert r.stderr.splitlines()[-1] == said


def test_report_of_a_finished_assessment_says_nothing_of_it(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    r = run("assess", "--lang", "en", input="4\n" * len(q.items))
    assert r.exit_code == 0, r.output
    r = run("report", "1", "-o", str(tmp_path / "r.md"), "--lang", "en")
    assert r.exit_code == 0 and "unfinished" not in r.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "You skipped 49 questions. They come again now. With the answers so far no factor or pole can be "
            "scored yet: skipping again keeps the assessment unfinished (the closest, {scale}, needs 3 more "
            "answers).",
        ),
        (
            "es",
            "Saltaste 49 preguntas. Vuelven ahora. Con las respuestas dadas aún no se puede puntuar ningún factor "
            "ni polo: si vuelves a saltar, la autoevaluación queda sin terminar (al más cercano, {scale}, le "
            "faltan 3 respuestas).",
        ),
    ],
)
def test_the_again_notice_says_skipping_will_not_finish(run: Run, q: Questionnaire, lang: str, said: str) -> None:
    first = q.presentation_order[0]
    r = run("assess", "--lang", lang, input=keys_answering(q, {first.id}))
    scale = next(s for s in q.scales if first in s.items).name[lang]
    assert said.format(scale=scale) in " ".join(r.stdout.split())
    assert "skip them again to finish" not in r.stdout and "saltarlas otra vez y terminar" not in r.stdout
