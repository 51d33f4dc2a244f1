"""Markdown export: a readable report for the client company (tables, strengths, levers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kamtrust.engine.compare import Comparison
from kamtrust.engine.group import GroupSummary, Stats
from kamtrust.export.reasons import field_name, reason
from kamtrust.export.views import Cell, View, compare_views, summary_views
from kamtrust.export.words import Dec, decimal_mark, fmt, local_date
from kamtrust.i18n import t
from kamtrust.present import rounded
from kamtrust.profile_notes import group_advice
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.safetext import md


def _cell(value: Cell, decimal: str = ".") -> str:
    if value is None:
        return ""
    if isinstance(value, Dec):
        return format(rounded(float(value), value.digits), f".{value.digits}f").replace(".", decimal)
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
        return text.replace(".", decimal)
    # Names, accounts and texts from files: no markup, no pipe splitting the cell, one line.
    return md(value)


def table(
    header: Sequence[str], rows: Sequence[Sequence[Cell]], *, numeric_from: int = 0, decimal: str = "."
) -> list[str]:
    """A GitHub-flavoured Markdown table; columns holding numbers are right-aligned."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    align = []
    for col in range(len(header)):
        numbers = any(isinstance(row[col], int | float) for row in rows if col < len(row))
        align.append("---:" if numbers and col >= numeric_from else "---")
    lines.append("| " + " | ".join(align) + " |")
    lines.extend("| " + " | ".join(_cell(c, decimal) for c in row) + " |" for row in rows)
    return lines


def _view_block(view: View, drop: Sequence[str] = (), lang: str = "en") -> list[str]:
    keep = [i for i, h in enumerate(view.header) if h not in drop]
    rows = [tuple(row[i] for i in keep) for row in view.rows]
    head = [view.header[i] for i in keep]
    return [f"## {md(view.title)}", "", *table(head, rows, decimal=decimal_mark(lang)), ""]


def summary_markdown(summary: GroupSummary, q: Questionnaire, lang: str, *, generated_at: str = "") -> str:
    """The summary as Markdown, with the advice for the group's weakest factors."""
    views = summary_views(summary, q, lang)
    total = summary.total
    out = [f"# {md(t(lang, 'gx_summary_title', title=localize(q.title, lang)))}", ""]
    n = reason(total.hidden, lang) if total.n is None else str(total.n)
    meta = t(lang, "gx_md_meta", id=q.id, version=md(q.version), n=n, min_group=summary.min_group)
    if summary.by:
        meta += t(lang, "gx_md_by", field=field_name(summary.by, lang))
    if summary.dates:
        from kamtrust.export.unpaired_words import span

        meta += " · " + t(lang, "fx_session", dates=span(summary.dates, lang))
    if generated_at:  # the day the file was made, said so: not the session's
        meta += " · " + t(lang, "fx_made", date=local_date(generated_at, lang))
    out += [meta, "", t(lang, "gx_md_scores_note"), ""]
    if total.suppressed:
        out += [f"**{t(lang, 'gx_md_not_reported', reason=_cell(reason(total.hidden, lang)))}**", ""]
    else:
        out += _focus(q, lang, total.strongest, total.weakest, total.factors)
    for view in views:
        if view.name == t(lang, "gx_v_about"):
            continue
        out += _view_block(view, drop=(t(lang, "gx_h_kind"),), lang=lang)
        if view.name == t(lang, "gx_v_rci"):
            out += [md(t(lang, "rci_legend")), ""]
    return "\n".join(out).rstrip() + "\n"


