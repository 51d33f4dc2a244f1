"""The tabular views of a summary or comparison, shared by the CSV, XLSX and Markdown exporters.

A view is a titled table of cells (text, whole numbers, rounded decimals or empty); each
exporter lays them out its own way: CSV blocks, one XLSX sheet per view, Markdown tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.compare import Change, CompareGroup, Comparison
from kamtrust.engine.group import GroupStats, GroupSummary, Stats
from kamtrust.questionnaire.model import Questionnaire, localize

Cell = str | int | float | None
TOTAL = "Total"
NOT_GIVEN = "(not given)"
SCORE_DIGITS = 1
COEF_DIGITS = 2


@dataclass(frozen=True)
class View:
    """One table: a sheet in XLSX, a block in CSV, a table in Markdown."""

    name: str
    """Short name (an XLSX sheet name: at most 31 characters)."""
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def group_label(key: str | None, total: bool = False) -> str:
    """How a group is named in tables."""
    if total:
        return TOTAL
    return NOT_GIVEN if key is None else key


def r(value: float | None, digits: int = SCORE_DIGITS) -> float | None:
    """Rounded for display in spreadsheets (the JSON keeps full precision)."""
    return None if value is None else round(value, digits)


def scale_name(q: Questionnaire, scale_id: str, lang: str) -> str:
    """A factor's or pole's name in ``lang``; 'Overall trust index' for the overall."""
    if scale_id == "overall":
        return "Overall trust index"
    return localize(q.find_scale(scale_id).name, lang)


def zone_name(q: Questionnaire, zone_id: str, lang: str) -> str:
    """A zone's label in ``lang``."""
    if q.distance is None or zone_id not in q.distance.zones:
        return zone_id
    return localize(q.distance.zones[zone_id].label, lang)


def _groups(summary_total: Any, groups: Sequence[Any]) -> list[tuple[str, Any]]:
    return [(TOTAL, summary_total), *((group_label(g.key), g) for g in groups)]


def suppressed_note(reason: str | None) -> str:
    return f"suppressed: {reason}" if reason else "suppressed"


# ---------------------------------------------------------------- summary


def _stats_row(
    label: str, kind: str, sid: str, name: str, st: Stats, bands: Sequence[str], note: str
) -> tuple[Cell, ...]:
    if st.suppressed:
        # n, mean, sd, median, min, max and the band counts stay empty
        return (label, kind, sid, name, *(None,) * (6 + len(bands)), suppressed_note("too few scores"))
    return (
        label,
        kind,
        sid,
        name,
        st.n,
        r(st.mean),
        r(st.sd),
        r(st.median),
        r(st.min),
        r(st.max),
        *(st.bands.get(b, 0) for b in bands),
        note,
    )


def summary_views(summary: GroupSummary, q: Questionnaire, lang: str) -> list[View]:
    """Scores, zones, (items, reliability), participants (only when allowed) and about."""
    bands = [b.id for b in q.bands]
    band_names = [localize(b.label, lang) for b in q.bands]
    groups = _groups(summary.total, summary.groups)
    views = [
        View(
            "Scores",
            "Scores per factor and distance pole (0-100)",
            ("group", "kind", "id", "name", "n", "mean", "sd", "median", "min", "max", *band_names, "note"),
            _score_rows(q, lang, groups, bands),
        )
    ]
    if q.distance is not None:
        zone_ids = list(q.distance.zones)
        rows: list[tuple[Cell, ...]] = []
        for label, g in groups:
            if g.suppressed:
                rows.append((label, None, *([None] * len(zone_ids)), suppressed_note(g.reason)))
            else:
                rows.append((label, g.n, *(g.zones.get(z, 0) for z in zone_ids), ""))
        views.append(
            View(
                "Zones",
                "Client distance: results per zone",
                ("group", "n", *(zone_name(q, z, lang) for z in zone_ids), "note"),
                rows,
            )
        )
    if summary.items:
        views.append(_items_view(q, lang, groups))
        views.append(_reliability_view(q, lang, groups))
    names = [(label, g.participants) for label, g in groups if not g.suppressed and g.participants is not None]
    if names:
        views.append(
            View(
                "Participants",
                "Participants included (names shown at the trainer's request)",
                ("group", "name"),
                [(label, n) for label, ns in names for n in ns],
            )
        )
    views.append(
        _about(
            q,
            [
                ("by", summary.by or ""),
                ("minimum group size", summary.min_group),
                ("results included", summary.total.n if summary.total.n is not None else "suppressed"),
                ("unfinished results left out", summary.excluded.get("partial", 0)),
                ("files left out (unreadable or not results)", summary.excluded.get("rejected", 0)),
            ],
        )
    )
    return views


