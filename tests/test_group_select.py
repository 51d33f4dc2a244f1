"""Selecting one client's results from a mixed folder, and the trainer-facing details of the tables."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import UsageError
from kamtrust.export.words import day_text, fmt, local_date
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.selection import parse_day

from .groupdata import keyed, write_result

Run = Callable[..., Any]
WIDE = {"COLUMNS": "120"}


def stamp(path: Path, created_at: str) -> Path:
    """Give a result file another save time."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["created_at"] = created_at
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def mixed(q: Questionnaire, tmp_path: Path) -> Path:
    """Four accounts in one folder: 4 Acme, 3 Distribuciones Norte, 3 Norte S.A., 1 Beta."""
    d = tmp_path / "all"
    for n in range(4):
        write_result(d, q, keyed(q, {"credibility": 2 + n % 2}), account="Acme", cohort="Madrid")
    for n in range(3):
        path = write_result(d, q, keyed(q, {"credibility": 4}), account="Distribuciones Norte", cohort="Bogotá")
        stamp(path, f"2026-03-0{n + 1}T10:00:00Z")
    for _ in range(3):
        write_result(d, q, keyed(q, {}), account="Distribuciones Norte S.A.", cohort="Bogotá")
    write_result(d, q, keyed(q, {}), account="Beta", cohort="Madrid")
    return d


