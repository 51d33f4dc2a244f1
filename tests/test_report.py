"""`kamtrust report`: the personal report as one self-contained HTML page or Markdown."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .conftest import BUILTIN, write_answers

Run = Callable[..., Any]
DATA = Path(__file__).parent / "data" / "reports"

# Keyed values 1-5 per scale give round scores: 100 * (v - 1) / 4.
NOW = {
    "credibility": 4,  # 75
    "reliability": 3,  # 50
    "intimacy": 5,  # 100
    "client_focus": 2,  # 25
    "long_term": 3,  # 50
    "client_knowledge": 4,  # 75
    "value_creation": 3,  # 50
    "integrity": 5,  # 100
    "proximity": 4,  # 75
    "perspective": 2,  # 25 -> too close
}
EARLIER = {**dict.fromkeys(NOW, 3), "proximity": 2, "perspective": 4}  # all 50; too far
SUMMARY_MEANS = {
    "credibility": 62.5,
    "reliability": 58.0,
    "intimacy": 71.25,
    "client_focus": 55.0,
    "long_term": 49.5,
    "client_knowledge": 66.0,
    "value_creation": 60.0,
    "integrity": 74.0,
}


def keyed_answers(q: Questionnaire, keyed: Mapping[str, int]) -> dict[str, int]:
    """Answers whose keyed value is ``keyed[scale]`` for every item (reverse items answered inversely)."""
    lo, hi = q.scale.min, q.scale.max
    return {
        item.id: (lo + hi - keyed[item.scale_id]) if item.reverse else keyed[item.scale_id] for item in q.items.values()
    }


def make_result(
    run: Run, q: Questionnaire, folder: Path, name: str, keyed: Mapping[str, int] = NOW, *extra: str, lang: str = "en"
) -> Path:
    answers = write_answers(folder / f"{name}-answers.json", keyed_answers(q, keyed))
    out = folder / f"{name}.json"
    r = run("assess", "--answers", str(answers), "--lang", lang, "--out", str(out), *extra)
    assert r.exit_code == 0, r.stderr
    return out


def summary_doc(**changes: Any) -> dict[str, Any]:
    doc = json.loads((DATA / "summary.json").read_text(encoding="utf-8"))
    total = changes.pop("total", {})
    doc.update(changes)
    doc["total"].update(total)
    return doc


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def now(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    return make_result(run, q, tmp_path, "now", NOW, "--name", "Ana García", "--account", "Acme", "--cohort", "Madrid")


@pytest.fixture
def earlier(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    return make_result(run, q, tmp_path, "earlier", EARLIER, "--name", "Ana García")


@pytest.fixture
def summary(tmp_path: Path) -> Path:
    return write_json(tmp_path / "summary.json", summary_doc())


def factor_cells(html: str) -> dict[str, list[str]]:
    """The cells of each factor's row in the HTML table, tags stripped."""
    rows = re.findall(r'<tr data-factor="([a-z_]+)">(.*?)</tr>', html, re.S)
    return {
        fid: [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
        for fid, body in rows
    }


def test_html_report_is_one_self_contained_page(run: Run, now: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = run("report", str(now), "-o", str(out))
    assert r.exit_code == 0
    assert r.stdout == ""
    assert r.stderr.strip() == f"Report written to {out}"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "@page { size: A4" in html
    # Nothing can be fetched: no scripts, links, sources, CSS urls, imports or URLs of any kind.
    for needle in ("<script", "<link", "src=", "href=", "url(", "@import", "http:", "https:", "//"):
        assert needle not in html, needle
    assert html.count('class="kt-chart kt-radar"') == 1
    assert html.count('class="kt-chart kt-quadrant"') == 1


def test_html_report_shows_scores_zone_and_action_plan(run: Run, now: Path, q: Questionnaire) -> None:
    html = run("report", "-o", "-", str(now)).stdout
    assert "<h1>Ana García</h1>" in html
    assert "Account: Acme" in html and "Cohort: Madrid" in html
    cells = factor_cells(html)
    assert list(cells) == [f.id for f in q.factors]
    assert cells["credibility"] == ["Credibility", "75.0", "Strength"]
    assert cells["client_focus"] == ["Client focus", "25.0", "Needs focus"]
    assert cells["reliability"] == ["Reliability", "50.0", "Developing"]
    assert '<div class="kt-big">65.6</div>' in html
    assert "Zone: Too close" in html
    # Development areas first (client focus 25, reliability 50), then strengths (intimacy, integrity).
    plan = html[html.index('id="kt-plan"') :]
    order = [plan.index(f"<span>{n}</span>") for n in ("Client focus", "Reliability", "Intimacy", "Integrity")]
    assert order == sorted(order)
    lever = q.find_scale("client_focus").advice["risk"].levers[0]["en"]
    assert lever.replace("'", "&#39;") in plan


def test_the_radar_has_eight_axes_and_the_person_polygon(run: Run, now: Path) -> None:
    html = run("report", "-o", "-", str(now)).stdout
    radar = re.search(r'<svg class="kt-chart kt-radar".*?</svg>', html, re.S).group(0)
    assert radar.count('class="kt-axis"') == 8
    assert radar.count('class="kt-axis-label"') == 8
    assert radar.count("kt-point-person") == 8
    assert "kt-series-group" not in radar and "kt-series-earlier" not in radar


def test_names_are_escaped(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    evil = '<img src=x onerror=alert(1)> & "Co"'
    result = make_result(run, q, tmp_path, "evil", NOW, "--name", evil, "--account", evil)
    html = run("report", "-o", "-", str(result)).stdout
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &#34;Co&#34;" in html
    md = run("report", "-o", "-", str(result), "--format", "md").stdout
    assert '# \\<img src=x onerror=alert(1)\\> & "Co" · Trust profile' in md


def test_report_in_the_result_language_unless_asked(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    result = make_result(run, q, tmp_path, "es", NOW, lang="es")
    html = run("report", "-o", "-", str(result)).stdout
    assert '<html lang="es">' in html
    assert "Factores de confianza" in html and '<div class="kt-big">65,6</div>' in html
    assert factor_cells(html)["credibility"] == ["Credibilidad", "75,0", "Fortaleza"]
    english = run("report", "-o", "-", str(result), "--lang", "en").stdout
    assert '<html lang="en">' in english and "Trust factors" in english
    bad = run("report", "-o", "-", str(result), "--lang", "fr")
    assert bad.exit_code == 2 and "unknown language 'fr'" in bad.stderr


def test_markdown_report_has_the_numbers_as_tables(run: Run, now: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert run("report", str(now), "-o", str(out)).exit_code == 0  # the suffix picks Markdown
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Ana García · Trust profile\n")
    lines = md.splitlines()
    assert "| Factor | Score | Band |" in lines
    assert "| Credibility | 75.0 | Strength |" in lines
    assert "| Client focus | 25.0 | Needs focus |" in lines
    assert "| **Overall trust index** | **65.6** | Developing |" in lines
    assert "| Closeness (the serpent) | 75.0 |" in lines
    assert "| Balance | -50.0 |" in lines
    assert "**Zone: Too close**" in lines
    assert "#### Client focus — 25.0 (Needs focus)" in lines
    assert sum(1 for line in lines if line.startswith("- [ ] ")) >= 6
    assert "<" not in md.replace("\\<", "")
    assert md == run("report", "-o", "-", str(now), "--format", "md").stdout


def test_against_a_group_summary_shows_the_difference_per_factor(run: Run, now: Path, summary: Path) -> None:
    html = run("report", "-o", "-", str(now), "--against", str(summary)).stdout
    cells = factor_cells(html)
    assert cells["credibility"] == ["Credibility", "75.0", "Strength", "62.5", "+12.5"]
    assert cells["reliability"] == ["Reliability", "50.0", "Developing", "58.0", "-8.0"]
    assert cells["long_term"] == ["Long-term view", "50.0", "Developing", "49.5", "+0.5"]
    assert "Group mean (n = 12)" in html
    assert "kt-series-group" in html and html.count('class="kt-point kt-point-group"') == 8 + 1  # radar + quadrant
    assert "Beside the mean of the 12 people in the group summary of 2026-11-20." in html
    for word in ("rank ", "percentile", "position"):
        assert word not in html.lower().replace("never a rank", "")
    md = run("report", "-o", "-", str(now), "--against", str(summary), "--format", "md").stdout
    assert "| Credibility | 75.0 | Strength | 62.5 | +12.5 |" in md.splitlines()
    assert "| **Overall trust index** | **65.6** | Developing | 62.0 | +3.6 |" in md.splitlines()


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            summary_doc(total={"n": None, "suppressed": True, "reason": "fewer than 3 results"}),
            "the group's results are withheld (fewer than 3 results); standing beside a group needs a summary of at least 3 people",
        ),
        (
            summary_doc(min_group=5, total={"n": 4}),
            "the group has only 4 results, fewer than its anonymity threshold of 5; no comparison is made with so few people",
        ),
        (
            summary_doc(questionnaire={"id": "other-q", "version": "1.0"}),
            "summarises questionnaire 'other-q', but the result was made with 'kamtrust-8'",
        ),
        (summary_doc(schema="kamtrust.group-summary/9"), "is not a kamtrust group summary (its 'schema' is"),
        (
            summary_doc(total={"factors": {"credibility": {"mean": 130.0}}}),
            "the mean of 'credibility' is 130.0, outside 0-100",
        ),
        ([1, 2], "is not a kamtrust group summary (expected a JSON object)"),
    ],
)
def test_against_refuses_what_it_cannot_honestly_show(
    run: Run, now: Path, tmp_path: Path, doc: Any, message: str
) -> None:
    summary = write_json(tmp_path / "s.json", doc)
    out = tmp_path / "r.html"
    r = run("report", str(now), "--against", str(summary), "-o", str(out))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {summary}: ")
    assert message in r.stderr
    assert not out.exists()


def test_against_a_result_file_says_what_is_needed(run: Run, now: Path, earlier: Path) -> None:
    r = run("report", "-o", "-", str(now), "--against", str(earlier))
    assert r.exit_code == 1
    assert "is a person's result, not a group summary" in r.stderr


def test_against_another_questionnaire_version_warns(run: Run, now: Path, tmp_path: Path) -> None:
    summary = write_json(tmp_path / "s.json", summary_doc(questionnaire={"id": "kamtrust-8", "version": "0.9"}))
    r = run("report", "-o", "-", str(now), "--against", str(summary), "--format", "md")
    assert r.exit_code == 0
    assert f"Warning: {summary}: the group answered kamtrust-8 0.9; this profile is scored with 1.0" in r.stderr


def test_compare_adds_the_earlier_profile(run: Run, now: Path, earlier: Path) -> None:
    html = run("report", "-o", "-", str(now), "--compare", str(earlier)).stdout
    cells = factor_cells(html)
    assert cells["credibility"] == ["Credibility", "75.0", "Strength", "50.0", "+25.0"]
    assert cells["client_focus"] == ["Client focus", "25.0", "Needs focus", "50.0", "-25.0"]
    assert "kt-series-earlier" in html and "kt-move" in html
    assert "Earlier: Too far" in html
    both = run(
        "report", "-o", "-", str(now), "--compare", str(earlier), "--against", str(DATA / "summary.json"), "-f", "md"
    ).stdout
    assert "| Credibility | 75.0 | Strength | 62.5 | +12.5 | 50.0 | +25.0 |" in both.splitlines()


def test_compare_with_another_questionnaire_is_refused(run: Run, now: Path, q: Questionnaire, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: other-q", 1), encoding="utf-8")
    answers = write_answers(tmp_path / "o.json", keyed_answers(q, NOW))
    old = tmp_path / "old.json"
    assert run("assess", "-q", str(other), "--answers", str(answers), "--lang", "en", "-o", str(old)).exit_code == 0
    r = run("report", "-o", "-", str(now), "--compare", str(old))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {old}: was made with questionnaire 'other-q', not 'kamtrust-8'\n"


def test_a_partial_result_is_reported_with_a_note(run: Run, data_dir: Path) -> None:
    run("assess", "--lang", "en", input="4\n4\nq\n")
    [partial] = (data_dir / "results").glob("*.partial.json")
    html = run("report", "-o", "-", str(partial)).stdout
    assert "This assessment is unfinished (2 of 50 answered)." in html
    assert factor_cells(html)["credibility"][1:] == ["—", "not scored"]


def test_bad_inputs_and_outputs_give_clear_messages(run: Run, now: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    r = run("report", str(missing), "-o", str(tmp_path / "r.html"))
    assert (r.exit_code, r.stderr) == (1, f"Error: {missing}: file not found\n")
    assert not (tmp_path / "r.html").exists()
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"schema": "kamtrust.result/1", ', encoding="utf-8")
    r = run("report", "-o", "-", str(corrupt))
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: {corrupt}: is not a kamtrust result (invalid JSON")
    r = run("report", str(now), "-o", str(tmp_path))
    assert (r.exit_code, r.stderr) == (1, f"Error: cannot write {tmp_path}: it is a folder; give a file name\n")
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    r = run("report", str(now), "-o", str(blocker / "r.html"))
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: cannot write {blocker / 'r.html'}: ")
    r = run("report", str(now), "-o", str(now))
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: cannot write {now}: it is an input file of this command; writing there would destroy it: "
        "choose another output file\n",
    )
    assert json.loads(now.read_text(encoding="utf-8"))["schema"] == "kamtrust.result/1"
    assert "Traceback" not in r.stderr


def test_a_questionnaire_without_distance_and_with_two_factors(run: Run, tmp_path: Path) -> None:
    import yaml

    doc = yaml.safe_load(BUILTIN.read_text(encoding="utf-8"))
    doc["id"], doc["factors"] = "mini", doc["factors"][:2]
    del doc["distance"]
    mini = tmp_path / "mini.yaml"
    mini.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    answers = write_answers(tmp_path / "a.json", {i["id"]: 4 for f in doc["factors"] for i in f["items"]})
    result = tmp_path / "mini.json"
    assert run("assess", "-q", str(mini), "--answers", str(answers), "--lang", "en", "-o", str(result)).exit_code == 0
    r = run("report", "-o", "-", str(result), "-q", str(mini))
    assert r.exit_code == 0
    assert '<svg class="kt-chart' not in r.stdout  # a radar needs three axes; no distance, no quadrant
    assert factor_cells(r.stdout)["reliability"][0:2] == ["Reliability", "65.0"]


def test_without_o_the_report_is_written_beside_the_result(run: Run, now: Path) -> None:
    r = run("report", str(now), "--lang", "en")
    html = now.with_name(f"{now.name.removesuffix('.json')}.html")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""  # no HTML poured into the terminal
    assert r.stderr == f"Report written to {html}\n"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    r = run("report", str(now), "--format", "md", "--lang", "es")
    md = html.with_suffix(".md")
    assert r.exit_code == 0 and r.stderr == f"Informe escrito en {md}\n"
    assert md.read_text(encoding="utf-8").startswith("# ")


def test_the_report_beside_the_result_is_never_overwritten_without_force(run: Run, now: Path) -> None:
    html = now.with_name(f"{now.name.removesuffix('.json')}.html")
    html.write_text("mine", encoding="utf-8")
    r = run("report", str(now), "--lang", "en")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == (
        f"Error: {html} already exists and is not overwritten: add --force to overwrite it, choose another "
        "file with -o FILE.html, or write to standard output with -o -\n"
    )
    assert html.read_text(encoding="utf-8") == "mine"
    r = run("report", str(now), "--lang", "es")
    assert r.stderr.startswith(f"Error: {html} ya existe y no se sobrescribe: añade --force para sobrescribirlo")
    assert run("report", str(now), "--force").exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")
def test_a_link_or_a_fifo_beside_the_result_is_refused_even_with_force(run: Run, now: Path, tmp_path: Path) -> None:
    html = now.with_name(f"{now.name.removesuffix('.json')}.html")
    target = tmp_path / "elsewhere.html"
    target.write_text("keep", encoding="utf-8")
    html.symlink_to(target)
    r = run("report", str(now), "--force")
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: cannot write {html}: it is a symbolic link")
    assert target.read_text(encoding="utf-8") == "keep"
    html.unlink()
    os.mkfifo(html)
    r = run("report", str(now), "--force")
    assert r.exit_code == 1 and r.stderr.startswith(f"Error: cannot write {html}: it is a named pipe (FIFO)")


def test_o_dash_writes_to_standard_output(run: Run, now: Path) -> None:
    r = run("report", str(now), "-o", "-", "-f", "md")
    assert r.exit_code == 0 and r.stdout.startswith("# ") and r.stderr == ""
    assert list(now.parent.glob("*.md")) == []
