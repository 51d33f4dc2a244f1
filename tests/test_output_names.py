"""A file named for a format kamtrust does not write into it is refused, never filled with another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .conftest import all_answers, write_answers


@pytest.fixture
def one_result(run: Any, q: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert run("assess", "--answers", str(write_answers(tmp_path / "a.json", all_answers(q, 4)))).exit_code == 0
    return tmp_path


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "perfil.pdf"], "Error: perfil.pdf: un informe se escribe en HTML (.html) o Markdown (.md), no en .pdf"),
        (["-o", "perfil.csv"], "Error: perfil.csv: un informe se escribe en HTML (.html) o Markdown (.md), no en .csv"),
        (["-f", "md", "-o", "x.html"], "Error: x.html: la extensión .html corresponde al formato html, no a md"),
    ],
)
def test_a_report_named_for_another_format_is_refused(one_result: Path, run: Any, args: list[str], said: str) -> None:
    r = run("report", "latest", *args, "--lang", "es")
    assert r.exit_code == 2 and said in r.stderr
    assert not (one_result / args[-1]).exists()


def test_a_report_says_where_it_went_in_the_users_language(one_result: Path, run: Any) -> None:
    r = run("report", "latest", "-o", "perfil.out", "--lang", "es")  # any other name is taken as it is
    assert r.exit_code == 0 and "Informe escrito en perfil.out" in r.stderr
    assert (one_result / "perfil.out").read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")


def test_a_group_output_named_for_a_format_never_written_is_refused(one_result: Path, run: Any) -> None:
    results = str(one_result / "data" / "results")
    r = run("group", "summary", results, "--min-group", "1", "-o", "resumen.pdf", "--lang", "es")
    assert r.exit_code == 2
    assert (
        "Error: resumen.pdf: kamtrust no escribe archivos .pdf; usa .txt (la tabla), .csv, .json, .md o .xlsx"
        in r.stderr
    )
    assert not (one_result / "resumen.pdf").exists()
    (one_result / "old.pdf").write_text("a real PDF", encoding="utf-8")  # existing: refused too, even with --force
    r = run("group", "summary", results, "--min-group", "1", "-o", "old.pdf", "--force")
    assert r.exit_code == 2 and (one_result / "old.pdf").read_text(encoding="utf-8") == "a real PDF"
    r = run("group", "report", results, "--min-group", "1", "-o", "informe.pdf")
    assert r.exit_code == 2 and not (one_result / "informe.pdf").exists()


def test_a_result_compared_with_itself_or_its_copy_is_refused(one_result: Path, run: Any) -> None:
    (saved,) = (one_result / "data" / "results").glob("*.json")
    copy = one_result / "copy.json"
    copy.write_bytes(saved.read_bytes())
    for args in (["1", "1"], ["latest", str(copy)]):
        r = run("compare", *args, "--lang", "es")
        assert r.exit_code == 2
        assert "son el mismo resultado: comparado consigo mismo no muestra ningún cambio" in r.stderr


def test_an_arrow_key_typed_at_the_name_prompt_is_refused_not_saved(
    run: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch, typed: Any
) -> None:
    """The prompt has no line editing: ← arrives as ESC [ D. Asked again, never part of the name."""
    import json

    typed("Javier Muñz\x1b[Do", "Javier Muñoz", "Farmacias Levante, S.L.", "4")
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")  # 2.0, which asks who and for which account
    r = run("assess", "--lang", "es")
    assert r.exit_code == 130
    assert r.stdout.count("Las flechas y otras teclas de control no sirven aquí. Escríbelo de nuevo") == 1
    (partial,) = (data_dir / "results").glob("*.partial.json")
    who = json.loads(partial.read_text(encoding="utf-8"))["participant"]
    assert (who["name"], who["account"]) == ("Javier Muñoz", "Farmacias Levante, S.L.")


def test_group_report_replaces_an_existing_file_only_with_force(one_result: Path, run: Any) -> None:
    results = str(one_result / "data" / "results")
    notes = one_result / "notes.md"
    notes.write_text("# my notes\n", encoding="utf-8")
    r = run("group", "report", results, "--min-group", "1", "-o", str(notes))
    assert r.exit_code == 1 and notes.read_text(encoding="utf-8") == "# my notes\n"
    assert "--force" in r.stderr
    r = run("group", "report", results, "--min-group", "1", "-o", str(notes), "--force")
    assert (
        r.exit_code == 0 and notes.read_text(encoding="utf-8").startswith("#") and "my notes" not in notes.read_text()
    )


def test_the_about_block_names_every_file_left_out(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    from .test_people import result_file

    folder = tmp_path / "res"
    for k in range(3):
        result_file(folder / f"p{k}.json", q, all_answers(q, 3 + k % 2), pid=f"p{k}")
    (folder / "p0 (1).json").write_bytes((folder / "p0.json").read_bytes())  # a copy
    result_file(folder / "p1-old.json", q, all_answers(q, 2), pid="p1", when="2026-11-01T10:00:00Z")  # earlier
    r = run("group", "summary", str(folder), "--format", "csv", "--lang", "es")
    assert r.exit_code == 0
    assert "copias dejadas fuera (el mismo archivo o el mismo contenido),1" in r.stdout
    assert "resultados anteriores de la misma persona dejados fuera,1" in r.stdout
    assert "resultados incluidos,3" in r.stdout


@pytest.mark.parametrize("twin", ["p0\u200b", "\u200ep0", "P0", " p0 ", "ｐ0"])
def test_an_id_that_differs_only_invisibly_is_one_person(run: Any, q: Questionnaire, tmp_path: Path, twin: str) -> None:
    from kamtrust.engine.group import person_id

    from .test_people import result_file

    assert person_id(twin) == person_id("p0")
    folder = tmp_path / "res"
    for k in range(3):
        result_file(folder / f"p{k}.json", q, all_answers(q, 3 + k % 2), pid=f"p{k}")
    result_file(folder / "twin.json", q, all_answers(q, 1), pid=twin, when="2026-11-22T10:00:00Z")
    r = run("group", "summary", str(folder), "--format", "json")
    assert r.exit_code == 0 and '"n": 3' in r.stdout  # the twin is an earlier result of p0, not a fourth person


def test_one_name_and_account_under_two_ids_is_pointed_out(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    """Two sessions' results in one folder (a form, then a terminal): each id counts unless --match name."""
    import json

    from .test_people import result_file

    folder = tmp_path / "res"
    for k, (pid, name) in enumerate([("a1", "Ana"), ("b1", "Bea"), ("c1", "Ceci"), ("a2", "Ana"), ("b2", "bea ")]):
        path = result_file(folder / f"r{k}.json", q, all_answers(q, 3), pid=pid, when=f"2026-11-2{k}T10:00:00Z")
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["participant"]["name"] = name
        path.write_text(json.dumps(doc), encoding="utf-8")
    r = run("group", "summary", str(folder), "--format", "json", "--lang", "es")
    assert r.exit_code == 0
    assert (
        "aviso: 2 nombres aparecen con más de un id de participante para la misma cuenta (4 resultados: "
        "¿dos sesiones en una carpeta, o dos equipos?); cada id cuenta como una persona. Si son las mismas "
        "personas, añade --match name"
    ) in " ".join(r.stderr.split())
    assert json.loads(r.stdout)["total"]["n"] == 5
    r = run("group", "summary", str(folder), "--format", "json", "--match", "name")
    assert "more than one participant id" not in r.stderr and json.loads(r.stdout)["total"]["n"] == 3


def test_two_assessments_of_one_day_are_told_apart_by_their_time(one_result: Path, run: Any, q: Questionnaire) -> None:
    import re

    assert run("assess", "--answers", str(write_answers(one_result / "b.json", all_answers(q, 2)))).exit_code == 0
    r = run("compare", "2", "1", "--lang", "es")
    assert r.exit_code == 0
    assert re.search(
        r"Cambio entre el \d\d/\d\d/\d{4} \d\d:\d\d y el \d\d/\d\d/\d{4} \d\d:\d\d", " ".join(r.stdout.split())
    )


def test_one_result_dated_in_the_future_is_pointed_out_where_it_is_shown(one_result: Path, run: Any) -> None:
    import json

    (saved,) = (one_result / "data" / "results").glob("*.json")
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["created_at"] = "2099-01-01T00:00:00Z"
    future = one_result / "future.json"
    future.write_text(json.dumps(doc), encoding="utf-8")
    said = "Aviso: fechado en el futuro (01/01/2099): un resultado no puede ser posterior a hoy"
    r = run("show", str(future), "--lang", "es")
    assert r.exit_code == 0 and said in " ".join(r.stderr.split())
    doc["answers"] = {k: 2 for k in doc["answers"]}  # another result, so that the comparison runs
    future.write_text(json.dumps(doc), encoding="utf-8")
    r = run("compare", "1", str(future), "--lang", "es")
    assert said in " ".join(r.stderr.split())
    assert "fechado en el futuro" not in run("show", str(saved), "--lang", "es").stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "es una autoevaluación sin terminar (1 de 50 respondidas): aún no tiene un perfil que comparar"),
        ("en", "is an unfinished assessment (1 of 50 answered): it has no profile to compare yet"),
    ],
)
def test_an_unfinished_assessment_is_not_compared_in_silence(
    one_result: Path, run: Any, q: Questionnaire, lang: str, said: str
) -> None:
    # It showed every factor going "to not scored", without a word that the later one was unfinished.
    from .test_people import result_file

    partial = result_file(one_result / "partial.json", q, {"cred_1": 3}, status="partial")
    r = run("compare", "1", str(partial), "--lang", lang)
    assert r.exit_code == 2 and f"{partial} {said}" in r.stderr and "kamtrust assess --resume" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "no es un resultado de kamtrust (no tiene 'schema'; se esperaba 'kamtrust.result/1')"),
        ("en", "is not a kamtrust result (it has no 'schema'; expected 'kamtrust.result/1')"),
    ],
)
def test_a_file_without_schema_is_said_in_words_not_as_none(one_result: Path, run: Any, lang: str, said: str) -> None:
    (one_result / "data" / "results" / "empty.json").write_text("{}", encoding="utf-8")
    r = run("group", "summary", str(one_result / "data" / "results"), "--min-group", "1", "--lang", lang)
    assert said in r.stderr and "None" not in r.stderr


