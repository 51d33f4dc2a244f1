"""The trainer's roster (``group roster --with-names``) and the XLSX factor × subgroup sheet."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, write_result

Run = Callable[..., Any]

WARNING_EN = (
    "This roster shows names and personal scores: for the trainer's follow-up only; do not hand it out or share it."
)
WARNING_ES = (
    "Este listado muestra nombres y puntuaciones personales: solo para el seguimiento de quien imparte el taller; "
    "no lo entregues ni lo compartas."
)
REFUSAL_EN = (
    "the roster shows each participant's name and scores: add --with-names if you mean it "
    "(for the trainer's follow-up only, never to hand out)"
)
REFUSAL_ES = (
    "el listado muestra el nombre y las puntuaciones de cada participante: añade --with-names si es lo que "
    "quieres (solo para el seguimiento de quien imparte el taller, nunca para entregarlo)"
)
FACTORS_EN = (
    "Credibility",
    "Reliability",
    "Intimacy",
    "Client focus",
    "Long-term view",
    "Client knowledge",
    "Value creation",
    "Integrity",
)
FACTORS_ES = (
    "Credibilidad",
    "Fiabilidad",
    "Intimidad",
    "Orientación al cliente",
    "Visión a largo plazo",
    "Conocimiento del cliente",
    "Aportación de valor",
    "Integridad",
)
HEADER_EN = (
    "name",
    "account",
    "cohort",
    "date",
    "file",
    "zone",
    "Overall trust index",
    *FACTORS_EN,
    "Closeness (the serpent)",
    "Perspective (the eagle)",
    "note",
)
HEADER_ES = (
    "nombre",
    "cuenta",
    "cohorte",
    "fecha",
    "archivo",
    "zona",
    "Índice global de confianza",
    *FACTORS_ES,
    "Cercanía (la serpiente)",
    "Perspectiva (el águila)",
    "nota",
)
LUIS_NOTE_EN = (
    "Credibility: not scored, 2 of 5 statements answered (4 needed); Overall trust index: not scored, it needs "
    "every factor"
)
LUIS_NOTE_ES = (
    "Credibilidad: sin puntuación, 2 de 5 afirmaciones respondidas (hacen falta 4); Índice global de confianza: "
    "sin puntuación, necesita todos los factores"
)


def _stamp(path: Path, created_at: str) -> Path:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["created_at"] = created_at  # midday UTC: the same calendar day in every time zone of a test run
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def team(q: Questionnaire, tmp_path: Path) -> Path:
    """Four people: Ana (credibility 75), Luis (credibility withheld, reliability 25), bob (too
    close), and María with an earlier result that is left out."""
    d = tmp_path / "results"
    ana = write_result(d, q, keyed(q, {"credibility": 4}), name="Ana García", account="Acme", cohort="Madrid",
                       filename="ana-garcia-acme.json")  # fmt: skip
    luis_answers = keyed(q, {"reliability": 2})
    for item in [i.id for i in q.items.values() if i.scale_id == "credibility"][:3]:
        del luis_answers[item]
    luis = write_result(d, q, luis_answers, name="Luis Pérez", account="Distribuciones Norte", cohort="Bogotá",
                        filename="luis-perez-norte.json")  # fmt: skip
    bob = write_result(d, q, keyed(q, {"proximity": 5, "perspective": 2}), name="bob", account="Beta",
                       cohort="Madrid", filename="bob-beta.json")  # fmt: skip
    old = write_result(d, q, keyed(q, {}, default=2), name="María", account="Acme", cohort="Madrid", pid="maria",
                       filename="maria-1.json")  # fmt: skip
    new = write_result(d, q, keyed(q, {"integrity": 5}), name="María", account="Acme", cohort="Madrid", pid="maria",
                       filename="maria-2.json")  # fmt: skip
    for path, day in ((ana, "2026-11-23"), (luis, "2026-11-24"), (bob, "2026-11-22"), (old, "2026-11-01"),
                      (new, "2026-11-20")):  # fmt: skip
        _stamp(path, f"{day}T12:00:00Z")
    return d


def _rows(data: bytes, sep: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))


# ---------------------------------------------------------------- never without --with-names


@pytest.mark.parametrize(("lang", "message"), [("en", REFUSAL_EN), ("es", REFUSAL_ES)])
def test_refused_without_with_names_before_anything_is_read(
    run: Run, team: Path, tmp_path: Path, lang: str, message: str
) -> None:
    out = tmp_path / "roster.csv"
    r = run("group", "roster", str(team), "-o", str(out), "--lang", lang)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.strip().endswith(message)
    assert "Traceback" not in r.stderr
    assert not out.exists()
    # Not even with a missing folder: the option is checked first.
    r = run("group", "roster", str(tmp_path / "nowhere"), "--lang", lang)
    assert r.exit_code == 2 and message in r.stderr


def test_no_html_roster(run: Run, team: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.html"
    r = run("group", "roster", str(team), "--with-names", "-o", str(out), "--lang", "en")
    assert r.exit_code == 2
    assert "the roster is not made in HTML (HTML reports are for sharing, and a roster must not be shared)" in r.stderr
    assert not out.exists()


def test_other_group_outputs_still_never_name_people(run: Run, team: Path) -> None:
    r = run("group", "summary", str(team), "-f", "csv")
    assert r.exit_code == 0
    assert "Ana García" not in r.stdout and "Luis" not in r.stdout


# ---------------------------------------------------------------- the roster, format by format


def test_csv_in_english(run: Run, team: Path) -> None:
    r = run("group", "roster", str(team), "--with-names", "-f", "csv", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert WARNING_EN in r.stderr
    assert "Roster of 4 people (kamtrust-8 1.0)" in r.stderr
    # María's earlier result is left out and named, as in group summary.
    assert "maria-1.json" in r.stderr
    rows = _rows(r.stdout.encode())
    # The warning first, where a spreadsheet opens; then the table.
    assert rows[:2] == [[WARNING_EN], []]
    rows = rows[2:]
    assert rows[0] == ["Roster: every person's scores (0-100) and distance zone"]
    assert tuple(rows[1]) == HEADER_EN
    fifty = ["50.0"] * 7
    # Sorted by name, case ignored: Ana, bob, Luis, María.
    assert rows[2] == ["Ana García", "Acme", "Madrid", "2026-11-23", "ana-garcia-acme.json", "Adrift", "53.1",
                       "75.0", *fifty, "50.0", "50.0", ""]  # fmt: skip
    assert rows[3] == ["bob", "Beta", "Madrid", "2026-11-22", "bob-beta.json", "Too close", "50.0",
                       *["50.0"] * 8, "100.0", "25.0", ""]  # fmt: skip
    # Luis's credibility is withheld (2 of 5 answered): empty with a note, never 0; so is his index.
    assert rows[4] == ["Luis Pérez", "Distribuciones Norte", "Bogotá", "2026-11-24", "luis-perez-norte.json",
                       "Adrift", "", "", "25.0", *["50.0"] * 6, "50.0", "50.0", LUIS_NOTE_EN]  # fmt: skip
    assert rows[5] == ["María", "Acme", "Madrid", "2026-11-20", "maria-2.json", "Adrift", "56.3", *fifty,
                       "100.0", "50.0", "50.0", ""]  # fmt: skip
    assert rows[6] == []
    assert rows[7] == ["About this export"]
    about = dict(rows[9:])
    assert about["people"] == "4" and about["sorted by"] == "name"
    assert about["warning"] == WARNING_EN


def test_csv_in_spanish_with_decimal_commas_and_day_first_dates(run: Run, team: Path) -> None:
    r = run("group", "roster", str(team), "--with-names", "-f", "csv", "--sep", ";", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert WARNING_ES in r.stderr and "Listado de 4 personas (kamtrust-8 1.0)" in r.stderr
    rows = _rows(r.stdout.encode(), ";")
    assert rows[:2] == [[WARNING_ES], []]
    rows = rows[2:]
    assert rows[0] == ["Listado: las puntuaciones (0-100) y la zona de distancia de cada persona"]
    assert tuple(rows[1]) == HEADER_ES
    assert rows[2][:8] == ["Ana García", "Acme", "Madrid", "23/11/2026", "ana-garcia-acme.json", "Sin anclaje",
                           "53,1", "75,0"]  # fmt: skip
    assert rows[3][5] == "Demasiado cerca"
    assert rows[4][6:9] == ["", "", "25,0"] and rows[4][-1] == LUIS_NOTE_ES
    about = dict(rows[9:])
    assert about["personas"] == "4" and about["aviso"] == WARNING_ES


def test_sort_orders(run: Run, team: Path) -> None:
    def names(*extra: str) -> list[str]:
        r = run("group", "roster", str(team), "--with-names", "-f", "json", *extra)
        assert r.exit_code == 0, r.stderr
        return [p["name"] for p in json.loads(r.stdout)["people"]]

    assert names() == ["Ana García", "bob", "Luis Pérez", "María"]
    # Lowest index first (whom to see first); a withheld index last, never read as 0.
    assert names("--sort", "overall") == ["bob", "Ana García", "María", "Luis Pérez"]
    assert names("--sort", "account") == ["Ana García", "María", "bob", "Luis Pérez"]
    assert names("--sort", "date") == ["María", "bob", "Ana García", "Luis Pérez"]


def test_json_document(run: Run, team: Path) -> None:
    r = run("group", "roster", str(team), "--with-names", "-f", "json", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "kamtrust.roster/1"
    assert doc["questionnaire"] == {"id": "kamtrust-8", "version": "1.0"}
    assert doc["warning"] == WARNING_ES and doc["sort"] == "name" and doc["language"] == "es"
    assert list(doc["scales"])[:2] == ["credibility", "reliability"] and doc["scales"]["credibility"] == "Credibilidad"
    ana, bob, luis, maria = doc["people"]
    assert ana["overall"] == 53.125 and ana["scores"]["credibility"] == 75.0
    assert ana["saved_at"] == "2026-11-23T12:00:00Z" and ana["file"] == "ana-garcia-acme.json"
    assert ana["zone"] == "adrift" and ana["zone_label"] == "Sin anclaje"
    assert bob["zone"] == "too_close" and bob["scores"]["proximity"] == 100.0
    assert luis["overall"] is None and luis["scores"]["credibility"] is None
    assert luis["withheld"] == {"credibility": {"answered": 2, "items": 5, "needed": 4}}
    assert luis["notes"] == LUIS_NOTE_ES.split("; ")
    assert maria["id"] == "maria" and maria["file"] == "maria-2.json" and maria["notes"] == []


def test_selection_flags_apply(run: Run, team: Path) -> None:
    r = run("group", "roster", str(team), "--with-names", "-f", "json", "--account", "acme", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert [p["name"] for p in json.loads(r.stdout)["people"]] == ["Ana García", "María"]
    assert "2 results of other accounts, cohorts, names or dates not selected" in r.stderr
    r = run("group", "roster", str(team), "--with-names", "-f", "json", "--since", "2026-11-23")
    assert [p["name"] for p in json.loads(r.stdout)["people"]] == ["Ana García", "Luis Pérez"]


def test_xlsx_roster_read_back(run: Run, team: Path, tmp_path: Path) -> None:
    for lang, header, sheets in (
        ("en", HEADER_EN, ["Roster", "About"]),
        ("es", HEADER_ES, ["Listado", "Acerca de"]),
    ):
        out = tmp_path / f"roster-{lang}.xlsx"
        r = run("group", "roster", str(team), "--with-names", "-o", str(out), "--lang", lang)
        assert r.exit_code == 0, r.stderr
        wb = CalamineWorkbook.from_path(str(out))
        assert wb.sheet_names == sheets
        rows = wb.get_sheet_by_name(sheets[0]).to_python()
        assert tuple(rows[1]) == header
        assert rows[2][0] == "Ana García" and rows[2][6] == 53.125  # full precision, shown to one decimal
        luis = rows[4]
        assert luis[0] == "Luis Pérez" and luis[6] == "" and luis[7] == "" and luis[8] == 25.0
    with zipfile.ZipFile(out) as z:
        assert "<autoFilter " in z.read("xl/worksheets/sheet1.xml").decode()
        assert 'formatCode="0.0"' in z.read("xl/styles.xml").decode()


def test_markdown_carries_the_warning(run: Run, team: Path) -> None:
    r = run("group", "roster", str(team), "--with-names", "-f", "md", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "# Listado: las puntuaciones (0-100) y la zona de distancia de cada persona"
    assert f"**{WARNING_ES}**" in lines
    ana = next(x for x in lines if x.startswith("| Ana García"))
    assert ana.startswith(
        "| Ana García | Acme | Madrid | 23/11/2026 | ana-garcia-acme.json | Sin anclaje | 53,1 | 75,0 |"
    )
    luis = next(x for x in lines if x.startswith("| Luis Pérez"))
    assert "| Sin anclaje |  |  | 25,0 |" in luis


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_table_fits_the_width_and_never_cuts_a_name(run: Run, q: Questionnaire, team: Path, width: str) -> None:
    write_result(team, q, keyed(q, {}), name="María Fernanda López-Hidalgo", account="Distribuciones Farmacéuticas")
    r = run("group", "roster", str(team), "--with-names", "--lang", "es", env={"COLUMNS": width})
    assert r.exit_code == 0, r.stderr
    assert WARNING_ES in r.stderr and WARNING_ES not in r.stdout  # on stderr, once
    lines = r.stdout.splitlines()
    assert lines[0] == "Listado: las puntuaciones (0-100) y la zona de distancia de cada persona" or int(width) < 70
    assert max(len(x) for x in lines) <= int(width)
    assert "…" not in r.stdout
    for word in ("María", "Fernanda", "López-Hidalgo", "Distribuciones", "Farmacéuticas", "Integridad"):
        assert any(word in x.split() for x in lines), (width, word)
    assert "Luis Pérez — " + LUIS_NOTE_ES[:40] in " ".join(r.stdout.split())


def test_table_to_a_file_carries_the_warning(run: Run, team: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.txt"
    r = run("group", "roster", str(team), "--with-names", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert WARNING_EN in " ".join(text.split())
    assert "Credibility: not scored, 2 of 5 statements answered (4 needed)" in " ".join(text.split())


# ---------------------------------------------------------------- XLSX: factor × subgroup sheet


@pytest.fixture
def accounts(q: Questionnaire, tmp_path: Path) -> Path:
    """Acme 4 people (credibility 25, 50, 25, 50), Norte 3 (credibility 75), Beta 2 (too few)."""
    d = tmp_path / "accounts"
    for n in range(4):
        write_result(d, q, keyed(q, {"credibility": 2 + n % 2}), account="Acme", cohort="Madrid")
    for _ in range(3):
        write_result(d, q, keyed(q, {"credibility": 4}), account="Distribuciones Norte", cohort="Bogotá")
    for _ in range(2):
        write_result(d, q, keyed(q, {}), account="Beta", cohort="Madrid")
    return d


def test_factor_by_subgroup_sheet(run: Run, accounts: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    r = run("group", "summary", str(accounts), "--by", "account", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names[:2] == ["Scores", "By account"]
    rows = wb.get_sheet_by_name("By account").to_python()
    assert rows[0][0] == "Mean per factor and pole (rows) and account (columns), 0-100: ready to chart"
    assert rows[1] == ["factor or pole", "Total", "Acme", "Beta", "Distribuciones Norte", "id", "empty cells"]
    assert [row[0] for row in rows[2:]] == [*FACTORS_EN, "Closeness (the serpent)", "Perspective (the eagle)",
                                            "Overall trust index"]  # fmt: skip
    why = (
        "Beta: hidden: fewer than 3 people; Distribuciones Norte: hidden so that Beta cannot be worked out by "
        "subtraction"
    )
    # Total (9 people): credibility (25+50+25+50+75*3+50*2)/9; Beta (2) hidden, Norte hidden with it.
    assert rows[2] == ["Credibility", pytest.approx(475 / 9), 37.5, "", "", "credibility", why]
    assert rows[-1][:5] == ["Overall trust index", pytest.approx((475 / 9 + 350) / 8), 48.4375, "", ""]
    assert rows[-1][5] == "overall"
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        sheet2 = z.read("xl/worksheets/sheet2.xml").decode()
        comments = "".join(z.read(n).decode() for n in names if "comments" in n)
    assert "<autoFilter " in sheet2
    assert "hidden: fewer than 3 people" in comments
    # The full-precision total is stored as a number, never the masked figures of Beta or Norte.
    assert "52.7777777777777" in sheet2


def test_factor_by_subgroup_sheet_in_spanish(run: Run, accounts: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    r = run("group", "summary", str(accounts), "--by", "cohort", "-o", str(out), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names[:2] == ["Puntuaciones", "Por cohorte"]
    rows = wb.get_sheet_by_name("Por cohorte").to_python()
    assert rows[0][0] == "Media por factor y polo (filas) y cohorte (columnas), 0-100: lista para un gráfico"
    assert rows[1] == ["factor o polo", "Total", "Bogotá", "Madrid", "id", "celdas vacías"]
    # Madrid: 4 Acme + 2 Beta = 6 people, credibility (25+50+25+50+50+50)/6; Bogotá 3 people at 75.
    assert rows[2] == ["Credibilidad", pytest.approx(475 / 9), 75.0, pytest.approx(250 / 6), "credibility", ""]


def test_no_factor_sheet_without_a_split(run: Run, accounts: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    assert run("group", "summary", str(accounts), "-o", str(out), "--lang", "en").exit_code == 0
    assert CalamineWorkbook.from_path(str(out)).sheet_names == ["Scores", "Zones", "About"]


@pytest.mark.parametrize("fmt", ["table", "csv", "csv;", "json", "md", "xlsx", "txt"])
def test_roster_in_spanish_has_no_english(run: Run, team: Path, tmp_path: Path, fmt: str) -> None:
    from .test_group_spanish import check

    args = ("group", "roster", str(team), "--with-names")
    if fmt == "xlsx":
        check(run, tmp_path, *args, out=tmp_path / "r.xlsx", kind="xlsx")
    elif fmt == "txt":
        check(run, tmp_path, *args, out=tmp_path / "r.txt")
    elif fmt == "csv;":
        check(run, tmp_path, *args, "-f", "csv", "--sep", ";")
    elif fmt == "json":
        # Field names and codes are data; the sentences people read are checked.
        from .test_group_spanish import english_in

        r = run(*args, "-f", "json", "--lang", "es")
        doc = json.loads(r.stdout)
        read = [doc["warning"], *doc["scales"].values()]
        read += [text for p in doc["people"] for text in (*p["notes"], p["zone_label"] or "")]
        assert not english_in("\n".join(read) + r.stderr, tmp_path)
    else:
        check(run, tmp_path, *args, "-f", fmt, kind=fmt)


@pytest.mark.parametrize("by", ["account", "cohort"])
def test_factor_sheet_in_spanish_has_no_english(run: Run, accounts: Path, tmp_path: Path, by: str) -> None:
    from .test_group_spanish import check

    check(run, tmp_path, "group", "summary", str(accounts), "--by", by, out=tmp_path / "s.xlsx", kind="xlsx")


def test_roster_refusal_in_spanish_has_no_english(run: Run, team: Path, tmp_path: Path) -> None:
    from .test_group_spanish import english_in

    r = run("group", "roster", str(team), "--lang", "es")
    assert r.exit_code == 2 and not english_in(r.stderr, tmp_path)


def test_names_cannot_act_as_formulas_or_terminal_codes(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "r"
    write_result(d, q, keyed(q, {}), name='=HYPERLINK("http://evil","x")', account="@SUM(A1)", cohort="-3")
    write_result(d, q, keyed(q, {}), name="Eve\x1b[2J", account="Acme")
    r = run("group", "roster", str(d), "--with-names", "-f", "csv", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    rows = _rows(r.stdout.encode())[2:]  # after the warning and its empty row
    assert rows[2][:3] == ['\'=HYPERLINK("http://evil","x")', "'@SUM(A1)", "'-3"]
    assert rows[3][0] == "Eve\\x1b[2J"
    out = tmp_path / "r.xlsx"
    assert run("group", "roster", str(d), "--with-names", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
        assert 'quotePrefix="1"' in z.read("xl/styles.xml").decode()
    r = run("group", "roster", str(d), "--with-names", "--lang", "en")
    assert "\x1b" not in r.stdout and "Eve\\x1b[2J" in r.stdout


def test_one_roster_per_questionnaire(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    from kamtrust.questionnaire.registry import resolve_id

    q2 = resolve_id("kamtrust-8", prefer_version="2.0")
    write_result(tmp_path / "m", q, keyed(q, {}), name="Ana")
    write_result(tmp_path / "m", q2, keyed(q2, {}), name="Luis")
    r = run("group", "roster", str(tmp_path / "m"), "--with-names", "-f", "json", "--lang", "en")
    assert r.exit_code == 1 and "--per-questionnaire" in r.stderr
    r = run("group", "roster", str(tmp_path / "m"), "--with-names", "-f", "json", "--per-questionnaire")
    assert r.exit_code == 0, r.stderr
    rosters = json.loads(r.stdout)["rosters"]
    assert [(d["questionnaire"]["version"], [p["name"] for p in d["people"]]) for d in rosters] == [
        ("1.0", ["Ana"]),
        ("2.0", ["Luis"]),
    ]
    r = run(
        "group", "roster", str(tmp_path / "m"), "--with-names", "--per-questionnaire", "-o", str(tmp_path / "x.csv")
    )
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.glob("x*.csv")) == ["x-kamtrust-8-1.0.csv", "x-kamtrust-8-2.0.csv"]
