"""The minimum-group rule at the level of each figure (pure): what to hide, and why.

Two planners. :func:`plan_figure` treats a figure's statistics row (n, mean, sd, median, min,
max, band counts) in each subgroup as one cell: with the n's known, every one of these can be
worked out for the hidden cells taken together (sum = n x mean), so the hidden cells of a figure
must hold nobody, or at least two cells and ``min_group`` people between them.
:func:`plan_counts` masks small counts (zones, zone moves) in tables whose margins are known:
it propagates what each known sum says about the masked cells and hides one more cell until no
masked count can be pinned down.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

FEWER = "fewer"
"""Reason code: the figure describes fewer than ``min_group`` people."""
COMPLEMENTARY = "complementary"
"""Reason code: hidden so that another hidden figure cannot be worked out by subtraction."""
UNPAIRED = "unpaired"
"""Reason code: a paired change hidden because a session's people not paired are 1..min_group-1,
whom the two means and the paired change would give away by subtraction."""
INCOMPLETE = "incomplete"
"""Reason code: the overall index hidden because 1..min_group-1 people have a factor scored but not
every factor: the factors' sums minus the overall's would give those few people away."""
SKIPPED = "skipped"
"""Reason code: an item's statistics hidden because its n and its factor's differ by 1..min_group-1:
the items' sums less the factor's would give those few people's factor score away."""
ZONES = "zones"
"""Reason code: a pole's band counts hidden because the threshold is a band's lower limit, so they
are sums of the group's zone counts, some of which are hidden."""
GROUP = "group"
TOTAL = "total"
WHOLE = "whole"
"""A reference to the whole group's figure (hidden itself), which a shown subgroup would give away."""
CHANGED = "changed"
"""A reference to the people found in both sessions under two different ``by`` values."""

K = TypeVar("K", bound=Hashable)
C = TypeVar("C", bound=Hashable)


@dataclass(frozen=True)
class Ref:
    """A cell named in a reason: a subgroup (by its ``by`` value), or the people who changed it."""

    kind: str
    key: str | None = None


@dataclass(frozen=True)
class Hidden:
    """Why a figure is hidden, in a form every output can put into words."""

    code: str
    """FEWER or COMPLEMENTARY."""
    min_group: int
    protects: tuple[Ref, ...] = ()
    """For COMPLEMENTARY: the cells this one keeps from being worked out."""


NO_ANSWERS = "no_answers"
"""Not a reason to hide: nobody answered (n = 0), so there is nothing to show."""
NO_PAIRS = "no_pairs"
"""Not a reason to hide: nobody was found in both sessions."""


def hidden_to_dict(h: Hidden | None) -> dict[str, Any]:
    """The document fields of a hidden figure; ``reason`` (a sentence) is filled in by the exporter."""
    if h is None:
        return {}
    return {
        "reason_code": h.code,
        "reason": None,
        "protects": [{"kind": r.kind, "key": r.key} if r.kind == GROUP else {"kind": r.kind} for r in h.protects],
    }


def sort_key(key: Any) -> tuple[bool, str]:
    """Groups without a value (None) last; the rest alphabetically, case-insensitive."""
    return (key is None, "" if key is None else str(key).casefold())


def _refs(keys: Collection[Any], ref: Callable[[Any], Ref]) -> tuple[Ref, ...]:
    refs = {ref(k) for k in keys}
    # kind breaks the tie between a TOTAL and a CHANGED ref (keys both None): a set's order would vary.
    return tuple(sorted(refs, key=lambda r: (r.kind != GROUP, r.kind, sort_key(r.key))))


