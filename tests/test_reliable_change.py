"""Reliable change (Jacobson & Truax) and d_z in words, worked by hand; the counts are anonymous."""

from __future__ import annotations

import html
import json
import zipfile
from collections.abc import Callable
from math import sqrt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtrust.documents.compare import to_document as compare_document
from kamtrust.engine.compare import compare
from kamtrust.engine.rci import ASSUMED, effect_words, reliable_change
from kamtrust.export.rci_words import sentence
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored, write_result

# Credibility answers (every item alike) before and after for six people: scores 25 x (answer - 1).
BEFORE = (2, 3, 4, 3, 2, 4)  # 25, 50, 75, 50, 25, 75
AFTER = (4, 5, 5, 5, 2, 4)  # 75, 100, 100, 100, 25, 75


def sessions(q: Questionnaire, before: tuple[int, ...] = BEFORE, after: tuple[int, ...] = AFTER) -> tuple[list, list]:
    b = [scored(q, keyed(q, {"credibility": x}), id=f"p{n}") for n, x in enumerate(before)]
    a = [scored(q, keyed(q, {"credibility": x}), id=f"p{n}") for n, x in enumerate(after)]
    return b, a


def test_reliable_change_worked_by_hand(q: Questionnaire) -> None:
    b, a = sessions(q)
    ch = compare(q, b, a).total.factors["credibility"]
    r = ch.rci
    assert r is not None
    # Before: mean 50, deviations -25, 0, 25, 0, -25, 25 -> SS 2500, variance 2500 / 5 = 500, SD sqrt(500) = 22.36.
    # 6 complete cases < 10: reliability assumed 0.70. SEM = sqrt(500) x sqrt(0.3) = sqrt(150) = 12.25;
    # S_diff = sqrt(2) x SEM = sqrt(300) = 17.32; threshold 1.96 x 17.32 = 33.95.
    assert (r.reliability, r.source) == (0.70, ASSUMED)
    assert r.sd_before == pytest.approx(sqrt(500))
    assert r.s_diff == pytest.approx(sqrt(300))
    assert r.threshold == pytest.approx(1.96 * sqrt(300))
    # Changes +50, +50, +25, +50, 0, 0: three beyond 33.95 (improved), three within (same), none worse.
    assert r.counts == {"improved": 3, "same": 3, "worse": 0} and r.hidden == {}
    # d_z = mean 175/6 over the SD of the changes sqrt(3625/6): 1.19, large by Cohen's 0.8.
    assert ch.paired is not None and ch.paired.dz == pytest.approx((175 / 6) / sqrt(3020.8333333 / 5))
    assert effect_words(ch.paired.dz) == "large"
    doc = compare_document(compare(q, b, a), now="x", version="0")
    rc = doc["total"]["factors"]["credibility"]["paired"]
    assert rc["effect"] == "large"
    assert rc["reliable_change"] | {"hidden": None} == {
        "reliability": 0.70,
        "reliability_source": "assumed",
        "sd_before": pytest.approx(sqrt(500)),
        "s_diff": pytest.approx(sqrt(300)),
        "threshold": pytest.approx(1.96 * sqrt(300)),
        "n": 6,
        "improved": 3,
        "same": 3,
        "worse": 0,
        "hidden": None,
    }


def test_own_alpha_from_ten_complete_cases() -> None:
    # alpha 0.84 with 10 cases: SEM = 10 x sqrt(0.16) = 4, S_diff = 4 sqrt(2) = 5.657, threshold 11.09.
    r = reliable_change([12.0, -12.0, 11.0, 0.0], 10.0, 0.84, 10, 1)
    assert r is not None and (r.reliability, r.source) == (0.84, "alpha")
    assert r.threshold == pytest.approx(1.96 * 4 * sqrt(2))
    assert r.counts == {"improved": 1, "same": 2, "worse": 1}
    # 9 cases: the group's own alpha is not used
    assert reliable_change([1.0], 10.0, 0.84, 9, 1).source == "assumed"  # type: ignore[union-attr]


def test_effect_benchmarks() -> None:
    assert [effect_words(x) for x in (0.1, -0.2, 0.49, 0.5, -0.8, None)] == [
        "negligible",
        "small",
        "small",
        "medium",
        "large",
        None,
    ]


def test_slide_sentence_exact(q: Questionnaire) -> None:
    b, a = sessions(q)
    ch = compare(q, b, a).total.factors["credibility"]
    assert sentence("Credibilidad", ch, "es") == "Credibilidad: 3 de 6 mejoran de forma fiable; cambio medio +29,2"
    assert sentence("Credibility", ch, "en") == "Credibility: 3 of 6 improve reliably; mean change +29.2"


def test_counts_of_people_are_masked(q: Questionnaire) -> None:
    # Four people: 25, 50, 75, 50 -> 100, 100, 100, 50: changes +75, +50, +25, 0; SD before sqrt(1250/3),
    # threshold 1.96 x sqrt(2 x 1250/3 x 0.3) = 30.99: 2 improved, 2 same, 0 worse. 2 and 2 are masked
    # (< 3); they add up to 4 - worse, so the 0 is masked too or both 2s would be pinned down.
    b, a = sessions(q, (2, 3, 4, 3), (5, 5, 5, 3))
    ch = compare(q, b, a).total.factors["credibility"]
    assert ch.rci is not None and ch.rci.counts == {"improved": None, "same": None, "worse": None}
    assert set(ch.rci.hidden) == {"improved", "same", "worse"}
    assert compare(q, b, a, min_group=1).total.factors["credibility"].rci.counts == {  # type: ignore[union-attr]
        "improved": 2,
        "same": 2,
        "worse": 0,
    }
    s = sentence("Credibility", ch, "en")
    assert s.startswith("Credibility: how many improve reliably — hidden: ") and s.endswith("; mean change +37.5")


