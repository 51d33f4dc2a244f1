"""Group summaries: statistics by hand, reverse keying, reliability, anonymity suppression."""

from __future__ import annotations

import json
from math import sqrt

import pytest

from kamtrust.documents.summary import to_document
from kamtrust.engine.anonymity import COMPLEMENTARY, FEWER, Hidden, Ref
from kamtrust.engine.group import plan_suppression, summarize
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored


def four(q: Questionnaire) -> list:
    """Four people whose every factor and pole scores (level - 1) * 25 for levels 2, 3, 4, 5."""
    return [scored(q, keyed(q, {s.id: level for s in q.scales}), name=f"P{level}") for level in (2, 3, 4, 5)]


def test_factor_statistics_by_hand(q: Questionnaire) -> None:
    total = summarize(q, four(q)).total
    st = total.factors["credibility"]
    # scores 25, 50, 75, 100: mean 62.5; squared deviations 2 * 37.5² + 2 * 12.5² = 3125; / 3
    assert (st.n, st.mean, st.median, st.min, st.max) == (4, 62.5, 62.5, 25.0, 100.0)
    assert st.sd == pytest.approx(sqrt(3125 / 3), abs=1e-9)
    assert dict(st.bands) == {"risk": 1, "developing": 1, "strength": 2}
    assert total.overall is not None and total.overall.mean == 62.5
    # poles at 25 and 50 are below the threshold 60 (adrift), 75 and 100 above it (balanced):
    # two and two, fewer than 3 each, so both are masked, and one zero with them (else 2 + 2 = 4)
    assert dict(total.zones) == {"balanced": None, "too_close": None, "too_far": 0, "adrift": None}
    assert {z: h.code for z, h in total.zones_hidden.items()} == {
        "balanced": FEWER,
        "adrift": FEWER,
        "too_close": COMPLEMENTARY,
    }
    assert dict(summarize(q, four(q), min_group=2).total.zones) == {
        "balanced": 2,
        "too_close": 0,
        "too_far": 0,
        "adrift": 2,
    }
    assert total.n == 4 and not total.suppressed


def test_strongest_and_weakest_follow_the_group_means(q: Questionnaire) -> None:
    group = [
        scored(q, keyed(q, {"integrity": 5, "reliability": 4, "long_term": 1, "value_creation": 2})) for _ in range(3)
    ]
    total = summarize(q, group).total
    assert total.strongest == ("integrity", "reliability")
    assert total.weakest == ("long_term", "value_creation")


def test_reverse_keying_reaches_items_and_reliability(q: Questionnaire) -> None:
    people = four(q)
    total = summarize(q, people, items=True).total
    assert total.items is not None and total.reliability is not None
    # raw answers: cred_5 is reverse-keyed, so its raw mean mirrors cred_1's
    assert total.items["cred_1"].mean == 3.5 and total.items["cred_5"].mean == 2.5
    assert total.items["cred_5"].reverse and not total.items["cred_1"].reverse
    # keyed, the five items agree perfectly: alpha 1, every item-total r 1, nothing flagged
    rel = total.reliability["credibility"]
    assert rel.alpha == pytest.approx(1.0)
    assert all(r == pytest.approx(1.0) for r in rel.item_total.values())
    assert (rel.n, rel.k, rel.low, rel.low_items) == (4, 5, False, ())


def test_reliability_is_listwise_and_flags_low_values(q: Questionnaire) -> None:
    people = four(q)
    # one person skips cred_2: three complete cases for credibility, four elsewhere
    people[0].answers.pop("cred_2")  # type: ignore[attr-defined]
    # a fifth person answers cred_1 against the grain of the others
    odd = keyed(q, {s.id: 3 for s in q.scales})
    odd["cred_1"] = 5
    odd["cred_3"] = 1
    people.append(scored(q, odd))
    rel = summarize(q, people, items=True).total.reliability
    assert rel is not None
    assert rel["credibility"].n == 4 and rel["reliability"].n == 5
    # item-total r of the hand-made rows, via the same formula the stats tests check
    assert rel["credibility"].alpha is not None and rel["credibility"].alpha < 1


