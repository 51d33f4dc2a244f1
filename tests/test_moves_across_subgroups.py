"""The zone moves of a subgroup hidden whole, and of the people paired across two subgroups, solved
for through the total (issue 9: mutations of the moves plan that the other tests let through).

The reader of `group compare --by` knows, cell by cell, that the subgroups and the people paired
across two of them add up to the total. A subgroup hidden whole (fewer than ``min_group`` people)
must not come back as the total less the subgroups shown, nor may a cell of the people paired
across subgroups.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kamtrust.engine.compare import compare, pair
from kamtrust.engine.group import Scored

from .groupdata import scored
from .test_moves_solving import CELLS, WHERE, Q, nothing_pinned, solve, table_lines

ZONES = st.sampled_from(list(WHERE))


def person(pid: str, zone: str, cohort: str) -> Scored:
    """One person in ``zone``, in ``cohort`` (the ``by`` field: it may change between sessions)."""
    prox, persp = WHERE[zone]
    answers = {}
    for scale in Q.scales:
        level = prox if scale.id == "proximity" else persp if scale.id == "perspective" else 3
        for item in scale.items:
            answers[item.id] = 6 - level if item.reverse else level
    return scored(Q, answers, id=pid, account="Acme", cohort=cohort)


def check(before: list[Scored], after: list[Scored], m: int) -> None:
    """Every hidden count of moves (of a shown table, a subgroup hidden whole, the people paired
    across subgroups) keeps two possible values under the sums a reader knows."""
    c = compare(Q, before, after, min_group=m, by="cohort")
    if c.total.suppressed or c.total.moves is None:
        return
    pairs, _ = pair(before, after)
    crossed = [(p, n) for p, n in pairs if p.fields["cohort"] != n.fields["cohort"]]

    def truth(k: Any) -> dict[tuple[str, str], int]:
        out = dict.fromkeys(CELLS, 0)
        for p, n in pairs:
            if k == "total" or (k == "x" and (p, n) in crossed) or p.fields["cohort"] == n.fields["cohort"] == k:
                out[(p.profile.distance.zone, n.profile.distance.zone)] += 1
        return out

    n_total = len(pairs)
    unknown: dict[Any, tuple[int, int]] = {}
    lines: list[tuple[list[Any], int]] = []
    shown = {"total": c.total, **{g.key: g for g in c.groups if not g.suppressed and g.moves is not None}}
    for k, g in shown.items():
        u, ls = table_lines(k, g, truth(k), m)
        unknown.update(u)
        lines.extend(ls)
    hidden = [g.key for g in c.groups if g.key not in shown]  # hidden whole, or its table withheld
    for k in [*hidden, "x"]:
        unknown.update({(k, cell): (0, n_total) for cell in CELLS})
    # the reader is told how many were paired across subgroups (the strongest reader)
    lines.append(([(("x", cell), 1) for cell in CELLS], len(crossed)))
    for cell in CELLS:
        parts = [*(k for k in shown if k != "total"), *hidden, "x"]
        terms = [((k, cell), 1) for k in parts if (k, cell) in unknown]
        known = sum(shown[k].moves[cell[0]][cell[1]] or 0 for k in parts if k in shown and (k, cell) not in unknown)
        tv = c.total.moves[cell[0]][cell[1]]
        if tv is None:
            terms.append((("total", cell), -1))
            lines.append((terms, -known))
        else:
            lines.append((terms, tv - known))
    nothing_pinned(solve(unknown, lines), truth, lambda key: key[1] in CELLS)


def test_a_subgroups_few_do_not_come_back_as_the_total_less_the_others() -> None:
    # North: 1 balanced -> too_close ("< 3") and 3 too_far -> too_far; South: 3 balanced ->
    # too_close and 3 too_far -> too_far. Nobody paired across: the total's 4 less South's 3
    # would give North's 1.
    north = [("balanced", "too_close")] + [("too_far", "too_far")] * 3
    south = [("balanced", "too_close")] * 3 + [("too_far", "too_far")] * 3
    people = [(z0, z1, "North") for z0, z1 in north] + [(z0, z1, "South") for z0, z1 in south]
    before = [person(f"p{i}", z0, g) for i, (z0, _, g) in enumerate(people)]
    after = [person(f"p{i}", z1, g) for i, (_, z1, g) in enumerate(people)]
    c = compare(Q, before, after, min_group=3, by="cohort")
    total, (north_g, south_g) = c.total, c.groups
    assert total.moves is not None and north_g.moves is not None and south_g.moves is not None
    assert north_g.moves["balanced"]["too_close"] is None
    assert total.moves["balanced"]["too_close"] is None or south_g.moves["balanced"]["too_close"] is None
    check(before, after, 3)


def test_subgroups_hidden_whole_do_not_take_the_totals_moves_with_them() -> None:
    # Three people, all adrift before and after (the zone counts already say so): North's 2 and
    # East's 1 are hidden, not the total's table, which shows nothing new.
    people = [("N", "adrift"), ("N", "adrift"), ("E", "adrift")]
    before = [person(f"p{i}", z, g) for i, (g, z) in enumerate(people)]
    c = compare(Q, before, before, min_group=3, by="cohort")
    assert [g.suppressed for g in c.groups] == [True, True]
    assert c.total.moves_withheld is None
    assert c.total.moves is not None
    assert c.total.moves["adrift"] == {"balanced": 0, "too_close": 0, "too_far": 0, "adrift": 3}
    assert c.total.moved == 0


COHORTS = st.sampled_from(("North", "South", "East"))


@given(
    st.lists(st.tuples(ZONES, ZONES, COHORTS, COHORTS, st.sampled_from((0, 0, 0, 0, 1, 2))), min_size=3, max_size=14),
    st.integers(2, 4),
)
def test_no_move_of_a_hidden_subgroup_or_across_subgroups_can_be_pinned(
    people: list[tuple[str, str, str, str, int]], m: int
) -> None:
    # presence 0: both sessions; 1: before only; 2: after only. The cohort may change (paired across).
    before = [person(f"p{i}", z0, g0) for i, (z0, _, g0, _, pres) in enumerate(people) if pres != 2]
    after = [person(f"p{i}", z1, g1) for i, (_, z1, _, g1, pres) in enumerate(people) if pres != 1]
    check(before, after, m)
