"""Day/month order: a few rows never decide for many; --since/--until take only what the help says."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import UsageError
from kamtrust.results.forms import timestamps as ts
from kamtrust.results.selection import parse_day

DATA = Path(__file__).parent / "data" / "forms"
Run = Callable[..., Any]
SPANISH = ["-q", "kamtrust-8", "--name-column", "Nombre", "--account-column", "Empresa cliente"]
SPANISH += ["--cohort-column", "Grupo"]
NAMES = "Ana Pérez,Íñigo Núñez,Lucía García,José Muñoz,María Peña,Raúl Sáez,Begoña Ortiz,Ramón Díaz,Sofía León"
NAMES += ",Tomás Gil,Inés Cano,Álvaro Vidal,Nuria Calvo,Óscar Prieto,Elena Ríos,Jorge Soto"


def spanish_export(path: Path, stamps: list[str], *, excel: bool) -> Path:
    """The Spanish form export of tests/data/forms with one respondent per stamp.

    ``excel``: as Excel saves "CSV (separado por comas)" on a Spanish Windows: ';', Windows-1252,
    CRLF, no BOM. Otherwise as Google Sheets downloads it: ',', UTF-8.
    """
    with (DATA / "google_es.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, answers = rows[0], rows[1][4:]
    names = NAMES.split(",")
    out = [header] + [[s, names[i], "Farmacias Levante", "Grupo México", *answers] for i, s in enumerate(stamps)]
    with path.open("w", encoding="cp1252" if excel else "utf-8", newline="") as f:
        csv.writer(f, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n").writerows(out)
    return path


def thirteen_and_one(tmp_path: Path) -> Path:
    """Thirteen submissions of 05/11/2026 and one hand-typed 11/23/2026 (row 15)."""
    stamps = [f"05/11/2026 {9 + i // 6}:{i * 7 % 60:02d}:00" for i in range(13)] + ["11/23/2026 14:20:00"]
    return spanish_export(tmp_path / "excel.csv", stamps, excel=True)


def test_one_month_first_row_does_not_decide_for_thirteen(run: Run, tmp_path: Path) -> None:
    src = thirteen_and_one(tmp_path)
    assert b"\xcd\xf1igo" in src.read_bytes()  # Íñigo in Windows-1252: the real thing
    out = tmp_path / "sesion0"
    for dry in (["--dry-run"], []):
        r = run("import", str(src), "-o", str(out), *SPANISH, *dry, "--lang", "en")
        assert r.exit_code == 1 and not out.exists()
        assert r.stderr == (
            f"Error: {src}: column 1 'Marca temporal' does not settle the order of day and month. "
            "Dates that read only one way, month first: 1 (11/23/2026 14:20:00, row 15); "
            "dates that read both ways: 13, such as 05/11/2026 9:00:00 (row 2): 5 November 2026 read day first, "
            "or 11 May 2026 read month first. A few rows do not decide for all the others: say which with "
            "--date-format day-first or --date-format month-first (rows that do not fit the order chosen are then "
            "left out, each with its reason)\n"
        )
    r = run("import", str(src), "-o", str(out), *SPANISH, "--dry-run", "--lang", "es")
    assert r.exit_code == 1 and not out.exists()
    assert r.stderr == (
        f"Error: {src}: la columna 1 'Marca temporal' no aclara el orden de día y mes. "
        "Fechas que solo se leen de una manera, con el mes primero: 1 (11/23/2026 14:20:00, fila 15); "
        "fechas que se leen de las dos: 13, como 05/11/2026 9:00:00 (fila 2): el 5 de noviembre de 2026 leída "
        "con el día primero, o el 11 de mayo de 2026 leída con el mes primero. Unas pocas filas no deciden por "
        "todas las demás: indica cuál con --date-format day-first o --date-format month-first (las filas que no "
        "encajen en el orden elegido quedan fuera, cada una con su motivo)\n"
    )


def test_day_first_leaves_the_month_first_row_out_saying_why(run: Run, tmp_path: Path) -> None:
    src, out = thirteen_and_one(tmp_path), tmp_path / "sesion0"
    r = run("import", str(src), "-o", str(out), *SPANISH, "--date-format", "day-first", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert (
        "  fila 15: '11/23/2026 14:20:00' no es una fecha: no hay mes 23; con --date-format day-first se lee "
        "día/mes/año. Corrige la celda en la exportación e importa de nuevo, o usa --date-format month-first si "
        "ese es el orden de la exportación\n"
    ) in r.stderr
    assert "Fechas: del 05/11/2026 al 05/11/2026." in r.stderr
    days = sorted({p.read_text(encoding="utf-8").split('"created_at": "')[1][:10] for p in out.glob("*.json")})
    assert days == ["2026-11-05"] and len(os.listdir(out)) == 13
    r = run("import", str(src), "-o", str(tmp_path / "x"), *SPANISH, "--date-format", "day-first", "--lang", "en")
    assert (
        "  row 15: '11/23/2026 14:20:00' is not a date: there is no month 23; with --date-format day-first it reads "
        "day/month/year. Correct the cell in the export and import again, or use --date-format month-first if that "
        "is the export's order\n"
    ) in r.stderr


def test_month_first_says_why_a_day_first_row_is_left_out(run: Run, tmp_path: Path) -> None:
    src = spanish_export(tmp_path / "f.csv", ["11/05/2026 9:00:00", "23/11/2026 9:00:00"], excel=True)
    r = run("import", str(src), "-o", str(tmp_path / "o"), *SPANISH, "--date-format", "month-first", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert (
        "  row 3: '23/11/2026 9:00:00' is not a date: there is no month 23; with --date-format month-first it reads "
        "month/day/year. Correct the cell in the export and import again, or use --date-format day-first if that "
        "is the export's order\n"
    ) in r.stderr
    r = run("import", str(src), "-o", str(tmp_path / "p"), *SPANISH, "--date-format", "month-first", "--lang", "es")
    assert (
        "fila 3: '23/11/2026 9:00:00' no es una fecha: no hay mes 23; con --date-format month-first se lee mes/día/año."
        in (r.stderr)
    )


def test_a_google_forms_workshop_across_the_12th_and_13th_is_still_read(run: Run, tmp_path: Path) -> None:
    stamps = ["12/11/2026 9:15:02", "12/11/2026 9:20:41", "12/11/2026 17:02:10"]
    stamps += ["13/11/2026 9:05:55", "13/11/2026 10:30:00", "13/11/2026 11:00:00"]
    src, out = spanish_export(tmp_path / "google.csv", stamps, excel=False), tmp_path / "o"
    r = run("import", str(src), "-o", str(out), *SPANISH, "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[1:3] == [
        "Fechas: del 12/11/2026 al 13/11/2026.",
        "  Día antes que mes: 13/11/2026 9:05:55 (fila 5) solo se puede leer así.",
    ]
    assert len(os.listdir(out)) == 6


def test_as_many_settling_rows_as_ambiguous_ones_decide_and_fewer_do_not(run: Run, tmp_path: Path) -> None:
    even = ["04/11/2026 9:00", "05/11/2026 9:00", "23/11/2026 9:00", "24/11/2026 9:00"]
    r = run("import", str(spanish_export(tmp_path / "a.csv", even, excel=True)), "-o", str(tmp_path / "a"), *SPANISH)
    assert r.exit_code == 0 and "  Day before month: 23/11/2026 9:00 (row 4) can only be read that way." in r.stderr
    fewer = ["04/11/2026 9:00", "05/11/2026 9:00", "06/11/2026 9:00", "23/11/2026 9:00", "24/11/2026 9:00"]
    r = run("import", str(spanish_export(tmp_path / "b.csv", fewer, excel=True)), "-o", str(tmp_path / "b"), *SPANISH)
    assert r.exit_code == 1 and not (tmp_path / "b").exists()
    assert "Dates that read only one way, day first: 2 (23/11/2026 9:00, row 5; 24/11/2026 9:00, row 6); " in r.stderr
    assert "dates that read both ways: 3, such as 04/11/2026 9:00 (row 2)" in r.stderr


def test_many_settling_rows_are_named_up_to_three() -> None:
    stamps = [(n, ts.split(f"{d}/11/2026")) for n, d in enumerate(["13", "14", "15", "16", *["05"] * 5], start=2)]
    with pytest.raises(ts.FewSettlingDates) as info:
        ts.settle_order([(n, s) for n, s in stamps if s is not None], None)
    from kamtrust.results.forms.rows import few_settling_message

    text = few_settling_message(info.value, "1 'Timestamp'", "f.csv", "en")
    assert "day first: 4 (13/11/2026, row 2; 14/11/2026, row 3; 15/11/2026, row 4 and 1 more); " in text
    assert "dates that read both ways: 5, such as 05/11/2026 (row 6)" in text


def test_rows_that_read_the_same_both_ways_do_not_count() -> None:
    """11/11/2026 is 11 November either way: it neither settles nor blurs the order."""
    stamps = [(2, "11/11/2026"), (3, "11/11/2026"), (4, "04/11/2026"), (5, "23/11/2026")]
    order = ts.settle_order([(n, s) for n, v in stamps if (s := ts.split(v)) is not None], None)
    assert order == ts.Order(True, "23/11/2026", 5)


# -- --since / --until ---------------------------------------------------------------------------


def test_month_first_since_is_refused_as_the_help_promises(run: Run, tmp_path: Path) -> None:
    r = run("group", "summary", str(tmp_path), "--since", "11/25/2026", "--lang", "es")
    assert r.exit_code == 2
    assert " ".join(r.stderr.split()) == (
        "Error: --since '11/25/2026' no es una fecha: no hay mes 25 (DD/MM/AAAA lleva el día primero); "
        "escríbela como DD/MM/AAAA (23/11/2026) o AAAA-MM-DD (2026-11-23)"
    )
    r = run("group", "summary", str(tmp_path), "--until", "11/26/2026", "--lang", "en")
    assert r.exit_code == 2
    assert " ".join(r.stderr.split()) == (
        "Error: --until '11/26/2026' is not a date: there is no month 26 (DD/MM/YYYY puts the day first); "
        "write it as YYYY-MM-DD (2026-11-23) or DD/MM/YYYY (23/11/2026)"
    )
    r = run("group", "summary", str(tmp_path), "--since", "31/11/2026", "--lang", "es")
    assert r.exit_code == 2 and "--since '31/11/2026' no es una fecha que exista: noviembre de 2026 tiene 30 días" in (
        " ".join(r.stderr.split())
    )


@pytest.mark.parametrize("text", ["11/25/2026", "12/13/2026", "1/31/2026", "02/30/2028"])
def test_month_first_dates_are_never_read(text: str) -> None:
    with pytest.raises(UsageError, match="is not a date: there is no month"):
        parse_day("--since", text, "en")


@pytest.mark.parametrize(("text", "day"), [("25/11/2026", date(2026, 11, 25)), ("2026-11-25", date(2026, 11, 25))])
def test_what_the_help_says_is_read(text: str, day: date) -> None:
    assert parse_day("--since", text, "es") == day
