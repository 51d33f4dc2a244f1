"""A radar with the self-view and one polygon per group of raters (issue 13).

Built on :func:`kamtrust.report.svg.radar` — rings, axes and labels are the same — with one
series per rater group added in its own colour and marker shape, so the lines can be told
apart in print and without colour. Pure: SVG text out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kamtrust.report import svg

ROLE_STYLES = {
    "all": ("#b45309", "7 4", "diamond"),
    "client": ("#0f766e", None, "square"),
    "manager": ("#7c3aed", "3 3", "triangle"),
    "peer": ("#be185d", "10 3 2 3", "circle"),
    "others": ("#4b5563", "5 5", "ring"),
}


@dataclass(frozen=True)
class RoleSeries:
    """One group's polygon: its id (a role, 'others' or 'all'), label and values per axis."""

    id: str
    label: str
    values: tuple[float | None, ...]


def _at(i: int, n: int, value: float) -> tuple[float, float]:
    cx, cy, r = svg.RADAR_W / 2, svg.RADAR_H / 2, svg.RADAR_R
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return cx + r * value / 100 * math.cos(angle), cy + r * value / 100 * math.sin(angle)


def marker(shape: str, colour: str, x: float, y: float, title: str, r: float = 4.5) -> str:
    """A marker of ``shape`` (square, triangle, diamond, circle, ring) with a tooltip."""
    n = svg.num
    tip = f"<title>{svg.esc(title)}</title>" if title else ""
    if shape == "square":
        return f'<rect class="kt-point" x="{n(x - r)}" y="{n(y - r)}" width="{n(2 * r)}" height="{n(2 * r)}" fill="{colour}" stroke="#ffffff" stroke-width="1">{tip}</rect>'
    if shape == "triangle":
        d = f"M{n(x)} {n(y - r - 1)}L{n(x + r + 1)} {n(y + r)}L{n(x - r - 1)} {n(y + r)}Z"
        return f'<path class="kt-point" d="{d}" fill="{colour}" stroke="#ffffff" stroke-width="1">{tip}</path>'
    if shape == "diamond":
        d = f"M{n(x)} {n(y - r - 1)}L{n(x + r + 1)} {n(y)}L{n(x)} {n(y + r + 1)}L{n(x - r - 1)} {n(y)}Z"
        return f'<path class="kt-point" d="{d}" fill="{colour}" stroke="#ffffff" stroke-width="1">{tip}</path>'
    if shape == "ring":
        return f'<circle class="kt-point" cx="{n(x)}" cy="{n(y)}" r="{n(r)}" fill="#ffffff" stroke="{colour}" stroke-width="2">{tip}</circle>'
    return f'<circle class="kt-point" cx="{n(x)}" cy="{n(y)}" r="{n(r)}" fill="{colour}" stroke="#ffffff" stroke-width="1">{tip}</circle>'


def _series(s: RoleSeries, axes: Sequence[svg.Axis], lang: str) -> str:
    colour, dash, shape = ROLE_STYLES.get(s.id, ROLE_STYLES["others"])
    n = len(axes)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = [
        f'<g class="kt-series kt-series-role-{svg.esc(s.id)}" data-role="{svg.esc(s.id)}" data-label="{svg.esc(s.label)}">'
    ]
    segs = []
    for i, v in enumerate(s.values):
        w = s.values[(i + 1) % n]
        if v is not None and w is not None:
            (x1, y1), (x2, y2) = _at(i, n, v), _at((i + 1) % n, n, w)
            segs.append(f"M{svg.num(x1)} {svg.num(y1)}L{svg.num(x2)} {svg.num(y2)}")
    if segs:
        out.append(
            f'<path class="kt-line" d="{"".join(segs)}" fill="none" stroke="{colour}" stroke-width="2.2" '
            f'stroke-linejoin="round"{dash_attr}/>'
        )
    for i, v in enumerate(s.values):
        if v is not None:
            x, y = _at(i, n, v)
            out.append(marker(shape, colour, x, y, svg.point_tip(s.label, axes[i].label, v, lang)))
    out.append("</g>")
    return "".join(out)


def radar_multi(
    axes: Sequence[svg.Axis],
    person: svg.Series,
    roles: Sequence[RoleSeries],
    *,
    band_edges: Sequence[float],
    title: str,
    lang: str = "en",
) -> str:
    """The person's polygon (as in every report) with each group's polygon under it."""
    base = svg.radar(axes, [person], band_edges=band_edges, title=title, lang=lang)
    anchor = '<g class="kt-series kt-series-person"'
    head, sep, tail = base.partition(anchor)
    if not sep:  # the base radar changed its markup: draw the person alone rather than misplace
        return base
    return head + "".join(_series(s, axes, lang) for s in roles) + sep + tail


def swatch(role: str) -> str:
    """A legend sample for a group's line and marker."""
    colour, dash, shape = ROLE_STYLES.get(role, ROLE_STYLES["others"])
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        '<svg class="kt-swatch" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">'
        f'<line x1="1" y1="6" x2="33" y2="6" stroke="{colour}" stroke-width="2.2"{dash_attr}/>'
        + marker(shape, colour, 17, 6, "", r=3.5).replace('class="kt-point"', 'class="kt-mark"')
        + "</svg>"
    )
