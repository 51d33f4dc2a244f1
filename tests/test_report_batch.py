"""`kamtrust report FOLDER`: every personal report of a folder in one go, named after person and account."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, write_result

Run = Callable[..., Any]

PEOPLE = ["Marta Ruíz", "Juan Pérez", "Lucía Gómez", "Andrés Núñez", "Sofía Martín", "Diego López", "Elena Sanz"]
LEVANTE = "Farmacias Levante"
NORTE = "Distribuciones Norte S.A."


def stamp(path: Path, created_at: str, language: str | None = None) -> Path:
    """Give a result file another save time (and language)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["created_at"] = created_at
    if language is not None:
        doc["language"] = language
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def mixed(q: Questionnaire, tmp_path: Path) -> Path:
    """A trainer's folder of 15 files: 7 people for Levante, 5 of them also for Norte, a second
    Marta Ruiz for Levante, a copy of a file, and an unfinished assessment."""
    d = tmp_path / "resultados"
    n = 0
    for i, who in enumerate(PEOPLE):
        n += 1
        path = write_result(
            d, q, keyed(q, {"credibility": 2 + i % 4}), name=who, account=LEVANTE, filename=f"r{n:02}.json"
        )
        stamp(path, f"2026-11-2{i % 3}T09:0{i}:00Z", "es")
    for i, who in enumerate(PEOPLE[:5]):
        n += 1
        path = write_result(
            d, q, keyed(q, {"reliability": 2 + i % 4}), name=who, account=NORTE, filename=f"r{n:02}.json"
        )
        stamp(path, f"2026-11-23T10:0{i}:00Z", "es")
    n += 1
    stamp(
        write_result(d, q, keyed(q, {"integrity": 4}), name="Marta Ruiz", account=LEVANTE, filename=f"r{n:02}.json"),
        "2026-11-24T08:00:00Z",
        "es",
    )
    shutil.copy(d / "r02.json", d / "r02-copia.json")
    write_result(d, q, keyed(q, {}), name="Pablo Ortega", account=LEVANTE, partial=True, filename="pablo.partial.json")
    assert len(list(d.iterdir())) == 15
    return d


