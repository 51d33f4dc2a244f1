"""The personal profile in the terminal: the first block at a glance, then the details on request.

The first block (render/glance.py) fits 24 lines at 80 columns; the details (render/details.py)
hold the diagnosis, the levers and the person's own answers. This module keeps the small
presentation helpers the other renderers share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from kamtrust.engine.scoring import Profile
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.render.console import Style

BAND_COLOURS = ("red", "yellow", "green", "cyan", "magenta")
BAR_WIDTH = 20
GAUGE_WIDTH = 41


def fmt(score: float | None, lang: str = "en", *, signed: bool = False) -> str:
    """A score as shown to people: one decimal (a comma in Spanish), or a dash."""
    return number(score, lang, signed=signed)


def band_colour(q: Questionnaire, band_id: str | None) -> str:
    """Bands are coloured from red (lowest) to green; extra bands take further colours."""
    ids = [b.id for b in q.bands]
    if band_id not in ids:
        return "white"
    i = ids.index(band_id)
    if len(ids) == 3:
        return BAND_COLOURS[i]
    return BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)]


def band_label(q: Questionnaire, band_id: str | None, lang: str) -> str:
    """A band's name in ``lang``, or "not scored"."""
    return localize(q.find_band(band_id).label, lang) if band_id else t(lang, "not_scored")


def bar(score: float | None, style: Style, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a 0-100 score."""
    if score is None:
        return style.empty * width
    full = max(0, min(width, round(score / 100 * width)))
    return style.full * full + style.empty * (width - full)


def gauge(balance: float, style: Style, width: int = GAUGE_WIDTH) -> str:
    """The serpent-eagle line with a marker where ``balance`` (-100..100) falls."""
    pos = round((balance + 100) / 200 * (width - 1))
    line = ["-" if style.plain else "─"] * width
    line[width // 2] = "|" if style.plain else "┼"
    line[pos] = "O" if style.plain else "●"
    return "".join(line)


def advice_block(diagnosis: str, levers: Sequence[str], lang: str, style: Style) -> RenderableType:
    """A diagnosis, then its levers as a bulleted list (kamtrust.profile_notes builds the texts)."""
    if not (diagnosis or levers):
        return Text("")
    parts: list[RenderableType] = [Text(diagnosis)]
    if levers:
        parts.append(Text(t(lang, "levers") + ":", style="bold"))
        # A grid gives each lever a hanging indent when it wraps.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for lever in levers:
            grid.add_row("-" if style.plain else "•", lever)
        parts.append(grid)
    return Group(*parts)


def render_profile(
    console: Console,
    style: Style,
    q: Questionnaire,
    profile: Profile,
    lang: str,
    *,
    header: Mapping[str, str | None] | None = None,
    answers: Mapping[str, int] | None = None,
    details: bool = False,
    ref: str | None = None,
) -> None:
    """Print a profile (kamtrust.results.profileview.profile_of reads a saved one) for ``q`` in ``lang``.

    The first block always; the details (diagnosis, levers, the person's own answers, notes on
    the answers, the trust equation) when ``details``; the next steps last. ``ref`` names the
    result in the commands suggested (``latest``, a number from the history, or a path).
    """
    from kamtrust.render.glance import render_glance, render_next_steps

    render_glance(console, style, q, profile, lang, header=header)
    if details:
        from kamtrust.render.details import render_details

        render_details(console, style, q, profile, lang, answers=answers or {})
    render_next_steps(console, lang, ref=ref, details=details)
