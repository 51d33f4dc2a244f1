"""``kamtrust import``: online form exports read exactly, never doubled, dropped or invented silently."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import forms
from kamtrust.results.document import read_result
from kamtrust.results.forms import timestamps as ts

DATA = Path(__file__).parent / "data" / "forms"
Run = Callable[..., Any]
SPANISH = ["--name-column", "Nombre", "--account-column", "Empresa cliente", "--cohort-column", "Grupo"]


def results_in(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


def write_form(
    path: Path, q: Questionnaire, rows: list[dict[str, Any]], *, extra: tuple[str, ...] = ("Email",)
) -> Path:
    """A comma CSV: Timestamp, the extra columns, then one column per item (by id).

    Each row: {"ts": ..., "Email": ..., "answers": value or {item: value}}; items absent are blank.
    """
    ids = [i.id for i in q.presentation_order]
    lines = [",".join(["Timestamp", *extra, *ids])]
    for row in rows:
        answers = row.get("answers", 4)
        cells = [str(answers.get(i, "")) if isinstance(answers, dict) else str(answers) for i in ids]
        lines.append(",".join([row["ts"], *(row.get(c, "") for c in extra), *cells]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- the Spanish Google Forms export, and importing it again -------------------------------------


def test_spanish_google_forms_export_with_labels_and_semicolons(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "imported"
    src = DATA / "google_es.csv"
    original = src.read_bytes()
    r = run("import", str(src), "-q", "kamtrust-8", "-o", str(out), *SPANISH)
    assert r.exit_code == 0, r.stderr
    assert src.read_bytes() == original
    assert r.stderr.splitlines() == [
        f"{src}: rows read: 5; items with a column: 50 of 50.",
        "Dates: 2026-11-23 to 2026-11-23.",
        "  Day before month: 23/11/2026 9:15:02 (row 2) can only be read that way.",
        "  Times without a time zone are read as UTC (this computer's time zone; --timezone to choose another).",
        "Answers that are no point of the scale (cells: 2; their rows, left out: 2):",
        "  'Casi siempre': cells: 1; columns: 5 (cred_1); rows: 5",
        "  '7' (outside the scale): cells: 1; columns: 7 (int_1); rows: 6",
        "  Give each one its point (or null for no answer) in a --map file's 'labels:' section.",
        "Rows left out: 2",
        "  rows 5, 6: answers that are no point of the scale (above)",
        "People: 3 (told apart by name).",
        f"Imported into {out}: 0 already imported, 3 new, 2 left out.",
    ]
    docs = results_in(out)
    by_name = {d["participant"]["name"]: d for d in docs}
    assert set(by_name) == {"Ana Pérez", "Íñigo Núñez", '=HYPERLINK("http://x")'}
    ana, inigo = by_name["Ana Pérez"], by_name["Íñigo Núñez"]
    assert ana["participant"]["account"] == "Acme" and ana["participant"]["cohort"] == "Madrid-1"
    assert ana["created_at"] == "2026-11-23T09:15:02Z" and ana["language"] == "es" and ana["status"] == "complete"
    # "A menudo" = 4 on every direct item, "Rara vez" = 2 on reverse ones: every scale scores 75
    assert ana["answers"]["cred_1"] == 4 and ana["answers"]["cred_5"] == 2
    assert ana["profile"]["factors"]["credibility"]["score"] == 75.0
    # a blank cell is a skipped item; "4" typed as a number is accepted
    assert len(inigo["answers"]) == 49 and "foc_1" not in inigo["answers"] and inigo["answers"]["kno_1"] == 4
    assert len({d["participant"]["id"] for d in docs}) == 3
    for path in out.iterdir():  # the very text that `assess` would write for the same result
        assert path.read_text(encoding="utf-8") == read_result(path).to_json()
    r = run("group", "summary", str(out), "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"]["n"] == 3


def test_reimporting_the_same_export_adds_nothing(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "o"
    src = str(DATA / "google_es.csv")
    assert run("import", src, "-o", str(out), *SPANISH).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == 3 and all(forms.build.READABLE.match(n) for n in before)
    r = run("import", src, "-o", str(out), *SPANISH)
    assert r.exit_code == 0
    assert r.stderr.splitlines()[-1] == f"Imported into {out}: 3 already imported, 0 new, 2 left out."
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # the same rows with other stored fields (another --cohort) are refused, never a second copy
    r = run("import", src, "-o", str(out), "--name-column", "Nombre", "--cohort", "Taller-9")
    assert r.exit_code == 1  # nothing imported
    assert "  row 2: imported before with other answers or fields, as ana-perez_acme_2026-11-23_" in r.stderr
    assert "; delete that file to import this row again" in r.stderr
    assert r.stderr.splitlines()[-1] == f"Imported into {out}: 0 already imported, 0 new, 5 left out."
    assert sorted(before) == listing(out)


def test_dry_run_writes_nothing(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "o"
    src = str(DATA / "google_es.csv")
    r = run("import", src, "-o", str(out), *SPANISH, "--dry-run")
    assert r.exit_code == 0 and not out.exists()
    assert "People: 3 (told apart by name)." in r.stderr and "Dates: 2026-11-23 to 2026-11-23." in r.stderr
    assert r.stderr.splitlines()[-1] == f"Dry run, nothing written. Into {out}: 0 already imported, 3 new, 2 left out."
    run("import", src, "-o", str(out), *SPANISH)
    names = listing(out)
    r = run("import", src, "-o", str(out), *SPANISH, "--dry-run", "--lang", "es")
    assert listing(out) == names
    assert "Fechas: del 23/11/2026 al 23/11/2026." in r.stderr
    assert (
        r.stderr.splitlines()[-1]
        == f"Simulación, no se escribe nada. En {out}: ya importadas: 3 · nuevas: 0 · fuera: 2."
    )


# -- duplicates and test rows -------------------------------------------------------------------


def test_duplicates_keep_the_latest_and_test_rows_are_left_out(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    ids = [i.id for i in q.presentation_order]
    src = write_form(
        tmp_path / "f.csv",
        q,
        [
            {"ts": "2026-11-04 10:00:00", "Email": "ana@x.org", "answers": 3},
            {"ts": "2026-11-04 10:05:00", "Email": "luis@x.org", "answers": 4},
            {"ts": "2026-11-04 10:07:00", "Email": "ANA@x.org ", "answers": 5},  # Ana again: this one counts
            {"ts": "2026-11-04 10:09:00", "Email": "luis@x.org", "answers": 4},  # Luis again, same answers
            {"ts": "2026-11-04 09:00:00", "Email": "trainer@x.org", "answers": {i: 3 for i in ids[:3]}},
            {"ts": "2026-11-04 11:00:00", "Email": "anonymous", "answers": 2},
            {"ts": "2026-11-04 11:00:00", "Email": "anonymous", "answers": 2},
        ],
    )
    out = tmp_path / "o"
    r = run("import", str(src), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[-7:] == [
        "Rows left out: 4",
        "  row 2: an earlier submission by the same person (ana@x.org) for account —; the latest, row 4, is kept (--keep-duplicates keeps both)",
        "  row 3: the same answers as row 5 by the same person (luis@x.org) for account —; row 5 is kept",
        "  row 6: too few answers to score any factor (3 of 50 items answered): a test row?",
        "  row 8: identical to row 7",
        "People: 3 (told apart by e-mail).",
        f"Imported into {out}: 0 already imported, 3 new, 4 left out.",
    ]
    docs = results_in(out)
    assert sorted(d["created_at"] for d in docs) == [
        "2026-11-04T10:07:00Z",
        "2026-11-04T10:09:00Z",
        "2026-11-04T11:00:00Z",
    ]
    # one person's id is the same however they wrote their address, and no e-mail is stored
    assert "ana@x.org" not in (out / sorted(os.listdir(out))[0]).read_text(encoding="utf-8").lower()
    r = run("import", str(src), "-o", str(tmp_path / "all"), "--keep-duplicates")
    assert "Kept although the same person answered more than once (--keep-duplicates): rows 2, 3" in r.stderr
    assert r.stderr.splitlines()[-1] == f"Imported into {tmp_path / 'all'}: 0 already imported, 5 new, 2 left out."
    by_time = {d["created_at"]: d["participant"]["id"] for d in results_in(tmp_path / "all")}
    assert by_time["2026-11-04T10:00:00Z"] == by_time["2026-11-04T10:07:00Z"]


def test_a_later_export_with_a_new_submission_of_the_same_person(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    first = [{"ts": "2026-11-04 10:00:00", "Email": "ana@x.org", "answers": 3}]
    out = tmp_path / "o"
    run("import", str(write_form(tmp_path / "v1.csv", q, first)), "-o", str(out))
    (old,) = listing(out)
    later = [*first, {"ts": "2026-11-05 10:00:00", "Email": "ana@x.org", "answers": 4}]
    r = run("import", str(write_form(tmp_path / "v2.csv", q, later)), "-o", str(out))
    assert r.stderr.splitlines()[-4:] == [
        "Rows left out: 1",
        "  row 2: an earlier submission by the same person (ana@x.org) for account —, superseded by row 3; "
        f"an earlier import wrote it as {old}, which stays in the folder: delete it if only the latest should count",
        "People: 1 (told apart by e-mail).",
        f"Imported into {out}: 0 already imported, 1 new, 1 left out.",
    ]
    ids = {d["participant"]["id"] for d in results_in(out)}
    assert len(listing(out)) == 2 and len(ids) == 1  # the same person: the group can count them once


# -- timestamps ---------------------------------------------------------------------------------


def test_ambiguous_dates_are_refused_with_both_readings(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    rows = [{"ts": "04/11/2026 10:00:00", "Email": "a@x"}, {"ts": "05/11/2026 11:30:00", "Email": "b@x"}]
    src = write_form(tmp_path / "f.csv", q, rows)
    out = tmp_path / "o"
    r = run("import", str(src), "-o", str(out))
    assert r.exit_code == 1 and not out.exists()
    assert r.stderr == (
        f"Error: {src}: the dates in column 1 'Timestamp' can be read two ways, and none of them settles which: "
        "04/11/2026 10:00:00 (row 2) is 4 November 2026 read day first, or 11 April 2026 read month first. "
        "Say which with --date-format day-first or --date-format month-first\n"
    )
    r = run("import", str(src), "-o", str(out), "--lang", "es")
    assert (
        "04/11/2026 10:00:00 (fila 2) es el 4 de noviembre de 2026 leída con el día primero, o el 11 de abril de 2026"
        in r.stderr
    )
    r = run("import", str(src), "-o", str(out), "--date-format", "month-first")
    assert r.exit_code == 0 and "  Day and month order from --date-format month-first." in r.stderr
    assert sorted(d["created_at"] for d in results_in(out)) == ["2026-04-11T10:00:00Z", "2026-05-11T11:30:00Z"]
    r = run("import", str(src), "-o", str(tmp_path / "d"), "--date-format", "day-first")
    assert sorted(d["created_at"] for d in results_in(tmp_path / "d")) == [
        "2026-11-04T10:00:00Z",
        "2026-11-05T11:30:00Z",
    ]


def test_a_day_above_12_settles_the_order_and_mixed_orders_are_refused(
    run: Run, tmp_path: Path, q: Questionnaire
) -> None:
    rows = [{"ts": "04/11/2026 10:00", "Email": "a@x"}, {"ts": "23/11/2026 10:00", "Email": "b@x"}]
    r = run("import", str(write_form(tmp_path / "f.csv", q, rows)), "-o", str(tmp_path / "o"))
    assert "  Day before month: 23/11/2026 10:00 (row 3) can only be read that way." in r.stderr
    assert sorted(d["created_at"] for d in results_in(tmp_path / "o"))[0] == "2026-11-04T10:00:00Z"
    rows.append({"ts": "11/23/2026 10:00", "Email": "c@x"})
    r = run("import", str(write_form(tmp_path / "g.csv", q, rows)), "-o", str(tmp_path / "p"))
    assert r.exit_code == 1
    assert (
        "column 1 'Timestamp' mixes date orders: 23/11/2026 10:00 (row 3) has the day first, 11/23/2026 10:00 (row 4) the month first"
        in r.stderr
    )


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        ("2026/11/04 5:02:55 p. m. GMT-5", "2026-11-04T22:02:55Z"),  # Google Forms' download, Spanish
        ("2026/11/04 5:02:55 PM GMT-5", "2026-11-04T22:02:55Z"),  # … English
        ("2026/11/04 5:02:55\u202fp.\u00a0m. GMT-5", "2026-11-04T22:02:55Z"),  # narrow and no-break spaces
        ("2026/11/04 12:10:00 a. m. GMT+1", "2026-11-03T23:10:00Z"),
        ("2026/11/04 12:10:00 PM GMT+05:30", "2026-11-04T06:40:00Z"),
        ("2026/11/04 9:00:00 GMT", "2026-11-04T09:00:00Z"),
        ("2026-11-04T17:02:55+01:00", "2026-11-04T16:02:55Z"),
        ("2026-11-04 17:02:55", "2026-11-04T17:02:55Z"),  # no zone: local (UTC in the tests)
        ("46330.7104", "2026-11-04T17:02:59Z"),  # an Excel serial date
    ],
)
def test_timestamp_formats(value: str, utc: str) -> None:
    stamp = ts.split(value)
    assert stamp is not None
    assert ts.iso_utc(ts.to_utc(ts.local_datetime(stamp, None), None)) == utc


def test_google_download_format_through_the_cli(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    rows = [{"ts": "2026/11/04 5:02:55 p. m. GMT-5", "Email": "a@x"}, {"ts": "46330.7104", "Email": "b@x"}]
    out = tmp_path / "o"
    r = run("import", str(write_form(tmp_path / "f.csv", q, rows)), "-o", str(out), "--timezone", "America/Bogota")
    assert r.exit_code == 0, r.stderr
    assert "  Numbers in the date column are read as Excel dates." in r.stderr
    assert "  Times without a time zone are read as America/Bogota (--timezone)." in r.stderr
    # the serial has no zone: 17:02:59 in Bogotá (UTC-5) is 22:02:59 UTC
    assert sorted(d["created_at"] for d in results_in(out)) == ["2026-11-04T22:02:55Z", "2026-11-04T22:02:59Z"]


def test_timestamps_are_never_invented(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    rows = [{"ts": "2026-11-04 10:00", "Email": "a@x"}, {"ts": "", "Email": "b@x"}, {"ts": "yesterday", "Email": "c@x"}]
    src = write_form(tmp_path / "f.csv", q, rows)
    r = run("import", str(src), "-o", str(tmp_path / "o"))
    assert "  row 3: no date (add --allow-undated to date such rows with the time of the import)" in r.stderr
    es = run("import", str(src), "-o", str(tmp_path / "o"), "--dry-run", "--lang", "es")
    assert (
        "  fila 3: sin fecha (añade --allow-undated para fechar esas filas con la hora de la importación)" in es.stderr
    )
    assert "  row 4: 'yesterday' is not a date and time this import can read" in r.stderr
    assert len(results_in(tmp_path / "o")) == 1
    r = run("import", str(src), "-o", str(tmp_path / "u"), "--allow-undated")
    assert r.stderr.splitlines()[-1].endswith("0 already imported, 2 new, 1 left out.")
    assert any("_undated_" in n for n in listing(tmp_path / "u"))
    ids = ",".join(i.id for i in q.presentation_order)
    (tmp_path / "nodate.csv").write_text(f"Email,{ids}\na@x,{','.join('3' * 50)}\n", encoding="utf-8")
    r = run("import", str(tmp_path / "nodate.csv"), "-o", str(tmp_path / "n"))
    assert r.exit_code == 1 and "no column holds the submission time" in r.stderr and "--allow-undated" in r.stderr


# -- columns and labels -------------------------------------------------------------------------


def test_missing_item_columns_are_an_error_with_near_misses_and_a_map_fixes_them(
    run: Run, tmp_path: Path, q: Questionnaire
) -> None:
    ids = [i.id for i in q.presentation_order]
    typo = q.items["cred_1"].text["es"].replace("especializada", "especialisada")[:-1]
    header = ["Marca temporal", typo, *ids[1:-1], "Pregunta extra"]
    body = ["2026-11-04 10:00", *("3" for _ in ids[1:-1]), "3", "3"]
    src = tmp_path / "f.csv"
    src.write_text(";".join(header) + "\n" + ";".join(body) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    r = run("import", str(src), "-o", str(out))
    assert r.exit_code == 1 and not out.exists()
    last = ids[-1]
    assert r.stderr.splitlines() == [
        f"Error: {src}: items of kamtrust-8 1.0 without a column: 2; their factors would go unscored for everyone:",
        f"  cred_1 'I follow the trade press and news in my key clien…': closest header: column 2 '{typo[:59]}…' (99% alike)",
        f"  {last} '{q.items[last].text['en'][:49]}…': no header is close",
        "If those closest headers are right, put this in a file and add --map FILE:",
        "  columns:",
        f'    "{typo}": cred_1',
        "To import anyway, with those items unanswered, add --allow-missing-items.",
    ]
    mapping = tmp_path / "map.yaml"
    mapping.write_text(f'columns:\n  "{typo}": cred_1\n  "Pregunta extra": {last}\n', encoding="utf-8")
    r = run("import", str(src), "-o", str(out), "--map", str(mapping))
    assert r.exit_code == 0, r.stderr
    assert "items with a column: 50 of 50" in r.stderr
    (doc,) = results_in(out)
    assert doc["answers"]["cred_1"] == 3 and doc["answers"][last] == 3
    r = run("import", str(src), "-o", str(tmp_path / "m"), "--allow-missing-items")
    assert f"Items without a column, counted as unanswered (--allow-missing-items): 2: cred_1, {last}" in r.stderr
    (doc,) = results_in(tmp_path / "m")
    assert "cred_1" not in doc["answers"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("columns:\n  Nope: cred_99\nlabels:\n  Casi siempre: 9\n", encoding="utf-8")
    r = run("import", str(src), "-o", str(out), "--map", str(bad))
    assert r.exit_code == 1 and r.stderr.splitlines() == [
        f"Error: {bad}: the map file has problems:",
        "  line 2: 'Nope': 'cred_99' is neither an item of kamtrust-8 nor one of name, account, cohort, timestamp, email",
        "  line 4: 'Casi siempre': expected a whole number from 1 to 5, or null for no answer; found 9",
    ]


def test_unknown_labels_are_summarised_once_and_mapped(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    ids = [i.id for i in q.presentation_order]
    rows = [
        {
            "ts": f"2026-11-04 10:{k:02d}",
            "Email": f"p{k}@x",
            "answers": {i: "Casi siempre" if n % 2 else "N/A" for n, i in enumerate(ids)},
        }
        for k in range(40)
    ]
    src = write_form(tmp_path / "f.csv", q, rows)
    r = run("import", str(src), "-o", str(tmp_path / "o"))
    lines = r.stderr.splitlines()
    assert lines[3:7] == [
        "Answers that are no point of the scale (cells: 2000; their rows, left out: 40):",
        "  'N/A': cells: 1000; columns: 3 (cred_1), 5 (int_1), 7 (lt_1), 9 (val_1), 11 (prox_1), 13 (cred_2), …; rows: 2, 3, 4, 5, 6, 7, 8, 9 and 32 more",
        "  'Casi siempre': cells: 1000; columns: 4 (rel_1), 6 (foc_1), 8 (kno_1), 10 (integ_1), 12 (persp_1), 14 (rel_2), …; rows: 2, 3, 4, 5, 6, 7, 8, 9 and 32 more",
        "  Give each one its point (or null for no answer) in a --map file's 'labels:' section.",
    ]
    assert "  rows 2, 3, 4, 5, 6, 7, 8, 9 and 32 more: answers that are no point of the scale (above)" in lines
    assert len(lines) == 10 and r.exit_code == 1  # nothing imported at all
    mapping = tmp_path / "labels.yaml"
    mapping.write_text("labels:\n  casi siempre: 5\n  N/A: null\n", encoding="utf-8")
    r = run("import", str(src), "-o", str(tmp_path / "o"), "--map", str(mapping))
    assert r.exit_code == 0 and r.stderr.splitlines()[-1].endswith("0 already imported, 40 new, 0 left out.")
    doc = results_in(tmp_path / "o")[0]
    assert len(doc["answers"]) == 25 and set(doc["answers"].values()) == {5}


# -- Microsoft Forms' own .xlsx ------------------------------------------------------------------


def ms_forms_xlsx(path: Path, q: Questionnaire, people: list[tuple[str, str, datetime, int]]) -> Path:
    """A workbook shaped like Microsoft Forms' download: ID, Start time, Completion time, Email,
    Name, then one column per question (the English item texts), times as Excel dates."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Form1")
    when = book.add_format({"num_format": "m/d/yy h:mm:ss"})
    items = list(q.presentation_order)
    sheet.write_row(0, 0, ["ID", "Start time", "Completion time", "Email", "Name", *(i.text["en"] for i in items)])
    labels = q.scale.labels
    for r, (email, name, done, value) in enumerate(people, start=1):
        sheet.write_number(r, 0, r)
        sheet.write_datetime(r, 1, done.replace(minute=done.minute - 5), when)
        sheet.write_datetime(r, 2, done, when)
        sheet.write_string(r, 3, email)
        sheet.write_string(r, 4, name)
        for c, _ in enumerate(items):
            sheet.write_string(r, 5 + c, labels[value]["en"])
    book.close()
    return path