def plan_figure(
    cells: Mapping[K, Sequence[int]],
    total: Sequence[int],
    min_group: int,
    *,
    hidden: Mapping[K, Hidden] | None = None,
    unshown: Collection[K] = (),
    ref: Callable[[K], Ref] = lambda k: Ref(GROUP, k),  # type: ignore[arg-type]
) -> tuple[dict[K, Hidden], Hidden | None]:
    """Which cells of one figure to hide (and whether to hide the total), with their reasons.

    ``cells`` gives each subgroup's n for this figure (one per set: before and after in a
    comparison); the subgroups partition the total. ``hidden`` are cells already hidden (a whole
    subgroup), ``unshown`` cells the output never shows for another reason (nobody answered one
    session; pairs across subgroups): both count as hidden when solving for the hidden cells.

    A cell with some n in 1..min_group-1 is hidden (FEWER); n = 0 is empty, not hidden. Then in
    each set, while the hidden cells holding somebody are exactly one, or hold fewer than
    ``min_group`` people together, the shown cell with the fewest people is hidden too
    (COMPLEMENTARY), or the total when no shown cell is left.
    """
    out: dict[K, Hidden] = dict(hidden or {})

    def small(ns: Sequence[int]) -> bool:
        return any(0 < n < min_group for n in ns)

    for k, ns in cells.items():
        if k not in out and small(ns):
            out[k] = Hidden(FEWER, min_group)
    if small(total):
        # No total to subtract from: every subgroup is smaller still and hidden above.
        return out, Hidden(FEWER, min_group)
    masked = set(out) | set(unshown)
    # A cell hidden for one set (after) can be the lone hidden cell of another (before): repeat
    # until every set is safe.
    settled = False
    while not settled:
        settled = True
        for d in range(len(total)):
            holding = [k for k in masked if cells[k][d] > 0]
            if not holding or (len(holding) >= 2 and sum(cells[k][d] for k in holding) >= min_group):
                continue
            settled = False
            primary = [k for k in holding if (k in out and out[k].code == FEWER) or k in unshown]
            because = Hidden(COMPLEMENTARY, min_group, _refs(primary or holding, ref))
            shown = [k for k in cells if k not in masked and cells[k][d] > 0]
            if not shown:
                return out, because
            pick = min(shown, key=lambda k: (cells[k][d], sort_key(k)))
            out[pick] = because
            masked.add(pick)
            break
    return out, None


@dataclass(frozen=True)
class Line:
    """A sum every reader can check: sum of coef x value over ``terms`` is 0."""

    terms: tuple[tuple[Any, int], ...]


def guard_hidden_total(cells: dict[Any, Hidden], sizes: Mapping[Any, int], m: int) -> None:
    """A hidden total must not come back as the sum of the shown cells: when no hidden cell holds
    anyone, the smallest shown cell that does is hidden too (in place), as the whole group's."""
    if any(sizes[k] > 0 for k in cells if k in sizes):
        return
    shown = [k for k in sizes if k not in cells and sizes[k] > 0]
    if shown:
        pick = min(shown, key=lambda k: (sizes[k], sort_key(k)))
        cells[pick] = Hidden(COMPLEMENTARY, m, (Ref(WHOLE),))


def _bounds(
    values: Mapping[C, int],
    masked: Mapping[C, Hidden],
    lines: Sequence[Line],
    min_group: int,
    whole: Collection[C],
    ranges: Mapping[C, tuple[int, int]] | None = None,
) -> dict[C, tuple[int, int]]:
    """What a reader can tell about each masked cell from the shown ones and the known sums.

    Starts from what the output says (a FEWER count is 1..min_group-1, a count of a small hidden
    group 0..min_group-1, any other hidden count 0..everybody) and narrows each cell's range with every line until nothing changes.
    """
    big = max(1, sum(values.values()))
    bounds = {c: ((0 if c in whole else 1), min_group - 1) if h.code == FEWER else (0, big) for c, h in masked.items()}
    bounds.update(ranges or {})  # sums a reader only knows to lie in a range (never masked here)
    for _ in range(50):
        changed = False
        for line in lines:
            known = sum(coef * values[c] for c, coef in line.terms if c not in bounds)
            free = [(c, coef) for c, coef in line.terms if c in bounds]
            if not free:
                continue
            lo_sum = sum(coef * (bounds[c][0] if coef > 0 else bounds[c][1]) for c, coef in free)
            hi_sum = sum(coef * (bounds[c][1] if coef > 0 else bounds[c][0]) for c, coef in free)
            for c, coef in free:
                lo, hi = bounds[c]
                part_lo = coef * (lo if coef > 0 else hi)
                part_hi = coef * (hi if coef > 0 else lo)
                # coef * value = -known - (the others' sum), whose range is known
                rest_lo, rest_hi = lo_sum - part_lo, hi_sum - part_hi
                v_lo, v_hi = sorted(((-known - rest_hi) * coef, (-known - rest_lo) * coef))
                new = (max(lo, v_lo), min(hi, v_hi))
                if new != (lo, hi) and new[0] <= new[1]:
                    bounds[c] = new
                    changed = True
        if not changed:
            break
    return bounds


