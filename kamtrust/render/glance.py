"""The profile at a glance: the first block, which fits 24 lines at 80 columns.

Factors lead with bars and bands, the overall index follows; the distance is shown in its two
dimensions (closeness and perspective, each against the zone threshold) so that 50/50 and
100/100 never look alike; then the highest factors and the development areas by name, what was
left unanswered, and the notes on the answers. Factors to read first come before everything.
Lines are built by hand rather than with a table: a name wraps, a number or a band never
shrinks to "Punt…", and a wide terminal does not stretch the bars.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from kamtrust.engine.scoring import FLAGS, INCOMPLETE, Profile, band_for
from kamtrust.i18n import t
from kamtrust.present import date as fmt_date
from kamtrust.profile_notes import band_of, score_of
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.render.console import Style, print_indented
from kamtrust.render.profile import band_colour, band_label, bar, fmt
from kamtrust.render.standing import standing, unanswered
from kamtrust.safetext import visible

GAP = "  "
MAX_BAR = 24
MIN_BAR = 10
MIN_NAME = 12


@dataclass(frozen=True)
class Row:
    """One line of the block: a name, a score, a bar and a band (or a threshold reading)."""

    name: str
    score: float | None
    label: str
    colour: str
    bold: bool = False
    mark: float | None = None
    """Where to mark a threshold on the bar (0-100), for the distance poles."""


@dataclass(frozen=True)
class Columns:
    name: int
    score: int
    bar: int


def columns(width: int, rows: Sequence[Row], lang: str) -> Columns:
    """Column widths for ``width``: bars between MIN_BAR and MAX_BAR; names wrap when room is short."""
    score_w = max(cell_len(fmt(r.score, lang)) for r in rows)
    label_w = max(cell_len(r.label) for r in rows)
    name_w = max(cell_len(r.name) for r in rows)
    # One column spare: a line that fills the terminal exactly makes some terminals wrap it.
    room = width - 1 - score_w - label_w - 3 * len(GAP)
    bar_w = min(MAX_BAR, room - name_w)
    if bar_w >= MIN_BAR:
        return Columns(name_w, score_w, bar_w)
    return Columns(max(MIN_NAME, room - MIN_BAR), score_w, MIN_BAR)


def _bar(row: Row, style: Style, width: int) -> Text:
    text = Text(bar(row.score, style, width), style=row.colour)
    if row.mark is not None:
        at = min(width - 1, round(row.mark / 100 * width))
        text = text[:at] + Text("|" if style.plain else "┃", style="bold") + text[at + 1 :]
    return text


def print_rows(console: Console, style: Style, rows: Sequence[Row], cols: Columns, lang: str) -> None:
    """Each row on one line (a long name wraps onto the next ones, under itself)."""
    for row in rows:
        name_lines = Text(row.name, style="bold" if row.bold else "").wrap(console, cols.name)
        first = name_lines[0] if name_lines else Text("")
        line = first.copy()
        line.pad_right(cols.name - first.cell_len)
        line.append(GAP)
        line.append(fmt(row.score, lang).rjust(cols.score), style="bold" if row.bold else "")
        line.append(GAP)
        line.append_text(_bar(row, style, cols.bar))
        line.append(GAP)
        line.append(row.label, style=row.colour)
        console.print(line, soft_wrap=True)
        for more in name_lines[1:]:
            console.print(more, soft_wrap=True)


def print_hanging(console: Console, text: Text, indent: int = 2) -> None:
    """``text`` wrapped to the console, its second and later lines indented by ``indent``."""
    from rich._wrap import divide_line

    breaks = divide_line(text.plain, console.width, fold=True)
    if not breaks:
        print_indented(console, text, 0)
        return
    first = text[: breaks[0]]
    first.rstrip()
    console.print(first, soft_wrap=True)
    rest = text[breaks[0] :]
    print_indented(console, rest, indent)


def _threshold(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _names(q: Questionnaire, ids: Sequence[str], lang: str) -> str:
    return ", ".join(visible(localize(q.find_scale(fid).name, lang)) for fid in ids)


def header_line(lang: str, header: Mapping[str, str | None] | None, width: int | None = None) -> Text:
    """``Trust profile · Participant: Ana · Account: Acme · 25/11/2026`` on one line of ``width``.

    Every line of the first block counts at 80x24, so a header that would wrap drops the title;
    if the fields still do not fit, they go on two lines, whole: a name is never cut.
    """
    from rich.cells import cell_len

    typed: list[list[str]] = []  # [label, value]; label "" for the date
    for label, value in (header or {}).items():
        if value:
            # Names, accounts and cohorts are typed by people: text only, control characters shown.
            if label == t(lang, "date"):
                typed.append(["", fmt_date(visible(value), lang)])
            else:
                typed.append([label, visible(value)])

    def joined() -> str:
        return " · ".join(f"{lb}: {v}" if lb else v for lb, v in typed)

    title = t(lang, "profile_title")
    rest = joined()
    if not typed or width is None or cell_len(title) + 3 + cell_len(rest) <= width:
        line = Text(title, style="bold")
        if rest:
            line.append(" · " + rest)
        return line
    return Text("\n".join(_two_lines([f"{lb}: {v}" if lb else v for lb, v in typed], width)), style="bold")


def _two_lines(fields: Sequence[str], width: int) -> list[str]:
    """``fields`` joined by " · " on as few lines as fit ``width`` (the first line as full as it can be).

    Two lines for any name a person types; a field longer than the line is left for the terminal
    to wrap rather than cut.
    """
    lines: list[str] = []
    for field in fields:
        if lines and cell_len(lines[-1]) + 3 + cell_len(field) <= width:
            lines[-1] += " · " + field
        else:
            lines.append(field)
    return lines


def render_glance(
    console: Console,
    style: Style,
    q: Questionnaire,
    profile: Profile,
    lang: str,
    *,
    header: Mapping[str, str | None] | None = None,
) -> None:
    """The first block (no next steps: render_next_steps prints those last)."""
    head = header_line(lang, header, console.width)
    print_indented(console, head, 0)
    st = standing(q, profile)
    for fid in st.alerts:
        name = visible(localize(q.find_scale(fid).name, lang))
        alert = Text("! " if style.plain else "⚠ ", style="bold red")
        alert.append(t(lang, "alert_glance", factor=name), style="bold red")
        print_hanging(console, alert)
    # An alert line stands out on its own, and so does a header on two lines: their blank line
    # would not fit 80x24.
    if not st.alerts and "\n" not in head.plain:
        console.print()

    rows = []
    for f in q.factors:
        band = band_of(profile, f.id)
        rows.append(
            Row(
                visible(localize(f.name, lang)),
                score_of(profile, f.id),
                band_label(q, band, lang),
                band_colour(q, band),
            )
        )
    overall = profile.overall
    overall_band = None if overall is None else band_for(overall, q.bands)
    rows.append(
        Row(t(lang, "overall"), overall, band_label(q, overall_band, lang), band_colour(q, overall_band), bold=True)
    )
    poles = _pole_rows(q, profile, lang)
    cols = columns(console.width, [*rows, *poles], lang)
    print_rows(console, style, rows, cols, lang)

    d = profile.distance
    if q.distance is not None and d is not None:
        console.print()
        line = Text(t(lang, "distance_title") + ": ", style="bold")
        zone_id = d.zone
        if zone_id is not None and zone_id in q.distance.zones:
            line.append(
                visible(localize(q.distance.zones[zone_id].label, lang)),
                style="bold green" if zone_id == "balanced" else "bold yellow",
            )
        else:
            line.append(t(lang, "not_scored"))
        print_indented(console, line, 0)
        print_rows(console, style, poles, cols, lang)

    if not st.alerts:  # with an alert line above, this line is needed to fit 80x24
        console.print()
    if st.highest:
        _labelled(console, t(lang, st.highest_key), _names(q, st.highest, lang))
    if st.development:
        _labelled(console, t(lang, st.development_key), _names(q, st.development, lang))
    notes = []
    missing = unanswered(q, profile)
    if missing:
        parts = []
        for m in missing:
            part = t(
                lang, "unanswered_part", scale=visible(localize(m.scale.name, lang)), missing=m.missing, items=m.items
            )
            parts.append(part if m.scored else f"{part} ({t(lang, 'not_scored')})")
        label = t(lang, "unanswered")
        notes.append(f"{label[:1].lower()}{label[1:]}: " + ", ".join(parts))  # after "Notes: ", in lower case
    notes += [t(lang, f"flag_short_{f}") for f in profile.flags if f in FLAGS and f != INCOMPLETE]
    if notes:
        _labelled(console, t(lang, "notes"), "; ".join(notes))


def _labelled(console: Console, label: str, text: str) -> None:
    line = Text(label + ": ", style="bold")
    line.append(text)
    print_hanging(console, line)


def _pole_rows(q: Questionnaire, profile: Profile, lang: str) -> list[Row]:
    d = profile.distance
    if q.distance is None or d is None:
        return []
    threshold = q.distance.threshold
    rows = []
    for score, pole in ((d.proximity, q.distance.proximity), (d.perspective, q.distance.perspective)):
        if score is None:
            label, colour = t(lang, "not_scored"), "white"
        elif score >= threshold:
            label, colour = t(lang, "pole_held", threshold=_threshold(threshold)), "green"
        else:
            label, colour = t(lang, "pole_short", threshold=_threshold(threshold)), "yellow"
        rows.append(Row(visible(localize(pole.name, lang)), score, label, colour, mark=threshold))
    return rows


def render_next_steps(console: Console, lang: str, *, ref: str | None, details: bool) -> None:
    """The last lines: what to do next with this result."""
    target = ref or "FILE"
    steps = [t(lang, "next_report", ref=target)]
    if not details:
        steps.insert(
            0,
            t(
                lang,
                "next_details",
                command=f"kamtrust show {ref} --details" if ref and ref != "latest" else "kamtrust show --details",
            ),
        )
    if details:  # after the long details; under the first block every line counts (80x24)
        console.print()
    else:
        # Both commands on one line when it fits: a long name, a skipped question and the saved
        # path's two lines must still leave the profile's header on an 80x24 screen.
        commands = [step.partition(": ")[2] for step in steps]
        line = Text(t(lang, "next_more") + ": ", style="dim")
        line.append(visible(commands[0]), style="bold")
        line.append(" · ", style="dim")
        line.append(visible(commands[1]), style="bold")
        if line.cell_len < console.width:
            console.print(line, soft_wrap=True)
            return
    for step in steps:
        label, _, command = step.partition(": ")
        line = Text(f"{label}: ", style="dim")
        line.append(visible(command), style="bold")
        if line.cell_len < console.width:
            console.print(line, soft_wrap=True)
        else:  # the command whole on a line of its own
            console.print(Text(f"{label}:", style="dim"), soft_wrap=True)
            print_indented(console, Text(visible(command), style="bold"), 2)
