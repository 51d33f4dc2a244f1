"""Group statistics over many scored results, with anonymity suppression (pure).

The input is one :class:`Scored` per result; the output is a frozen :class:`GroupSummary` that
holds only aggregates; :mod:`kamtrust.documents.summary` writes it as the ``kamtrust.group-summary/1`` document.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import methodcaller
from typing import Any, NamedTuple, TypeVar, cast

from kamtrust.engine.anonymity import (
    COMPLEMENTARY,
    FEWER,
    GROUP,
    INCOMPLETE,
    SKIPPED,
    TOTAL,
    ZONES,
    Hidden,
    Line,
    Ref,
    guard_hidden_total,
    plan_counts,
    plan_figure,
    sort_key,
)
from kamtrust.engine.scoring import Profile, ScaleScore, band_for
from kamtrust.engine.stats import cronbach_alpha, describe_counted, item_total, mean, sd
from kamtrust.questionnaire.model import ZONE_IDS, Questionnaire, Scale

ALPHA_LOW = 0.6
"""Cronbach's alpha below this is flagged (usual floor for short scales)."""
ALPHA_TOLERANCE = 1e-9
"""An alpha that is 0.6 but for floating-point rounding is not flagged."""
ITEM_TOTAL_LOW = 0.2
"""A corrected item-total correlation below this is flagged."""
BY_FIELDS = ("account", "cohort", "name")
"""Participant fields a summary can be split by (``name`` only with names allowed)."""
OVERALL = "overall"

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
    """People with this score; 0 when nobody has it (empty, not hidden); None when hidden."""
    mean: float | None
    sd: float | None
    median: float | None
    min: float | None
    max: float | None
    bands: Mapping[str, int | None]
    """Results per band id, every band of the questionnaire in order; None where hidden
    (``bands_hidden`` says why)."""
    suppressed: bool = False
    """True when hidden for anonymity: then every number is None and ``hidden`` says why."""
    hidden: Hidden | None = None
    bands_hidden: Mapping[str, Hidden] = field(default_factory=dict)
    """A pole's band counts hidden while shown statistics (see :func:`hide_pole_bands`)."""


@dataclass(frozen=True)
class ItemStats:
    """One item's raw answers over a group (not reverse-keyed: what people actually ticked)."""

    id: str
    scale: str
    reverse: bool
    n: int | None
    """People who answered it; None when hidden."""
    mean: float | None
    sd: float | None
    hidden: Hidden | None = None


@dataclass(frozen=True)
class Reliability:
    """Internal consistency of one scale on its complete cases, on keyed values."""

    scale: str
    alpha: float | None
    """Cronbach's alpha; None when not computable (fewer than 2 cases, no variance) or hidden."""
    n: int | None
    """Complete cases (every item of the scale answered); None when hidden."""
    k: int
    """Items in the scale."""
    item_total: Mapping[str, float | None]
    """Corrected item-total correlation per item (r with the sum of the other items)."""
    low: bool
    """alpha < ALPHA_LOW."""
    low_items: tuple[str, ...]
    """Items whose corrected item-total correlation is < ITEM_TOTAL_LOW."""
    hidden: Hidden | None = None


@dataclass(frozen=True)
class GroupStats:
    """The statistics of one group: the total, or one value of the ``by`` field."""

    key: str | None
    """The ``by`` value; None for the total (and for results without that field)."""
    n: int | None
    """Results in the group; None when suppressed."""
    suppressed: bool
    hidden: Hidden | None
    """Why the whole group is hidden (None when shown)."""
    factors: Mapping[str, Stats] = field(default_factory=dict)
    poles: Mapping[str, Stats] = field(default_factory=dict)
    zones: Mapping[str, int | None] = field(default_factory=dict)
    """People per zone; None where the count is hidden (``zones_hidden`` says why)."""
    overall: Stats | None = None
    strongest: tuple[str, ...] = ()
    """Factor ids, highest mean first."""
    weakest: tuple[str, ...] = ()
    """Factor ids, lowest mean first (never one of ``strongest``)."""
    flags: Mapping[str, int | None] = field(default_factory=dict)
    """Results carrying each response-quality flag (advisory); None where the count is masked."""
    items: Mapping[str, ItemStats] | None = None
    reliability: Mapping[str, Reliability] | None = None
    participants: tuple[str, ...] | None = None
    """Names of the people included: only when names are explicitly allowed."""
    zones_hidden: Mapping[str, Hidden] = field(default_factory=dict)
    flags_hidden: Mapping[str, Hidden] = field(default_factory=dict)

    def stat(self, scale_id: str) -> Stats | None:
        """The statistics of a factor, a pole or 'overall'."""
        if scale_id == OVERALL:
            return self.overall
        return self.factors.get(scale_id) or self.poles.get(scale_id)


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
    dates: tuple[str, str] | None = None
    """When the session's results were made: (first, last) UTC stamps; None when unknown."""


