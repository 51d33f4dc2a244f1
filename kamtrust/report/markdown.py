"""The reports as Markdown, numbers as tables, for people who paste reports into documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kamtrust.engine.anonymity import Hidden
from kamtrust.engine.compare import Change
from kamtrust.i18n import plural, t
from kamtrust.present import number
from kamtrust.report.group import GroupReport, SubgroupColumn
from kamtrust.report.personal import AdviceView, BandView, PersonalReport
from kamtrust.safetext import md

__all__ = ["md", "render_group", "render_personal", "table"]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> list[str]:
    """A GitHub-flavoured table of already formatted (and escaped) cells."""
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _band(b: BandView | None, lang: str) -> str:
    return md(b.label) if b else md(t(lang, "not_scored"))


def band_line(bands: Sequence[BandView], lang: str) -> str:
    """The bands and their ranges on one line."""
    parts = []
    for i, b in enumerate(bands):
        hi = bands[i + 1].min if i + 1 < len(bands) else 100
        parts.append(f"{md(b.label)} {number(b.min, lang, 0)}–{number(hi, lang, 0)}")
    return f"{md(t(lang, 'report_bands'))}: " + " · ".join(parts) + ". " + md(t(lang, "report_bands_note"))


def levers(items: Sequence[str]) -> list[str]:
    """Levers as a task list, to tick off."""
    return [f"- [ ] {md(x)}" for x in items]


def _advice(a: AdviceView, lang: str) -> list[str]:
    out = [f"#### {md(a.name)} — {number(a.score, lang)} ({_band(a.band, lang)})", ""]
    if a.diagnosis:
        out += [md(a.diagnosis), ""]
    if a.levers:
        out += [f"**{md(t(lang, 'levers'))}**", "", *levers(a.levers), ""]
    return out


def render_personal(r: PersonalReport, *, notes: Sequence[str] = ()) -> str:
    """The personal report as Markdown."""
    lang = r.lang
    out = [
        *_personal_head(r),
        *_personal_callouts(r, notes),
        *_personal_factors(r),
        *_personal_trust(r),
        *_personal_distance(r),
        *_personal_plan(r),
        "---",
        "",
        md(t(lang, "report_footer", version=r.tool_version, qid=r.questionnaire_id, qversion=r.questionnaire_version)),
    ]
    return "\n".join(out) + "\n"


def _num(lang: str) -> Callable[..., str]:
    def num(x: float | None, signed: bool = False) -> str:
        return number(x, lang, signed=signed)

    return num


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _personal_head(r: PersonalReport) -> list[str]:
    """Title, who and when, the alerts, then the overall index beside the group and earlier ones."""
    lang, num = r.lang, _num(r.lang)
    heading = " · ".join(md(x) for x in (r.name, t(lang, "profile_title")) if x)
    out = [f"# {heading}", "", md(r.title), ""]
    meta = [
        f"{md(t(lang, label))}: {md(value)}"
        for label, value in (("account", r.account), ("cohort", r.cohort), ("date", r.date))
        if value
    ]
    out += [" · ".join(meta), ""]
    # Alerts come before the overall index, which could otherwise hide them.
    for alert in r.alerts:
        out += [f"> **{md(alert)}**", ""]
    overall = f"**{md(t(lang, 'overall'))}: {num(r.overall)}**"
    if r.overall_band:
        overall += f" ({md(r.overall_band.label)})"
    if r.group is not None and r.group.overall is not None and r.overall is not None:
        overall += (
            f" · {md(t(lang, 'report_group_mean'))} {num(r.group.overall)} ({num(r.overall - r.group.overall, True)})"
        )
    if r.earlier is not None and r.earlier.overall is not None and r.overall is not None:
        overall += (
            f" · {md(t(lang, 'report_earlier'))} {num(r.earlier.overall)} ({num(r.overall - r.earlier.overall, True)})"
        )
    return [*out, overall, ""]


def _personal_callouts(r: PersonalReport, notes: Sequence[str]) -> list[str]:
    """An unfinished result, the response-quality flags and the caller's notes, as quotes."""
    from kamtrust.engine.scoring import FLAGS as known

    callouts = []
    if not r.complete:
        callouts.append(
            t(r.lang, "partial_result", answered=r.answered, total=r.items) + " " + t(r.lang, "partial_finish")
        )
    callouts += [t(r.lang, f"flag_{f}") for f in r.flags if f in known]
    callouts += list(notes)
    out: list[str] = []
    for note in callouts:
        out += [f"> {md(note)}", ""]
    return out