def test_one_account_from_a_mixed_folder(run: Run, mixed: Path) -> None:
    r = run("group", "summary", str(mixed), "--account", "  acme ", "-f", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["total"]["n"] == 4
    # One summary line, never a "left out" line per file of the other accounts.
    assert "7 results of other accounts, cohorts, names or dates not selected" in r.stderr
    assert "left out" not in r.stderr
    r = run("group", "summary", str(mixed), "--account", "acme", "-f", "json", "--lang", "es")
    assert "7 resultados de otras cuentas, cohortes, nombres o fechas no seleccionados" in r.stderr


def test_account_matching_is_whole_not_a_prefix(run: Run, mixed: Path) -> None:
    r = run("group", "summary", str(mixed), "--account", "DISTRIBUCIONES NORTE", "-f", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["total"]["n"] == 3  # not the 3 of "Distribuciones Norte S.A."


def test_one_result_of_another_account_is_said_in_the_singular(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    for _ in range(3):
        write_result(tmp_path / "r", q, keyed(q, {}), account="Acme")
    write_result(tmp_path / "r", q, keyed(q, {}), account="Beta")
    r = run("group", "summary", str(tmp_path / "r"), "--account", "acme", "--lang", "es", env=WIDE)
    assert "1 resultado de otras cuentas, cohortes, nombres o fechas no seleccionado\n" in r.stderr


def test_cohort_and_dates_select(run: Run, mixed: Path) -> None:
    r = run("group", "summary", str(mixed), "--cohort", "bogotá", "--until", "2026-03-02", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["total"]["n"] is None  # 2 people: below the minimum group, withheld
    r = run("group", "summary", str(mixed), "--cohort", "BOGOTÁ", "--since", "2026-03-01", "--until", "31/03/2026")
    assert r.exit_code == 0 and "8 results of other accounts, cohorts, names or dates not selected" in r.stderr


def test_nothing_selected_names_the_accounts_found(run: Run, mixed: Path) -> None:
    r = run("group", "summary", str(mixed), "--account", "Acme Corp", "--lang", "en")
    assert r.exit_code == 1
    assert (
        "none of the 11 results matches the selection (account Acme Corp); the accounts found are: Acme, Beta, "
        "Distribuciones Norte, Distribuciones Norte S.A.. Account, cohort and name are matched whole, ignoring "
        "case and spaces at either end"
    ) in " ".join(r.stderr.split())


def test_ambiguous_and_wrong_dates_are_refused(run: Run, mixed: Path) -> None:
    r = run("group", "summary", str(mixed), "--since", "03/04/2026", "--lang", "en")
    assert r.exit_code == 2
    assert "--since '03/04/2026' is ambiguous: it could be 2026-04-03 or 2026-03-04; write it as YYYY-MM-DD" in (
        " ".join(r.stderr.split())
    )
    r = run("group", "summary", str(mixed), "--until", "2026-02-30", "--lang", "es")
    assert r.exit_code == 2 and "--until '2026-02-30' no es una fecha" in r.stderr
    r = run("group", "summary", str(mixed), "--since", "2026-05-01", "--until", "2026-04-01")
    assert r.exit_code == 2 and "--since 2026-05-01 is after --until 2026-04-01" in r.stderr


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("23/11/2026", date(2026, 11, 23)),
        ("05/05/2026", date(2026, 5, 5)),
        ("23.11.2026", date(2026, 11, 23)),
    ],
)
def test_dates_accepted(text: str, day: date) -> None:
    assert parse_day("--since", text, "en") == day


def test_an_ambiguous_date_is_never_guessed() -> None:
    with pytest.raises(UsageError, match="podría ser el 04/03/2026 o el 03/04/2026"):
        parse_day("--since", "04/03/2026", "es")


def test_the_selection_applies_to_compare_and_report(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    before, after = tmp_path / "s1", tmp_path / "s2"
    for n in range(4):
        for folder in (before, after):
            write_result(folder, q, keyed(q, {}), pid=f"a{n}", account="Acme")
            write_result(folder, q, keyed(q, {}), pid=f"b{n}", account="Beta")
    r = run("group", "compare", str(before), str(after), "--account", "beta", "-f", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["total"]["n_paired"] == 4
    assert r.stderr.count("4 results of other accounts, cohorts, names or dates not selected") == 2
    r = run("group", "report", str(after), "--account", "beta", "-f", "md", "--lang", "en")
    assert r.exit_code == 0 and "4 people" in r.stdout


# ---------------------------------------------------------------- numbers, dates, items, XLSX


def test_numbers_and_dates_in_each_language() -> None:
    assert fmt(12.345, "es") == "12,3" and fmt(12.345, "en") == "12.3" and fmt(-0.01, "es", "+.1f") == "+0,0"
    assert day_text(date(2026, 11, 23), "es") == "23/11/2026" and day_text(date(2026, 11, 23), "en") == "2026-11-23"
    # Noon UTC is the same calendar day on every inhabited time zone.
    assert local_date("2026-11-23T12:00:00Z", "es") == "23/11/2026"


def test_dates_are_local_not_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/Mexico_City")
    time.tzset()
    try:
        assert local_date("2026-11-24T02:30:00Z", "es") == "23/11/2026"  # 20:30 on the 23rd in Mexico City
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_csv_decimal_marks(run: Run, mixed: Path) -> None:
    """Spanish with ';' writes decimal commas; with ',' (the default) numbers keep the point."""
    semi = run("group", "summary", str(mixed), "-f", "csv", "--sep", ";", "--lang", "es").stdout
    assert "Total;factor;credibility;Credibilidad;11;52,3;17,5;50,0;25,0;75,0;" in semi
    comma = run("group", "summary", str(mixed), "-f", "csv", "--lang", "es").stdout
    assert "Total,factor,credibility,Credibilidad,11,52.3,17.5,50.0,25.0,75.0," in comma


def test_items_show_the_statement_beside_the_id(run: Run, mixed: Path, tmp_path: Path) -> None:
    statement = "I improvise an answer so as not to look unprepared"
    md = run("group", "summary", str(mixed), "--items", "-f", "md", "--lang", "en").stdout
    assert re.search(
        r"\| Total \| 41 \| cred_5 \| When I'm unsure about a client's technical question, " + statement, md
    )
    rows = list(
        csv.reader(io.StringIO(run("group", "summary", str(mixed), "--items", "-f", "csv", "--lang", "en").stdout))
    )
    header = next(r for r in rows if r[:3] == ["group", "position", "item"])
    assert header[3] == "statement"
    out = tmp_path / "s.xlsx"
    assert run("group", "summary", str(mixed), "--items", "-o", str(out), "--lang", "en").exit_code == 0
    with zipfile.ZipFile(out) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    assert statement in strings


def test_nobody_answered_is_not_called_hidden(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "r"
    for _ in range(4):
        answers = keyed(q, {})
        answers.pop("int_1")
        write_result(d, q, answers, account="Acme")
    for fmt_ in ("table", "csv", "md"):
        text = run("group", "summary", str(d), "--items", "-f", fmt_, "--lang", "en", env=WIDE).stdout
        line = next(x for x in text.splitlines() if "int_1" in x)
        assert "nobody answered" in line and "hidden" not in line, (fmt_, line)


def test_xlsx_filters_and_full_precision(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "r"
    for level in (2, 3, 3):
        write_result(d, q, keyed(q, {"credibility": level}), account="Acme")
    out = tmp_path / "s.xlsx"
    assert run("group", "summary", str(d), "--items", "--by", "account", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all("<autoFilter " in z.read(n).decode() for n in sheets)
        styles = z.read("xl/styles.xml").decode()
        first = z.read("xl/worksheets/sheet1.xml").decode()
    assert 'formatCode="0.0"' in styles
    # credibility 25, 50, 50: the mean 41.666... is stored whole, shown with one decimal
    assert re.search(r"<v>41\.6666666666666\d*</v>", first)


def test_subgroup_names_are_never_cut(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    long_name = "Distribuciones Farmacéuticas del Norte de México"
    for name in (long_name, "Acme Iberia"):
        for _ in range(3):
            write_result(tmp_path / "r", q, keyed(q, {}), account=name)
    for width in ("60", "80", "200"):
        r = run("group", "summary", str(tmp_path / "r"), "--by", "account", "--lang", "es", env={"COLUMNS": width})
        assert r.exit_code == 0
        words = " ".join(r.stdout.split())
        assert "…" not in r.stdout
        for word in long_name.split():
            assert word in words, (width, word)


def test_the_group_report_names_weak_items_with_their_statement(q: Questionnaire) -> None:
    from kamtrust.engine.group import summarize
    from kamtrust.report.group import build_group

    from .groupdata import scored

    people = []
    for level in (1, 2, 3, 4, 5, 1, 5):
        answers = keyed(q, {"credibility": level})
        answers["cred_1"] = 6 - level  # runs against the rest of its factor
        people.append(scored(q, answers))
    summary = summarize(q, people, items=True)
    report = build_group(q, summary, people, "es", date="2026-11-23T12:00:00Z")
    row = next(r for r in report.reliability if r.name == "Credibilidad")
    assert row.low_items[0].startswith("cred_1 (Sigo la prensa especializada")
    assert report.date == "23/11/2026"


def test_a_report_of_one_person_says_so_in_the_singular(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    write_result(tmp_path / "r", q, keyed(q, {}), account="Acme")
    for fmt_ in ("md", "html"):
        r = run("group", "report", str(tmp_path / "r"), "--min-group", "1", "-f", fmt_, "--lang", "es")
        assert r.exit_code == 0, r.stderr
        assert "1 persona · tamaño mínimo de grupo 1 · " in r.stdout and "1 personas" not in r.stdout
        assert "1 resultado en el informe" in r.stderr
