"""Raters (issue 13): what a role can rate, and which groups of raters may be shown (pure).

A role's rating is scored with MODEL.md's rules unchanged: its answers are only the items the
role can observe, and a scale is scored when at least ⅔ of *all* its items are answered (the
questionnaire's validation makes sure a role observes enough of them, or none).

Anonymity of raters: a group of raters is shown only with at least ``min_raters`` (3 or more)
people. A role that is smaller (and the manager, unless showing the manager alone was allowed
explicitly) goes into a pool, "others", shown when the pool reaches ``min_raters``; otherwise
its ratings are withheld, and they enter no figure at all, not even the total, so no shown
figure minus another can give them away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kamtrust.questionnaire.model import ROLE_IDS, Distance, Questionnaire, Scale

MIN_RATERS = 3
"""The fewest raters a shown figure may describe; configurable upward only."""
OTHERS = "others"
"""The pooled group of the roles too small to be shown on their own."""
FEWER = "fewer"
"""Withheld: fewer than min_raters raters in the role and in the pool."""
MANAGER_POOLED = "manager_pooled"
"""The manager's ratings pooled with others because showing them alone was not allowed."""


def rater_questionnaire(q: Questionnaire, role: str) -> Questionnaire:
    """``q`` as a rater in ``role`` sees it: the items the role can rate, in the third person.

    Same id and version (a rating names the questionnaire it answers); scales without an item for
    the role are dropped, and so is the distance section unless both poles keep items. Score
    ratings with ``q`` itself, never with this view: the ⅔ rule counts all of a scale's items.
    """

    def keep(s: Scale) -> Scale:
        items = tuple(replace(i, text=i.observer or i.text) for i in s.items if role in i.observers)
        return replace(s, items=items)

    factors = tuple(f for f in map(keep, q.factors) if f.items)
    distance = q.distance
    if distance is not None:
        prox, persp = keep(distance.proximity), keep(distance.perspective)
        distance = Distance(distance.threshold, prox, persp, distance.zones) if prox.items and persp.items else None
    return replace(q, factors=factors, distance=distance, intro=None, account=None)


def rating_problems(q: Questionnaire, role: str, answers: Mapping[str, object]) -> list[str]:
    """Answers a rater in ``role`` cannot have given: items the role does not rate."""
    return [
        f"'{iid}' is not rated by the role '{role}'"
        for iid in answers
        if iid in q.items and role not in q.items[iid].observers
    ]


@dataclass(frozen=True)
class RaterGroup:
    """A group of raters whose figures may be shown."""

    id: str
    """A role id, or OTHERS for the pool."""
    roles: tuple[str, ...]
    n: int


@dataclass(frozen=True)
class Withheld:
    """Ratings that enter no figure, and why."""

    roles: tuple[str, ...]
    n: int
    code: str
    """FEWER."""
    min_raters: int


@dataclass(frozen=True)
class GroupPlan:
    """Which raters are shown, in which groups; which are withheld."""

    groups: tuple[RaterGroup, ...]
    withheld: tuple[Withheld, ...]
    manager_pooled: bool
    """The manager rated and was pooled (not allowed alone)."""
    min_raters: int
    manager_alone: bool

    def group_of(self, role: str) -> str | None:
        """The shown group a role's raters belong to; None when withheld."""
        for g in self.groups:
            if role in g.roles:
                return g.id
        return None


def plan_groups(counts: Mapping[str, int], min_raters: int = MIN_RATERS, manager_alone: bool = False) -> GroupPlan:
    """Decide the shown groups from the number of raters per role.

    ``manager_alone``: the questionnaire or the command allows the manager's role on its own,
    whatever its size (raters were told so in the form). Raises ValueError below MIN_RATERS.
    """
    if min_raters < MIN_RATERS:
        raise ValueError(f"min_raters must be at least {MIN_RATERS}")
    groups: list[RaterGroup] = []
    pool: list[str] = []
    for role in ROLE_IDS:
        n = counts.get(role, 0)
        if n <= 0:
            continue
        if role == "manager":
            if manager_alone:
                groups.append(RaterGroup(role, (role,), n))
            else:
                pool.append(role)
        elif n >= min_raters:
            groups.append(RaterGroup(role, (role,), n))
        else:
            pool.append(role)
    withheld: list[Withheld] = []
    pooled_n = sum(counts[r] for r in pool)
    if pool and pooled_n >= min_raters:
        groups.append(RaterGroup(OTHERS, tuple(pool), pooled_n))
    elif pool:
        withheld.append(Withheld(tuple(pool), pooled_n, FEWER, min_raters))
    return GroupPlan(
        tuple(groups),
        tuple(withheld),
        manager_pooled="manager" in pool and counts.get("manager", 0) > 0,
        min_raters=min_raters,
        manager_alone=manager_alone,
    )
