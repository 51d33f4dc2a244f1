"""The pole band count attack (issue 8 §2): a pole's people above the distance threshold are people
in the zones above it, so a zone count hidden as '< 3' must not come back from the band counts.

In questionnaire 2.0 the threshold (80) is the top band's lower limit: closeness in the top band =
right distance + too close, exactly. In 1.0 (threshold 60, top band from 75) the band counts bound
the zone counts, exactly again when nobody is in the band across the threshold. Each test solves
for the hidden zone counts from everything shown, as a curious reader would, by trying every table
of zone counts that agrees with it.
"""

from __future__ import annotations

import itertools
import json
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from kamtrust.engine.group import GroupStats, Scored, summarize
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve

from .groupdata import keyed, scored, write_result

Run = Callable[..., Any]
ZONES = ("balanced", "too_close", "too_far", "adrift")
ABOVE = {"proximity": ("balanced", "too_close"), "perspective": ("balanced", "too_far")}
LEVELS = {"balanced": (5, 5), "too_close": (5, 2), "too_far": (2, 5), "adrift": (2, 2)}
"""Keyed levels of (closeness, perspective): 5 scores 100, 2 scores 25."""
REASON = {
    "en": "hidden so that the distance zone counts hidden beside them cannot be worked out from them",
    "es": "oculto para que no se puedan deducir de aquí los recuentos de zonas de distancia ocultos",
}
V2, V1 = resolve("kamtrust-8@2.0"), resolve("kamtrust-8@1.0")


def people(q: Questionnaire, zones: list[str], account: str | None = None) -> list[Scored]:
    out = []
    for z in zones:
        prox, persp = LEVELS[z]
        out.append(scored(q, keyed(q, {"proximity": prox, "perspective": persp}), account=account))
    return out


def six(q: Questionnaire, account: str | None = None) -> list[Scored]:
    """Four at the right distance, one too close, one too far: 2 hidden counts, 1 + 1."""
    return people(q, ["balanced"] * 4 + ["too_close", "too_far"], account)


def above_bounds(q: Questionnaire, bands: Mapping[str, int | None]) -> tuple[int, int] | None:
    """What shown band counts say about a pole's people at or above the threshold: (at least, at most)."""
    if any(v is None for v in bands.values()):
        return None
    assert q.distance is not None
    mins = [b.min for b in q.bands]
    sure = maybe = 0
    for n, b in enumerate(q.bands):
        hi = mins[n + 1] if n + 1 < len(mins) else float("inf")
        count = bands[b.id] or 0
        if b.min >= q.distance.threshold:
            sure += count
        elif hi > q.distance.threshold:
            maybe += count  # a band across the threshold: its people may be on either side
    return sure, sure + maybe


def solutions(q: Questionnaire, g: GroupStats, m: int) -> set[tuple[int, ...]]:
    """Every table of zone counts a reader cannot rule out from what ``g`` shows (each pole's n is
    the group's people with a zone here, so its band counts count only them)."""
    size = max(st.n or 0 for st in g.poles.values())
    ranges = []
    for z in ZONES:
        shown = g.zones[z]
        if shown is not None:
            ranges.append(range(shown, shown + 1))
        elif g.zones_hidden[z].code == "fewer":
            ranges.append(range(1, m))
        else:
            ranges.append(range(0, size + 1))
    found = set()
    for counts in itertools.product(*ranges):
        if sum(counts) != size:
            continue
        zone = dict(zip(ZONES, counts, strict=True))
        ok = True
        for pid, st in g.poles.items():
            bounds = above_bounds(q, st.bands)
            if bounds is not None:
                above = sum(zone[z] for z in ABOVE[pid])
                ok = ok and bounds[0] <= above <= bounds[1]
        if ok:
            found.add(counts)
    return found


def assert_unsolvable(q: Questionnaire, g: GroupStats, truth: list[Scored], m: int = 3) -> None:
    tables = solutions(q, g, m)
    actual = tuple(sum(1 for p in truth if p.profile.distance and p.profile.distance.zone == z) for z in ZONES)
    assert actual in tables
    for i, z in enumerate(ZONES):
        if g.zones[z] is None and actual[i] > 0:
            assert len({t[i] for t in tables}) >= 2, f"{z} comes back as {actual[i]} from {g.poles}"


@pytest.mark.parametrize("q", [V2, V1], ids=["2.0", "1.0"])
def test_band_counts_would_give_the_hidden_zone_counts_away(q: Questionnaire) -> None:
    # The attack, on the figures as they were before: the band counts pin every zone count.
    group = six(q)
    s = summarize(q, group)
    raw = {pid: st.bands for pid, st in summarize(q, group, min_group=1).total.poles.items()}
    leaky = replace(s.total, poles={p: replace(st, bands=raw[p]) for p, st in s.total.poles.items()})
    assert solutions(q, leaky, 3) == {(4, 1, 1, 0)}


@pytest.mark.parametrize("q", [V2, V1], ids=["2.0", "1.0"])
def test_the_hidden_zone_counts_cannot_be_solved_for(q: Questionnaire) -> None:
    group = six(q)
    s = summarize(q, group)
    assert s.total.zones == {"balanced": None, "too_close": None, "too_far": None, "adrift": 0}
    for st in s.total.poles.values():
        assert dict(st.bands) == {"risk": None, "developing": None, "strength": None}
        assert {h.code for h in st.bands_hidden.values()} == {"zones"}
        assert (st.n, round(st.mean or 0, 1)) == (6, 87.5)  # the rest of the row stays
    assert_unsolvable(q, s.total, group)