def plan_suppression(sizes: Mapping[K, Sequence[int]], min_group: int) -> dict[K, Hidden]:
    """Which whole subgroups to hide, and why.

    ``sizes`` gives each subgroup's result counts (one count per set: one for a summary, two for
    a before/after comparison). A subgroup with a count of 1..min_group-1 is hidden. Then, while
    the hidden subgroups could be recovered by subtracting the shown ones from the total (only
    one is hidden, or together they hold fewer than ``min_group`` results in some set), the
    smallest shown subgroup is hidden too (complementary suppression).
    """
    if not sizes:
        return {}
    dims = len(next(iter(sizes.values())))
    totals = [sum(ns[d] for ns in sizes.values()) for d in range(dims)]
    hidden, _ = plan_figure(sizes, [t if t >= min_group else min_group for t in totals], min_group)
    return hidden


def _sort_key(key: Any) -> tuple[bool, str]:
    return sort_key(key)


def _scale_scores_counted(*maps: list[Mapping[str, ScaleScore]]) -> dict[str, list[tuple[ScaleScore, int]]]:
    """Each scale's scores in ``maps`` (scale id -> score, one map per result), each score
    object once with how many results hold it.

    Scoring shares one ScaleScore among the results with the same score, so 10,000 results
    hold a few hundred objects: they are counted by identity in C, not one by one."""
    every = [*chain.from_iterable(map(methodcaller("values"), chain.from_iterable(maps)))]
    objects = dict(zip(map(id, every), every, strict=True))
    out: dict[str, list[tuple[ScaleScore, int]]] = {}
    for key, count in Counter(map(id, every)).items():
        sc = objects[key]
        out.setdefault(sc.id, []).append((sc, count))
    return out


def _stats_counted(pairs: Sequence[tuple[float, int]], bands: Mapping[str, int]) -> Stats:
    """The statistics of values given as (value, count) pairs (see ``stats.describe_counted``),
    with the results per band."""
    d = describe_counted(pairs)
    return Stats(d.n, d.mean, d.sd, d.median, d.min, d.max, dict(bands))


def hidden_stats(why: Hidden) -> Stats:
    """A figure withheld for anonymity: no number at all, only the reason."""
    return Stats(None, None, None, None, None, None, {}, suppressed=True, hidden=why)


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
    rows: list[list[int]] = []
    for s in scored:
        get = s.answers.get
        values = [get(i) for i in ids]
        if None not in values:
            full = cast("list[int]", values)  # no None, checked just above
            rows.append([lo_hi - v if r else v for v, r in zip(full, reverse, strict=True)])
    return rows


def alpha_is_low(alpha: float | None) -> bool:
    """alpha below ALPHA_LOW; an alpha of exactly 0.6 (to floating-point rounding) is not flagged."""
    return alpha is not None and alpha < ALPHA_LOW - ALPHA_TOLERANCE


def reliability(q: Questionnaire, scored: Sequence[Scored]) -> dict[str, Reliability]:
    """Cronbach's alpha and corrected item-total correlations for every factor and pole."""
    out = {}
    for scale in q.scales:
        rows = keyed_rows(q, scale, scored)
        alpha = cronbach_alpha(rows)
        r = item_total(rows) if rows else [None] * len(scale.items)
        it = {item.id: v for item, v in zip(scale.items, r, strict=True)}
        low_items = tuple(i for i, v in it.items() if v is not None and v < ITEM_TOTAL_LOW)
        out[scale.id] = Reliability(scale.id, alpha, len(rows), len(scale.items), it, alpha_is_low(alpha), low_items)
    return out


