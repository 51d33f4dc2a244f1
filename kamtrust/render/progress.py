"""Personal progress in the terminal: the saved history, two results compared, a profile beside its group."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kamtrust.documents.against import GroupMeans
from kamtrust.engine.scoring import DistanceResult, Profile
from kamtrust.i18n import t
from kamtrust.profile_notes import band_of, score_of
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.render.console import Style, print_indented
from kamtrust.render.profile import band_colour, fmt
from kamtrust.results.history import UNREADABLE, HistoryEntry
from kamtrust.safetext import visible

_NO_DISTANCE = DistanceResult(None, None, None, None)


def _delta(value: float | None, lang: str) -> Text:
    """A signed change, green up and red down (colour is a help, the sign carries the meaning)."""
    if value is None:
        return Text("—")
    colour = "green" if value >= 0.05 else "red" if value <= -0.05 else ""
    return Text(fmt(value, lang, signed=True), style=colour)


def _when(created_at: str | None, lang: str) -> str:
    """Local date and time, as the language writes dates."""
    from kamtrust.present import date as fmt_date

    return fmt_date(created_at, lang, time=True)


def render_history(console: Console, style: Style, entries: Sequence[HistoryEntry], lang: str) -> None:
    """The saved assessments, newest first, then each one's file path (to open, send or delete)."""
    console.print(Text(t(lang, "history_title"), style="bold"))
    several = len({e.questionnaire_id for e in entries if e.questionnaire_id}) > 1
    table = Table(box=style.box)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t(lang, "date"), no_wrap=True)
    if several:
        table.add_column(t(lang, "questionnaire"), no_wrap=True)
    table.add_column(t(lang, "account"), max_width=18)
    table.add_column(t(lang, "overall_short"), justify="right", no_wrap=True)
    table.add_column(t(lang, "zone"))
    table.add_column(t(lang, "status"))
    for n, e in enumerate(entries, start=1):
        if e.status == UNREADABLE:
            status = Text(t(lang, "status_unreadable"), style="red")
        elif e.status == "partial":
            total = f"/{e.items}" if e.items else ""
            status = Text(f"{t(lang, 'status_partial')} ({e.answered}{total})", style="yellow")
        else:
            status = Text(t(lang, "status_complete"))
        # Every text here comes from a file: text only, never markup, control characters shown.
        row: list[Any] = [str(n), Text(visible(_when(e.created_at, lang)))]
        if several:
            row.append(Text(visible(e.questionnaire_id or "—")))
        row += [Text(visible(e.account or "—")), fmt(e.overall, lang), Text(visible(e.zone_label or "—")), status]
        table.add_row(*row)
    console.print(table)
    console.print(Text(t(lang, "history_files") + ":", style="bold"))
    for n, e in enumerate(entries, start=1):
        line = Text(f"{n:>3}  {visible(e.path)}")
        if e.problem:
            line.append(f"  ({visible(e.problem)})", style="dim")
        console.print(line, soft_wrap=True)
    print_indented(console, Text(t(lang, "history_next"), style="dim"), 0)


