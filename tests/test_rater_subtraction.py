"""Issue 13 (fix13): no withheld rater can be solved for from the figures of two reports.

The attack: the same ratings reported with and without --show-manager (and with a raised
--min-raters). Each shown figure is a mean with its n, i.e. a known sum over a known set of
raters; an attacker can take any linear combination of them. A withheld role is safe when the
indicator of its raters is outside the span of every set shown in every run.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtrust.engine.raters import MANAGER_WITHHELD, OTHERS
from kamtrust.engine.selfother import RatingIn, SelfOther, compare
from kamtrust.questionnaire.model import ROLE_IDS, Questionnaire
from kamtrust.questionnaire.registry import resolve
from tests.test_feedback import answers_for

Q2 = resolve("kamtrust-8@2.0")


def _raters(counts: dict[str, int]) -> list[str]:
    return [role for role in ROLE_IDS for _ in range(counts.get(role, 0))]


def _ratings(q: Questionnaire, roles: list[str]) -> list[RatingIn]:
    return [RatingIn(role, answers_for(q, {}, 1 + i % 5, role)) for i, role in enumerate(roles)]


def _shown_sets(q: Questionnaire, so: SelfOther, roles: list[str]) -> list[frozenset[int]]:
    """Every set of raters whose sum a report gives away (mean × n), checked against its n."""
    by_group = {g.id: g.roles for g in so.plan.groups}
    out = []
    for row in so.scales:
        items = q.find_scale(row.id).items
        union: set[int] = set()
        for gid, cell in row.groups.items():
            if cell.hidden is not None:
                continue
            members = {i for i, r in enumerate(roles) if r in by_group[gid] and any(r in it.observers for it in items)}
            assert len(members) == cell.n
            union |= members
            out.append(frozenset(members))
        if row.others.mean is not None:
            assert len(union) == row.others.n
            out.append(frozenset(union))
    for st_ in so.statements:
        observers = q.items[st_.item_id].observers
        union = set()
        for gid, cell in st_.groups.items():
            if cell.hidden is None:
                members = {i for i, r in enumerate(roles) if r in by_group[gid] and r in observers}
                assert len(members) == cell.n
                union |= members
                out.append(frozenset(members))
        assert len(union) == st_.others.n
        out.append(frozenset(union))
    return out


def _in_span(target: set[int], sets: list[frozenset[int]], size: int) -> bool:
    """Is the indicator of ``target`` a linear combination of the indicators of ``sets``?"""

    def rank(rows: list[list[Fraction]]) -> int:
        rows = [r[:] for r in rows]
        rk = 0
        for col in range(size):
            pivot = next((i for i in range(rk, len(rows)) if rows[i][col] != 0), None)
            if pivot is None:
                continue
            rows[rk], rows[pivot] = rows[pivot], rows[rk]
            for i in range(len(rows)):
                if i != rk and rows[i][col] != 0:
                    f = rows[i][col] / rows[rk][col]
                    rows[i] = [a - f * b for a, b in zip(rows[i], rows[rk], strict=True)]
            rk += 1
        return rk

    def vec(s: set[int] | frozenset[int]) -> list[Fraction]:
        return [Fraction(1 if i in s else 0) for i in range(size)]

    base = [vec(s) for s in set(sets)]
    return rank(base) == rank([*base, vec(target)])


def _runs(counts: dict[str, int]) -> tuple[list[str], list[SelfOther]]:
    roles = _raters(counts)
    ratings = _ratings(Q2, roles)
    self_a = answers_for(Q2, {}, 4)
    runs = [
        compare(Q2, self_a, ratings, min_raters=m, manager_alone=alone, statements=60)
        for m in (3, 4, 5)
        for alone in (False, True)
    ]
    return roles, runs


def _secret_roles(runs: list[SelfOther], roles: list[str]) -> set[str]:
    """Roles never shown on their own in any run (withheld, or only inside a pool)."""
    alone = {g.id for so in runs for g in so.plan.groups}
    return set(roles) - alone


def _assert_safe(roles: list[str], runs: list[SelfOther]) -> None:
    sets = [s for so in runs for s in _shown_sets(Q2, so, roles)]
    for role in _secret_roles(runs, roles):
        members = {i for i, r in enumerate(roles) if r == role}
        assert not _in_span(members, sets, len(roles)), role
    for i, role in enumerate(roles):  # no one rater, except a manager shown alone as allowed
        if role != "manager":
            assert not _in_span({i}, sets, len(roles)), (role, i)


def test_pooled_others_minus_the_manager_alone_no_longer_gives_two_peers_away() -> None:
    """The colleague's case: 4 clients, 1 manager, 2 peers; reported without and with --show-manager."""
    counts = {"client": 4, "manager": 1, "peer": 2}
    roles = _raters(counts)
    ratings = _ratings(Q2, roles)
    self_a = answers_for(Q2, {}, 4)
    hidden = compare(Q2, self_a, ratings)
    shown = compare(Q2, self_a, ratings, manager_alone=True)
    assert [(g.id, g.n) for g in hidden.plan.groups] == [("client", 4)]
    assert [(w.roles, w.n, w.code) for w in hidden.plan.withheld] == [
        (("manager",), 1, MANAGER_WITHHELD),
        (("peer",), 2, "fewer"),
    ]
    assert [(g.id, g.n) for g in shown.plan.groups] == [("client", 4), ("manager", 1)]
    assert [(w.roles, w.n) for w in shown.plan.withheld] == [(("peer",), 2)]
    assert OTHERS not in {g.id for g in hidden.plan.groups + shown.plan.groups}
    sets = _shown_sets(Q2, hidden, roles) + _shown_sets(Q2, shown, roles)
    peers = {i for i, r in enumerate(roles) if r == "peer"}
    assert not _in_span(peers, sets, len(roles))


@pytest.mark.parametrize(
    "counts",
    [
        {"client": 4, "manager": 1, "peer": 2},
        {"client": 3, "peer": 2},  # --min-raters 4 used to pool the 3 clients with the 2 peers
        {"client": 2, "manager": 1, "peer": 1},
        {"client": 1, "manager": 2, "peer": 2},
        {"client": 3, "manager": 1, "peer": 4},
    ],
)
def test_no_withheld_role_is_solved_for_across_switches(counts: dict[str, int]) -> None:
    roles, runs = _runs(counts)
    _assert_safe(roles, runs)


@given(st.fixed_dictionaries({r: st.integers(0, 5) for r in ROLE_IDS}))
def test_property_no_withheld_rater_is_solved_for(counts: dict[str, int]) -> None:
    roles, runs = _runs(counts)
    # Every shown figure but the allowed manager's describes at least 3 raters.
    for so in runs:
        for g in so.plan.groups:
            assert g.n >= 3 or g.id == "manager"
    _assert_safe(roles, runs)