def test_a_newer_first_result_of_the_same_day_is_told_by_its_time(one_result: Path, run: Any, q: Questionnaire) -> None:
    # "es más reciente que … (25/11/2026)" with the same date twice said nothing.
    from .test_people import result_file

    later = result_file(one_result / "later.json", q, {i: 4 for i in q.items}, when="2026-11-23T15:30:00Z")
    earlier = result_file(one_result / "earlier.json", q, {i: 3 for i in q.items}, when="2026-11-23T09:00:00Z")
    r = run("compare", str(later), str(earlier), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    note = next(line for line in r.stderr.splitlines() if "es más reciente que" in line)
    dates = note.split("(")[1].split(")")[0], note.split("(")[2].split(")")[0]
    assert dates[0] != dates[1] and all(d.startswith("23/11/2026 ") and ":" in d for d in dates), note


def test_by_takes_the_field_s_spanish_name_too(one_result: Path, run: Any) -> None:
    # "--by cuenta" was refused with a list of English words only.
    results = str(one_result / "data" / "results")
    english = run("group", "summary", results, "--by", "account", "--min-group", "1", "-f", "json")
    spanish = run("group", "summary", results, "--by", "cuenta", "--min-group", "1", "-f", "json", "--lang", "es")
    assert english.exit_code == spanish.exit_code == 0
    drop = lambda text: [line for line in text.splitlines() if "generated_at" not in line]  # noqa: E731
    assert drop(english.stdout) == drop(spanish.stdout)
    r = run("group", "summary", results, "--by", "empresa", "--lang", "es")
    assert r.exit_code == 2
    assert "--by debe ser uno de: account (cuenta), cohort (cohorte), name (nombre); no 'empresa'" in r.stderr
