"""Our SVG charts: the right number of axes, points and labels, placed where the numbers say."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kamtrust.report import svg

AXES = [svg.Axis(name, f"{i}0.0") for i, name in enumerate("ABCDEFGH")]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def test_radar_has_one_axis_and_label_per_factor_and_a_ring_per_band() -> None:
    person = svg.Series("person", "You", (10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0))
    root = parse(svg.radar(AXES, [person], band_edges=[0, 50, 75], title="Radar"))
    assert len(by_class(root, "kt-axis")) == 8
    labels = by_class(root, "kt-axis-label")
    assert ["".join(t.itertext()) for t in labels] == [f"{c}{i}0.0" for i, c in enumerate("ABCDEFGH")]
    assert len(by_class(root, "kt-ring")) == 3
    assert len(by_class(root, "kt-point-person")) == 8
    assert root.find("title").text == "Radar"


def test_radar_points_sit_at_their_score_on_their_axis() -> None:
    values = (100.0, 50.0, 0.0, 25.0, 100.0, 75.0, 50.0, 10.0)
    root = parse(svg.radar(AXES, [svg.Series("person", "You", values)], band_edges=[0, 50, 75], title="t"))
    points = by_class(root, "kt-point-person")
    cx, cy, r = svg.RADAR_W / 2, svg.RADAR_H / 2, svg.RADAR_R
    # Axis 0 points straight up, axis 2 to the right, axis 4 down (clockwise from the top).
    assert (float(points[0].get("cx")), float(points[0].get("cy"))) == (cx, cy - r)
    assert (float(points[2].get("cx")), float(points[2].get("cy"))) == (cx, cy)
    assert (float(points[4].get("cx")), float(points[4].get("cy"))) == (cx, cy + r)
    assert float(points[1].get("cx")) == pytest.approx(cx + r * 0.5 * 0.7071, abs=0.01)


def test_radar_draws_the_group_dashed_the_earlier_profile_dotted_and_the_person_on_top() -> None:
    series = [
        svg.Series("person", "You", (60.0,) * 8),
        svg.Series("group", "Group mean", (50.0,) * 8),
        svg.Series("earlier", "Earlier", (40.0,) * 8),
    ]
    root = parse(svg.radar(AXES, series, band_edges=[0, 50, 75], title="t", spread=[(40.0, 60.0)] * 8))
    groups = by_class(root, "kt-series")
    assert [g.get("class") for g in groups] == [
        "kt-series kt-series-earlier",
        "kt-series kt-series-group",
        "kt-series kt-series-person",
    ]
    lines = {g.get("class").split("-")[-1]: by_class(g, "kt-line")[0] for g in groups}
    assert lines["group"].get("stroke-dasharray") == "7 4"
    assert lines["earlier"].get("stroke-dasharray") == "2 3"
    assert lines["person"].get("stroke-dasharray") is None
    assert len(by_class(root, "kt-spread")) == 1
    assert len(by_class(root, "kt-point-group")) == 8


def test_radar_leaves_a_gap_for_an_unscored_factor() -> None:
    values = (50.0, None, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0)
    root = parse(svg.radar(AXES, [svg.Series("person", "You", values)], band_edges=[0, 50, 75], title="t"))
    assert len(by_class(root, "kt-point-person")) == 7
    path = by_class(root, "kt-line")[0].get("d")
    assert "Z" not in path and path.count("M") == 6  # six joined neighbours, no closed polygon


def test_radar_needs_three_axes() -> None:
    with pytest.raises(ValueError):
        svg.radar(AXES[:2], [], band_edges=[0], title="t")


def test_texts_are_escaped_and_the_output_is_deterministic() -> None:
    evil = "<script>alert('x')</script> & \x00co"
    axes = [svg.Axis(evil)] + AXES[1:]
    first = svg.radar(axes, [svg.Series("person", evil, (50.0,) * 8)], band_edges=[0, 50, 75], title=evil)
    assert "<script>" not in first
    assert "&lt;script&gt;" in first
    root = parse(first)  # well-formed: the control character is gone
    assert root.find("title").text == "<script>alert('x')</script> & co"
    second = svg.radar(axes, [svg.Series("person", evil, (50.0,) * 8)], band_edges=[0, 50, 75], title=evil)
    assert first == second


def test_quadrant_names_four_zones_and_places_the_point() -> None:
    labels = {"balanced": "Right distance", "too_close": "Too close", "too_far": "Too far", "adrift": "Adrift"}
    root = parse(
        svg.quadrant(
            threshold=60,
            zone_labels=labels,
            x_label="Closeness",
            y_label="Perspective",
            points=[svg.Point("person", 70.0, 40.0, "You")],
            title="Quadrant",
        )
    )
    zones = {z.get("data-zone"): z for z in by_class(root, "kt-zone")}
    assert set(zones) == set(labels)
    # Closeness runs left to right, perspective bottom to top: the eagle's zones are on top.
    assert float(zones["too_far"].get("y")) < float(zones["adrift"].get("y"))
    assert float(zones["too_close"].get("x")) > float(zones["adrift"].get("x"))
    assert sorted("".join(t.itertext()) for t in by_class(root, "kt-zone-label")) == sorted(labels.values())
    assert len(by_class(root, "kt-threshold")) == 2
    point = by_class(root, "kt-point-person")[0]
    assert float(point.get("cx")) == svg.Q_L + svg.Q_S * 0.7
    assert float(point.get("cy")) == svg.Q_T + svg.Q_S * 0.6


def test_quadrant_keeps_identical_member_points_visible_and_counts_zones() -> None:
    members = [svg.Point("member", 70.0, 70.0)] * 3 + [svg.Point("member", 20.0, 30.0)]
    root = parse(
        svg.quadrant(
            threshold=60,
            zone_labels={"balanced": "B", "too_close": "C", "too_far": "F", "adrift": "A"},
            x_label="x",
            y_label="y",
            points=members,
            title="t",
            zone_counts={"balanced": 3, "adrift": 1},
        )
    )
    dots = by_class(root, "kt-point-member")
    assert len(dots) == 4
    assert len({(d.get("cx"), d.get("cy")) for d in dots}) == 4
    assert sorted("".join(t.itertext()) for t in by_class(root, "kt-zone-label")) == [
        "An = 1",
        "Bn = 3",
        "Cn = 0",
        "Fn = 0",
    ]


def test_quadrant_joins_the_earlier_point_to_the_person_with_an_arrow() -> None:
    root = parse(
        svg.quadrant(
            threshold=60,
            zone_labels={},
            x_label="x",
            y_label="y",
            points=[svg.Point("earlier", 20.0, 20.0), svg.Point("person", 80.0, 80.0)],
            title="t",
        )
    )
    assert len(by_class(root, "kt-move")) == 1
    assert len(by_class(root, "kt-point-earlier")) == 1


def test_strip_plot_has_a_row_per_factor_a_point_per_person_and_the_mean() -> None:
    rows = [
        svg.StripRow("Credibility", (40.0, 60.0, 60.0, 80.0), 60.0, "60.0"),
        svg.StripRow("Reliability", (50.0, 55.0, 90.0), 65.0, "65.0", before_mean=50.0),
    ]
    root = parse(svg.strip_plot(rows, band_edges=[0, 50, 75], title="Strip", mean_label="Mean"))
    row_groups = by_class(root, "kt-strip-row")
    assert [g.get("data-label") for g in row_groups] == ["Credibility", "Reliability"]
    assert [len(by_class(g, "kt-point-member")) for g in row_groups] == [4, 3]
    first = by_class(row_groups[0], "kt-point-member")
    assert len({(c.get("cx"), c.get("cy")) for c in first}) == 4  # the two 60s stacked apart
    mean = by_class(row_groups[0], "kt-mean")[0]
    assert float(mean.get("x1")) == svg.S_X0 + (svg.S_X1 - svg.S_X0) * 0.6
    assert len(by_class(root, "kt-before-mean")) == 1
    assert len(by_class(root, "kt-band")) == 3


def test_wrap_and_number_helpers() -> None:
    assert svg.wrap("Conocimiento del cliente", 14) == ["Conocimiento", "del cliente"]
    assert svg.wrap("one two three four five", 3, max_lines=2) == ["one", "tw…"]
    assert svg.num(-0.001) == "0"
    assert svg.num(12.345) == "12.35"
    assert svg.num(50.0) == "50"


def test_strip_plot_of_a_large_group_draws_a_bar_per_score() -> None:
    values = tuple([50.0] * 40 + [75.0] * 20 + [100.0] * 1)  # 61 people: more than DOTS_UP_TO
    root = parse(
        svg.strip_plot(
            [svg.StripRow("Credibility", values, 60.0, "60.0")], band_edges=[0, 50, 75], title="t", mean_label="Mean"
        )
    )
    assert by_class(root, "kt-point-member") == []
    bars = by_class(root, "kt-bar")
    assert [b.find("title").text for b in bars] == ["50.0: 40", "75.0: 20", "100.0: 1"]  # as the page writes scores
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == svg.S_ROW - 6 and heights[1] == pytest.approx(heights[0] / 2) and heights[2] == 2.0
