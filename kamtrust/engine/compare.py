"""Before/after comparison of a group: mean changes, paired where people match, effect sizes (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kamtrust.engine.anonymity import (
    FEWER,
    INCOMPLETE,
    UNPAIRED,
    Hidden,
    plan_figure,
)
from kamtrust.engine.group import (
    Scored,
    _sort_key,
    keyed_rows,
    one_per_person,
    person_id,
    plan_suppression,
    split,
    zone_plan,
)
from kamtrust.engine.moves import CROSSED, MovesPlan, ZonesHidden, crossed_ref, moves_plan, transitions
from kamtrust.engine.present_once import SideFacts, guard_sides
from kamtrust.engine.rci import ReliableChange, reliable_change
from kamtrust.engine.stats import cohen_d, cohen_dz, cronbach_alpha, mean, sd
from kamtrust.engine.unpaired import Pairing, person_key
from kamtrust.engine.unpaired import explain as explain_unpaired
from kamtrust.engine.versions import CrossVersion
from kamtrust.questionnaire.model import ZONE_IDS, Questionnaire

MATCH_ID = "id"
MATCH_NAME = "name"


@dataclass(frozen=True)
class Side:
    """n, mean and sd of one score in one set (before or after)."""

    n: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True)
class Paired:
    """The change of the people found in both sets."""

    n: int
    mean_change: float
    """Mean of (after - before) over the pairs."""
    sd: float | None
    """SD of the differences."""
    dz: float | None
    """Cohen's d_z = mean_change / sd."""


@dataclass(frozen=True)
class Change:
    """How one score (a factor, a pole or the overall index) moved."""

    scale: str
    before: Side | None
    """None when hidden, or when nobody has this score in one of the sessions."""
    after: Side | None
    change: float | None
    """after.mean - before.mean (unpaired)."""
    d: float | None
    """Cohen's d with the pooled SD (unpaired)."""
    paired: Paired | None
    """None when hidden or when nobody could be paired."""
    hidden: Hidden | None = None
    """Why the change is hidden (fewer than ``min_group`` scores in a session, or complementary)."""
    paired_hidden: Hidden | None = None
    """Why the paired change is hidden (also when the change itself is)."""
    rci: ReliableChange | None = None
    """Reliable change of the paired people (factors and poles of the total, when the paired change is shown)."""
    before_hidden: Hidden | None = None
    """Why the before session's figures (and so the unpaired change and d) are hidden while the paired
    change is shown: 1..min_group-1 people present only before would come out by subtraction."""
    after_hidden: Hidden | None = None
    """The same for the after session (1..min_group-1 people present only after)."""


@dataclass(frozen=True)
class CompareGroup:
    """The comparison for one group (the total, or one value of ``by``)."""

    key: str | None
    suppressed: bool
    hidden: Hidden | None
    """Why the whole group is hidden (None when shown)."""
    n_before: int | None = None
    n_after: int | None = None
    n_paired: int | None = None
    unmatched_before: int | None = None
    unmatched_after: int | None = None
    ambiguous: int | None = None
    """People left unpaired because their key appears more than once in a set."""
    factors: Mapping[str, Change] = field(default_factory=dict)
    poles: Mapping[str, Change] = field(default_factory=dict)
    overall: Change | None = None
    zones_before: Mapping[str, int | None] = field(default_factory=dict)
    zones_after: Mapping[str, int | None] = field(default_factory=dict)
    moves: Mapping[str, Mapping[str, int | None]] | None = None
    """Paired people per (zone before -> zone after); None when nobody was paired or all is hidden."""
    moved: int | None = None
    """Paired people whose zone changed (None when hidden)."""
    zones_hidden: Mapping[str, Mapping[str, Hidden]] = field(default_factory=dict)
    """{'before': {zone: why}, 'after': {...}}: the zone counts hidden."""
    moves_hidden: Mapping[tuple[str, str], Hidden] = field(default_factory=dict)
    """(zone before, zone after) -> why that count of moves is hidden."""
    moved_hidden: Hidden | None = None
    moves_withheld: Hidden | None = None
    """Why the whole table of moves is hidden (fewer than ``min_group`` people paired)."""

    def change(self, scale_id: str) -> Change | None:
        """The change of a factor, a pole or 'overall'."""
        if scale_id == "overall":
            return self.overall
        return self.factors.get(scale_id) or self.poles.get(scale_id)