def render_compare(
    console: Console,
    style: Style,
    q: Questionnaire,
    old: Profile,
    new: Profile,
    lang: str,
    *,
    old_date: str,
    new_date: str,
) -> None:
    """Per-factor change between two profiles, and the zone move."""
    console.print(
        Text(
            visible(f"{t(lang, 'compare_title', old=old_date, new=new_date)} · {localize(q.title, lang)}"),
            style="bold",
        )
    )
    console.print()
    oa, ob = old.overall, new.overall
    rows = [
        (
            Text(visible(localize(f.name, lang))),
            fmt(sa := score_of(old, f.id), lang),
            fmt(sb := score_of(new, f.id), lang),
            _delta(None if sa is None or sb is None else sb - sa, lang),
            (band_of(old, f.id), band_of(new, f.id)),
        )
        for f in q.factors
    ]
    total = (
        Text(t(lang, "overall"), style="bold"),
        fmt(oa, lang),
        Text(fmt(ob, lang), style="bold"),
        _delta(None if oa is None or ob is None else ob - oa, lang),
    )
    headers = (t(lang, "factor"), t(lang, "report_earlier"), t(lang, "report_now"), t(lang, "report_change"))
    # A level's move on one line when the table fits so, else on two, one level each: left to
    # wrap by words, "En desarrollo → A / reforzar" read as two levels.
    one_line = [_band_move(q, a, b, lang) for *_, (a, b) in rows]
    columns = [[header, *(str(cells[i]) for cells in (*rows, total))] for i, header in enumerate(headers)]
    least = min(28, max(cell_len(word) for text in columns[0] for word in text.split()))
    numbers = sum(max(map(cell_len, column)) for column in columns[1:])
    fits = least + numbers + max(cell_len(t(lang, "band")), *(m.cell_len for m in one_line)) + 16 <= console.width
    table = Table(box=style.box)
    table.add_column(headers[0], max_width=28)
    for header in headers[1:]:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(t(lang, "band"), no_wrap=fits)
    for (name, before, after, change, (a, b)), move in zip(rows, one_line, strict=True):
        table.add_row(name, before, after, change, move if fits else _band_move(q, a, b, lang, stacked=True))
    table.add_section()
    table.add_row(*total, "")
    console.print(table)
    d = q.distance
    da, db = old.distance or _NO_DISTANCE, new.distance or _NO_DISTANCE
    if d is None or (old.distance is None and new.distance is None):
        return
    console.print()
    console.print(Text(t(lang, "distance_title"), style="bold"))
    for va, vb, label in (
        (da.proximity, db.proximity, t(lang, "closeness")),
        (da.perspective, db.perspective, t(lang, "perspective")),
    ):
        line = Text(f"  {label}: {fmt(va, lang)} → {fmt(vb, lang)}  ")
        line.append_text(_delta(None if va is None or vb is None else vb - va, lang))
        console.print(line)
    za, zb = da.zone, db.zone
    if za or zb:
        name_a = localize(d.zones[za].label, lang) if za is not None and za in d.zones else "—"
        name_b = localize(d.zones[zb].label, lang) if zb is not None and zb in d.zones else "—"
        line = Text(f"  {t(lang, 'zone')}: ", style="bold")
        if za == zb:
            line.append(name_b, style="bold")
        else:
            line.append(f"{name_a} → ")
            line.append(name_b, style="bold green" if zb == "balanced" else "bold yellow")
        console.print(line)


def _band_move(q: Questionnaire, a: str | None, b: str | None, lang: str, stacked: bool = False) -> Text:
    def label(band_id: str | None) -> str:
        return localize(q.find_band(band_id).label, lang) if band_id else t(lang, "not_scored")

    if a == b:
        return Text(label(b), style=band_colour(q, b))
    text = Text(f"{label(a)}\n→ " if stacked else f"{label(a)} → ")
    text.append(label(b), style=band_colour(q, b))
    return text


def render_against(
    console: Console, style: Style, q: Questionnaire, profile: Profile, group: GroupMeans, lang: str
) -> None:
    """The profile's factors beside the group's means: the difference only, never a rank."""
    console.print()
    console.print(Text(t(lang, "against_title"), style="bold"))
    table = Table(box=style.box)
    table.add_column(t(lang, "factor"), max_width=28)
    table.add_column(t(lang, "report_you"), justify="right", no_wrap=True)
    table.add_column(t(lang, "report_group_mean"), justify="right", no_wrap=True)
    table.add_column(t(lang, "report_difference"), justify="right", no_wrap=True)
    for f in q.factors:
        s = score_of(profile, f.id)
        m = group.factors.get(f.id)
        table.add_row(
            Text(visible(localize(f.name, lang))),
            fmt(s, lang),
            fmt(m, lang),
            _delta(None if s is None or m is None else s - m, lang),
        )
    overall = profile.overall
    table.add_section()
    table.add_row(
        Text(t(lang, "overall"), style="bold"),
        fmt(overall, lang),
        fmt(group.overall, lang),
        _delta(None if overall is None or group.overall is None else overall - group.overall, lang),
    )
    console.print(table)
    note = t(lang, "report_against_note", n=group.n, date=visible(group.date))
    console.print(Text(note, style="dim"))
