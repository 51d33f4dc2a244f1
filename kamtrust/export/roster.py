"""The trainer's roster: one row per person with every score and the distance zone.

Unlike every other group output this one names people, so it is made only when the trainer
asks for names (``kamtrust group roster --with-names``) and it says that it must not be handed
out. A score withheld under the two-thirds rule is empty with a note, never 0. The model is
built once (:func:`build_roster`); each format is a function of it: :func:`roster_views`
(CSV, XLSX), :func:`roster_markdown`, :func:`roster_to_dict` (``kamtrust.roster/1``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.group import Scored
from kamtrust.export.views import Cell, View, r, scale_name, zone_name
from kamtrust.export.words import decimal_mark
from kamtrust.i18n import plural, t
from kamtrust.present import date as local_date
from kamtrust.questionnaire.model import Questionnaire

SCHEMA = "kamtrust.roster/1"
SORTS = ("name", "account", "cohort", "date", "overall")
"""Row orders; ``name`` is the default, ``overall`` puts the lowest index first (who to see first)."""


@dataclass(frozen=True)
class Withheld:
    """A scale left without a score: too few of its items answered (MODEL.md rule 3)."""

    answered: int
    items: int
    needed: int


@dataclass(frozen=True)
class Person:
    """One row of the roster."""

    id: str | None
    name: str | None
    account: str | None
    cohort: str | None
    when: str
    """When the result was saved, UTC, sortable (``Scored.when``); '' when unknown."""
    file: str
    """The result file's name (without its folder), as the trainer received it."""
    scores: Mapping[str, float | None]
    """Factor and pole ids, in the questionnaire's order -> score at full precision, or None."""
    overall: float | None
    zone: str | None
    withheld: Mapping[str, Withheld]
    """The scales in ``scores`` left without a score, and how many answers they had."""


@dataclass(frozen=True)
class Roster:
    """Every person of one questionnaire's results, in the order asked for."""

    questionnaire_id: str
    questionnaire_version: str
    sort: str
    """One of SORTS."""
    people: tuple[Person, ...]
    scales: tuple[str, ...]
    """Factor ids then pole ids, in the questionnaire's order: the score columns."""


def _last(text: str | None) -> tuple[bool, str]:
    """Sort key of a text: missing ones last, case ignored."""
    return (not text, (text or "").casefold())


def _order(sort: str) -> Callable[[Person], tuple[Any, ...]]:
    def by_name(p: Person) -> tuple[Any, ...]:
        return (*_last(p.name), *_last(p.account), p.when, p.file)

    if sort == "account":
        return lambda p: (*_last(p.account), *by_name(p))
    if sort == "cohort":
        return lambda p: (*_last(p.cohort), *by_name(p))
    if sort == "date":
        return lambda p: (not p.when, p.when, *by_name(p))
    if sort == "overall":
        return lambda p: (p.overall is None, p.overall or 0.0, *by_name(p))
    return by_name


def build_roster(
    q: Questionnaire, scored: Sequence[Scored], file_of: Callable[[Scored], str], sort: str = "name"
) -> Roster:
    """One :class:`Person` per scored result (the collection already keeps one per person)."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    factors = tuple(f.id for f in q.factors)
    poles = (q.distance.proximity.id, q.distance.perspective.id) if q.distance is not None else ()
    people = []
    for s in scored:
        p = s.profile
        found = {**p.factors, **p.poles}
        scores: dict[str, float | None] = {}
        withheld: dict[str, Withheld] = {}
        for sid in (*factors, *poles):
            sc = found.get(sid)
            scores[sid] = None if sc is None else sc.score
            if sc is not None and sc.score is None:
                withheld[sid] = Withheld(sc.answered, sc.items, sc.needed)
        people.append(
            Person(
                s.fields.get("id"),
                s.fields.get("name"),
                s.fields.get("account"),
                s.fields.get("cohort"),
                s.when,
                file_of(s),
                scores,
                p.overall,
                p.distance.zone if p.distance is not None else None,
                withheld,
            )
        )
    people.sort(key=_order(sort))
    return Roster(q.id, q.version, sort, tuple(people), (*factors, *poles))


# ---------------------------------------------------------------- words shared by every format


def notes(person: Person, q: Questionnaire, lang: str) -> list[str]:
    """Why a score of ``person`` is empty, one phrase per empty score (none when all are scored)."""
    out = [
        t(lang, "roster_withheld", name=scale_name(q, sid, lang), answered=w.answered, items=w.items, needed=w.needed)
        for sid, w in person.withheld.items()
    ]
    if person.overall is None:
        out.append(t(lang, "roster_overall_withheld", name=scale_name(q, "overall", lang)))
    if q.distance is not None and person.zone is None:
        out.append(t(lang, "roster_zone_withheld"))
    return out


def headers(roster: Roster, q: Questionnaire, lang: str) -> tuple[str, ...]:
    """The roster's columns in ``lang``: who, when, which file, zone, overall, each scale, note."""
    return (
        *(t(lang, f"roster_h_{k}") for k in ("name", "account", "cohort", "date", "file", "zone")),
        scale_name(q, "overall", lang),
        *(scale_name(q, sid, lang) for sid in roster.scales),
        t(lang, "roster_h_note"),
    )


