"""Answers files as a new trainer meets them: a rater's sheet is not one's own answers, a quoted
number is told as such, answers that score nothing are refused, an unfinished result says how to
finish it, and Ctrl-C at the name prompt says that nothing was saved."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve

from .conftest import write_answers
from .test_feedback import make_result

Run = Callable[..., Any]
V2 = "kamtrust-8@2.0"


def results(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "results").glob("*")) if (data_dir / "results").exists() else []


@pytest.fixture
def rated(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")  # the rater forms are version 2.0's
    return make_result(run, tmp_path, resolve(V2), {}, name="Marta", account="ACME")


def filled_sheet(run: Run, tmp_path: Path, rated: Path, role: str, lang: str) -> Path:
    """A rater's sheet from ``feedback form -f answers`` with its first statement answered 4."""
    sheet = tmp_path / "hoja de colega.yaml"
    r = run("feedback", "form", "--role", role, "--for", str(rated), "-f", "answers", "--lang", lang, "-o", str(sheet))
    assert r.exit_code == 0, r.stderr
    text = sheet.read_text(encoding="utf-8")
    first = text.split("\nanswers:\n", 1)[1].split(":\n")[0].split("\n")[-1]  # "  cred2_1"
    sheet.write_text(text.replace(f"{first}:\n", f"{first}: 4\n", 1), encoding="utf-8")
    return sheet


# ------------------------------------------------------------------ 1. a rater's sheet


def test_the_sheet_carries_a_marker_that_stays_readable(run: Run, tmp_path: Path, rated: Path) -> None:
    sheet = filled_sheet(run, tmp_path, rated, "peer", "en")
    lines = sheet.read_text(encoding="utf-8").splitlines()
    i = lines.index("schema: kamtrust.rating-sheet/1")
    assert lines[i : i + 5] == [
        "schema: kamtrust.rating-sheet/1",
        "role: peer",
        'for: "self.json"',
        "language: en",
        "answers:",
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "this is a rater's answer sheet (role: peer; made by `kamtrust feedback form -f answers`), not your "
            "own answers: `assess --answers` alone scores your own profile, and a rater's answers are never "
            "shown on their own. To record it as a rating: kamtrust assess --as peer --for self.json --answers ",
        ),
        (
            "es",
            "es una hoja de valoración (rol: colega; creada con `kamtrust feedback form -f answers`), no tus "
            "propias respuestas: `assess --answers` sin más puntúa tu propio perfil, y las respuestas de una "
            "persona evaluadora nunca se muestran por separado. Para registrarla como valoración: "
            "kamtrust assess --as peer --for self.json --answers ",
        ),
    ],
)
def test_a_raters_sheet_is_refused_as_ones_own_answers(
    run: Run, tmp_path: Path, rated: Path, data_dir: Path, lang: str, said: str
) -> None:
    sheet = filled_sheet(run, tmp_path, rated, "peer", lang)
    before = results(data_dir)
    out = tmp_path / "p.json"
    r = run("assess", "--answers", str(sheet), "-o", str(out), "--lang", lang)
    assert r.exit_code == 1
    quoted = f"'{sheet}'"  # the name has spaces: the command to copy quotes it
    assert " ".join(r.stderr.split()) == f"Error: {sheet}: {said}{quoted}"
    assert not out.exists() and results(data_dir) == before
    # Without -o nothing lands in the results folder either.
    assert run("assess", "--answers", str(sheet), "--lang", lang).exit_code == 1
    assert results(data_dir) == before


