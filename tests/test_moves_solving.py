"""The zone-moves matrix of `group compare` solved as a curious reader would (issue 8, fix8).

The reader knows every shown cell, that a "< m" cell is 1..m-1, each table's number of people
paired, "moved" when shown, and (to be safe) the pairs' zones before and after: each row's and
column's sum. Integer interval propagation over those sums must pin no hidden cell that holds
somebody, and across a ``--by`` split the subgroups plus the people paired across two of them
add up to the total, cell by cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kamtrust.engine.compare import compare, pair
from kamtrust.engine.group import Scored
from kamtrust.questionnaire.model import ZONE_IDS
from kamtrust.questionnaire.registry import resolve

from .groupdata import scored

Q = resolve("kamtrust-8")
WHERE = {"balanced": (5, 5), "too_close": (5, 1), "too_far": (1, 5), "adrift": (1, 1)}
CODES = {"B": "balanced", "C": "too_close", "F": "too_far", "A": "adrift"}
CELLS = [(z, t) for z in ZONE_IDS for t in ZONE_IDS]


def person(pid: str, zone: str, account: str | None = "Acme") -> Scored:
    prox, persp = WHERE[zone]
    answers = {}
    for scale in Q.scales:
        level = prox if scale.id == "proximity" else persp if scale.id == "perspective" else 3
        for item in scale.items:
            answers[item.id] = 6 - level if item.reverse else level
    return scored(Q, answers, id=pid, account=account)


def solve(variables: dict[Any, tuple[int, int]], lines: Sequence[tuple[Sequence[tuple[Any, int]], int]]) -> dict:
    """Narrow each variable's integer range with every 'sum of coef x var = value' until nothing changes."""
    b = dict(variables)
    changed = True
    while changed:
        changed = False
        for terms, total in lines:
            for v, coef in terms:
                rest_lo = sum(min(k * b[w][0], k * b[w][1]) for w, k in terms if w != v)
                rest_hi = sum(max(k * b[w][0], k * b[w][1]) for w, k in terms if w != v)
                x = sorted(((total - rest_hi) / coef, (total - rest_lo) / coef))
                lo, hi = max(b[v][0], math.ceil(x[0])), min(b[v][1], math.floor(x[1]))
                if (lo, hi) != b[v] and lo <= hi:
                    b[v] = (lo, hi)
                    changed = True
    return b


def table_lines(name: Any, g: Any, truth: dict[tuple[str, str], int], m: int) -> tuple[dict, list]:
    """The unknowns of one shown table and the sums a reader knows about it: its n, "moved", and
    its rows and columns against what the zone counts shown say of the pairs' zones."""
    n = sum(truth.values())
    unknown: dict[Any, tuple[int, int]] = {}
    known: dict[Any, int] = {}
    for c in CELLS:
        v = g.moves[c[0]][c[1]]
        if v is not None:
            assert v == truth[c]
            assert v == 0 or v >= m, f"{name} {c} shown as {v}"
            known[(name, c)] = v
        elif g.moves_hidden[c].code == "fewer":
            unknown[(name, c)] = (1, m - 1)
        else:
            unknown[(name, c)] = (0, n)
    lines: list[tuple[list[tuple[Any, int]], int]] = []

    def line(cells: list[tuple[str, str]], total: int, extra: Sequence[tuple[Any, int]] = ()) -> None:
        terms = [((name, c), 1) for c in cells if (name, c) in unknown]
        lines.append(([*terms, *extra], total - sum(known.get((name, c), 0) for c in cells)))

    line(CELLS, n)
    for side, counts in (("row", g.zones_before), ("col", g.zones_after)):
        hidden = g.zones_hidden["before" if side == "row" else "after"]
        # the people of that session not in this table: its n less the pairs (both shown; here
        # everyone has a zone)
        n_side = g.n_before if side == "row" else g.n_after
        outside = None if n_side is None else n_side - n
        for z in ZONE_IDS:
            if counts[z] is not None and outside is not None:
                lo, hi = max(0, counts[z] - outside), min(counts[z], n)
            elif counts[z] is not None:
                lo, hi = 0, min(counts[z], n)
            elif hidden[z].code == "fewer":
                lo, hi = (1 if outside == 0 else 0), min(m - 1, n)
            else:
                lo, hi = 0, n
            unknown[(name, side, z)] = (lo, hi)
            cells = [(z, t) for t in ZONE_IDS] if side == "row" else [(t, z) for t in ZONE_IDS]
            line(cells, 0, [((name, side, z), -1)])
    if g.moved is not None:
        assert g.moved == 0 or g.moved >= m
        line([c for c in CELLS if c[0] != c[1]], g.moved)
    return unknown, lines


