"""The self–other report as people read it: one view, in one language, for every format.

:func:`build_view` turns the engine's :class:`~kamtrust.engine.selfother.SelfOther` into texts
and numbers in ``lang``; :func:`to_text`, :func:`to_markdown` and :func:`to_json` are pure
functions from it (HTML: :mod:`kamtrust.report.selfother_html`). No figure describes fewer
raters than the threshold (the engine decided), and no rater's name appears anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from kamtrust.engine import selfother as so_engine
from kamtrust.engine.raters import MANAGER_WITHHELD, OTHERS
from kamtrust.engine.selfother import ALL, SelfOther
from kamtrust.i18n import t
from kamtrust.present import date, number
from kamtrust.profile_notes import factor_advice
from kamtrust.questionnaire.model import ROLE_IDS, Questionnaire, localize
from kamtrust.report.personal import BandView, bands_of
from kamtrust.results.document import Result

SCHEMA = "kamtrust.self-other/1"


@dataclass(frozen=True)
class Column:
    """A group of raters shown as a column (or ALL, every rater shown)."""

    id: str
    label: str
    n: int


@dataclass(frozen=True)
class CellView:
    value: float | None
    n: int
    text: str
    """The figure, or why there is none ('—', 'hidden', 'not rated')."""


@dataclass(frozen=True)
class RowView:
    id: str
    kind: str
    name: str
    self_score: float | None
    self_band: BandView | None
    cells: tuple[CellView, ...]
    """One per column, ALL last."""
    others: CellView
    others_band: BandView | None
    gap: float | None
    margin: float | None
    verdict: str | None
    verdict_text: str


@dataclass(frozen=True)
class StatementView:
    item_id: str
    scale: str
    text: str
    reverse: bool
    self_answer: int
    others_mean: float
    n: int
    gap: float
    direction: str


@dataclass(frozen=True)
class LeverView:
    factor: str
    name: str
    others_score: float
    band: BandView | None
    diagnosis: str
    levers: tuple[str, ...]


@dataclass(frozen=True)
class PointView:
    proximity: float | None
    perspective: float | None
    zone: str | None
    zone_label: str


@dataclass(frozen=True)
class SelfOtherView:
    """Everything a self–other report shows, in one language."""

    lang: str
    title: str
    name: str | None
    account: str | None
    date: str
    questionnaire: str
    columns: tuple[Column, ...]
    rows: tuple[RowView, ...]
    self_overall: float | None
    others_overall: float | None
    self_point: PointView | None
    others_point: PointView | None
    threshold: float | None
    self_development: tuple[str, ...]
    others_development: tuple[str, ...]
    levers: tuple[LeverView, ...]
    statements: tuple[StatementView, ...]
    notes: tuple[str, ...]
    """Who is shown how, what is withheld and why (plain sentences)."""
    method: str
    """How a gap is judged clear."""
    bands: tuple[BandView, ...]
    raters_shown: int
    min_raters: int

    @property
    def factors(self) -> tuple[RowView, ...]:
        return tuple(r for r in self.rows if r.kind == "factor")

    @property
    def poles(self) -> tuple[RowView, ...]:
        return tuple(r for r in self.rows if r.kind == "pole")

    @property
    def blind_spots(self) -> tuple[RowView, ...]:
        return tuple(r for r in self.rows if r.verdict == so_engine.BLIND_SPOT)

    @property
    def hidden_strengths(self) -> tuple[RowView, ...]:
        return tuple(r for r in self.rows if r.verdict == so_engine.HIDDEN_STRENGTH)


def group_label(gid: str, lang: str, n: int = 2) -> str:
    """'Clientes', 'Otros (agrupados)', 'Todos los evaluadores': a column's heading."""
    if gid == ALL:
        text = t(lang, "fb_all_raters")
    elif gid == OTHERS:
        text = t(lang, "fb_role_others")
    else:
        text = t(lang, f"fb_roles_{gid}" if n != 1 else f"fb_role_{gid}")
    return text[:1].upper() + text[1:]


