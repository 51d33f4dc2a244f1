"""`kamtrust group report`: the group on one page (or in Markdown), anonymous and threshold-protected."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, build_result

from .conftest import BUILTIN
from .test_report import factor_cells, keyed_answers

Run = Callable[..., Any]
NAMES = ("Ana Secreta", "Luis Oculto", "Marta Reservada", "Jorge Discreto", "Elena Anónima")
ACCOUNTS = ("Acme", "Acme", "Beta", "Beta", "Beta")


def make_group(
    q: Questionnaire,
    folder: Path,
    values: Sequence[int],
    *,
    accounts: Sequence[str] = ACCOUNTS,
    lang: str = "en",
    cohort: str | None = "Madrid-2026",
) -> Path:
    """One result per value: every factor and pole of person i at keyed value values[i] (1-5)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, v in enumerate(values):
        answers = keyed_answers(q, {s.id: v for s in q.scales})
        result = build_result(
            q,
            answers,
            score(q, answers),
            language=lang,
            participant=Participant(f"person-{i}", NAMES[i % len(NAMES)], accounts[i % len(accounts)], cohort),
            created_at="2026-11-20T10:00:00Z",
        )
        # File names in reverse order of score, so that file order is not score order.
        (folder / f"{len(values) - i:02d}.json").write_text(result.to_json(), encoding="utf-8")
    return folder


@pytest.fixture
def after(q: Questionnaire, tmp_path: Path) -> Path:
    return make_group(q, tmp_path / "after", [2, 3, 4, 5])  # scores 25, 50, 75, 100


@pytest.fixture
def before(q: Questionnaire, tmp_path: Path) -> Path:
    return make_group(q, tmp_path / "before", [2, 2, 2, 4])  # 25, 25, 25, 75


def zone_labels(quadrant: str) -> list[str]:
    return [
        "".join(re.findall(r">([^<]+)</tspan>", t)) for t in re.findall(r'class="kt-zone-label".*?</text>', quadrant)
    ]


def chart(html: str, kind: str) -> str:
    found = re.search(rf'<svg class="kt-chart kt-{kind}".*?</svg>', html, re.S)
    assert found is not None, kind
    return found.group(0)


