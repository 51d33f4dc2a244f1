"""Group statistics over many scored results, with anonymity suppression (pure).

The input is one :class:`Scored` per result; the output is a frozen :class:`GroupSummary` that
holds only aggregates, and :func:`summary_to_dict` gives the ``kamtrust.group-summary/1`` document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from kamtrust.engine.scoring import Profile, band_for
from kamtrust.engine.stats import cronbach_alpha, describe, item_total, mean, sd
from kamtrust.questionnaire.model import ZONE_IDS, Questionnaire, Scale

SCHEMA = "kamtrust.group-summary/1"
ALPHA_LOW = 0.6
"""Cronbach's alpha below this is flagged (usual floor for short scales)."""
ITEM_TOTAL_LOW = 0.2
"""A corrected item-total correlation below this is flagged."""
FEWER = "fewer than {n} results"
COMPLEMENTARY = "complementary suppression"
BY_FIELDS = ("account", "cohort", "name")
"""Participant fields a summary can be split by (``name`` only with names allowed)."""

K = TypeVar("K", bound=Hashable)


class Scored(NamedTuple):
    """One result, reduced to what group statistics need (a few hundred bytes, not the document)."""

    fields: Mapping[str, str | None]
    """Participant fields: id, name, account, cohort."""
    answers: Mapping[str, int]
    """Raw answers, item id -> point of the scale (skipped items absent)."""
    profile: Profile
    """The profile scored afresh by the engine."""
    when: str = ""
    """When the result was made, as a text that sorts in time order (see :func:`one_per_person`)."""


@dataclass(frozen=True)
class Stats:
    """Statistics of one score (a factor, a pole or the overall index) over a group."""

    n: int | None
    mean: float | None
    sd: float | None
    median: float | None
    min: float | None
    max: float | None
    bands: Mapping[str, int]
    """Results per band id, every band of the questionnaire in order."""
    suppressed: bool = False
    """True when fewer than ``min_group`` results have this score: then every number is None."""


@dataclass(frozen=True)
class ItemStats:
    """One item's raw answers over a group (not reverse-keyed: what people actually ticked)."""

    id: str
    scale: str
    reverse: bool
    n: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True)
class Reliability:
    """Internal consistency of one scale on its complete cases, on keyed values."""

    scale: str
    alpha: float | None
    """Cronbach's alpha; None when not computable (fewer than 2 cases, no variance)."""
    n: int
    """Complete cases (every item of the scale answered)."""
    k: int
    """Items in the scale."""
    item_total: Mapping[str, float | None]
    """Corrected item-total correlation per item (r with the sum of the other items)."""
    low: bool
    """alpha < ALPHA_LOW."""
    low_items: tuple[str, ...]
    """Items whose corrected item-total correlation is < ITEM_TOTAL_LOW."""


@dataclass(frozen=True)
class GroupStats:
    """The statistics of one group: the total, or one value of the ``by`` field."""

    key: str | None
    """The ``by`` value; None for the total (and for results without that field)."""
    n: int | None
    """Results in the group; None when suppressed."""
    suppressed: bool
    reason: str | None
    """Why it is suppressed: 'fewer than 3 results' or 'complementary suppression'."""
    factors: Mapping[str, Stats] = field(default_factory=dict)
    poles: Mapping[str, Stats] = field(default_factory=dict)
    zones: Mapping[str, int] = field(default_factory=dict)
    overall: Stats | None = None
    strongest: tuple[str, ...] = ()
    """Factor ids, highest mean first."""
    weakest: tuple[str, ...] = ()
    """Factor ids, lowest mean first (never one of ``strongest``)."""
    flags: Mapping[str, int] = field(default_factory=dict)
    """Results carrying each response-quality flag (advisory)."""
    items: Mapping[str, ItemStats] | None = None
    reliability: Mapping[str, Reliability] | None = None
    participants: tuple[str, ...] | None = None
    """Names of the people included: only when names are explicitly allowed."""


