"""Whether answers score anything (MODEL.md, rule 3), told from the answers alone.

A result that scores no factor nor pole would reach a trainer as a profile of "not scored" rows
and become the person's latest result: ``assess --answers`` refuses such answers, and an
interview that ends with them stays unfinished, however it was answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kamtrust.questionnaire.model import Questionnaire, Scale


@dataclass(frozen=True)
class Closest:
    """The factor or pole nearest to a score: how many of its questions are answered, how many it needs."""

    scale: Scale
    have: int
    needed: int


def scores_anything(q: Questionnaire, answers: Mapping[str, int]) -> bool:
    """At least one factor or distance pole has enough answers to be scored (MODEL.md, rule 3)."""
    return any(sum(item.id in answers for item in s.items) >= s.needed for s in q.scales)


def closest(q: Questionnaire, answers: Mapping[str, int]) -> Closest:
    """The scale that fewest further answers would score (the first in questionnaire order on a tie)."""

    def gap(s: Scale) -> int:
        return s.needed - sum(item.id in answers for item in s.items)

    best = min(q.scales, key=gap)
    return Closest(best, best.needed - gap(best), best.needed)
