"""The tabular views of a summary or comparison, shared by the CSV, XLSX and Markdown exporters.

A view is a titled table of cells (text, whole numbers, rounded decimals or empty); each
exporter lays them out its own way: CSV blocks, one XLSX sheet per view, Markdown tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.anonymity import Hidden
from kamtrust.engine.compare import Change, CompareGroup, Comparison, zones_compared
from kamtrust.engine.group import GroupStats, GroupSummary, Stats
from kamtrust.export.reasons import cell, empty, reason
from kamtrust.i18n import t
from kamtrust.present import rounded
from kamtrust.questionnaire.model import Questionnaire, localize

Cell = str | int | float | None
TOTAL = "Total"
NOTES_VIEW = "Versions"
"""The view of a comparison's notes across two questionnaire versions (first, when there are any)."""
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
    """Rounded for display in spreadsheets, half away from zero like every output (the JSON keeps full precision)."""
    return rounded(value, digits)


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


def _count(value: int | None, why: Hidden | None, lang: str) -> Cell:
    """A count, or what stands for it when hidden ('< 3', 'hidden')."""
    return cell(why, lang) if why is not None else value


def _notes(names: Sequence[tuple[str, Hidden]], lang: str, by: str | None) -> str:
    """'Too close: hidden: fewer than 3 people; ...' for the hidden counts of one row."""
    return "; ".join(f"{name}: {reason(h, lang, by)}" for name, h in names)


# ---------------------------------------------------------------- summary


def _stats_row(
    label: str, kind: str, sid: str, name: str, st: Stats, bands: Sequence[str], note: str, lang: str, by: str | None
) -> tuple[Cell, ...]:
    if st.suppressed:
        # n, mean, sd, median, min, max and the band counts stay empty
        return (label, kind, sid, name, *(None,) * (6 + len(bands)), reason(st.hidden, lang, by))
    if st.n == 0:
        return (label, kind, sid, name, 0, *(None,) * 5, *(0 for _ in bands), empty("no_answers", lang))
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
            _score_rows(q, lang, groups, bands, summary.by),
        )
    ]
    if q.distance is not None:
        zone_ids = list(q.distance.zones)
        rows: list[tuple[Cell, ...]] = []
        for label, g in groups:
            if g.suppressed:
                rows.append((label, None, *([None] * len(zone_ids)), reason(g.hidden, lang, summary.by)))
            else:
                hz = g.zones_hidden
                rows.append(
                    (
                        label,
                        g.n,
                        *(_count(g.zones.get(z, 0), hz.get(z), lang) for z in zone_ids),
                        _notes([(zone_name(q, z, lang), hz[z]) for z in zone_ids if z in hz], lang, summary.by),
                    )
                )
        views.append(
            View(
                "Zones",
                "Client distance: results per zone",
                ("group", "n", *(zone_name(q, z, lang) for z in zone_ids), "note"),
                rows,
            )
        )
    if summary.items:
        views.append(_items_view(q, lang, groups, summary.by))
        views.append(_reliability_view(q, lang, groups, summary.by))
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
                (
                    "results included",
                    summary.total.n if summary.total.n is not None else reason(summary.total.hidden, lang),
                ),
                ("unfinished results left out", summary.excluded.get("partial", 0)),
                ("files left out (unreadable or not results)", summary.excluded.get("rejected", 0)),
            ],
            lang,
            summary.min_group,
        )
    )
    return views


def _score_rows(
    q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]], bands: list[str], by: str | None
) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for label, g in groups:
        if g.suppressed:
            # id, name, the six statistics and the band counts stay empty
            rows.append((label, "group", *(None,) * (8 + len(bands)), reason(g.hidden, lang, by)))
            continue
        for fid, st in g.factors.items():
            note = "strongest" if fid in g.strongest else "weakest" if fid in g.weakest else ""
            rows.append(_stats_row(label, "factor", fid, scale_name(q, fid, lang), st, bands, note, lang, by))
        for pid, st in g.poles.items():
            rows.append(_stats_row(label, "pole", pid, scale_name(q, pid, lang), st, bands, "", lang, by))
        if g.overall is not None:
            name = scale_name(q, "overall", lang)
            rows.append(_stats_row(label, "overall", "overall", name, g.overall, bands, "", lang, by))
    return rows


def _items_view(q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]], by: str | None) -> View:
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
            if it.hidden is not None:
                flag = reason(it.hidden, lang, by)
            elif it.n == 0:
                flag = empty("no_answers", lang)
            elif rt is not None and rt.hidden is not None:
                flag = "item-total r " + reason(rt.hidden, lang, by)
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


def _reliability_view(q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]], by: str | None) -> View:
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
                    _alpha_flag(rel.low, rel.alpha, rel.hidden, lang, by),
                    ", ".join(rel.low_items),
                )
            )
    return View(
        "Reliability",
        "Cronbach's alpha on complete cases (keyed values)",
        ("group", "scale", "name", "items", "complete cases", "alpha", "flag", "items with item-total r < 0.2"),
        rows,
    )


def _alpha_flag(low: bool, alpha: float | None, hidden: Hidden | None, lang: str, by: str | None) -> str:
    if hidden is not None:
        return reason(hidden, lang, by)
    return "alpha below 0.6" if low else ("not computable" if alpha is None else "")


