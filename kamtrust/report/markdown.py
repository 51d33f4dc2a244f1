"""The reports as Markdown, numbers as tables, for people who paste reports into documents."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kamtrust.i18n import t
from kamtrust.report.personal import AdviceView, BandView, PersonalReport
from kamtrust.report.text import number

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def md(text: object) -> str:
    """Text that Markdown shows as written: its markup characters escaped, on one line."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


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

    def num(x: float | None, signed: bool = False) -> str:
        return number(x, lang, signed=signed)

    heading = " · ".join(md(x) for x in (r.name, t(lang, "profile_title")) if x)
    out = [f"# {heading}", "", md(r.title), ""]
    meta = [
        f"{md(t(lang, label))}: {md(value)}"
        for label, value in (("account", r.account), ("cohort", r.cohort), ("date", r.date))
        if value
    ]
    out += [" · ".join(meta), ""]
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
    out += [overall, ""]
    callouts = []
    if not r.complete:
        callouts.append(t(lang, "partial_result", answered=r.answered, total=r.items))
    known = {"straight_lining", "incomplete"}
    callouts += [t(lang, f"flag_{f}") for f in r.flags if f in known]
    callouts += list(notes)
    for note in callouts:
        out += [f"> {md(note)}", ""]

    out += [f"## {md(t(lang, 'report_factors'))}", ""]
    if r.group is not None:
        out += [md(t(lang, "report_against_note", n=r.group.n, date=r.group.date)), ""]
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
        diff = r.overall - r.group.overall if r.overall is not None and r.group.overall is not None else None
        total += [num(r.group.overall), num(diff, True)]
    if r.earlier is not None:
        change = r.overall - r.earlier.overall if r.overall is not None and r.earlier.overall is not None else None
        total += [num(r.earlier.overall), num(change, True)]
    rows.append(total)
    out += [*table(header, rows, numeric), "", band_line(r.bands, lang), ""]

    d = r.distance
    if d is not None:
        out += [f"## {md(t(lang, 'distance_title'))}", ""]
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

    if r.strengths or r.development:
        out += [f"## {md(t(lang, 'report_action_plan'))}", ""]
        if r.development:
            out += [f"### {md(t(lang, 'report_work_on'))}", ""]
            for a in r.development:
                out += _advice(a, lang)
        if r.strengths:
            out += [f"### {md(t(lang, 'report_keep'))}", ""]
            for a in r.strengths:
                out += _advice(a, lang)
    out += [
        "---",
        "",
        md(t(lang, "report_footer", version=r.tool_version, qid=r.questionnaire_id, qversion=r.questionnaire_version)),
    ]
    return "\n".join(out) + "\n"
