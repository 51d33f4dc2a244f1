"""The self–other section of ``group summary`` and ``group report`` (issue 13 §5).

Ratings read beside a group's results are paired with their people (participant id and account),
compared person by person (engine/selfother.py) and summarised as the group's mean gap per
scale and per ``--by`` subgroup (engine/selfother_group.py). This module does the pairing and
puts the section into every format: a table, a view (CSV block, XLSX sheet, Markdown table), the
JSON section and the HTML report's section. No person's gap appears anywhere.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.group import Scored
from kamtrust.engine.raters import MIN_RATERS
from kamtrust.engine.selfother import RatingIn, compare
from kamtrust.engine.selfother_group import SelfOtherGroup, summarize_gaps
from kamtrust.export.reasons import field_name
from kamtrust.export.views import View, group_label, r
from kamtrust.i18n import plural, t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.results.rating import Rating


@dataclass(frozen=True)
class Paired:
    """The section's model, and what was read but belongs to nobody in the group."""

    model: SelfOtherGroup
    unmatched: int
    """Ratings of the same questionnaire naming nobody among the results."""
    other_questionnaire: int
    """Ratings answering another questionnaire or version."""


def _key(person_id: object, account: object) -> tuple[str, str]:
    return (str(person_id or ""), str(account or "").strip().casefold())


def pair(
    q: Questionnaire,
    version: str,
    scored: Sequence[Scored],
    ratings: Sequence[Rating],
    *,
    min_group: int,
    by: str | None,
    min_raters: int = MIN_RATERS,
) -> Paired:
    """Pair ``ratings`` with the people of ``scored`` and summarise their gaps (see the module)."""
    by_person: dict[tuple[str, str], list[RatingIn]] = {}
    other = 0
    for rating in ratings:
        if (rating.questionnaire_id, rating.questionnaire_version) != (q.id, version):
            other += 1
            continue
        by_person.setdefault(_key(rating.rated_id, rating.account), []).append(RatingIn(rating.role, rating.answers))
    people = []
    used: set[tuple[str, str]] = set()
    for s in scored:
        key = _key(s.fields.get("id"), s.fields.get("account"))
        used.add(key)
        group = s.fields.get(by) if by is not None else None
        people.append((group, compare(q, s.answers, by_person.get(key, []), min_raters=min_raters)))
    unmatched = sum(len(v) for k, v in by_person.items() if k not in used)
    model = summarize_gaps(q, people, min_raters=min_raters, min_group=min_group, by=by)
    return Paired(model, unmatched, other)


def stderr_lines(paired: Paired, lang: str) -> list[str]:
    """What the trainer must know about the ratings that enter no figure."""
    lines = []
    if paired.unmatched:
        lines.append(t(lang, "sog_unmatched", n=paired.unmatched))
    if paired.other_questionnaire:
        lines.append(t(lang, "sog_other_questionnaire", n=paired.other_questionnaire))
    return lines


# ------------------------------------------------------------------------------ rows


def _why(code: str | None, lang: str) -> str:
    return t(lang, f"sog_hidden_{code}")


def _columns(m: SelfOtherGroup) -> list[tuple[str | None, bool, Any]]:
    """(key, is total, gaps) for the total and every subgroup."""
    return [(None, True, m.total), *((g.key, False, g.gaps) for g in m.groups)]


def heads(lang: str) -> list[str]:
    return [
        t(lang, "sog_group"),
        t(lang, "factor"),
        "n",
        t(lang, "fb_group_mean_gap"),
        t(lang, "fb_margin"),
        t(lang, "fb_reading"),
    ]


def rows(m: SelfOtherGroup, q: Questionnaire, lang: str, *, raw: bool = False) -> list[list[Any]]:
    """One row per group and scale; numbers as text in ``lang`` unless ``raw`` (views round them)."""
    out: list[list[Any]] = []
    for key, total, gaps in _columns(m):
        label = group_label(key, total, lang)
        for g in gaps:
            name = localize(q.find_scale(g.id).name, lang)
            if g.hidden is not None:
                out.append(
                    [
                        label,
                        name,
                        None if raw else "—",
                        None if raw else "—",
                        None if raw else "—",
                        _why(g.hidden, lang),
                    ]
                )
            elif raw:
                out.append([label, name, g.n, r(g.mean), r(g.margin), t(lang, f"fb_verdict_{g.reading}")])
            else:
                out.append(
                    [
                        label,
                        name,
                        str(g.n),
                        number(g.mean, lang, signed=True),
                        number(g.margin, lang),
                        t(lang, f"fb_verdict_{g.reading}"),
                    ]
                )
    return out


def lead(m: SelfOtherGroup, lang: str) -> list[str]:
    return [
        t(
            lang,
            plural("fb_group_lead", m.people),
            people=m.people,
            rated=m.rated,
            min_raters=m.min_raters,
            min_group=m.min_group,
        ),
        t(lang, "fb_group_method"),
    ]


def view(m: SelfOtherGroup, q: Questionnaire, lang: str) -> View:
    """The section as a view: a CSV block, an XLSX sheet, a Markdown table."""
    return View(
        t(lang, "sog_sheet"),
        t(lang, "fb_group_title"),
        tuple(heads(lang)),
        [tuple(x) for x in rows(m, q, lang, raw=True)],
    )