def test_the_sheet_is_accepted_for_its_role_and_refused_for_another(run: Run, tmp_path: Path, rated: Path) -> None:
    sheet = filled_sheet(run, tmp_path, rated, "peer", "es")
    out = tmp_path / "r.json"
    r = run("assess", "--as", "client", "--for", str(rated), "--answers", str(sheet), "-o", str(out), "--lang", "en")
    assert r.exit_code == 1 and not out.exists()
    assert " ".join(r.stderr.split()) == (
        f"Error: {sheet}: this rating sheet is for the role 'peer', but --as says 'client': run kamtrust assess "
        f"--as peer --for {rated} --answers '{sheet}', or make a sheet for 'client' with kamtrust feedback form "
        f"--role client --for {rated} -f answers"
    )
    r = run("assess", "--as", "client", "--for", str(rated), "--answers", str(sheet), "-o", str(out), "--lang", "es")
    assert r.exit_code == 1 and "esta hoja de valoración es para el rol 'peer', pero --as indica 'client'" in r.stderr
    r = run("assess", "--as", "peer", "--for", str(rated), "--answers", str(sheet), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["role"] == "peer" and doc["answers"] == {"cred2_1": 4}


# ------------------------------------------------------------------ 2. a number in quotes


@pytest.mark.parametrize(
    ("lang", "head", "quoted", "comma", "more"),
    [
        (
            "en",
            "50 answers not accepted:",
            "'4' is text: write the number without quotes",
            "'3,' is text: write just the number 3, without quotes or a comma",
            "… and 40 more",
        ),
        (
            "es",
            "50 respuestas no aceptadas:",
            "'4' es texto: escribe el número sin comillas",
            "'3,' es texto: escribe solo el número 3, sin comillas ni coma",
            "… y 40 más",
        ),
    ],
)
def test_quoted_numbers_are_told_and_listed_briefly(
    run: Run, tmp_path: Path, q: Questionnaire, lang: str, head: str, quoted: str, comma: str, more: str
) -> None:
    ids = list(q.items)
    src = write_answers(tmp_path / "a.json", {ids[0]: "4", ids[1]: "3,", **{i: "2" for i in ids[2:]}})
    out = tmp_path / "r.json"
    r = run("assess", "--answers", str(src), "-o", str(out), "--lang", lang)
    assert r.exit_code == 1 and not out.exists()
    lines = r.stderr.splitlines()
    assert lines[0] == f"Error: {src}: {head}"
    assert lines[1].endswith(f"{ids[0]}: {quoted}") and lines[2].endswith(f"{ids[1]}: {comma}")
    assert len(lines) == 12 and lines[-1] == f"  {more}"


def test_a_few_problems_are_all_listed_and_other_texts_keep_their_reason(
    run: Run, tmp_path: Path, q: Questionnaire
) -> None:
    ids = list(q.items)
    bad = {ids[k]: "2" for k in range(11)} | {ids[11]: "four", ids[12]: "9"}
    r = run("assess", "--answers", str(write_answers(tmp_path / "a.json", bad)), "--lang", "en")
    lines = r.stderr.splitlines()
    assert r.exit_code == 1 and lines[0].endswith("13 answers not accepted:")
    assert len(lines) == 12 and lines[-1] == "  … and 3 more"
    eleven = {ids[k]: "2" for k in range(11)}
    r = run("assess", "--answers", str(write_answers(tmp_path / "b.json", eleven)), "--lang", "en")
    assert len(r.stderr.splitlines()) == 12 and "more" not in r.stderr  # never "… and 1 more"
    r = run("assess", "--answers", str(write_answers(tmp_path / "c.json", {ids[0]: "four", ids[1]: "9"})))
    assert f"{ids[0]}: expected a whole number from 1 to 5; found 'four'" in r.stderr
    assert f"{ids[1]}: expected a whole number from 1 to 5; found '9'" in r.stderr


# ------------------------------------------------------------------ 3. answers that score nothing


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "has no answers: write a number after each question id (e.g. cred_1: 4), or answer in the terminal "
            "with `kamtrust assess`",
        ),
        (
            "es",
            "no tiene respuestas: escribe un número tras cada id de pregunta (p. ej., cred_1: 4), o responde en "
            "el terminal con `kamtrust assess`",
        ),
    ],
)
def test_no_answers_at_all_is_refused(run: Run, tmp_path: Path, data_dir: Path, lang: str, said: str) -> None:
    src = write_answers(tmp_path / "a.json", {})
    r = run("assess", "--answers", str(src), "--lang", lang)
    assert r.exit_code == 1 and " ".join(r.stderr.split()) == f"Error: {src}: {said}"
    assert results(data_dir) == []
    nulls = write_answers(tmp_path / "b.json", {"cred_1": None})  # only skipped answers
    assert run("assess", "--answers", str(nulls), "--lang", lang).exit_code == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "answers too few questions to score any factor or pole (2 answered); a factor is scored from at "
            "least 4 answers to its questions. Nothing was saved (no option saves a result that scores "
            "nothing, in a file or in the terminal): add answers to the file, at least 4 to the questions of "
            "one factor",
        ),
        (
            "es",
            "responde a demasiado pocas preguntas para puntuar algún factor o polo (2 respondidas); un factor "
            "se puntúa con al menos 4 respuestas a sus preguntas. No se ha guardado nada (ninguna opción guarda "
            "un resultado que no puntúa nada, ni desde un archivo ni en el terminal): añade respuestas al "
            "archivo, al menos 4 a las preguntas de un mismo factor",
        ),
    ],
)
def test_too_few_answers_to_score_anything_are_refused(
    run: Run, tmp_path: Path, q: Questionnaire, data_dir: Path, lang: str, said: str
) -> None:
    ids = list(q.items)
    src = write_answers(tmp_path / "a.json", {ids[0]: 3, ids[1]: 4})
    out = tmp_path / "r.json"
    r = run("assess", "--answers", str(src), "-o", str(out), "--lang", lang)
    assert r.exit_code == 1 and " ".join(r.stderr.split()) == f"Error: {src}: {said}"
    assert not out.exists() and results(data_dir) == []
    one = write_answers(tmp_path / "b.json", {ids[0]: 3})
    assert "(1 answered)" in run("assess", "--answers", str(one), "--lang", "en").stderr