def _about(q: Questionnaire, extra: list[tuple[str, Cell]], lang: str, min_group: int) -> View:
    rows: list[tuple[Cell, ...]] = [
        ("questionnaire", q.id),
        ("version", q.version),
        *extra,
        ("scores", "0-100: % of the answer scale's range"),
        ("anonymity", t(lang, "hidden_rule", n=min_group)),
    ]
    return View("About", "About this export", ("field", "value"), rows)


# ---------------------------------------------------------------- comparison


def _change_row(label: str, kind: str, sid: str, name: str, c: Change, lang: str, by: str | None) -> tuple[Cell, ...]:
    if c.hidden is not None:
        return (label, kind, sid, name, *([None] * 10), reason(c.hidden, lang, by))
    if c.before is None or c.after is None:
        return (label, kind, sid, name, *([None] * 10), empty("no_answers", lang))
    p = c.paired
    if c.paired_hidden is not None:
        note = reason(c.paired_hidden, lang, by)
    else:
        note = "" if p is not None else empty("no_pairs", lang)
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
        note,
    )


def compare_views(c: Comparison, q: Questionnaire, lang: str) -> list[View]:
    """Changes per score, zones before and after, zone moves of paired people, and about."""
    groups: list[tuple[str, CompareGroup]] = _groups(c.total, c.groups)
    rows: list[tuple[Cell, ...]] = []
    for label, g in groups:
        if g.suppressed:
            rows.append((label, "group", None, None, *([None] * 10), reason(g.hidden, lang, c.by)))
            continue
        for fid, ch in g.factors.items():
            rows.append(_change_row(label, "factor", fid, scale_name(q, fid, lang), ch, lang, c.by))
        for pid, ch in g.poles.items():
            rows.append(_change_row(label, "pole", pid, scale_name(q, pid, lang), ch, lang, c.by))
        if g.overall is not None:
            name = scale_name(q, "overall", lang)
            rows.append(_change_row(label, "overall", "overall", name, g.overall, lang, c.by))
    from kamtrust.version_notes import comparison_notes

    # Across two questionnaire versions, what was (not) compared comes first.
    told = comparison_notes(c, q, lang)
    title, column = t(lang, "group_compare_notes_title"), t(lang, "group_compare_note_col")
    views = [View(NOTES_VIEW, title, (column,), [(n,) for n in told])] if told else []
    views += [
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
    if q.distance is not None and zones_compared(q, c.versions):  # not across versions with other zones
        zone_ids = list(q.distance.zones)
        zrows: list[tuple[Cell, ...]] = []
        mrows: list[tuple[Cell, ...]] = []
        for label, g in groups:
            if g.suppressed:
                zrows.append((label, None, None, None, reason(g.hidden, lang, c.by)))
                continue
            hb, ha = g.zones_hidden.get("before", {}), g.zones_hidden.get("after", {})
            for z in zone_ids:
                zname = zone_name(q, z, lang)
                notes = [(t(lang, side), h[z]) for side, h in (("group_before", hb), ("group_after", ha)) if z in h]
                zrows.append(
                    (
                        label,
                        zname,
                        _count(g.zones_before.get(z, 0), hb.get(z), lang),
                        _count(g.zones_after.get(z, 0), ha.get(z), lang),
                        _notes(notes, lang, c.by),
                    )
                )
            if g.moves_withheld is not None:
                mrows.append((label, None, *(None for _ in zone_ids), reason(g.moves_withheld, lang, c.by)))
            elif g.moves is not None:
                for z in zone_ids:
                    hidden = [
                        (zone_name(q, n, lang), g.moves_hidden[(z, n)]) for n in zone_ids if (z, n) in g.moves_hidden
                    ]
                    mrows.append(
                        (
                            label,
                            zone_name(q, z, lang),
                            *(_count(g.moves[z].get(n, 0), g.moves_hidden.get((z, n)), lang) for n in zone_ids),
                            _notes(hidden, lang, c.by),
                        )
                    )
        views.append(
            View("Zones", "Results per client-distance zone", ("group", "zone", "before", "after", "note"), zrows)
        )
        views.append(
            View(
                "Moves",
                "Paired people: zone before (rows) and after (columns)",
                ("group", "before \\ after", *(zone_name(q, z, lang) for z in zone_ids), "note"),
                mrows,
            )
        )
    tot = c.total
    views.append(
        _about(
            q,
            [
                ("by", c.by or ""),
                ("paired by", "participant id and account" if c.match == "id" else "name and account"),
                ("minimum group size", c.min_group),
                ("results before", tot.n_before if tot.n_before is not None else reason(tot.hidden, lang)),
                ("results after", tot.n_after if tot.n_after is not None else reason(tot.hidden, lang)),
                ("people paired", tot.n_paired if tot.n_paired is not None else reason(tot.hidden, lang)),
                ("unfinished results left out", sum(e.get("partial", 0) for e in c.excluded.values())),
                ("files left out", sum(e.get("rejected", 0) for e in c.excluded.values())),
            ],
            lang,
            c.min_group,
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
