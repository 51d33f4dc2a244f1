"""Property tests of the minimum-group rule: for random groups and random ``--by`` splits, solve
for the hidden figures from what is shown and the totals, as a curious reader would.

A figure's hidden cells, taken together, are what the total minus the shown cells gives: their n
and their sum (n x mean). That must describe nobody, or at least ``min_group`` people spread over
at least two hidden cells, so that no single hidden cell comes out. Counts (zones, moves) are
checked line by line: on every known sum, each masked count must keep at least two possible values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kamtrust.engine.compare import compare, pair
from kamtrust.engine.group import Scored, summarize
from kamtrust.questionnaire.registry import resolve

from .groupdata import scored

Q = resolve("kamtrust-8")
KEYS = ("Acme", "Beta", "Farmacias Levante", None)


Spec = tuple[int, int | None, tuple[int, ...], tuple[int, ...]]
"""One person: id number, account index (None: no account), a level and a mode per scale."""
SPECS = st.tuples(
    st.integers(0, 15),
    st.sampled_from((0, 1, 2, None)),
    st.tuples(*(st.integers(1, 5) for _ in Q.scales)),
    st.tuples(*(st.integers(0, 4) for _ in Q.scales)),
)


def build(specs: Sequence[Spec], tag: str = "") -> list[Scored]:
    """The people of ``specs``: mode 0-2 answers every item, 3 skips one, 4 leaves the scale unscored."""
    out = []
    for pid, account, levels, modes in specs:
        answers: dict[str, int] = {}
        for scale, level, mode in zip(Q.scales, levels, modes, strict=True):
            for n, item in enumerate(scale.items):
                if mode == 4 and n < 3 or mode == 3 and n == 0:
                    continue
                answers[item.id] = level if n % 2 else (level + n + pid) % 5 + 1
        key = None if account is None else KEYS[account]
        out.append(scored(Q, answers, id=f"p{pid}{tag}", account=key))
    return out


def _score(s: Scored, sid: str) -> float | None:
    if sid == "overall":
        return s.profile.overall
    sc = s.profile.factors.get(sid) or s.profile.poles.get(sid)
    return sc.score if sc is not None else None


def check_figure(
    label: str,
    truth: Mapping[Any, Sequence[float]],
    total_shown: tuple[int, float | None] | None,
    shown: Mapping[Any, tuple[int, float | None] | None],
    m: int,
) -> None:
    """Solve for the hidden cells of one figure: total minus the shown cells."""
    for k, cell in shown.items():
        if cell is not None:
            assert cell[0] == len(truth[k]), label
            assert cell[0] == 0 or cell[0] >= m, f"{label}: {k} shown with n = {cell[0]}"
    if total_shown is None:
        return  # no total to subtract from
    n_total, mean_total = total_shown
    assert n_total == 0 or n_total >= m, label
    hidden = [k for k, cell in shown.items() if cell is None]
    n_hidden = n_total - sum(cell[0] for cell in shown.values() if cell is not None)
    assert n_hidden == sum(len(truth[k]) for k in hidden), label
    holding = [k for k in hidden if truth[k]]
    assert n_hidden == 0 or (n_hidden >= m and len(holding) >= 2), f"{label}: {hidden} -> {n_hidden} people"
    if n_hidden and mean_total is not None:
        # The reader gets the hidden cells' sum, never one cell's: check that is all they get.
        shown_sum = sum(cell[0] * (cell[1] or 0.0) for cell in shown.values() if cell is not None)
        solved = n_total * mean_total - shown_sum
        assert abs(solved - sum(sum(truth[k]) for k in hidden)) < 1e-6 * max(1.0, abs(solved))


def check_overall(s: Any, parts: Mapping[Any, Sequence[Scored]], m: int) -> None:
    """The overall index is the mean of every factor: 8 x its sum, less the factors' sums over the same
    cells, gives the people with some factor but not all of them, or a hidden factor's sum."""
    factors = [f.id for f in Q.factors]
    shown = [g for g in (s.total, *s.groups) if not g.suppressed and g.overall is not None and g.overall.n]
    for g in shown:
        for f in factors:
            st = g.stat(f)
            assert st.n is not None, f"{g.key}: overall shown with {f} hidden"
            assert st.n - g.overall.n == 0 or st.n - g.overall.n >= m, f"{g.key}: {f} {st.n} vs {g.overall.n}"
    if not parts or s.total.overall is None or s.total.overall.n is None:
        return
    groups = {g.key: g for g in s.groups}

    def hidden(k: Any, sid: str) -> bool:
        return groups[k].suppressed or groups[k].stat(sid).n is None

    def count(ps: Sequence[Scored], sid: str) -> int:
        return sum(1 for p in ps if _score(p, sid) is not None)

    for f in factors:
        # people in the factor's hidden cells (with it) and not in the overall's, or the reverse
        apart = sum(
            (count(ps, f) if hidden(k, f) else 0)
            - (count(ps, "overall") if hidden(k, f) and hidden(k, "overall") else 0)
            + (count(ps, "overall") if hidden(k, "overall") and not hidden(k, f) else 0)
            for k, ps in parts.items()
        )
        assert apart == 0 or apart >= m, f"{f}: {apart} people apart"


