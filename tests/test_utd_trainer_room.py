"""What a room of trainers sees: Ctrl-C at start-up, tooltips, error wording, left-out counts, headers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .conftest import ROOT, write_answers
from .groupdata import keyed, write_result
from .test_group_spanish import visible_html, xlsx_text

Run = Callable[..., Any]

# Ctrl-C arrives while Python is still loading the command tree (``import typer``).
EARLY_CTRL_C = textwrap.dedent(
    """
    import sys

    class CtrlC:
        def find_spec(self, name, path=None, target=None):
            if name == "typer":
                raise KeyboardInterrupt
            return None

    sys.meta_path.insert(0, CtrlC())
    from kamtrust.cli import main

    sys.exit(main(["group", "summary", "."]))
    """
)


@pytest.mark.parametrize(("lang", "said"), [("es_CO.UTF-8", "Interrumpido."), ("en_GB.UTF-8", "Interrupted.")])
def test_ctrl_c_while_the_commands_load_says_interrupted_not_a_traceback(lang: str, said: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")} | {"LANG": lang}
    proc = subprocess.run(
        [sys.executable, "-c", EARLY_CTRL_C], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, f"\n{said}\n", "")


# ---------------------------------------------------------------- 2. tooltips write figures as the page does


def _tips(path: Path) -> list[str]:
    return re.findall(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8"))


def _three_people(q: Questionnaire, folder: Path) -> None:
    for k, level in enumerate((2, 3, 3)):
        write_result(folder, q, keyed(q, {"reliability": level, "credibility": 4}), pid=f"p{k}")


def test_group_report_tooltips_use_a_decimal_comma_in_spanish(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    _three_people(q, tmp_path / "g")
    out = tmp_path / "r.html"
    assert run("group", "report", str(tmp_path / "g"), "-o", str(out), "--lang", "es").exit_code == 0
    tips = _tips(out)
    assert "Media del grupo (n = 3): Fiabilidad 41,7" in tips
    assert "Media del grupo (n = 3): Credibilidad 75,0" in tips
    assert not [tip for tip in tips if re.search(r"\d\.\d", tip)]
    page = visible_html(out.read_text(encoding="utf-8"))
    assert "41,7" in page and "41.7" not in page


def test_group_report_tooltips_keep_a_decimal_point_in_english(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    _three_people(q, tmp_path / "g")
    out = tmp_path / "r.html"
    assert run("group", "report", str(tmp_path / "g"), "-o", str(out), "--lang", "en").exit_code == 0
    assert "Group mean (n = 3): Reliability 41.7" in _tips(out)


def test_personal_report_tooltips_read_as_the_axis_values(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    path = write_result(tmp_path / "g", q, keyed(q, {"reliability": 2, "credibility": 4}), pid="p0")
    out = tmp_path / "r.html"
    assert run("report", str(path), "-o", str(out), "--lang", "es").exit_code == 0
    tips = _tips(out)
    assert "Tú: Fiabilidad 25,0" in tips and "Tú: Credibilidad 75,0" in tips


def test_strip_bars_tooltips_use_the_page_notation() -> None:
    from kamtrust.report import svg

    rows = [svg.StripRow("Fiabilidad", tuple([49.3] * (svg.DOTS_UP_TO + 1)), 49.3, "49,3")]
    out = svg.strip_plot(rows, band_edges=[0, 50, 75], title="t", mean_label="Media", lang="es")
    assert f"<title>49,3: {svg.DOTS_UP_TO + 1}</title>" in out


# ---------------------------------------------------------------- 3. a questionnaire not installed


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            "se hizo con el cuestionario 'bogota-8', que no está instalado aquí (no se encuentra el cuestionario "
            "'bogota-8'); indica su archivo con --questionnaire RUTA",
        ),
        (
            "en",
            "was made with questionnaire 'bogota-8', which is not installed here (questionnaire 'bogota-8' not "
            "found); pass its file with --questionnaire PATH",
        ),
    ],
)
def test_show_a_result_of_a_questionnaire_not_installed_in_one_sentence(
    run: Run, q: Questionnaire, tmp_path: Path, lang: str, said: str
) -> None:
    path = write_result(tmp_path, q, keyed(q, {}), filename="noinst.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["questionnaire"]["id"] = "bogota-8"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = run("show", str(path), "--lang", lang)
    assert (r.exit_code, " ".join(r.stderr.split())) == (1, f"Error: {path}: {said}")


# ---------------------------------------------------------------- 4. --against a file that is not a summary

NOT_JSON = {
    "es": "no es un resumen de grupo de kamtrust (no es JSON); --against necesita el resumen JSON que se crea con "
    "'kamtrust group summary --format json'",
    "en": "is not a kamtrust group summary (it is not JSON); --against needs the JSON summary a trainer makes with "
    "'kamtrust group summary --format json'",
}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(
    ("name", "content"),
    [("r.csv", "factor,mean\ncredibility,45.7\n"), ("r.md", "# Resumen\n"), ("r.yaml", "schema: x\n"), ("r.json", "")],
)
def test_against_a_file_that_is_not_json_says_so(
    run: Run, q: Questionnaire, tmp_path: Path, lang: str, name: str, content: str
) -> None:
    person = write_result(tmp_path / "p", q, keyed(q, {}), filename="p.json")
    other = tmp_path / name
    other.write_text(content, encoding="utf-8")
    r = run("show", str(person), "--against", str(other), "--lang", lang)
    assert (r.exit_code, " ".join(r.stderr.split())) == (1, f"Error: {other}: {NOT_JSON[lang]}")
    out = tmp_path / f"{lang}-{name}.html"
    r = run("report", str(person), "--against", str(other), "--lang", lang, "-o", str(out))
    assert (r.exit_code, " ".join(r.stderr.split())) == (1, f"Error: {other}: {NOT_JSON[lang]}")


def test_against_a_broken_json_keeps_its_line_in_the_users_words(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    person = write_result(tmp_path / "p", q, keyed(q, {}), filename="p.json")
    broken = tmp_path / "s.json"
    broken.write_text('{"schema": 1,\n', encoding="utf-8")
    r = run("show", str(person), "--against", str(broken), "--lang", "es")
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()) == (
        f"Error: {broken}: no es un resumen de grupo de kamtrust (JSON no válido en la línea 2, columna 1: "
        "se esperaba un nombre de campo entre comillas dobles)"
    )


# ---------------------------------------------------------------- 6. the profile header never cuts a name


def _header(name: str, account: str) -> dict[str, str | None]:
    from kamtrust.i18n import t

    return {t("es", "participant"): name, t("es", "account"): account, t("es", "cohort"): "Bogotá-2026",
            t("es", "date"): "2026-11-25"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "account", "lines"),
    [
        (
            "Sofía Martínez Restrepo",
            "Ecopetrol",
            ["Participante: Sofía Martínez Restrepo · Cuenta: Ecopetrol · Cohorte: Bogotá-2026", "25/11/2026"],
        ),
        (
            "Juan Esteban Rodríguez Pardo",
            "Grupo Nutresa S.A.",
            [
                "Participante: Juan Esteban Rodríguez Pardo · Cuenta: Grupo Nutresa S.A.",
                "Cohorte: Bogotá-2026 · 25/11/2026",
            ],
        ),
    ],
)
def test_a_long_header_goes_on_two_lines_whole(name: str, account: str, lines: list[str]) -> None:
    from kamtrust.render.glance import header_line

    said = header_line("es", _header(name, account), 80).plain
    assert said.splitlines() == lines and "…" not in said


def test_a_header_that_fits_stays_one_line_with_its_title() -> None:
    from kamtrust.render.glance import header_line

    assert header_line("es", _header("Ana", "Acme"), 100).plain == (
        "Perfil de confianza · Participante: Ana · Cuenta: Acme · Cohorte: Bogotá-2026 · 25/11/2026"
    )


def test_assess_with_a_typical_long_name_still_fits_80_by_24(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    # All answers alike: no alert, a note and a wrapped line, the longest typical first block.
    answers = write_answers(tmp_path / "a.json", keyed(q, {}, default=3))
    r = run(
        "assess", "--answers", str(answers), "--lang", "es", "--name", "Juan Esteban Rodríguez Pardo",
        "--account", "Grupo Nutresa S.A.", "--cohort", "Bogotá-2026",
        env={"COLUMNS": "80", "LINES": "24"},
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines() + r.stderr.splitlines()
    assert len(lines) <= 23, r.stdout  # the shell prompt is the 24th
    assert lines[0] == "Participante: Juan Esteban Rodríguez Pardo · Cuenta: Grupo Nutresa S.A."
    assert lines[1].startswith("Cohorte: Bogotá-2026 · ")
    assert lines[2].startswith("Credibilidad ")  # no blank line under a header on two lines


# ---------------------------------------------------------------- 5. left out, by reason


def _left_out_folder(q: Questionnaire, d: Path) -> Path:
    """Three results, one unfinished, three unreadable files, two results whose answers do not fit."""
    for k in range(3):
        write_result(d, q, keyed(q, {}), pid=f"p{k}", filename=f"p{k}.json")
    write_result(d, q, keyed(q, {}), pid="u", filename="unfinished.json", partial=True)
    for k in range(3):
        (d / f"bad{k}.json").write_text(f"not a result {k}", encoding="utf-8")
    for k in range(2):
        path = write_result(d, q, keyed(q, {}), pid=f"nf{k}", filename=f"nf{k}.json")
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["answers"]["cred_1"] = 9
        path.write_text(json.dumps(doc), encoding="utf-8")
    return d


LEFT_OUT = {
    "es": "No incluidos: 1 sin terminar, 3 archivos ilegibles o que no son resultados y 2 resultados cuyas "
    "respuestas no encajan en el cuestionario.",
    "en": "Not included: 1 unfinished, 3 files unreadable or not results and 2 results whose answers do not fit "
    "the questionnaire.",
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_group_report_counts_left_out_files_by_reason(run: Run, q: Questionnaire, tmp_path: Path, lang: str) -> None:
    d = _left_out_folder(q, tmp_path / "g")
    out = tmp_path / "r.html"
    r = run("group", "report", str(d), "-o", str(out), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert f'<div class="kt-callout"><p>{LEFT_OUT[lang]}</p></div>' in out.read_text(encoding="utf-8")
    md = run("group", "report", str(d), "-f", "md", "--lang", lang).stdout
    assert f"> {LEFT_OUT[lang]}\n" in md


def test_one_of_each_reads_in_the_singular(q: Questionnaire) -> None:
    from kamtrust.export.left_out import sentence

    assert sentence({"rejected": 1, "not_fit": 1}, "es") == (
        "No incluidos: 1 archivo ilegible o que no es un resultado y 1 resultado cuyas respuestas no encajan en el "
        "cuestionario."
    )
    assert sentence({"partial": 0, "rejected": 0, "same_file": 2}, "en") == ""


def test_summary_files_count_left_out_by_reason(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = _left_out_folder(q, tmp_path / "g")
    doc = json.loads(run("group", "summary", str(d), "-f", "json").stdout)
    assert {k: doc["excluded"][k] for k in ("partial", "rejected", "not_fit")} == {
        "partial": 1,
        "rejected": 3,
        "not_fit": 2,
    }
    csv = run("group", "summary", str(d), "-f", "csv", "--lang", "es").stdout
    assert "resultados sin terminar dejados fuera,1\n" in csv
    assert "archivos dejados fuera (ilegibles o que no son resultados),3\n" in csv
    assert "resultados dejados fuera (respuestas que no encajan en el cuestionario),2\n" in csv
    out = tmp_path / "s.xlsx"
    assert run("group", "summary", str(d), "-f", "xlsx", "--lang", "en", "-o", str(out)).exit_code == 0
    text = xlsx_text(out)
    assert "files left out (unreadable or not results)" in text
    assert "results left out (answers that do not fit the questionnaire)" in text
