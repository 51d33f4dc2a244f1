"""Our own small SVG charts for the reports: a radar, the client-distance quadrant, a strip plot.

Pure and deterministic: numbers and ready-made texts in, an SVG string out (fixed decimals, points
in a stable order, every text escaped). Colours are presentation attributes rather than CSS, so
a chart keeps its look wherever the markup goes; ``kt-*`` classes name the parts for tests. The
charts are meant to sit inline in HTML, which needs no namespace declaration: the pages then hold
no URL at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from kamtrust.present import number

FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

# Light fills for band zones, low band first, and a darker ink of the same hue for text.
BAND_FILLS = ("#f7d9d5", "#fbefc9", "#d6eedb", "#d3ecf1", "#ecdcf0")
BAND_INKS = ("#a3281e", "#7a5b00", "#1d6b33", "#11616f", "#6d2f7d")
ZONE_FILLS = {"balanced": "#d6eedb", "too_close": "#fbefc9", "too_far": "#fbefc9", "adrift": "#f7d9d5"}
GRID = "#8c8c8c"
INK = "#222222"
MUTED = "#555555"


@dataclass(frozen=True)
class SeriesStyle:
    """How one series is drawn: the person solid, the group dashed, an earlier profile dotted."""

    stroke: str
    fill: str
    fill_opacity: float
    dash: str | None
    width: float


STYLES: Mapping[str, SeriesStyle] = {
    "person": SeriesStyle("#1d4f91", "#1d4f91", 0.12, None, 2.5),
    "mean": SeriesStyle("#1d4f91", "#1d4f91", 0.10, None, 2.5),
    "group": SeriesStyle("#b45309", "none", 0.0, "7 4", 2.2),
    "earlier": SeriesStyle("#4b4b4b", "none", 0.0, "2 3", 2.2),
    "before": SeriesStyle("#4b4b4b", "none", 0.0, "2 3", 2.2),
}


def band_fill(index: int, count: int) -> str:
    """A band's zone colour: red, amber, green for three bands; further hues for more."""
    return BAND_FILLS[min(index, len(BAND_FILLS) - 1)] if count else BAND_FILLS[0]


def band_ink(index: int) -> str:
    """A band's text colour (dark enough on white for print)."""
    return BAND_INKS[min(index, len(BAND_INKS) - 1)]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: object) -> str:
    """Text safe inside SVG/HTML markup and attributes (control characters, invalid in XML, dropped)."""
    return escape(_CONTROL.sub("", str(text)), quote=True)


def num(x: float) -> str:
    """A coordinate with at most two decimals and no '-0'."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """Greedy word wrap to ``width`` characters; the last allowed line ends with '…' if cut."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "…"
    return [(ln if len(ln) <= width + 8 else ln[: width + 7] + "…") for ln in lines] or [""]


def _text(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    cls: str,
    size: float = 13,
    anchor: str = "middle",
    weight: str | None = None,
    fill: str = INK,
    halo: bool = False,
    bold_last: bool = False,
    last_fill: str | None = None,
) -> str:
    """A text block whose first baseline is at ``y``; one tspan per line."""
    attrs = [
        f'class="{cls}"',
        f'x="{num(x)}"',
        f'y="{num(y)}"',
        f'font-size="{num(size)}"',
        f'text-anchor="{anchor}"',
        f'fill="{fill}"',
    ]
    if weight:
        attrs.append(f'font-weight="{weight}"')
    if halo:
        # A white outline under the glyphs keeps labels readable over points and zone edges.
        attrs.append('stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"')
    spans = []
    for i, line in enumerate(lines):
        extra = ""
        if bold_last and i == len(lines) - 1:
            extra = ' font-weight="bold"' + (f' fill="{last_fill}"' if last_fill else "")
        dy = "0" if i == 0 else "1.2em"
        spans.append(f'<tspan x="{num(x)}" dy="{dy}"{extra}>{esc(line)}</tspan>')
    return f"<text {' '.join(attrs)}>{''.join(spans)}</text>"