def group_stats(
    q: Questionnaire,
    scored: Sequence[Scored],
    *,
    key: str | None = None,
    items: bool = False,
    top: int = 2,
    with_names: bool = False,
) -> GroupStats:
    """Every statistic of one group, nothing hidden yet (:func:`summarize` applies the rules)."""
    band_ids = [b.id for b in q.bands]
    profiles = [s.profile for s in scored]
    counted = _scale_scores_counted([p.factors for p in profiles], [p.poles for p in profiles])

    def stats(sid: str) -> Stats:
        pairs: list[tuple[float, int]] = []
        bands: Counter[str | None] = Counter()
        for sc, count in counted.get(sid, ()):
            if sc.score is not None:
                pairs.append((sc.score, count))
                bands[sc.band] += count
        return _stats_counted(pairs, {b: bands[b] for b in band_ids})

    factors = {f.id: stats(f.id) for f in q.factors}
    poles: dict[str, Stats] = {}
    zones: dict[str, int | None] = {}
    if q.distance is not None:
        poles = {p.id: stats(p.id) for p in (q.distance.proximity, q.distance.perspective)}
        zone_counts = Counter([p.distance.zone for p in profiles if p.distance is not None])
        zones = {z: zone_counts.get(z, 0) for z in ZONE_IDS}
    overall_counts = Counter([p.overall for p in profiles if p.overall is not None])
    band_of = {v: band_for(v, q.bands) for v in overall_counts}
    overall_bands: Counter[str | None] = Counter()
    for v, count in overall_counts.items():
        overall_bands[band_of[v]] += count
    overall = _stats_counted([*overall_counts.items()], {b: overall_bands.get(b, 0) for b in band_ids})
    every_flag: list[str] = []
    for p in profiles:
        if p.flags:
            every_flag += p.flags
    flags = Counter(every_flag)  # counted at once: a Counter.update per result costs more
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


def person_id(value: object) -> str:
    """A participant id as people are told apart: case and surrounding spaces aside, so that
    "ABC-1" and " abc-1" (typed in two forms) are one person; "" when there is none.

    Characters that show as nothing (a zero-width space, a direction mark) are dropped and
    compatibility forms folded (NFKC), so that a copy whose id differs only invisibly is not a
    second person."""
    if not value:
        return ""
    text = str(value)
    if not text.isascii():  # (ids are nearly always ASCII: the common case stays cheap)
        text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    return text.strip().casefold()


def one_per_person(scored: Sequence[Scored]) -> list[Scored]:
    """Each person (participant id) once: their latest result by ``when``, the first of equals.

    A group is counted in people: a person with results for several accounts counts once in
    any one figure. Results without an id are each their own person. Order is kept.
    """
    latest: dict[str, Scored] = {}
    nobody = 0  # results without an id
    people = [person_id(s.fields.get("id")) for s in scored]
    for s, who in zip(scored, people, strict=True):
        if not who:
            nobody += 1
        elif (kept := latest.get(who)) is None or s.when > kept.when:
            latest[who] = s
    if len(latest) + nobody == len(scored):  # nobody twice (as a scored set always is)
        return list(scored)
    chosen = {id(s) for s in latest.values()}
    return [s for s, who in zip(scored, people, strict=True) if id(s) in chosen or not who]


def split(scored: Sequence[Scored], by: str) -> dict[str | None, list[Scored]]:
    """Results per value of the participant field ``by``, sorted by value (no value last)."""
    parts: dict[str | None, list[Scored]] = {}
    for s in scored:
        parts.setdefault(s.fields.get(by), []).append(s)
    return {k: parts[k] for k in sorted(parts, key=_sort_key)}