def test_a_group_below_the_threshold_is_suppressed(q: Questionnaire) -> None:
    s = summarize(q, four(q)[:2])
    doc = to_document(s, now="2026-01-01T00:00:00Z", version="0")
    t = doc["total"]
    assert t["suppressed"] and t["n"] is None and t["reason_code"] == "fewer"
    assert t["factors"] == {} and t["zones"] == {} and t["overall"] is None
    assert summarize(q, four(q)[:2], min_group=2).total.n == 2


def test_complementary_suppression_with_by(q: Questionnaire) -> None:
    people = []
    for cohort, n in (("A", 3), ("B", 4), ("C", 1)):
        people += [scored(q, keyed(q, {"credibility": 4}), cohort=cohort) for _ in range(n)]
    s = summarize(q, people, by="cohort")
    shown = {g.key: (g.suppressed, g.hidden) for g in s.groups}
    # C has one person; hiding only C would let anyone compute it as total - A - B
    assert shown == {
        "A": (True, Hidden(COMPLEMENTARY, 3, (Ref("group", "C"),))),
        "B": (False, None),
        "C": (True, Hidden(FEWER, 3)),
    }
    assert s.total.n == 8 and not s.total.suppressed
    doc = to_document(s, now="x", version="0")
    hidden = [g for g in doc["groups"] if g["suppressed"]]
    assert all(g["n"] is None and g["factors"] == {} and g["overall"] is None for g in hidden)


def test_plan_suppression_rules() -> None:
    assert plan_suppression({"a": (5,), "b": (5,)}, 3) == {}
    # two small groups that together still hold fewer than 3 results: hide one more
    r = plan_suppression({"a": (1,), "b": (1,), "c": (5,), "d": (6,)}, 3)
    assert {k: h.code for k, h in r.items()} == {"a": FEWER, "b": FEWER, "c": COMPLEMENTARY}
    assert r["c"].protects == (Ref("group", "a"), Ref("group", "b"))
    # two small groups with 4 together: enough
    assert set(plan_suppression({"a": (2,), "b": (2,), "c": (5,)}, 3)) == {"a", "b"}
    # before/after sizes: small after counts too
    assert set(plan_suppression({"a": (5, 1), "b": (5, 5), "c": (6, 6)}, 3)) == {"a", "b"}


def test_results_without_the_by_field_form_their_own_group(q: Questionnaire) -> None:
    people = [scored(q, keyed(q, {}), account="Acme") for _ in range(3)]
    people += [scored(q, keyed(q, {})) for _ in range(3)]
    keys = [g.key for g in summarize(q, people, by="account").groups]
    assert keys == ["Acme", None]


def test_the_document_holds_only_aggregates(q: Questionnaire) -> None:
    people = four(q)
    doc = to_document(summarize(q, people, items=True), now="2026-01-01T00:00:00Z", version="0")
    text = json.dumps(doc, allow_nan=False)
    assert doc["schema"] == "kamtrust.group-summary/1"
    assert doc["questionnaire"] == {"id": "kamtrust-8", "version": q.version}
    assert doc["by"] is None and doc["groups"] == [] and doc["min_group"] == 3
    assert list(doc["total"]["factors"]) == [f.id for f in q.factors]
    assert list(doc["total"]["poles"]) == ["proximity", "perspective"]
    assert doc["total"]["items"]["cred_5"] == {
        "n": 4,
        "mean": 2.5,
        "sd": pytest.approx(1.2909944),
        "reverse": True,
        "scale": "credibility",
        "suppressed": False,
    }
    for p in people:
        assert p.fields["name"] not in text and p.fields["id"] not in text
    named = to_document(summarize(q, people, with_names=True), now="x", version="0")
    assert named["total"]["participants"] == ["P2", "P3", "P4", "P5"]


def test_a_factor_scored_by_too_few_people_is_hidden(q: Questionnaire) -> None:
    people = four(q)
    for p in people[:2]:
        for item in ("cred_1", "cred_2", "cred_3"):
            p.answers.pop(item)  # type: ignore[attr-defined]
    people = [scored(q, p.answers) for p in people]
    st = summarize(q, people).total.factors["credibility"]
    assert st.suppressed and st.mean is None and st.n is None