@dataclass(frozen=True)
class Comparison:
    """A whole before/after comparison."""

    questionnaire_id: str
    questionnaire_version: str
    min_group: int
    by: str | None
    match: str
    excluded: Mapping[str, Mapping[str, int]]
    """{'before': {'partial': n, 'rejected': n}, 'after': {...}}."""
    total: CompareGroup
    groups: tuple[CompareGroup, ...]
    versions: CrossVersion | None = None
    """Set when the sessions were answered with two versions of the questionnaire."""
    pairing: Pairing | None = None
    """Who could not be paired and why (identities: for the trainer's terminal, or ``with_names``)."""
    dates: Mapping[str, tuple[str, str] | None] = field(default_factory=dict)
    """{'before': (first, last), 'after': ...}: when each session's results were made (UTC stamps)."""
    with_names: bool = False
    """Whether documents may name the people not paired (else only counts per reason)."""
    merge_accounts: bool = False
    """Whether accounts spelled differently were paired (``--match-accounts``)."""


def match_key(match: str, merge_accounts: bool = False) -> Callable[[Scored], tuple[str, str | None] | None]:
    """How a person is recognised in both sets: participant id (or name), and the account.

    The account is part of the key because one person may assess several client accounts; with
    ``merge_accounts``, accounts that differ only in case, accents, punctuation or a legal form
    (S.A., Ltd…) are one. Returns None for results that cannot be matched (no name when matching by name).
    """
    if merge_accounts:
        return person_key(match, merge_accounts=True)  # type: ignore[no-any-return]

    def key(s: Scored) -> tuple[str, str | None] | None:
        if match == MATCH_NAME:
            name = s.fields.get("name")
            if not name or not name.strip():
                return None
            who = " ".join(name.split()).casefold()
        else:
            who = person_id(s.fields.get("id"))  # "ABC-1" and " abc-1" are one person
            if not who:
                return None
        account = s.fields.get("account")
        return who, (" ".join(account.split()).casefold() if account else None)

    return key


def pair(
    before: Sequence[Scored], after: Sequence[Scored], match: str = MATCH_ID, merge_accounts: bool = False
) -> tuple[list[tuple[Scored, Scored]], int]:
    """The (before, after) pairs, and how many people were left unpaired as ambiguous."""
    key = match_key(match, merge_accounts)

    def index(items: Sequence[Scored]) -> tuple[dict[Any, Scored], set[Any]]:
        seen: dict[Any, Scored] = {}
        dup: set[Any] = set()
        for s in items:
            k = key(s)
            if k is None:
                continue
            if k in seen:
                dup.add(k)
            seen[k] = s
        return seen, dup

    b, bdup = index(before)
    a, adup = index(after)
    ambiguous = bdup | adup
    pairs = [(b[k], a[k]) for k in b if k in a and k not in ambiguous]
    return pairs, len(ambiguous)


def _score(s: Scored, scale_id: str) -> float | None:
    if scale_id == "overall":
        return s.profile.overall
    sc = s.profile.factors.get(scale_id) or s.profile.poles.get(scale_id)
    return sc.score if sc is not None else None


def _change(
    scale_id: str,
    before: Sequence[Scored],
    after: Sequence[Scored],
    pairs: Sequence[tuple[Scored, Scored]],
) -> Change:
    """Every figure of one change, nothing hidden yet; empty (no sides) when a session has no score."""
    b = [v for s in before if (v := _score(s, scale_id)) is not None]
    a = [v for s in after if (v := _score(s, scale_id)) is not None]
    diffs = [
        y - x for p, q in pairs if (x := _score(p, scale_id)) is not None and (y := _score(q, scale_id)) is not None
    ]
    paired = Paired(len(diffs), mean(diffs), sd(diffs), cohen_dz(diffs)) if diffs else None  # type: ignore[arg-type]
    if not b or not a:
        return Change(scale_id, None, None, None, None, paired)
    mb, ma = mean(b), mean(a)
    return Change(scale_id, Side(len(b), mb, sd(b)), Side(len(a), ma, sd(a)), ma - mb, cohen_d(b, a), paired)  # type: ignore[operator]


