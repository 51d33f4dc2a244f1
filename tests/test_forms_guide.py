"""``questionnaire export --format gforms|msforms``: the form built from the guide imports with no options."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.registry import resolve

Run = Callable[..., Any]


def guide_parts(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The labels block and each part's (title, statements), read as a trainer copies them."""
    lines = text.splitlines()
    blocks: list[tuple[str, list[str]]] = []
    heading, i = "", 0
    while i < len(lines):
        if lines[i].startswith("#"):
            heading = lines[i][4:] if lines[i].startswith("### ") else ""
        if lines[i] == "```":
            end = lines.index("```", i + 1)
            blocks.append((heading, lines[i + 1 : end]))
            i = end
        i += 1
    parts = [(h, b) for h, b in blocks if h]
    first = next(i for i, (h, _) in enumerate(blocks) if h)
    labels = blocks[first - 1][1]
    return labels, parts


def people(n_items: int) -> list[tuple[str, str, list[int]]]:
    return [
        ("Marta Ruiz", "Farmacias Levante", [(i % 5) + 1 for i in range(n_items)]),
        ("John Smith", "Acme Ltd", [4] * n_items),
    ]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_google_forms_export_built_from_the_guide_imports_with_no_options(run: Run, tmp_path: Path, lang: str) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "--format", "gforms", "--lang", lang)
    assert r.exit_code == 0
    labels, parts = guide_parts(r.stdout)
    assert labels == [resolve("kamtrust-8").scale.labels[p][lang] for p in range(1, 6)]
    n = len(resolve("kamtrust-8").items)
    assert sum(len(b) for _, b in parts) == n and all(10 <= len(b) <= 12 for _, b in parts)
    words = {"es": ("Marca temporal", "Nombre", "Cuenta"), "en": ("Timestamp", "Name", "Account")}[lang]
    header = [*words, *(f"{title} [{s}]" for title, rows in parts for s in rows)]
    src = tmp_path / "form.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for k, (name, account, values) in enumerate(people(n)):
            w.writerow([f"2026/11/25 14:3{k}:00 GMT+1", name, account, *(labels[v - 1] for v in values)])
    out = tmp_path / "o"
    r = run("import", str(src), "-o", str(out), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    check_results(out, n)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_microsoft_forms_export_built_from_the_guide_imports_with_no_options(
    run: Run, tmp_path: Path, lang: str
) -> None:
    import xlsxwriter

    r = run("questionnaire", "export", "kamtrust-8", "--format", "msforms", "--lang", lang)
    assert r.exit_code == 0
    labels, parts = guide_parts(r.stdout)
    n = len(resolve("kamtrust-8").items)
    assert "“Question.Statement”" in r.stdout or "«Pregunta.Afirmación»" in r.stdout
    words = {
        "es": ("ID", "Hora de inicio", "Hora de finalización", "Correo electrónico", "Nombre", "Nombre", "Cuenta"),
        "en": ("ID", "Start time", "Completion time", "Email", "Name", "Name", "Account"),
    }[lang]
    src = tmp_path / "form.xlsx"
    book = xlsxwriter.Workbook(str(src))
    sheet = book.add_worksheet("Form1")
    when = book.add_format({"num_format": "m/d/yy h:mm:ss"})
    sheet.write_row(0, 0, [*words, *(f"{title}.{s}" for title, rows in parts for s in rows)])
    for r_, (name, account, values) in enumerate(people(n), start=1):
        sheet.write_number(r_, 0, r_)
        sheet.write_datetime(r_, 1, datetime(2026, 11, 25, 14, 20 + r_), when)
        sheet.write_datetime(r_, 2, datetime(2026, 11, 25, 14, 30 + r_), when)
        # Microsoft's own Email and Name columns of an anonymous form; the guide's questions follow.
        sheet.write_row(r_, 3, ["anonymous", "anonymous", name, account, *(labels[v - 1] for v in values)])
    book.close()
    out = tmp_path / "o"
    r = run("import", str(src), "-o", str(out), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    check_results(out, n)


def check_results(out: Path, n_items: int) -> None:
    names = sorted(p.name for p in out.glob("*.json"))
    assert [n.split("_2026-11-25_")[0] for n in names] == ["john-smith_acme-ltd", "marta-ruiz_farmacias-levante"]
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json"))]
    got = sorted((d["participant"]["name"], d["participant"]["account"], len(d["answers"])) for d in docs)
    assert got == [("John Smith", "Acme Ltd", n_items), ("Marta Ruiz", "Farmacias Levante", n_items)]
    marta = next(d for d in docs if d["participant"]["name"] == "Marta Ruiz")
    q = resolve("kamtrust-8")
    expected = {item.id: (i % 5) + 1 for i, item in enumerate(q.presentation_order)}
    assert {k: v for k, v in marta["answers"].items()} == expected


def test_ms_header_with_dots_in_title_and_statement_matches() -> None:
    from kamtrust.results.forms.columns import match_header

    q = resolve("kamtrust-8")
    item = q.presentation_order[0]
    assert match_header(f"Parte 1. Sección A.{item.text['es']}", q) == (item.id, "es")
    assert match_header("Parte 1.Nada que ver", q) is None