def _personal_factors(r: PersonalReport) -> list[str]:
    """The factor table, with the group mean and the earlier score beside when given."""
    lang, num = r.lang, _num(r.lang)
    out = [f"## {md(t(lang, 'report_factors'))}", ""]
    if r.group is not None:
        out += [md(t(lang, "report_against_note", n=r.group.n, date=r.group_date)), ""]
    if r.earlier is not None:
        out += [md(t(lang, "report_compare_note", date=r.earlier.date)), ""]
    header = [md(t(lang, "factor")), md(t(lang, "score")), md(t(lang, "band"))]
    numeric = [False, True, False]
    if r.group is not None:
        header += [md(t(lang, "report_group_mean")), md(t(lang, "report_difference"))]
        numeric += [True, True]
    if r.earlier is not None:
        header += [md(t(lang, "report_earlier")), md(t(lang, "report_change"))]
        numeric += [True, True]
    rows = []
    for f in r.factors:
        row = [md(f.name), num(f.score), _band(f.band, lang)]
        if r.group is not None:
            row += [num(f.group_mean), num(f.difference, True)]
        if r.earlier is not None:
            row += [num(f.earlier), num(f.change, True)]
        rows.append(row)
    total = [
        f"**{md(t(lang, 'overall'))}**",
        f"**{num(r.overall)}**",
        md(r.overall_band.label) if r.overall_band else "",
    ]
    if r.group is not None:
        total += [num(r.group.overall), num(_diff(r.overall, r.group.overall), True)]
    if r.earlier is not None:
        total += [num(r.earlier.overall), num(_diff(r.overall, r.earlier.overall), True)]
    rows.append(total)
    return [*out, *table(header, rows, numeric), "", band_line(r.bands, lang), ""]


def _personal_trust(r: PersonalReport) -> list[str]:
    trust = r.trust
    if trust is None:
        return []
    rows = [[md(label), value] for label, value in trust.terms]
    rows.append([f"**{md(trust.title)}**", f"**{trust.value}**"])
    table_ = table(["", md(t(r.lang, "score"))], rows, [False, True])
    return [f"## {md(trust.title)}", "", *table_, "", md(trust.note), ""]


def _personal_distance(r: PersonalReport) -> list[str]:
    """The two poles, the balance, the zone and its advice."""
    lang, num, d = r.lang, _num(r.lang), r.distance
    if d is None:
        return []
    out = [f"## {md(t(lang, 'distance_title'))}", ""]
    rows = [
        [md(d.x_label), num(d.proximity)],
        [md(d.y_label), num(d.perspective)],
        [md(t(lang, "balance")), num(d.balance, True)],
    ]
    out += [*table(["", md(t(lang, "score"))], rows, [False, True]), ""]
    if d.zone:
        line = f"**{md(t(lang, 'zone'))}: {md(d.zone_label)}**"
        if d.earlier_zone_label:
            line += f" ({md(t(lang, 'report_zone_from', zone=d.earlier_zone_label))})"
        out += [line, ""]
    if d.diagnosis:
        out += [md(d.diagnosis), ""]
    if d.levers:
        out += [f"**{md(t(lang, 'levers'))}**", "", *levers(d.levers), ""]
    return out


def _personal_plan(r: PersonalReport) -> list[str]:
    """The action plan: what to work on first, then the strengths to build on."""
    lang = r.lang
    if not (r.strengths or r.development):
        return []
    out = [f"## {md(t(lang, 'report_action_plan'))}", ""]
    if r.development:
        out += [f"### {md(t(lang, 'report_work_on'))}", ""]
        for a in r.development:
            out += _advice(a, lang)
    if r.strengths:
        out += [f"### {md(t(lang, r.keep_key))}", ""]
        for a in r.strengths:
            out += _advice(a, lang)
    return out


def render_group(r: GroupReport) -> str:
    """The group report as Markdown: the same figures as the HTML page, as tables."""
    lang = r.lang
    out = [
        *_group_head(r),
        *_group_factors(r),
        *_group_distance(r),
        *_group_changes(r),
        *_group_focus(r),
        *_group_reliability(r),
        *_group_subgroups(r),
        *_group_participants(r),
        *_group_self_other(r),
    ]
    out += [
        "---",
        "",
        md(t(lang, "report_footer", version=r.tool_version, qid=r.questionnaire_id, qversion=r.questionnaire_version)),
    ]
    return "\n".join(out) + "\n"


def _group_num(lang: str) -> Callable[..., str]:
    def num(x: float | None, digits: int = 1, signed: bool = False) -> str:
        return number(x, lang, digits, signed=signed)

    return num