def test_group_report_html(run: Run, after: Path, tmp_path: Path) -> None:
    out = tmp_path / "group.html"
    r = run("group", "report", str(after), "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[-1] == f"Report written to {out}"
    html = out.read_text(encoding="utf-8")
    for needle in ("<script", "<link", "src=", "href=", "url(", "@import", "http:", "https:", "//"):
        assert needle not in html, needle
    assert "<h1>Madrid-2026</h1>" in html
    assert "4 people · minimum group size 3" in html
    cells = factor_cells(html)
    assert cells["credibility"] == ["Credibility", "4", "62.5", "32.3", "62.5", "25.0–100.0", "1", "1", "2"]
    assert '<div class="kt-big">62.5</div>' in html
    radar = chart(html, "radar")
    assert radar.count('class="kt-axis"') == 8
    assert radar.count('class="kt-point kt-point-mean"') == 8
    assert radar.count('class="kt-spread"') == 1
    strip = chart(html, "strip")
    rows = re.findall(r'<g class="kt-strip-row" data-label="([^"]+)">(.*?)</g>', strip, re.S)
    assert [label for label, _ in rows][:2] == ["Credibility", "Reliability"] and len(rows) == 8
    for _, body in rows:
        xs = [float(x) for x in re.findall(r'kt-point-member" cx="([\d.]+)"', body)]
        assert len(xs) == 4 and xs == sorted(xs)  # one dot per person, in score order, not file order
    quadrant = chart(html, "quadrant")
    # two people in each of two zones: fewer than 3, so the counts are masked and no dot drawn
    # (the dots would count them); one zero is masked too, or 4 - 0 - 0 would give 2 + 2
    assert quadrant.count("kt-point-member") == 0
    assert quadrant.count('class="kt-point kt-point-group"') == 1
    assert "The dots are not drawn: some zones hold fewer than 3 people." in html
    assert zone_labels(quadrant) == [
        "Too farn = 0",
        "Right distancen = &lt; 3",
        "Adriftn = &lt; 3",
        "Too closen = hidden",
    ]
    assert "Too close: hidden so that the small counts beside it cannot be worked out by subtraction" in html
    open_html = run("group", "report", str(after), "--min-group", "2", "--lang", "en").stdout
    quadrant = chart(open_html, "quadrant")
    assert quadrant.count("kt-point-member") == 4
    assert zone_labels(quadrant) == ["Too farn = 0", "Right distancen = 2", "Adriftn = 2", "Too closen = 0"]
    reliability = html[html.index('id="kt-reliability-table"') :]
    assert reliability.count('<td class="kt-num">1.00</td>') == 10  # 8 factors and the 2 distance poles
    # Where to work next: the weakest factors (all equal here: questionnaire order) with levers.
    assert "Where to work next session" in html and "kt-levers" in html


def test_group_report_never_names_people_unless_asked(run: Run, after: Path) -> None:
    for fmt in ("html", "md"):
        text = run("group", "report", str(after), "--format", fmt).stdout
        assert not any(name.split()[1] in text for name in NAMES[:4]), fmt
    named = run("group", "report", str(after), "--with-names").stdout
    assert "Ana Secreta, Jorge Discreto, Luis Oculto, Marta Reservada" in named


def test_group_report_markdown_tables(run: Run, after: Path, tmp_path: Path) -> None:
    out = tmp_path / "group.md"
    assert run("group", "report", str(after), "-o", str(out), "--lang", "es").exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Madrid-2026 · Informe de grupo"
    assert "| Credibilidad | 4 | 62,5 | 32,3 | 62,5 | 25,0–100,0 | 1 | 1 | 2 |" in lines
    assert "| **Índice global de confianza** | 4 | **62,5** | 32,3 | 62,5 | 25,0–100,0 | 1 | 1 | 2 |" in lines
    assert "| Distancia adecuada (Quetzalcóatl) | \\< 3 |" in lines
    assert "| Sin anclaje | \\< 3 |" in lines
    assert "Distancia adecuada (Quetzalcóatl): oculto: menos de 3 personas" in lines
    assert "| Credibilidad | 1,00 | 4 | 5 | — |" in lines


def test_group_report_before_and_after(run: Run, before: Path, after: Path) -> None:
    html = run("group", "report", str(after), "--before", str(before), "--lang", "en").stdout
    changes = html[html.index('id="kt-change-table"') :]
    cells = factor_cells(changes)
    assert cells["credibility"] == ["Credibility", "37.5", "62.5", "+25.0", "4", "+25.0", "+1.22"]
    assert "Before: 4 results; after: 4; 4 people found in both sessions." in html
    # one person of four changed zone: a count under 3, not given
    assert "changed zone." not in html
    zones = html[html.index('id="kt-zone-table"') :]
    # before: 3 adrift and 1 at the right distance; the 1 is masked, and the 3 with it (4 - 3 = 1)
    assert re.search(
        r'data-zone="adrift"><td>Adrift</td><td class="kt-num">hidden</td><td class="kt-num">&lt; 3</td>', zones
    )
    assert "Right distance (Before): hidden: fewer than 3 people" in html
    radar = chart(html, "radar")
    assert radar.count('class="kt-point kt-point-before"') == 8
    assert chart(html, "strip").count('class="kt-before-mean"') == 8
    md = run("group", "report", str(after), "--before", str(before), "-f", "md", "--lang", "en").stdout
    assert "| Credibility | 37.5 | 62.5 | +25.0 | 4 | +25.0 | +1.22 |" in md.splitlines()
    by_name = run("group", "report", str(after), "--before", str(before), "--match", "name", "--lang", "en").stdout
    assert "4 people found in both sessions." in by_name


def test_a_group_under_the_threshold_is_not_reported(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    small = make_group(q, tmp_path / "small", [2, 4])
    out = tmp_path / "g.html"
    r = run("group", "report", str(small), "-o", str(out))
    assert r.exit_code == 1
    assert "Error: the group has only 2 results, fewer than the anonymity threshold of 3" in r.stderr
    assert not out.exists()
    r = run("group", "report", str(make_group(q, tmp_path / "four", [2, 3, 4, 5])), "--min-group", "5")
    assert r.exit_code == 1 and "only 4 results, fewer than the anonymity threshold of 5" in r.stderr


def test_a_small_earlier_session_is_withheld(run: Run, q: Questionnaire, after: Path, tmp_path: Path) -> None:
    small = make_group(q, tmp_path / "small", [2, 4])
    html = run("group", "report", str(after), "--before", str(small), "--lang", "en").stdout
    assert "The comparison with the earlier session is withheld (hidden: fewer than 3 people)." in html
    assert 'id="kt-change-table"' not in html and "kt-point-before" not in html


def test_subgroups_under_the_threshold_are_withheld(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    accounts = ("Acme", "Beta", "Beta", "Beta", "Gamma")
    folder = make_group(q, tmp_path / "g", [2, 3, 4, 5, 3], accounts=accounts)
    html = run("group", "report", str(folder), "--by", "account", "--lang", "en").stdout
    table = html[html.index('id="kt-subgroup-table"') :]
    # Acme and Gamma have one person each; Beta is then withheld too, or it would reveal them.
    assert "Beta (n = 3)" not in table and "(n = " not in table.split("</thead>")[0]
    assert "Acme: hidden: fewer than 3 people" in html
    assert "Beta: hidden so that Acme and Gamma cannot be worked out by subtraction" in html
    r = run("group", "report", str(folder), "--by", "name")
    assert r.exit_code == 2 and "--with-names" in r.stderr


def test_bad_inputs(run: Run, q: Questionnaire, after: Path, tmp_path: Path, data_dir: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("group", "report", str(empty))
    assert (r.exit_code, r.stderr) == (1, f"Error: no result files found in: {empty}\n")
    partial = tmp_path / "partial"
    partial.mkdir()
    doc = json.loads(next(after.glob("*.json")).read_text(encoding="utf-8"))
    doc["status"] = "partial"
    (partial / "p.json").write_text(json.dumps(doc), encoding="utf-8")
    r = run("group", "report", str(partial))
    assert r.exit_code == 1 and "no complete results to summarise" in r.stderr
    r = run("group", "report", str(after), "-o", str(tmp_path))
    assert r.exit_code == 1 and "it is a folder" in r.stderr
    target = next(after.glob("*.json"))
    r = run("group", "report", str(after), "-o", str(target))
    assert r.exit_code == 1 and "it is an input file of this command" in r.stderr
    other_q = data_dir / "questionnaires" / "other.yaml"  # installed for this user
    other_q.parent.mkdir(parents=True)
    other_q.write_text(
        BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: other-q", 1), encoding="utf-8"
    )
    from kamtrust.questionnaire.loader import load_questionnaire

    other = make_group(load_questionnaire(other_q), tmp_path / "other", [2, 3, 4])
    r = run("group", "report", str(after), "--before", str(other))
    assert r.exit_code == 1
    assert r.stderr.endswith(
        "Error: before (other-q 1.0) and after (kamtrust-8 1.0) were made with different questionnaires "
        "and cannot be compared\n"
    )
    r = run("group", "report", str(after), str(other))
    assert r.exit_code == 1
    assert "the results come from different questionnaires" in r.stderr
    assert r.stderr.endswith("select one set of files (a group report covers one questionnaire)\n")


def test_against_a_real_group_summary(run: Run, q: Questionnaire, after: Path, tmp_path: Path) -> None:
    """The summary document the group command writes is what --against reads."""
    summary = tmp_path / "summary.json"
    assert run("group", "summary", str(after), "--format", "json", "-o", str(summary)).exit_code == 0
    person = make_group(q, tmp_path / "me", [4])
    md = run("report", str(next(person.glob("*.json"))), "--against", str(summary), "-f", "md", "-o", "-").stdout
    assert "| Credibility | 75.0 | Strength | 62.5 | +12.5 |" in md.splitlines()
    small = tmp_path / "small.json"
    three = make_group(q, tmp_path / "three", [2, 3, 4])
    args = ("--min-group", "5", "-f", "json", "-o", str(small), "--lang", "en")
    assert run("group", "summary", str(three), *args).exit_code == 0
    r = run("report", str(next(person.glob("*.json"))), "--against", str(small))
    assert r.exit_code == 1 and "the group's results are withheld (hidden: fewer than 5 people)" in r.stderr
