"""Rules of the comparison engine that the command line never lets through, pinned at the engine
(issue 9: hand mutations of the extracted steps that no test caught)."""

from __future__ import annotations

import pytest

from kamtrust.engine.anonymity import COMPLEMENTARY, GROUP, INCOMPLETE, UNPAIRED, Hidden, Ref
from kamtrust.engine.compare import compare
from kamtrust.engine.group import Scored
from kamtrust.engine.unpaired import explain
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored


def test_a_minimum_group_under_one_and_an_unknown_match_are_refused(q: Questionnaire) -> None:
    people = [scored(q, keyed(q, {}), id=f"p{i}") for i in range(3)]
    with pytest.raises(ValueError, match="^min_group must be at least 1$"):
        compare(q, people, people, min_group=0)
    with pytest.raises(ValueError, match="^match must be 'id' or 'name'$"):
        compare(q, people, people, match="email")
    assert compare(q, people, people, min_group=1).total.n_paired == 3


def test_a_result_with_nothing_to_pair_by_is_said_so_not_taken_for_a_dropout(q: Questionnaire) -> None:
    a = keyed(q, {})
    before = [scored(q, a, id="1", name=None, account="Acme"), scored(q, a, id="2", name="Luis", account="Beta")]
    after = [scored(q, a, id="3", name="Luis", account="Beta")]
    p = explain(before, after, match="name")
    assert [(u.side, u.reason, u.id) for u in p.people] == [("before", "no_key", "1")]
    assert p.counts["no_key"] == 1 and p.counts["only_before"] == 0


def test_the_total_sessions_go_when_the_hidden_subgroups_hold_one_person_present_once(q: Questionnaire) -> None:
    # East and South are hidden whole; between them one person came only before (S3). Worked out
    # as one block from the totals, East + South would give S3 away: the total's session figures
    # go, the paired change (the headline) stays.
    # (id, cohort before, cohort after or None when absent, level before, level after)
    people = [
        ("E1", "E", "S", 4, 5),  # paired across East and South: inside the block
        ("S1", "S", "S", 2, 2),
        ("N1", "N", None, 3, 0),
        ("S3", "S", None, 2, 0),
        ("N2", "N", "S", 4, 2),
        ("E2", "E", "E", 3, 1),
        ("N3", "N", None, 1, 0),
    ]
    before = [scored(q, keyed(q, {}, b), id=pid, cohort=g) for pid, g, _, b, _ in people]
    after = [scored(q, keyed(q, {}, a), id=pid, cohort=g) for pid, _, g, _, a in people if g is not None]
    c = compare(q, before, after, min_group=3, by="cohort")
    assert [(g.key, g.suppressed) for g in c.groups] == [("E", True), ("N", False), ("S", True)]
    total = c.total.overall
    assert total is not None and total.paired is not None and total.paired.n == 4
    why = Hidden(COMPLEMENTARY, 3, (Ref(GROUP, "E"), Ref(GROUP, "S")))
    assert (total.before, total.after, total.before_hidden, total.after_hidden) == (None, None, why, why)


def test_ids_shared_by_different_people_suggest_pairing_by_name_first(q: Questionnaire) -> None:
    people = [scored(q, keyed(q, {}), id=f"p{i}", name=f"N{i}") for i in range(3)]
    assert explain(people, people, shared={"before": 1, "after": 0}).suggestions == ("--match name",)
    assert explain(people, people, shared={"before": 1, "after": 0}, match="name").suggestions == ()
    assert explain(people, people, shared={"before": 0, "after": 0}).suggestions == ()


def test_a_subgroups_overall_index_goes_when_few_lack_a_factor(q: Questionnaire) -> None:
    # North's N4 skipped every credibility item: North's reliability (4 people) less its overall
    # index (3) would give N4's: North's overall index is hidden, and South's with it (the
    # total's less South's would give North's back).
    def person(pid: str, cohort: str, level: int, skip: bool = False) -> Scored:
        answers = {i: v for i, v in keyed(q, {}, level).items() if not (skip and q.items[i].scale_id == "credibility")}
        return scored(q, answers, id=pid, cohort=cohort)

    before = [person(f"N{i}", "N", 2, skip=i == 4) for i in range(1, 5)] + [person(f"S{i}", "S", 3) for i in range(4)]
    after = [person(f"N{i}", "N", 4, skip=i == 4) for i in range(1, 5)] + [person(f"S{i}", "S", 4) for i in range(4)]
    c = compare(q, before, after, min_group=3, by="cohort")
    north, south = c.groups
    assert north.overall is not None and north.overall.hidden == Hidden(INCOMPLETE, 3)
    assert north.factors["reliability"].hidden is None
    assert south.overall is not None and south.overall.hidden == Hidden(COMPLEMENTARY, 3, (Ref(GROUP, "N"),))
    assert south.factors["reliability"].hidden is None


