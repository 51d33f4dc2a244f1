"""Attacks on the group commands (issue 8): each test tries one and asserts the exact outcome."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.collect import MISDATED, collect

from .groupdata import keyed
from .test_people import result_file

Run = Callable[..., Any]


# ---------------------------------------------------------------- a forged date


def _victim_and_forgery(folder: Path, q: Questionnaire, forged_when: str) -> tuple[Path, Path]:
    """The victim's real result, and a copy with every answer 1 and ``forged_when``."""
    real = result_file(folder / "victim.json", q, keyed(q, {"credibility": 5}), pid="ana-7", account="Acme")
    doc = json.loads(real.read_text(encoding="utf-8"))
    doc["answers"] = {item: 1 for item in doc["answers"]}
    doc["created_at"] = forged_when
    forged = folder / "zz-forged.json"
    forged.write_text(json.dumps(doc), encoding="utf-8")
    return real, forged


def test_a_result_dated_in_the_future_never_hides_the_real_one(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    real, forged = _victim_and_forgery(tmp_path, q, "2099-01-01T00:00:00Z")
    r = run("group", "summary", str(tmp_path), "-f", "json", "--lang", "en", "--min-group", "1")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["total"]["n"] == 1
    assert doc["total"]["factors"]["credibility"]["mean"] == 100.0  # the real answers, not the forged 1s
    assert doc["excluded"]["misdated"] == 1 and doc["excluded"]["earlier"] == 0
    assert (
        f"left out {forged}: dated in the future (2099-01-01): a result cannot be later than today, so it never "
        "counts nor hides another of the same person; check the date of the computer it was made on, or whether "
        "the file was edited\n"
    ) in r.stderr
    assert "earlier result" not in r.stderr

    r = run("group", "summary", str(tmp_path), "--lang", "es", "--min-group", "1")
    assert r.exit_code == 0, r.stderr
    assert (
        f"se deja fuera {forged}: fechado en el futuro (01/01/2099): un resultado no puede ser posterior a hoy, así "
        "que nunca cuenta ni oculta otro de la misma persona; revisa la fecha del ordenador en que se hizo, o si el "
        "archivo se ha editado\n"
    ) in r.stderr
    assert "un resultado anterior de la misma persona" not in r.stderr


@pytest.mark.parametrize(
    ("when", "key", "shown"),
    [
        ("0001-01-01T00:00:00Z", "left_too_early", "01/01/0001"),
        ("9999-12-31T23:59:59Z", "left_future", "31/12/9999"),
        ("1999-12-31T23:59:59Z", "left_too_early", "31/12/1999"),
    ],
)
def test_years_1_and_9999_are_left_out(tmp_path: Path, q: Questionnaire, when: str, key: str, shown: str) -> None:
    real, forged = _victim_and_forgery(tmp_path, q, when)
    c = collect([tmp_path])
    assert c.files == [str(real)]
    [x] = c.left_out
    assert (x.path, x.kind, x.reason.key) == (str(forged), MISDATED, key)
    assert f"({shown})" in x.text("es")


def test_a_day_of_clock_skew_is_allowed(tmp_path: Path, q: Questionnaire) -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    ahead = result_file(tmp_path / "ahead.json", q, keyed(q, {"credibility": 4}), pid="a", when="2026-11-26T11:59:59Z")
    beyond = result_file(
        tmp_path / "beyond.json", q, keyed(q, {"credibility": 4}), pid="b", when="2026-11-26T12:00:01Z"
    )
    first = result_file(tmp_path / "first.json", q, keyed(q, {"credibility": 4}), pid="c", when="2000-01-01T00:00:00Z")
    c = collect([tmp_path], now=now)
    assert c.files == [str(ahead), str(first)]
    assert [(x.path, x.kind) for x in c.left_out] == [(str(beyond), MISDATED)]
    assert c.left_out[0].text("en").startswith("dated in the future (2026-11-26): ")


def test_the_roster_and_the_report_keep_the_real_result(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    _victim_and_forgery(tmp_path, q, "2099-01-01T00:00:00Z")
    r = run("group", "roster", str(tmp_path), "--with-names", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert "2099" not in r.stdout
    assert "fechado en el futuro (01/01/2099)" in " ".join(r.stderr.split())
    out = tmp_path.parent / "report.md"
    r = run("group", "report", str(tmp_path), "--lang", "es", "--min-group", "1", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "2099" not in text and "9999" not in text
    assert "> No incluidos: 1 resultado fechado en el futuro o antes de 2000." in text
    assert "Sesión: 23/11/2026\n" in text


def test_the_about_block_counts_misdated_results(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    _victim_and_forgery(tmp_path, q, "9999-12-31T23:59:59Z")
    r = run("group", "summary", str(tmp_path), "--lang", "en", "-f", "csv", "--min-group", "1")
    assert r.exit_code == 0, r.stderr
    assert "results left out (answers that do not fit the questionnaire),0\n" in r.stdout
    assert "results left out (dated in the future or before 2000),1\n" in r.stdout
    tidy = tmp_path.parent / "tidy"
    tidy.mkdir()
    result_file(tidy / "a.json", q, keyed(q, {"credibility": 5}))
    r = run("group", "summary", str(tidy), "--lang", "en", "-f", "csv", "--min-group", "1")
    assert "dated in the future" not in r.stdout  # the row is there only when such a result was left out


# ---------------------------------------------------------------- results of another questionnaire version


def _with_version(path: Path, version: str) -> Path:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["questionnaire"]["version"] = version
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _six_people(folder: Path, q: Questionnaire) -> None:
    for n in range(6):
        result_file(folder / f"p{n}.json", q, keyed(q, {"credibility": 2 + n % 4}), pid=f"p{n}")


def test_an_odd_version_names_its_file(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    _six_people(tmp_path, q)
    odd = _with_version(result_file(tmp_path / "odd.json", q, keyed(q, {"credibility": 4}), pid="odd"), "9.9")
    for command in ("summary", "report"):
        r = run("group", command, str(tmp_path), "--lang", "es")
        assert r.exit_code == 1
        assert " ".join(r.stderr.split()) == (
            "Error: los resultados son de cuestionarios distintos: kamtrust-8 1.0 (6 resultados), kamtrust-8 9.9 "
            f"(1 resultado: {odd}). No se pueden mezclar; selecciona un solo conjunto de archivos"
            + (
                ", o añade --per-questionnaire para informar de cada cuestionario por separado"
                if command == "summary"
                else " (un informe de grupo abarca un solo cuestionario)"
            )
        )


def test_many_odd_files_are_named_three_then_counted(tmp_path: Path, q: Questionnaire) -> None:
    from kamtrust.errors import MixedQuestionnaires
    from kamtrust.results.collect import score_collection

    _six_people(tmp_path, q)
    odd = [
        _with_version(result_file(tmp_path / f"x{n}.json", q, keyed(q, {"credibility": 4}), pid=f"x{n}"), "9.9")
        for n in range(5)
    ]
    with pytest.raises(MixedQuestionnaires) as caught:
        score_collection(collect([tmp_path]), lang="en")
    assert caught.value.problem == (
        "the results come from different questionnaires: kamtrust-8 1.0 (6 results), kamtrust-8 9.9 (5 results: "
        f"{odd[0]}, {odd[1]}, {odd[2]} and 2 more). They cannot be mixed"
    )
    assert caught.value.files == tuple(map(str, odd))


def test_a_version_with_a_newline_stays_on_one_line(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    _six_people(tmp_path, q)
    odd = _with_version(
        result_file(tmp_path / "odd.json", q, keyed(q, {"credibility": 4}), pid="odd"), "2.0\nfake: 99 results"
    )
    r = run("group", "summary", str(tmp_path), "--lang", "en")
    assert r.exit_code == 1
    assert "kamtrust-8 2.0\\nfake: 99 results (1 result: " + str(odd) + ")" in r.stderr.replace("\n", " ").replace(
        "  ", " "
    )
    assert "\nfake" not in r.stderr


# ---------------------------------------------------------------- a participant id of spaces


@pytest.mark.parametrize(
    ("pid", "en", "es"),
    [
        ("", "'participant' must hold an 'id'", "'participant' debe tener un 'id'"),
        (
            "   ",
            "'participant' has a blank 'id' (only spaces): it must name the person",
            "'participant' tiene un 'id' en blanco (solo espacios): debe identificar a la persona",
        ),
        (
            "\t\u00a0",
            "'participant' has a blank 'id' (only spaces): it must name the person",
            "'participant' tiene un 'id' en blanco (solo espacios): debe identificar a la persona",
        ),
    ],
)
def test_a_blank_participant_id_is_refused(
    run: Run, tmp_path: Path, q: Questionnaire, pid: str, en: str, es: str
) -> None:
    from kamtrust.inputfile import InputReasonError
    from kamtrust.results.document import parse_result

    _six_people(tmp_path, q)
    blank = result_file(tmp_path / "blank.json", q, keyed(q, {"credibility": 4}), pid="x")
    doc = json.loads(blank.read_text(encoding="utf-8"))
    doc["participant"]["id"] = pid
    blank.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputReasonError) as caught:
        parse_result(doc, str(blank))
    assert caught.value.text("en") == f"{blank}: is a damaged kamtrust result: {en}"
    assert caught.value.text("es") == f"{blank}: es un resultado de kamtrust dañado: {es}"
    r = run("group", "summary", str(tmp_path), "-f", "json", "--lang", "es")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["excluded"]["rejected"] == 1
    assert f"se deja fuera {blank}: es un resultado de kamtrust dañado: {es}\n" in r.stderr


# ---------------------------------------------------------------- the roster on the terminal


def test_the_roster_line_is_said_once_and_a_bel_shows_as_in_the_csv(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    _six_people(tmp_path, q)
    bel = tmp_path / "p0.json"
    doc = json.loads(bel.read_text(encoding="utf-8"))
    doc["participant"].update(name="Ana\x07Ruiz", account="Acme\x07", cohort="c\x1b[31mX")
    bel.write_text(json.dumps(doc), encoding="utf-8")

    r = run("group", "roster", str(tmp_path), "--with-names", "--lang", "en", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.stderr
    assert (r.stdout + r.stderr).count("Roster of 6 people (kamtrust-8 1.0)") == 1
    assert "Ana\\x07Ruiz" in r.stdout and "Acme\\x07" in r.stdout and "c\\x1b[31mX" in r.stdout
    assert "\x07" not in r.stdout and "\x1b" not in r.stdout
    assert max(map(len, r.stdout.splitlines())) <= 80

    csv = run("group", "roster", str(tmp_path), "--with-names", "--lang", "en", "-f", "csv")
    assert csv.exit_code == 0
    assert "Roster of 6 people (kamtrust-8 1.0)" in csv.stderr  # said once there too: the CSV has no such line
    assert "Ana\\x07Ruiz,Acme\\x07,c\\x1b[31mX," in csv.stdout

    out = tmp_path.parent / "roster.txt"
    r = run("group", "roster", str(tmp_path), "--with-names", "--lang", "en", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert "Roster of 6 people (kamtrust-8 1.0)" in r.stderr
    assert out.read_text(encoding="utf-8").count("Roster of 6 people (kamtrust-8 1.0)") == 1


# ---------------------------------------------------------------- a file name that is not UTF-8


def test_a_lone_surrogate_shows_as_the_byte_it_stands_for() -> None:
    import os

    from kamtrust.safetext import md, visible

    name = os.fsdecode(b"\xff\xfe.json")
    assert name == "\udcff\udcfe.json"
    assert visible(name) == visible(name, newlines=True) == "\\xff\\xfe.json"
    assert visible("\udc80") == "\\x80"
    assert visible("a\ud800b\udc7f") == "a\\ud800b\\udc7f"  # not a byte's stand-in: shown as the code point
    assert md(name) == "\\\\xff\\\\xfe.json"


def test_a_file_name_with_bad_utf8_is_named_by_its_bytes(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    import os

    _six_people(tmp_path, q)
    (tmp_path.joinpath(os.fsdecode(b"\xff\xfe.json"))).write_text("not json", encoding="utf-8")
    os.rename(tmp_path / "p1.json", tmp_path / os.fsdecode(b"p1-\xfe.json"))
    r = run("group", "summary", str(tmp_path), "--lang", "en")
    assert r.exit_code == 0
    assert f"left out {tmp_path}/\\xff\\xfe.json: is not a kamtrust result" in r.stderr
    assert "\\udc" not in r.stderr
    r = run("group", "roster", str(tmp_path), "--with-names", "-f", "csv", "--lang", "en")
    assert ",p1-\\xfe.json," in r.stdout and "\\udc" not in r.stdout