@dataclass(frozen=True)
class GroupSummary:
    """A whole group summary: the total and, with ``by``, one entry per value."""

    questionnaire_id: str
    questionnaire_version: str
    min_group: int
    by: str | None
    excluded: Mapping[str, int]
    """{'partial': n, 'rejected': n}: files left out before scoring."""
    total: GroupStats
    groups: tuple[GroupStats, ...]
    items: bool
    """Per-item statistics and reliability were asked for."""


def plan_suppression(sizes: Mapping[K, Sequence[int]], min_group: int) -> dict[K, str]:
    """Which subgroups to hide, and why.

    ``sizes`` gives each subgroup's result counts (one count per set: one for a summary, two for
    a before/after comparison). A subgroup with any count below ``min_group`` is hidden. Then,
    while the hidden subgroups could be recovered by subtracting the shown ones from the total
    (only one is hidden, or together they hold fewer than ``min_group`` results in some set),
    the smallest shown subgroup is hidden too (complementary suppression).
    """
    reasons: dict[K, str] = {k: FEWER.format(n=min_group) for k, ns in sizes.items() if min(ns) < min_group}
    if not reasons:
        return reasons
    dims = len(next(iter(sizes.values())))

    def recoverable() -> bool:
        if len(reasons) == 1:
            return True
        sums = [sum(sizes[k][d] for k in reasons) for d in range(dims)]
        return any(0 < s < min_group for s in sums)

    while recoverable():
        shown = [k for k in sizes if k not in reasons]
        if not shown:
            break
        smallest = min(shown, key=lambda k: (min(sizes[k]), _sort_key(k)))
        reasons[smallest] = COMPLEMENTARY
    return reasons


def _sort_key(key: Any) -> tuple[bool, str]:
    # Groups without a value (None) come last; the rest alphabetically, case-insensitive.
    return (key is None, "" if key is None else str(key).casefold())


def _stats(values: Sequence[float], bands: Mapping[str, int], min_group: int) -> Stats:
    if len(values) < min_group:
        return Stats(None, None, None, None, None, None, {}, suppressed=True)
    d = describe(values)
    return Stats(d.n, d.mean, d.sd, d.median, d.min, d.max, dict(bands))


