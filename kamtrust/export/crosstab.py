"""The XLSX factor × subgroup sheet of ``group summary --by account|cohort``: one row per
factor, pole and the overall index, one column per subgroup (after the whole group), the means
as numbers, so that a trainer can chart it without a pivot table.

It only rearranges the summary's figures, already masked for anonymity: a hidden figure stays
an empty cell, with the reason in a comment on the cell and in the row's last column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kamtrust.engine.group import GroupStats, GroupSummary, Stats
from kamtrust.export.reasons import empty, field_name, reason
from kamtrust.export.views import Cell, View, group_label, r, scale_name
from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire

SPLITS = ("account", "cohort")
"""The ``--by`` fields that get the sheet."""


@dataclass(frozen=True)
class NotedView(View):
    """A view whose empty cells carry a note (an XLSX comment): ``(row, column) -> text``,
    counted in ``rows`` and ``header`` (row 0 is the first data row)."""

    notes: Mapping[tuple[int, int], str] = field(default_factory=dict)


def _why(g: GroupStats, st: Stats | None, lang: str, by: str | None) -> str | None:
    """Why a mean is not shown (hidden, or nobody answered); None when it is."""
    if g.suppressed:
        return reason(g.hidden, lang, by)
    if st is None:
        return empty("no_answers", lang)
    if st.suppressed:
        return reason(st.hidden, lang, by)
    if st.n == 0 or st.mean is None:
        return empty("no_answers", lang)
    return None


def subgroup_view(summary: GroupSummary, q: Questionnaire, lang: str) -> NotedView | None:
    """The sheet, or None when the summary is not split by account or cohort."""
    by = summary.by
    if by not in SPLITS:
        return None
    groups = [(t(lang, "gx_total"), summary.total), *((group_label(g.key, lang=lang), g) for g in summary.groups)]
    scales = [*(f.id for f in q.factors)]
    if q.distance is not None:
        scales += [q.distance.proximity.id, q.distance.perspective.id]
    scales.append("overall")
    rows: list[tuple[Cell, ...]] = []
    notes: dict[tuple[int, int], str] = {}
    for n, sid in enumerate(scales):
        cells: list[Cell] = []
        told: list[str] = []
        for col, (label, g) in enumerate(groups, start=1):
            st = None if g.suppressed else g.stat(sid)
            why = _why(g, st, lang, by)
            if why is None and st is not None:
                cells.append(r(st.mean))
            else:
                cells.append(None)
                notes[(n, col)] = why or ""
                told.append(f"{label}: {why}")
        rows.append((scale_name(q, sid, lang), *cells, sid, "; ".join(told)))
    header = (
        t(lang, "xt_h_scale"),
        *(label for label, _ in groups),
        t(lang, "xt_h_id"),
        t(lang, "xt_h_note"),
    )
    return NotedView(t(lang, f"xt_v_{by}"), t(lang, "xt_title", field=field_name(by, lang)), header, rows, notes)
