"""Follow-ups on language: Spanish agrees with one; Ctrl-C and unreadable files said in the chosen language."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.i18n import plural, t

Run = Callable[..., Any]


def test_the_interview_header_counts_one_answer_in_the_singular(run: Run) -> None:
    r = run("assess", "--lang", "es", input="4\nq\n")
    assert r.exit_code == 0, r.output
    assert "Pregunta 1 de 50  ·  0 respondidas" in r.stdout
    assert "Pregunta 2 de 50  ·  1 respondida\n" in r.stdout
    assert "1 respondidas" not in r.stdout


def test_a_partial_kept_for_another_account_with_one_answer(run: Run, data_dir: Path) -> None:
    r = run("assess", "--lang", "es", "--account", "Acme", input="4\nq\n")
    assert r.exit_code == 0, r.output
    [path] = list(data_dir.rglob("*.partial.json"))
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["created_at"] = "2026-11-23T09:30:00Z"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = run("assess", "--lang", "es", "--account", "Beta", input="5\nq\n")
    assert r.exit_code == 0, r.output
    assert "Tu autoevaluación sin terminar para Acme del 23/11/2026 (1 respondida) se guarda" in " ".join(
        r.stderr.split()
    )
    r = run("assess", "--lang", "en", "--account", "Gamma", input="5\nq\n")
    assert "Your unfinished assessment for Acme from 2026-11-23 (1 answered) is kept" in " ".join(r.stderr.split())


def test_a_left_out_result_with_one_answer_in_both_languages() -> None:
    assert t("es", plural("left_nothing_scored", 1), answered=1).endswith("(1 respondida)")
    assert t("es", plural("left_nothing_scored", 2), answered=2).endswith("(2 respondidas)")
    assert t("en", plural("left_nothing_scored", 1), answered=1).endswith("(1 answered)")


def test_ctrl_c_in_a_trainer_command_says_so_in_its_lang(run: Run, tmp_path: Path, monkeypatch: Any) -> None:
    import kamtrust.api

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kamtrust.api, "collect_results", interrupted)
    r = run("group", "summary", str(tmp_path), "--lang", "es", env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert r.exit_code == 130 and r.stderr.strip() == "Interrumpido."
    r = run("group", "summary", str(tmp_path), "--lang", "en", env={"LANG": "es_ES.UTF-8", "LC_ALL": ""})
    assert r.exit_code == 130 and r.stderr.strip() == "Interrupted."


def test_an_unreadable_result_is_described_in_the_lang_of_history_and_assess(run: Run, data_dir: Path) -> None:
    folder = data_dir / "results"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "x_2026-11-20_1000.partial.json").write_text('{"schema": "kamtrust.result/1", ', encoding="utf-8")
    r = run("history", "--lang", "es")
    assert "(no es un resultado de kamtrust (JSON no válido en la línea 1, columna 33" in r.stdout
    assert "is not a kamtrust result" not in r.stdout
    r = run("assess", "--lang", "es", input="q\n")
    said = " ".join(r.stderr.split())
    assert "no se puede leer (no es un resultado de kamtrust (JSON no válido en la línea 1, columna 33" in said
    r = run("history", "--lang", "en")
    assert "(is not a kamtrust result (invalid JSON on line 1, column 33" in r.stdout


def test_a_left_out_report_names_a_questionnaire_error_in_the_reports_language(tmp_path: Path) -> None:
    from kamtrust.errors import KamtrustError, PathlessText
    from kamtrust.questionnaire.registry import resolve

    with pytest.raises(KamtrustError) as info:
        resolve("nope-questionnaire")  # the registry's own refusal, said in either language
    said = PathlessText(info.value, str(tmp_path / "r.json"))
    assert said.text("es").startswith("no se encuentra el cuestionario 'nope-questionnaire'; conocidos: kamtrust-8.")
    assert said.text("en").startswith("questionnaire 'nope-questionnaire' not found; known: kamtrust-8.")


def test_an_unknown_language_is_refused_in_the_locales_language(run: Run) -> None:
    r = run("assess", "--lang", "fr", env={"LANG": "es_ES.UTF-8", "LC_ALL": "", "LANGUAGE": ""})
    assert r.exit_code == 2
    assert "idioma desconocido 'fr' para " in r.stderr and "; está disponible en: es, en" in r.stderr
    r = run("assess", "--lang", "fr", env={"LANG": "en_GB.UTF-8", "LC_ALL": "", "LANGUAGE": ""})
    assert r.exit_code == 2 and "unknown language 'fr' for " in r.stderr


def test_answers_not_accepted_are_listed_in_the_chosen_language(run: Run, tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("answers:\n  cred_1: 0\n  rel_1: 1" + "0" * 30 + "\n  foo: 2\n  rel_2: tres\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"Error: {f}: 4 respuestas no aceptadas:",
        "  línea 2: cred_1: 0 está fuera de la escala del 1 al 5",
        "  línea 3: rel_1: 100000… (un número de 31 cifras) está fuera de la escala del 1 al 5",
        "  línea 4: 'foo' no es una pregunta de kamtrust-8 1.0",
        "  línea 5: rel_2: se esperaba un número entero del 1 al 5; se encontró 'tres'",
    ]
    f.write_text("answers:\n  cred_1: 0\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--lang", "es")
    assert r.stderr.splitlines()[0] == f"Error: {f}: 1 respuesta no aceptada:"
    f.write_text("answers: [1, 2]\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr == f"Error: {f}: 'answers' debe asignar un número a cada id de pregunta (p. ej., cred_1: 4)\n"


def test_a_result_whose_answers_do_not_fit_is_left_out_in_the_chosen_language(run: Run, tmp_path: Path, q: Any) -> None:
    from .conftest import all_answers, write_answers

    for n in range(3):
        src = write_answers(tmp_path / f"a{n}.json", all_answers(q, 3))
        assert run("assess", "--answers", str(src), "-o", str(tmp_path / "g" / f"p{n}.json")).exit_code == 0
    doc = json.loads((tmp_path / "g" / "p0.json").read_text(encoding="utf-8"))
    doc["answers"]["cred_1"] = 9
    (tmp_path / "g" / "p0.json").write_text(json.dumps(doc), encoding="utf-8")
    r = run("group", "summary", str(tmp_path / "g"), "--lang", "es", "--min-group", "2")
    said = " ".join(r.stderr.split())
    assert "tiene respuestas que no encajan en kamtrust-8 " in said
    assert "cred_1: 9 está fuera de la escala del 1 al 5" in said
    assert "outside" not in said


def test_a_boolean_answer_is_quoted_as_the_file_wrote_it(run: Run, tmp_path: Path) -> None:
    f = tmp_path / "bool.yaml"
    f.write_text("answers:\n  cred_1: true\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--lang", "es")
    assert r.exit_code == 1
    assert "  línea 2: cred_1: se esperaba un número entero del 1 al 5; se encontró true" in r.stderr.splitlines()
    assert "True" not in r.stderr