def zone_plan(
    total: Mapping[str, int | None],
    groups: Mapping[K, Mapping[str, int | None]],
    whole: Mapping[K, Hidden],
    min_group: int,
) -> tuple[dict[str, Hidden], dict[K, dict[str, Hidden]]]:
    """Which zone counts to mask in the total and in each subgroup (see :func:`plan_counts`).

    Known to a reader: each shown group's people with a zone (its size), the total's, and that
    the subgroups add up to the total in every zone.
    """
    zone_ids = list(total)
    values: dict[Any, int] = {("t", z): total[z] or 0 for z in zone_ids}
    values["N"] = sum(values.values())
    lines = [Line(tuple((("t", z), 1) for z in zone_ids) + (("N", -1),))]
    pre: dict[Any, Hidden] = {}
    if 0 < values["N"] < min_group:
        pre.update({("t", z): Hidden(FEWER, min_group) for z in zone_ids})
    fixed: list[Any] = ["N"]
    for k, zones in groups.items():
        for z in zone_ids:
            values[("g", k, z)] = zones.get(z) or 0
        values[("n", k)] = sum(values[("g", k, z)] for z in zone_ids)
        lines.append(Line(tuple((("g", k, z), 1) for z in zone_ids) + ((("n", k), -1),)))
        if k in whole:
            pre.update({("g", k, z): whole[k] for z in zone_ids})
            pre[("n", k)] = whole[k]
            continue
        fixed.append(("n", k))
        if 0 < values[("n", k)] < min_group:
            # Fewer people with a zone than the minimum: every count of the row is withheld.
            pre.update({("g", k, z): Hidden(FEWER, min_group) for z in zone_ids})
    if groups:
        for z in zone_ids:
            lines.append(Line(tuple((("g", k, z), 1) for k in groups) + ((("t", z), -1),)))
        lines.append(Line(tuple((("n", k), 1) for k in groups) + (("N", -1),)))
    plan = plan_counts(
        values,
        lines,
        min_group,
        hidden=pre,
        fixed=fixed,
        ref=lambda c: Ref(GROUP, c[1]) if c[0] in ("g", "n") else Ref(TOTAL),
        order=lambda c: (c[0] == "t", sort_key(c[1] if c[0] in ("g", "n") else None), str(c[-1])),
    )
    in_total = {c[1]: h for c, h in plan.items() if c[0] == "t"}
    per_group: dict[K, dict[str, Hidden]] = {k: {} for k in groups}
    for c, h in plan.items():
        if c[0] == "g" and c[1] not in whole:
            per_group[c[1]][c[2]] = h
    return in_total, per_group


def flag_plan(
    total: Mapping[str, int | None],
    groups: Mapping[K, Mapping[str, int | None]],
    whole: Mapping[K, Hidden],
    min_group: int,
) -> tuple[dict[str, Hidden], dict[K, dict[str, Hidden]]]:
    """Which counts of flagged results to mask: like zone counts, but a person may carry several
    flags, so only the sums across the subgroups are known."""
    names = sorted(set(total).union(*(set(f) for f in groups.values())))
    values: dict[Any, int] = {("t", f): total.get(f) or 0 for f in names}
    pre: dict[Any, Hidden] = {}
    for k, flags in groups.items():
        values.update({("g", k, f): flags.get(f) or 0 for f in names})
        if k in whole:
            pre.update({("g", k, f): whole[k] for f in names})
    lines = [Line((*((("g", k, f), 1) for k in groups), (("t", f), -1))) for f in names] if groups else []
    plan = plan_counts(
        values,
        lines,
        min_group,
        hidden=pre,
        ref=lambda c: Ref(GROUP, c[1]) if c[0] == "g" else Ref(TOTAL),
        order=lambda c: (c[0] == "t", sort_key(c[1] if c[0] == "g" else None), str(c[-1])),
    )
    in_total = {c[1]: h for c, h in plan.items() if c[0] == "t"}
    per_group: dict[K, dict[str, Hidden]] = {k: {} for k in groups}
    for c, h in plan.items():
        if c[0] == "g" and c[1] not in whole:
            per_group[c[1]][c[2]] = h
    return in_total, per_group


def _n(g: GroupStats, sid: str) -> int:
    st = g.stat(sid)
    return (st.n or 0) if st is not None else 0


def _apart(n_related: int, n: int, related_hidden: bool, hidden: bool) -> int:
    """People in one hidden set and not the other (a related figure's hidden cells, this figure's)."""
    if related_hidden and hidden:
        return abs(n_related - n)
    return n_related if related_hidden else n if hidden else 0


Count = Callable[[GroupStats], int]


def _key(k: Any) -> str | None:
    return None if k is None else str(k)