def _group_why(r: GroupReport) -> Callable[[Hidden | None], str]:
    from kamtrust.export.reasons import reason

    def why(h: Hidden | None) -> str:
        return md(reason(h, r.lang, r.by))

    return why


def _count(n: int | None) -> str:
    return "—" if n is None else str(n)


def _group_head(r: GroupReport) -> list[str]:
    """Title, size and date, the overall index, what was left out and the notes on the earlier session."""
    lang = r.lang
    num = _group_num(lang)
    from kamtrust.export.reasons import reason

    heading = " · ".join(md(x) for x in (r.heading, t(lang, "group_report_title")) if x)
    out = [
        f"# {heading}",
        "",
        md(r.title),
        "",
        md(
            t(
                lang,
                plural("group_meta", r.n),
                n=r.n,
                min_group=r.min_group,
                date=t(lang, "fx_made", date=r.date),
            )
        ),
        "",
        *([md(r.session), ""] if r.session and not (r.before and r.before.dates) else []),
    ]
    if r.overall is not None:
        line = f"**{md(t(lang, 'overall'))}: {num(r.overall.mean)}**"
        if r.overall_band:
            line += f" ({md(r.overall_band.label)})"
        line += f" · {md(t(lang, 'group_sd'))} {num(r.overall.sd)}"
        out += [line, ""]
    if r.left_out:
        out += [f"> {md(r.left_out)}", ""]
    if r.before is not None and r.before.dates:
        out += [md(r.before.dates), ""]
    if r.before is not None:
        out += [line for note in r.before.notes for line in (f"> {md(note)}", "")]
    if r.before is not None and r.before.suppressed:
        out += [f"> {md(t(lang, 'group_before_withheld', reason=reason(r.before.reason, lang, r.by)))}", ""]
    return out


def _group_factors(r: GroupReport) -> list[str]:
    """The factor table with its bands, then why a figure is hidden."""
    lang = r.lang
    num = _group_num(lang)
    why = _group_why(r)
    count = _count

    out: list[str] = []
    out += [f"## {md(t(lang, 'report_factors'))}", ""]
    header = [
        md(t(lang, "factor")),
        "n",
        md(t(lang, "group_mean_col")),
        md(t(lang, "group_sd")),
        md(t(lang, "group_median")),
        md(t(lang, "group_range")),
    ]
    header += [md(b.label) for b in r.bands]
    rows = []
    for f in r.factors:
        st = f.stats
        row = [md(f.name), count(st.n), num(st.mean), num(st.sd), num(st.median), f"{num(st.min)}–{num(st.max)}"]
        row += ["—" if st.suppressed else str(st.bands.get(b.id, 0)) for b in r.bands]
        rows.append(row)
    if r.overall is not None:
        st = r.overall
        row = [
            f"**{md(t(lang, 'overall'))}**",
            count(st.n),
            f"**{num(st.mean)}**",
            num(st.sd),
            num(st.median),
            f"{num(st.min)}–{num(st.max)}",
        ]
        row += ["—" if st.suppressed else str(st.bands.get(b.id, 0)) for b in r.bands]
        rows.append(row)
    out += [*table(header, rows, [False, True, True, True, True, True, *(True for _ in r.bands)]), ""]
    hidden_rows = [(f.name, f.stats.hidden) for f in r.factors if f.stats.hidden is not None]
    if r.overall is not None and r.overall.hidden is not None:
        hidden_rows.append((t(lang, "overall"), r.overall.hidden))
    out += [f"{md(name)}: {why(h)}" + "  " for name, h in hidden_rows]
    out += [*([""] if hidden_rows else []), band_line(r.bands, lang), ""]
    return out