def _open(width: int, height: int, cls: str, title: str) -> str:
    return (
        f'<svg class="kt-chart {cls}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{esc(title)}" '
        f'font-family="{FONT}"><title>{esc(title)}</title>'
    )


# --------------------------------------------------------------------------- radar


@dataclass(frozen=True)
class Series:
    """One polygon on the radar: a value (0-100 or None) per axis."""

    kind: str
    """person, mean, group, earlier or before: picks the style from STYLES."""
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Axis:
    """One radar axis: its name and the value text printed under it."""

    label: str
    value: str = ""


RADAR_W, RADAR_H = 640, 560
RADAR_R = 180


def radar(
    axes: Sequence[Axis],
    series: Sequence[Series],
    *,
    band_edges: Sequence[float],
    title: str,
    spread: Sequence[tuple[float, float] | None] | None = None,
    value_ink: str = STYLES["person"].stroke,
    lang: str = "en",
) -> str:
    """A radar: one axis per factor from the top clockwise, rings shaded by band, the series.

    ``band_edges`` are the bands' lower bounds (0, 50, 75); ``spread`` an optional (low, high)
    per axis drawn as a band (e.g. the group mean ± 1 SD); ``lang`` writes the points' tooltips
    as the page writes its figures (49,3 in Spanish).
    """
    n = len(axes)
    if n < 3:
        raise ValueError("a radar needs at least three axes")
    geo = _Radar(n, RADAR_W / 2, RADAR_H / 2, RADAR_R)
    edges = sorted(band_edges)
    out = [_open(RADAR_W, RADAR_H, "kt-radar", title)]
    out += _radar_bands(geo, edges)
    out += _radar_axes(geo)
    out += _radar_ring_labels(geo, edges)
    if spread is not None:
        out += _radar_spread(geo, spread)
    # Earlier and group series first, so the person's polygon sits on top.
    order = {"before": 0, "earlier": 0, "group": 1, "person": 2, "mean": 2}
    for ser in sorted(series, key=lambda x: order.get(x.kind, 1)):
        out += _radar_series(geo, ser, axes, lang)
    out += _radar_axis_labels(geo, axes, value_ink)
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class _Radar:
    """A radar's geometry: ``n`` axes from the top clockwise around (cx, cy), radius ``r`` for 100."""

    n: int
    cx: float
    cy: float
    r: float

    def angle(self, i: int) -> float:
        return -math.pi / 2 + 2 * math.pi * i / self.n

    def at(self, i: int, value: float) -> tuple[float, float]:
        angle = self.angle(i)
        return self.cx + self.r * value / 100 * math.cos(angle), self.cy + self.r * value / 100 * math.sin(angle)