def _counts(scale_id: str, before: Sequence[Scored], after: Sequence[Scored]) -> tuple[int, int]:
    return (
        sum(1 for s in before if _score(s, scale_id) is not None),
        sum(1 for s in after if _score(s, scale_id) is not None),
    )


def _zones(items: Sequence[Scored]) -> dict[str, int | None]:
    counts = Counter(s.profile.distance.zone for s in items if s.profile.distance is not None)
    return {z: counts.get(z, 0) for z in ZONE_IDS}


def compared_scales(q: Questionnaire, versions: CrossVersion | None = None) -> list[str]:
    """The scores compared, in ``q``'s order: every factor, pole and the overall index; across two
    versions only the factors and poles both share, and the overall index only when they share
    every factor (it is their mean)."""
    if versions is None:
        return [*(s.id for s in q.scales), "overall"]
    b = versions.bridge
    shared = {*b.factors, *b.poles}
    return [*(s.id for s in q.scales if s.id in shared), *(["overall"] if b.overall_comparable else [])]


def zones_compared(q: Questionnaire, versions: CrossVersion | None = None) -> bool:
    """Zone counts and moves are compared only when both sessions' zones are defined alike."""
    return q.distance is not None and (versions is None or versions.bridge.zones_comparable)


def compare_group(
    q: Questionnaire,
    before: Sequence[Scored],
    after: Sequence[Scored],
    *,
    key: str | None = None,
    match: str = MATCH_ID,
    pairs: Sequence[tuple[Scored, Scored]] | None = None,
    versions: CrossVersion | None = None,
    merge_accounts: bool = False,
) -> CompareGroup:
    """Every figure of one group's comparison, nothing hidden yet (:func:`compare` applies the rules).

    ``pairs`` defaults to pairing ``before`` with ``after``; a subgroup takes the total's pairs
    whose two results both belong to it. Across ``versions``, only what both share.
    """
    found, ambiguous = pair(before, after, match, merge_accounts)
    if pairs is None:
        pairs = found
    changes = {sid: _change(sid, before, after, pairs) for sid in compared_scales(q, versions)}
    factor_ids = {f.id for f in q.factors}
    zones = zones_compared(q, versions)
    moves = moved = None
    if zones and pairs:
        t = transitions(pairs)
        moves = {z: {n: t[(z, n)] for n in ZONE_IDS} for z in ZONE_IDS}
        moved = sum(c for (z, n), c in t.items() if z != n)
    return CompareGroup(
        key,
        False,
        None,
        len(before),
        len(after),
        len(pairs),
        len(before) - len(pairs),
        len(after) - len(pairs),
        ambiguous,
        {k: v for k, v in changes.items() if k in factor_ids},
        {k: v for k, v in changes.items() if k not in factor_ids and k != "overall"},
        changes.get("overall"),
        _zones(before) if zones else {},
        _zones(after) if zones else {},
        moves,
        moved,
    )


def _hide_change(
    c: Change, why: Hidden | None, paired_why: Hidden | None, sides: Mapping[int, Hidden] | None = None
) -> Change:
    if why is not None:
        return Change(c.scale, None, None, None, None, None, why, paired_why or why)
    if paired_why is not None:
        c = replace(c, paired=None, paired_hidden=paired_why)
    if sides:
        # A session hidden takes the unpaired change and d with it (after - before would give it back).
        c = replace(
            c,
            before=None if 0 in sides else c.before,
            after=None if 1 in sides else c.after,
            change=None,
            d=None,
            before_hidden=sides.get(0),
            after_hidden=sides.get(1),
        )
    return c


def _crossed_within(crossed: Sequence[tuple[Scored, Scored]], sid: str, by: str | None) -> dict[Any, int]:
    """For each ``by`` value: the people paired across subgroups whose two results are scored on ``sid``.

    Keyed by (before's value, after's value), so a set of subgroups can tell the pairs it holds whole.
    """
    out: Counter[Any] = Counter()
    if by is None:
        return {}
    for p, n in crossed:
        if _score(p, sid) is not None and _score(n, sid) is not None:
            out[(p.fields.get(by), n.fields.get(by))] += 1
    return dict(out)