def _group_distance(r: GroupReport) -> list[str]:
    """The zones (before and after when compared), the dots withheld, the poles."""
    lang = r.lang
    num = _group_num(lang)
    why = _group_why(r)
    from kamtrust.export.reasons import cell

    out: list[str] = []
    d = r.distance
    if d is not None:
        out += [f"## {md(t(lang, 'distance_title'))}", ""]
        zone_header = [md(t(lang, "zone"))]
        if d.before_zones is not None:
            zone_header += [md(t(lang, "group_before")), md(t(lang, "group_after"))]
        else:
            zone_header += ["n"]
        zone_rows = []
        for zid, label in d.zone_labels.items():
            zrow = [md(label)]
            if d.before_zones is not None:
                hb = d.before_hidden.get(zid)
                zrow.append(md(cell(hb, lang)) if hb is not None else str(d.before_zones.get(zid, 0)))
            hz = d.zones_hidden.get(zid)
            zrow.append(md(cell(hz, lang)) if hz is not None else str(d.zones.get(zid, 0)))
            zone_rows.append(zrow)
        out += [*table(zone_header, zone_rows, [False, *(True for _ in zone_header[1:])]), ""]
        for zid, label in d.zone_labels.items():
            if zid in d.before_hidden:
                out += [f"{md(label)} ({md(t(lang, 'group_before'))}): {why(d.before_hidden[zid])}", ""]
            if zid in d.zones_hidden:
                out += [f"{md(label)}: {why(d.zones_hidden[zid])}", ""]
        if d.dots_withheld:
            out += [md(d.dots_note or t(lang, "hidden_dots", n=r.min_group)), ""]
        if d.moved is not None and r.before is not None:
            out += [md(t(lang, "group_moved", moved=d.moved, paired=r.before.n_paired)), ""]
        if r.before is not None and not r.before.suppressed and d.moves:
            out += [f"### {md(t(lang, 'up_moves_title'))}", "", *(f"- {md(line)}" for line in d.moves), ""]
        pole_rows = [
            [md(p.name), num(p.stats.mean), num(p.stats.sd), f"{num(p.stats.min)}–{num(p.stats.max)}"] for p in r.poles
        ]
        header = ["", md(t(lang, "group_mean_col")), md(t(lang, "group_sd")), md(t(lang, "group_range"))]
        if r.before is not None and not r.before.suppressed and d.moves:  # not under "where the group moved"
            out += [f"### {md(t(lang, 'distance_title'))}", ""]
        out += [*table(header, pole_rows, [False, True, True, True]), ""]
    return out


def _group_changes(r: GroupReport) -> list[str]:
    """Before and after: the change per factor and pole, then the reliable change."""
    lang = r.lang
    num = _group_num(lang)
    why = _group_why(r)

    out: list[str] = []
    if r.before is not None and not r.before.suppressed:
        b = r.before
        out += [
            f"## {md(t(lang, 'group_changes'))}",
            "",
            md(t(lang, "group_before_note", before=b.n_before, after=b.n_after, paired=b.n_paired)),
            "",
            *(line for note in b.pairing for line in (md(note), "")),
            *(f"- {md(line.strip())}" for line in b.unpaired[1:]),
            *([""] if b.unpaired else []),
        ]
        if b.headline is not None:
            out += [f"### {md(b.headline)}", ""]
            head = [md(t(lang, x)) for x in ("factor", "rci_effect", "rci_improved", "rci_same", "rci_worse")]
            out += [*table(head, [[md(x) for x in row] for row in b.reliable], [False, False, True, True, True]), ""]
            out += [*(f"- {md(x)}" for x in b.sentences), ""]
            out += [line for note in b.reliable_notes for line in (md(note), "")]
            out += [f"### {md(t(lang, 'rci_unpaired')[:1].upper() + t(lang, 'rci_unpaired')[1:])}", ""]
        header = [
            md(t(lang, "factor")),
            md(t(lang, "group_before")),
            md(t(lang, "group_after")),
            md(t(lang, "report_change")),
            md(t(lang, "group_paired")),
            md(t(lang, "group_paired_change")),
            "d\\_z",
        ]
        rows = []
        for f in (*r.factors, *r.poles):
            rows.append(_change_row(md(f.name), f.change, num, why, lang))
        if b.overall is not None:
            rows.append(_change_row(f"**{md(t(lang, 'overall'))}**", b.overall, num, why, lang))
        out += [*table(header, rows, [False, True, True, True, True, True, True]), ""]
        # Why cells are hidden, once per reason under the table (the paired change comes first).
        out += [*(f"{n}. {md(note)}" for n, note in enumerate(b.footnotes, 1)), *([""] if b.footnotes else [])]
    return out


def _group_focus(r: GroupReport) -> list[str]:
    """Where to work next session: the strongest factors, the weakest with their advice."""
    lang = r.lang

    out: list[str] = []
    if r.focus or r.strongest or r.focus_hidden:
        out += [f"## {md(t(lang, 'group_focus'))}", ""]
        out += [md(r.focus_hidden), ""] if r.focus_hidden else []
        if r.strongest:
            out += [f"**{md(t(lang, 'group_strongest'))}:** " + ", ".join(md(x) for x in r.strongest), ""]
        if r.focus:
            out += [md(t(lang, "group_advice_note")), ""]
        for a in r.focus:
            out += _advice(a, lang)
    return out


