"""Assemble the self-contained HTML pages: Jinja2 templates (autoescaped) with our SVG charts inline.

Jinja2 rather than f-strings: two pages share one layout and stylesheet, and autoescaping makes
every name, account and questionnaire text safe by default instead of by remembering to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.report import svg
from kamtrust.report.group import GroupReport
from kamtrust.report.personal import PersonalReport


@dataclass(frozen=True)
class LegendItem:
    """A legend entry: a small SVG sample and its text."""

    swatch: Any
    label: str


@cache
def _env() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("kamtrust.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _markup(text: str) -> Any:
    # Our SVG module escapes every text it places; the page must not escape its markup again.
    from markupsafe import Markup

    return Markup(text)  # noqa: S704


def _helpers(lang: str) -> dict[str, Callable[..., str]]:
    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    def num(value: float | None, digits: int = 1, signed: bool = False) -> str:
        return number(value, lang, digits, signed=signed)

    return {"t": tr, "num": num}


def page(template: str, lang: str, **context: Any) -> str:
    """Render ``template`` with the language helpers and ``context``."""
    html: str = _env().get_template(template).render(lang=lang, **_helpers(lang), **context)
    return html


def band_legend(bands: Sequence[Any]) -> list[LegendItem]:
    """One legend entry per band, with its range."""
    items = []
    for i, b in enumerate(bands):
        hi = bands[i + 1].min if i + 1 < len(bands) else 100
        items.append(LegendItem(_markup(svg.swatch(f"band:{b.index}")), f"{b.label} ({svg.num(b.min)}–{svg.num(hi)})"))
    return items


def notes_for(flags: Sequence[str], lang: str, extra: Sequence[str] = ()) -> list[str]:
    """Flag texts and other notes for a callout."""
    from kamtrust.engine.scoring import FLAGS as known

    return [t(lang, f"flag_{f}") for f in flags if f in known] + list(extra)


def render_personal(r: PersonalReport, *, notes: Sequence[str] = ()) -> str:
    """The personal report as one HTML page."""
    lang = r.lang
    you = r.name or t(lang, "report_you")
    series = [svg.Series("person", you, tuple(f.score for f in r.factors))]
    legend = [LegendItem(_markup(svg.swatch("person")), you)]
    if r.group is not None:
        series.append(svg.Series("group", t(lang, "report_group_mean"), tuple(f.group_mean for f in r.factors)))
        legend.append(LegendItem(_markup(svg.swatch("group")), f"{t(lang, 'report_group_mean')} (n = {r.group.n})"))
    if r.earlier is not None:
        series.append(svg.Series("earlier", t(lang, "report_earlier"), tuple(f.earlier for f in r.factors)))
        legend.append(LegendItem(_markup(svg.swatch("earlier")), f"{t(lang, 'report_earlier')} ({r.earlier.date})"))
    legend.extend(band_legend(r.bands))
    # A radar needs three axes; a questionnaire with fewer factors keeps its table only.
    radar = ""
    if len(r.factors) >= 3:
        radar = svg.radar(
            [svg.Axis(f.name, number(f.score, lang)) for f in r.factors],
            series,
            band_edges=[b.min for b in r.bands],
            title=t(lang, "report_radar_title"),
            lang=lang,
        )
    quadrant = ""
    quadrant_legend: list[LegendItem] = []
    d = r.distance
    if d is not None:
        points = []
        if d.proximity is not None and d.perspective is not None:
            points.append(svg.Point("person", d.proximity, d.perspective, f"{you}: {d.zone_label}"))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("point:person")), you))
        if d.group is not None:
            points.append(svg.Point("group", *d.group, t(lang, "report_group_mean")))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("point:group")), t(lang, "report_group_mean")))
        if d.earlier is not None:
            points.append(svg.Point("earlier", *d.earlier, t(lang, "report_earlier")))
            quadrant_legend.append(
                LegendItem(
                    _markup(svg.swatch("point:earlier")),
                    f"{t(lang, 'report_earlier')} ({r.earlier.date if r.earlier else ''})",
                )
            )
        quadrant = svg.quadrant(
            threshold=d.threshold,
            zone_labels=d.zone_labels,
            x_label=d.x_label,
            y_label=d.y_label,
            points=points,
            title=t(lang, "report_quadrant_title"),
        )
    title = " · ".join(x for x in (r.name, t(lang, "profile_title"), r.date) if x)
    return page(
        "personal.html.j2",
        lang,
        kind="kt-personal",
        version=r.tool_version,
        page_title=title,
        r=r,
        radar=_markup(radar),
        legend=legend,
        quadrant=_markup(quadrant),
        quadrant_legend=quadrant_legend,
        notes=notes_for(r.flags, lang, notes),
        footer=t(
            lang, "report_footer", version=r.tool_version, qid=r.questionnaire_id, qversion=r.questionnaire_version
        ),
    )


def by_label(field: str | None, lang: str) -> str:
    """The participant field a group is split by, in ``lang``."""
    keys = {"account": "account", "cohort": "cohort", "name": "participant"}
    return t(lang, keys[field]).lower() if field in keys else (field or "")


def render_group(r: GroupReport) -> str:
    """The group report as one HTML page."""
    from kamtrust.engine.group import ALPHA_LOW
    from kamtrust.export.reasons import cell, reason

    lang = r.lang
    mean_label = f"{t(lang, 'report_group_mean')} (n = {r.n})"
    series = [svg.Series("mean", mean_label, tuple(f.stats.mean for f in r.factors))]
    legend = [LegendItem(_markup(svg.swatch("mean")), mean_label)]
    spread = []
    for f in r.factors:
        m, sd = f.stats.mean, f.stats.sd
        spread.append(None if m is None or sd is None else (m - sd, m + sd))
    if all(s is not None for s in spread):
        legend.append(LegendItem(_markup(svg.swatch("spread")), t(lang, "group_spread")))
    before = r.before is not None and not r.before.suppressed
    # No "Before" line or legend when every before mean is hidden (a dropout: the pairs' change stays).
    before = before and any(f.change and f.change.before for f in r.factors)
    if before:
        values = tuple(f.change.before.mean if f.change and f.change.before else None for f in r.factors)
        n_before = r.before.n_before if r.before else None
        series.append(svg.Series("before", t(lang, "group_before"), values))
        legend.append(LegendItem(_markup(svg.swatch("before")), f"{t(lang, 'group_before')} (n = {n_before})"))
    legend.extend(band_legend(r.bands))
    radar = ""
    if len(r.factors) >= 3:
        radar = svg.radar(
            [svg.Axis(f.name, number(f.stats.mean, lang)) for f in r.factors],
            series,
            band_edges=[b.min for b in r.bands],
            title=t(lang, "report_radar_title"),
            spread=spread,
            lang=lang,
        )
    rows = [
        svg.StripRow(
            f.name,
            f.points,
            f.stats.mean,
            number(f.stats.mean, lang),
            before_mean=f.change.before.mean if before and f.change and f.change.before else None,
        )
        for f in r.factors
    ]
    strip = svg.strip_plot(
        rows,
        band_edges=[b.min for b in r.bands],
        title=t(lang, "group_distribution"),
        mean_label=t(lang, "group_mean_col"),
        lang=lang,
    )
    bars = r.n > svg.DOTS_UP_TO
    strip_legend = [
        LegendItem(
            _markup(svg.swatch("bar" if bars else "member")), t(lang, "group_bars" if bars else "group_one_person")
        ),
        LegendItem(_markup(svg.swatch("mean-tick")), t(lang, "report_group_mean")),
    ]
    if before:
        strip_legend.append(LegendItem(_markup(svg.swatch("before-tick")), t(lang, "group_before")))
    quadrant = ""
    quadrant_legend: list[LegendItem] = []
    d = r.distance
    if d is not None:
        points = [svg.Point("member", x, y) for x, y in d.points]
        if points:
            quadrant_legend.append(LegendItem(_markup(svg.swatch("member")), t(lang, "group_one_person")))
        if d.mean is not None:
            points.append(svg.Point("group", *d.mean, t(lang, "report_group_mean")))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("point:group")), t(lang, "report_group_mean")))
        if d.before_mean is not None and d.mean is not None:
            before_label = t(lang, "up_mean_before")
            points.append(svg.Point("group_before", *d.before_mean, before_label))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("point:group_before")), before_label))
        quadrant = svg.quadrant(
            threshold=d.threshold,
            zone_labels=d.zone_labels,
            x_label=d.x_label,
            y_label=d.y_label,
            points=points,
            title=t(lang, "report_quadrant_title"),
            zone_counts={z: cell(d.zones_hidden[z], lang) if z in d.zones_hidden else c for z, c in d.zones.items()},  # type: ignore[misc]
        )
    title = " · ".join(x for x in (r.heading, t(lang, "group_report_title"), r.date) if x)
    return page(
        "group.html.j2",
        lang,
        kind="kt-group",
        version=r.tool_version,
        page_title=title,
        r=r,
        radar=_markup(radar),
        legend=legend,
        strip=_markup(strip),
        strip_legend=strip_legend,
        quadrant=_markup(quadrant),
        quadrant_legend=quadrant_legend,
        alpha_low=ALPHA_LOW,
        why=lambda h: reason(h, lang, r.by),
        cellf=lambda h: cell(h, lang),
        strip_note=t(lang, "group_distribution_note_bars" if bars else "group_distribution_note"),
        by_label=by_label(r.by, lang),
        footer=t(
            lang, "report_footer", version=r.tool_version, qid=r.questionnaire_id, qversion=r.questionnaire_version
        ),
    )
