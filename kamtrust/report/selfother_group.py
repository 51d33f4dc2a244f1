"""The group's self–other gaps (``kamtrust feedback summary``) as text, Markdown and JSON."""

from __future__ import annotations

import json

from kamtrust.engine.selfother import GroupGap
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize


def _rows(q: Questionnaire, gaps: tuple[GroupGap, ...], lang: str) -> list[list[str]]:
    rows = []
    for g in gaps:
        name = localize(q.find_scale(g.id).name, lang)
        if g.hidden is not None:
            rows.append([name, "—", "—", "—", t(lang, f"fb_group_{g.hidden}")])
        else:
            rows.append(
                [
                    name,
                    str(g.n),
                    number(g.mean, lang, signed=True),
                    number(g.margin, lang),
                    t(lang, f"fb_verdict_{g.reading}") if g.reading else "—",
                ]
            )
    return rows


def _heads(lang: str) -> list[str]:
    return [t(lang, "factor"), "n", t(lang, "fb_group_mean_gap"), t(lang, "fb_margin"), t(lang, "fb_reading")]


def _lead(people: int, rated: int, lang: str, min_raters: int, min_group: int) -> list[str]:
    return [
        t(lang, "fb_group_lead", people=people, rated=rated, min_raters=min_raters, min_group=min_group),
        t(lang, "fb_group_method"),
    ]


def group_text(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    import textwrap

    rows = _rows(q, gaps, lang)
    heads = _heads(lang)
    w0 = max(len(r[0]) for r in rows) + 1
    out = [t(lang, "fb_group_title"), ""]
    out.append(heads[0].ljust(w0) + "".join(h[:10].rjust(11) for h in heads[1:-1]) + "  " + heads[-1])
    for r in rows:
        out.append(r[0].ljust(w0) + "".join(c.rjust(11) for c in r[1:-1]) + "  " + r[-1])
    out.append("")
    for p in _lead(people, rated, lang, min_raters, min_group):
        out += textwrap.wrap(p, 80)
    return "\n".join(out) + "\n"


def group_markdown(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    rows = _rows(q, gaps, lang)
    out = [f"# {t(lang, 'fb_group_title')}", "", "| " + " | ".join(_heads(lang)) + " |", "|---|---:|---:|---:|---|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    out += [""] + _lead(people, rated, lang, min_raters, min_group)
    return "\n".join(out) + "\n"


def group_json(
    q: Questionnaire, gaps: tuple[GroupGap, ...], people: int, rated: int, lang: str, min_raters: int, min_group: int
) -> str:
    doc = {
        "schema": "kamtrust.self-other-group/1",
        "questionnaire": {"id": q.id, "version": q.version},
        "language": lang,
        "people": people,
        "people_with_ratings": rated,
        "min_raters": min_raters,
        "min_group": min_group,
        "scales": [
            {"id": g.id, "kind": g.kind, "hidden": g.hidden}
            if g.hidden
            else {
                "id": g.id,
                "kind": g.kind,
                "n": g.n,
                "mean_gap": g.mean,
                "sd": g.sd,
                "margin": g.margin,
                "reading": g.reading,
            }
            for g in gaps
        ],
    }
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2) + "\n"