def who(roles_counts: list[tuple[str, int]], lang: str) -> str:
    """'2 clientes y 1 colega' / '2 clients and 1 peer'."""
    parts = [f"{n} {t(lang, f'fb_role_{r}' if n == 1 else f'fb_roles_{r}')}" for r, n in roles_counts]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t(lang, "fb_and") + parts[-1]


def build_view(
    q: Questionnaire, result: Result, so: SelfOther, lang: str, role_counts: dict[str, int], extra: tuple[str, ...] = ()
) -> SelfOtherView:
    """The report in ``lang`` (``role_counts``: ratings read per role, for the notes)."""
    bands = bands_of(q, lang)

    def band(bid: str | None) -> BandView | None:
        return next((b for b in bands if b.id == bid), None)

    columns = [Column(g.id, group_label(g.id, lang, g.n), g.n) for g in so.plan.groups]
    shown_total = sum(c.n for c in columns)
    if len(columns) > 1:
        columns.append(Column(ALL, group_label(ALL, lang), shown_total))

    def cell(c: so_engine.Cell) -> CellView:
        if c.hidden is None:
            return CellView(c.mean, c.n, number(c.mean, lang))
        return CellView(None, 0, t(lang, f"fb_cell_{c.hidden}"))

    def counted(c: CellView, n: int) -> CellView:
        # The column head gives the raters read; a cell with fewer scores says its own n.
        return replace(c, text=f"{c.text} (n={c.n})") if c.value is not None and c.n != n else c

    rows = []
    for r in so.scales:
        s = q.find_scale(r.id)
        cells = [counted(cell(r.groups[g.id]), g.n) for g in so.plan.groups]
        if len(columns) > 1:
            cells.append(counted(cell(r.others), shown_total))
        rows.append(
            RowView(
                r.id,
                r.kind,
                localize(s.name, lang),
                r.self_score,
                band(r.self_band),
                tuple(cells),
                cell(r.others),
                band(r.others_band),
                r.gap,
                r.margin,
                r.verdict,
                t(lang, f"fb_verdict_{r.verdict}") if r.verdict else "—",
            )
        )
    names = {s.id: localize(s.name, lang) for s in q.scales}
    # The one builder of "factors with their advice" (kamtrust.profile_notes), by the raters' band.
    picks = [(lv.factor, lv.others_score, lv.band) for lv in so.levers]
    levers = [
        LeverView(a.id, a.name, lv.others_score, band(a.band), a.diagnosis, a.levers)
        for lv, a in zip(so.levers, factor_advice(q, picks, lang), strict=True)
    ]
    statements = tuple(
        StatementView(
            s.item_id,
            names[s.scale_id],
            localize(q.items[s.item_id].text, lang),
            s.reverse,
            s.self_answer,
            s.others.mean or 0.0,
            s.others.n,
            s.gap,
            t(lang, "fb_dir_self_higher" if s.gap > 0 else "fb_dir_others_higher"),
        )
        for s in so.statements
    )
    zones = q.distance.zones if q.distance else {}

    def point(p: so_engine.Point | None) -> PointView | None:
        if p is None:
            return None
        label = localize(zones[p.zone].label, lang) if p.zone is not None and p.zone in zones else t(lang, "not_scored")
        return PointView(p.proximity, p.perspective, p.zone, label)

    notes = list(_notes(so, lang, role_counts)) + list(extra)
    p = result.participant
    return SelfOtherView(
        lang=lang,
        title=t(lang, "fb_report_title"),
        name=p.name,
        account=p.account,
        date=date(result.created_at, lang),
        questionnaire=f"{q.id} {q.version}",
        columns=tuple(columns),
        rows=tuple(rows),
        self_overall=so.self_overall,
        others_overall=so.others_overall,
        self_point=point(so.self_point),
        others_point=point(so.others_point),
        threshold=q.distance.threshold if q.distance else None,
        self_development=tuple(names[f] for f in so.self_development),
        others_development=tuple(names[f] for f in so.others_development),
        levers=tuple(levers),
        statements=statements,
        notes=tuple(notes),
        method=t(lang, "fb_method", floor=number(so_engine.floor_margin(q, 6), lang), min=so.plan.min_raters),
        bands=bands,
        raters_shown=shown_total,
        min_raters=so.plan.min_raters,
    )


