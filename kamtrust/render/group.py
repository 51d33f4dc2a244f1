"""Group summaries and before/after comparisons in the terminal, readable projected in a room."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kamtrust.engine.group import GroupStats, GroupSummary, Stats
from kamtrust.engine.scoring import band_for
from kamtrust.export.reasons import cell, empty, field_name, group_name, reason
from kamtrust.export.words import fmt
from kamtrust.i18n import plural, t
from kamtrust.profile_notes import group_advice
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.render.console import Style, print_indented, print_items
from kamtrust.render.profile import advice_block, band_colour
from kamtrust.safetext import visible

if TYPE_CHECKING:  # a summary's table never needs the comparison engine loaded
    from kamtrust.engine.compare import Change, CompareGroup, Comparison

NAME_WIDTH = 24
DASH = "—"

# Rich's SIMPLE_HEAD box in ASCII: only a rule under the header, no vertical lines (they
# cost three columns each, and a projected table needs the room for numbers).
ASCII_SIMPLE_HEAD = box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)


def render_text(render: Callable[..., None], *args: Any, width: int = 100) -> str:
    """A view rendered as plain text (ASCII boxes, no colour), for ``--format table -o FILE``."""
    import io

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, emoji=False, highlight=False, soft_wrap=False)
    render(console, Style(plain=True), *args)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def _box(style: Style) -> box.Box:
    return ASCII_SIMPLE_HEAD if style.plain else box.SIMPLE_HEAD


def _f(value: float | None, spec: str = ".1f", lang: str = "en") -> str:
    return fmt(value, lang, spec, DASH)


def _label(key: str | None, lang: str = "en") -> str:
    return visible(group_name(key, lang))


def _name(q: Questionnaire, scale_id: str, lang: str) -> str:
    if scale_id == "overall":
        return t(lang, "overall")
    return localize(q.find_scale(scale_id).name, lang)


def _table(style: Style) -> Table:
    # Right padding only: with the blank column divider, columns are two spaces apart.
    return Table(box=_box(style), show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")


def _print(console: Console, table: Table) -> None:
    # Through print_indented so that no line carries trailing spaces (pasted or piped text).
    print_indented(console, table, 0)


# ---------------------------------------------------------------- summary


def render_summary(console: Console, style: Style, summary: GroupSummary, q: Questionnaire, lang: str) -> None:
    """The whole summary: the total in full, then each subgroup side by side, items last."""
    total = summary.total
    console.print(Text(t(lang, "gx_summary_title", title=localize(q.title, lang)), style="bold"))
    n = _results(total.n, lang)
    console.print(Text(t(lang, "gx_meta", id=q.id, version=q.version, n=n, min_group=summary.min_group), style="dim"))
    if summary.dates:
        from kamtrust.export.unpaired_words import span

        console.print(Text(t(lang, "fx_session", dates=span(summary.dates, lang)), style="dim"))
    console.print()
    if total.suppressed:
        console.print(Text(_not_shown(reason(total.hidden, lang, summary.by), lang), style="bold yellow"))
    else:
        _render_group(console, style, total, q, lang, summary.by)
    if summary.by:
        console.print()
        _render_by(console, style, summary, q, lang)
    if summary.items and not total.suppressed:
        console.print()
        _render_items(console, style, total, q, lang, summary.by)


def _results(n: int | None, lang: str) -> str:
    """'1 result', '12 results' or 'not shown', in ``lang``."""
    if n is None:
        return t(lang, "gx_not_shown_n")
    return t(lang, plural("gx_results", n), n=n)


def _bands_cell(st: Stats, bands: Sequence[str], lang: str = "en") -> str:
    if st.bands_hidden:
        return cell(next(iter(st.bands_hidden.values())), lang)
    return "·".join(str(st.bands.get(b, 0)) for b in bands)


def _number_columns(table: Table, *headers: str) -> None:
    for header in headers:
        table.add_column(header, justify="right", no_wrap=True)


def _render_group(
    console: Console, style: Style, g: GroupStats, q: Questionnaire, lang: str, by: str | None = None
) -> None:
    up, down = ("+", "-") if style.plain else ("▲", "▼")
    table, notes = _group_table(style, g, q, lang, by, up, down)
    _print(console, table)
    for note in _grouped(notes):
        console.print(Text(note, style="yellow"))
    # Each level's name kept whole.
    _dim_items(console, lang, "gx_scores_legend", "legend", [localize(b.label, lang) for b in q.bands])
    console.print(Text(t(lang, "gx_marks_legend", up=up, down=down), style="dim"))
    _zones_and_flags(console, g, q, lang, by)
    _strongest_and_weakest(console, style, g, q, lang)
    if g.participants:
        console.print()
        print_items(console, f"{t(lang, 'group_participants')}: ", [*map(visible, g.participants)], sep=", ")


def _group_table(
    style: Style, g: GroupStats, q: Questionnaire, lang: str, by: str | None, up: str, down: str
) -> tuple[Table, list[tuple[str, str]]]:
    """The factors, poles and overall index with their statistics; the (name, reason) of each hidden row."""
    bands = [b.id for b in q.bands]
    table = _table(style)
    table.add_column("", no_wrap=True, width=1)
    table.add_column(t(lang, "factor"), max_width=NAME_WIDTH, min_width=12, overflow="fold")
    _number_columns(
        table,
        "n",
        t(lang, "group_mean_col"),
        t(lang, "group_sd"),
        t(lang, "group_median"),
        t(lang, "gx_min"),
        t(lang, "gx_max"),
        t(lang, "report_bands"),
    )
    notes: list[tuple[str, str]] = []

    def row(sid: str, st: Stats, mark: str = "", bold: bool = False) -> None:
        if st.suppressed:
            table.add_row(mark, _name(q, sid, lang), DASH, Text(cell(st.hidden, lang), style="dim"), *[""] * 5)  # type: ignore[arg-type]
            notes.append((_name(q, sid, lang), reason(st.hidden, lang, by)))
            return
        if st.n == 0:
            table.add_row(mark, _name(q, sid, lang), "0", Text(empty("no_answers", lang), style="dim"), *[""] * 5)
            return
        colour = band_colour(q, band_for(st.mean, q.bands)) if st.mean is not None else "white"
        table.add_row(
            mark,
            Text(_name(q, sid, lang), style="bold" if bold else ""),
            str(st.n),
            Text(_f(st.mean, lang=lang), style=f"bold {colour}"),
            _f(st.sd, lang=lang),
            _f(st.median, lang=lang),
            _f(st.min, lang=lang),
            _f(st.max, lang=lang),
            _bands_cell(st, bands, lang),
        )
        if st.bands_hidden:
            notes.append((_name(q, sid, lang), reason(next(iter(st.bands_hidden.values())), lang, by)))

    for fid, st in g.factors.items():
        mark = up if fid in g.strongest else down if fid in g.weakest else ""
        row(fid, st, mark)
    if g.poles:
        table.add_section()
        for pid, st in g.poles.items():
            row(pid, st)
    if g.overall is not None:
        table.add_section()
        row("overall", g.overall, bold=True)
    return table, notes


def _zones_and_flags(console: Console, g: GroupStats, q: Questionnaire, lang: str, by: str | None) -> None:
    """The count per distance zone (why one is hidden), then the response-quality flags."""
    if g.zones and q.distance is not None:
        console.print()
        hz = g.zones_hidden
        zones = [
            f"{localize(q.distance.zones[z].label, lang)} {cell(hz[z], lang) if z in hz else c}"
            for z, c in g.zones.items()
        ]
        print_items(console, f"{t(lang, 'distance_title')}: ", zones)
        for z, h in hz.items():
            console.print(Text(f"{localize(q.distance.zones[z].label, lang)}: {reason(h, lang, by)}", style="dim"))
    if g.flags:
        fh = g.flags_hidden
        flags = [f"{_flag(k, lang)} {cell(fh[k], lang) if k in fh else v}" for k, v in g.flags.items()]
        _dim_items(console, lang, "gx_response_notes", "flags", flags, sep=", ")


def _dim_items(console: Console, lang: str, key: str, field: str, items: list[str], sep: str = " · ") -> None:
    """The message ``key`` with ``items`` in the place of ``{field}``, dim, its lines broken
    between two items (:func:`~kamtrust.render.console.print_items`)."""
    head, _, tail = t(lang, key, **{field: "\0"}).partition("\0")
    print_items(console, head, [*items[:-1], items[-1] + tail], style="dim", head_style="dim", sep=sep)


def _strongest_and_weakest(console: Console, style: Style, g: GroupStats, q: Questionnaire, lang: str) -> None:
    """The strongest and weakest factors by mean, then what to work on next: the weakest with their advice."""
    if g.strongest:
        console.print()
        means = [f"{_name(q, f, lang)} {_f(g.factors[f].mean, lang=lang)}" for f in g.strongest]
        print_items(console, f"{t(lang, 'gx_strongest')}: ", means)  # not ", ": "Intimidad 50,3, ..."
    if g.weakest:
        means = [f"{_name(q, f, lang)} {_f(g.factors[f].mean, lang=lang)}" for f in g.weakest]
        print_items(console, f"{t(lang, 'gx_weakest')}: ", means)
        console.print()
        console.print(Text(t(lang, "gx_work_next"), style="bold"))
        print_indented(console, Text(t(lang, "group_advice_note")), 2)
        for a in group_advice(q, g.weakest, {fid: g.factors[fid].mean for fid in g.weakest}, lang):
            head = Text(f"{a.name} · ", style="bold")
            if a.band is not None:
                head.append(localize(q.find_band(a.band).label, lang), style=band_colour(q, a.band))
            print_indented(console, head, 2)
            if a.band is not None:
                print_indented(console, advice_block(a.diagnosis, a.levers, lang, style), 4)


def _flag(code: str, lang: str) -> str:
    """A response-quality flag's short name in ``lang``."""
    from kamtrust.i18n import MESSAGES, ui_language

    return MESSAGES[ui_language(lang)].get(f"gx_flag.{code}", code.replace("_", " "))