def _radar_bands(geo: _Radar, edges: Sequence[float]) -> list[str]:
    """Discs from the outermost down, each covering the one before, so every ring shows its band's colour."""
    cx, cy, r = geo.cx, geo.cy, geo.r
    out = ['<g class="kt-bands">']
    for i in range(len(edges) - 1, -1, -1):
        outer = 100.0 if i == len(edges) - 1 else edges[i + 1]
        out.append(
            f'<circle class="kt-ring" data-band="{i}" cx="{num(cx)}" cy="{num(cy)}" '
            f'r="{num(r * outer / 100)}" fill="{band_fill(i, len(edges))}" stroke="#ffffff" '
            'stroke-width="1.5"/>'
        )
    out.append(f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="none" stroke="{GRID}" stroke-width="1"/>')
    out.append("</g>")
    return out


def _radar_axes(geo: _Radar) -> list[str]:
    out = ['<g class="kt-axes">']
    for i in range(geo.n):
        x, y = geo.at(i, 100)
        out.append(
            f'<line class="kt-axis" x1="{num(geo.cx)}" y1="{num(geo.cy)}" x2="{num(x)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
    out.append("</g>")
    return out


def _radar_ring_labels(geo: _Radar, edges: Sequence[float]) -> list[str]:
    """Ring values halfway between the first two axes, where no data point can sit."""
    mid = -math.pi / 2 + math.pi / geo.n
    out = ['<g class="kt-ring-labels">']
    for edge in [*(e for e in edges if e > 0), 100.0]:
        rx, ry = geo.cx + geo.r * edge / 100 * math.cos(mid), geo.cy + geo.r * edge / 100 * math.sin(mid)
        out.append(_text(rx, ry + 3.5, [num(edge)], cls="kt-ring-label", size=10, fill=MUTED, halo=True))
    out.append("</g>")
    return out


def _radar_spread(geo: _Radar, spread: Sequence[tuple[float, float] | None]) -> list[str]:
    """The (low, high) band per axis; none unless every axis has one."""
    if not (all(s is not None for s in spread) and len(spread) == geo.n):
        return []
    outer_pts, inner_pts = [], []
    for i, s in enumerate(spread):
        assert s is not None
        outer_pts.append(geo.at(i, max(0.0, min(100.0, s[1]))))
        inner_pts.append(geo.at(i, max(0.0, min(100.0, s[0]))))
    d = _closed(outer_pts) + " " + _closed(inner_pts)
    st = STYLES["group"]
    return [
        f'<path class="kt-spread" d="{d}" fill="{st.stroke}" fill-opacity="0.14" fill-rule="evenodd" stroke="none"/>'
    ]


def _radar_series(geo: _Radar, ser: Series, axes: Sequence[Axis], lang: str) -> list[str]:
    """One series: a closed polygon, or the segments between neighbouring scored axes; its markers."""
    n = geo.n
    st = STYLES.get(ser.kind, STYLES["group"])
    pts = [(i, v) for i, v in enumerate(ser.values[:n]) if v is not None]
    out = [f'<g class="kt-series kt-series-{esc(ser.kind)}" data-label="{esc(ser.label)}">']
    dash = f' stroke-dasharray="{st.dash}"' if st.dash else ""
    if len(pts) == n:
        d = _closed([geo.at(i, v) for i, v in pts])
        out.append(
            f'<path class="kt-line" d="{d}" fill="{st.fill}" fill-opacity="{num(st.fill_opacity)}" '
            f'stroke="{st.stroke}" stroke-width="{num(st.width)}" stroke-linejoin="round"{dash}/>'
        )
    else:
        # A missing score leaves a gap: only neighbouring scored axes are joined.
        segs = []
        for i, v in pts:
            j = (i + 1) % n
            w = ser.values[j] if j < len(ser.values) else None
            if w is not None and j != i:
                (x1, y1), (x2, y2) = geo.at(i, v), geo.at(j, w)
                segs.append(f"M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}")
        if segs:
            out.append(
                f'<path class="kt-line" d="{"".join(segs)}" fill="none" stroke="{st.stroke}" '
                f'stroke-width="{num(st.width)}"{dash}/>'
            )
    for i, v in pts:
        x, y = geo.at(i, v)
        out.append(_marker(ser.kind, x, y, point_tip(ser.label, axes[i].label, v, lang)))
    out.append("</g>")
    return out


def _radar_axis_labels(geo: _Radar, axes: Sequence[Axis], value_ink: str) -> list[str]:
    """Each axis's name (wrapped) and value, placed outside the circle on its side."""
    out = ['<g class="kt-axis-labels">']
    for i, axis in enumerate(axes):
        angle = geo.angle(i)
        cos, sin = math.cos(angle), math.sin(angle)
        lx, ly = geo.cx + (geo.r + 14) * cos, geo.cy + (geo.r + 14) * sin
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        lines = wrap(axis.label, 24 if anchor == "middle" else 14, 3)
        if axis.value:
            lines.append(axis.value)
        size, step = 13.0, 13 * 1.2
        height = step * (len(lines) - 1)
        if sin < -0.3:
            y0 = ly - height - 2
        elif sin > 0.3:
            y0 = ly + size
        else:
            y0 = ly - height / 2 + size * 0.35
        out.append(
            _text(
                lx,
                y0,
                lines,
                cls="kt-axis-label",
                size=size,
                anchor=anchor,
                bold_last=bool(axis.value),
                last_fill=value_ink,
            )
        )
    out.append("</g>")
    return out


def _closed(points: Sequence[tuple[float, float]]) -> str:
    head, *rest = points
    return f"M{num(head[0])} {num(head[1])}" + "".join(f"L{num(x)} {num(y)}" for x, y in rest) + "Z"


def _marker(kind: str, x: float, y: float, title: str, r: float = 4.0) -> str:
    st = STYLES.get(kind, STYLES["group"])
    t = f"<title>{esc(title)}</title>"
    if kind == "group_before":
        # The group's mean before: the same diamond, hollow, so the arrow reads from it to the mean now.
        d = f"M{num(x)} {num(y - r - 1)}L{num(x + r + 1)} {num(y)}L{num(x)} {num(y + r + 1)}L{num(x - r - 1)} {num(y)}Z"
        return (
            f'<path class="kt-point kt-point-group-before" d="{d}" fill="#ffffff" stroke="{STYLES["group"].stroke}" '
            f'stroke-width="2">{t}</path>'
        )
    if kind == "group":
        # A diamond, so the group mean reads apart from the person's dots without colour.
        d = f"M{num(x)} {num(y - r - 1)}L{num(x + r + 1)} {num(y)}L{num(x)} {num(y + r + 1)}L{num(x - r - 1)} {num(y)}Z"
        return f'<path class="kt-point kt-point-group" d="{d}" fill="{st.stroke}" stroke="#ffffff" stroke-width="1">{t}</path>'
    if kind in ("earlier", "before"):
        return (
            f'<circle class="kt-point kt-point-{kind}" cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="#ffffff" '
            f'stroke="{st.stroke}" stroke-width="2">{t}</circle>'
        )
    return (
        f'<circle class="kt-point kt-point-{esc(kind)}" cx="{num(x)}" cy="{num(y)}" r="{num(r)}" '
        f'fill="{st.stroke}" stroke="#ffffff" stroke-width="1.2">{t}</circle>'
    )


# --------------------------------------------------------------------------- quadrant


@dataclass(frozen=True)
class Point:
    """A point on the quadrant: x = closeness, y = perspective, both 0-100."""

    kind: str
    """person, group (a mean), earlier, before, or member (one anonymous person of a group)."""
    x: float
    y: float
    label: str = ""


Q_W, Q_H = 460, 420
Q_L, Q_T, Q_S = 78, 14, 330


def quadrant(
    *,
    threshold: float,
    zone_labels: Mapping[str, str],
    x_label: str,
    y_label: str,
    points: Sequence[Point],
    title: str,
    zone_counts: Mapping[str, int] | None = None,
) -> str:
    """The client-distance quadrant: four named zones split at ``threshold``, and the points.

    An earlier point is joined to the person's point by a dotted arrow. Member points are drawn
    sorted by position, so their order says nothing about whose they are; identical points are
    fanned out a little so each stays visible.
    """
    t = max(0.0, min(100.0, threshold))
    # (zone, x0, x1, y0, y1) in score units; label in the zone's outer corner.
    zones = (
        ("too_far", 0.0, t, t, 100.0, "start", "top"),
        ("balanced", t, 100.0, t, 100.0, "end", "top"),
        ("adrift", 0.0, t, 0.0, t, "start", "bottom"),
        ("too_close", t, 100.0, 0.0, t, "end", "bottom"),
    )
    out = [_open(Q_W, Q_H, "kt-quadrant", title)]
    out += _quadrant_zones(t, zones)
    out += _quadrant_axes(t, x_label, y_label)
    out += _quadrant_zone_labels(zones, zone_labels, zone_counts)
    out += _quadrant_members(points)
    out += _quadrant_marks(points)
    out.append("</svg>")
    return "".join(out)


_Zone = tuple[str, float, float, float, float, str, str]


def _qx(v: float) -> float:
    """A score's x position on the quadrant (clamped to 0-100)."""
    return Q_L + Q_S * max(0.0, min(100.0, v)) / 100


def _qy(v: float) -> float:
    """A score's y position on the quadrant (clamped to 0-100; 100 at the top)."""
    return Q_T + Q_S * (1 - max(0.0, min(100.0, v)) / 100)


def _quadrant_zones(t: float, zones: Sequence[_Zone]) -> list[str]:
    """The four zones' fills, the frame and the two threshold lines."""
    px, py = _qx, _qy
    out = ['<g class="kt-zones">']
    for zid, x0, x1, y0, y1, _, _ in zones:
        w, h = px(x1) - px(x0), py(y0) - py(y1)
        if w > 0 and h > 0:
            out.append(
                f'<rect class="kt-zone" data-zone="{zid}" x="{num(px(x0))}" y="{num(py(y1))}" '
                f'width="{num(w)}" height="{num(h)}" fill="{ZONE_FILLS[zid]}"/>'
            )
    out.append(f'<rect x="{Q_L}" y="{Q_T}" width="{Q_S}" height="{Q_S}" fill="none" stroke="{GRID}" stroke-width="1"/>')
    out.append(
        f'<line class="kt-threshold" x1="{num(px(t))}" y1="{Q_T}" x2="{num(px(t))}" y2="{Q_T + Q_S}" '
        f'stroke="{MUTED}" stroke-width="1.2" stroke-dasharray="5 3"/>'
        f'<line class="kt-threshold" x1="{Q_L}" y1="{num(py(t))}" x2="{Q_L + Q_S}" y2="{num(py(t))}" '
        f'stroke="{MUTED}" stroke-width="1.2" stroke-dasharray="5 3"/>'
    )
    out.append("</g>")
    return out


def _quadrant_axes(t: float, x_label: str, y_label: str) -> list[str]:
    """Ticks at 0, the threshold and 100 on both axes, and the two axis titles."""
    px, py = _qx, _qy
    out = ['<g class="kt-ticks">']
    for v in sorted({0.0, t, 100.0}):
        out.append(_text(px(v), Q_T + Q_S + 16, [num(v)], cls="kt-tick", size=11, fill=MUTED))
        out.append(_text(Q_L - 6, py(v) + 4, [num(v)], cls="kt-tick", size=11, anchor="end", fill=MUTED))
    out.append("</g>")
    out.append(_text(Q_L + Q_S / 2, Q_T + Q_S + 38, [x_label + " →"], cls="kt-axis-title", size=13.5, weight="bold"))
    ytx, yty = 22, Q_T + Q_S / 2
    out.append(
        f'<g transform="rotate(-90 {ytx} {yty})">'
        + _text(ytx, yty, [y_label + " →"], cls="kt-axis-title", size=13.5, weight="bold")
        + "</g>"
    )
    return out


def _quadrant_zone_labels(
    zones: Sequence[_Zone], zone_labels: Mapping[str, str], zone_counts: Mapping[str, int] | None
) -> list[str]:
    """Each zone's name (and count) in its outer corner.

    Labels go under every point: a half-transparent dot leaves the text readable, while a
    label drawn over a dot could hide a person from the count.
    """
    px, py = _qx, _qy
    out = ['<g class="kt-zone-labels">']
    for zid, x0, x1, y0, y1, anchor, corner in zones:
        width_px = px(x1) - px(x0)
        if width_px <= 0 or py(y0) - py(y1) <= 0:
            continue
        # A label is anchored at the plot's outer edge, so a narrow zone's label may run over its
        # neighbour: up to half the plot, never reaching the label on the other side.
        room = max(width_px, Q_S / 2 - 4)
        lines = wrap(zone_labels.get(zid, zid), max(6, int((room - 12) / 7.6)), 3)
        if zone_counts is not None:
            lines.append(f"n = {zone_counts.get(zid, 0)}")
        x = px(x0) + 6 if anchor == "start" else px(x1) - 6
        y = py(y1) + 17 if corner == "top" else py(y0) - 8 - 14.4 * (len(lines) - 1)
        out.append(
            _text(x, y, lines, cls="kt-zone-label", size=12, anchor=anchor, weight="bold", fill="#333333", halo=True)
        )
    out.append("</g>")
    return out


def _quadrant_members(points: Sequence[Point]) -> list[str]:
    """One anonymous dot per member, sorted by position, identical ones fanned out."""
    members = sorted((p for p in points if p.kind == "member"), key=lambda p: (p.x, p.y))
    if not members:
        return []
    many = len(members) > DOTS_UP_TO
    r = 2.5 if many else 4.0
    opacity = "0.3" if many else "0.5"
    out = ['<g class="kt-members">']
    seen: dict[tuple[float, float], int] = {}
    for p in members:
        key = (round(p.x, 1), round(p.y, 1))
        k = seen.get(key, 0)
        seen[key] = k + 1
        dx, dy = _fan(k, r)
        # Fanned-out copies stay inside the plot.
        cx = min(Q_L + Q_S - r, max(Q_L + r, _qx(p.x) + dx))
        cy = min(Q_T + Q_S - r, max(Q_T + r, _qy(p.y) + dy))
        out.append(
            f'<circle class="kt-point kt-point-member" cx="{num(cx)}" cy="{num(cy)}" '
            f'r="{num(r)}" fill="#1d4f91" fill-opacity="{opacity}" stroke="#1d4f91" stroke-width="0.6"/>'
        )
    out.append("</g>")
    return out


def _quadrant_marks(points: Sequence[Point]) -> list[str]:
    """The moves (dotted arrows) under the marked points: earlier, before, the group, the person."""
    px, py = _qx, _qy
    person = next((p for p in points if p.kind == "person"), None)
    group = next((p for p in points if p.kind == "group"), None)
    out = ['<g class="kt-marks">']
    for p in points:
        # A person's earlier point to the person; the group's mean before to its mean now.
        target = person if p.kind in ("earlier", "before") else group if p.kind == "group_before" else None
        if target is not None:
            out += _move(px(p.x), py(p.y), px(target.x), py(target.y))
    for kind in ("before", "earlier", "group_before", "group", "person"):
        for p in points:
            if p.kind == kind:
                out.append(_marker(kind, px(p.x), py(p.y), p.label or kind, r=6.0))
    out.append("</g>")
    return out


def _move(x1: float, y1: float, x2: float, y2: float) -> list[str]:
    """A dotted arrow from one point to another; none when they are too close to tell apart."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length <= 14:
        return []
    # Stop short of both markers so the arrow head stays visible.
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    sx, sy, ex, ey = x1 + ux * 6, y1 + uy * 6, x2 - ux * 8, y2 - uy * 8
    head = _arrow_head(ex, ey, ux, uy)
    return [
        f'<path class="kt-move" d="M{num(sx)} {num(sy)}L{num(ex)} {num(ey)}" stroke="#4b4b4b" '
        f'stroke-width="1.6" stroke-dasharray="2 3" fill="none"/>'
        f'<path d="{head}" fill="#4b4b4b"/>'
    ]


def _fan(k: int, r: float) -> tuple[float, float]:
    """Offset of the k-th copy of an identical point: a small spiral (golden angle)."""
    if k == 0:
        return 0.0, 0.0
    angle = k * 2.39996
    dist = min(r * 1.1 * math.sqrt(k), r * 4)
    return dist * math.cos(angle), dist * math.sin(angle)


def _arrow_head(x: float, y: float, ux: float, uy: float, size: float = 7.0) -> str:
    bx, by = x - ux * size, y - uy * size
    nx, ny = -uy * size * 0.5, ux * size * 0.5
    return f"M{num(x)} {num(y)}L{num(bx + nx)} {num(by + ny)}L{num(bx - nx)} {num(by - ny)}Z"


# --------------------------------------------------------------------------- strip plot


@dataclass(frozen=True)
class StripRow:
    """One factor's row: everybody's scores as anonymous points, and the mean."""

    label: str
    values: tuple[float, ...]
    mean: float | None
    mean_text: str = ""
    before_mean: float | None = None


S_LABEL, S_X0, S_X1, S_W = 196, 206, 566, 640
S_ROW = 32


DOTS_UP_TO = 60
"""Up to this many people a strip row shows one dot each; beyond, one bar per score."""


def point_tip(series: str, axis: str, value: float, lang: str) -> str:
    """A radar point's tooltip, its figure written as the page writes it: "Media del grupo: Fiabilidad 49,3"."""
    return f"{series}: {axis} {number(value, lang)}"


def svg_count(score: float, count: int, lang: str = "en") -> str:
    """A bar's tooltip: the score (as the page writes it) and how many people have it."""
    return f"{number(score, lang)}: {count}"


def strip_plot(
    rows: Sequence[StripRow],
    *,
    band_edges: Sequence[float],
    title: str,
    mean_label: str,
    lang: str = "en",
) -> str:
    """One row per factor on a shared 0-100 axis: band-shaded background, points, mean tick."""
    top = 26
    height = top + S_ROW * len(rows) + 8
    span = S_X1 - S_X0

    def px(v: float) -> float:
        return S_X0 + span * max(0.0, min(100.0, v)) / 100

    out = [_open(S_W, height, "kt-strip", title)]
    edges = sorted(band_edges)
    out.append('<g class="kt-bands">')
    for i, lo in enumerate(edges):
        hi = edges[i + 1] if i + 1 < len(edges) else 100.0
        out.append(
            f'<rect class="kt-band" x="{num(px(lo))}" y="{top - 4}" width="{num(px(hi) - px(lo))}" '
            f'height="{S_ROW * len(rows)}" fill="{band_fill(i, len(edges))}"/>'
        )
    out.append("</g>")
    out.append('<g class="kt-ticks">')
    for tick in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{num(px(tick))}" y1="{top - 4}" x2="{num(px(tick))}" y2="{top - 4 + S_ROW * len(rows)}" '
            'stroke="#ffffff" stroke-width="1"/>'
        )
        out.append(_text(px(tick), top - 9, [str(tick)], cls="kt-tick", size=10, fill=MUTED))
    out.append(
        _text(
            S_W - 4,
            top - 9,
            [mean_label],
            cls="kt-tick",
            size=10,
            anchor="end",
            fill=STYLES["group"].stroke,
            weight="bold",
        )
    )
    out.append("</g>")

    for j, row in enumerate(rows):
        y = top - 4 + S_ROW * j + S_ROW / 2
        out.append(f'<g class="kt-strip-row" data-label="{esc(row.label)}">')
        # A long name wraps onto a second line, centred on the row, rather than being cut.
        label = wrap(row.label, 28, 2)
        first = y + 4.5 - (len(label) - 1) * 0.6 * 12.5
        out.append(_text(S_LABEL, first, label, cls="kt-row-label", size=12.5, anchor="end"))
        out.append(f'<line x1="{S_X0}" y1="{num(y)}" x2="{S_X1}" y2="{num(y)}" stroke="{GRID}" stroke-width="0.6"/>')
        counts = Counter(round(v, 1) for v in row.values)
        if len(row.values) > DOTS_UP_TO:
            # Too many people for countable dots: a bar per score, as tall as its share.
            most = max(counts.values())
            for key in sorted(counts):
                h = max(2.0, (S_ROW - 6) * counts[key] / most)
                out.append(
                    f'<rect class="kt-bar" x="{num(px(key) - 2.5)}" y="{num(y - h / 2)}" width="5" height="{num(h)}" '
                    f'fill="#1d4f91" fill-opacity="0.7"><title>{esc(svg_count(key, counts[key], lang))}</title></rect>'
                )
        else:
            radius = 3.5
            seen: dict[float, int] = {}
            for v in sorted(row.values):
                key = round(v, 1)
                k = seen.get(key, 0)
                seen[key] = k + 1
                # Identical scores form a little column centred on the row, squeezed to fit it.
                c = counts[key]
                step = min(radius * 1.6, (S_ROW - 2 * radius - 2) / (c - 1)) if c > 1 else 0.0
                dy = (k - (c - 1) / 2) * step
                out.append(
                    f'<circle class="kt-point kt-point-member" cx="{num(px(v))}" cy="{num(y + dy)}" r="{num(radius)}" '
                    'fill="#1d4f91" fill-opacity="0.5" stroke="#1d4f91" stroke-width="0.7"/>'
                )
        if row.before_mean is not None:
            bx = px(row.before_mean)
            out.append(
                f'<line class="kt-before-mean" x1="{num(bx)}" y1="{num(y - 11)}" x2="{num(bx)}" y2="{num(y + 11)}" '
                'stroke="#4b4b4b" stroke-width="2" stroke-dasharray="2 2"/>'
            )
        if row.mean is not None:
            mx = px(row.mean)
            out.append(
                f'<line class="kt-mean" x1="{num(mx)}" y1="{num(y - 12)}" x2="{num(mx)}" y2="{num(y + 12)}" '
                f'stroke="{STYLES["group"].stroke}" stroke-width="3"/>'
            )
            out.append(
                _text(
                    S_W - 4,
                    y + 4.5,
                    [row.mean_text],
                    cls="kt-mean-label",
                    size=12,
                    anchor="end",
                    fill=STYLES["group"].stroke,
                    weight="bold",
                )
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def swatch(kind: str) -> str:
    """A small legend sample: a series' line, a marker alone (``point:<kind>``), a band (``band:<index>``)."""
    if kind.startswith("band:"):
        i = int(kind.split(":")[1])
        return (
            f'<svg class="kt-swatch" width="18" height="12" viewBox="0 0 18 12" aria-hidden="true">'
            f'<rect x="0.5" y="0.5" width="17" height="11" fill="{band_fill(i, 3)}" stroke="{GRID}" stroke-width="0.5"/></svg>'
        )
    if kind == "spread":
        return (
            f'<svg class="kt-swatch" width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">'
            f'<rect x="0" y="1" width="28" height="10" fill="{STYLES["group"].stroke}" fill-opacity="0.14"/></svg>'
        )
    if kind.startswith("point:"):
        mark = _marker(kind.split(":")[1], 7, 7, "", r=4.5).replace("<title></title>", "")
        return (
            '<svg class="kt-swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            + mark.replace('class="kt-point ', 'class="kt-mark ')
            + "</svg>"
        )
    if kind in ("mean-tick", "before-tick"):
        colour, dash = (STYLES["group"].stroke, "") if kind == "mean-tick" else ("#4b4b4b", ' stroke-dasharray="2 2"')
        width = 3 if kind == "mean-tick" else 2
        return (
            '<svg class="kt-swatch" width="12" height="16" viewBox="0 0 12 16" aria-hidden="true">'
            f'<line x1="6" y1="1" x2="6" y2="15" stroke="{colour}" stroke-width="{width}"{dash}/></svg>'
        )
    if kind == "bar":
        return (
            '<svg class="kt-swatch" width="8" height="14" viewBox="0 0 8 14" aria-hidden="true">'
            '<rect x="1.5" y="1" width="5" height="12" fill="#1d4f91" fill-opacity="0.7"/></svg>'
        )
    if kind == "member":
        return (
            '<svg class="kt-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
            '<circle cx="6" cy="6" r="4" fill="#1d4f91" fill-opacity="0.5" stroke="#1d4f91" stroke-width="0.8"/></svg>'
        )
    st = STYLES.get(kind, STYLES["group"])
    dash = f' stroke-dasharray="{st.dash}"' if st.dash else ""
    return (
        f'<svg class="kt-swatch" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">'
        f'<line x1="1" y1="6" x2="33" y2="6" stroke="{st.stroke}" stroke-width="{num(st.width)}"{dash}/>'
        + _marker(kind, 17, 6, "", r=3.5).replace("<title></title>", "").replace('class="kt-point ', 'class="kt-mark ')
        + "</svg>"
    )