def _pins(counts: Sequence[int | None], total: int, bounded: Sequence[bool | None], m: int, low: int) -> dict[int, int]:
    """The masked counts a reader pins down on one line, reading '< m' as low..m-1."""
    masked = [i for i, c in enumerate(counts) if c is None]
    rest = total - sum(c for c in counts if c is not None)
    lows = [low if b is True else 0 for b in bounded]
    pins = {}
    for i in masked:
        lo_i, hi_i = (lows[i], m - 1) if bounded[i] is not False else (0, rest)
        others_lo = sum(lows[j] if bounded[j] is not False else 0 for j in masked if j != i)
        others_hi = sum(m - 1 if bounded[j] is not False else rest for j in masked if j != i)
        lo, hi = max(lo_i, rest - others_hi), min(hi_i, rest - others_lo)
        if lo == hi and hi > 0:  # pinned to 0 says "nobody", which a shown 0 says too
            pins[i] = lo
    return pins


def check_counts(
    label: str,
    lines: Sequence[tuple[Sequence[int | None], int, Sequence[bool | None], Sequence[int]]],
    m: int,
) -> None:
    """Each line: counts (None = masked), their known sum, for each whether it says '< m' (True;
    None: a row withheld whole, 0..m-1; False: anything), and the true counts.

    '< m' means fewer than m, 0 included where a line needs it. A reader who takes it as 1..m-1
    must not get a count right that way, nor one who takes it as 0..m-1.
    """
    for counts, total, bounded, actual in lines:
        for low in (1, 0):
            for i, value in _pins(counts, total, bounded, m, low).items():
                assert value != actual[i], f"{label}: masked count {i} is {value}, on {counts} = {total}"


