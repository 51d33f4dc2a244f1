"""The zone-moves tables of a comparison: which counts to hide so that none can be solved for (pure).

A reader knows each table's cells that are shown, that a "< m" cell holds 1..m-1 people, each
table's number of people paired (n), that 'moved' adds up the cells off the diagonal, that the
subgroups and the people paired across two of them (never shown) add up to the total cell by
cell, and, from the zone counts, the pairs' zones before (a row's sum) and after (a column's
sum), exactly or within a range. :func:`moves_plan` masks counts until no hidden count holding
somebody can be pinned down from those sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kamtrust.engine.anonymity import (
    CHANGED,
    COMPLEMENTARY,
    FEWER,
    GROUP,
    TOTAL,
    Hidden,
    Line,
    Ref,
    pinned_counts,
    plan_counts,
    sort_key,
)
from kamtrust.questionnaire.model import ZONE_IDS

if TYPE_CHECKING:
    from kamtrust.engine.compare import CompareGroup
    from kamtrust.engine.group import Scored

CROSSED = ("crossed",)
"""The cell of the people paired across two ``by`` values (never shown: only in the total)."""

CELLS = [(z, t) for z in ZONE_IDS for t in ZONE_IDS]
"""Every (zone before, zone after) of a table of moves, rows first."""

ZonesHidden = tuple[Mapping[str, Hidden], Mapping[str, Hidden]]
"""The zone counts hidden before and after: {zone: why}."""

MovesPlan = tuple[dict[tuple[str, str], Hidden], Hidden | None, Hidden | None]
"""The moves hidden, why 'moved' is hidden, and why the whole table is (fewer people paired)."""


def transitions(pairs: Sequence[tuple[Scored, Scored]]) -> dict[tuple[str, str], int]:
    """People per (zone before, zone after) among ``pairs`` with a zone in both sessions."""
    found = Counter(
        (p.profile.distance.zone, n.profile.distance.zone)
        for p, n in pairs
        if p.profile.distance is not None
        and n.profile.distance is not None
        and p.profile.distance.zone is not None
        and n.profile.distance.zone is not None
    )
    return {(z, t): found.get((z, t), 0) for z in ZONE_IDS for t in ZONE_IDS}


def crossed_ref(k: Any) -> Ref:
    """How an output names a cell of a paired figure: a subgroup, or the people paired across two."""
    return Ref(CHANGED) if k == CROSSED else Ref(GROUP, k)


def margin_bounds(in_zone: int, outside: int, n: int, hidden: Hidden | None, m: int) -> tuple[int, int]:
    """What a reader knows of one row's (or column's) sum, the pairs in one zone before (after).

    ``in_zone`` is that session's zone count, ``outside`` the session's people in a zone but not
    in the table (present once, or paired across subgroups), ``n`` the table's pairs. A count
    shown bounds the sum from both sides (exact when nobody is outside); a count shown as "< m"
    says 1..m-1 people, and the pairs there are fewer still; a count hidden otherwise says nothing.
    """
    if hidden is None:
        return max(0, in_zone - outside), min(in_zone, n)
    if hidden.code == FEWER:
        return (1 if outside == 0 else 0), min(m - 1, n)
    return 0, n


def _tables(
    total: CompareGroup, groups: Mapping[Any, CompareGroup], crossed: Sequence[tuple[Scored, Scored]]
) -> dict[Any, dict[tuple[str, str], int]]:
    """Each table of moves by name: 'total', ('g', key) per subgroup, and CROSSED when split."""

    def table(g: CompareGroup) -> dict[tuple[str, str], int]:
        return {(z, t): (g.moves or {}).get(z, {}).get(t) or 0 for z, t in CELLS}

    tables: dict[Any, dict[tuple[str, str], int]] = {"total": table(total)}
    tables.update({("g", k): table(g) for k, g in groups.items()})
    if groups:
        tables[CROSSED] = transitions(crossed)
    return tables


def _key(name: Any) -> Any:
    """The group a table belongs to: 'total' or the subgroup's key."""
    return "total" if name == "total" else name[1]


def _cell_ref(cell: Any) -> Ref:
    """The table a masked count protects, as an output names it."""
    name = cell[0]
    return Ref(TOTAL) if name == "total" else Ref(CHANGED) if name == CROSSED else Ref(GROUP, name[1])


def _cell_order(cell: Any) -> Any:
    """Subgroups before the total, in the subgroups' order, then the count's name."""
    name = cell[0]
    return (name == "total", sort_key(name[1] if name not in ("total", CROSSED) else None), str(cell[1]))