def check(before: list[Scored], after: list[Scored], m: int, by: str | None) -> None:
    c = compare(Q, before, after, min_group=m, by=by)
    if c.total.suppressed or c.total.moves is None:
        return
    pairs, _ = pair(before, after)

    def truth(k: Any) -> dict[tuple[str, str], int]:
        out = dict.fromkeys(CELLS, 0)
        for p, n in pairs:
            if k == "total" or p.fields["account"] == n.fields["account"] == k:
                out[(p.profile.distance.zone, n.profile.distance.zone)] += 1
        return out

    unknown: dict[Any, tuple[int, int]] = {}
    lines: list[tuple[list[Any], int]] = []
    shown = {"total": c.total, **{g.key: g for g in c.groups if not g.suppressed and g.moves is not None}}
    for k, g in shown.items():
        u, ls = table_lines(k, g, truth(k), m)
        unknown.update(u)
        lines.extend(ls)
    if by is not None and len(shown) == 1 + len(c.groups):
        # total = the groups + the pairs across two groups (never shown), cell by cell
        crossed = sum(1 for p, n in pairs if p.fields["account"] != n.fields["account"])
        for cell in CELLS:
            unknown[("x", cell)] = (0, crossed)
            names = [("total", cell), *((k, cell) for k in shown if k != "total"), ("x", cell)]
            tv = c.total.moves[cell[0]][cell[1]]
            known = sum(
                shown[k].moves[cell[0]][cell[1]] or 0 for k in shown if k != "total" and (k, cell) not in unknown
            )
            if tv is not None:  # (a hidden total cell is left out: a weaker reader there)
                lines.append(([(v, 1) for v in names if v in unknown and v[0] != "total"], tv - known))
    nothing_pinned(solve(unknown, lines), truth, lambda key: key[0] != "x")


def nothing_pinned(solved: dict, truth: Any, counted: Any) -> None:
    """Every hidden cell a reader solved for holds its true count, and none with people is pinned
    to one value (``counted``: which keys are cells of a table)."""
    for key, (lo, hi) in solved.items():
        if len(key) != 2 or not counted(key):
            continue
        k, cell = key
        actual = truth(k)[cell]
        assert lo <= actual <= hi, f"{k} {cell}: {actual} outside {lo}..{hi}"
        assert not (lo == hi and actual > 0), f"{k} {cell} pinned to {lo}"


def test_the_attackers_matrix_is_not_solvable() -> None:
    # The attack: 11 before, 10 after (one left), 6 "adrift" after; the cells came back by
    # subtraction from the column sums, the pairs and "moved".
    b = "B B B C F F A A A A A".split()
    a = "C A A B F A F A A A".split()
    before = [person(f"P{i + 1}", CODES[z]) for i, z in enumerate(b)]
    after = [person(f"P{i + 1}", CODES[z]) for i, z in enumerate(a)]
    c = compare(Q, before, after, min_group=3)
    assert c.total.moves is not None
    assert all(c.total.moves[z][t] is None for z, t in CELLS)  # too few people spread too thin
    assert c.total.moved is None
    check(before, after, 3, None)


ZONES = st.sampled_from(list(WHERE))


@given(
    st.lists(
        st.tuples(ZONES, ZONES, st.sampled_from((0, 0, 0, 1, 2)), st.sampled_from(("Acme", "Beta"))),
        min_size=3,
        max_size=12,
    ),
    st.integers(3, 4),
    st.booleans(),
)
def test_no_hidden_move_can_be_pinned(people: list[tuple[str, str, int, str]], m: int, split: bool) -> None:
    # presence 0: both sessions; 1: before only; 2: after only
    before = [person(f"p{i}", z0, acc) for i, (z0, _, pres, acc) in enumerate(people) if pres != 2]
    after = [person(f"p{i}", z1, acc) for i, (_, z1, pres, acc) in enumerate(people) if pres != 1]
    check(before, after, m, "account" if split else None)