EXPECTED = sorted(
    [
        "marta-ruiz_farmacias-levante.html",
        "marta-ruiz_farmacias-levante_2.html",
        "juan-perez_farmacias-levante.html",
        "lucia-gomez_farmacias-levante.html",
        "andres-nunez_farmacias-levante.html",
        "sofia-martin_farmacias-levante.html",
        "diego-lopez_farmacias-levante.html",
        "elena-sanz_farmacias-levante.html",
        "marta-ruiz_distribuciones-norte-s-a.html",
        "juan-perez_distribuciones-norte-s-a.html",
        "lucia-gomez_distribuciones-norte-s-a.html",
        "andres-nunez_distribuciones-norte-s-a.html",
        "sofia-martin_distribuciones-norte-s-a.html",
    ]
)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_mixed_folder_in_spanish(run: Run, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "informes"
    r = run("report", str(mixed), "-o", str(out), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert names(out) == EXPECTED
    # Each report is its person's, about its account, in Spanish.
    for name, person, account in (
        ("juan-perez_farmacias-levante.html", "Juan Pérez", LEVANTE),
        ("juan-perez_distribuciones-norte-s-a.html", "Juan Pérez", NORTE),
        ("marta-ruiz_farmacias-levante.html", "Marta Ruíz", LEVANTE),
        ("marta-ruiz_farmacias-levante_2.html", "Marta Ruiz", LEVANTE),
    ):
        html = (out / name).read_text(encoding="utf-8")
        assert f"<h1>{person}</h1>" in html and f"Cuenta: {account}" in html and '<html lang="es">' in html
    lines = r.stderr.splitlines()
    assert lines == [
        f"1 resultado sin terminar dejado fuera: {mixed}/pablo.partial.json",
        f"se deja fuera {mixed}/r02.json: el mismo contenido que {mixed}/r02-copia.json",
        "Idioma: español (--lang)",
        "2 informes se llamarían marta-ruiz_farmacias-levante: el mismo nombre y la misma cuenta; se numeran "
        "marta-ruiz_farmacias-levante.html, marta-ruiz_farmacias-levante_2.html (en el orden en que se guardaron "
        "los resultados)",
        f"13 informes escritos en {out}/ · 2 archivos omitidos: {mixed}/pablo.partial.json, {mixed}/r02.json",
    ]
    assert r.stdout == ""


def test_the_plain_name_goes_to_the_result_saved_first(run: Run, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "informes"
    assert run("report", str(mixed), "-o", str(out)).exit_code == 0
    # r01 (Marta Ruíz) was saved on 20/11, r13 (Marta Ruiz) on 24/11.
    assert "<h1>Marta Ruíz</h1>" in (out / "marta-ruiz_farmacias-levante.html").read_text(encoding="utf-8")
    assert "<h1>Marta Ruiz</h1>" in (out / "marta-ruiz_farmacias-levante_2.html").read_text(encoding="utf-8")


def test_each_result_in_its_own_language_unless_lang(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    stamp(write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="a.json"), "2026-11-20T09:00:00Z", "es")
    write_result(d, q, keyed(q, {}), name="Bob", account="Acme", filename="b.json")  # saved in English
    r = run("report", str(d), "-o", str(tmp_path / "out"), env={"LANG": "es_ES.UTF-8"})
    assert r.exit_code == 0, r.stderr
    assert (
        "Idioma: el de cada resultado (1 en español, 1 en inglés); para elegir uno para todos, usa --lang" in r.stderr
    )
    assert '<html lang="es">' in (tmp_path / "out" / "ana_acme.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in (tmp_path / "out" / "bob_acme.html").read_text(encoding="utf-8")
    r = run("report", str(d), "-o", str(tmp_path / "en"), "--lang", "en")
    assert r.stderr.splitlines() == ["Language: English (--lang)", f"2 reports written to {tmp_path}/en/"]
    assert '<html lang="en">' in (tmp_path / "en" / "ana_acme.html").read_text(encoding="utf-8")


def test_existing_reports_are_refused_then_replaced_with_force(run: Run, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "informes"
    out.mkdir()
    (out / "juan-perez_farmacias-levante.html").write_text("mine", encoding="utf-8")
    r = run("report", str(mixed), "-o", str(out), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == (
        f"Error: 1 informe ya existe y no se sobrescribe: {out}/juan-perez_farmacias-levante.html. "
        "Añade --force para sobrescribirlo o elige otra carpeta con -o CARPETA"
    )
    assert names(out) == ["juan-perez_farmacias-levante.html"]  # nothing written
    assert (out / "juan-perez_farmacias-levante.html").read_text(encoding="utf-8") == "mine"
    r = run("report", str(mixed), "-o", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert names(out) == EXPECTED
    assert "<h1>Juan Pérez</h1>" in (out / "juan-perez_farmacias-levante.html").read_text(encoding="utf-8")
    # A second run without --force names every report already there.
    r = run("report", str(mixed), "-o", str(out))
    assert r.exit_code == 1
    assert "13 reports already exist and are not overwritten: " in r.stderr
    assert " and 3 more. Add --force to overwrite them, or choose another folder with -o FOLDER" in r.stderr


def test_never_over_a_link_or_an_input(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="a.json")
    write_result(d, q, keyed(q, {}), name="Bob", account="Acme", filename="b.json")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(d / "a.json", out / "ana_acme.html")
    r = run("report", str(d), "-o", str(out), "--force")
    assert r.exit_code == 1
    assert f"cannot write {out}/ana_acme.html: it is a symbolic link" in r.stderr
    assert names(out) == ["ana_acme.html"]
    assert (d / "a.json").read_text(encoding="utf-8").startswith("{")
    file_out = tmp_path / "afile"
    file_out.write_text("x", encoding="utf-8")
    r = run("report", str(d), "-o", str(file_out))
    assert r.exit_code == 1
    assert f"cannot write {file_out}: it is a file; -o takes a folder, where one file per result is written" in r.stderr


def test_beside_each_result_without_o(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="a.json")
    write_result(d / "madrid", q, keyed(q, {}), name="Bob", account=None, filename="b.json")
    r = run("report", str(d), "-f", "md", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[-1] == "2 reports written beside their results"
    assert names(d) == ["a.json", "ana_acme.md", "madrid"]
    assert names(d / "madrid") == ["b.json", "bob.md"]
    assert (d / "ana_acme.md").read_text(encoding="utf-8").startswith("# Ana · Trust profile")


def test_one_report_per_person_and_account_the_latest(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    old = write_result(d, q, keyed(q, {"credibility": 2}), name="Ana", account="Acme", pid="p1", filename="old.json")
    new = write_result(d, q, keyed(q, {"credibility": 5}), name="Ana", account="Acme", pid="p1", filename="new.json")
    stamp(old, "2026-11-01T09:00:00Z")
    stamp(new, "2026-11-20T09:00:00Z")
    other = write_result(d, q, keyed(q, {}), name="Ana", account="Beta", pid="p1", filename="other.json")
    stamp(other, "2026-11-02T09:00:00Z")
    out = tmp_path / "out"
    r = run("report", str(d), "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert names(out) == ["ana_acme.html", "ana_beta.html"]  # one person, two accounts: two reports
    assert (
        f"left out {old}: an earlier result of the same person for the same account "
        f"(the latest complete one counts: {new})"
    ) in r.stderr
    assert r.stderr.splitlines()[-1] == f"2 reports written to {out}/ · 1 file left out: {old}"
    assert "100,0" not in (out / "ana_acme.html").read_text(encoding="utf-8")
    assert ">100.0<" in (out / "ana_acme.html").read_text(encoding="utf-8")  # credibility from new.json


def test_selection_from_a_mixed_folder(run: Run, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "norte"
    r = run("report", str(mixed), "-o", str(out), "--account", " distribuciones norte s.a. ", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert names(out) == [n for n in EXPECTED if "norte" in n]
    assert "8 resultados de otras cuentas, cohortes, nombres o fechas no seleccionados" in r.stderr
    r = run("report", str(mixed), "-o", str(tmp_path / "x"), "--since", "24/11/2026", "--lang", "es")
    assert names(tmp_path / "x") == ["marta-ruiz_farmacias-levante.html"]
    r = run("report", str(mixed), "-o", str(tmp_path / "y"), "--name", "Nadie", "--lang", "es")
    assert r.exit_code == 1
    assert "ninguno de los 13 resultados coincide con la selección (nombre Nadie)" in r.stderr
    assert not (tmp_path / "y").exists()


def test_several_files_and_a_glob(run: Run, mixed: Path, tmp_path: Path) -> None:
    r = run("report", str(mixed / "r01.json"), str(mixed / "r08.json"), "-o", str(tmp_path / "two"))
    assert r.exit_code == 0, r.stderr
    assert names(tmp_path / "two") == ["marta-ruiz_distribuciones-norte-s-a.html", "marta-ruiz_farmacias-levante.html"]
    r = run("report", f"{mixed}/r1*.json", "-o", str(tmp_path / "glob"))
    assert r.exit_code == 0, r.stderr
    assert names(tmp_path / "glob") == [
        "andres-nunez_distribuciones-norte-s-a.html",
        "lucia-gomez_distribuciones-norte-s-a.html",
        "marta-ruiz_farmacias-levante.html",  # r13: alone here, so no number
        "sofia-martin_distribuciones-norte-s-a.html",
    ]


def test_nothing_written_is_a_failure(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", partial=True, filename="a.partial.json")
    r = run("report", str(d), "-o", str(tmp_path / "out"), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == f"Error: no se ha escrito ningún informe: 1 archivo omitido: {d}/a.partial.json"
    assert not (tmp_path / "out").exists()
    r = run("report", str(tmp_path / "empty*"), "-o", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert "no result files found in:" in r.stderr


def test_options_that_take_one_result_are_refused(run: Run, mixed: Path) -> None:
    r = run("report", str(mixed), "-o", "-", "--lang", "es")
    assert r.exit_code == 2
    assert "-o - escribe un solo informe en la salida estándar; para varios resultados indica una carpeta" in r.stderr
    r = run("report", str(mixed), "--compare", str(mixed / "r01.json"))
    assert r.exit_code == 2
    assert "--compare works with one result at a time" in r.stderr


def test_against_the_group_computed_once(run: Run, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "informes"
    r = run("report", str(mixed), "-o", str(out), "--against", str(mixed), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert f"Junto al grupo (--against {mixed}): 13 personas, kamtrust-8 1.0" in r.stderr
    html = (out / "juan-perez_farmacias-levante.html").read_text(encoding="utf-8")
    assert "Media del grupo" in html and "13 personas" in html
    # The same figures as the trainer's JSON summary of that folder.
    summary = tmp_path / "grupo.json"
    assert run("group", "summary", str(mixed), "-f", "json", "-o", str(summary)).exit_code == 0
    out2 = tmp_path / "informes2"
    r = run("report", str(mixed), "-o", str(out2), "--against", str(summary), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    strip = lambda s: s.split("del resumen de grupo del")[0]  # noqa: E731
    assert strip((out2 / "juan-perez_farmacias-levante.html").read_text(encoding="utf-8")) == strip(html)


def test_against_too_small_a_group_is_refused(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="a.json")
    write_result(d, q, keyed(q, {}), name="Bob", account="Acme", filename="b.json")
    r = run("report", str(d), "-o", str(tmp_path / "out"), "--against", str(d), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == (
        f"Error: --against {d}: el grupo solo tiene 2 personas, menos que el umbral de anonimato de 3: compararse "
        "con él mostraría a personas concretas. Añade resultados, o baja --min-group si todas las personas están "
        "de acuerdo"
    )
    assert not (tmp_path / "out").exists()
    r = run("report", str(d), "-o", str(tmp_path / "out"), "--against", str(d), "--min-group", "2")
    assert r.exit_code == 0, r.stderr


def test_a_single_file_keeps_its_behaviour(run: Run, mixed: Path) -> None:
    r = run("report", str(mixed / "r03.json"), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert (mixed / "r03.html").exists()
    assert r.stderr == f"Report written to {mixed}/r03.html\n"


def test_a_result_without_a_name_is_named_after_its_file(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), account="Acme", filename="Fila 7.json")
    write_result(d, q, keyed(q, {}), filename="kamtrust-8_2026-11-25_1432.json")
    r = run("report", str(d), "-o", str(tmp_path / "out"))
    assert r.exit_code == 0, r.stderr
    assert names(tmp_path / "out") == ["fila-7_acme.html", "kamtrust-8-2026-11-25-1432.html"]


def test_against_a_group_of_another_questionnaire(run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path) -> None:
    from kamtrust.questionnaire.registry import builtin_dir

    other = data_dir / "questionnaires" / "otro.yaml"
    other.parent.mkdir(parents=True)
    text = (builtin_dir() / "kamtrust-8.yaml").read_text(encoding="utf-8")
    other.write_text(text.replace("id: kamtrust-8\n", "id: otro\n", 1), encoding="utf-8")
    group = tmp_path / "grupo"
    for who in ("A", "B", "C"):
        write_result(group, q, keyed(q, {}), name=who, account="Acme")
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="ana.json")
    doc = json.loads((d / "ana.json").read_text(encoding="utf-8"))
    doc["questionnaire"]["id"] = "otro"
    (d / "eva.json").write_text(
        json.dumps({**doc, "participant": {**doc["participant"], "id": "eva", "name": "Eva"}}), encoding="utf-8"
    )
    r = run("report", str(d), "-o", str(tmp_path / "out"), "--against", str(group), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert names(tmp_path / "out") == ["ana_acme.html"]
    assert (
        f"se deja fuera {d}/eva.json: se hizo con otro, pero el grupo indicado con --against respondió kamtrust-8"
        in r.stderr
    )
    assert r.stderr.splitlines()[-1] == f"1 informe escrito en {tmp_path}/out/ · 1 archivo omitido: {d}/eva.json"


def test_progress_counts_the_reports(capsys: pytest.CaptureFixture[str]) -> None:
    from kamtrust.cli.report import _Progress

    progress = _Progress(3, "es")
    progress(1)
    progress(3)
    progress.done()
    err = capsys.readouterr().err
    assert "\rEscribiendo informes: 1 de 3" in err and "\rEscribiendo informes: 3 de 3" in err
    assert err.endswith("\r\x1b[K")


def test_a_questionnaire_not_installed_is_left_out_in_words(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="ana.json")
    doc = json.loads((d / "ana.json").read_text(encoding="utf-8"))
    doc["questionnaire"]["id"] = "desconocido"
    (d / "x.json").write_text(json.dumps({**doc, "participant": {"id": "x", "name": "X"}}), encoding="utf-8")
    r = run("report", str(d), "-o", str(tmp_path / "out"), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[0] == (
        f"se deja fuera {d}/x.json: se hizo con el cuestionario 'desconocido', que no está instalado aquí; "
        "indica su archivo con --questionnaire ARCHIVO"
    )
    assert names(tmp_path / "out") == ["ana_acme.html"]


def test_a_result_that_scores_nothing_is_left_out(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "res"
    write_result(d, q, keyed(q, {}), name="Ana", account="Acme", filename="ana.json")
    first = next(iter(q.items))
    write_result(d, q, {first: 3}, name="Bob", account="Acme", filename="bob.json")
    r = run("report", str(d), "-o", str(tmp_path / "out"), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert f"left out {d}/bob.json: answers too few questions to score any factor or pole (1 answered)" in r.stderr
    assert names(tmp_path / "out") == ["ana_acme.html"]
