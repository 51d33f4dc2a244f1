"""Score one set of answers against a questionnaire, following MODEL.md's rules exactly.

Pure and deterministic: validated questionnaire and answers in, frozen dataclasses out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import fsum

from kamtrust.questionnaire.model import Band, Questionnaire, Scale

STRAIGHT_LINING = "straight_lining"
INCOMPLETE = "incomplete"


@dataclass(frozen=True, slots=True)
class ScaleScore:
    """A factor's or pole's score."""

    id: str
    score: float | None
    """POMP score 0-100 at full precision, or None when too few items were answered."""
    band: str | None
    answered: int
    items: int
    needed: int
    """Answers required for a score: ceil(2/3 of ``items``)."""

    @property
    def reason(self) -> str | None:
        """Why the score is null, in plain English (the UI localises its own)."""
        if self.score is not None:
            return None
        return f"{self.items - self.answered} of {self.items} items unanswered; {self.needed} answers needed"


@dataclass(frozen=True, slots=True)
class DistanceResult:
    """Where the person stands between the serpent (closeness) and the eagle (perspective)."""

    proximity: float | None
    perspective: float | None
    balance: float | None
    """perspective - proximity: -100 all serpent (too close) ... +100 all eagle (too far)."""
    zone: str | None
    """balanced, too_close, too_far or adrift; None when a pole has no score."""


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the engine derives from one set of answers."""

    factors: Mapping[str, ScaleScore]
    poles: Mapping[str, ScaleScore]
    distance: DistanceResult | None
    overall: float | None
    """Mean of the factor scores; None when any factor is None."""
    strengths: tuple[str, ...]
    development: tuple[str, ...]
    flags: tuple[str, ...]


def band_for(score: float, bands: tuple[Band, ...]) -> str:
    """The band with the highest ``min`` not above ``score`` (bands are ascending from 0)."""
    chosen = bands[0].id
    for band in bands:
        if band.min <= score:
            chosen = band.id
        else:
            break
    return chosen


def zone_for(proximity: float, perspective: float, threshold: float) -> str:
    """The distance zone of two pole scores."""
    close = proximity >= threshold
    eagle = perspective >= threshold
    if close and eagle:
        return "balanced"
    if close:
        return "too_close"
    if eagle:
        return "too_far"
    return "adrift"


def answer_problems(q: Questionnaire, answers: Mapping[str, object]) -> list[str]:
    """Everything wrong with ``answers`` for ``q``: unknown items, non-integers, out of range."""
    lo, hi = q.scale.min, q.scale.max
    problems = []
    for item_id, value in answers.items():
        if item_id not in q.items:
            problems.append(f"'{item_id}' is not an item of {q.id} {q.version}")
        elif value is None:
            continue
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{item_id}: expected a whole number from {lo} to {hi}; found {value!r}")
        elif not lo <= value <= hi:
            problems.append(f"{item_id}: {value} is outside the scale {lo}..{hi}")
    return problems


def _scale_score(scale: Scale, answers: Mapping[str, int], q: Questionnaire) -> ScaleScore:
    lo, hi = q.scale.min, q.scale.max
    total = 0
    answered = 0
    for item in scale.items:
        value = answers.get(item.id)
        if value is None:
            continue
        answered += 1
        total += lo + hi - value if item.reverse else value
    n = len(scale.items)
    needed = -(-2 * n // 3)
    if answered < needed or answered == 0:
        return ScaleScore(scale.id, None, None, answered, n, needed)
    # One division of exact integers: the score is correctly rounded, so band and zone
    # edges (e.g. 60 for a mean of 3.4) are never missed by floating-point noise.
    score = 100 * (total - answered * lo) / (answered * (hi - lo))
    return ScaleScore(scale.id, score, band_for(score, q.bands), answered, n, needed)


def score(q: Questionnaire, answers: Mapping[str, int], *, top: int = 2) -> Profile:
    """Score ``answers`` (item id -> integer; absent or None = skipped).

    Raises ValueError when an answer is not a valid point of the scale or names an unknown item;
    use :func:`answer_problems` first to report them to a user.
    """
    problems = answer_problems(q, answers)
    if problems:
        raise ValueError("; ".join(problems))
    factors = {f.id: _scale_score(f, answers, q) for f in q.factors}
    poles: dict[str, ScaleScore] = {}
    distance = None
    if q.distance is not None:
        d = q.distance
        prox = _scale_score(d.proximity, answers, q)
        persp = _scale_score(d.perspective, answers, q)
        poles = {prox.id: prox, persp.id: persp}
        if prox.score is None or persp.score is None:
            distance = DistanceResult(prox.score, persp.score, None, None)
        else:
            distance = DistanceResult(
                prox.score,
                persp.score,
                persp.score - prox.score,
                zone_for(prox.score, persp.score, d.threshold),
            )
    scores = [s.score for s in factors.values()]
    overall = None if any(s is None for s in scores) else fsum(scores) / len(scores)  # type: ignore[arg-type]
    scored = [(s.score, i, s.id) for i, s in enumerate(factors.values()) if s.score is not None]
    strengths = tuple(fid for _, _, fid in sorted(scored, key=lambda t: (-t[0], t[1]))[:top])
    development = tuple(
        fid for _, _, fid in sorted(scored, key=lambda t: (t[0], t[1])) if fid not in strengths
    )[:top]
    return Profile(factors, poles, distance, overall, strengths, development, _flags(q, answers))


def _flags(q: Questionnaire, answers: Mapping[str, int]) -> tuple[str, ...]:
    given = [v for v in answers.values() if v is not None]
    flags = []
    if len(given) > 1 and len(set(given)) == 1:
        flags.append(STRAIGHT_LINING)
    if len(given) < len(q.items):
        flags.append(INCOMPLETE)
    return tuple(flags)