@pytest.mark.parametrize("q", [V2, V1], ids=["2.0", "1.0"])
def test_in_a_subgroup_and_the_total(q: Questionnaire) -> None:
    acme = six(q, "Acme")
    beta = people(q, ["balanced"] * 3 + ["adrift"] * 3, "Beta")
    s = summarize(q, acme + beta, by="account")
    groups = {g.key: g for g in s.groups}
    assert_unsolvable(q, groups["Acme"], acme)
    assert_unsolvable(q, s.total, acme + beta)
    assert all(v is None for st in groups["Acme"].poles.values() for v in st.bands.values())
    for g in (s.total, *s.groups):
        for st in g.poles.values():
            # band counts are shown only beside zone counts that are all shown
            assert not g.zones_hidden or all(v is None for v in st.bands.values())


def test_nothing_is_hidden_when_every_zone_count_is_shown() -> None:
    s = summarize(V2, people(V2, ["balanced"] * 3 + ["too_close"] * 3))
    assert not s.total.zones_hidden
    assert dict(s.total.poles["perspective"].bands) == {"risk": 3, "developing": 0, "strength": 3}
    assert not s.total.poles["perspective"].bands_hidden


def xlsx_rows(path: Path) -> list[list[str]]:
    """The first sheet's rows as texts (shared strings resolved, numbers as written)."""
    with zipfile.ZipFile(path) as book:
        strings = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", book.read("xl/sharedStrings.xml").decode())
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    rows = []
    for row in re.findall(r"<row[^>]*>(.*?)</row>", sheet):
        cells = re.findall(r"<c ([^>]*)><v>([^<]*)</v></c>", row)
        rows.append([strings[int(v)] if 't="s"' in attrs else v for attrs, v in cells])
    return rows


@pytest.fixture
def six_files(tmp_path: Path) -> Path:
    d = tmp_path / "g"
    for i, z in enumerate(["balanced"] * 4 + ["too_close", "too_far"]):
        prox, persp = LEVELS[z]
        write_result(d, V2, keyed(V2, {"proximity": prox, "perspective": persp}), account="Acme", pid=f"p{i}")
    return d


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_format_hides_them_and_says_why(run: Run, six_files: Path, lang: str, tmp_path: Path) -> None:
    wide = {"COLUMNS": "200"}
    table = run("group", "summary", str(six_files), "--lang", lang, env=wide).stdout
    hidden = {"en": "hidden", "es": "oculto"}[lang]
    closeness = {"en": "Closeness (the serpent)", "es": "Cercanía (la serpiente)"}[lang]
    line = next(x for x in table.splitlines() if closeness in x and "87" in x)
    assert line.split()[-1] == hidden
    assert REASON[lang] in " ".join(table.split())
    csv_text = run("group", "summary", str(six_files), "--lang", lang, "-f", "csv").stdout
    row = next(x for x in csv_text.splitlines() if ",proximity," in x)
    assert row.endswith(f",{hidden},{hidden},{hidden},{REASON[lang]}")
    md = run("group", "summary", str(six_files), "--lang", lang, "-f", "md").stdout
    assert f"| {hidden} | {hidden} | {hidden} | {REASON[lang]} |" in md
    doc = json.loads(run("group", "summary", str(six_files), "--lang", lang, "-f", "json").stdout)
    pole = doc["total"]["poles"]["perspective"]
    assert pole["bands"] == {"risk": None, "developing": None, "strength": None}
    assert pole["bands_hidden"]["strength"]["reason_code"] == "zones"
    assert pole["bands_hidden"]["strength"]["reason"] == REASON[lang]
    out = tmp_path / f"s-{lang}.xlsx"
    assert run("group", "summary", str(six_files), "--lang", lang, "-o", str(out)).exit_code == 0
    assert next(r for r in xlsx_rows(out) if "proximity" in r)[-4:] == [hidden, hidden, hidden, REASON[lang]]


def test_the_group_report_draws_no_pole_dots_when_bands_are_hidden(run: Run, six_files: Path) -> None:
    from kamtrust.engine.group import summarize as summ
    from kamtrust.report.group import build_group

    group = six(V2)
    r = build_group(V2, summ(V2, group), group, "en", date="25/11/2026")
    assert all(p.points == () for p in r.poles)
    assert all(len(f.points) == 6 for f in r.factors)
    html = run("group", "report", str(six_files), "--lang", "es").stdout
    assert "kt-point-member" not in html[html.index("kt-quadrant") :].split("</svg>")[0]


PERSON = hs.tuples(hs.integers(1, 5), hs.integers(1, 5), hs.sampled_from(("Acme", "Beta", None)))
"""Keyed levels of closeness and perspective (0, 25, 50, 75 or 100) and an account."""


@given(hs.lists(PERSON, min_size=1, max_size=12), hs.integers(3, 4), hs.booleans(), hs.sampled_from(("2.0", "1.0")))
def test_no_hidden_zone_count_comes_back_from_the_band_counts(
    specs: list[tuple[int, int, str | None]], m: int, by: bool, version: str
) -> None:
    q = V2 if version == "2.0" else V1
    group = [
        scored(q, keyed(q, {"proximity": prox, "perspective": persp}), account=account)
        for prox, persp, account in specs
    ]
    s = summarize(q, group, min_group=m, by="account" if by else None)
    if s.total.suppressed:
        return
    parts = {g.key: [p for p in group if p.fields["account"] == g.key] for g in s.groups}
    for g, ps in [(s.total, group), *((g, parts[g.key]) for g in s.groups if not g.suppressed)]:
        if any(v is None for v in g.zones.values()):
            assert_unsolvable(q, g, ps, m)