@dataclass
class _Sums:
    """What a reader knows of the tables: every count, the sums tying them, and what is hidden.

    A count is keyed (table name, cell), (table name, 'n' or 'moved'), or (table name, 'row' or
    'col', zone) for a row's or a column's sum.
    """

    m: int
    values: dict[Any, int] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    """The sums within the tables and across them (the margins are kept per table apart)."""
    hidden: dict[Any, Hidden] = field(default_factory=dict)
    """The counts hidden before solving."""
    fixed: list[Any] = field(default_factory=list)
    """The sums a reader knows exactly (never masked)."""
    ranges: dict[Any, tuple[int, int]] = field(default_factory=dict)
    """The sums a reader knows only within a range."""
    margins: dict[Any, list[Line]] = field(default_factory=dict)
    """Each shown table's row and column sums."""
    withheld: dict[Any, Hidden] = field(default_factory=dict)
    """The tables hidden whole, and why."""

    def add_table(self, name: Any, counts: Mapping[tuple[str, str], int]) -> None:
        """A table's counts, with its n (every cell) and 'moved' (the cells off the diagonal)."""
        self.values.update({(name, c): v for c, v in counts.items()})
        self.values[(name, "n")] = sum(counts.values())
        self.values[(name, "moved")] = sum(v for (z, t), v in counts.items() if z != t)
        self.lines.append(Line((*(((name, c), 1) for c in CELLS), ((name, "n"), -1))))
        self.lines.append(Line((*(((name, c), 1) for c in CELLS if c[0] != c[1]), ((name, "moved"), -1))))

    def hide_up_front(self, name: Any, whole: Mapping[Any, Hidden]) -> None:
        """What is hidden before solving: the people paired across subgroups (never shown; their n
        is the total's less the subgroups'), a hidden subgroup's table with its n, and a table of
        1..m-1 pairs (withheld: FEWER). Any other table's n is known."""
        n = self.values[(name, "n")]
        inner = [*((name, c) for c in CELLS), (name, "moved")]
        if name == CROSSED:
            self.hidden.update(
                dict.fromkeys(inner, Hidden(FEWER, self.m) if 0 < n < self.m else Hidden(COMPLEMENTARY, self.m))
            )
        elif name != "total" and name[1] in whole:
            self.hidden.update(dict.fromkeys([*inner, (name, "n")], whole[name[1]]))
            return
        elif 0 < n < self.m:
            self.withheld[name] = Hidden(FEWER, self.m)
            self.hidden.update(dict.fromkeys(inner, self.withheld[name]))
        self.fixed.append((name, "n"))

    def tie_to_total(self, parts: Sequence[Any]) -> None:
        """The subgroups' tables and the crossed one (``parts``) add up to the total, count by count."""
        for c in [*CELLS, "moved"]:
            self.lines.append(Line((*(((name, c), 1) for name in parts), (("total", c), -1))))

    def shown(self, name: Any, whole: Mapping[Any, Hidden]) -> bool:
        """Whether a table is shown (not crossed, withheld or of a hidden subgroup)."""
        return not (name == CROSSED or name in self.withheld or (name != "total" and name[1] in whole))

    def add_margins(
        self, name: Any, g: CompareGroup, counts: Mapping[tuple[str, str], int], zones: ZonesHidden
    ) -> None:
        """A shown table's row and column sums, known as far as ``g``'s zone counts (``zones``: those
        hidden) tell; see :func:`margin_bounds`."""
        n = sum(counts.values())
        self.margins[name] = []
        for z in ZONE_IDS:
            for side, line_cells in (("row", [(z, t) for t in ZONE_IDS]), ("col", [(t, z) for t in ZONE_IDS])):
                in_zone = g.zones_before if side == "row" else g.zones_after
                hidden_zones = zones[0] if side == "row" else zones[1]
                outside = sum(v or 0 for v in in_zone.values()) - n
                key = (name, side, z)
                self.values[key] = sum(counts[c] for c in line_cells)
                lo, hi = margin_bounds(in_zone.get(z) or 0, outside, n, hidden_zones.get(z), self.m)
                if lo == hi:
                    self.fixed.append(key)
                else:
                    self.ranges[key] = (lo, hi)
                self.margins[name].append(Line((*(((name, c), 1) for c in line_cells), (key, -1))))

    def solve(self) -> dict[Any, Hidden]:
        """The counts to mask. Where a table's own row and column sums pin a masked count, no
        masking of cells can help: that table is withheld (its zone counts are guarded on their
        own) and the rest solved again."""
        while True:
            plan, leaky = self._plan_once()
            if not leaky:
                return plan
            for name in leaky:
                self.withheld[name] = Hidden(COMPLEMENTARY, self.m, (_cell_ref((name, None)),))
                self.hidden.update(dict.fromkeys([*((name, c) for c in CELLS), (name, "moved")], self.withheld[name]))
                del self.margins[name]

    def _plan_once(self) -> tuple[dict[Any, Hidden], list[Any]]:
        """The counts masked with every sum known, and the tables whose masked counts are still pinned."""
        # Shortest sums first: a row or a column is protected by its own cells before the totals.
        every = sorted(
            [*self.lines, *(line for ls in self.margins.values() for line in ls)], key=lambda line: len(line.terms)
        )
        plan = plan_counts(
            self.values,
            every,
            self.m,
            hidden=self.hidden,
            fixed=self.fixed,
            ranges=self.ranges,
            line_first=True,
            ref=_cell_ref,
            order=_cell_order,
        )
        pinned = pinned_counts(self.values, plan, every, self.m, set(self.hidden), self.ranges)
        return plan, [name for name in self.margins if any((name, c) in pinned for c in CELLS)]


def moves_plan(
    total: CompareGroup,
    groups: Mapping[Any, CompareGroup],
    crossed: Sequence[tuple[Scored, Scored]],
    whole: Mapping[Any, Hidden],
    m: int,
    zones: Mapping[Any, ZonesHidden] | None = None,
) -> dict[Any, MovesPlan]:
    """What to hide of the zone moves of the total ('total') and of each group (by its key).

    ``whole`` are the subgroups hidden whole, ``crossed`` the people paired across two of them,
    ``zones`` the zone counts hidden per group (what a reader cannot use to bound a row or a column).
    """
    tables = _tables(total, groups, crossed)
    sums = _Sums(m)
    for name, counts in tables.items():
        sums.add_table(name, counts)
        sums.hide_up_front(name, whole)
    if groups:
        sums.tie_to_total([name for name in tables if name != "total"])
    for name, counts in tables.items():
        if sums.shown(name, whole):
            g = total if name == "total" else groups[name[1]]
            sums.add_margins(name, g, counts, (zones or {}).get(_key(name), ({}, {})))
    plan = sums.solve()
    return {
        _key(name): (
            {c: plan[(name, c)] for c in CELLS if (name, c) in plan},
            plan.get((name, "moved")),
            sums.withheld.get(name),
        )
        for name in tables
        if name != CROSSED
    }
