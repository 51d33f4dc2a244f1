"""The tabular views of a summary or comparison, shared by the CSV, XLSX and Markdown exporters.

A view is a titled table of cells (text, whole numbers, rounded decimals or empty); each
exporter lays them out its own way: CSV blocks, one XLSX sheet per view, Markdown tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from kamtrust.engine.anonymity import Hidden
from kamtrust.engine.compare import Change, CompareGroup, Comparison, zones_compared
from kamtrust.engine.group import GroupStats, GroupSummary, Stats
from kamtrust.export.left_out import about_rows, added
from kamtrust.export.reasons import cell, empty, field_name, reason
from kamtrust.export.words import Dec
from kamtrust.i18n import plural, t
from kamtrust.questionnaire.model import Questionnaire, localize

Cell = str | int | float | None
TOTAL = "Total"
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


def group_label(key: str | None, total: bool = False, lang: str = "en") -> str:
    """How a group is named in tables."""
    if total:
        return t(lang, "gx_total")
    return t(lang, "not_given") if key is None else key


def r(value: float | None, digits: int = SCORE_DIGITS) -> float | None:
    """Shown to ``digits`` decimals in CSV and Markdown; XLSX keeps every digit (the JSON too)."""
    return None if value is None else Dec(value, digits)


def h(lang: str, *keys: str) -> tuple[str, ...]:
    """Column headers in ``lang`` (keys without their ``gx_h_`` prefix; 'n', 'd', 'd_z' as they are)."""
    return tuple(k if k in ("n", "d", "d_z") else t(lang, f"gx_h_{k}") for k in keys)


def scale_name(q: Questionnaire, scale_id: str, lang: str) -> str:
    """A factor's or pole's name in ``lang``; 'Overall trust index' for the overall."""
    if scale_id == "overall":
        return t(lang, "overall")
    return localize(q.find_scale(scale_id).name, lang)


def zone_name(q: Questionnaire, zone_id: str, lang: str) -> str:
    """A zone's label in ``lang``."""
    if q.distance is None or zone_id not in q.distance.zones:
        return zone_id
    return localize(q.distance.zones[zone_id].label, lang)


_G = TypeVar("_G", GroupStats, CompareGroup)


def _groups(summary_total: _G, groups: Sequence[_G], lang: str = "en") -> list[tuple[str, _G]]:
    """The whole group first ("Total"), then each subgroup, with their labels."""
    labelled: list[tuple[str, _G]] = [(t(lang, "gx_total"), summary_total)]
    labelled += [(group_label(g.key, lang=lang), g) for g in groups]
    return labelled


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
        *(cell(st.bands_hidden[b], lang) if b in st.bands_hidden else st.bands.get(b, 0) for b in bands),
        "; ".join(
            x for x in (note, reason(next(iter(st.bands_hidden.values())), lang, by) if st.bands_hidden else "") if x
        ),
    )