def _overall_pre(
    q: Questionnaire,
    b_parts: Mapping[Any, Sequence[Scored]],
    a_parts: Mapping[Any, Sequence[Scored]],
    before: Sequence[Scored],
    after: Sequence[Scored],
    plans: Mapping[Any, Mapping[str, ChangePlan]],
    m: int,
) -> tuple[dict[Any, Hidden], Hidden | None]:
    """The overall indexes to hide before planning (the subgroups'), and the total's.

    In a session, each factor's n x mean less 8 x the overall's gives the people with that factor
    but not every one: hidden when they are 1..m-1 (INCOMPLETE); and where a factor's change is
    hidden, the overall with the other factors would give it.
    """

    def incomplete(b: Sequence[Scored], a: Sequence[Scored]) -> bool:
        o = _counts("overall", b, a)
        return any(0 < n - no < m for f in q.factors for n, no in zip(_counts(f.id, b, a), o, strict=True))

    pre: dict[Any, Hidden] = {}
    for k, plan in plans.items():
        if k == "total":
            continue
        if incomplete(b_parts.get(k, []), a_parts.get(k, [])):
            pre[k] = Hidden(INCOMPLETE, m)
        else:
            why = next((plan[f.id][0] for f in q.factors if f.id in plan and plan[f.id][0] is not None), None)
            if why is not None:
                pre[k] = why
    total = plans["total"]
    t_why = Hidden(INCOMPLETE, m) if incomplete(before, after) else None
    t_why = t_why or next((total[f.id][0] for f in q.factors if f.id in total and total[f.id][0] is not None), None)
    return pre, t_why


ChangePlan = tuple[Hidden | None, Hidden | None, Mapping[int, Hidden]]
"""Why a change is hidden, why its paired change is, and which sessions' figures are (0 before, 1 after)."""


def _guard_zones_unpaired(
    total: CompareGroup,
    raw: Mapping[Any, CompareGroup],
    whole: Mapping[Any, Hidden],
    zones_total: tuple[Mapping[str, Hidden], Mapping[str, Hidden]],
    zones_group: dict[Any, tuple[Mapping[str, Hidden], Mapping[str, Hidden]]],
    m: int,
) -> tuple[
    tuple[Mapping[str, Hidden], Mapping[str, Hidden]], dict[Any, tuple[Mapping[str, Hidden], Mapping[str, Hidden]]]
]:
    """A session's zone counts minus the zone moves' row (or column) sums are the zones of the
    people outside the moves table (present once, or moved to another subgroup): where that is
    1 to ``m`` - 1 people in any table, that session's zone counts are hidden in every table
    (a hidden group's counts would come back as the total's minus the others')."""

    def outside(g: CompareGroup, side: int) -> int:
        counts = g.zones_before if side == 0 else g.zones_after
        in_zone = sum(v or 0 for v in counts.values())
        paired = sum(v or 0 for row in (g.moves or {}).values() for v in row.values())
        return in_zone - paired

    tables = [total, *(g for k, g in raw.items() if k not in whole)]
    hide = [any(0 < outside(g, side) < m for g in tables) for side in (0, 1)]
    if not any(hide):
        return zones_total, zones_group
    why = Hidden(UNPAIRED, m)

    def masked(current: Mapping[str, Hidden], g: CompareGroup, side: int) -> Mapping[str, Hidden]:
        if not hide[side]:
            return current
        counts = g.zones_before if side == 0 else g.zones_after
        return {**{z: why for z in counts}, **{z: h for z, h in current.items() if h.code != UNPAIRED}}

    new_total = (masked(zones_total[0], total, 0), masked(zones_total[1], total, 1))
    new_groups = {
        k: (masked(zb, raw[k], 0), masked(za, raw[k], 1)) if k not in whole else (zb, za)
        for k, (zb, za) in zones_group.items()
    }
    return new_total, new_groups