def _chunks(keys: Sequence[str], width: int, first: int, col: int) -> list[range]:
    per = max(1, (width - first) // col)
    return [range(i, min(i + per, len(keys))) for i in range(0, len(keys), per)]


def _render_by(console: Console, style: Style, summary: GroupSummary, q: Questionnaire, lang: str) -> None:
    # Suppressed groups are listed below the table rather than filling columns with "hidden".
    groups = [g for g in summary.groups if not g.suppressed]
    field = field_name(summary.by, lang)
    console.print(Text(t(lang, "gx_by_means", field=field), style="bold"))
    if not groups:
        console.print(Text(t(lang, "gx_by_all_hidden", field=field), style="yellow"))
    labels = [_label(g.key, lang) for g in groups]
    # Wide enough for the longest word of a name, so that names wrap between words.
    col_width = min(20, max([10, *(len(w) for label in labels for w in label.split())]))
    for part in _chunks(labels, console.width, NAME_WIDTH + 2, col_width + 1):
        table = _table(style)
        table.add_column("", max_width=NAME_WIDTH, overflow="fold")
        for i in part:
            # Names are wrapped onto more lines, never cut: a trainer must tell "Norte" from "Norte S.A.".
            table.add_column(Text(labels[i], overflow="fold"), justify="right", max_width=col_width, overflow="fold")
        chosen = [groups[i] for i in part]
        table.add_row("n", *(DASH if g.n is None else str(g.n) for g in chosen))
        table.add_section()
        for scale in q.scales:
            table.add_row(localize(scale.name, lang), *(_mean_cell(g.stat(scale.id), lang) for g in chosen))
        table.add_section()
        table.add_row(Text(t(lang, "overall"), style="bold"), *(_mean_cell(g.overall, lang) for g in chosen))
        if q.distance is not None:
            table.add_section()
            for z, zone in q.distance.zones.items():
                table.add_row(
                    localize(zone.label, lang),
                    *(cell(g.zones_hidden[z], lang) if z in g.zones_hidden else str(g.zones.get(z, 0)) for g in chosen),
                )
        _print(console, table)
    _by_hidden(console, summary, q, lang)


def _by_hidden(console: Console, summary: GroupSummary, q: Questionnaire, lang: str) -> None:
    """Below the table: each withheld subgroup, figure and zone with its reason, then the rule."""
    by = summary.by
    said = False
    for g in summary.groups:
        label = _label(g.key, lang)
        said = said or g.suppressed or bool(g.zones_hidden)
        if g.suppressed:
            console.print(Text(f"{label} — {reason(g.hidden, lang, by)}", style="yellow"))
            continue
        for scale_id in [*(s.id for s in q.scales), "overall"]:
            st = g.stat(scale_id)
            if st is not None and st.hidden is not None:
                said = True
                console.print(
                    Text(f"{label}, {_name(q, scale_id, lang)} — {reason(st.hidden, lang, by)}", style="yellow")
                )
        for z, h in g.zones_hidden.items():
            zone_label = localize(q.distance.zones[z].label, lang) if q.distance else z
            console.print(Text(f"{label}, {zone_label} — {reason(h, lang, by)}", style="yellow"))
    if said:
        console.print(Text(t(lang, "hidden_rule", n=summary.min_group), style="dim"))


def _grouped(notes: Sequence[tuple[str, str]]) -> list[str]:
    """'Credibility, Reliability — hidden: ...': one line per reason, naming every figure it hides."""
    names: dict[str, list[str]] = {}
    for name, why in notes:
        names.setdefault(why, []).append(name)
    return [f"{', '.join(ns)} — {why}" for why, ns in names.items()]


def _mean_cell(st: Stats | None, lang: str) -> str:
    if st is None:
        return DASH
    if st.hidden is not None:
        return cell(st.hidden, lang)
    if st.n == 0:
        return empty("no_answers", lang)
    return _f(st.mean, lang=lang)


def _render_items(
    console: Console, style: Style, g: GroupStats, q: Questionnaire, lang: str, by: str | None = None
) -> None:
    rel = g.reliability or {}
    console.print(Text(t(lang, "gx_reliability_head"), style="bold"))
    table = _table(style)
    table.add_column(t(lang, "gx_scale"), max_width=NAME_WIDTH, overflow="fold")
    table.add_column("k", justify="right")
    table.add_column("n", justify="right")
    table.add_column(t(lang, "gx_alpha"), justify="right")
    table.add_column(t(lang, "gx_note"), overflow="fold")
    for scale in q.scales:
        r = rel.get(scale.id)
        if r is None:
            continue
        note = []
        if r.hidden is not None:
            note.append(reason(r.hidden, lang, by))
        if r.low:
            note.append(t(lang, "gx_alpha_low"))
        if r.alpha is None and r.hidden is None:
            note.append(t(lang, "gx_not_computable"))
        if r.low_items:
            note.append(t(lang, "gx_low_r", items=", ".join(r.low_items)))
        table.add_row(
            localize(scale.name, lang),
            str(r.k),
            DASH if r.n is None else str(r.n),
            Text(_f(r.alpha, ".2f", lang), style="yellow" if r.low else ""),
            Text("; ".join(note), style="yellow" if note else ""),
        )
    _print(console, table)
    console.print()
    mark = t(lang, "gx_reverse_mark")
    console.print(Text(t(lang, "gx_items_head", mark=mark), style="bold"))
    items = _table(style)
    items.add_column("#", justify="right")
    items.add_column(t(lang, "gx_item"), no_wrap=True)
    # The statement beside its id, wrapped (never cut) to the room left by the numbers.
    items.add_column(t(lang, "gx_statement"), overflow="fold", ratio=3, min_width=16)
    items.add_column(t(lang, "gx_scale"), overflow="fold", ratio=1, min_width=8)
    items.add_column(mark, justify="center")
    items.add_column("n", justify="right")
    items.add_column(t(lang, "group_mean_col"), justify="right")
    items.add_column(t(lang, "group_sd"), justify="right")
    items.add_column("r", justify="right")
    hidden_items: list[str] = []
    for n, item in enumerate(q.presentation_order, start=1):
        it = (g.items or {}).get(item.id)
        if it is None:
            continue
        r = rel.get(item.scale_id)
        rd = r.item_total.get(item.id) if r else None
        low = bool(r and item.id in r.low_items)
        if it.hidden is not None:
            hidden_items.append(f"{item.id}: {reason(it.hidden, lang, by)}")
        items.add_row(
            str(n),
            item.id,
            visible(localize(item.text, lang)),
            localize(q.find_scale(item.scale_id).name, lang),
            mark if item.reverse else "",
            DASH if it.n is None else str(it.n),
            _item_mean(it, lang),
            _f(it.sd, ".2f", lang),
            Text(_f(rd, ".2f", lang) + ("!" if low else " "), style="yellow" if low else ""),
        )
    _print(console, items)
    for line in hidden_items:
        console.print(Text(line, style="yellow"))
    console.print(Text(t(lang, "gx_low_r_legend"), style="dim"))


def _item_mean(it: Any, lang: str) -> str:
    """An item's mean; 'hidden' only for anonymity, 'nobody answered' when nobody did."""
    if it.hidden is not None:
        return cell(it.hidden, lang)
    if it.n == 0:
        return t(lang, "gx_no_answers_item")
    return _f(it.mean, ".2f", lang)


# ---------------------------------------------------------------- comparison


def render_compare(console: Console, style: Style, c: Comparison, q: Questionnaire, lang: str) -> None:
    """Before and after: changes per score, then zone moves, then each subgroup."""
    console.print(Text(f"{t(lang, 'group_changes')} · {localize(q.title, lang)}", style="bold"))
    from kamtrust.export.unpaired_words import dates_line, notes, people_lines
    from kamtrust.version_notes import comparison_notes

    dates = dates_line(c, lang)
    if dates:
        console.print(Text(dates, style="dim"))

    for note in comparison_notes(c, q, lang):
        console.print(Text(note, style="yellow"))
    _render_compare_group(console, style, c.total, q, lang, c.min_group, c.by)
    told = notes(c, lang) + (people_lines(c, lang) if c.with_names else [])
    if told:
        console.print()
        for note in told:
            console.print(Text(note, style="yellow"))
    for g in c.groups:
        console.print()
        console.print(Text(f"{field_name(c.by, lang).capitalize()}: {_label(g.key, lang)}", style="bold"))
        _render_compare_group(console, style, g, q, lang, c.min_group, c.by)


def _not_shown(why: str, lang: str) -> str:
    """A whole group withheld, said once ("Hidden: fewer than 3 people."), not "Not shown: hidden: …"."""
    return t(lang, "gx_not_shown", reason=why[:1].upper() + why[1:])


def _render_compare_group(
    console: Console, style: Style, g: CompareGroup, q: Questionnaire, lang: str, min_group: int, by: str | None
) -> None:
    if g.suppressed:
        console.print(Text(_not_shown(reason(g.hidden, lang, by), lang), style="yellow"))
        return
    console.print(
        Text(
            t(lang, "gx_compare_counts", before=g.n_before, after=g.n_after, paired=g.n_paired)
            + ((t(lang, plural("gx_ambiguous", g.ambiguous), n=g.ambiguous)) if g.ambiguous else ""),
            style="dim",
        )
    )
    console.print()
    if _render_reliable(console, style, g, q, lang, by):
        console.print()
        console.print(Text(t(lang, "rci_unpaired").capitalize(), style="bold"))
    table, notes = _change_table(style, g, q, lang, by)
    _print(console, table)
    for note in _grouped(notes):
        console.print(Text(note, style="yellow"))
    console.print(Text(t(lang, "gx_compare_legend", min_group=min_group), style="dim"))
    if q.distance is not None and g.zones_before:
        _zone_moves(console, style, g, q, lang, by)


def _change_table(
    style: Style, g: CompareGroup, q: Questionnaire, lang: str, by: str | None
) -> tuple[Table, list[tuple[str, str]]]:
    """Before, after, change and d, then the paired change and d_z, per factor, pole and overall index;
    the (name, reason) of each hidden figure."""
    notes: list[tuple[str, str]] = []
    paired_label = t(lang, "group_paired_change").lower()
    table = _table(style)
    table.add_column(t(lang, "factor"), max_width=NAME_WIDTH, min_width=12, overflow="fold")
    _number_columns(
        table,
        t(lang, "group_before"),
        t(lang, "group_after"),
        t(lang, "report_change"),
        "d",
        t(lang, "gx_pairs"),
        t(lang, "gx_paired_col"),
        "d_z",
    )

    def row(sid: str, ch: Change, bold: bool = False) -> None:
        name = Text(_name(q, sid, lang), style="bold" if bold else "")
        if ch.hidden is not None:
            table.add_row(name, Text(cell(ch.hidden, lang), style="dim"), "", "", "", "", "", "")
            notes.append((_name(q, sid, lang), reason(ch.hidden, lang, by)))
            return
        sides = {"group_before": ch.before_hidden, "group_after": ch.after_hidden}
        if (ch.before is None or ch.after is None) and not any(sides.values()):
            table.add_row(name, Text(empty("no_answers", lang), style="dim"), "", "", "", "", "", "")
            return
        for side, h in sides.items():  # a session hidden, the paired change shown
            if h is not None:
                notes.append((_name(q, sid, lang), f"{t(lang, side).lower()}: {reason(h, lang, by)}"))
        side_gap = Text(t(lang, "hidden_cell"), style="dim")
        p = ch.paired
        if ch.paired_hidden is not None:
            notes.append((_name(q, sid, lang), f"{paired_label}: {reason(ch.paired_hidden, lang, by)}"))
        paired_gap = DASH if ch.paired_hidden is None else cell(ch.paired_hidden, lang)
        change = ch.change or 0.0
        colour = "green" if change > 0 else "red" if change < 0 else ""
        table.add_row(
            name,
            side_gap if ch.before is None else _f(ch.before.mean, lang=lang),
            side_gap if ch.after is None else _f(ch.after.mean, lang=lang),
            side_gap if ch.change is None else Text(_f(ch.change, "+.1f", lang), style=f"bold {colour}"),
            side_gap if ch.change is None else _f(ch.d, "+.2f", lang),
            paired_gap if p is None else str(p.n),
            paired_gap if p is None else _f(p.mean_change, "+.1f", lang),
            paired_gap if p is None else _f(p.dz, "+.2f", lang),
        )

    for fid, ch in g.factors.items():
        row(fid, ch)
    if g.poles:
        table.add_section()
        for pid, ch in g.poles.items():
            row(pid, ch)
    if g.overall is not None:
        table.add_section()
        row("overall", g.overall, bold=True)
    return table, notes


def _zone_moves(console: Console, style: Style, g: CompareGroup, q: Questionnaire, lang: str, by: str | None) -> None:
    """The count per zone before and after (why one is hidden), then who moved, when it may be said."""
    assert q.distance is not None
    console.print()
    console.print(Text(t(lang, "gx_distance_moves"), style="bold"))
    hb, ha = g.zones_hidden.get("before", {}), g.zones_hidden.get("after", {})
    for z, zone in q.distance.zones.items():
        before = cell(hb[z], lang) if z in hb else g.zones_before.get(z, 0)
        after = cell(ha[z], lang) if z in ha else g.zones_after.get(z, 0)
        console.print(Text(f"  {localize(zone.label, lang)}: {before} → {after}"))
        for side, h in (("group_before", hb.get(z)), ("group_after", ha.get(z))):
            if h is not None:
                console.print(Text(f"    {t(lang, side)}: {reason(h, lang, by)}", style="dim"))
    if g.moves_withheld is not None:
        console.print(Text(f"{t(lang, 'gx_zone_moves')} — {reason(g.moves_withheld, lang, by)}", style="yellow"))
    elif g.moves is not None:
        moved = cell(g.moved_hidden, lang) if g.moved_hidden is not None else g.moved
        console.print(Text(t(lang, "gx_moved", moved=moved, paired=g.n_paired), style=""))
        if g.moved_hidden is not None:
            console.print(Text(f"  {reason(g.moved_hidden, lang, by)}", style="dim"))
        _render_moves(console, style, g, q, lang, by)


def _render_reliable(
    console: Console, style: Style, g: CompareGroup, q: Questionnaire, lang: str, by: str | None
) -> bool:
    """The headline: the paired change with its reliable change, effect in words and slide sentences.

    Only where some reliable change is shown (the whole group); False when nothing was printed."""
    from kamtrust.export import rci_words

    scales = {**g.factors, **g.poles}
    if not any(c.rci is not None for c in scales.values()):
        return False
    n = g.n_paired or 0
    console.print(Text(t(lang, plural("rci_headline", n), n=n), style="bold"))
    table = _table(style)
    table.add_column(t(lang, "factor"), max_width=NAME_WIDTH, min_width=12, overflow="fold")
    _number_columns(
        table,
        t(lang, "gx_pairs"),
        t(lang, "gx_paired_col"),
        "d_z",
    )
    table.add_column(t(lang, "rci_effect"))
    _number_columns(table, t(lang, "rci_improved"), t(lang, "rci_same"), t(lang, "rci_worse"))
    notes: list[tuple[str, str]] = []
    for sid, c in scales.items():
        if sid in g.poles and sid == next(iter(g.poles)):
            table.add_section()
        p = c.paired
        if p is None or c.paired_hidden is not None or c.hidden is not None:
            table.add_row(Text(_name(q, sid, lang)), *([""] * 7))
            continue
        table.add_row(
            Text(_name(q, sid, lang)),
            str(p.n),
            _f(p.mean_change, "+.1f", lang),
            _f(p.dz, "+.2f", lang),
            rci_words.effect(p.dz, lang),
            *(rci_words.count(c, o, lang) for o in ("improved", "same", "worse")),
        )
        if c.rci is not None:
            notes.append((_name(q, sid, lang), rci_words.reliability_note(c, lang)))
    _print(console, table)
    for sid, c in scales.items():
        console.print(Text("• " + rci_words.sentence(_name(q, sid, lang), c, lang, by)))
    for note in _grouped(notes):
        console.print(Text(note, style="dim"))
    console.print(Text(t(lang, "rci_legend"), style="dim"))
    return True


def _render_moves(console: Console, style: Style, g: CompareGroup, q: Questionnaire, lang: str, by: str | None) -> None:
    assert q.distance is not None and g.moves is not None
    moves = g.moves
    why: dict[str, int] = {}  # each reason once, with how many cells it hides
    for h in g.moves_hidden.values():
        why[reason(h, lang, by)] = why.get(reason(h, lang, by), 0) + 1
    if len(g.moves_hidden) == sum(len(row) for row in moves.values()):
        console.print(Text(t(lang, "fx_moves_all_hidden", reason="; ".join(why)), style="dim"))
        return
    table = _table(style)
    table.add_column(t(lang, "gx_before_after"), max_width=NAME_WIDTH, overflow="fold")
    zones = list(q.distance.zones)
    for z in zones:
        table.add_column(localize(q.distance.zones[z].label, lang), justify="right", max_width=16, overflow="fold")
    for z in zones:
        table.add_row(
            localize(q.distance.zones[z].label, lang),
            *(
                cell(g.moves_hidden[(z, n)], lang) if (z, n) in g.moves_hidden else str(moves[z].get(n, 0))
                for n in zones
            ),
        )
    _print(console, table)
    for text, k in why.items():
        line = t(lang, plural("fx_cells_hidden", k), n=k, reason=text)
        console.print(Text(f"  {line}", style="dim"))
