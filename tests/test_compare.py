"""Before/after: pairing by participant id or name, paired and unpaired effect sizes, zone moves."""

from __future__ import annotations

import json
from collections.abc import Callable
from math import sqrt
from pathlib import Path
from typing import Any

import pytest

from kamtrust.documents.compare import to_document as compare_document
from kamtrust.engine.compare import compare, pair
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored, write_result


def sessions(q: Questionnaire) -> tuple[list, list]:
    """Three people: credibility 25, 50, 75 before and 50, 50, 100 after; poles move too."""
    before, after = [], []
    for n, (b, a) in enumerate(((2, 3), (3, 3), (4, 5))):
        pid = f"id-{n}"
        before.append(scored(q, keyed(q, {"credibility": b, "proximity": 2, "perspective": 2}), id=pid, name=f"N{n}"))
        after.append(
            scored(q, keyed(q, {"credibility": a, "proximity": 2 + n, "perspective": 4}), id=pid, name=f"n{n}")
        )
    return before, after


def test_paired_and_unpaired_effect_sizes_by_hand(q: Questionnaire) -> None:
    before, after = sessions(q)
    c = compare(q, before, after).total
    ch = c.factors["credibility"]
    assert ch.before is not None and ch.after is not None and ch.paired is not None
    assert ch.before.mean == 50.0 and ch.after.mean == pytest.approx(200 / 3)
    assert ch.change == pytest.approx(50 / 3)
    # unpaired: variances 625 and 2500/3, pooled (2*625 + 2*2500/3) / 4 = 4375/6
    assert ch.d == pytest.approx((50 / 3) / sqrt(4375 / 6))
    # paired: differences 25, 0, 25 -> mean 50/3, sd sqrt(625/3)
    assert (ch.paired.n, ch.paired.mean_change) == (3, pytest.approx(50 / 3))
    assert ch.paired.sd == pytest.approx(sqrt(625 / 3))
    assert ch.paired.dz == pytest.approx((50 / 3) / sqrt(625 / 3))
    assert (c.n_before, c.n_after, c.n_paired, c.unmatched_before, c.ambiguous) == (3, 3, 3, 0, 0)


def test_zone_moves_of_paired_people(q: Questionnaire) -> None:
    before, after = sessions(q)
    c = compare(q, before, after, min_group=1).total
    # all adrift before; after perspective 75 with proximity 25, 50, 75: too_far, too_far, balanced
    assert dict(c.zones_before) == {"balanced": 0, "too_close": 0, "too_far": 0, "adrift": 3}
    assert dict(c.zones_after) == {"balanced": 1, "too_close": 0, "too_far": 2, "adrift": 0}
    assert c.moves is not None and dict(c.moves["adrift"]) == {"balanced": 1, "too_close": 0, "too_far": 2, "adrift": 0}
    assert c.moved == 3
    # with the default minimum of 3, the counts of 1 and 2 are masked (1 + 2 = 3 can be 2 + 1 too)
    c = compare(q, before, after).total
    assert dict(c.zones_after) == {"balanced": None, "too_close": 0, "too_far": None, "adrift": 0}
    assert c.moves is not None and dict(c.moves["adrift"]) == {
        "balanced": None,
        "too_close": 0,
        "too_far": None,
        "adrift": 0,
    }
    assert c.moved == 3


def test_pairing_by_name_and_ambiguous_people(q: Questionnaire) -> None:
    before, after = sessions(q)
    # ids differ after (another computer), names match case-insensitively
    after = [scored(q, dict(s.answers), name=s.fields["name"].upper()) for s in after]
    assert compare(q, before, after).total.n_paired == 0
    c = compare(q, before, after, match="name").total
    assert c.n_paired == 3 and c.factors["credibility"].paired is not None
    # two results under one name in a set cannot be paired safely
    dup = [*before, scored(q, dict(before[0].answers), name="n0")]
    pairs, ambiguous = pair(dup, after, "name")
    assert (len(pairs), ambiguous) == (2, 1)


def test_one_person_assessing_two_accounts_pairs_per_account(q: Questionnaire) -> None:
    b = [scored(q, keyed(q, {}), id="p", account="Acme"), scored(q, keyed(q, {}), id="p", account="Beta")]
    a = [scored(q, keyed(q, {}), id="p", account="Beta")]
    pairs, ambiguous = pair(b, a)
    assert len(pairs) == 1 and ambiguous == 0 and pairs[0][0].fields["account"] == "Beta"


def test_too_few_pairs_keeps_the_unpaired_comparison(q: Questionnaire) -> None:
    before, after = sessions(q)
    after = [scored(q, dict(s.answers), id=f"new-{i}") for i, s in enumerate(after)]
    after[0] = scored(q, dict(after[0].answers), id="id-0")
    c = compare(q, before, after).total
    ch = c.factors["credibility"]
    assert c.n_paired == 1 and ch.paired is None and ch.change is not None and c.moves is None


def test_anonymity_in_comparisons(q: Questionnaire) -> None:
    before, after = sessions(q)
    doc = compare_document(compare(q, before[:2], after), now="x", version="0")
    assert doc["total"]["suppressed"] and doc["total"]["n_before"] is None and doc["total"]["factors"] == {}
    text = json.dumps(doc)
    assert "N0" not in text and "id-0" not in text


def test_compare_command(run: Callable[..., Any], q: Questionnaire, tmp_path: Path) -> None:
    for n, (b, a) in enumerate(((2, 3), (3, 3), (4, 5), (3, 4))):
        write_result(tmp_path / "s1", q, keyed(q, {"credibility": b}), pid=f"p{n}", cohort="M")
        if n < 3:
            write_result(tmp_path / "s2", q, keyed(q, {"credibility": a}), pid=f"p{n}", cohort="M")
    (tmp_path / "s2" / "broken.json").write_text("{", encoding="utf-8")
    r = run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert "after: left out" in r.stderr and "broken.json" in r.stderr
    assert "4 before, 3 after, 3 paired" in r.stderr
    headline, line = [x for x in r.stdout.splitlines() if x.startswith("Credibility ") and "   " in x][:2]
    # before 25, 50, 75, 50 (mean 50); after 50, 50, 100 (66.7); pairs +25, 0, +25 (mean +16.7)
    assert headline.split()[1:4] == ["3", "+16.7", "+1.15"]
    # p3, present only before, would be 4 x 50 - (3 x 66.7 - 3 x 16.7): the before session's
    # figures are hidden (and the unpaired change and d with them), never the paired change
    assert line.split()[1:8] == ["hidden", "66.7", "hidden", "hidden", "3", "+16.7", "+1.15"]
    assert "— before: hidden so that the people present only once cannot be worked out by subtraction" in " ".join(
        r.stdout.split()
    )
    assert all(len(x) <= 80 for x in r.stdout.splitlines())
    r = run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "-f", "json", "--by", "cohort")
    doc = json.loads(r.stdout)
    assert doc["schema"] == "kamtrust.group-compare/1" and doc["match"] == "id"
    assert doc["excluded"]["after"].items() >= {"partial": 0, "rejected": 1}.items()
    assert doc["groups"][0]["key"] == "M" and doc["groups"][0]["n_paired"] == 3
    out = tmp_path / "c.csv"
    assert (
        run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "-o", str(out), "-l", "en").exit_code == 0
    )
    text = out.read_text(encoding="utf-8-sig")
    before_hidden = "Before: hidden so that the people present only once cannot be worked out by subtraction"
    assert f"Total,factor,credibility,Credibility,,,3,66.7,,,3,16.7,14.4,1.15,{before_hidden}" in text