def test_a_session_hidden_in_one_subgroup_is_not_left_as_the_total_less_the_other(q: Questionnaire) -> None:
    # Acme: 3 paired, 2 came only before (its before figures go: UNPAIRED), 3 only after.
    # Beta: 6 paired, 3 only before, 1 only after (its after figures go). The total's before less
    # Beta's would give Acme's, its after less Acme's Beta's: each goes too (COMPLEMENTARY).
    def people(account: str, paired: int, only_before: int, only_after: int) -> tuple[list[Scored], list[Scored]]:
        ids = [f"{account}{i}" for i in range(paired + only_before + only_after)]
        b = [
            scored(q, keyed(q, {}, 2 + i % 3), id=pid, account=account)
            for i, pid in enumerate(ids[: paired + only_before])
        ]
        a = [
            scored(q, keyed(q, {}, 3 + i % 3), id=pid, account=account)
            for i, pid in enumerate(ids)
            if i < paired or i >= paired + only_before
        ]
        return b, a

    acme, beta = people("Acme", 3, 2, 3), people("Beta", 6, 3, 1)
    c = compare(q, acme[0] + beta[0], acme[1] + beta[1], min_group=3, by="account")
    (a, b), t = (g.change("credibility") for g in c.groups), c.total.change("credibility")
    assert a is not None and b is not None and t is not None
    assert (a.before_hidden, a.after_hidden) == (Hidden(UNPAIRED, 3), Hidden(COMPLEMENTARY, 3, (Ref(GROUP, "Beta"),)))
    assert (b.before_hidden, b.after_hidden) == (Hidden(COMPLEMENTARY, 3, (Ref(GROUP, "Acme"),)), Hidden(UNPAIRED, 3))
    assert a.paired is not None and b.paired is not None
    assert t.before is not None and t.after is not None


def test_people_paired_across_hidden_subgroups_are_not_taken_for_people_present_once(q: Questionnaire) -> None:
    # Four people, all in both sessions; P0 moved from South to North. Each subgroup is hidden
    # (fewer than 3), and seen alone each has one person not paired within it: P0, paired in the
    # total. Nobody came once, so the total's session figures stay.
    rows = [("P0", "S", "N", 1, 2), ("P1", "S", "S", 1, 4), ("P2", "N", "N", 1, 1), ("P3", "S", "S", 3, 3)]
    before = [scored(q, keyed(q, {}, lb), id=pid, cohort=gb) for pid, gb, _, lb, _ in rows]
    after = [scored(q, keyed(q, {}, la), id=pid, cohort=ga) for pid, _, ga, _, la in rows]
    c = compare(q, before, after, min_group=3, by="cohort")
    assert [g.suppressed for g in c.groups] == [True, True]
    t = c.total.overall
    assert t is not None and t.before_hidden is None and t.after_hidden is None
    assert t.before is not None and t.after is not None and t.paired is not None and t.paired.n == 4


def test_refs_named_in_a_reason_come_in_one_order_whatever_the_set_order() -> None:
    # A TOTAL and a CHANGED ref both have no key: without the kind in the sort, their order came
    # from a set (hash(None) is an address on Python 3.11) and a compare output changed between runs.
    from kamtrust.engine.anonymity import CHANGED, GROUP, TOTAL, Ref, _refs

    refs = {"t": Ref(TOTAL, None), "c": Ref(CHANGED, None), "a": Ref(GROUP, "Acme")}
    for keys in (["t", "c", "a"], ["c", "a", "t"], ["a", "t", "c"]):
        assert _refs(keys, refs.__getitem__) == (Ref(GROUP, "Acme"), Ref(CHANGED, None), Ref(TOTAL, None))
