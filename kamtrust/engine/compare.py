"""Before/after comparison of a group: mean changes, paired where people match, effect sizes (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kamtrust.engine.group import FEWER, Scored, _sort_key, one_per_person, plan_suppression, split
from kamtrust.engine.stats import cohen_d, cohen_dz, mean, sd
from kamtrust.questionnaire.model import ZONE_IDS, Questionnaire

SCHEMA = "kamtrust.group-compare/1"
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
    """None when suppressed (fewer than ``min_group`` scores before or after)."""
    after: Side | None
    change: float | None
    """after.mean - before.mean (unpaired)."""
    d: float | None
    """Cohen's d with the pooled SD (unpaired)."""
    paired: Paired | None
    """None when fewer than ``min_group`` people could be paired."""


@dataclass(frozen=True)
class CompareGroup:
    """The comparison for one group (the total, or one value of ``by``)."""

    key: str | None
    suppressed: bool
    reason: str | None
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
    zones_before: Mapping[str, int] = field(default_factory=dict)
    zones_after: Mapping[str, int] = field(default_factory=dict)
    moves: Mapping[str, Mapping[str, int]] | None = None
    """Paired people per (zone before -> zone after); None when pairs are too few."""
    moved: int | None = None
    """Paired people whose zone changed."""


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


def match_key(match: str) -> Callable[[Scored], tuple[str, str | None] | None]:
    """How a person is recognised in both sets: participant id (or name), and the account.

    The account is part of the key because one person may assess several client accounts.
    Returns None for results that cannot be matched (no name when matching by name).
    """

    def key(s: Scored) -> tuple[str, str | None] | None:
        if match == MATCH_NAME:
            name = s.fields.get("name")
            if not name or not name.strip():
                return None
            who = " ".join(name.split()).casefold()
        else:
            who = s.fields.get("id") or ""
            if not who:
                return None
        account = s.fields.get("account")
        return who, (" ".join(account.split()).casefold() if account else None)

    return key


def pair(
    before: Sequence[Scored], after: Sequence[Scored], match: str = MATCH_ID
) -> tuple[list[tuple[Scored, Scored]], int]:
    """The (before, after) pairs, and how many people were left unpaired as ambiguous."""
    key = match_key(match)

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
    min_group: int,
) -> Change:
    b = [v for s in before if (v := _score(s, scale_id)) is not None]
    a = [v for s in after if (v := _score(s, scale_id)) is not None]
    if len(b) < min_group or len(a) < min_group:
        return Change(scale_id, None, None, None, None, None)
    mb, ma = mean(b), mean(a)
    diffs = [
        y - x for p, q in pairs if (x := _score(p, scale_id)) is not None and (y := _score(q, scale_id)) is not None
    ]
    paired = None
    if len(diffs) >= min_group:
        paired = Paired(len(diffs), mean(diffs), sd(diffs), cohen_dz(diffs))  # type: ignore[arg-type]
    return Change(
        scale_id,
        Side(len(b), mb, sd(b)),
        Side(len(a), ma, sd(a)),
        ma - mb,  # type: ignore[operator]
        cohen_d(b, a),
        paired,
    )


def _zones(items: Sequence[Scored]) -> dict[str, int]:
    counts = Counter(s.profile.distance.zone for s in items if s.profile.distance is not None)
    return {z: counts.get(z, 0) for z in ZONE_IDS}


def compare_group(
    q: Questionnaire,
    before: Sequence[Scored],
    after: Sequence[Scored],
    *,
    key: str | None = None,
    min_group: int = 3,
    match: str = MATCH_ID,
    suppress: str | None = None,
) -> CompareGroup:
    """The comparison of one group; ``suppress`` (a reason) hides it whatever its size."""
    if suppress is None and min(len(before), len(after)) < min_group:
        suppress = FEWER.format(n=min_group) + " before or after"
    if suppress is not None:
        return CompareGroup(key, True, suppress)
    pairs, ambiguous = pair(before, after, match)
    scales = [s.id for s in q.scales]
    changes = {sid: _change(sid, before, after, pairs, min_group) for sid in scales}
    factor_ids = {f.id for f in q.factors}
    moves = None
    moved = None
    if q.distance is not None and len(pairs) >= min_group:
        transitions = Counter(
            (p.profile.distance.zone, n.profile.distance.zone)
            for p, n in pairs
            if p.profile.distance is not None
            and n.profile.distance is not None
            and p.profile.distance.zone is not None
            and n.profile.distance.zone is not None
        )
        moves = {z: {t: transitions.get((z, t), 0) for t in ZONE_IDS} for z in ZONE_IDS}
        moved = sum(c for (z, t), c in transitions.items() if z != t)
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
        {k: v for k, v in changes.items() if k not in factor_ids},
        _change("overall", before, after, pairs, min_group),
        _zones(before) if q.distance is not None else {},
        _zones(after) if q.distance is not None else {},
        moves,
        moved,
    )


