"""Issue 13 §5: ``group summary`` and ``group report`` with ``--ratings``: the group's mean
self-other gap per factor, under the raters' and the group's anonymity rules.

The worked example (kamtrust-8 2.0; a factor answered at level L on every item scores (L-1) × 25):

=====  ======  ======  ===========================================  =====================
KAM    cohort  self    raters (reliability)                         gap at reliability
=====  ======  ======  ===========================================  =====================
A      X       100     3 clients at 50                              +50
B      X       75      4 clients at 50, 50, 25, 75 (mean 50)        +25
C      Y       50      3 clients at 75                              -25
D      Y       100     2 clients + 1 peer at 50 (pooled as others)  +50
E      Y       100     2 clients (withheld: fewer than 3 raters)    — (enters no figure)
=====  ======  ======  ===========================================  =====================

Reliability: mean gap (50 + 25 - 25 + 50) / 4 = 25; SD of the gaps = √(3750 / 3) = 35.36;
margin = max(1.96 × 35.36 / √4, 10.00 / √4) = 34.65 > 25: in line. Every other factor: self and
raters at 50, gap 0. Intimacy: peers rate none of its items, so D's pool has 2 raters there and
D does not count: n = 3.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.document import Participant, build_result
from kamtrust.results.rating import Rating

from .groupdata import keyed
from .test_browser import browse, chromium, png_colours, probe  # noqa: F401 (chromium: a fixture)

Run = Callable[..., Any]


@pytest.fixture(scope="module")
def q2() -> Questionnaire:
    return resolve("kamtrust-8@2.0")


@pytest.fixture(autouse=True)
def _default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)


def _rate(q: Questionnaire, folder: Path, pid: str, account: str, role: str, level: int, n: int) -> None:
    answers = {k: v for k, v in keyed(q, {"reliability": level}).items() if role in q.items[k].observers}
    rating = Rating(pid, account, role, q.id, q.version, "en", answers, "2026-11-25T10:00:00Z", rater_name=f"Rater {n}")
    (folder / f"{pid}-{role}-{n}.json").write_text(rating.to_json(), encoding="utf-8")


PEOPLE = {
    # name: (cohort, account, self level at reliability, [(role, level), ...])
    "A": ("X", "Norte", 5, [("client", 3)] * 3),
    "B": ("X", "Norte", 4, [("client", 3), ("client", 3), ("client", 2), ("client", 4)]),
    "C": ("Y", "Norte", 3, [("client", 4)] * 3),
    "D": ("Y", "Sur", 5, [("client", 3), ("client", 3), ("peer", 3)]),
    "E": ("Y", "Sur", 5, [("client", 3)] * 2),
}


@pytest.fixture
def group(tmp_path: Path, q2: Questionnaire) -> tuple[Path, Path]:
    return make_group(tmp_path, q2)


def make_group(tmp_path: Path, q2: Questionnaire) -> tuple[Path, Path]:
    """The worked example's result and rating files (see the module's docstring)."""
    results, ratings = tmp_path / "results", tmp_path / "ratings"
    results.mkdir()
    ratings.mkdir()
    n = 0
    for name, (cohort, account, level, raters) in PEOPLE.items():
        pid = f"id-{name}"
        answers = keyed(q2, {"reliability": level})
        result = build_result(
            q2, answers, score(q2, answers), language="en", participant=Participant(pid, name, account, cohort)
        )
        (results / f"{name}.json").write_text(result.to_json(), encoding="utf-8")
        for role, lv in raters:
            n += 1
            _rate(q2, ratings, pid, account, role, lv, n)
    return results, ratings


def _json(run: Run, *args: str) -> dict[str, Any]:
    r = run("group", "summary", *args, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _scale(section: list[dict[str, Any]], sid: str) -> dict[str, Any]:
    return next(s for s in section if s["id"] == sid)


def test_worked_example_hand_computed(run: Run, group: tuple[Path, Path]) -> None:
    results, ratings = group
    doc = _json(run, str(results), "--ratings", str(ratings))
    so = doc["self_other"]
    assert (so["people"], so["people_with_ratings"], so["min_raters"], so["min_group"], so["by"]) == (5, 5, 3, 3, None)
    rel = _scale(so["total"], "reliability")
    assert (rel["n"], rel["mean_gap"], rel["reading"], rel["suppressed"]) == (4, 25.0, "agreement", False)
    assert rel["sd"] == pytest.approx(35.355, abs=1e-3) and rel["margin"] == pytest.approx(34.648, abs=1e-3)
    cred = _scale(so["total"], "credibility")
    assert (cred["n"], cred["mean_gap"]) == (4, 0.0)
    # Peers rate no intimacy statement: D's pool has only 2 raters there.
    assert _scale(so["total"], "intimacy")["n"] == 3
    assert so["groups"] == []
    # No person's gap, no rater's name anywhere in the document.
    text = json.dumps(so)
    assert "Rater" not in text and "id-A" not in text and "50.0" not in text


def test_without_ratings_the_document_has_no_section(run: Run, group: tuple[Path, Path]) -> None:
    results, _ = group
    assert "self_other" not in _json(run, str(results))


def test_a_person_with_two_raters_is_withheld(run: Run, group: tuple[Path, Path]) -> None:
    results, ratings = group
    # E alone with A: E's 2 raters are withheld, so only A counts: too few people.
    doc = _json(
        run, str(results / "A.json"), str(results / "E.json"), str(results / "B.json"), "--ratings", str(ratings)
    )
    rel = _scale(doc["self_other"]["total"], "reliability")
    assert (rel["n"], rel["suppressed"], rel["hidden"]) == (None, True, "fewer")
    assert doc["self_other"]["people_with_ratings"] == 3


def test_a_group_too_small_is_hidden_in_every_format(run: Run, group: tuple[Path, Path], tmp_path: Path) -> None:
    results, ratings = group
    two = [str(results / "A.json"), str(results / "B.json"), str(results / "C.json")]
    r = run("group", "summary", *two[:2], "--ratings", str(ratings), "--lang", "es", "--min-group", "3")
    # The group summary itself refuses nothing (its figures say they are hidden): the gaps too.
    assert "Diferencias entre autoevaluación y evaluadores del grupo" in r.stdout
    assert re.search(r"^Fiabilidad +oculto \(< 3\)$", r.stdout, re.M) and "+50" not in r.stdout
    assert "oculto (< 3): menos de 3 personas con suficientes evaluadores." in r.stdout
    md = run("group", "summary", *two, "--ratings", str(ratings), "-f", "md", "--lang", "es")
    assert "| Total | Fiabilidad | 3 | +16,7 |" in md.stdout, md.stdout


def test_by_hides_a_small_subgroup_and_its_complement(run: Run, group: tuple[Path, Path]) -> None:
    results, ratings = group
    doc = _json(run, str(results), "--ratings", str(ratings), "--by", "account")
    so = doc["self_other"]
    groups = {g["key"]: g for g in so["groups"]}
    assert (groups["Norte"]["n"], groups["Sur"]["n"]) == (3, 2)
    # Sur: only D has a gap (E is withheld): hidden; Norte would then give D's gap away as
    # 4 × total - 3 × Norte: hidden too.
    assert _scale(groups["Sur"]["scales"], "reliability")["hidden"] == "fewer"
    assert _scale(groups["Norte"]["scales"], "reliability")["hidden"] == "complementary"
    assert _scale(so["total"], "reliability")["mean_gap"] == 25.0
    # By cohort: X (A, B) and Y (C, D) hold 2 people each: both hidden, no complement needed.
    doc = _json(run, str(results), "--ratings", str(ratings), "--by", "cohort")
    groups = {g["key"]: g for g in doc["self_other"]["groups"]}
    assert [_scale(groups[k]["scales"], "reliability")["hidden"] for k in ("X", "Y")] == ["fewer", "fewer"]


def test_csv_and_xlsx_carry_the_section(run: Run, group: tuple[Path, Path], tmp_path: Path) -> None:
    results, ratings = group
    r = run("group", "summary", str(results), "--ratings", str(ratings), "--by", "account", "-f", "csv", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert "The group's self-other gaps" in r.stdout
    assert "Total,Reliability,4,25.0,34.6,in line" in r.stdout
    assert "Norte,Reliability,,,,hidden: another group's figure would follow from it" in r.stdout
    out = tmp_path / "g.xlsx"
    r = run("group", "summary", str(results), "--ratings", str(ratings), "-o", str(out), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
        last = z.read(f"xl/worksheets/sheet{len(names)}.xml").decode()
    assert names[-2:] == ["Acerca de", "Diferencias autoev.-otros"]
    # Reliability's total row (the 4th data row: credibility, reliability...): n 4, mean gap 25.
    assert re.search(r'<c r="C4"[^>]*><v>4</v></c><c r="D4"[^>]*><v>25</v></c>', last), last[:2000]


def test_ratings_of_nobody_here_are_said(run: Run, group: tuple[Path, Path]) -> None:
    results, ratings = group
    r = run("group", "summary", str(results / "A.json"), "--ratings", str(ratings), "-f", "json", "--lang", "es")
    assert r.exit_code == 0
    assert "12 valoraciones no corresponden a nadie de estos resultados" in r.stderr


def test_min_group_below_three_is_refused_with_ratings(run: Run, group: tuple[Path, Path]) -> None:
    results, ratings = group
    r = run("group", "summary", str(results), "--ratings", str(ratings), "--min-group", "2")
    assert r.exit_code == 2
    assert "--ratings needs --min-group 3 or more (given 2)" in r.stderr
    r = run("group", "summary", str(results), "--ratings", str(results / "nothing-*.json"))
    assert r.exit_code != 0 and "No rating found in" in r.stderr


def test_the_group_report_has_the_section_and_no_person(run: Run, group: tuple[Path, Path], tmp_path: Path) -> None:
    results, ratings = group
    out = tmp_path / "g.html"
    r = run(
        "group", "report", str(results), "--ratings", str(ratings), "--by", "account", "--lang", "es", "-o", str(out)
    )
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    section = page[page.index('id="kt-self-other"') : page.index("</section>", page.index('id="kt-self-other"'))]
    assert "<h2>Diferencias entre autoevaluación y evaluadores del grupo</h2>" in section
    assert section.count('class="kt-bar"') == 10  # one bar per factor and pole: the total's
    assert '<td>Fiabilidad</td><td class="kt-num">4</td><td class="kt-num">+25,0</td>' in section
    assert '<th>Factor</th><th class="kt-num">Norte (n = 3)</th><th class="kt-num">Sur (n = 2)</th>' in section
    assert '<td>Fiabilidad</td><td class="kt-num">oculto (*)</td><td class="kt-num">oculto (&lt; 3)</td>' in section
    for private in ("Rater", "id-A", "+50,0", "-25,0"):
        assert private not in section
    # Without --ratings, no section.
    r = run("group", "report", str(results), "--lang", "es", "-o", str(tmp_path / "plain.html"))
    assert 'id="kt-self-other"' not in (tmp_path / "plain.html").read_text(encoding="utf-8")
    md = run("group", "report", str(results), "--ratings", str(ratings), "--lang", "en", "-f", "md")
    assert "## The group's self-other gaps" in md.stdout and "| Reliability | 4 | +25.0 | 34.6 | in line |" in md.stdout


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_group_report_section_in_a_browser(
    chromium: str,  # noqa: F811 (the fixture imported above)
    run: Run,
    group: tuple[Path, Path],
    tmp_path: Path,
    lang: str,
) -> None:
    results, ratings = group
    out = tmp_path / f"g-{lang}.html"
    r = run(
        "group", "report", str(results), "--ratings", str(ratings), "--by", "account", "--lang", lang, "-o", str(out)
    )
    assert r.exit_code == 0, r.stderr
    seen = probe(chromium, tmp_path, out)
    assert seen["errors"] == [] and seen["blocked"] == [] and seen["resources"] == []
    assert seen["clipped"] == [] and seen["overlaps"] == []
    # The gaps' bars, last (the probe names only the charts it measures axes of: "other").
    gaps = seen["charts"][-1]
    assert gaps["kind"] == "other" and gaps["width"] > 600 and gaps["height"] > 300
    narrow = probe(chromium, tmp_path, out, width=400)
    assert narrow["errors"] == [] and narrow["too_wide"] == []
    shot = tmp_path / "g.png"
    browse(chromium, tmp_path, out, "--window-size=1200,2000", f"--screenshot={shot}")
    assert png_colours(shot) > 30


def test_the_engine_alone_hides_the_complement(q2: Questionnaire) -> None:
    """Pure: three people in Norte with a gap, one in Sur, one in Sur withheld (2 raters)."""
    from kamtrust.engine.selfother import RatingIn, compare
    from kamtrust.engine.selfother_group import summarize_gaps

    def person(self_level: int, raters: int) -> Any:
        answers = keyed(q2, {"reliability": self_level})
        rating = {k: v for k, v in keyed(q2, {"reliability": 3}).items() if "client" in q2.items[k].observers}
        return compare(q2, answers, [RatingIn("client", rating)] * raters)

    people = [("Norte", person(5, 3)), ("Norte", person(4, 3)), ("Norte", person(3, 4)), ("Sur", person(5, 3))]
    people.append(("Sur", person(5, 2)))
    m = summarize_gaps(q2, people, min_raters=3, min_group=3, by="account")
    rel = next(g for g in m.total if g.id == "reliability")
    assert (rel.n, rel.mean) == (4, (50 + 25 + 0 + 50) / 4)
    norte, sur = m.groups
    assert (norte.key, norte.people, sur.key, sur.people) == ("Norte", 3, "Sur", 2)
    assert next(g for g in sur.gaps if g.id == "reliability").hidden == "fewer"
    assert next(g for g in norte.gaps if g.id == "reliability").hidden == "complementary"
    assert (m.people, m.rated) == (5, 5)


def test_the_same_rating_given_twice_counts_once(run: Run, group: tuple[Path, Path]) -> None:
    results, ratings = group
    doc = _json(run, str(results), "--ratings", str(ratings), "--ratings", str(ratings / "*.json"))
    assert _scale(doc["self_other"]["total"], "reliability")["mean_gap"] == 25.0
