"""The self–other report as one self-contained HTML page (no scripts, nothing fetched)."""

from __future__ import annotations

from kamtrust import __version__
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.report import svg
from kamtrust.report.html import LegendItem, _markup, band_legend, page
from kamtrust.report.radar_multi import RoleSeries, radar_multi, swatch
from kamtrust.report.selfother import SelfOtherView


def render_html(v: SelfOtherView, q: Questionnaire) -> str:
    """The page: header, radar, table of gaps, quadrant, statements, levers, notes."""
    lang = v.lang
    you = v.name or t(lang, "fb_self")
    factors = v.factors
    person = svg.Series("person", you, tuple(r.self_score for r in factors))
    roles = [
        RoleSeries(c.id, f"{c.label} (n = {c.n})", tuple(r.cells[i].value for r in factors))
        for i, c in enumerate(v.columns)
    ]
    legend = [LegendItem(_markup(svg.swatch("person")), f"{you} ({t(lang, 'fb_self')})")]
    legend += [LegendItem(_markup(swatch(s.id)), s.label) for s in roles]
    legend += band_legend(v.bands)
    radar = ""
    if len(factors) >= 3:
        radar = radar_multi(
            [svg.Axis(r.name, number(r.self_score, lang)) for r in factors],
            person,
            roles,
            band_edges=[b.min for b in v.bands],
            title=t(lang, "fb_radar_title"),
            lang=lang,
        )
    quadrant = ""
    quadrant_legend: list[LegendItem] = []
    if q.distance is not None and v.self_point is not None and v.others_point is not None and v.threshold is not None:
        points = []
        sp, op = v.self_point, v.others_point
        if sp.proximity is not None and sp.perspective is not None:
            points.append(svg.Point("person", sp.proximity, sp.perspective, f"{you}: {sp.zone_label}"))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("point:person")), f"{you}: {sp.zone_label}"))
        if op.proximity is not None and op.perspective is not None:
            label = t(lang, "fb_all_raters")
            points.append(svg.Point("group", op.proximity, op.perspective, f"{label}: {op.zone_label}"))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("point:group")), f"{label}: {op.zone_label}"))
        d = q.distance
        quadrant = svg.quadrant(
            threshold=v.threshold,
            zone_labels={z: localize(d.zones[z].label, lang) for z in d.zones},
            x_label=localize(d.proximity.name, lang),
            y_label=localize(d.perspective.name, lang),
            points=points,
            title=t(lang, "report_quadrant_title"),
        )
    title = " · ".join(x for x in (v.name, v.title, v.date) if x)
    return page(
        "selfother.html.j2",
        lang,
        kind="kt-selfother",
        version=__version__,
        page_title=title,
        v=v,
        radar=_markup(radar),
        legend=legend,
        quadrant=_markup(quadrant),
        quadrant_legend=quadrant_legend,
        footer=t(lang, "report_footer", version=__version__, qid=q.id, qversion=q.version),
    )