def linked_plan(
    count: Count,
    related: Sequence[tuple[Count, Mapping[K, Hidden]]],
    total: GroupStats,
    groups: Mapping[K, GroupStats],
    whole: Mapping[K, Hidden],
    m: int,
    code: str,
    total_hidden: Hidden | None = None,
) -> tuple[dict[K, Hidden], Hidden | None]:
    """Which cells of a figure tied by sums to ``related`` figures to hide (the overall index to
    the factors, an item to its factor), and why.

    As :func:`plan_figure`, with first hidden (``code``) the groups where this figure's n and a
    related figure's n differ by 1..m-1 (their sums less each other's would give those few people
    away), and the cells where a related figure is hidden (this one would give it). With the total
    shown, the people a reader can tell apart between a related figure's hidden cells and this
    figure's must be none or at least ``m``, else the total is hidden too; and a hidden total must
    not come out of the shown subgroups. ``total_hidden``: why a related figure of the total is hidden.
    """

    def off(g: GroupStats) -> bool:
        return any(0 < abs(n_of(g) - count(g)) < m for n_of, _ in related)

    pre = {k: Hidden(FEWER if 0 < count(g) < m else code, m) for k, g in groups.items() if k not in whole and off(g)}
    for _, hidden_r in related:
        for k, why in hidden_r.items():
            pre.setdefault(k, why)
    cells_n = {k: (count(g),) for k, g in groups.items()}
    t_why = Hidden(FEWER if 0 < count(total) < m else code, m) if off(total) else total_hidden
    if t_why is not None:
        cells = {**whole, **pre}
        cells.update({k: Hidden(FEWER, m) for k, (n,) in cells_n.items() if k not in cells and 0 < n < m})
    else:
        cells, t_why = plan_figure(cells_n, (count(total),), m, hidden={**whole, **pre})
    if t_why is None and groups:
        for n_of, hidden_r in related:
            apart = sum(_apart(n_of(g), count(g), k in hidden_r or k in whole, k in cells) for k, g in groups.items())
            if 0 < apart < m:
                t_why = Hidden(COMPLEMENTARY, m, tuple(Ref(GROUP, _key(k)) for k in sorted(cells, key=sort_key)))
                break
    if t_why is not None and groups:
        guard_hidden_total(cells, {k: cells_n[k][0] for k in groups}, m)
    return cells, t_why


def _apply(
    g: GroupStats,
    figures: Mapping[str, Hidden],
    items: Mapping[str, Hidden],
    rel: Mapping[str, Hidden],
    zones: Mapping[str, Hidden],
    top: int,
    flags: Mapping[str, Hidden] | None = None,
) -> GroupStats:
    """``g`` with the hidden figures, items, reliability and zone counts taken out."""
    factors = {fid: hidden_stats(figures[fid]) if fid in figures else st for fid, st in g.factors.items()}
    poles = {pid: hidden_stats(figures[pid]) if pid in figures else st for pid, st in g.poles.items()}
    overall = hidden_stats(figures[OVERALL]) if OVERALL in figures else g.overall
    strongest, weakest = _rank(factors, top)
    item_stats = None
    if g.items is not None:
        item_stats = {
            i: replace(it, n=None, mean=None, sd=None, hidden=items[i]) if i in items else it
            for i, it in g.items.items()
        }
    reliabilities = None
    if g.reliability is not None:
        reliabilities = {
            sid: replace(
                r, alpha=None, n=None, item_total=dict.fromkeys(r.item_total), low=False, low_items=(), hidden=rel[sid]
            )
            if sid in rel
            else r
            for sid, r in g.reliability.items()
        }
    return replace(
        g,
        factors=factors,
        poles=poles,
        overall=overall,
        strongest=strongest,
        weakest=weakest,
        zones={z: None if z in zones else c for z, c in g.zones.items()},
        zones_hidden=dict(zones),
        flags={f: None if f in (flags or {}) else c for f, c in g.flags.items()},
        flags_hidden=dict(flags or {}),
        items=item_stats,
        reliability=reliabilities,
    )


