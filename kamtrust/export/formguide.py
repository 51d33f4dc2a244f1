"""What to paste into Google Forms or Microsoft Forms to collect a questionnaire online.

The texts are the questionnaire's own (statements and the five labels, one per line), so the
form's export carries headers ``kamtrust import`` matches with no options: "Title [statement]"
(Google's grid), "Title.Statement" (Microsoft's Likert), "Nombre"/"Name", "Cuenta"/"Account".
"""

from __future__ import annotations

import math

from kamtrust.i18n import t
from kamtrust.questionnaire.model import Item, Questionnaire, localize

PAGE = 12
"""Statements per grid: a page a participant can answer without scrolling far."""


def pages(items: tuple[Item, ...], size: int = PAGE) -> list[tuple[Item, ...]]:
    """The statements split into even pages of at most ``size`` (60 -> 5 of 12; 48 -> 4 of 12)."""
    n = max(1, math.ceil(len(items) / size))
    per = math.ceil(len(items) / n)
    return [items[i : i + per] for i in range(0, len(items), per)]


def grid_title(lang: str, page: int, total: int) -> str:
    """The title of grid ``page`` (1-based): 'Parte 1 de 5'."""
    return t(lang, "fg_grid_title", n=page, total=total)


def form_guide(q: Questionnaire, lang: str, kind: str) -> str:
    """The guide for ``kind`` 'gforms' or 'msforms', in ``lang``, as Markdown (readable as plain text)."""
    app = t(lang, f"fg_app_{kind}")
    labels = [localize(q.scale.labels.get(p), lang) for p in range(q.scale.min, q.scale.max + 1)]
    groups = pages(q.presentation_order)
    out = [
        "# " + t(lang, "fg_heading", app=app, title=localize(q.title, lang)),
        "",
        t(lang, "fg_lead", qid=q.id, version=q.version, n=len(q.items), app=app),
        "",
        "## " + t(lang, "fg_step_form"),
        "",
        t(lang, f"fg_create_{kind}"),
        "",
        t(lang, "fg_title_label"),
        "",
        _block([localize(q.title, lang)]),
        t(lang, "fg_intro_label"),
        "",
        _block(form_intro(q, lang).split("\n")),
        t(lang, "fg_one_account"),
        "",
        "## " + t(lang, "fg_step_people"),
        "",
        t(lang, f"fg_name_{kind}", name=t(lang, "fg_name_q")),
        "",
        t(lang, f"fg_account_{kind}", account=t(lang, "fg_account_q")),
        "",
        t(lang, f"fg_email_{kind}"),
        "",
        *grid_steps(groups, labels, lang, kind),
    ]
    out += [
        "## " + t(lang, "fg_step_import"),
        "",
        t(lang, f"fg_headers_{kind}", example=_header(kind, grid_title(lang, 1, len(groups)), groups[0][0], lang)),
        "",
        t(lang, f"fg_download_{kind}"),
        "",
        _block([t(lang, f"fg_command_{kind}")]),
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def grid_steps(groups: list[tuple[Item, ...]], labels: list[str], lang: str, kind: str) -> list[str]:
    """The grid step of a form guide: how to set the grids up, the five labels, each grid's rows."""
    out = [
        "## " + t(lang, "fg_step_grid", n=len(groups)),
        "",
        t(lang, f"fg_grid_{kind}", per=len(groups[0])),
        "",
        t(lang, f"fg_required_{kind}"),
        "",
        t(lang, f"fg_labels_{kind}"),
        "",
        _block(labels),
    ]
    for n, group in enumerate(groups, start=1):
        title = grid_title(lang, n, len(groups))
        out += ["### " + title, "", t(lang, f"fg_rows_{kind}", title=title), ""]
        out += [_block([localize(item.text, lang) for item in group])]
    return out


def form_intro(q: Questionnaire, lang: str) -> str:
    """The questionnaire's intro for a form, honest about who sees the answers.

    In a form the trainer receives every answer, so the participant-facing promise "only you
    decide who sees your results" is replaced (or, when absent, followed) by what really happens.
    """
    text = q.intro_for(lang) if q.intro else ""
    claim, honest = t(lang, "fg_private_claim"), t(lang, "fg_intro_privacy")
    if claim in text:
        return text.replace(claim, honest)
    return f"{text} {honest}".strip()


def _header(kind: str, title: str, item: Item, lang: str) -> str:
    text = localize(item.text, lang)
    return f"{title} [{text}]" if kind == "gforms" else f"{title}.{text}"


def _block(lines: list[str]) -> str:
    """A fenced block: copied as it is, one line per row."""
    return "```\n" + "\n".join(lines) + "\n```\n"
