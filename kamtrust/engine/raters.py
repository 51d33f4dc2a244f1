"""Raters (issue 13): what a role can rate, and which groups of raters may be shown (pure).

A role's rating is scored with MODEL.md's rules unchanged: its answers are only the items the
role can observe, and a scale is scored when at least ⅔ of *all* its items are answered (the
questionnaire's validation makes sure a role observes enough of them, or none).

Anonymity of raters: a group of raters is shown only with at least ``min_raters`` (3 or more)
people. A client or peer role with fewer than MIN_RATERS (3) raters goes into a pool, "others",
shown when the pool reaches ``min_raters``; otherwise its ratings are withheld, and they enter
no figure at all, not even the total, so no shown figure minus another can give them away.

The blocks (each role of 3 or more, the manager, the pool) do not depend on ``min_raters`` or
on ``manager_alone``: those switches only decide which blocks are shown. So two reports of the
same ratings with different switches show unions of the same blocks, and no difference of
their figures isolates a withheld role. That is why the manager is never pooled: shown alone
when allowed, withheld otherwise (pooled, "others" minus the manager shown alone in a second
run would give the other pooled raters away).
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
MANAGER_WITHHELD = "manager_withheld"
"""Withheld: the manager's ratings, because showing them alone was not allowed (never pooled)."""


ACCOUNT_MANAGER = {"es": "quien gestiona la cuenta", "en": "the account manager"}
"""How observer texts name the rated person; :func:`rater_questionnaire` puts their name there."""


def named(texts: Mapping[str, str], kam: str | None) -> dict[str, str]:
    """Observer texts with the rated person's name for "quien gestiona la cuenta" (a noun phrase)."""
    out = dict(texts)
    if not kam:
        return out
    for lang, text in out.items():
        phrase = ACCOUNT_MANAGER.get(lang)
        if phrase is None:
            continue
        if lang == "en":
            text = text.replace(f"{phrase}'s", f"{kam}'s").replace(f"The {phrase[4:]}'s", f"{kam}'s")
        text = text.replace(phrase, kam).replace(phrase[0].upper() + phrase[1:], kam)
        out[lang] = text
    return out


def rater_questionnaire(q: Questionnaire, role: str, kam: str | None = None) -> Questionnaire:
    """``q`` as a rater in ``role`` sees it: the items the role can rate, in the third person.

    Same id and version (a rating names the questionnaire it answers); scales without an item for
    the role are dropped, and so is the distance section unless both poles keep items. Score
    ratings with ``q`` itself, never with this view: the ⅔ rule counts all of a scale's items.
    ``kam``: the rated person's name, said in every statement instead of "the account manager"
    (the form and its import must use the same name, so that the columns match the statements).
    """

    def keep(s: Scale) -> Scale:
        items = tuple(
            replace(i, text=named(i.observer, kam) if i.observer else i.text) for i in s.items if role in i.observers
        )
        return replace(s, items=items)

    factors = tuple(f for f in map(keep, q.factors) if f.items)
    distance = q.distance
    if distance is not None:
        prox, persp = keep(distance.proximity), keep(distance.perspective)
        distance = Distance(distance.threshold, prox, persp, distance.zones) if prox.items and persp.items else None
    return replace(q, factors=factors, distance=distance, intro=None, account=None)


def not_rated(q: Questionnaire, role: str, answers: Mapping[str, object]) -> list[str]:
    """The items answered that a rater in ``role`` cannot have given (the role does not rate them)."""
    return [iid for iid in answers if iid in q.items and role not in q.items[iid].observers]


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
    """FEWER or MANAGER_WITHHELD."""
    min_raters: int


@dataclass(frozen=True)
class GroupPlan:
    """Which raters are shown, in which groups; which are withheld."""

    groups: tuple[RaterGroup, ...]
    withheld: tuple[Withheld, ...]
    manager_withheld: bool
    """The manager rated and was withheld (not allowed alone)."""
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
    withheld: list[Withheld] = []
    pool: list[str] = []
    for role in ROLE_IDS:
        n = counts.get(role, 0)
        if n <= 0:
            continue
        if role == "manager":
            if manager_alone:
                groups.append(RaterGroup(role, (role,), n))
            else:
                withheld.append(Withheld((role,), n, MANAGER_WITHHELD, min_raters))
        elif n < MIN_RATERS:  # the floor, not min_raters: the pool must not change with the switch
            pool.append(role)
        elif n >= min_raters:
            groups.append(RaterGroup(role, (role,), n))
        else:
            withheld.append(Withheld((role,), n, FEWER, min_raters))
    pooled_n = sum(counts[r] for r in pool)
    if pool and pooled_n >= min_raters:
        groups.append(RaterGroup(OTHERS, tuple(pool), pooled_n))
    elif pool:
        withheld.append(Withheld(tuple(pool), pooled_n, FEWER, min_raters))
    return GroupPlan(
        tuple(groups),
        tuple(withheld),
        manager_withheld=not manager_alone and counts.get("manager", 0) > 0,
        min_raters=min_raters,
        manager_alone=manager_alone,
    )