def hide_pole_bands(g: GroupStats, min_group: int) -> GroupStats:
    """``g`` with its poles' band counts hidden where any of its zone counts is.

    A pole's people in the bands above the distance threshold are people in the zones above it
    (closeness: right distance + too close; perspective: right distance + too far), plus those
    whose other pole is unscored. Where the threshold is a band's lower limit (80 in
    questionnaire 2.0) that is an exact sum, and a zone count shown as '< 3' or 'hidden' comes
    back by subtraction; where a band spans it (60 in 1.0), the band counts bound the zone counts,
    exactly again when nobody is in that band. So where any zone count of ``g`` is hidden, every
    band count of both poles is hidden too (hiding a few would leave their sum: n less the others). A group whose zone
    counts are all shown keeps its band counts: they add nothing a reader cannot already sum; and
    as a total's zone counts are hidden wherever a subgroup's would come back from them, the
    total's band counts less the shown subgroups' give only sums the zone columns give already.
    """
    if not g.zones_hidden or g.suppressed:
        return g
    why = Hidden(ZONES, min_group, (Ref(TOTAL) if g.key is None else Ref(GROUP, g.key),))
    poles = {
        pid: st
        if st.suppressed or st.n == 0
        else replace(st, bands=dict.fromkeys(st.bands), bands_hidden=dict.fromkeys(st.bands, why))
        for pid, st in g.poles.items()
    }
    return replace(g, poles=poles)


def _whole(key: str | None, why: Hidden) -> GroupStats:
    return GroupStats(key, None, True, why)


class _Hiding:
    """Which figures of the total and of each shown subgroup are hidden, and why, planned
    figure by figure (:func:`plan_figure`, :func:`linked_plan`)."""

    def __init__(
        self, total: GroupStats, groups: Mapping[str | None, GroupStats], whole: Mapping[str | None, Hidden], m: int
    ) -> None:
        self.total, self.groups, self.whole, self.m = total, groups, whole, m
        self.in_total: dict[str, dict[str, Hidden]] = {"figures": {}, "items": {}, "rel": {}}
        """Hidden in the total, by kind ('figures', 'items', 'rel') and figure."""
        self.in_group: dict[str | None, dict[str, dict[str, Hidden]]] = {
            k: {"figures": {}, "items": {}, "rel": {}} for k in groups
        }
        """The same for each subgroup (whole hidden subgroups aside)."""

    def plan(self, count: Callable[[GroupStats], int | None]) -> tuple[dict[str | None, Hidden], Hidden | None]:
        """:func:`plan_figure` for the figure whose number of people ``count`` gives."""
        cells = {k: (count(g) or 0,) for k, g in self.groups.items()}
        return plan_figure(cells, (count(self.total) or 0,), self.m, hidden=self.whole)

    def linked(
        self,
        count: Count,
        related: Sequence[tuple[Count, Mapping[str | None, Hidden]]],
        code: str,
        total_hidden: Hidden | None,
    ) -> tuple[dict[str | None, Hidden], Hidden | None]:
        """:func:`linked_plan` for this summary's groups."""
        return linked_plan(count, related, self.total, self.groups, self.whole, self.m, code, total_hidden)

    def record(self, kind: str, figure: str, plan_: tuple[dict[str | None, Hidden], Hidden | None]) -> None:
        cells, total = plan_
        if total is not None:
            self.in_total[kind][figure] = total
        for k, h in cells.items():
            if k not in self.whole:
                self.in_group[k][kind][figure] = h

    def hidden_in(self, sid: str) -> dict[str | None, Hidden]:
        """The subgroups where the figure ``sid`` is hidden, and why."""
        return {k: self.in_group[k]["figures"][sid] for k in self.groups if sid in self.in_group[k]["figures"]}

    def plan_figures(self, q: Questionnaire) -> None:
        """Every factor and pole, then the overall index (the mean of the factors: tied to each
        of them by sums)."""
        for sid in [s.id for s in q.scales]:
            self.record("figures", sid, self.plan(_answered(sid)))
        related = [(_n_of(f.id), self.hidden_in(f.id)) for f in q.factors]
        t_factor = next((self.in_total["figures"][f.id] for f in q.factors if f.id in self.in_total["figures"]), None)
        self.record("figures", OVERALL, self.linked(_n_of(OVERALL), related, INCOMPLETE, t_factor))

    def plan_items(self, q: Questionnaire) -> None:
        """Every item (a factor's score is the mean of its items: tied to each of them by sums),
        then each scale's reliability."""
        for item_id, item in q.items.items():
            linked = [(_n_of(item.scale_id), self.hidden_in(item.scale_id))]
            count = _item_count(item_id)
            self.record(
                "items", item_id, self.linked(count, linked, SKIPPED, self.in_total["figures"].get(item.scale_id))
            )
        for scale in q.scales:
            self.record("rel", scale.id, self.plan(_reliability_count(scale.id)))


