"""The sessions' figures hidden so that people present in one session only stay hidden (pure).

In a comparison, a group's before mean x n_before, after mean x n_after and paired change x
n_paired give the sum of the people present in one session only (a dropout, a newcomer). The
paired change is the headline and stays shown: where those people are 1..m-1, the session's
figures go instead (UNPAIRED), planned across subgroups like any figure (COMPLEMENTARY).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.anonymity import COMPLEMENTARY, UNPAIRED, Hidden, guard_hidden_total, plan_figure, sort_key
from kamtrust.engine.moves import crossed_ref


@dataclass(frozen=True)
class SideFacts:
    """One score's people per subgroup, and what of its figures is hidden already (:func:`guard_sides`)."""

    sides: Mapping[Any, tuple[int, int]]
    """Per subgroup: people scored before and after."""
    pairs_n: Mapping[Any, tuple[int]]
    """Per subgroup: people paired (within it)."""
    cells: Mapping[Any, Hidden]
    """The subgroups whose change is hidden."""
    p_cells: Mapping[Any, Hidden]
    """The subgroups whose paired change is hidden."""
    crossed: Mapping[Any, int]
    """People paired across two subgroups, per (before's value, after's value)."""
    unshown: Sequence[Any]
    """The subgroups scored in one session only (no change to show)."""
    m: int

    def present_once(self, k: Any, d: int) -> int:
        """People of subgroup ``k`` in session ``d`` (0 before, 1 after) not paired within it."""
        return self.sides[k][d] - self.pairs_n[k][0]


def _few_present_once(ns: tuple[int, int], paired: int, m: int) -> dict[int, Hidden]:
    """The sessions (0 before, 1 after) where 1..m-1 people are not among the ``paired``: the
    session's sum less the pairs' would give them away (UNPAIRED)."""
    return {d: Hidden(UNPAIRED, m) for d in (0, 1) if 0 < ns[d] - paired < m}


def guard_sides(
    f: SideFacts, t_sides: tuple[int, int], t_paired: int, t_why: Hidden | None, tp_why: Hidden | None
) -> tuple[dict[Any, dict[int, Hidden]], dict[int, Hidden]]:
    """The sessions' figures to hide so that the people present in one session only cannot be
    worked out by subtraction, keeping the paired change (the headline) shown (pure).

    In every group, before mean x n_before, after mean x n_after and the paired change x n_paired
    give the sum of the people present in one session only. Where those are 1..m-1 on a side
    (a dropout, a newcomer), that side's all-present figures are hidden (UNPAIRED), never the
    paired change. Across subgroups the hidden sides are planned like any figure (hidden cells
    hold nobody, or two cells and m people), the subgroups with something hidden taken together
    must not have such few people either (else the total's side is hidden), and a hidden total
    side must not come back as the sum of the subgroups' shown sides. ``t_sides``, ``t_paired``,
    ``t_why`` and ``tp_why``: the total's people per session, pairs, and why its change and its
    paired change are hidden.

    Returns {group: {side: why}} and {side: why} for the total (side 0 before, 1 after).
    """
    out: dict[Any, dict[int, Hidden]] = {
        k: _few_present_once(f.sides[k], f.pairs_n[k][0], f.m) if _shows_pairs(f, k) else {} for k in f.sides
    }
    t_out = _few_present_once(t_sides, t_paired, f.m) if t_why is None and tp_why is None and t_paired > 0 else {}
    if t_why is not None:
        return out, t_out
    _plan_sides(f, out, t_out, t_sides)
    if f.sides and tp_why is None and not t_out:
        t_out = _masked_block(f, out)
    _keep_total_sides_hidden(f, out, t_out)
    return out, t_out


def _shows_pairs(f: SideFacts, k: Any) -> bool:
    """Whether subgroup ``k`` shows its change and its paired change, with somebody paired."""
    return k not in f.cells and k not in f.p_cells and f.pairs_n[k][0] > 0


def _plan_sides(
    f: SideFacts, out: dict[Any, dict[int, Hidden]], t_out: dict[int, Hidden], t_sides: tuple[int, int]
) -> None:
    """Adds to ``out`` (and ``t_out``) the sessions' figures hidden so that the ones hidden already
    cannot be worked out from the total's and the other subgroups', session by session."""
    for d in (0, 1):
        if d in t_out:
            continue  # no total to subtract from: the guard at the end keeps it from the subgroups' sum
        hidden = {**f.cells, **{k: h[d] for k, h in out.items() if d in h}}
        planned, total_why = plan_figure(
            {k: (ns[d],) for k, ns in f.sides.items()}, (t_sides[d],), f.m, hidden=hidden, unshown=f.unshown
        )
        for k, h in planned.items():
            if k not in f.cells and d not in out[k]:
                out[k][d] = h
        if total_why is not None and d not in t_out:
            t_out[d] = total_why


def _masked_block(f: SideFacts, out: Mapping[Any, Mapping[int, Hidden]]) -> dict[int, Hidden]:
    """The total's sessions to hide because the subgroups with something hidden, taken together
    (the people paired across two of them inside the block), have 1..m-1 people present once:
    everything the reader cannot see per subgroup, worked out as one block from the totals."""
    masked = [k for k in f.sides if k in f.cells or k in f.p_cells or out[k]]
    inside = sum(c for (kb, ka), c in f.crossed.items() if kb in masked and ka in masked)
    why = Hidden(COMPLEMENTARY, f.m, tuple(crossed_ref(k) for k in sorted(masked, key=sort_key)))
    return {d: why for d in (0, 1) if 0 < sum(f.present_once(k, d) for k in masked) - inside < f.m}


def _keep_total_sides_hidden(f: SideFacts, out: dict[Any, dict[int, Hidden]], t_out: Mapping[int, Hidden]) -> None:
    """A hidden total session is the sum of the subgroups' sessions: adds to ``out`` what keeps
    the subgroups' shown ones from giving it back."""
    for d in t_out:
        side_cells = {k: h[d] for k, h in out.items() if d in h}
        side_cells.update({k: h for k, h in f.cells.items() if k in f.sides})
        guard_hidden_total(side_cells, {k: max(0, f.present_once(k, d)) for k in f.sides}, f.m)
        for k, h in side_cells.items():
            if k not in f.cells:
                out[k][d] = h