def _score_rows(
    q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]], bands: list[str]
) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for label, g in groups:
        if g.suppressed:
            # id, name, the six statistics and the band counts stay empty
            rows.append((label, "group", *(None,) * (8 + len(bands)), suppressed_note(g.reason)))
            continue
        for fid, st in g.factors.items():
            note = "strongest" if fid in g.strongest else "weakest" if fid in g.weakest else ""
            rows.append(_stats_row(label, "factor", fid, scale_name(q, fid, lang), st, bands, note))
        for pid, st in g.poles.items():
            rows.append(_stats_row(label, "pole", pid, scale_name(q, pid, lang), st, bands, ""))
        if g.overall is not None:
            rows.append(_stats_row(label, "overall", "overall", scale_name(q, "overall", lang), g.overall, bands, ""))
    return rows


def _items_view(q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]]) -> View:
    rows: list[tuple[Cell, ...]] = []
    position = {item.id: n for n, item in enumerate(q.presentation_order, start=1)}
    for label, g in groups:
        if g.suppressed or g.items is None:
            continue
        rel = g.reliability or {}
        for it in g.items.values():
            rt = rel.get(it.scale)
            rdrop = rt.item_total.get(it.id) if rt else None
            flag = "low item-total r" if rt and it.id in rt.low_items else ""
            rows.append(
                (
                    label,
                    position.get(it.id),
                    it.id,
                    it.scale,
                    "R" if it.reverse else "",
                    it.n,
                    r(it.mean, COEF_DIGITS),
                    r(it.sd, COEF_DIGITS),
                    r(rdrop, COEF_DIGITS),
                    flag,
                    localize(q.items[it.id].text, lang),
                )
            )
    return View(
        "Items",
        "Items: raw answers (R = reverse-keyed) and corrected item-total correlation",
        ("group", "position", "item", "scale", "reverse", "n", "mean", "sd", "item-total r", "flag", "text"),
        rows,
    )


def _reliability_view(q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]]) -> View:
    rows: list[tuple[Cell, ...]] = []
    for label, g in groups:
        if g.suppressed or g.reliability is None:
            continue
        for rel in g.reliability.values():
            rows.append(
                (
                    label,
                    rel.scale,
                    scale_name(q, rel.scale, lang),
                    rel.k,
                    rel.n,
                    r(rel.alpha, COEF_DIGITS),
                    "alpha below 0.6" if rel.low else ("not computable" if rel.alpha is None else ""),
                    ", ".join(rel.low_items),
                )
            )
    return View(
        "Reliability",
        "Cronbach's alpha on complete cases (keyed values)",
        ("group", "scale", "name", "items", "complete cases", "alpha", "flag", "items with item-total r < 0.2"),
        rows,
    )


def _about(q: Questionnaire, extra: list[tuple[str, Cell]]) -> View:
    rows: list[tuple[Cell, ...]] = [
        ("questionnaire", q.id),
        ("version", q.version),
        *extra,
        ("scores", "0-100: % of the answer scale's range"),
        ("anonymity", "groups smaller than the minimum size are suppressed, with one more when needed"),
    ]
    return View("About", "About this export", ("field", "value"), rows)


# ---------------------------------------------------------------- comparison


def _change_row(label: str, kind: str, sid: str, name: str, c: Change) -> tuple[Cell, ...]:
    if c.before is None or c.after is None:
        return (label, kind, sid, name, *([None] * 10), suppressed_note("too few scores"))
    p = c.paired
    return (
        label,
        kind,
        sid,
        name,
        c.before.n,
        r(c.before.mean),
        c.after.n,
        r(c.after.mean),
        r(c.change),
        r(c.d, COEF_DIGITS),
        None if p is None else p.n,
        None if p is None else r(p.mean_change),
        None if p is None else r(p.sd),
        None if p is None else r(p.dz, COEF_DIGITS),
        "" if p is not None else "too few pairs",
    )


