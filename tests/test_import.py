"""``kamtrust import``: online form exports (Spanish Google Forms with labels, English with ids)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import forms

DATA = Path(__file__).parent / "data" / "forms"
Run = Callable[..., Any]


def results_in(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def test_spanish_google_forms_export_with_labels_and_semicolons(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "imported"
    src = DATA / "google_es.csv"
    original = src.read_bytes()
    r = run(
        "import",
        str(src),
        "-q",
        "kamtrust-8",
        "-o",
        str(out),
        "--name-column",
        "Nombre",
        "--account-column",
        "Empresa cliente",
        "--cohort-column",
        "Grupo",
    )
    assert r.exit_code == 0, r.stderr
    assert src.read_bytes() == original
    # row 5 has an unknown label, row 6 an out-of-range number: reported by row and column, left out
    assert "row 5, column 5 'Sigo la prensa especializada y la actua…' (cred_1): 'Casi siempre' is neither" in r.stderr
    assert "row 6, column 7 " in r.stderr and "(int_1): 7 is outside the scale 1..5" in r.stderr
    assert f"Imported 3 of 5 rows into {out}; 2 left out" in r.stderr
    docs = results_in(out)
    assert len(docs) == 3
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
    # the imported files feed the group summary like any others
    r = run("group", "summary", str(out), "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"]["n"] == 3
    # importing again never overwrites
    run("import", str(src), "-o", str(out), "--name-column", "2")
    assert len(list(out.glob("*.json"))) == 6


def test_english_export_with_item_ids_numbers_and_commas(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    ids = [i.id for i in q.presentation_order]
    lines = ["Timestamp,Email,Cohort," + ",".join(ids)]
    lines.append("11/23/2026 14:05:00,a@x.org,W1," + ",".join("5" for _ in ids))
    lines.append("11/24/2026 09:00:00,b@x.org,W1," + ",".join("2" for _ in ids))
    csv_file = tmp_path / "form.csv"
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("import", str(csv_file), "-o", str(tmp_path / "out"), "--cohort-column", "Cohort")
    assert r.exit_code == 0, r.stderr
    assert "columns not imported: 'Email'" in r.stderr
    docs = results_in(tmp_path / "out")
    assert sorted(d["created_at"] for d in docs) == ["2026-11-23T14:05:00Z", "2026-11-24T09:00:00Z"]
    assert {d["participant"]["cohort"] for d in docs} == {"W1"}
    assert all(d["participant"]["name"] is None for d in docs)


def test_windows_1252_and_missing_columns(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    ids = [i.id for i in q.presentation_order][:30]
    text = "Marca temporal;Nombre;" + ";".join(ids) + "\r\n" + "23/11/2026 10:00;Begoña;" + ";".join("3" for _ in ids)
    f = tmp_path / "excel.csv"
    f.write_bytes(text.encode("cp1252"))
    r = run("import", str(f), "-o", str(tmp_path / "o"), "--name-column", "nombre", "--cohort", "Taller-3")
    assert r.exit_code == 0, r.stderr
    assert "20 item(s) have no column and count as unanswered" in r.stderr
    (doc,) = results_in(tmp_path / "o")
    assert doc["participant"]["name"] == "Begoña" and doc["participant"]["cohort"] == "Taller-3"


def test_unusable_files(run: Run, tmp_path: Path) -> None:
    f = tmp_path / "other.csv"
    f.write_text("Timestamp,Question one,Question two\n2026-01-01,1,2\n", encoding="utf-8")
    r = run("import", str(f), "-o", str(tmp_path / "o"))
    assert r.exit_code == 1 and "no column matches an item of kamtrust-8" in r.stderr
    assert not (tmp_path / "o").exists()
    r = run("import", str(DATA / "google_es.csv"), "-o", str(tmp_path / "o"), "--strict")
    assert r.exit_code == 1 and "nothing written" in r.stderr and not list((tmp_path / "o").glob("*.json"))
    r = run("import", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o"))
    assert r.exit_code == 1 and "file not found" in r.stderr


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
    assert forms.parse_answer("2 - Rara vez", q, labels) == 2
    assert forms.parse_answer("", q, labels) is None
    for bad in ("0", "6", "Casi siempre", "2 - Siempre o casi siempre", "4,5"):
        with pytest.raises(ValueError):
            forms.parse_answer(bad, q, labels)


def test_separator_and_dates() -> None:
    assert forms.sniff_separator("a;b, with comma;c\n1;2;3\n") == ";"
    assert forms.sniff_separator('a,"b; x",c\n1,2,3\n') == ","
    assert forms.day_first(["03/04/2026 10:00", "23/04/2026 10:00"], ",") is True
    assert forms.day_first(["04/23/2026 10:00"], ";") is False
    assert forms.day_first(["03/04/2026"], ";") is True
    assert forms.parse_timestamp("23/11/2026 9:15:02") == "2026-11-23T09:15:02Z"
    assert forms.parse_timestamp("11/23/2026 9:15", day_first=False) == "2026-11-23T09:15:00Z"
    assert forms.parse_timestamp("2026-11-23T09:15:02Z") == "2026-11-23T09:15:02Z"
    assert forms.parse_timestamp("yesterday") is None
