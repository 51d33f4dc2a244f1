"""Exporters: formula-injection neutraliser, CSV cells, questionnaire codebook and paper form."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamtrust.export.csvfile import format_cell, to_csv
from kamtrust.export.safe import neutralise
from kamtrust.export.views import View
from kamtrust.questionnaire.model import Questionnaire


def test_neutralise_only_dangerous_texts() -> None:
    for text in ("=1+1", "+33 600", "-3", "@SUM(A1)"):
        assert neutralise(text) == "'" + text
    # a leading tab or carriage return is shown as its escape: it can no longer start a formula
    assert neutralise("\tx") == "\\tx" and neutralise("\rx") == "\\rx" and neutralise("\x1b[2J") == "\\x1b[2J"
    for value in ("Acme", "", "a=b", 12, -12.5, None):
        assert neutralise(value) == value


def test_csv_cells_keep_numbers_numeric() -> None:
    assert format_cell(-12.5) == "-12.5"
    assert format_cell(-12.5, ",") == "-12,5"
    assert format_cell(3) == "3" and format_cell(None) == ""
    assert format_cell("-12.5") == "'-12.5"  # a text that looks like a formula stays text
    data = to_csv([View("V", "Title", ("a", "b"), [("=x", -1.5)])], sep=";")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["Title", "a;b", "'=x;-1,5"]


def test_codebook_csv(run: Callable[..., Any], q: Questionnaire) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == len(q.items)
    first, fifth = rows[0], next(row for row in rows if row["item_id"] == "cred_5")
    assert (first["position"], first["item_id"], first["kind"], first["scale_id"]) == (
        "1",
        "cred_1",
        "factor",
        "credibility",
    )
    assert first["text_es"] == q.items["cred_1"].text["es"] and first["text_en"] == q.items["cred_1"].text["en"]
    assert fifth["reverse"] == "1" and first["reverse"] == "0"
    assert rows[8]["kind"] == "pole" and rows[8]["scale_name_en"] == "Closeness (the serpent)"
    assert [row["item_id"] for row in rows] == [i.id for i in q.presentation_order]


def test_paper_form_round_trips_through_import(run: Callable[..., Any], q: Questionnaire, tmp_path: Path) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "-f", "md", "--lang", "en")
    assert r.exit_code == 0
    assert "| 1 | cred_1 | " + q.items["cred_1"].text["en"] in r.stdout
    # a form built from the exported English texts reads back through import
    texts = [i.text["en"] for i in q.presentation_order]
    labels = [q.scale.labels[3]["en"]] * len(texts)
    out = io.StringIO()
    csv.writer(out).writerows([["Timestamp", *texts], ["2026-11-23 10:00:00", *labels]] * 1)
    (tmp_path / "f.csv").write_text(out.getvalue(), encoding="utf-8")
    r = run("import", str(tmp_path / "f.csv"), "-o", str(tmp_path / "o"))
    assert r.exit_code == 0 and "0 already imported, 1 new, 0 left out." in r.stderr