def test_enough_for_one_factor_is_saved(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    first = q.factors[0]
    src = write_answers(tmp_path / "a.json", {i.id: 3 for i in first.items[: first.needed]})
    out = tmp_path / "r.json"
    assert run("assess", "--answers", str(src), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["profile"]["factors"][first.id]["score"] is not None


@pytest.mark.parametrize(
    ("lang", "unfinished", "skipped"),
    [
        (
            "en",
            "This assessment is unfinished (2 of 50 answered). Finish it with: kamtrust assess --resume",
            "At least one question was skipped",
        ),
        (
            "es",
            "Esta autoevaluación no está terminada (2 de 50 respondidas). Termínala con: kamtrust assess --resume",
            "Dejaste al menos una pregunta sin responder",
        ),
    ],
)
def test_an_unfinished_result_says_how_to_finish_not_that_questions_were_skipped(
    run: Run, tmp_path: Path, data_dir: Path, lang: str, unfinished: str, skipped: str
) -> None:
    assert run("assess", "--lang", lang, input="4\n4\n").exit_code == 1  # end of input: a partial is kept
    (partial,) = (data_dir / "results").glob("*.partial.json")
    md, page = tmp_path / "r.md", tmp_path / "r.html"
    assert run("report", str(partial), "-o", str(md), "--lang", lang).exit_code == 0
    assert run("report", str(partial), "-o", str(page), "--lang", lang).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert f"> {unfinished}" in text and skipped not in text
    html = page.read_text(encoding="utf-8")
    assert unfinished in html and skipped not in html
    shown = run("show", str(partial), "--details", "--lang", lang)
    assert shown.exit_code == 0
    assert " ".join(shown.stdout.split()).startswith(unfinished) and skipped not in shown.stdout


def test_a_finished_result_with_skipped_questions_still_says_so(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    src = write_answers(tmp_path / "a.json", {i: 3 for i in list(q.items)[:-1]})
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    assert run("assess", "--answers", str(src), "-o", str(out)).exit_code == 0
    assert run("report", str(out), "-o", str(md), "--lang", "en").exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "At least one question was skipped" in text and "unfinished" not in text


# ------------------------------------------------------------------ 4. Ctrl-C at the name prompt


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Nothing was answered in this session, so nothing new was saved."),
        ("es", "No has respondido nada en esta sesión, así que no se ha guardado nada nuevo."),
    ],
)
@pytest.mark.parametrize("lines", [[], ["Ana"]])
def test_ctrl_c_at_the_name_prompt_says_nothing_was_saved(
    run: Run, data_dir: Path, typed: Callable[..., None], lang: str, said: str, lines: list[str]
) -> None:
    typed(*lines)
    r = run("assess", "-q", V2, "--lang", lang)
    assert r.exit_code == 130
    assert r.stderr.strip() == said
    assert results(data_dir) == [] and "Traceback" not in r.output


def test_end_of_input_at_the_name_prompt_says_nothing_was_saved(run: Run, data_dir: Path) -> None:
    r = run("assess", "-q", V2, "--lang", "en", input="")
    assert r.exit_code == 1
    assert "Nothing was answered in this session, so nothing new was saved." in r.stderr
    assert "No more input. To answer without a keyboard, use: kamtrust assess --answers FILE" in r.output
    assert results(data_dir) == []


def test_a_sheet_written_meanwhile_by_another_process_is_not_replaced(
    run: Run, tmp_path: Path, rated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtrust import atomic

    sheet = tmp_path / "hoja.yaml"
    real = atomic.rename_new

    def another_first(tmp: Path, final: Path) -> None:  # written after the command's check
        final.write_text("answers: {}\n", encoding="utf-8")
        real(tmp, final)

    monkeypatch.setattr(atomic, "rename_new", another_first)
    args = [
        "feedback",
        "form",
        "--role",
        "peer",
        "--for",
        str(rated),
        "-f",
        "answers",
        "--lang",
        "es",
        "-o",
        str(sheet),
    ]
    r = run(*args)
    assert r.exit_code == 1 and "el archivo ya existe" in r.stderr
    assert sheet.read_text(encoding="utf-8") == "answers: {}\n"
    monkeypatch.undo()
    assert run(*args, "--force").exit_code == 0
    assert sheet.read_text(encoding="utf-8") != "answers: {}\n"