def pinned_counts(
    values: Mapping[C, int],
    masked: Mapping[C, Hidden],
    lines: Sequence[Line],
    min_group: int,
    whole: Collection[C],
    ranges: Mapping[C, tuple[int, int]] | None = None,
) -> set[C]:
    """The masked counts holding somebody that a reader still pins down from ``lines``."""
    bounds = _bounds(values, masked, lines, min_group, whole, ranges)
    return {c for c, (lo, hi) in bounds.items() if lo == hi and values[c] > 0 and c not in (ranges or {})}


def plan_counts(
    values: Mapping[C, int],
    lines: Sequence[Line],
    min_group: int,
    *,
    hidden: Mapping[C, Hidden] | None = None,
    fixed: Collection[C] = (),
    ranges: Mapping[C, tuple[int, int]] | None = None,
    line_first: bool = False,
    ref: Callable[[C], Ref],
    order: Callable[[C], Any],
) -> dict[C, Hidden]:
    """Which counts of a table to mask, and why.

    ``values`` holds every count, including the known margins (``fixed``: never masked here,
    e.g. a group's size). A count of 1..min_group-1 is masked (FEWER, shown as "< min_group");
    ``hidden`` are counts already hidden (a whole subgroup). Then, while a reader could pin down
    a masked count that is not 0 from the shown counts and ``lines``, the smallest shown count
    on such a line is masked too (COMPLEMENTARY). ``ranges`` are sums shown elsewhere that a reader
    knows only to lie in a range (a pairs' zone count from a zone count shown as "< m"): never
    masked here, they narrow like any masked count.
    """
    ranges = dict(ranges or {})
    fixed = {*fixed, *ranges}
    out: dict[C, Hidden] = dict(hidden or {})
    whole = set(out)
    for c, v in values.items():
        if c not in out and c not in fixed and 0 < v < min_group:
            out[c] = Hidden(FEWER, min_group)
    while True:
        bounds = _bounds(values, out, lines, min_group, whole, ranges)
        exposed = {c for c, (lo, hi) in bounds.items() if lo == hi and values[c] > 0 and c not in ranges}
        if not exposed:
            return out
        progress = False
        # Prefer masking a count that holds somebody (a masked 0 protects little); 0s only if needed
        # (``line_first``: a 0 on the first line at risk before a count on a later line).
        if line_first:
            passes = [(zeros, line) for line in lines for zeros in (False, True)]
        else:
            passes = [(zeros, line) for zeros in (False, True) for line in lines]
        for zeros, line in passes:
            cells = [c for c, _ in line.terms]
            at_risk = [c for c in cells if c in exposed]
            shown = [c for c in cells if c not in out and c not in fixed and (zeros or values[c] > 0)]
            if not at_risk or not shown:
                continue
            pick = min(shown, key=lambda c: (values[c], order(c)))
            primary = [c for c in cells if c in out and out[c].code == FEWER and values[c] > 0]
            out[pick] = Hidden(COMPLEMENTARY, min_group, _refs(primary or at_risk, ref))
            progress = True
            break
        if not progress:
            # Every count on those lines is masked and one is still pinned by the known sum (four
            # people in four zones: 1 + 1 + 1 + 1 = 4): then '< min_group' says too much, and those
            # counts are only 'hidden', each protecting the others.
            widened = {
                c: [d for d, _ in line.terms if d in out and d != c]
                for line in lines
                if any(c in exposed for c, _ in line.terms)
                for c, _ in line.terms
                if c in out and out[c].code == FEWER
            }
            if not widened:
                return out
            for c, others in widened.items():
                out[c] = Hidden(COMPLEMENTARY, min_group, _refs(others, ref))