def _rank(factors: Mapping[str, Stats], top: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Strongest and weakest factors by group mean; ties go to the questionnaire's order."""
    ranked = [(st.mean, i, fid) for i, (fid, st) in enumerate(factors.items()) if st.mean is not None]
    strongest = tuple(fid for _, _, fid in sorted(ranked, key=lambda t: (-t[0], t[1]))[:top])
    weakest = tuple(fid for _, _, fid in sorted(ranked, key=lambda t: (t[0], t[1])) if fid not in strongest)
    return strongest, weakest[:top]


def item_statistics(q: Questionnaire, scored: Sequence[Scored]) -> dict[str, ItemStats]:
    """n, mean and sd of every item's raw answers, in questionnaire order."""
    values: dict[str, list[int]] = {i: [] for i in q.items}
    for s in scored:
        for item_id, v in s.answers.items():
            if v is not None and item_id in values:
                values[item_id].append(v)
    return {
        item.id: ItemStats(item.id, item.scale_id, item.reverse, len(vs), mean(vs), sd(vs))
        for item in q.items.values()
        for vs in (values[item.id],)
    }


def keyed_rows(q: Questionnaire, scale: Scale, scored: Sequence[Scored]) -> list[list[int]]:
    """The complete cases of ``scale`` (listwise), reverse items keyed as ``min + max - answer``."""
    lo_hi = q.scale.min + q.scale.max
    ids = [item.id for item in scale.items]
    reverse = [item.reverse for item in scale.items]
    rows = []
    for s in scored:
        get = s.answers.get
        values = [get(i) for i in ids]
        if None not in values:
            rows.append([lo_hi - v if r else v for v, r in zip(values, reverse, strict=True)])  # type: ignore[operator]
    return rows


def reliability(q: Questionnaire, scored: Sequence[Scored]) -> dict[str, Reliability]:
    """Cronbach's alpha and corrected item-total correlations for every factor and pole."""
    out = {}
    for scale in q.scales:
        rows = keyed_rows(q, scale, scored)
        alpha = cronbach_alpha(rows)
        r = item_total(rows) if rows else [None] * len(scale.items)
        it = {item.id: v for item, v in zip(scale.items, r, strict=True)}
        low_items = tuple(i for i, v in it.items() if v is not None and v < ITEM_TOTAL_LOW)
        out[scale.id] = Reliability(
            scale.id, alpha, len(rows), len(scale.items), it, alpha is not None and alpha < ALPHA_LOW, low_items
        )
    return out


def group_stats(
    q: Questionnaire,
    scored: Sequence[Scored],
    *,
    key: str | None = None,
    min_group: int = 3,
    items: bool = False,
    top: int = 2,
    with_names: bool = False,
    suppress: str | None = None,
) -> GroupStats:
    """Statistics for one group; ``suppress`` (a reason) hides it whatever its size."""
    if suppress is None and len(scored) < min_group:
        suppress = FEWER.format(n=min_group)
    if suppress is not None:
        return GroupStats(key, None, True, suppress)
    # One pass over the results gathers every score, band, zone and flag.
    band_ids = [b.id for b in q.bands]
    values: dict[str, list[float]] = {s.id: [] for s in q.scales}
    bands: dict[str, Counter[str]] = {s.id: Counter() for s in q.scales}
    overall_values: list[float] = []
    zone_counts: Counter[str | None] = Counter()
    flags: Counter[str] = Counter()
    for s in scored:
        p = s.profile
        for scores in (p.factors, p.poles):
            for sid, sc in scores.items():
                if sc.score is not None and sid in values:
                    values[sid].append(sc.score)
                    bands[sid][sc.band] += 1  # type: ignore[index]
        if p.overall is not None:
            overall_values.append(p.overall)
        if p.distance is not None:
            zone_counts[p.distance.zone] += 1
        flags.update(p.flags)

    def stats(sid: str) -> Stats:
        return _stats(values[sid], {b: bands[sid][b] for b in band_ids}, min_group)

    factors = {f.id: stats(f.id) for f in q.factors}
    poles: dict[str, Stats] = {}
    zones: dict[str, int] = {}
    if q.distance is not None:
        poles = {p.id: stats(p.id) for p in (q.distance.proximity, q.distance.perspective)}
        zones = {z: zone_counts.get(z, 0) for z in ZONE_IDS}
    overall_bands = Counter(band_for(v, q.bands) for v in overall_values)
    overall = _stats(overall_values, {b: overall_bands.get(b, 0) for b in band_ids}, min_group)
    strongest, weakest = _rank(factors, top)
    names = None
    if with_names:
        names = tuple(sorted({s.fields.get("name") or "" for s in scored} - {""}, key=str.casefold))
    return GroupStats(
        key,
        len(scored),
        False,
        None,
        factors,
        poles,
        zones,
        overall,
        strongest,
        weakest,
        dict(sorted(flags.items())),
        item_statistics(q, scored) if items else None,
        reliability(q, scored) if items else None,
        names,
    )


def one_per_person(scored: Sequence[Scored]) -> list[Scored]:
    """Each person (participant id) once: their latest result by ``when``, the first of equals.

    A group is counted in people: a person with results for several accounts counts once in
    any one figure. Results without an id are each their own person. Order is kept.
    """
    latest: dict[str, Scored] = {}
    for s in scored:
        who = s.fields.get("id")
        if who and ((kept := latest.get(who)) is None or s.when > kept.when):
            latest[who] = s
    chosen = {id(s) for s in latest.values()}
    return [s for s in scored if id(s) in chosen or not s.fields.get("id")]


def split(scored: Sequence[Scored], by: str) -> dict[str | None, list[Scored]]:
    """Results per value of the participant field ``by``, sorted by value (no value last)."""
    parts: dict[str | None, list[Scored]] = {}
    for s in scored:
        parts.setdefault(s.fields.get(by), []).append(s)
    return {k: parts[k] for k in sorted(parts, key=_sort_key)}


def summarize(
    q: Questionnaire,
    scored: Sequence[Scored] | Sequence[tuple[Mapping[str, str | None], Mapping[str, int], Profile]],
    *,
    min_group: int = 3,
    by: str | None = None,
    items: bool = False,
    top: int = 2,
    excluded: Mapping[str, int] | None = None,
    with_names: bool = False,
) -> GroupSummary:
    """Summarise ``scored`` results of ``q``: the total and, with ``by``, each subgroup.

    ``scored`` holds :class:`Scored` tuples (or plain ``(fields, answers, profile)`` tuples).
    Groups below ``min_group`` and their complements are suppressed (see :func:`plan_suppression`).
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    rows = [s if isinstance(s, Scored) else Scored(*s) for s in scored]
    common: dict[str, Any] = {"min_group": min_group, "items": items, "top": top, "with_names": with_names}
    total = group_stats(q, one_per_person(rows), **common)
    groups: tuple[GroupStats, ...] = ()
    if by is not None:
        parts = {k: one_per_person(v) for k, v in split(rows, by).items()}
        hidden = plan_suppression({k: (len(v),) for k, v in parts.items()}, min_group)
        groups = tuple(group_stats(q, v, key=k, suppress=hidden.get(k), **common) for k, v in parts.items())
    return GroupSummary(
        q.id,
        q.version,
        min_group,
        by,
        dict(excluded or {"partial": 0, "rejected": 0}),
        total,
        groups,
        items,
    )


# ---------------------------------------------------------------- the JSON document


def stats_to_dict(st: Stats | None) -> dict[str, Any] | None:
    """A STATS object of the document."""
    if st is None:
        return None
    return {
        "n": st.n,
        "mean": st.mean,
        "sd": st.sd,
        "median": st.median,
        "min": st.min,
        "max": st.max,
        "bands": dict(st.bands),
        "suppressed": st.suppressed,
    }


def group_to_dict(g: GroupStats) -> dict[str, Any]:
    """A GROUP object of the document; a suppressed group carries no statistics."""
    d: dict[str, Any] = {
        "key": g.key,
        "n": g.n,
        "suppressed": g.suppressed,
        "reason": g.reason,
        "factors": {k: stats_to_dict(v) for k, v in g.factors.items()},
        "poles": {k: stats_to_dict(v) for k, v in g.poles.items()},
        "zones": dict(g.zones),
        "overall": stats_to_dict(g.overall),
        "strongest": list(g.strongest),
        "weakest": list(g.weakest),
        "flags": dict(g.flags),
    }
    if g.items is not None:
        d["items"] = {
            i.id: {"n": i.n, "mean": i.mean, "sd": i.sd, "reverse": i.reverse, "scale": i.scale}
            for i in g.items.values()
        }
    if g.reliability is not None:
        d["reliability"] = {
            r.scale: {
                "alpha": r.alpha,
                "n": r.n,
                "k": r.k,
                "low": r.low,
                "item_total": dict(r.item_total),
                "low_items": list(r.low_items),
            }
            for r in g.reliability.values()
        }
    if g.participants is not None:
        d["participants"] = list(g.participants)
    return d


def summary_to_dict(
    summary: GroupSummary, *, generated_at: str | None = None, tool_version: str | None = None
) -> dict[str, Any]:
    """The ``kamtrust.group-summary/1`` document (only aggregates; names only if allowed).

    ``generated_at`` defaults to now (UTC): pass it for a reproducible document.
    """
    return {
        "schema": SCHEMA,
        "generated_at": generated_at or _now(),
        "tool": {"name": "kamtrust", "version": tool_version or _version()},
        "questionnaire": {"id": summary.questionnaire_id, "version": summary.questionnaire_version},
        "min_group": summary.min_group,
        "by": summary.by,
        "excluded": dict(summary.excluded),
        "total": group_to_dict(summary.total),
        "groups": [group_to_dict(g) for g in summary.groups],
    }


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _version() -> str:
    from kamtrust import __version__

    return __version__