def compare_views(c: Comparison, q: Questionnaire, lang: str) -> list[View]:
    """Changes per score, zones before and after, zone moves of paired people, and about."""
    groups: list[tuple[str, CompareGroup]] = _groups(c.total, c.groups)
    rows: list[tuple[Cell, ...]] = []
    for label, g in groups:
        if g.suppressed:
            rows.append((label, "group", None, None, *([None] * 10), suppressed_note(g.reason)))
            continue
        for fid, ch in g.factors.items():
            rows.append(_change_row(label, "factor", fid, scale_name(q, fid, lang), ch))
        for pid, ch in g.poles.items():
            rows.append(_change_row(label, "pole", pid, scale_name(q, pid, lang), ch))
        if g.overall is not None:
            rows.append(_change_row(label, "overall", "overall", scale_name(q, "overall", lang), g.overall))
    views = [
        View(
            "Changes",
            "Before and after: mean change (unpaired, Cohen's d) and paired change (Cohen's d_z)",
            (
                "group",
                "kind",
                "id",
                "name",
                "n before",
                "mean before",
                "n after",
                "mean after",
                "change",
                "d",
                "n paired",
                "paired change",
                "sd of changes",
                "d_z",
                "note",
            ),
            rows,
        )
    ]
    if q.distance is not None:
        zone_ids = list(q.distance.zones)
        zrows: list[tuple[Cell, ...]] = []
        mrows: list[tuple[Cell, ...]] = []
        for label, g in groups:
            if g.suppressed:
                zrows.append((label, None, None, None, suppressed_note(g.reason)))
                continue
            for z in zone_ids:
                zrows.append((label, zone_name(q, z, lang), g.zones_before.get(z, 0), g.zones_after.get(z, 0), ""))
            if g.moves is not None:
                for z in zone_ids:
                    mrows.append((label, zone_name(q, z, lang), *(g.moves[z].get(t, 0) for t in zone_ids)))
        views.append(
            View("Zones", "Results per client-distance zone", ("group", "zone", "before", "after", "note"), zrows)
        )
        views.append(
            View(
                "Moves",
                "Paired people: zone before (rows) and after (columns)",
                ("group", "before \\ after", *(zone_name(q, z, lang) for z in zone_ids)),
                mrows,
            )
        )
    t = c.total
    views.append(
        _about(
            q,
            [
                ("by", c.by or ""),
                ("paired by", "participant id and account" if c.match == "id" else "name and account"),
                ("minimum group size", c.min_group),
                ("results before", t.n_before if t.n_before is not None else "suppressed"),
                ("results after", t.n_after if t.n_after is not None else "suppressed"),
                ("people paired", t.n_paired if t.n_paired is not None else "suppressed"),
                ("unfinished results left out", sum(e.get("partial", 0) for e in c.excluded.values())),
                ("files left out", sum(e.get("rejected", 0) for e in c.excluded.values())),
            ],
        )
    )
    return views


# ---------------------------------------------------------------- questionnaire codebook


def codebook(q: Questionnaire) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """The items in presentation order as a codebook: id, factor or pole, key, scale, texts."""
    langs = list(q.languages)
    labels = "; ".join(f"{p}={localize(t, langs[0])}" for p, t in q.scale.labels.items())
    header = (
        "position",
        "item_id",
        "kind",
        "scale_id",
        *(f"scale_name_{lang}" for lang in langs),
        "reverse",
        "min",
        "max",
        "labels",
        *(f"text_{lang}" for lang in langs),
    )
    rows: list[tuple[Cell, ...]] = []
    for n, item in enumerate(q.presentation_order, start=1):
        scale = q.find_scale(item.scale_id)
        rows.append(
            (
                n,
                item.id,
                scale.kind,
                scale.id,
                *(scale.name.get(lang, "") for lang in langs),
                1 if item.reverse else 0,
                q.scale.min,
                q.scale.max,
                labels,
                *(item.text.get(lang, "") for lang in langs),
            )
        )
    return header, rows