def _finish(
    g: CompareGroup,
    changes: Mapping[str, ChangePlan],
    zones: tuple[Mapping[str, Hidden], Mapping[str, Hidden]],
    moves: tuple[dict[tuple[str, str], Hidden], Hidden | None, Hidden | None] | None,
) -> CompareGroup:
    """``g`` with its hidden changes, paired changes, zone counts and moves taken out."""

    def fix(c: Change) -> Change:
        why, paired_why, sides = changes.get(c.scale, (None, None, {}))
        return _hide_change(c, why, paired_why, sides)

    out = replace(
        g,
        factors={k: fix(c) for k, c in g.factors.items()},
        poles={k: fix(c) for k, c in g.poles.items()},
        overall=fix(g.overall) if g.overall is not None else None,
        zones_before={z: None if z in zones[0] else c for z, c in g.zones_before.items()},
        zones_after={z: None if z in zones[1] else c for z, c in g.zones_after.items()},
        zones_hidden={"before": dict(zones[0]), "after": dict(zones[1])},
    )
    if moves is None or g.moves is None:
        return out
    cells, moved_why, withheld = moves
    if withheld is not None:
        return replace(out, moves=None, moved=None, moves_withheld=withheld)
    return replace(
        out,
        moves={z: {t: None if (z, t) in cells else v for t, v in row.items()} for z, row in g.moves.items()},
        moved=None if moved_why is not None else g.moved,
        moves_hidden=cells,
        moved_hidden=moved_why,
    )


@dataclass(frozen=True)
class _Sessions:
    """Both sessions, whole and per ``by`` value, with each group's figures before anything is hidden."""

    q: Questionnaire
    versions: CrossVersion | None
    by: str | None
    m: int
    before: Sequence[Scored]
    after: Sequence[Scored]
    b_parts: Mapping[Any, Sequence[Scored]]
    a_parts: Mapping[Any, Sequence[Scored]]
    total: CompareGroup
    raw: Mapping[Any, CompareGroup]
    """Each subgroup's comparison (only the pairs within it), by key."""
    all_pairs: Sequence[tuple[Scored, Scored]]
    crossed: Sequence[tuple[Scored, Scored]]
    """The people paired across two subgroups (in the total only)."""
    whole: Mapping[Any, Hidden]
    """The subgroups hidden whole."""


def _check_options(min_group: int, match: str) -> None:
    """Refuses a minimum group under 1 and an unknown way of pairing."""
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    if match not in (MATCH_ID, MATCH_NAME):
        raise ValueError(f"match must be '{MATCH_ID}' or '{MATCH_NAME}'")


def _split_pairs(
    pairs: Sequence[tuple[Scored, Scored]], by: str, keys: Sequence[Any]
) -> tuple[dict[Any, list[tuple[Scored, Scored]]], list[tuple[Scored, Scored]]]:
    """The pairs within each ``by`` value, and those whose two results have different values."""
    own: dict[Any, list[tuple[Scored, Scored]]] = {k: [] for k in keys}
    crossed: list[tuple[Scored, Scored]] = []
    for p, n in pairs:
        k = p.fields.get(by)
        if k == n.fields.get(by):
            own[k].append((p, n))
        else:
            crossed.append((p, n))
    return own, crossed


def _sessions(
    q: Questionnaire,
    before: Sequence[Scored],
    after: Sequence[Scored],
    b_parts: Mapping[Any, Sequence[Scored]],
    a_parts: Mapping[Any, Sequence[Scored]],
    keys: Sequence[Any],
    *,
    by: str | None,
    match: str,
    m: int,
    versions: CrossVersion | None,
    merge_accounts: bool,
) -> _Sessions:
    """The total's and each subgroup's comparison, nothing hidden yet, and the subgroups hidden whole."""
    total = compare_group(q, before, after, match=match, versions=versions, merge_accounts=merge_accounts)
    all_pairs, _ = pair(before, after, match, merge_accounts)
    raw: dict[Any, CompareGroup] = {}
    crossed: list[tuple[Scored, Scored]] = []
    if by is not None:
        own, crossed = _split_pairs(all_pairs, by, keys)
        raw = {
            k: compare_group(
                q,
                b_parts.get(k, []),
                a_parts.get(k, []),
                key=k,
                match=match,
                pairs=own[k],
                versions=versions,
                merge_accounts=merge_accounts,
            )
            for k in keys
        }
    whole = plan_suppression({k: (g.n_before or 0, g.n_after or 0) for k, g in raw.items()}, m)
    return _Sessions(q, versions, by, m, before, after, b_parts, a_parts, total, raw, all_pairs, crossed, whole)


def _plan_changes(s: _Sessions) -> dict[Any, dict[str, ChangePlan]]:
    """What to hide of each score's change, per group ('total' and each subgroup's key)."""
    plans: dict[Any, dict[str, ChangePlan]] = {k: {} for k in ["total", *s.raw]}
    for sid in compared_scales(s.q, s.versions):  # the overall index last: it takes the factors' plans
        plans["total"][sid], per_group = _plan_change(s, sid, plans)
        for k in s.raw:
            plans[k][sid] = per_group[k]
    return plans