def _notes(so: SelfOther, lang: str, role_counts: dict[str, int]) -> list[str]:
    plan = so.plan
    out = []
    read = [(r, role_counts[r]) for r in ROLE_IDS if role_counts.get(r)]
    if not read:
        return [t(lang, "fb_no_ratings")]
    out.append(t(lang, "fb_note_read", who=who(read, lang), shown=sum(g.n for g in plan.groups)))
    for g in plan.groups:
        if g.id == OTHERS:
            out.append(
                t(lang, "fb_note_pooled", who=who([(r, role_counts[r]) for r in g.roles], lang), min=plan.min_raters)
            )
        elif g.id == "manager":
            out.append(t(lang, "fb_note_manager_alone"))
    if plan.manager_withheld:
        out.append(t(lang, "fb_note_manager_withheld"))
    for w in plan.withheld:
        if w.code == MANAGER_WITHHELD:
            continue
        out.append(t(lang, "fb_note_withheld", who=who([(r, role_counts[r]) for r in w.roles], lang), min=w.min_raters))
    return out


# --------------------------------------------------------------------------- text and Markdown


def _header_line(v: SelfOtherView) -> str:
    parts = [
        f"{t(v.lang, 'participant')}: {v.name}" if v.name else None,
        f"{t(v.lang, 'account')}: {v.account}" if v.account else None,
        f"{t(v.lang, 'fb_self_date')}: {v.date}",
    ]
    return " · ".join(p for p in parts if p)


def to_text(v: SelfOtherView, width: int = 80) -> str:
    """For the terminal: plain lines that fit ``width`` columns."""
    import textwrap

    lang = v.lang
    out = [v.title, _header_line(v), ""]
    col_w = 10
    heads = [t(lang, "fb_self_short")] + [t(lang, f"fb_short_{c.id}") for c in v.columns] + [t(lang, "fb_gap")]
    counts = [""] + [f"n={c.n}" for c in v.columns] + [""]
    label_w = max(12, min(max(len(r.name) for r in v.rows) + 1, width - col_w * len(heads) - 2))
    first, second = zip(*(_two_lines(h, col_w - 1) for h in heads), strict=True)
    for line in (first, second, counts):
        if any(line):
            out.append((" " * label_w + "".join(x.rjust(col_w) for x in line)).rstrip())
    for r in v.rows:
        if r.kind == "pole" and r is v.poles[0]:
            out.append("")
        cells = [number(r.self_score, lang)] + [_short(c, lang) for c in r.cells] + [number(r.gap, lang, signed=True)]
        mark = {"blind_spot": " !", "hidden_strength": " +"}.get(r.verdict or "", "")
        # A long name wraps under itself rather than lose its end.
        name_lines = textwrap.wrap(r.name, label_w - 1) or [""]
        out.append(name_lines[0].ljust(label_w) + "".join(_cut(c, col_w - 1).rjust(col_w) for c in cells) + mark)
        if len(name_lines) > 1:
            out += ["  " + line for line in textwrap.wrap(" ".join(name_lines[1:]), label_w - 3)]
    if v.self_overall is not None or v.others_overall is not None:
        out.append(
            _cut(t(lang, "overall"), label_w - 1).ljust(label_w)
            + number(v.self_overall, lang).rjust(col_w)
            + " " * col_w * (len(v.columns) - 1)
            + number(v.others_overall, lang).rjust(col_w)
        )
    out.append("")
    out += _wrapped([t(lang, "fb_marks_text")], width)
    out += _wrapped(_verdict_lines(v), width)
    if v.self_point is not None and v.others_point is not None:
        out.append("")
        out.append(t(lang, "distance_title"))
        out.append(
            f"  {t(lang, 'fb_self')}: {v.self_point.zone_label} ({number(v.self_point.proximity, lang)} / {number(v.self_point.perspective, lang)})"
        )
        out.append(
            f"  {t(lang, 'fb_all_raters')}: {v.others_point.zone_label} ({number(v.others_point.proximity, lang)} / {number(v.others_point.perspective, lang)})"
        )
    if v.statements:
        out.append("")
        out.append(t(lang, "fb_statements_title"))
        for s in v.statements:
            head = f"  {s.self_answer} / {number(s.others_mean, lang)} (n={s.n}) {s.direction}{' (R)' if s.reverse else ''}:"
            out.append(head)
            out += textwrap.wrap(s.text, width, initial_indent="    ", subsequent_indent="    ")
        out += _wrapped([t(lang, "fb_statements_note")], width)
    out.append("")
    out.append(t(lang, "fb_development_self", areas=", ".join(v.self_development) or "—"))
    out.append(t(lang, "fb_development_others", areas=", ".join(v.others_development) or "—"))
    for lv in v.levers:
        out.append(f"  {lv.name} ({number(lv.others_score, lang)}{', ' + lv.band.label if lv.band else ''})")
        out += textwrap.wrap(lv.diagnosis, width, initial_indent="    ", subsequent_indent="    ")
        for x in lv.levers:
            out += textwrap.wrap(x, width, initial_indent="    - ", subsequent_indent="      ")
    out.append("")
    out += _wrapped(list(v.notes), width)
    out += _wrapped([v.method], width)
    return "\n".join(out).rstrip() + "\n"


