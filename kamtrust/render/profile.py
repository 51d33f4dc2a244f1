"""The personal profile in the terminal: factor bars, the serpent-eagle gauge, advice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from kamtrust.i18n import t
from kamtrust.questionnaire.model import Advice, Questionnaire, localize
from kamtrust.render.console import Style, print_indented
from kamtrust.safetext import visible

BAND_COLOURS = ("red", "yellow", "green", "cyan", "magenta")
BAR_WIDTH = 20
GAUGE_WIDTH = 41


DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "pt", "ca", "nl"})


def fmt(score: float | None, lang: str = "en", *, signed: bool = False) -> str:
    """A score as shown to people: one decimal (a comma in Spanish), or a dash."""
    if score is None:
        return "—"
    text = f"{score:+.1f}" if signed else f"{score:.1f}"
    return text.replace(".", ",") if lang in DECIMAL_COMMA else text


def band_colour(q: Questionnaire, band_id: str | None) -> str:
    """Bands are coloured from red (lowest) to green; extra bands take further colours."""
    ids = [b.id for b in q.bands]
    if band_id not in ids:
        return "white"
    i = ids.index(band_id)
    if len(ids) == 3:
        return BAND_COLOURS[i]
    return BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)]


def bar(score: float | None, style: Style, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a 0-100 score."""
    if score is None:
        return style.empty * width
    full = round(score / 100 * width)
    return style.full * full + style.empty * (width - full)


def gauge(balance: float, style: Style, width: int = GAUGE_WIDTH) -> str:
    """The serpent-eagle line with a marker where ``balance`` (-100..100) falls."""
    pos = round((balance + 100) / 200 * (width - 1))
    line = ["-" if style.plain else "─"] * width
    line[width // 2] = "|" if style.plain else "┼"
    line[pos] = "O" if style.plain else "●"
    return "".join(line)


def _advice_block(advice: Advice | None, lang: str, style: Style) -> RenderableType:
    if advice is None:
        return Text("")
    parts: list[RenderableType] = [Text(localize(advice.diagnosis, lang))]
    if advice.levers:
        parts.append(Text(t(lang, "levers") + ":", style="bold"))
        # A grid gives each lever a hanging indent when it wraps.
        levers = Table.grid(padding=(0, 1))
        levers.add_column(no_wrap=True)
        levers.add_column()
        for lever in advice.levers:
            levers.add_row("-" if style.plain else "•", localize(lever, lang))
        parts.append(levers)
    return Group(*parts)


def render_profile(
    console: Console,
    style: Style,
    q: Questionnaire,
    profile: Mapping[str, Any],
    lang: str,
    *,
    header: Mapping[str, str | None] | None = None,
) -> None:
    """Print a profile (a result document's ``profile`` section) for ``q`` in ``lang``."""
    title = f"{t(lang, 'profile_title')} · {visible(localize(q.title, lang))}"
    console.print(Text(title, style="bold"))
    if header:
        # Names, accounts and cohorts are typed by people: text only, control characters shown.
        line = " · ".join(f"{label}: {visible(value)}" for label, value in header.items() if value)
        if line:
            console.print(Text(line, style="dim"))
    console.print()

    table = Table(box=style.box, show_edge=True, pad_edge=True, expand=False)
    table.add_column(t(lang, "factor"), no_wrap=True, max_width=28)
    table.add_column(t(lang, "score"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(t(lang, "band"), no_wrap=True)
    factors = profile.get("factors", {})
    for f in q.factors:
        s = factors.get(f.id, {})
        score, band_id = s.get("score"), s.get("band")
        colour = band_colour(q, band_id)
        band_label = localize(q.find_band(band_id).label, lang) if band_id else t(lang, "not_scored")
        table.add_row(
            Text(visible(localize(f.name, lang))),
            fmt(score, lang),
            Text(bar(score, style), style=colour),
            Text(band_label, style=colour),
        )
    console.print(table)

    overall = profile.get("overall")
    overall_line = Text(f"{t(lang, 'overall')}: ", style="bold")
    overall_line.append(fmt(overall, lang), style="bold")
    if overall is not None:
        from kamtrust.engine.scoring import band_for

        b = band_for(overall, q.bands)
        overall_line.append(f"  ({localize(q.find_band(b).label, lang)})", style=band_colour(q, b))
    console.print(overall_line)
    for f in q.factors:
        s = factors.get(f.id, {})
        if s.get("score") is None and s.get("items"):
            answered, items = s.get("answered", 0), s.get("items", 0)
            reason = t(lang, "not_scored_reason", missing=items - answered, items=items, needed=-(-2 * items // 3))
            console.print(Text(f"{localize(f.name, lang)}: {t(lang, 'not_scored')} ({reason})", style="dim"))

    _render_distance(console, style, q, profile, lang)
    _render_advice_list(console, style, q, profile, lang, "strengths")
    _render_advice_list(console, style, q, profile, lang, "development")

    flags = profile.get("flags") or []
    if flags:
        console.print()
        console.print(Text(t(lang, "flags"), style="bold"))
        for flag in flags:
            key = f"flag_{flag}"
            console.print(Text(f"  {t(lang, key) if key in _known_flags() else flag}", style="dim"))


def _known_flags() -> set[str]:
    from kamtrust.engine.scoring import FLAGS

    return {f"flag_{flag}" for flag in FLAGS}


def _render_distance(console: Console, style: Style, q: Questionnaire, profile: Mapping[str, Any], lang: str) -> None:
    d = profile.get("distance")
    if q.distance is None or not d:
        return
    console.print()
    console.print(Text(t(lang, "distance_title"), style="bold"))
    balance = d.get("balance")
    if balance is not None:
        g = Text(f"{t(lang, 'serpent'):>9} ")
        g.append(gauge(balance, style), style="cyan")
        g.append(f" {t(lang, 'eagle')}")
        console.print(g)
    console.print(
        f"{t(lang, 'closeness')} {fmt(d.get('proximity'), lang)} · {t(lang, 'perspective')} "
        f"{fmt(d.get('perspective'), lang)} · {t(lang, 'balance')} {fmt(balance, lang, signed=True)}"
    )
    zone_id = d.get("zone")
    if zone_id in q.distance.zones:
        zone = q.distance.zones[zone_id]
        colour = "green" if zone_id == "balanced" else "yellow"
        line = Text(f"{t(lang, 'zone')}: ", style="bold")
        line.append(localize(zone.label, lang), style=f"bold {colour}")
        console.print(line)
        print_indented(console, _advice_block(zone.advice, lang, style), 2)


def _render_advice_list(
    console: Console,
    style: Style,
    q: Questionnaire,
    profile: Mapping[str, Any],
    lang: str,
    key: str,
) -> None:
    ids = [fid for fid in profile.get(key) or [] if any(f.id == fid for f in q.factors)]
    if not ids:
        return
    console.print()
    console.print(Text(t(lang, key), style="bold"))
    factors = profile.get("factors", {})
    for fid in ids:
        factor = q.find_scale(fid)
        s = factors.get(fid, {})
        band_id = s.get("band")
        head = Text(f"{localize(factor.name, lang)} ", style="bold")
        head.append(fmt(s.get("score"), lang), style=band_colour(q, band_id))
        print_indented(console, head, 2)
        advice = factor.advice.get(band_id) if band_id else None
        print_indented(console, _advice_block(advice, lang, style), 4)