@given(st.lists(SPECS, min_size=1, max_size=14, unique_by=lambda x: x[0]), st.integers(3, 5), st.booleans())
def test_nothing_hidden_in_a_summary_can_be_solved_for(specs: list[Spec], m: int, by: bool) -> None:
    group = build(specs)
    s = summarize(Q, group, min_group=m, by="account" if by else None, items=True)
    parts: dict[Any, list[Scored]] = {}
    if by:
        for p in group:
            parts.setdefault(p.fields["account"], []).append(p)
    if s.total.suppressed:
        assert len(group) < m and all(g.suppressed for g in s.groups)
        return
    groups = {g.key: g for g in s.groups}

    def figure(label: str, value: Callable[[Scored], float | None], get: Callable[[Any], Any]) -> None:
        truth = {k: [v for p in ps if (v := value(p)) is not None] for k, ps in parts.items()}
        cells: dict[Any, tuple[int, float | None] | None] = {}
        for k in parts:
            g = groups[k]
            x = None if g.suppressed else get(g)
            cells[k] = None if x is None or x[0] is None else x
        t = get(s.total)
        total = None if t is None or t[0] is None else t
        if not by:
            truth, cells = {"all": [v for p in group if (v := value(p)) is not None]}, {"all": total}
        check_figure(label, truth, total, cells, m)

    for sid in [*(x.id for x in Q.scales), "overall"]:
        figure(sid, lambda p, sid=sid: _score(p, sid), lambda g, sid=sid: (g.stat(sid).n, g.stat(sid).mean))
    check_overall(s, parts, m)
    for g in (s.total, *s.groups):
        # an item's sums less its factor's give the people in one and not the other
        for item in Q.items.values():
            it = None if g.suppressed or g.items is None else g.items[item.id]
            if it is not None and it.n:
                n_scale = g.stat(item.scale_id).n
                assert n_scale is not None, f"{g.key}: {item.id} shown with {item.scale_id} hidden"
                assert abs(n_scale - it.n) == 0 or abs(n_scale - it.n) >= m, f"{g.key}: {item.id}"
    for item in Q.items:
        figure(
            item,
            lambda p, i=item: p.answers.get(i),
            lambda g, i=item: (g.items[i].n, g.items[i].mean) if g.items else None,
        )
    for scale in Q.scales:
        ids = [i.id for i in scale.items]

        def complete(p: Scored, ids: list[str] = ids) -> float | None:
            return 0.0 if all(i in p.answers for i in ids) else None

        figure(
            f"alpha {scale.id}",
            complete,
            lambda g, sid=scale.id: (g.reliability[sid].n, None) if g.reliability else None,
        )
        for g in (s.total, *s.groups):
            r = None if g.suppressed or g.reliability is None else g.reliability[scale.id]
            if r is not None and r.n is not None and 0 < r.n < m:
                raise AssertionError(f"alpha of {scale.id} shown from {r.n} complete cases")
    # zones: each shown group's row adds up to its people with a zone; each zone across groups
    zoned = {k: [p for p in ps if p.profile.distance and p.profile.distance.zone] for k, ps in parts.items()}
    lines = []
    n_zoned = sum(1 for p in group if p.profile.distance and p.profile.distance.zone)
    zone_ids = list(s.total.zones)

    def says(g: Any, z: str, n: int) -> bool | None:
        if g.suppressed or z not in g.zones_hidden or g.zones_hidden[z].code != "fewer":
            return False
        return None if n < m else True

    def true_counts(ps: Sequence[Scored]) -> list[int]:
        return [sum(1 for p in ps if p.profile.distance and p.profile.distance.zone == z) for z in zone_ids]

    lines = [
        (
            [s.total.zones[z] for z in zone_ids],
            n_zoned,
            [says(s.total, z, n_zoned) for z in zone_ids],
            true_counts(group),
        )
    ]
    for k, g in groups.items():
        if not g.suppressed:
            bounded = [says(g, z, len(zoned[k])) for z in zone_ids]
            lines.append(([g.zones[z] for z in zone_ids], len(zoned[k]), bounded, true_counts(parts[k])))
    for n, z in enumerate(zone_ids):
        if s.total.zones[z] is None or not by:
            continue
        counts = [None if g.suppressed else g.zones[z] for g in groups.values()]
        bounded = [says(g, z, len(zoned[k])) for k, g in groups.items()]
        lines.append((counts, s.total.zones[z], bounded, [true_counts(parts[k])[n] for k in groups]))
    # pole band counts: the threshold (80) is the top band's lower limit, so a pole's people in the
    # top band are those in its zones above the threshold, plus those whose other pole is unscored
    # (none when the pole's n is the group's people with a zone): another sum of zone counts.
    above = {"proximity": ("balanced", "too_close"), "perspective": ("balanced", "too_far")}
    assert Q.distance is not None and Q.distance.threshold == Q.find_band("strength").min
    shown_groups = [(s.total, group)] + [(g, parts[k]) for k, g in groups.items() if not g.suppressed]
    for g, ps in shown_groups:
        n_zone = sum(1 for p in ps if p.profile.distance and p.profile.distance.zone)
        for pid, pole in g.poles.items():
            if pole.suppressed or pole.n == 0:
                continue
            shown = all(v is not None for v in pole.bands.values())
            assert not (shown and g.zones_hidden), f"{g.key}: {pid} band counts shown beside hidden zone counts"
            if shown and pole.n == n_zone:
                idx = [zone_ids.index(z) for z in above[pid]]
                lines.append(
                    (
                        [g.zones[zone_ids[i]] for i in idx],
                        pole.bands["strength"],
                        [says(g, zone_ids[i], n_zone) for i in idx],
                        [true_counts(ps)[i] for i in idx],
                    )
                )
    check_counts("zones", lines, m)


