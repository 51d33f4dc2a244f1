"""``kamtrust group summary`` end to end: hygiene, anonymity, formats, injection."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.collect import KINDS

from .conftest import BUILTIN
from .groupdata import keyed, write_result

Run = Callable[..., Any]


@pytest.fixture
def folder(tmp_path: Path, q: Questionnaire) -> Path:
    """Ten results in two cohorts and three accounts, plus a partial, a corrupt and a foreign file."""
    d = tmp_path / "results"
    for n in range(10):
        level = 2 + n % 4  # credibility 25, 50, 75, 100, 25, ...
        write_result(
            d / ("sub" if n % 2 else ""),
            q,
            keyed(q, {"credibility": level, "long_term": 2}),
            name=f"Person {n}",
            account=("Acme", "Beta", "Gamma")[n % 3] if n != 9 else "Delta",
            cohort="Madrid-1" if n < 6 else "Bogotá-2",
        )
    write_result(d, q, keyed(q, {}), partial=True, filename="unfinished.partial.json")
    (d / "corrupt.json").write_text('{"schema": ', encoding="utf-8")
    (d / "foreign.json").write_text('{"hello": "world"}', encoding="utf-8")
    (d / "notes.txt").write_text("not read: folders are searched for *.json", encoding="utf-8")
    return d


def digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_summary_table_reads_well_at_80_columns(run: Run, folder: Path) -> None:
    before = digest(folder)
    r = run("group", "summary", str(folder), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert all(line == line.rstrip() for line in lines)
    row = next(line for line in lines if "Credibility" in line)
    # credibility 25, 50, 75, 100, 25, 50, 75, 100, 25, 50: mean 57.5, median 50, bands 3·3·4
    assert re.search(r"Credibility\s+10\s+57\.5\s+\d+\.\d\s+50\.0\s+25\.0\s+100\.0\s+3·3·4$", row), row
    assert "Weakest: Long-term view 25.0" in r.stdout
    assert "What to work on next" in r.stdout
    # hygiene: each file left out is named with its reason, on stderr
    assert "1 unfinished result left out" in r.stderr and "unfinished.partial.json" in r.stderr
    assert re.search(r"corrupt\.json: is not a kamtrust result \(invalid JSON", r.stderr)
    assert "foreign.json: is not a kamtrust result" in r.stderr
    assert "10 results summarised (1 unfinished, 2 other files left out)" in r.stderr
    assert digest(folder) == before, "input files must never change"


def test_strict_turns_left_out_files_into_a_failure(run: Run, folder: Path) -> None:
    r = run("group", "summary", str(folder), "--strict")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "Error: --strict:" in r.stderr and "corrupt.json" in r.stderr


def test_globs_and_files_and_nothing_found(run: Run, folder: Path) -> None:
    r = run("group", "summary", str(folder / "sub" / "*.json"), "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"]["n"] == 5
    r = run("group", "summary", str(folder / "nothing-*.json"))
    assert r.exit_code == 1 and "no result files found in" in r.stderr


def test_json_summary_has_no_names_unless_allowed(run: Run, folder: Path) -> None:
    r = run("group", "summary", str(folder), "--by", "cohort", "-f", "json", "--items")
    doc = json.loads(r.stdout)
    assert doc["schema"] == "kamtrust.group-summary/1"
    assert doc["excluded"] == {"partial": 1, "rejected": 2} | dict.fromkeys(KINDS[2:], 0)
    assert [g["key"] for g in doc["groups"]] == ["Bogotá-2", "Madrid-1"]
    assert doc["groups"][0]["n"] == 4 and doc["groups"][1]["n"] == 6
    assert "Person" not in r.stdout and str(folder) not in r.stdout
    assert doc["total"]["reliability"]["credibility"]["k"] == 5
    r = run("group", "summary", str(folder), "-f", "json", "--with-names")
    assert json.loads(r.stdout)["total"]["participants"][:2] == ["Person 0", "Person 1"]


def test_by_name_needs_with_names(run: Run, folder: Path) -> None:
    r = run("group", "summary", str(folder), "--by", "name")
    assert r.exit_code == 2 and "--with-names" in r.stderr
    r = run("group", "summary", str(folder), "--by", "shoe_size")
    assert r.exit_code == 2 and "--by must be one of" in r.stderr


def test_small_subgroups_are_shown_as_suppressed(run: Run, folder: Path) -> None:
    # accounts: Acme 3, Beta 3, Gamma 3, Delta 1 -> Delta hidden, and Acme with it (complementary)
    r = run("group", "summary", str(folder), "--by", "account", "--lang", "en")
    assert "Delta — hidden: fewer than 3 people" in r.stdout
    assert "Acme — hidden so that Delta cannot be worked out by subtraction" in r.stdout
    r = run("group", "summary", str(folder), "--by", "account", "-f", "json")
    groups = {g["key"]: g for g in json.loads(r.stdout)["groups"]}
    assert [k for k, g in groups.items() if not g["suppressed"]] == ["Beta", "Gamma"]
    assert groups["Beta"]["n"] == 3 and groups["Delta"]["n"] is None and groups["Acme"]["n"] is None
    # band and zone counts only for groups that are shown
    assert groups["Delta"]["zones"] == {} and sum(groups["Beta"]["zones"].values()) == 3
    r = run("group", "summary", str(folder), "--by", "account", "--min-group", "4", "-f", "json")
    doc = json.loads(r.stdout)
    assert all(g["suppressed"] for g in doc["groups"]) and doc["total"]["n"] == 10


def test_mixed_questionnaires_are_refused_or_reported_separately(
    run: Run, folder: Path, q: Questionnaire, tmp_path: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: kamtrust-x"), encoding="utf-8")
    from kamtrust.questionnaire.loader import load_questionnaire

    qx = load_questionnaire(other)
    for _ in range(3):
        write_result(folder / "x", qx, keyed(qx, {}))
    r = run("group", "summary", str(folder))
    assert r.exit_code == 1
    assert "different questionnaires: kamtrust-8 1.0 (10 results), kamtrust-x 1.0 (3 results: " in r.stderr
    assert "--per-questionnaire" in r.stderr
    # a questionnaire that is not installed cannot be scored: the message says what to do
    r = run("group", "summary", str(folder), "--per-questionnaire")
    assert r.exit_code == 1 and "kamtrust-x" in r.stderr and "--questionnaire PATH" in r.stderr


def test_another_version_counts_as_another_questionnaire(run: Run, folder: Path) -> None:
    results = [
        p for p in folder.glob("*.json") if p.name not in ("corrupt.json", "foreign.json", "unfinished.partial.json")
    ]
    for p in results[:2]:
        text = p.read_text(encoding="utf-8")
        (folder / f"v9-{p.name}").write_text(text.replace('"version": "1.0"', '"version": "9.0"', 1), "utf-8")
    r = run("group", "summary", str(folder))
    assert r.exit_code == 1 and "kamtrust-8 9.0" in r.stderr
    r = run("group", "summary", str(folder), "--per-questionnaire", "-f", "json")
    assert r.exit_code == 0
    docs = json.loads(r.stdout)["summaries"]
    assert [d["questionnaire"]["version"] for d in docs] == ["1.0", "1.0"]
    assert "scored with the installed version 1.0" in r.stderr


def test_csv_for_spanish_excel(run: Run, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    r = run("group", "summary", str(folder), "--by", "cohort", "--sep", ";", "--lang", "es", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Total;factor;credibility;Credibilidad;10;57,5;" in text
    assert "Bogotá-2;factor;credibility" in text
    # an existing file is not overwritten without --force
    r = run("group", "summary", str(folder), "-o", str(out))
    assert r.exit_code == 1 and "--force" in r.stderr


def test_csv_and_xlsx_neutralise_formula_injection(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "r"
    for cohort in ('=HYPERLINK("http://evil","x")', "-3", "@SUM(A1)"):
        for _ in range(3):
            write_result(d, q, keyed(q, {"credibility": 2}), cohort=cohort, name="+cmd|' /C calc'!A0")
    csv_out = tmp_path / "s.csv"
    r = run("group", "summary", str(d), "--by", "cohort", "--with-names", "-o", str(csv_out))
    assert r.exit_code == 0, r.stderr
    text = csv_out.read_text(encoding="utf-8-sig")
    assert "\n'-3," in text and "\n'@SUM(A1)," in text and "\"'=HYPERLINK(" in text
    assert "'+cmd" in text
    assert not re.search(r"(^|[,\n])[=+@]", text.replace("\r", "")), "no cell may start with a formula character"
    assert ",0.0," in text or ",25.0," in text  # numbers stay bare numbers

    xlsx_out = tmp_path / "s.xlsx"
    r = run("group", "summary", str(d), "--by", "cohort", "--with-names", "-o", str(xlsx_out))
    assert r.exit_code == 0
    with zipfile.ZipFile(io.BytesIO(xlsx_out.read_bytes())) as z:
        workbook = z.read("xl/workbook.xml").decode()
        styles = z.read("xl/styles.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    # No --lang and a C locale: English, the messages' language (issue 8), sheet names too.
    sheets = ["Scores", "By cohort", "Zones", "Participants", "About"]
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == sheets
    assert "<f>" not in sheet, "no formulas"
    assert 'quotePrefix="1"' in styles
    assert "=HYPERLINK(" in strings and "-3" in strings
    assert re.search(r'<c r="F3" s="\d+"><v>25</v></c>', sheet), "scores are numbers"


def test_markdown_and_table_files(run: Run, folder: Path, tmp_path: Path) -> None:
    md = tmp_path / "s.md"
    assert run("group", "summary", str(folder), "-o", str(md), "--lang", "en").exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Group summary · How you build trust with your key clients")
    assert "**Weakest:** Long-term view (25.0)" in text and "## What to work on next" in text
    assert "| Total | credibility | Credibility | 10 | 57.5 |" in text
    txt = tmp_path / "s.txt"
    assert run("group", "summary", str(folder), "-o", str(txt), "--lang", "en").exit_code == 0
    assert "Credibility" in txt.read_text(encoding="utf-8")
    r = run("group", "summary", str(folder), "-f", "xlsx")
    assert r.exit_code == 2 and "-o FILE.xlsx" in r.stderr


def test_items_view(run: Run, folder: Path) -> None:
    r = run("group", "summary", str(folder), "--items", "--lang", "en")
    assert r.exit_code == 0
    assert "Internal consistency (Cronbach's alpha" in r.stdout
    # The statement stands beside its id, wrapped, before the factor it belongs to.
    line = next(x for x in r.stdout.splitlines() if "cred_5" in x)
    assert re.search(r"cred_5\s+When I'm\s.*Credibility\s+R\s+10\s+", line), line
    assert all(len(line) <= 80 for line in r.stdout.splitlines())


def test_group_names_are_shown_literally(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    for _ in range(3):
        write_result(tmp_path / "r", q, keyed(q, {}), cohort="[b]Sev[/]")
    r = run("group", "summary", str(tmp_path / "r"), "--by", "cohort")
    assert r.exit_code == 0 and "[b]Sev[/]" in r.stdout
