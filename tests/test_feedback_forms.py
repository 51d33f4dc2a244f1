"""``kamtrust feedback form`` and ``feedback import``: a rater form built from the guide, answered
in a simulated Google Forms or Microsoft Forms export, comes back as ratings — nothing doubled,
dropped or invented, and no rater named where they did not choose it."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.raters import rater_questionnaire
from kamtrust.questionnaire.registry import resolve

from .test_feedback import make_result
from .test_forms_guide import guide_parts

Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def _default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)


@pytest.fixture
def result(run: Run, tmp_path: Path) -> Path:
    return make_result(run, tmp_path, resolve("kamtrust-8@2.0"), {}, name="Marta", account="Distribuciones Norte")


RATERS = [("Ana", 4), ("", 2), ("", 5)]
"""(name or blank, answer to every statement) of the three rows."""


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_google_forms_export_of_the_rater_form_imports_as_ratings(
    run: Run, tmp_path: Path, result: Path, lang: str
) -> None:
    r = run("feedback", "form", "--role", "client", "--for", str(result), "-f", "gforms", "--lang", lang)
    assert r.exit_code == 0, r.stderr
    labels, parts = guide_parts(r.stdout)
    view = rater_questionnaire(resolve("kamtrust-8@2.0"), "client")
    assert sum(len(b) for _, b in parts) == len(view.items) == 51
    assert parts[0][1][0] == view.presentation_order[0].observer[lang]  # type: ignore[index]
    words = {"es": ("Marca temporal", "Nombre"), "en": ("Timestamp", "Name")}[lang]
    src = tmp_path / "form.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([*words, *(f"{title} [{s}]" for title, rows in parts for s in rows)])
        for k, (name, value) in enumerate(RATERS):
            w.writerow([f"2026/11/25 14:3{k}:00 GMT+1", name, *([labels[value - 1]] * len(view.items))])
    out = tmp_path / "ratings"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    check_ratings(out, result, len(view.items))
    # The same export again: nothing doubled.
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0
    assert f"{out}: 0 ratings written, 3 already there, 0 rows left out." in r.stderr
    assert len(list(out.glob("*.json"))) == 3


def test_a_microsoft_forms_export_of_the_rater_form_imports_as_ratings(run: Run, tmp_path: Path, result: Path) -> None:
    import xlsxwriter

    r = run("feedback", "form", "--role", "client", "--for", str(result), "-f", "msforms", "--lang", "es")
    labels, parts = guide_parts(r.stdout)
    n = sum(len(b) for _, b in parts)
    src = tmp_path / "form.xlsx"
    book = xlsxwriter.Workbook(str(src))
    sheet = book.add_worksheet("Form1")
    when = book.add_format({"num_format": "m/d/yy h:mm:ss"})
    sheet.write_row(
        0,
        0,
        ["ID", "Hora de inicio", "Hora de finalización", "Nombre", *(f"{t}.{s}" for t, rows in parts for s in rows)],
    )
    for i, (name, value) in enumerate(RATERS, start=1):
        sheet.write_number(i, 0, i)
        sheet.write_datetime(i, 1, datetime(2026, 11, 25, 14, 20 + i), when)
        sheet.write_datetime(i, 2, datetime(2026, 11, 25, 14, 30 + i), when)
        sheet.write_row(i, 3, [name, *([labels[value - 1]] * n)])
    book.close()
    out = tmp_path / "ratings"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out), "--dry-run")
    assert r.exit_code == 0 and not out.exists()
    assert "Dry run: 3 ratings would be written" in r.stderr
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    check_ratings(out, result, n)


def check_ratings(out: Path, result: Path, n_items: int) -> None:
    own = json.loads(result.read_text(encoding="utf-8"))
    names = sorted(p.name for p in out.glob("*.json"))
    assert all(name.startswith("rating-client_distribuciones-norte_2026-11-25_") for name in names)
    assert not any("ana" in name for name in names)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json"))]
    assert all(
        d["rated"] == {"participant_id": own["participant"]["id"], "account": "Distribuciones Norte"} for d in docs
    )
    got = sorted(
        (d.get("rater", {}).get("name") or "", sorted(set(d["answers"].values())), len(d["answers"])) for d in docs
    )
    assert got == [("", [2], n_items), ("", [5], n_items), ("Ana", [4], n_items)]
    assert sum("rater" in d for d in docs) == 1  # only the rater who gave a name is named


def test_the_printable_page_and_the_answers_file(run: Run, tmp_path: Path, result: Path) -> None:
    r = run("feedback", "form", "--role", "peer", "--for", str(result), "--lang", "es")
    assert r.exit_code == 0
    page = r.stdout
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "Cómo construye Marta la confianza con Distribuciones Norte: tu visión" in page
    assert page.count('<td class="box">☐</td>') == 36 * 5
    assert "Respondes como: colega que trabaja con quien gestiona la cuenta en esta cuenta" in page
    template = tmp_path / "peer.yaml"
    r = run(
        "feedback", "form", "--role", "peer", "--for", str(result), "-f", "answers", "--lang", "en", "-o", str(template)
    )
    assert r.exit_code == 0 and template.exists()
    text = template.read_text(encoding="utf-8").replace("  cred2_1:\n", "  cred2_1: 4\n")
    template.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    r = run("assess", "--as", "peer", "--for", str(result), "--answers", str(template), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["answers"] == {"cred2_1": 4}


def test_the_manager_is_told_when_shown_alone(run: Run, result: Path) -> None:
    told = run(
        "feedback", "form", "--role", "manager", "--for", str(result), "-f", "gforms", "--show-manager", "--lang", "en"
    )
    assert "As the manager, your answers are shown on their own, under “manager”" in told.stdout
    pooled = run("feedback", "form", "--role", "manager", "--for", str(result), "-f", "gforms", "--lang", "en")
    assert "never on their own" in pooled.stdout and "shown on their own, under" not in pooled.stdout


def test_a_role_that_rates_nothing_is_refused(run: Run, tmp_path: Path) -> None:
    src = tmp_path / "a.json"
    src.write_text(json.dumps({"answers": {i: 3 for i in resolve("kamtrust-8@1.0").items}}), encoding="utf-8")
    old = tmp_path / "old.json"
    assert run("assess", "-q", "kamtrust-8@1.0", "--answers", str(src), "-o", str(old)).exit_code == 0
    r = run("feedback", "form", "--role", "client", "--for", str(old), "--lang", "en")
    assert r.exit_code == 2
    assert "the role 'client' rates no item of kamtrust-8 1.0; roles that can rate: —" in r.stderr


def test_an_export_missing_a_statement_is_refused_and_writes_nothing(run: Run, tmp_path: Path, result: Path) -> None:
    r = run("feedback", "form", "--role", "client", "--for", str(result), "-f", "gforms", "--lang", "en")
    labels, parts = guide_parts(r.stdout)
    statements = [f"{title} [{s}]" for title, rows in parts for s in rows]
    src = tmp_path / "form.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Timestamp", "Name", *statements[1:]])  # the first statement's column was deleted
        w.writerow(["2026/11/25 14:30:00 GMT+1", "", *([labels[3]] * (len(statements) - 1))])
    out = tmp_path / "ratings"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out), "--lang", "en")
    assert r.exit_code == 1
    assert "cred2_1" in r.stderr and not list(out.glob("*.json"))


def test_an_unfinished_assessment_cannot_be_rated(run: Run, tmp_path: Path, result: Path) -> None:
    doc = json.loads(result.read_text(encoding="utf-8"))
    doc["status"] = "partial"
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(doc), encoding="utf-8")
    r = run("feedback", "form", "--role", "client", "--for", str(partial), "--lang", "en")
    assert r.exit_code == 1
    assert f"{partial} is an unfinished assessment; ratings are collected for a finished result." in r.stderr
