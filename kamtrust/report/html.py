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
from kamtrust.report import svg
from kamtrust.report.personal import PersonalReport
from kamtrust.report.text import number


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
    return _env().get_template(template).render(lang=lang, **_helpers(lang), **context)


def band_legend(bands: Sequence[Any]) -> list[LegendItem]:
    """One legend entry per band, with its range."""
    items = []
    for i, b in enumerate(bands):
        hi = bands[i + 1].min if i + 1 < len(bands) else 100
        items.append(LegendItem(_markup(svg.swatch(f"band:{b.index}")), f"{b.label} ({svg.num(b.min)}–{svg.num(hi)})"))
    return items


def notes_for(flags: Sequence[str], lang: str, extra: Sequence[str] = ()) -> list[str]:
    """Flag texts and other notes for a callout."""
    known = {"straight_lining", "incomplete"}
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
    radar = svg.radar(
        [svg.Axis(f.name, number(f.score, lang)) for f in r.factors],
        series,
        band_edges=[b.min for b in r.bands],
        title=t(lang, "report_radar_title"),
    )
    quadrant = ""
    quadrant_legend: list[LegendItem] = []
    d = r.distance
    if d is not None:
        points = []
        if d.proximity is not None and d.perspective is not None:
            points.append(svg.Point("person", d.proximity, d.perspective, f"{you}: {d.zone_label}"))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("person")), you))
        if d.group is not None:
            points.append(svg.Point("group", *d.group, t(lang, "report_group_mean")))
            quadrant_legend.append(LegendItem(_markup(svg.swatch("group")), t(lang, "report_group_mean")))
        if d.earlier is not None:
            points.append(svg.Point("earlier", *d.earlier, t(lang, "report_earlier")))
            quadrant_legend.append(
                LegendItem(
                    _markup(svg.swatch("earlier")),
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