def test_microsoft_forms_xlsx_is_read_directly(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    people = [
        ("ana@acme.com", "Ana Pérez", datetime(2026, 11, 4, 17, 10, 5), 4),
        ("luis@acme.com", "Luis Gil", datetime(2026, 11, 4, 17, 12, 0), 3),
        ("anonymous", "anonymous", datetime(2026, 11, 5, 9, 30, 0), 5),
    ]
    src = ms_forms_xlsx(tmp_path / "Trust(1-3).xlsx", q, people)
    out = tmp_path / "o"
    r = run("import", str(src), "-o", str(out), "--name-column", "Name", "--timezone", "Europe/Madrid")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines() == [
        f"{src}: rows read: 3; items with a column: 50 of 50.",
        "Columns not imported: 'ID', 'Start time'",
        "Dates: 2026-11-04 to 2026-11-05.",
        "  Times without a time zone are read as Europe/Madrid (--timezone).",
        "People: 3 (told apart by e-mail).",
        f"Imported into {out}: 0 already imported, 3 new, 0 left out.",
    ]
    docs = {d["participant"]["name"]: d for d in results_in(out)}
    assert docs["Ana Pérez"]["created_at"] == "2026-11-04T16:10:05Z"  # Completion time, CET = UTC+1
    assert docs["Ana Pérez"]["language"] == "en" and set(docs["Luis Gil"]["answers"].values()) == {3}
    r = run("import", str(src), "-o", str(out), "--name-column", "Name", "--timezone", "Europe/Madrid")
    assert r.stderr.splitlines()[-1] == f"Imported into {out}: 3 already imported, 0 new, 0 left out."


def test_damaged_workbook_and_other_unusable_files(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "form.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    r = run("import", str(bad), "-o", str(tmp_path / "o"))
    assert r.exit_code == 1 and f"Error: {bad}: is not a readable Excel workbook" in r.stderr
    f = tmp_path / "other.csv"
    f.write_text("Timestamp,Question one,Question two\n2026-01-01,1,2\n", encoding="utf-8")
    r = run("import", str(f), "-o", str(tmp_path / "o"))
    assert r.exit_code == 1 and "no column matches an item of kamtrust-8" in r.stderr
    r = run("import", str(DATA / "google_es.csv"), "-o", str(tmp_path / "o"), *SPANISH, "--strict")
    assert r.exit_code == 1 and "--strict: rows left out: 2; nothing written" in r.stderr
    assert not (tmp_path / "o").exists()
    r = run("import", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o"))
    assert r.exit_code == 1 and "file not found" in r.stderr
    r = run("import", str(f), "-o", str(tmp_path / "o"), "--date-format", "ymd")
    assert r.exit_code == 2 and "--date-format must be day-first, month-first or iso, not 'ymd'" in r.stderr
    r = run("import", str(f), "-o", str(tmp_path / "o"), "--timezone", "Mars/Olympus")
    assert r.exit_code == 2 and "--timezone 'Mars/Olympus': unknown time zone" in r.stderr


def test_english_export_with_item_ids_numbers_and_commas(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    ids = [i.id for i in q.presentation_order]
    lines = ["Timestamp,Email,Cohort," + ",".join(ids)]
    lines.append("11/23/2026 14:05:00,a@x.org,W1," + ",".join("5" for _ in ids))
    lines.append("11/24/2026 09:00:00,b@x.org,W1," + ",".join("2" for _ in ids))
    csv_file = tmp_path / "form.csv"
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("import", str(csv_file), "-o", str(tmp_path / "out"), "--cohort-column", "Cohort")
    assert r.exit_code == 0, r.stderr
    assert "  Month before day: 11/23/2026 14:05:00 (row 2) can only be read that way." in r.stderr
    docs = results_in(tmp_path / "out")
    assert sorted(d["created_at"] for d in docs) == ["2026-11-23T14:05:00Z", "2026-11-24T09:00:00Z"]
    assert {d["participant"]["cohort"] for d in docs} == {"W1"}
    assert all(d["participant"]["name"] is None for d in docs)


def test_windows_1252(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    ids = [i.id for i in q.presentation_order]
    text = "Marca temporal;Nombre;" + ";".join(ids) + "\r\n" + "23/11/2026 10:00;Begoña;" + ";".join("3" for _ in ids)
    f = tmp_path / "excel.csv"
    f.write_bytes(text.encode("cp1252"))
    r = run("import", str(f), "-o", str(tmp_path / "o"), "--name-column", "nombre", "--cohort", "Taller-3")
    assert r.exit_code == 0, r.stderr
    (doc,) = results_in(tmp_path / "o")
    assert doc["participant"]["name"] == "Begoña" and doc["participant"]["cohort"] == "Taller-3"


# -- the pieces ---------------------------------------------------------------------------------


def test_header_matching(q: Questionnaire) -> None:
    text_en = q.items["cred_1"].text["en"]
    assert forms.match_header("cred_1", q) == ("cred_1", None)
    assert forms.match_header(f"  {text_en.upper()} ", q) == ("cred_1", "en")
    assert forms.match_header(f"12. {text_en}", q) == ("cred_1", "en")
    assert forms.match_header(f"cred_1. {text_en}", q) == ("cred_1", None)
    assert forms.match_header(f"Your habits [{q.items['rel_2'].text['es']}]", q) == ("rel_2", "es")
    assert forms.match_header("Email address", q) is None


def test_answer_parsing(q: Questionnaire) -> None:
    labels = forms.label_lookup(q)
    assert forms.parse_answer("Siempre o casi siempre", q, labels) == 5
    assert forms.parse_answer("  often ", q, labels) == 4
    assert forms.parse_answer("4", q, labels) == 4
    assert forms.parse_answer("4.0", q, labels) == 4
    assert forms.parse_answer(4.0, q, labels) == 4  # a workbook's number
    assert forms.parse_answer("2 - Rara vez", q, labels) == 2
    assert forms.parse_answer("", q, labels) is None
    for bad in ("0", "6", "Casi siempre", "2 - Siempre o casi siempre", "4,5"):
        with pytest.raises(ValueError):
            forms.parse_answer(bad, q, labels)


def test_separator_sniffing() -> None:
    assert forms.sniff_separator("a;b, with comma;c\n1;2;3\n") == ";"
    assert forms.sniff_separator('a,"b; x",c\n1,2,3\n') == ","


def test_timestamp_parts() -> None:
    for bad in ("yesterday", "31/31/2026", "2026/11/04 13:00 p. m.", "123"):
        with pytest.raises(ts.StampError):
            ts.split(bad)
    assert ts.split("  ") is None
    stamp = ts.split("4/11/26 5:02 PM")
    assert stamp is not None and stamp.ambiguous and (stamp.year, stamp.hour) == (2026, 17)
    assert not ts.split("04/04/2026").ambiguous  # type: ignore[union-attr]


def test_google_sheets_xlsx_with_serial_numbers_and_spanish_messages(
    run: Run, tmp_path: Path, q: Questionnaire
) -> None:
    import xlsxwriter

    path = tmp_path / "Respuestas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    items = list(q.presentation_order)
    sheet.write_row(0, 0, ["Marca temporal", "Dirección de correo electrónico", *(i.text["es"] for i in items)])
    sheet.write_number(1, 0, 46330.7104)  # a date cell that lost its format: an Excel serial number
    sheet.write_string(1, 1, "ana@x.org")
    sheet.write_string(2, 0, "23/11/2026 9:15:02")
    sheet.write_string(2, 1, "luis@x.org")
    for r in (1, 2):
        for c, _ in enumerate(items):
            sheet.write_number(r, 2 + c, 4)
    book.close()
    out = tmp_path / "o"
    r = run("import", str(path), "-o", str(out), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines() == [
        f"{path}: filas leídas: 2; ítems con columna: 50 de 50.",
        "Fechas: del 04/11/2026 al 23/11/2026.",
        "  Día antes que mes: 23/11/2026 9:15:02 (fila 3) solo se puede leer así.",
        "  Los números de la columna de fecha se leen como fechas de Excel.",
        "  Las horas sin zona horaria se leen como UTC (la zona horaria de este equipo; --timezone para elegir otra).",
        "Personas: 2 (distinguidas por correo electrónico).",
        f"Importado en {out}: ya importadas: 0 · nuevas: 2 · fuera: 0.",
    ]
    assert sorted(d["created_at"] for d in results_in(out)) == ["2026-11-04T17:02:59Z", "2026-11-23T09:15:02Z"]
    assert {d["language"] for d in results_in(out)} == {"es"}
    bad = tmp_path / "roto.xlsx"
    bad.write_bytes(b"PK\x03\x04 roto")
    r = run("import", str(bad), "-o", str(out), "--lang", "es")
    assert r.exit_code == 1 and f"Error: {bad}: no es un libro de Excel legible" in r.stderr


def test_progress_line_in_the_chosen_language(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kamtrust.cli import importer

    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    progress = importer._Progress(5000, "es")
    progress(1)
    progress(5000)
    progress.done()
    assert err.getvalue() == "\rEscribiendo resultados: 1 de 5.000\rEscribiendo resultados: 5.000 de 5.000\r\x1b[K"
