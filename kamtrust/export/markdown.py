"""Markdown export: a readable report for the client company (tables, strengths, levers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kamtrust.engine.compare import Comparison
from kamtrust.engine.group import GroupSummary, Stats
from kamtrust.engine.scoring import band_for
from kamtrust.export.reasons import reason
from kamtrust.export.views import NOTES_VIEW, Cell, View, compare_views, summary_views
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.safetext import md


def _cell(value: Cell, decimal: str = ".") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
        return text.replace(".", decimal)
    # Names, accounts and texts from files: no markup, no pipe splitting the cell, one line.
    return md(value)


def table(header: Sequence[str], rows: Sequence[Sequence[Cell]], *, numeric_from: int = 0) -> list[str]:
    """A GitHub-flavoured Markdown table; columns holding numbers are right-aligned."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    align = []
    for col in range(len(header)):
        numbers = any(isinstance(row[col], int | float) for row in rows if col < len(row))
        align.append("---:" if numbers and col >= numeric_from else "---")
    lines.append("| " + " | ".join(align) + " |")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _view_block(view: View, drop: Sequence[str] = ()) -> list[str]:
    keep = [i for i, h in enumerate(view.header) if h not in drop]
    rows = [tuple(row[i] for i in keep) for row in view.rows]
    return [f"## {md(view.title)}", "", *table([view.header[i] for i in keep], rows), ""]


def summary_markdown(summary: GroupSummary, q: Questionnaire, lang: str, *, generated_at: str = "") -> str:
    """The summary as Markdown, with the advice for the group's weakest factors."""
    views = summary_views(summary, q, lang)
    total = summary.total
    out = [f"# Group summary · {md(localize(q.title, lang))}", ""]
    n = reason(total.hidden, lang) if total.n is None else str(total.n)
    meta = f"Questionnaire {q.id} {md(q.version)} · results: {n} · minimum group size: {summary.min_group}"
    if summary.by:
        meta += f" · by {summary.by}"
    if generated_at:
        meta += f" · {generated_at}"
    out += [meta, "", "Scores are 0-100 (% of the answer scale's range). Only group figures are shown.", ""]
    if total.suppressed:
        out += [f"**The group is not reported ({_cell(reason(total.hidden, lang))}).**", ""]
    else:
        out += _focus(q, lang, total.strongest, total.weakest, total.factors)
    for view in views:
        if view.name == "About":
            continue
        out += _view_block(view, drop=("kind",))
    return "\n".join(out).rstrip() + "\n"


def _focus(
    q: Questionnaire, lang: str, strongest: Sequence[str], weakest: Sequence[str], stats: Mapping[str, Stats]
) -> list[str]:
    out = []
    if strongest:
        names = ", ".join(
            f"{md(localize(q.find_scale(f).name, lang))} ({number(stats[f].mean, 'en')})" for f in strongest
        )
        out += [f"**Strongest:** {names}", ""]
    if weakest:
        names = ", ".join(
            f"{md(localize(q.find_scale(f).name, lang))} ({number(stats[f].mean, 'en')})" for f in weakest
        )
        out += [f"**Weakest:** {names}", "", "## What to work on next", ""]
        for fid in weakest:
            factor = q.find_scale(fid)
            band = band_for(stats[fid].mean or 0.0, q.bands)
            advice = factor.advice.get(band)
            out.append(f"### {md(localize(factor.name, lang))} · {md(localize(q.find_band(band).label, lang))}")
            out.append("")
            if advice is not None:
                out.append(md(localize(advice.diagnosis, lang)))
                out.append("")
                out.extend(f"- {md(localize(lever, lang))}" for lever in advice.levers)
                out.append("")
    return out


def compare_markdown(c: Comparison, q: Questionnaire, lang: str, *, generated_at: str = "") -> str:
    """The before/after comparison as Markdown."""
    views = compare_views(c, q, lang)
    t = c.total
    out = [f"# Before and after · {md(localize(q.title, lang))}", ""]
    if t.suppressed:
        meta = f"Questionnaire {q.id} {md(q.version)} · minimum group size: {c.min_group}"
    else:
        meta = (
            f"Questionnaire {q.id} {md(q.version)} · before: {t.n_before} · after: {t.n_after} · "
            f"paired: {t.n_paired} · minimum group size: {c.min_group}"
        )
    if c.by:
        meta += f" · by {c.by}"
    if generated_at:
        meta += f" · {generated_at}"
    out += [
        meta,
        "",
        "Change = mean after − mean before (0-100 scale). d: Cohen's d (unpaired); "
        "d_z: Cohen's d for the paired changes. Only group figures are shown.",
        "",
    ]
    from kamtrust.version_notes import comparison_notes

    out += [line for note in comparison_notes(c, q, lang) for line in (f"> {md(note)}", "")]
    if t.suppressed:
        out += [f"**The group is not reported ({_cell(reason(t.hidden, lang))}).**", ""]
    for view in views:
        if view.name in ("About", NOTES_VIEW):
            continue
        out += _view_block(view, drop=("kind",))
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