def check_unpaired(
    sid: str,
    c: Any,
    keys: Sequence[Any],
    before: Sequence[Scored],
    after: Sequence[Scored],
    pairs: Sequence[tuple[Scored, Scored]],
    m: int,
) -> None:
    """Side sums minus the paired sum give the people present in one session only: for every group
    whose paired change is shown, and for the subgroups whose paired change is hidden taken together
    when the total's is shown, those people must be none or at least ``m`` on each side."""

    def once(within: Callable[[Any], bool]) -> tuple[int, int]:
        both = [
            (p, n)
            for p, n in pairs
            if within(p.fields["account"])
            and within(n.fields["account"])
            and _score(p, sid) is not None
            and _score(n, sid) is not None
        ]
        nb = sum(1 for p in before if within(p.fields["account"]) and _score(p, sid) is not None)
        na = sum(1 for p in after if within(p.fields["account"]) and _score(p, sid) is not None)
        return nb - len(both), na - len(both)

    groups = {g.key: g for g in c.groups}
    tc = c.total.change(sid)
    if tc is not None and tc.paired is not None:
        assert all(u == 0 or u >= m for u in once(lambda _: True)), f"{sid}: total"
        hidden = {k for k in keys if groups[k].suppressed or (ch := groups[k].change(sid)) is None or ch.paired is None}
        if hidden:
            assert all(u == 0 or u >= m for u in once(lambda k: k in hidden)), f"{sid}: {hidden}"
    for k in keys:
        g = groups[k]
        ch = None if g.suppressed else g.change(sid)
        if ch is not None and ch.paired is not None and ch.before is not None:
            assert all(u == 0 or u >= m for u in once(lambda a, k=k: a == k)), f"{sid}: {k}"