def rows(roster: Roster, q: Questionnaire, lang: str) -> list[tuple[Cell, ...]]:
    """One row per person; a score as a figure kept whole and shown to one decimal, or empty."""
    return [
        (
            p.name,
            p.account,
            p.cohort,
            local_date(p.when, lang) if p.when else None,
            p.file,
            zone_name(q, p.zone, lang) if p.zone else None,
            r(p.overall),
            *(r(p.scores[sid]) for sid in roster.scales),
            "; ".join(notes(p, q, lang)),
        )
        for p in roster.people
    ]


def _about(roster: Roster, lang: str) -> list[tuple[Cell, ...]]:
    return [
        (t(lang, "gx_a_questionnaire"), roster.questionnaire_id),
        (t(lang, "gx_a_version"), roster.questionnaire_version),
        (t(lang, "roster_a_people"), len(roster.people)),
        (t(lang, "roster_a_sort"), t(lang, f"roster_sort_{roster.sort}")),
        (t(lang, "gx_a_scores"), t(lang, "gx_a_scores_value")),
        (t(lang, "roster_a_empty"), t(lang, "roster_empty_rule")),
        (t(lang, "roster_a_warning"), t(lang, "roster_warning")),
    ]


# ---------------------------------------------------------------- formats


def warning(lang: str) -> str:
    """ "Do not hand it out": the CSV's first row, above the table, where a spreadsheet opens."""
    return t(lang, "roster_warning")


def roster_views(roster: Roster, q: Questionnaire, lang: str) -> list[View]:
    """The roster and an 'about' table: a CSV block each, an XLSX sheet each."""
    return [
        View(t(lang, "roster_v"), t(lang, "roster_title"), headers(roster, q, lang), rows(roster, q, lang)),
        View(
            t(lang, "gx_v_about"),
            t(lang, "gx_v_about_title"),
            (t(lang, "gx_h_field"), t(lang, "gx_h_value")),
            _about(roster, lang),
        ),
    ]


def roster_markdown(roster: Roster, q: Questionnaire, lang: str) -> str:
    """The roster as a Markdown page: the warning first, then the table and how to read it."""
    from kamtrust.export.markdown import table
    from kamtrust.safetext import md

    key = plural("roster_line", len(roster.people))
    out = [
        f"# {md(t(lang, 'roster_title'))}",
        "",
        md(t(lang, key, n=len(roster.people), id=roster.questionnaire_id, version=roster.questionnaire_version)),
        "",
        f"**{md(t(lang, 'roster_warning'))}**",
        "",
        *table(headers(roster, q, lang), rows(roster, q, lang), numeric_from=6, decimal=decimal_mark(lang)),
        "",
        md(t(lang, "roster_empty_rule")),
    ]
    return "\n".join(out) + "\n"


def roster_to_dict(roster: Roster, q: Questionnaire, lang: str, *, generated_at: str) -> dict[str, Any]:
    """The ``kamtrust.roster/1`` document: ids and full-precision scores for programs, with the
    zone's label and the notes in ``lang`` for people."""
    from kamtrust import __version__

    return {
        "schema": SCHEMA,
        "generated_at": generated_at,
        "tool": {"name": "kamtrust", "version": __version__},
        "questionnaire": {"id": roster.questionnaire_id, "version": roster.questionnaire_version},
        "language": lang,
        "warning": t(lang, "roster_warning"),
        "sort": roster.sort,
        "scales": {sid: scale_name(q, sid, lang) for sid in roster.scales},
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "account": p.account,
                "cohort": p.cohort,
                "saved_at": _utc(p.when),
                "file": p.file,
                "overall": p.overall,
                "scores": dict(p.scores),
                "zone": p.zone,
                "zone_label": zone_name(q, p.zone, lang) if p.zone else None,
                "withheld": {
                    sid: {"answered": w.answered, "items": w.items, "needed": w.needed} for sid, w in p.withheld.items()
                },
                "notes": notes(p, q, lang),
            }
            for p in roster.people
        ],
    }


def _utc(when: str) -> str | None:
    """``Scored.when`` (``2026-03-01T10:00:00.000000+00:00``) as kamtrust writes times: ``…Z``."""
    if not when:
        return None
    return when[:19] + "Z" if when.endswith("+00:00") else when