def _focus(
    q: Questionnaire, lang: str, strongest: Sequence[str], weakest: Sequence[str], stats: Mapping[str, Stats]
) -> list[str]:
    out = []
    if strongest:
        names = ", ".join(f"{md(localize(q.find_scale(f).name, lang))} ({fmt(stats[f].mean, lang)})" for f in strongest)
        out += [f"**{t(lang, 'gx_strongest')}:** {names}", ""]
    if weakest:
        names = ", ".join(f"{md(localize(q.find_scale(f).name, lang))} ({fmt(stats[f].mean, lang)})" for f in weakest)
        out += [f"**{t(lang, 'gx_weakest')}:** {names}", "", f"## {t(lang, 'gx_work_next')}", ""]
        out += [md(t(lang, "group_advice_note")), ""]  # the advice is personal: say so to the trainer
        # A weakest factor always has a mean (the engine ranks only those): 0 is never reached for.
        means = {fid: stats[fid].mean or 0.0 for fid in weakest}
        for a in group_advice(q, weakest, means, lang):
            band = a.band or q.bands[0].id
            out.append(f"### {md(a.name)} · {md(localize(q.find_band(band).label, lang))}")
            out.append("")
            if a.diagnosis or a.levers:
                out.append(md(a.diagnosis))
                out.append("")
                out.extend(f"- {md(lever)}" for lever in a.levers)
                out.append("")
    return out


def compare_markdown(c: Comparison, q: Questionnaire, lang: str, *, generated_at: str = "") -> str:
    """The before/after comparison as Markdown."""
    views = compare_views(c, q, lang)
    tot = c.total
    out = [f"# {t(lang, 'group_changes')} · {md(localize(q.title, lang))}", ""]
    if tot.suppressed:
        meta = t(lang, "gx_md_compare_meta_hidden", id=q.id, version=md(q.version), min_group=c.min_group)
    else:
        meta = t(
            lang,
            "gx_md_compare_meta",
            id=q.id,
            version=md(q.version),
            before=tot.n_before,
            after=tot.n_after,
            paired=tot.n_paired,
            min_group=c.min_group,
        )
    if c.by:
        meta += t(lang, "gx_md_by", field=field_name(c.by, lang))
    if generated_at:
        meta += " · " + t(lang, "fx_made", date=local_date(generated_at, lang))
    from kamtrust.export.unpaired_words import dates_line, notes

    dates = dates_line(c, lang)
    out += [*([md(dates), ""] if dates else []), meta, "", t(lang, "gx_md_compare_note"), ""]
    out += [line for note in notes(c, lang) for line in (f"> {md(note)}", "")]
    from kamtrust.version_notes import comparison_notes

    out += [line for note in comparison_notes(c, q, lang) for line in (f"> {md(note)}", "")]
    if tot.suppressed:
        out += [f"**{t(lang, 'gx_md_not_reported', reason=_cell(reason(tot.hidden, lang)))}**", ""]
    for view in views:
        if view.name in (t(lang, "gx_v_about"), t(lang, "gx_v_versions")):
            continue
        out += _view_block(view, drop=(t(lang, "gx_h_kind"),), lang=lang)
        if view.name == t(lang, "gx_v_rci"):
            out += [md(t(lang, "rci_legend")), ""]
    return "\n".join(out).rstrip() + "\n"


def questionnaire_markdown(q: Questionnaire, lang: str) -> str:
    """The questionnaire on paper (or to build an online form): items in order, one language.

    Each statement carries its item id, so the answers typed back into a spreadsheet (one
    column per id) can be read by ``kamtrust import``.
    """
    points = list(range(q.scale.min, q.scale.max + 1))
    out = [f"# {md(localize(q.title, lang))}", "", md(f"{q.id} {q.version}"), ""]
    if q.intro:
        for paragraph in q.intro_for(lang).split("\n\n"):
            out += [md(paragraph), ""]
    out += ["| " + " | ".join(md(f"{p} = {localize(q.scale.labels.get(p), lang)}") for p in points) + " |"]
    out += ["| " + " | ".join("---" for _ in points) + " |", ""]
    header = ["#", "id", "", *(str(p) for p in points)]
    rows: list[list[Cell]] = [
        [n, item.id, localize(item.text, lang), *("☐" for _ in points)]
        for n, item in enumerate(q.presentation_order, start=1)
    ]
    out += table(header, rows)
    return "\n".join(out) + "\n"