@given(
    st.lists(SPECS, min_size=3, max_size=10, unique_by=lambda x: x[0]),
    st.lists(st.tuples(st.integers(0, 15), st.integers(-2, 2)), max_size=10, unique_by=lambda x: x[0]),
    st.integers(3, 5),
)
def test_nothing_hidden_in_a_comparison_can_be_solved_for(
    specs: list[Spec], moves: list[tuple[int, int]], m: int
) -> None:
    # after: the people listed in ``moves`` again (same id and account, answers shifted), or new ones
    before = build(specs)
    by_id = {spec[0]: spec for spec in specs}
    again = []
    for pid, shift in moves:
        if pid in by_id:
            _, account, levels, modes = by_id[pid]
            again.append((pid, account, tuple(min(5, max(1, v + shift)) for v in levels), modes))
        else:
            again.append((pid, pid % 4 if pid % 4 < 3 else None, (3,) * len(Q.scales), (0,) * len(Q.scales)))
    after = build(again)
    c = compare(Q, before, after, min_group=m, by="account")
    if c.total.suppressed:
        return
    keys = sorted({p.fields["account"] for p in (*before, *after)}, key=lambda k: (k is None, str(k)))
    groups = {g.key: g for g in c.groups}
    pairs, _ = pair(before, after)
    for sid in [*(x.id for x in Q.scales), "overall"]:
        for side, items in (("before", before), ("after", after)):
            truth = {
                k: [v for p in items if p.fields["account"] == k and (v := _score(p, sid)) is not None] for k in keys
            }
            cells: dict[Any, tuple[int, float | None] | None] = {}
            for k in keys:
                g = groups[k]
                ch = None if g.suppressed else g.change(sid)
                sd = None if ch is None else getattr(ch, side)
                empty = ch is not None and ch.hidden is None and ch.before is None
                cells[k] = (0, None) if empty and not truth[k] else None if sd is None else (sd.n, sd.mean)
            tc = c.total.change(sid)
            assert tc is not None
            t_side = None if tc.hidden is not None else getattr(tc, side)
            t_cell = None if t_side is None else (t_side.n, t_side.mean)
            if tc.hidden is None and tc.before is None:
                # nobody in one session: no change to show; that session's total is 0, the other unshown
                t_cell = (0, None) if not any(truth.values()) else None
            if t_cell is None and not any(truth.values()):
                continue
            check_figure(f"{sid} {side}", truth, t_cell, cells, m)
        # paired: the pairs within each account, plus those across two accounts (never shown)
        diffs: dict[Any, list[float]] = {k: [] for k in (*keys, "crossed")}
        for p, n in pairs:
            x, y = _score(p, sid), _score(n, sid)
            if x is not None and y is not None:
                k = p.fields["account"] if p.fields["account"] == n.fields["account"] else "crossed"
                diffs[k].append(y - x)
        pcells: dict[Any, tuple[int, float | None] | None] = {"crossed": None}
        for k in keys:
            g = groups[k]
            ch = None if g.suppressed else g.change(sid)
            if ch is not None and ch.paired is not None:
                pcells[k] = (ch.paired.n, ch.paired.mean_change)
            elif ch is not None and ch.paired_hidden is None and not diffs[k]:
                pcells[k] = (0, None)
            else:
                pcells[k] = None
        tc = c.total.change(sid)
        tp = None if tc is None or tc.paired is None else (tc.paired.n, tc.paired.mean_change)
        if tc is not None and tc.paired is None and tc.paired_hidden is None:
            tp = (0, None)
        check_figure(f"paired {sid}", diffs, tp, pcells, m)
        check_unpaired(sid, c, keys, before, after, pairs, m)
    # zone moves: each shown table adds up to its people paired with a zone in both sessions
    zones = list(c.total.zones_before)

    def zoned_pairs(k: Any) -> list[tuple[str, str]]:
        return [
            (p.profile.distance.zone, n.profile.distance.zone)
            for p, n in pairs
            if (k == "total" or p.fields["account"] == n.fields["account"] == k)
            and p.profile.distance
            and p.profile.distance.zone
            and n.profile.distance
            and n.profile.distance.zone
        ]

    for k, g in [("total", c.total), *groups.items()]:
        if g.suppressed or g.moves is None:
            continue
        moved = zoned_pairs(k)
        shown = [g.moves[z][t] for z in zones for t in zones]
        bounded = [(z, t) in g.moves_hidden and g.moves_hidden[(z, t)].code == "fewer" for z in zones for t in zones]
        actual = [moved.count((z, t)) for z in zones for t in zones]
        check_counts(f"moves {k}", [(shown, len(moved), bounded, actual)], m)
        assert g.moved is None or g.moved == 0 or g.moved >= m
        # A session's zone count minus its row (before) or column (after) of moves is the people
        # outside the table in that zone (present once, or paired across two accounts).
        for side in ("before", "after"):
            counts = g.zones_before if side == "before" else g.zones_after
            for z in zones:
                line = [g.moves[z][t] for t in zones] if side == "before" else [g.moves[t][z] for t in zones]
                if counts.get(z) is None or any(v is None for v in line):
                    continue
                outside = counts[z] - sum(line)  # type: ignore[arg-type, operator]
                assert outside == 0 or outside >= m, f"zones {side} {k} {z}: {outside} outside the moves"


def test_the_zone_of_someone_present_once_is_not_left_by_the_moves() -> None:
    # Found by a tester: 12 before (4 per zone), the same people but one after and nobody moving.
    # Before "too far" 4 minus its row of moves 3 gave the zone of the one who left.
    where = {"balanced": (5, 5), "too_close": (5, 1), "too_far": (1, 5)}

    def person(pid: int, zone: str) -> Scored:
        prox, persp = where[zone]
        answers = {}
        for scale in Q.scales:
            level = prox if scale.id == "proximity" else persp if scale.id == "perspective" else 3
            for item in scale.items:
                answers[item.id] = 6 - level if item.reverse else level
        return scored(Q, answers, id=f"p{pid}", account=None)

    people = [person(n, zone) for n, zone in enumerate([z for z in where for _ in range(4)])]
    c = compare(Q, people, people[:-1], min_group=3)
    assert c.total.moves is not None and c.total.moves["too_far"]["too_far"] == 3
    assert set(c.total.zones_before.values()) == {None}
    assert {h.code for h in c.total.zones_hidden["before"].values()} == {"unpaired"}
    assert c.total.zones_after == {"balanced": 4, "too_close": 4, "too_far": 3, "adrift": 0}
