"""What the terminal details read from a profile: skipped items, the answers that cost a factor most.

The highest factors and development areas (MODEL.md rule 7) are kamtrust.profile_notes.standing,
shared with the reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kamtrust.engine.scoring import Profile, ScaleScore
from kamtrust.profile_notes import Standing, score_of, standing
from kamtrust.questionnaire.model import Item, Questionnaire, Scale

__all__ = ["Standing", "Unanswered", "order_for_details", "pulling_down", "standing", "unanswered"]


@dataclass(frozen=True)
class Unanswered:
    """A scale with skipped items: how many, and whether it could still be scored."""

    scale: Scale
    missing: int
    items: int
    scored: bool


def unanswered(q: Questionnaire, profile: Profile) -> list[Unanswered]:
    """Factors and poles with skipped items, in the questionnaire's order."""
    found = []
    for scale in q.scales:
        s: ScaleScore | None = (profile.factors if scale.kind == "factor" else profile.poles).get(scale.id)
        if s is None:
            continue
        items = s.items or len(scale.items)
        if s.answered < items:
            found.append(Unanswered(scale, items - s.answered, items, s.score is not None))
    return found


@dataclass(frozen=True)
class Said:
    """One of the person's answers to a statement of a factor, and what it is worth to the factor."""

    item: Item
    answer: int | None
    keyed: int | None
    """The answer as it counts for the factor (reverse-keyed items turned round); None when skipped."""


def pulling_down(q: Questionnaire, scale: Scale, answers: Mapping[str, int], limit: int = 3) -> list[Said]:
    """The statements that cost ``scale`` most: answered ones below the top of the scale, lowest first,
    at most ``limit`` of them; then every skipped one."""
    lo, hi = q.scale.min, q.scale.max
    said: list[Said] = []
    skipped: list[Said] = []
    for item in scale.items:
        a = answers.get(item.id)
        if a is None:
            skipped.append(Said(item, None, None))
            continue
        keyed = lo + hi - a if item.reverse else a
        if keyed < hi:
            said.append(Said(item, a, keyed))
    said.sort(key=lambda s: s.keyed if s.keyed is not None else hi)
    return said[:limit] + skipped


def order_for_details(q: Questionnaire, profile: Profile, first: Sequence[str]) -> list[Scale]:
    """Factors as the details read them: those to read first, then lowest score first, unscored last."""

    def key(scale: Scale) -> tuple[int, float, int]:
        score = score_of(profile, scale.id)
        rank = 0 if scale.id in first else 1 if score is not None else 2
        return (rank, score if score is not None else 0.0, q.factors.index(scale))

    return sorted(q.factors, key=key)
