"""The trainer's roster on the terminal: who (account, cohort, date, file), then the scores.

Seventeen columns never fit 80: the scores are split into tables of as many columns as the
width holds, each starting with the person's name, so every row still reads as one person.
Names are wrapped, never cut.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kamtrust.export.roster import Roster, notes
from kamtrust.export.views import scale_name, zone_name
from kamtrust.export.words import fmt
from kamtrust.i18n import plural, t
from kamtrust.present import date as local_date
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.render.console import Style, print_indented
from kamtrust.render.group import DASH, _table
from kamtrust.safetext import visible

NAME_MAX = 20
COL_MAX = 13


def _width(texts: list[str], low: int, high: int) -> int:
    """Wide enough for the longest word, so that texts wrap between words."""
    return min(high, max([low, *(len(w) for x in texts for w in x.split())]))


def render_roster(console: Console, style: Style, roster: Roster, q: Questionnaire, lang: str, warn: bool) -> None:
    """The roster; ``warn`` repeats the do-not-hand-out line inside (for a file: the screen has it on stderr)."""
    console.print(Text(t(lang, "roster_title"), style="bold"))
    key = plural("roster_line", len(roster.people))
    version = visible(roster.questionnaire_version)
    console.print(t(lang, key, n=len(roster.people), id=visible(roster.questionnaire_id), version=version))
    if warn:
        console.print(Text(t(lang, "roster_warning"), style="bold yellow"))
    # User text made visible before Rich sees it: Rich drops a BEL or a CR without a trace (the
    # CSV shows them as \x07, \r) and would measure an escape sequence as nothing.
    names = [visible(p.name) if p.name else t(lang, "not_given") for p in roster.people]
    name_w = _width([t(lang, "roster_h_name"), *names], 8, NAME_MAX)

    console.print()
    console.print(Text(t(lang, "roster_who"), style="bold"))
    who = _table(style)
    # Names, accounts and cohorts wrap between words, never inside one; only the file name folds.
    who.add_column(t(lang, "roster_h_name"), min_width=name_w, max_width=name_w, overflow="fold")
    used = name_w + 2 + 12  # the name, and the date (ten characters)
    for k in ("account", "cohort"):
        head = t(lang, f"roster_h_{k}")
        # At least as wide as its one-word heading ("cohorte"), which must not fold either.
        w = _width([visible(getattr(p, k) or "") for p in roster.people], max(6, len(head)), NAME_MAX)
        who.add_column(head, min_width=w, max_width=w, overflow="fold")
        used += w + 2
    who.add_column(t(lang, "roster_h_date"), no_wrap=True)
    # The file name takes what is left (folded if need be): a long one must not push the table past the width.
    who.add_column(t(lang, "roster_h_file"), max_width=max(8, console.width - used), overflow="fold")
    for name, p in zip(names, roster.people, strict=True):
        date = local_date(p.when, lang) if p.when else DASH
        who.add_row(name, visible(p.account or DASH), visible(p.cohort or DASH), date, visible(p.file))
    print_indented(console, who, 0)

    # The score columns: zone, overall, every factor and pole, split to fit the width.
    zone_head = t(lang, "roster_h_zone")
    columns: list[tuple[str, list[str]]] = [
        (zone_head, [zone_name(q, p.zone, lang) if p.zone else DASH for p in roster.people]),
        (scale_name(q, "overall", lang), [fmt(p.overall, lang, none=DASH) for p in roster.people]),
        *(
            (scale_name(q, sid, lang), [fmt(p.scores[sid], lang, none=DASH) for p in roster.people])
            for sid in roster.scales
        ),
    ]
    console.print()
    console.print(Text(t(lang, "roster_scores"), style="bold"))
    # Each column costs its width, its right padding and the blank divider before it.
    part: list[tuple[str, list[str], int]] = []
    used = 0
    for head, cells in columns:
        w = _width([head, *cells], 5, COL_MAX)
        if head == zone_head:  # a zone's words are never cut ("(Quetzalcóatl)" whole, not "(Quetzalcóatl" + ")")
            w = _width(cells, w, 20)
        if part and name_w + used + w + 2 > console.width:
            _scores_table(console, style, names, name_w, part, zone_head)
            part, used = [], 0
        part.append((head, cells, w))
        used += w + 2
    if part:
        _scores_table(console, style, names, name_w, part, zone_head)

    told = [(name, notes(p, q, lang)) for name, p in zip(names, roster.people, strict=True)]
    if any(n for _, n in told):
        console.print()
        console.print(Text(t(lang, "roster_notes"), style="yellow"))
        for name, n in told:
            if n:
                print_indented(console, f"{name} — {'; '.join(n)}", 2)
        print_indented(console, Text(t(lang, "roster_empty_rule"), style="dim"), 0)


def _scores_table(
    console: Console,
    style: Style,
    names: list[str],
    name_w: int,
    part: list[tuple[str, list[str], int]],
    zone_head: str,
) -> None:
    table: Table = _table(style)
    table.add_column("", min_width=name_w, max_width=name_w, overflow="fold")
    for n, (head, _, w) in enumerate(part):
        # Figures right-aligned; the zone (a label, always the first score column) left.
        left = n == 0 and head == zone_head
        table.add_column(
            Text(head, overflow="fold"), justify="left" if left else "right", min_width=w, max_width=w, overflow="fold"
        )
    for i, name in enumerate(names):
        table.add_row(name, *(cells[i] for _, cells, _ in part))
    print_indented(console, table, 0)
