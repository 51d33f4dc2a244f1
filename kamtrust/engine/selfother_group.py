"""The group's self–other gaps beside a group summary (issue 13 §5), per ``--by`` subgroup (pure).

Each person is compared with :func:`kamtrust.engine.selfother.compare` (a person counts at a
scale only when their "all raters" figure is shown there: at least ``min_raters`` raters, pooled
per the role rules); the group's mean gap is :func:`kamtrust.engine.selfother.group_gaps`. With
subgroups, a scale's figure in each subgroup is hidden as the group summary hides a mean
(:func:`kamtrust.engine.anonymity.plan_figure`): n × mean gap is a sum, so a lone hidden
subgroup, or hidden subgroups holding fewer than ``min_group`` people between them, would come
back as the total minus the shown ones; another subgroup is hidden too (complementary).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kamtrust.engine.anonymity import COMPLEMENTARY, plan_figure, sort_key
from kamtrust.engine.anonymity import FEWER as FIGURE_FEWER
from kamtrust.engine.selfother import FEWER, NONE, GroupGap, SelfOther, group_gaps
from kamtrust.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class GapGroup:
    """One value of ``--by``: its people, and its gap per scale (hidden ones say why)."""

    key: str | None
    people: int
    gaps: tuple[GroupGap, ...]


@dataclass(frozen=True)
class SelfOtherGroup:
    """The self–other section of a group summary: only aggregates, never a person's gap."""

    people: int
    """People in the summary."""
    rated: int
    """People with at least one rating read (shown or withheld)."""
    min_raters: int
    min_group: int
    by: str | None
    total: tuple[GroupGap, ...]
    groups: tuple[GapGroup, ...]


def _hide(g: GroupGap, code: str) -> GroupGap:
    return replace(g, n=0, mean=None, sd=None, margin=None, reading=None, hidden=code)


def summarize_gaps(
    q: Questionnaire,
    people: Sequence[tuple[str | None, SelfOther]],
    *,
    min_raters: int,
    min_group: int,
    by: str | None = None,
) -> SelfOtherGroup:
    """The group's mean gaps over ``people`` (each: its ``by`` value, its comparison)."""
    reports = [so for _, so in people]
    total = group_gaps(q, reports, min_group)
    groups: list[GapGroup] = []
    if by is not None:
        keys = sorted({k for k, _ in people}, key=sort_key)
        members = {k: [so for kk, so in people if kk == k] for k in keys}
        per_key = {k: list(group_gaps(q, members[k], min_group)) for k in keys}
        for i, s in enumerate(q.scales):

            def n_at(sos: list[SelfOther], sid: str = s.id) -> int:
                return sum(1 for so in sos for row in so.scales if row.id == sid and row.gap is not None)

            cells = {k: [n_at(members[k])] for k in keys}
            hidden, _whole = plan_figure(cells, [sum(c[0] for c in cells.values())], min_group)
            for k, why in hidden.items():
                if cells[k][0] > 0:
                    code = FEWER if why.code == FIGURE_FEWER else COMPLEMENTARY
                    per_key[k][i] = _hide(per_key[k][i], code)
        groups = [GapGroup(k, len(members[k]), tuple(per_key[k])) for k in keys]
    rated = sum(1 for _, so in people if so.raters)
    return SelfOtherGroup(len(people), rated, min_raters, min_group, by, total, tuple(groups))


__all__ = ["NONE", "GapGroup", "SelfOtherGroup", "summarize_gaps"]