def summary_views(summary: GroupSummary, q: Questionnaire, lang: str) -> list[View]:
    """Scores, zones, (items, reliability), participants (only when allowed) and about."""
    bands = [b.id for b in q.bands]
    band_names = [localize(b.label, lang) for b in q.bands]
    groups = _groups(summary.total, summary.groups, lang)
    views = [
        View(
            t(lang, "gx_v_scores"),
            t(lang, "gx_v_scores_title"),
            (*h(lang, "group", "kind", "id", "name", "n", "mean", "sd", "median", "min", "max"), *band_names)
            + h(lang, "note"),
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
                t(lang, "gx_v_zones"),
                t(lang, "gx_v_zones_title"),
                (*h(lang, "group", "n"), *(zone_name(q, z, lang) for z in zone_ids), *h(lang, "note")),
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
                t(lang, "gx_v_participants"),
                t(lang, "gx_v_participants_title"),
                h(lang, "group", "name"),
                [(label, n) for label, ns in names for n in ns],
            )
        )
    views.append(
        _about(
            q,
            [
                (t(lang, "gx_a_by"), field_name(summary.by, lang)),
                (t(lang, "gx_a_min_group"), summary.min_group),
                (
                    t(lang, "gx_a_included"),
                    summary.total.n if summary.total.n is not None else reason(summary.total.hidden, lang),
                ),
                *about_rows(summary.excluded, lang),
                *_session_about(summary, lang),
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
            rows.append((label, t(lang, "gx_k_group"), *(None,) * (8 + len(bands)), reason(g.hidden, lang, by)))
            continue
        factor, pole = t(lang, "gx_k_factor"), t(lang, "gx_k_pole")
        for fid, st in g.factors.items():
            note = (
                t(lang, "gx_one_strongest")
                if fid in g.strongest
                else t(lang, "gx_one_weakest")
                if fid in g.weakest
                else ""
            )
            rows.append(_stats_row(label, factor, fid, scale_name(q, fid, lang), st, bands, note, lang, by))
        for pid, st in g.poles.items():
            rows.append(_stats_row(label, pole, pid, scale_name(q, pid, lang), st, bands, "", lang, by))
        if g.overall is not None:
            name = scale_name(q, "overall", lang)
            kind = t(lang, "gx_k_overall")
            rows.append(_stats_row(label, kind, "overall", name, g.overall, bands, "", lang, by))
    return rows


def _items_view(q: Questionnaire, lang: str, groups: list[tuple[str, GroupStats]], by: str | None) -> View:
    rows: list[tuple[Cell, ...]] = []
    mark = t(lang, "gx_reverse_mark")
    position = {item.id: n for n, item in enumerate(q.presentation_order, start=1)}
    for label, g in groups:
        if g.suppressed or g.items is None:
            continue
        rel = g.reliability or {}
        for it in g.items.values():
            rt = rel.get(it.scale)
            rdrop = rt.item_total.get(it.id) if rt else None
            flag = t(lang, "gx_low_item_r") if rt and it.id in rt.low_items else ""
            if it.hidden is not None:
                flag = reason(it.hidden, lang, by)
            elif it.n == 0:
                flag = t(lang, "gx_no_answers_item")
            elif rt is not None and rt.hidden is not None:
                flag = t(lang, "gx_item_r_hidden", reason=reason(rt.hidden, lang, by))
            rows.append(
                (
                    label,
                    position.get(it.id),
                    it.id,
                    localize(q.items[it.id].text, lang),
                    scale_name(q, it.scale, lang),
                    mark if it.reverse else "",
                    it.n,
                    r(it.mean, COEF_DIGITS),
                    r(it.sd, COEF_DIGITS),
                    r(rdrop, COEF_DIGITS),
                    flag,
                )
            )
    return View(
        t(lang, "gx_v_items"),
        t(lang, "gx_v_items_title", mark=mark),
        h(lang, "group", "position", "item", "statement", "scale", "reverse", "n", "mean", "sd", "item_total", "flag"),
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
        t(lang, "gx_v_reliability"),
        t(lang, "gx_v_reliability_title"),
        h(lang, "group", "scale", "name", "items", "complete", "alpha", "flag", "low_items"),
        rows,
    )


def _alpha_flag(low: bool, alpha: float | None, hidden: Hidden | None, lang: str, by: str | None) -> str:
    if hidden is not None:
        return reason(hidden, lang, by)
    return t(lang, "gx_alpha_low") if low else (t(lang, "gx_not_computable") if alpha is None else "")


def _about(q: Questionnaire, extra: list[tuple[str, Cell]], lang: str, min_group: int) -> View:
    rows: list[tuple[Cell, ...]] = [
        (t(lang, "gx_a_questionnaire"), q.id),
        (t(lang, "gx_a_version"), q.version),
        *extra,
        (t(lang, "gx_a_scores"), t(lang, "gx_a_scores_value")),
        (t(lang, "gx_a_anonymity"), t(lang, "hidden_rule", n=min_group)),
    ]
    return View(t(lang, "gx_v_about"), t(lang, "gx_v_about_title"), h(lang, "field", "value"), rows)


# ---------------------------------------------------------------- comparison


def _change_row(label: str, kind: str, sid: str, name: str, c: Change, lang: str, by: str | None) -> tuple[Cell, ...]:
    if c.hidden is not None:
        return (label, kind, sid, name, *([None] * 10), reason(c.hidden, lang, by))
    sides = {"group_before": c.before_hidden, "group_after": c.after_hidden}
    if (c.before is None or c.after is None) and not any(sides.values()):
        return (label, kind, sid, name, *([None] * 10), empty("no_answers", lang))
    p = c.paired
    if c.paired_hidden is not None:
        note = reason(c.paired_hidden, lang, by)
    else:
        note = "" if p is not None else empty("no_pairs", lang)
    # A session hidden (people present only then), the paired change shown: say which and why.
    told = [f"{t(lang, k)}: {reason(h, lang, by)}" for k, h in sides.items() if h]
    note = "; ".join([*told, *([note] if note else [])])
    return (
        label,
        kind,
        sid,
        name,
        None if c.before is None else c.before.n,
        None if c.before is None else r(c.before.mean),
        None if c.after is None else c.after.n,
        None if c.after is None else r(c.after.mean),
        r(c.change),
        r(c.d, COEF_DIGITS),
        None if p is None else p.n,
        None if p is None else r(p.mean_change),
        None if p is None else r(p.sd),
        None if p is None else r(p.dz, COEF_DIGITS),
        note,
    )


def _reliable_view(c: Comparison, q: Questionnaire, lang: str) -> list[View]:
    """The headline: the paired change of the whole group with its reliable change, effect in words
    and slide sentence (none when no reliable change is shown)."""
    from kamtrust.export import rci_words

    g = c.total
    scales = [(t(lang, "gx_k_factor"), sid, ch) for sid, ch in g.factors.items()]
    scales += [(t(lang, "gx_k_pole"), sid, ch) for sid, ch in g.poles.items()]
    if g.suppressed or not any(ch.rci is not None for _, _, ch in scales):
        return []
    rows: list[tuple[Cell, ...]] = []
    for kind, sid, ch in scales:
        name = scale_name(q, sid, lang)
        p, rc = ch.paired, ch.rci
        counts: list[Cell] = [
            None if rc is None else _count(rc.counts[o], rc.hidden.get(o), lang) for o in ("improved", "same", "worse")
        ]
        shown = p is not None and ch.paired_hidden is None and ch.hidden is None
        rows.append(
            (
                kind,
                sid,
                name,
                p.n if shown and p else None,
                r(p.mean_change) if shown and p else None,
                r(p.dz, COEF_DIGITS) if shown and p else None,
                rci_words.effect(p.dz, lang) if shown and p else None,
                *counts,
                None if rc is None else r(rc.reliability, COEF_DIGITS),
                None if rc is None else r(rc.threshold),
                rci_words.reliability_note(ch, lang) or None,
                rci_words.sentence(name, ch, lang, c.by),
            )
        )
    n = g.n_paired or 0
    return [
        View(
            t(lang, "gx_v_rci"),
            t(lang, plural("rci_headline", n), n=n),
            (
                *h(lang, "kind", "id", "name", "n_paired", "paired_change", "d_z"),
                t(lang, "rci_effect"),
                t(lang, "rci_improved"),
                t(lang, "rci_same"),
                t(lang, "rci_worse"),
                t(lang, "rci_reliability"),
                t(lang, "rci_threshold"),
                h(lang, "note")[0],
                t(lang, "rci_sentence_col"),
            ),
            rows,
        )
    ]


def compare_views(c: Comparison, q: Questionnaire, lang: str) -> list[View]:
    """Changes per score, zones before and after, zone moves of paired people, and about."""
    groups: list[tuple[str, CompareGroup]] = _groups(c.total, c.groups, lang)
    rows: list[tuple[Cell, ...]] = []
    factor, pole, overall = t(lang, "gx_k_factor"), t(lang, "gx_k_pole"), t(lang, "gx_k_overall")
    for label, g in groups:
        if g.suppressed:
            rows.append((label, t(lang, "gx_k_group"), None, None, *([None] * 10), reason(g.hidden, lang, c.by)))
            continue
        for fid, ch in g.factors.items():
            rows.append(_change_row(label, factor, fid, scale_name(q, fid, lang), ch, lang, c.by))
        for pid, ch in g.poles.items():
            rows.append(_change_row(label, pole, pid, scale_name(q, pid, lang), ch, lang, c.by))
        if g.overall is not None:
            name = scale_name(q, "overall", lang)
            rows.append(_change_row(label, overall, "overall", name, g.overall, lang, c.by))
    from kamtrust.version_notes import comparison_notes

    # Across two questionnaire versions, what was (not) compared comes first.
    told = comparison_notes(c, q, lang)
    title, column = t(lang, "group_compare_notes_title"), t(lang, "group_compare_note_col")
    views = [View(t(lang, "gx_v_versions"), title, (column,), [(n,) for n in told])] if told else []
    reliable = _reliable_view(c, q, lang)
    views += reliable
    views += [
        View(
            t(lang, "gx_v_changes"),
            t(lang, "gx_v_changes_title"),
            h(
                lang,
                "group",
                "kind",
                "id",
                "name",
                "n_before",
                "mean_before",
                "n_after",
                "mean_after",
                "change",
                "d",
                "n_paired",
                "paired_change",
                "sd_changes",
                "d_z",
                "note",
            ),
            rows,
        )
    ]
    if q.distance is not None and zones_compared(q, c.versions):  # not across versions with other zones
        views += _zone_views(c, q, lang, groups)
    views += _unpaired_views(c, lang)
    tot = c.total
    views.append(
        _about(
            q,
            [
                *_dates_about(c, lang),
                (t(lang, "gx_a_by"), field_name(c.by, lang)),
                (t(lang, "gx_a_paired_by"), t(lang, "gx_a_paired_id" if c.match == "id" else "gx_a_paired_name")),
                (t(lang, "gx_a_min_group"), c.min_group),
                (t(lang, "gx_a_before"), tot.n_before if tot.n_before is not None else reason(tot.hidden, lang)),
                (t(lang, "gx_a_after"), tot.n_after if tot.n_after is not None else reason(tot.hidden, lang)),
                (t(lang, "gx_a_paired"), tot.n_paired if tot.n_paired is not None else reason(tot.hidden, lang)),
                *about_rows(added(c.excluded.values()), lang),
                *([(t(lang, "gx_v_rci"), t(lang, "rci_legend"))] if reliable else []),
                *_pairing_notes(c, lang),
            ],
            lang,
            c.min_group,
        )
    )
    return views


def _session_about(summary: GroupSummary, lang: str) -> list[tuple[str, Cell]]:
    """The session's dates (first–last result, local), as the comparison's header has them."""
    from kamtrust.export.unpaired_words import span

    return [(t(lang, "fx_a_session"), span(summary.dates, lang))] if summary.dates else []


def _zone_views(c: Comparison, q: Questionnaire, lang: str, groups: list[tuple[str, CompareGroup]]) -> list[View]:
    """Results per zone before and after, and the paired people's moves from zone to zone."""
    assert q.distance is not None
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
                hidden = [(zone_name(q, n, lang), g.moves_hidden[(z, n)]) for n in zone_ids if (z, n) in g.moves_hidden]
                mrows.append(
                    (
                        label,
                        zone_name(q, z, lang),
                        *(_count(g.moves[z].get(n, 0), g.moves_hidden.get((z, n)), lang) for n in zone_ids),
                        _notes(hidden, lang, c.by),
                    )
                )
    return [
        View(
            t(lang, "gx_v_zones"),
            t(lang, "gx_v_czones_title"),
            h(lang, "group", "zone", "before", "after", "note"),
            zrows,
        ),
        View(
            t(lang, "gx_v_moves"),
            t(lang, "gx_v_moves_title"),
            (t(lang, "gx_h_group"), t(lang, "gx_before_after"), *(zone_name(q, z, lang) for z in zone_ids))
            + h(lang, "note"),
            mrows,
        ),
    ]


def _dates_about(c: Comparison, lang: str) -> list[tuple[str, Cell]]:
    from kamtrust.export.unpaired_words import span

    if not c.dates:
        return []
    return [(t(lang, f"group_{side}"), span(c.dates.get(side), lang)) for side in ("before", "after")]


def _pairing_notes(c: Comparison, lang: str) -> list[tuple[str, Cell]]:
    from kamtrust.export.unpaired_words import notes

    return [(t(lang, "up_v"), line) for line in notes(c, lang)]


def _unpaired_views(c: Comparison, lang: str) -> list[View]:
    """Counts per reason and the options to add; one row per person only ``with_names``."""
    from kamtrust.export import unpaired_words as words

    counts = words.counts_rows(c, lang)
    people = words.people_rows(c, lang)
    if not counts and not people:
        return []
    head = (t(lang, "up_h_reason"), t(lang, "up_h_people"), t(lang, "up_h_option"))
    rows: list[tuple[Cell, ...]] = [tuple(r) for r in counts]
    views = [View(t(lang, "up_v"), t(lang, "up_v_title"), head, rows)]
    if people:
        views.append(
            View(
                t(lang, "up_v") + " (" + t(lang, "up_h_name").lower() + ")",
                t(lang, "up_v_title"),
                (
                    t(lang, "up_h_session"),
                    t(lang, "up_h_name"),
                    t(lang, "up_h_account"),
                    t(lang, "up_h_id"),
                    t(lang, "up_h_reason"),
                    t(lang, "up_h_option"),
                ),
                [tuple(r) for r in people],
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