def _plan_change(
    s: _Sessions, sid: str, plans: Mapping[Any, Mapping[str, ChangePlan]]
) -> tuple[ChangePlan, dict[Any, ChangePlan]]:
    """One score's plan: the change hidden from both sessions' n, the paired change where the
    change is and by the same rule on the pairs, then the sessions' figures that would give away
    the people present once. Returns the total's plan and each subgroup's."""
    m = s.m
    sides = {k: _counts(sid, s.b_parts.get(k, []), s.a_parts.get(k, [])) for k in s.raw}
    t_sides = _counts(sid, s.before, s.after)
    unshown = [k for k, ns in sides.items() if min(ns) == 0 < max(ns)]
    if sid == "overall":
        pre, t_pre = _overall_pre(s.q, s.b_parts, s.a_parts, s.before, s.after, plans, m)
        cells, t_why = plan_figure(sides, t_sides, m, hidden={**pre, **s.whole}, unshown=unshown)
        t_why = t_why or t_pre
    else:
        cells, t_why = plan_figure(sides, t_sides, m, hidden=s.whole, unshown=unshown)
    pairs_n = _pairs_counts(s, sid)
    tp = s.total.change(sid).paired  # type: ignore[union-attr]
    t_paired = tp.n if tp else 0
    p_cells, tp_why = plan_figure(
        pairs_n, (t_paired,), m, hidden=cells, unshown=[CROSSED] if s.by else [], ref=crossed_ref
    )
    facts = SideFacts(
        sides,
        pairs_n,
        cells,
        {k: h for k, h in p_cells.items() if k != CROSSED},
        _crossed_within(s.crossed, sid, s.by),
        unshown,
        m,
    )
    g_sides, t_side_why = guard_sides(facts, t_sides, t_paired, t_why, tp_why)
    per_group: dict[Any, ChangePlan] = {k: (cells.get(k), cells.get(k) or p_cells.get(k), g_sides[k]) for k in s.raw}
    return (t_why, t_why or tp_why, t_side_why), per_group


def _pairs_counts(s: _Sessions, sid: str) -> dict[Any, tuple[int]]:
    """People paired on ``sid`` per subgroup, and across two subgroups (CROSSED) when split."""
    pairs_n = {k: (pc.n if (pc := g.change(sid).paired) else 0,) for k, g in s.raw.items()}  # type: ignore[union-attr]
    if s.by is not None:
        pairs_n[CROSSED] = (
            len([1 for p, n in s.crossed if _score(p, sid) is not None and _score(n, sid) is not None]),
        )
    return pairs_n


def _plan_zones(s: _Sessions) -> tuple[ZonesHidden, dict[Any, ZonesHidden], dict[Any, MovesPlan]]:
    """What to hide of the zone counts (the total's, each subgroup's) and of the zone moves."""
    zones_total: ZonesHidden = ({}, {})
    zones_group: dict[Any, ZonesHidden] = {k: ({}, {}) for k in s.raw}
    if not zones_compared(s.q, s.versions):
        return zones_total, zones_group, {}
    raw, whole = s.raw, s.whole
    zb = zone_plan(s.total.zones_before, {k: g.zones_before for k, g in raw.items()}, whole, s.m)
    za = zone_plan(s.total.zones_after, {k: g.zones_after for k, g in raw.items()}, whole, s.m)
    zones_total = (zb[0], za[0])
    zones_group = {k: (zb[1][k], za[1][k]) for k in raw}
    moves = moves_plan(s.total, dict(raw), s.crossed, whole, s.m, {"total": zones_total, **zones_group})
    zones_total, zones_group = _guard_zones_unpaired(s.total, raw, whole, zones_total, zones_group, s.m)
    return zones_total, zones_group, moves