def test_no_reliable_change_where_the_paired_change_is_hidden(q: Questionnaire) -> None:
    b, a = sessions(q)
    extra = scored(q, keyed(q, {"credibility": 3}), id="only-before")
    ch = compare(q, [*b, extra], a).total.factors["credibility"]
    assert ch.paired is None and ch.rci is None
    assert sentence("Credibility", ch, "en").startswith("Credibility: hidden (")


def test_group_compare_shows_headline_and_sentences(run: Callable[..., Any], q: Questionnaire, tmp_path: Path) -> None:
    for n, (x, y) in enumerate(zip(BEFORE, AFTER, strict=True)):
        write_result(tmp_path / "s1", q, keyed(q, {"credibility": x}), pid=f"p{n}")
        write_result(tmp_path / "s2", q, keyed(q, {"credibility": y}), pid=f"p{n}")
    r = run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    out = " ".join(r.stdout.split())
    assert "Cambio de las 6 personas presentes en ambas sesiones" in out
    assert "Todos los presentes en cada sesión, sin emparejar" in out
    assert "Credibilidad: 3 de 6 mejoran de forma fiable; cambio medio +29,2" in out
    assert "consistencia interna supuesta 0,70: el grupo es demasiado pequeño para estimar la suya" in out
    doc = json.loads(run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "-f", "json").stdout)
    assert doc["total"]["factors"]["credibility"]["paired"]["reliable_change"]["improved"] == 3


def test_every_format_shows_the_reliable_change(run: Callable[..., Any], q: Questionnaire, tmp_path: Path) -> None:
    for n, (x, y) in enumerate(zip(BEFORE, AFTER, strict=True)):
        write_result(tmp_path / "s1", q, keyed(q, {"credibility": x}), pid=f"p{n}")
        write_result(tmp_path / "s2", q, keyed(q, {"credibility": y}), pid=f"p{n}")
    s1, s2 = str(tmp_path / "s1"), str(tmp_path / "s2")
    es = "Credibilidad: 3 de 6 mejoran de forma fiable; cambio medio +29,2"
    for fmt in ("csv", "md"):
        out = tmp_path / f"c.{fmt}"
        assert run("group", "compare", s1, s2, "-o", str(out), "-l", "es").exit_code == 0
        text = out.read_text(encoding="utf-8-sig")
        assert "Cambio de las 6 personas presentes en ambas sesiones" in text and es in text
        assert "consistencia interna supuesta 0,70: el grupo es demasiado pequeño para estimar la suya" in text
    csv_text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    # kind, id, name, n paired, change, d_z, effect, improved, same, worse, reliability, threshold (1.96 x sqrt(300))
    assert "factor,credibility,Credibilidad,6,29.2,1.19,grande,3,3,0,0.70,33.9," in csv_text
    out = tmp_path / "c.xlsx"
    assert run("group", "compare", s1, s2, "-o", str(out), "-l", "en").exit_code == 0
    with zipfile.ZipFile(out) as z:
        strings = html.unescape(z.read("xl/sharedStrings.xml").decode("utf-8"))
        assert 'name="Reliable change"' in z.read("xl/workbook.xml").decode("utf-8")
    assert "Credibility: 3 of 6 improve reliably; mean change +29.2" in strings
    report = tmp_path / "r.md"
    r = run("group", "report", s2, "--before", s1, "-l", "es", "-o", str(report))
    assert r.exit_code == 0, r.stderr
    text = report.read_text(encoding="utf-8")
    assert "### Cambio de las 6 personas presentes en ambas sesiones" in text
    assert "| Credibilidad | grande | 3 | 3 | 0 |" in text and f"- {es}" in text
    page = tmp_path / "r.html"
    assert run("group", "report", s2, "--before", s1, "-l", "en", "-o", str(page)).exit_code == 0
    assert "Credibility: 3 of 6 improve reliably; mean change +29.2" in page.read_text(encoding="utf-8")


def test_own_alpha_needs_min_group_complete_cases_too() -> None:
    # With --min-group 12, ten complete cases are fewer than the summary would show an alpha for.
    r = reliable_change([1.0] * 12, 10.0, 0.84, 10, 12)
    assert r is not None and (r.reliability, r.source) == (0.70, "assumed")
    r = reliable_change([1.0] * 12, 10.0, -0.2, 12, 3)
    assert r is not None and (r.reliability, r.source) == (0.70, "assumed_low")


@given(
    st.lists(st.integers(min_value=-100, max_value=100), min_size=1, max_size=30),
    st.integers(min_value=1, max_value=6),
)
def test_counts_never_give_a_few_people_away(diffs: list[int], m: int) -> None:
    r = reliable_change([float(d) for d in diffs], 20.0, None, 0, m)
    assert r is not None
    shown = {o: v for o, v in r.counts.items() if v is not None}
    assert all(v == 0 or v >= m for v in shown.values())
    # the pairs are shown: one masked count alone would follow from them by subtraction
    assert len(r.hidden) != 1