def compare(
    q: Questionnaire,
    before: Sequence[Scored],
    after: Sequence[Scored],
    *,
    min_group: int = 3,
    by: str | None = None,
    match: str = MATCH_ID,
    excluded: Mapping[str, Mapping[str, int]] | None = None,
) -> Comparison:
    """Compare two sets of scored results of ``q``; the same anonymity rules as a summary."""
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    if match not in (MATCH_ID, MATCH_NAME):
        raise ValueError(f"match must be '{MATCH_ID}' or '{MATCH_NAME}'")
    before, after = one_per_person(before), one_per_person(after)  # each person once per side
    total = compare_group(q, before, after, min_group=min_group, match=match)
    groups: tuple[CompareGroup, ...] = ()
    if by is not None:
        b, a = split(before, by), split(after, by)
        keys = sorted(set(b) | set(a), key=_sort_key)
        hidden = plan_suppression({k: (len(b.get(k, [])), len(a.get(k, []))) for k in keys}, min_group)
        groups = tuple(
            compare_group(
                q, b.get(k, []), a.get(k, []), key=k, min_group=min_group, match=match, suppress=hidden.get(k)
            )
            for k in keys
        )
    empty = {"partial": 0, "rejected": 0}
    return Comparison(
        q.id,
        q.version,
        min_group,
        by,
        match,
        dict(excluded or {"before": empty, "after": empty}),
        total,
        groups,
    )


# ---------------------------------------------------------------- the JSON document


def _side(s: Side | None) -> dict[str, Any] | None:
    return None if s is None else {"n": s.n, "mean": s.mean, "sd": s.sd}


def change_to_dict(c: Change | None) -> dict[str, Any] | None:
    """A CHANGE object of the document."""
    if c is None:
        return None
    p = c.paired
    return {
        "before": _side(c.before),
        "after": _side(c.after),
        "change": c.change,
        "d": c.d,
        "paired": None if p is None else {"n": p.n, "mean_change": p.mean_change, "sd": p.sd, "dz": p.dz},
        "suppressed": c.before is None,
    }


def compare_group_to_dict(g: CompareGroup) -> dict[str, Any]:
    """A comparison GROUP of the document; a suppressed group carries no statistics."""
    return {
        "key": g.key,
        "suppressed": g.suppressed,
        "reason": g.reason,
        "n_before": g.n_before,
        "n_after": g.n_after,
        "n_paired": g.n_paired,
        "unmatched_before": g.unmatched_before,
        "unmatched_after": g.unmatched_after,
        "ambiguous": g.ambiguous,
        "factors": {k: change_to_dict(v) for k, v in g.factors.items()},
        "poles": {k: change_to_dict(v) for k, v in g.poles.items()},
        "overall": change_to_dict(g.overall),
        "zones": {
            "before": dict(g.zones_before),
            "after": dict(g.zones_after),
            "moves": None if g.moves is None else {k: dict(v) for k, v in g.moves.items()},
            "moved": g.moved,
        },
    }


def comparison_to_dict(
    c: Comparison, *, generated_at: str | None = None, tool_version: str | None = None
) -> dict[str, Any]:
    """The ``kamtrust.group-compare/1`` document (only aggregates)."""
    from kamtrust.engine.group import _now, _version

    return {
        "schema": SCHEMA,
        "generated_at": generated_at or _now(),
        "tool": {"name": "kamtrust", "version": tool_version or _version()},
        "questionnaire": {"id": c.questionnaire_id, "version": c.questionnaire_version},
        "min_group": c.min_group,
        "by": c.by,
        "match": c.match,
        "excluded": {k: dict(v) for k, v in c.excluded.items()},
        "total": compare_group_to_dict(c.total),
        "groups": [compare_group_to_dict(g) for g in c.groups],
    }