def _verdict_lines(v: SelfOtherView) -> list[str]:
    lang = v.lang
    lines = []
    if v.blind_spots:
        lines.append(t(lang, "fb_blind_spots", names=", ".join(r.name for r in v.blind_spots)))
    if v.hidden_strengths:
        lines.append(t(lang, "fb_hidden_strengths", names=", ".join(r.name for r in v.hidden_strengths)))
    if not lines and any(r.gap is not None for r in v.rows):
        lines.append(t(lang, "fb_no_clear_gaps"))
    return lines


def _short(c: CellView, lang: str) -> str:
    """A cell in a terminal column: "89,6 (3)" for n=3, "—" for no score (the legend says so)."""
    if c.value is None:
        return "—" if c.text == t(lang, "fb_cell_none") else c.text
    return c.text.replace(" (n=", " (")


def _wrapped(paragraphs: list[str], width: int) -> list[str]:
    import textwrap

    out = []
    for p in paragraphs:
        out += textwrap.wrap(p, width) or [""]
    return out


def _two_lines(text: str, n: int) -> tuple[str, str]:
    """A column heading on two lines of at most ``n`` characters (words kept whole when they fit)."""
    words = text.split()
    first = words.pop(0) if words else ""
    while words and len(first) + 1 + len(words[0]) <= n:
        first += " " + words.pop(0)
    return _cut(first, n), _cut(" ".join(words), n)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _md(text: str) -> str:
    """Text from a file, safe in a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(v: SelfOtherView) -> str:
    """Markdown with the figures as tables."""
    lang = v.lang
    out = [f"# {v.title}", "", _md(_header_line(v)), ""]
    heads = [t(lang, "factor"), t(lang, "fb_self")] + [f"{c.label} (n={c.n})" for c in v.columns]
    heads += [t(lang, "fb_gap"), t(lang, "fb_margin"), t(lang, "fb_reading")]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" + "---:|" * (len(heads) - 2) + "---|")
    for r in v.rows:
        cells = [_md(r.name), number(r.self_score, lang)] + [c.text for c in r.cells]
        cells += [number(r.gap, lang, signed=True), number(r.margin, lang), r.verdict_text]
        out.append("| " + " | ".join(cells) + " |")
    out.append(
        "| "
        + " | ".join(
            [t(lang, "overall"), number(v.self_overall, lang)]
            + [""] * (len(v.columns) - 1)
            + [number(v.others_overall, lang), "", "", ""]
        )
        + " |"
    )
    out.append("")
    out += _verdict_lines(v)
    if v.self_point is not None and v.others_point is not None:
        out += ["", f"## {t(lang, 'distance_title')}", ""]
        out.append(
            f"- {t(lang, 'fb_self')}: {v.self_point.zone_label} ({number(v.self_point.proximity, lang)} / {number(v.self_point.perspective, lang)})"
        )
        out.append(
            f"- {t(lang, 'fb_all_raters')}: {v.others_point.zone_label} ({number(v.others_point.proximity, lang)} / {number(v.others_point.perspective, lang)})"
        )
    if v.statements:
        out += ["", f"## {t(lang, 'fb_statements_title')}", ""]
        out.append(f"| {t(lang, 'fb_print_statement')} | {t(lang, 'fb_self')} | {t(lang, 'fb_all_raters')} | n | |")
        out.append("|---|---:|---:|---:|---|")
        for s in v.statements:
            out.append(
                f"| {_md(s.text)}{' (R)' if s.reverse else ''} | {s.self_answer} | {number(s.others_mean, lang)} | {s.n} | {s.direction} |"
            )
        out += ["", _md(t(lang, "fb_statements_note"))]
    out += ["", f"## {t(lang, 'fb_development_title')}", ""]
    out.append("- " + t(lang, "fb_development_self", areas=", ".join(v.self_development) or "—"))
    out.append("- " + t(lang, "fb_development_others", areas=", ".join(v.others_development) or "—"))
    for lv in v.levers:
        out += [
            "",
            f"### {_md(lv.name)} ({number(lv.others_score, lang)}{', ' + lv.band.label if lv.band else ''})",
            "",
        ]
        if lv.diagnosis:
            out += [_md(lv.diagnosis), ""]
        out += [f"- {_md(x)}" for x in lv.levers]
    out += ["", f"## {t(lang, 'fb_about_title')}", ""]
    out += [f"- {n}" for n in v.notes]
    out += [f"- {v.method}"]
    return "\n".join(out).rstrip() + "\n"


def to_json(v: SelfOtherView, so: SelfOther) -> str:
    """The report as a document for scripts: figures, reason codes and the texts of the notes."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "language": v.lang,
        "participant": {"name": v.name, "account": v.account},
        "questionnaire": v.questionnaire,
        "min_raters": so.plan.min_raters,
        "groups": [{"id": g.id, "roles": list(g.roles), "n": g.n} for g in so.plan.groups],
        "withheld": [{"roles": list(w.roles), "n": w.n, "reason": w.code} for w in so.plan.withheld],
        "scales": [
            {
                "id": r.id,
                "kind": r.kind,
                "self": r.self_score,
                "groups": {gid: _cell_json(c) for gid, c in r.groups.items()},
                "all_raters": _cell_json(r.others),
                "gap": r.gap,
                "margin": r.margin,
                "reading": r.verdict,
            }
            for r in so.scales
        ],
        "overall": {"self": so.self_overall, "all_raters": so.others_overall},
        "distance": None
        if so.self_point is None or so.others_point is None
        else {
            "self": {
                "proximity": so.self_point.proximity,
                "perspective": so.self_point.perspective,
                "zone": so.self_point.zone,
            },
            "all_raters": {
                "proximity": so.others_point.proximity,
                "perspective": so.others_point.perspective,
                "zone": so.others_point.zone,
            },
        },
        "statements": [
            {
                "item": s.item_id,
                "self": s.self_answer,
                "all_raters": {"n": s.others.n, "mean": s.others.mean},
                "gap": s.gap,
            }
            for s in so.statements
        ],
        "development": {"self": list(so.self_development), "all_raters": list(so.others_development)},
        "levers": [{"factor": lv.factor, "all_raters": lv.others_score, "band": lv.band} for lv in so.levers],
        "notes": list(v.notes),
        "method": v.method,
    }
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def _cell_json(c: so_engine.Cell) -> dict[str, Any]:
    if c.hidden is not None:
        return {"hidden": c.hidden}
    return {"n": c.n, "mean": c.mean, "sd": c.sd}
