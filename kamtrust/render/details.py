"""The profile's details (``kamtrust show --details``): why each factor scored as it did, and what to do.

Per factor, lowest first: the diagnosis and levers for its band, beside the person's own answers
that pulled it down, so that a lever connects to something they said. Then the client distance
with its advice, the notes on the answers, and the trust equation.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console, RenderableType
from rich.text import Text

from kamtrust.engine.scoring import FLAGS, Profile, ScaleScore
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.profile_notes import FactorAdvice, factor_advice
from kamtrust.questionnaire.model import Advice, Questionnaire, Scale, localize
from kamtrust.render.console import Style, print_indented
from kamtrust.render.glance import print_hanging
from kamtrust.render.profile import advice_block, band_colour, band_label, fmt, gauge
from kamtrust.render.standing import Said, order_for_details, pulling_down, standing
from kamtrust.safetext import visible


def _heading(console: Console, text: str) -> None:
    console.print()
    print_indented(console, Text(text, style="bold underline"), 0)


def render_details(
    console: Console,
    style: Style,
    q: Questionnaire,
    profile: Profile,
    lang: str,
    *,
    answers: Mapping[str, int],
) -> None:
    """Everything the first block leaves out."""
    _heading(console, f"{t(lang, 'details_title')} · {visible(localize(q.title, lang))}")
    st = standing(q, profile)
    for fid in st.alerts:
        key = f"alert_{fid}"
        name = visible(localize(q.find_scale(fid).name, lang))
        console.print()
        print_indented(console, Text(t(lang, key, factor=name), style="bold red"), 0)
    order = order_for_details(q, profile, st.alerts)
    picks = [(f.id, *_score_band(profile.factors.get(f.id))) for f in order]
    for factor, advice in zip(order, factor_advice(q, picks, lang, alerts=st.alerts), strict=True):
        _factor(console, style, q, factor, profile.factors.get(factor.id), advice, lang, answers)
    _distance(console, style, q, profile, lang, answers)
    flags = [f for f in profile.flags if f in FLAGS]
    if flags:
        _heading(console, t(lang, "flags"))
        for flag in flags:
            print_indented(console, Text(("- " if style.plain else "• ") + t(lang, f"flag_{flag}")), 0)
    _trust_equation(console, q, profile, lang)


def _score_band(s: ScaleScore | None) -> tuple[float | None, str | None]:
    return (None, None) if s is None else (s.score, s.band)


def _factor(
    console: Console,
    style: Style,
    q: Questionnaire,
    factor: Scale,
    s: ScaleScore | None,
    advice: FactorAdvice,
    lang: str,
    answers: Mapping[str, int],
) -> None:
    band_id = advice.band
    head = Text(visible(advice.name), style="bold underline")
    head.append("  ")
    head.append(f"{fmt(advice.score, lang)} · {band_label(q, band_id, lang)}", style=band_colour(q, band_id))
    console.print()
    print_indented(console, head, 0)
    if s is not None and s.score is None and s.items:
        reason = t(lang, "not_scored_reason", missing=s.items - s.answered, items=s.items, needed=-(-2 * s.items // 3))
        print_indented(console, Text(reason, style="dim"), 2)
    if advice.diagnosis or advice.levers:
        print_indented(console, advice_block(advice.diagnosis, advice.levers, lang, style), 2)
    _said(console, style, q, factor, lang, answers)


def _said(
    console: Console, style: Style, q: Questionnaire, scale: Scale, lang: str, answers: Mapping[str, int]
) -> None:
    if not answers:
        return
    said = pulling_down(q, scale, answers)
    lowering = [s for s in said if s.answer is not None]
    skipped = [s for s in said if s.answer is None]
    if not said:
        print_indented(console, Text(t(lang, "said_none"), style="dim"), 2)
        return
    # A skipped question does not pull a score down (it is not counted): a heading of its own.
    for title, group in (("said_title", lowering), ("said_skipped_title", skipped)):
        if group:
            print_indented(console, Text(t(lang, title) + ":", style="bold"), 2)
            _said_lines(console, style, q, lang, group)


def _said_lines(console: Console, style: Style, q: Questionnaire, lang: str, said: list[Said]) -> None:
    for s in said:
        mark = "-" if s.answer is None else ("v" if style.plain else "▼")
        line = Text(f"    {mark} ")
        line.append(f"«{visible(localize(s.item.text, lang))}»")
        if s.answer is None:
            line.append(f" — {t(lang, 'skipped')}", style="dim")
        else:
            label = q.scale.labels.get(s.answer)
            said_text = f"{localize(label, lang)} ({s.answer})" if label else str(s.answer)
            line.append(f" — {t(lang, 'said_answer', answer=said_text)}", style="yellow")
            if s.item.reverse:
                line.append(f" ({t(lang, 'said_reverse')})", style="dim")
        print_hanging(console, line, 6)


def _distance(
    console: Console,
    style: Style,
    q: Questionnaire,
    profile: Profile,
    lang: str,
    answers: Mapping[str, int],
) -> None:
    d = profile.distance
    if q.distance is None or d is None:
        return
    _heading(console, t(lang, "distance_title"))
    balance = d.balance
    if balance is not None and console.width >= 60:
        g = Text(f"{t(lang, 'serpent')} ")
        g.append(gauge(balance, style), style="cyan")
        g.append(f" {t(lang, 'eagle')}")
        console.print(g, soft_wrap=True)
    print_indented(
        console,
        Text(
            f"{t(lang, 'closeness')} {fmt(d.proximity, lang)} · {t(lang, 'perspective')} "
            f"{fmt(d.perspective, lang)} · {t(lang, 'balance')} {fmt(balance, lang, signed=True)}"
        ),
        0,
    )
    zone_id = d.zone
    if zone_id is not None and zone_id in q.distance.zones:
        zone = q.distance.zones[zone_id]
        line = Text(f"{t(lang, 'zone')}: ", style="bold")
        line.append(visible(localize(zone.label, lang)), style="bold green" if zone_id == "balanced" else "bold yellow")
        print_indented(console, line, 0)
        print_indented(console, _zone_advice(zone.advice, lang, style), 2)
    for pole in (q.distance.proximity, q.distance.perspective):
        if answers:
            head = Text(visible(localize(pole.name, lang)), style="bold")
            print_indented(console, head, 2)
            _said(console, style, q, pole, lang, answers)


def _zone_advice(advice: Advice | None, lang: str, style: Style) -> RenderableType:
    if advice is None:
        return Text("")
    return advice_block(localize(advice.diagnosis, lang), [localize(lv, lang) for lv in advice.levers], lang, style)


def _trust_equation(console: Console, q: Questionnaire, profile: Profile, lang: str) -> None:
    from kamtrust.engine.trust import SELF_ORIENTATION_FROM, trust_equation

    eq = trust_equation(q, profile)
    if eq is None:
        return
    _heading(console, t(lang, "trust_equation"))

    def num(x: float) -> str:
        return fmt(x, lang).replace("—", "")

    def two(x: float) -> str:
        return number(x, lang, 2)

    line = Text(f"({two(eq.credibility)} + {two(eq.reliability)} + {two(eq.intimacy)}) / {two(eq.self_orientation)} = ")
    line.append(num(eq.value), style="bold")
    print_indented(console, line, 0)
    focus = visible(localize(q.find_scale(SELF_ORIENTATION_FROM).name, lang))
    note = t(lang, "trust_equation_note", focus=focus, neutral=num(eq.neutral), low=num(eq.low), high=num(eq.high))
    print_indented(console, Text(note, style="dim"), 0)