def _group_reliability(r: GroupReport) -> list[str]:
    """Cronbach's alpha per factor and the items that fit it least."""
    lang = r.lang
    num = _group_num(lang)
    why = _group_why(r)
    count = _count
    from kamtrust.engine.group import ALPHA_LOW

    out: list[str] = []
    if r.reliability:
        out += [f"## {md(t(lang, 'group_reliability'))}", ""]
        header = [
            md(t(lang, "factor")),
            "α",
            md(t(lang, "group_complete_cases")),
            md(t(lang, "group_items")),
            md(t(lang, "group_low_items")),
        ]
        rows = [
            [
                md(x.name),
                num(x.alpha, 2),
                count(x.n),
                str(x.k),
                why(x.hidden) if x.hidden is not None else md(", ".join(x.low_items)) or "—",
            ]
            for x in r.reliability
        ]
        out += [
            *table(header, rows, [False, True, True, True, False]),
            "",
            md(t(lang, "group_reliability_note", low=num(ALPHA_LOW))),
            "",
        ]
    return out


def _group_subgroups(r: GroupReport) -> list[str]:
    """The means per subgroup (--by), then why a figure is hidden."""
    lang = r.lang
    num = _group_num(lang)
    why = _group_why(r)
    from kamtrust.export.reasons import cell

    out: list[str] = []
    if r.subgroups:
        from kamtrust.report.html import by_label

        out += [f"## {md(t(lang, 'group_subgroups', field=by_label(r.by, lang)))}", ""]
        header = [""] + [md(g.label) + (f" (n = {g.n})" if g.n is not None else "") for g in r.subgroups]

        def mean_cell(g: SubgroupColumn, sid: str, value: float | None) -> str:
            if g.n is None:
                return "—"
            return md(cell(g.hidden[sid], lang)) if sid in g.hidden else num(value)

        rows = [
            [md(f.name)] + [mean_cell(g, f.id, g.means.get(f.id)) for g in r.subgroups] for f in (*r.factors, *r.poles)
        ]
        rows.append([f"**{md(t(lang, 'overall'))}**"] + [mean_cell(g, "overall", g.overall) for g in r.subgroups])
        out += [*table(header, rows, [False, *(True for _ in r.subgroups)]), ""]
        for g in r.subgroups:
            if g.n is None:
                out += [f"{md(g.label)}: {why(g.reason)}", ""]
                continue
            names = [(f.id, f.name) for f in (*r.factors, *r.poles)] + [("overall", t(lang, "overall"))]
            out += [f"{md(g.label)}, {md(name)}: {why(g.hidden[sid])}" + "  " for sid, name in names if sid in g.hidden]
            if g.hidden:
                out.append("")
    return out


def _group_participants(r: GroupReport) -> list[str]:
    """The names, when allowed."""
    lang = r.lang

    out: list[str] = []
    if r.participants is not None:
        out += [f"## {md(t(lang, 'group_participants'))}", "", ", ".join(md(p) for p in r.participants) or "—", ""]
    return out


def _group_self_other(r: GroupReport) -> list[str]:
    """--ratings: the group's self-other gaps, then by subgroup, then how to read them."""
    so = r.self_other
    if so is None:
        return []
    numeric = [False] * (len(so["heads"]) - 4) + [True, True, True, False]
    out = [f"## {md(so['title'])}", "", *table(so["heads"], [[md(c) for c in x] for x in so["rows"]], numeric)]
    if so["by_rows"]:
        by_rows = [[md(c) for c in x] for x in so["by_rows"]]
        by_numeric = [False] + [True] * (len(so["by_heads"]) - 1)
        out += ["", f"### {md(so['by_title'])}", "", *table(so["by_heads"], by_rows, by_numeric)]
        out += ["", *(md(p) + "\n" for p in so["by_notes"])]
    return [*out, "", *(md(p) + "\n" for p in so["lead"])]


def _change_row(
    label: str, c: Change | None, num: Callable[..., str], why: Callable[[Hidden | None], str], lang: str
) -> list[str]:
    if c is not None and c.hidden is not None:
        return [label, why(c.hidden), "", "", "", "", ""]
    hide = md(t(lang, "hidden_cell"))
    if c is None or (c.before is None or c.after is None) and c.before_hidden is None and c.after_hidden is None:
        return [label, md(t(lang, "no_answers")), "", "", "", "", ""]
    before = hide if c.before is None else num(c.before.mean)
    after = hide if c.after is None else num(c.after.mean)
    change = hide if c.change is None else num(c.change, signed=True)
    p = c.paired
    if p is None:
        gap = why(c.paired_hidden) if c.paired_hidden is not None else md(t(lang, "no_pairs"))
        return [label, before, after, change, gap, "", ""]
    return [
        label,
        before,
        after,
        change,
        str(p.n),
        num(p.mean_change, signed=True),
        num(p.dz, 2, signed=True),
    ]