def compare(
    q: Questionnaire,
    before: Sequence[Scored],
    after: Sequence[Scored],
    *,
    min_group: int = 3,
    by: str | None = None,
    match: str = MATCH_ID,
    excluded: Mapping[str, Mapping[str, int]] | None = None,
    versions: CrossVersion | None = None,
    merge_accounts: bool = False,
    with_names: bool = False,
    shared_ids: Mapping[str, int] | None = None,
) -> Comparison:
    """Compare two sets of scored results of ``q``; the same anonymity rules as a summary.

    Across two ``versions`` of ``q`` (``before`` scored with ``versions.before``, ``after`` with
    ``q``), only the factors and poles both share are compared, the overall index only when they
    share every factor, and zones only when both define them alike; never items or bands.

    Whole subgroups, then each change (from both sessions' n), each paired change (from the
    pairs, with the people paired across two subgroups as a cell of their own), each zone count
    and each count of zone moves: nothing hidden can be worked out from the shown figures.

    ``merge_accounts`` pairs accounts spelled differently; the comparison says who was not paired
    and why (names kept for the documents only ``with_names``), and each session's dates.
    """
    _check_options(min_group, match)
    before, after = one_per_person(before), one_per_person(after)  # each person once per session
    extra = {
        "pairing": explain_unpaired(before, after, match=match, merge_accounts=merge_accounts, shared=shared_ids),
        "dates": {"before": _dates(before), "after": _dates(after)},
        "with_names": with_names,
        "merge_accounts": merge_accounts,
    }
    empty = {"partial": 0, "rejected": 0}
    meta = (q.id, q.version, min_group, by, match, dict(excluded or {"before": empty, "after": empty}))
    m = min_group
    b_parts = split(before, by) if by is not None else {}
    a_parts = split(after, by) if by is not None else {}
    keys = sorted(set(b_parts) | set(a_parts), key=_sort_key)
    if min(len(before), len(after)) < m:
        why = Hidden(FEWER, m)
        return Comparison(
            *meta,
            CompareGroup(None, True, why),
            tuple(CompareGroup(k, True, why) for k in keys),
            versions,
            **extra,  # type: ignore[arg-type]
        )
    s = _sessions(
        q,
        before,
        after,
        b_parts,
        a_parts,
        keys,
        by=by,
        match=match,
        m=m,
        versions=versions,
        merge_accounts=merge_accounts,
    )
    plans = _plan_changes(s)
    zones_total, zones_group, moves = _plan_zones(s)
    shown_total = _with_rci(
        q, _finish(s.total, plans["total"], zones_total, moves.get("total")), before, s.all_pairs, m
    )
    groups = tuple(
        CompareGroup(k, True, s.whole[k]) if k in s.whole else _finish(g, plans[k], zones_group[k], moves.get(k))
        for k, g in s.raw.items()
    )
    return Comparison(*meta, shown_total, groups, versions, **extra)  # type: ignore[arg-type]


def _dates(items: Sequence[Scored]) -> tuple[str, str] | None:
    """The first and last moment a session's results were made (UTC stamps); None when unknown."""
    stamps = sorted(s.when for s in items if s.when)
    return (stamps[0], stamps[-1]) if stamps else None


def _with_rci(
    q: Questionnaire, g: CompareGroup, before: Sequence[Scored], pairs: Sequence[tuple[Scored, Scored]], m: int
) -> CompareGroup:
    """``g`` with the reliable change of each factor and pole whose paired change is shown.

    Only the total's: a subgroup's counts less the total's would give the few people paired
    across two subgroups."""
    scales = {s.id: s for s in q.scales}

    def add(c: Change) -> Change:
        if c.paired is None or c.paired_hidden is not None:
            return c
        first = before
        if c.before_hidden is not None:
            # The session's SD and alpha would carry the people present only then: the pairs' own.
            first = [p for p, _ in pairs]
        values = [v for s in first if (v := _score(s, c.scale)) is not None]
        sd_before = c.before.sd if c.before is not None else sd(values) if len(values) > 1 else None
        if not sd_before:
            return c
        diffs = [
            y - x for p, n in pairs if (x := _score(p, c.scale)) is not None and (y := _score(n, c.scale)) is not None
        ]
        rows = keyed_rows(q, scales[c.scale], first) if c.scale in scales else []
        alpha = cronbach_alpha(rows) if rows else None
        return replace(c, rci=reliable_change(diffs, sd_before, alpha, len(rows), m))

    return replace(g, factors={k: add(c) for k, c in g.factors.items()}, poles={k: add(c) for k, c in g.poles.items()})
