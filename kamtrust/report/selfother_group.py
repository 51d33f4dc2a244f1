"""The group's self–other gaps (``kamtrust feedback summary``) as text, Markdown and JSON."""

from __future__ import annotations

import json

from kamtrust.engine.selfother import GroupGap
from kamtrust.i18n import plural, t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize


def _rows(q: Questionnaire, gaps: tuple[GroupGap, ...], lang: str) -> list[list[str]]:
    rows = []
    for g in gaps:
        name = localize(q.find_scale(g.id).name, lang)
        if g.hidden is not None:
            rows.append([name, "—", "—", "—", t(lang, f"fb_group_{g.hidden}")])
        else:
            rows.append(
                [
                    name,
                    str(g.n),
                    number(g.mean, lang, signed=True),
                    number(g.margin, lang),
                    t(lang, f"fb_verdict_{g.reading}") if g.reading else "—",
                ]
            )
    return rows


def _heads(lang: str) -> list[str]:
    return [t(lang, "factor"), "n", t(lang, "fb_group_mean_gap"), t(lang, "fb_margin"), t(lang, "fb_reading")]


def _lead(people: int, rated: int, lang: str, min_raters: int, min_group: int) -> list[str]:
    return [
        t(
            lang,
            plural("fb_group_lead", people),
            people=people,
            rated=rated,
            min_raters=min_raters,
            min_group=min_group,
        ),
        t(lang, "fb_group_method"),
    ]


def group_text(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    import textwrap

    rows = _rows(q, gaps, lang)
    heads = _heads(lang)
    w0 = max(len(r[0]) for r in rows) + 1
    out = [t(lang, "fb_group_title"), ""]
    out.append(heads[0].ljust(w0) + "".join(h[:10].rjust(11) for h in heads[1:-1]) + "  " + heads[-1])
    for r in rows:
        out.append(r[0].ljust(w0) + "".join(c.rjust(11) for c in r[1:-1]) + "  " + r[-1])
    out.append("")
    for p in _lead(people, rated, lang, min_raters, min_group):
        out += textwrap.wrap(p, 80)
    return "\n".join(out) + "\n"


def group_markdown(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    rows = _rows(q, gaps, lang)
    out = [f"# {t(lang, 'fb_group_title')}", "", "| " + " | ".join(_heads(lang)) + " |", "|---|---:|---:|---:|---|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    out += [""] + _lead(people, rated, lang, min_raters, min_group)
    return "\n".join(out) + "\n"


def group_json(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    doc = {
        "schema": "kamtrust.self-other-group/1",
        "questionnaire": {"id": q.id, "version": q.version},
        "language": lang,
        "people": people,
        "people_with_ratings": rated,
        "min_raters": min_raters,
        "min_group": min_group,
        "scales": [
            {"id": g.id, "kind": g.kind, "hidden": g.hidden}
            if g.hidden
            else {
                "id": g.id,
                "kind": g.kind,
                "n": g.n,
                "mean_gap": g.mean,
                "sd": g.sd,
                "margin": g.margin,
                "reading": g.reading,
            }
            for g in gaps
        ],
    }
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def gap_bars(q: Questionnaire, gaps: tuple[GroupGap, ...], lang: str) -> str:
    """A diverging bar per scale: the mean gap from 0, and its margin as a grey band around 0."""
    from kamtrust.report import svg

    row, left, width = 30, 230, 420
    height = row * len(gaps) + 40
    scale = max([abs(g.mean) for g in gaps if g.mean is not None] + [m for g in gaps if (m := g.margin)] + [10.0])
    scale = min(100.0, scale * 1.15)
    mid = left + width / 2

    def x(v: float) -> float:
        return mid + v / scale * (width / 2)

    out = [
        f'<svg class="kt-chart kt-gaps" viewBox="0 0 {left + width + 20} {height}" role="img" '
        f'aria-label="{svg.esc(t(lang, "fb_group_title"))}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="{svg.FONT}">'
    ]
    for i, g in enumerate(gaps):
        y = 10 + i * row
        name = localize(q.find_scale(g.id).name, lang)
        out.append(
            f'<text x="{left - 8}" y="{y + 19}" font-size="13" text-anchor="end" fill="{svg.INK}">{svg.esc(name)}</text>'
        )
        if g.mean is None or g.margin is None:
            out.append(
                f'<text x="{svg.num(mid)}" y="{y + 19}" font-size="12" text-anchor="middle" fill="{svg.MUTED}">'
                f"{svg.esc(t(lang, f'fb_group_{g.hidden}'))}</text>"
            )
            continue
        m0, m1 = x(-g.margin), x(g.margin)
        out.append(f'<rect x="{svg.num(m0)}" y="{y + 4}" width="{svg.num(m1 - m0)}" height="22" fill="#e5e7eb"/>')
        a, b = sorted((mid, x(g.mean)))
        colour = "#a3281e" if g.reading == "blind_spot" else "#1d6b33" if g.reading == "hidden_strength" else "#6b7280"
        out.append(
            f'<rect class="kt-bar" data-scale="{svg.esc(g.id)}" x="{svg.num(a)}" y="{y + 8}" width="{svg.num(max(b - a, 1))}" '
            f'height="14" fill="{colour}"><title>{svg.esc(name)}: {number(g.mean, lang, signed=True)}</title></rect>'
        )
        tx, anchor = (b + 5, "start") if g.mean >= 0 else (a - 5, "end")
        out.append(
            f'<text x="{svg.num(tx)}" y="{y + 19}" font-size="12" text-anchor="{anchor}" fill="{svg.INK}">'
            f"{svg.esc(number(g.mean, lang, signed=True))}</text>"
        )
    out.append(
        f'<line x1="{svg.num(mid)}" y1="6" x2="{svg.num(mid)}" y2="{height - 26}" stroke="{svg.GRID}" stroke-width="1"/>'
    )
    out.append(
        f'<text x="{svg.num(x(-scale * 0.95))}" y="{height - 8}" font-size="11" fill="{svg.MUTED}">'
        f"{svg.esc(t(lang, 'fb_axis_others_higher'))}</text>"
        f'<text x="{svg.num(x(scale * 0.95))}" y="{height - 8}" font-size="11" text-anchor="end" fill="{svg.MUTED}">'
        f"{svg.esc(t(lang, 'fb_axis_self_higher'))}</text>"
    )
    out.append("</svg>")
    return "".join(out)


def group_html(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    """The group's gaps as one self-contained HTML page (for the projector and the client company)."""
    from kamtrust import __version__
    from kamtrust.report.html import _markup, page

    rows = _rows(q, gaps, lang)
    return page(
        "selfother_group.html.j2",
        lang,
        kind="kt-selfother-group",
        version=__version__,
        page_title=t(lang, "fb_group_title"),
        title=t(lang, "fb_group_title"),
        chart=_markup(gap_bars(q, gaps, lang)),
        heads=_heads(lang),
        rows=rows,
        lead=_lead(people, rated, lang, min_raters, min_group),
        footer=t(lang, "report_footer", version=__version__, qid=q.id, qversion=q.version),
    )