def _kinds(
    hidden: Mapping[str, Mapping[str, Hidden]],
) -> tuple[Mapping[str, Hidden], Mapping[str, Hidden], Mapping[str, Hidden]]:
    """What is hidden of each kind, in :func:`_apply`'s order: figures, items, reliability."""
    return hidden["figures"], hidden["items"], hidden["rel"]


def _answered(sid: str) -> Callable[[GroupStats], int | None]:
    """The people with a score for ``sid`` in a group (0 when it has no such figure)."""

    def n(g: GroupStats) -> int | None:
        stat = g.stat(sid)
        return stat.n if stat else 0

    return n


def _n_of(sid: str) -> Count:
    return lambda g: _n(g, sid)


def _item_count(item_id: str) -> Count:
    """The people who answered ``item_id`` in a group."""
    return lambda g: (g.items[item_id].n or 0) if g.items else 0


def _reliability_count(scale_id: str) -> Callable[[GroupStats], int | None]:
    """The complete cases of ``scale_id``'s reliability in a group."""
    return lambda g: g.reliability[scale_id].n if g.reliability else 0


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
    The minimum-group rule holds at every level: whole subgroups (:func:`plan_suppression`),
    each factor, pole and the overall index, each item, each reliability figure
    (:func:`plan_figure`, across the subgroups and the total), each zone count and each count
    of flagged results (:func:`zone_plan`, :func:`flag_plan`).
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    # Each person once in the whole summary (their latest result): subgroups never share a person.
    rows = one_per_person([s if isinstance(s, Scored) else Scored(*s) for s in scored])
    common: dict[str, Any] = {"items": items, "top": top, "with_names": with_names}
    summary_of = {
        "min_group": min_group,
        "by": by,
        "items": items,
        "excluded": dict(excluded or {"partial": 0, "rejected": 0}),
        "dates": (lambda whens: (min(whens), max(whens)) if whens else None)([s.when for s in rows if s.when]),
    }
    meta = (q.id, q.version)
    if len(rows) < min_group:
        # Everything is smaller than the threshold: nothing to show, no subgroup either.
        why = Hidden(FEWER, min_group)
        groups = tuple(_whole(k, why) for k in split(rows, by)) if by is not None else ()
        return GroupSummary(*meta, total=_whole(None, why), groups=groups, **summary_of)  # type: ignore[arg-type]
    raw_total = group_stats(q, rows, **common)
    parts = split(rows, by) if by is not None else {}
    raw = {k: group_stats(q, v, key=k, **common) for k, v in parts.items()}
    whole = plan_suppression({k: (len(v),) for k, v in parts.items()}, min_group)
    hiding = _Hiding(raw_total, raw, whole, min_group)
    hiding.plan_figures(q)
    if items:
        hiding.plan_items(q)
    zones_total: dict[str, Hidden] = {}
    zones_group: dict[str | None, dict[str, Hidden]] = {k: {} for k in raw}
    if q.distance is not None:
        zones_total, zones_group = zone_plan(raw_total.zones, {k: g.zones for k, g in raw.items()}, whole, min_group)
    flags_total, flags_group = flag_plan(raw_total.flags, {k: g.flags for k, g in raw.items()}, whole, min_group)
    total = _apply(raw_total, *_kinds(hiding.in_total), zones_total, top, flags_total)
    total = hide_pole_bands(total, min_group)
    groups = tuple(
        _whole(k, whole[k])
        if k in whole
        else hide_pole_bands(
            _apply(g, *_kinds(hiding.in_group[k]), zones_group[k], top, flags_group[k]),
            min_group,
        )
        for k, g in raw.items()
    )
    return GroupSummary(*meta, total=total, groups=groups, **summary_of)  # type: ignore[arg-type]