def text(m: SelfOtherGroup, q: Questionnaire, lang: str, width: int = 80) -> str:
    """The section under the summary's table on the terminal: plain text that fits ``width``
    columns for usual names (a hidden figure is marked short, with one note per mark below)."""
    body = rows(m, q, lang)
    hs = heads(lang)
    marks = {
        "fewer": t(lang, "sog_short_fewer", n=m.min_group),
        "complementary": t(lang, "sog_short_complementary"),
        "none": t(lang, "sog_short_none"),
    }
    used: list[str] = []
    for x, (_, _, g) in zip(body, _flat(m), strict=True):
        if g.hidden is not None:
            x[2] = x[3] = x[4] = ""
            x[5] = marks.get(g.hidden, x[5])
            if g.hidden not in used:
                used.append(g.hidden)
    if m.by is None:
        body = [x[1:] for x in body]
        hs = hs[1:]
    first = len(hs) - 4
    w = [max(len(str(x[i])) for x in [hs, *body]) for i in range(first)]
    nums = (4, 11, 8)

    def line(cells: Sequence[str]) -> str:
        left = "  ".join(str(c).ljust(w[i]) for i, c in enumerate(cells[:first]))
        mid = "".join(str(c).rjust(nums[i]) for i, c in enumerate(cells[first : first + 3]))
        return f"{left}{mid}  {cells[-1]}".rstrip()

    out = ["", t(lang, "fb_group_title"), "", line(hs), *(line(x) for x in body), ""]
    notes = [t(lang, f"sog_note_{code}", n=m.min_group) for code in ("fewer", "complementary", "none") if code in used]
    for p in [*notes, *lead(m, lang)]:
        out += textwrap.wrap(p, width)
    return "\n".join(out) + "\n"


def _flat(m: SelfOtherGroup) -> list[tuple[str | None, bool, Any]]:
    """(key, is total, gap) in the order of :func:`rows`."""
    return [(key, total, g) for key, total, gaps in _columns(m) for g in gaps]


def markdown(m: SelfOtherGroup, q: Questionnaire, lang: str) -> str:
    """The section appended to the summary's Markdown."""
    hs = heads(lang)
    body = rows(m, q, lang)
    out = ["", f"## {t(lang, 'fb_group_title')}", "", "| " + " | ".join(hs) + " |", "|---|---|---:|---:|---:|---|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in x) + " |" for x in body]
    out += ["", *(p + "\n" for p in lead(m, lang))]
    return "\n".join(out)


def html_section(m: SelfOtherGroup, q: Questionnaire, lang: str) -> dict[str, Any]:
    """What the group report shows: the total's bars and table, with ``--by`` a factor × subgroup
    table of mean gaps (hidden ones marked short, with a note per mark), and the lead."""
    from kamtrust.report.html import _markup
    from kamtrust.report.selfother_group import gap_bars

    total = SelfOtherGroup(m.people, m.rated, m.min_raters, m.min_group, None, m.total, ())
    section: dict[str, Any] = {
        "title": t(lang, "fb_group_title"),
        "chart": _markup(gap_bars(q, m.total, lang)),
        "heads": heads(lang)[1:],
        "rows": [x[1:] for x in rows(total, q, lang)],
        "lead": lead(m, lang),
        "by_heads": [],
        "by_rows": [],
        "by_notes": [],
    }
    if m.groups:
        marks = {
            "fewer": t(lang, "sog_short_fewer", n=m.min_group),
            "complementary": t(lang, "sog_short_complementary"),
            "none": t(lang, "sog_short_none"),
        }
        used: set[str] = set()
        section["by_title"] = t(lang, "group_subgroups", field=field_name(m.by, lang))
        section["by_heads"] = [
            t(lang, "factor"),
            *(f"{group_label(g.key, False, lang)} (n = {g.people})" for g in m.groups),
        ]
        for i, s in enumerate(q.scales):
            cells = [localize(s.name, lang)]
            for g in m.groups:
                gap = g.gaps[i]
                if gap.hidden is not None:
                    used.add(gap.hidden)
                    cells.append(marks[gap.hidden])
                else:
                    cells.append(f"{number(gap.mean, lang, signed=True)} ({t(lang, f'fb_verdict_{gap.reading}')})")
            section["by_rows"].append(cells)
        section["by_notes"] = [
            t(lang, f"sog_note_{code}", n=m.min_group) for code in ("fewer", "complementary", "none") if code in used
        ]
    return section


# ------------------------------------------------------------------------------ the commands' call


def read_ratings(refs: Sequence[str], min_group: int, lang: str) -> tuple[list[Rating], list[str]]:
    """``--ratings``: every rating in ``refs``, and the lines saying what was left out.

    Refused below ``--min-group 3``: a group's mean gap over fewer people could be one person's.
    """
    from kamtrust.errors import UsageError
    from kamtrust.results.ratingset import collect_all
    from kamtrust.safetext import visible

    if min_group < MIN_RATERS:
        raise UsageError(t(lang, "sog_min_group", found=min_group, min=MIN_RATERS))
    found = collect_all(refs)
    lines = [visible(t(lang, "fb_left_out", file=f, why=why)) for f, why in found.left_out]
    if found.duplicates:
        lines.append(t(lang, "fb_duplicates", n=found.duplicates))
    if not found.ratings:
        from kamtrust.errors import KamtrustError

        raise KamtrustError(t(lang, "sog_no_ratings", refs=", ".join(refs)))
    return found.ratings, lines


def section(
    ratings: Sequence[Rating],
    q: Questionnaire,
    version: str,
    scored: Sequence[Scored],
    *,
    min_group: int,
    by: str | None,
    lang: str,
) -> tuple[SelfOtherGroup, list[str]]:
    """The section for one questionnaire's people, and the lines for stderr."""
    paired = pair(q, version, scored, ratings, min_group=min_group, by=by)
    return paired.model, stderr_lines(paired, lang)


def with_self_other(model: Any, gaps: SelfOtherGroup | None, q: Questionnaire, lang: str) -> Any:
    """The group report ``model`` with its self-other section (unchanged without ``--ratings``)."""
    if gaps is None:
        return model
    from dataclasses import replace

    return replace(model, self_other=html_section(gaps, q, lang))
