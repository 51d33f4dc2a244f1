"""A reading of Green's trust equation from a profile: an approximation, named as such.

Charles H. Green (The Trusted Advisor, 2000): trust = (credibility + reliability + intimacy) /
self-orientation. kamtrust measures no self-orientation directly; it is taken as the reverse of
the client-focus factor ("genuine interest in the client"). Every term is on the answer scale
(1..5 by default): credibility, reliability and intimacy are their keyed mean answers, and
self-orientation is ``min + max - client focus``. With the default scale the value runs from
0.6 (3 x 1 / 5) to 15 (3 x 5 / 1); "sometimes" everywhere gives 3 (3 x 3 / 3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kamtrust.engine.scoring import READ_FIRST, Profile
from kamtrust.questionnaire.model import Questionnaire

NUMERATOR = ("credibility", "reliability", "intimacy")
SELF_ORIENTATION_FROM = "client_focus"


@dataclass(frozen=True, slots=True)
class TrustEquation:
    """The equation's terms on the answer scale, and its value with the range it can take."""

    credibility: float
    reliability: float
    intimacy: float
    self_orientation: float
    """min + max - the client-focus keyed mean: high when client focus is low."""
    value: float
    """(credibility + reliability + intimacy) / self_orientation."""
    low: float
    high: float
    neutral: float
    """The value when every term sits at the middle of the scale."""


def trust_equation(q: Questionnaire, profile: Profile) -> TrustEquation | None:
    """The reading; None when one of the four factors is missing or unscored, or the scale starts at 0."""
    return trust_equation_from_scores(q, {fid: s.score for fid, s in profile.factors.items()})


def trust_equation_from_scores(q: Questionnaire, scores: Mapping[str, float | None]) -> TrustEquation | None:
    """The same from factor scores (0-100) by id, e.g. a saved result's ``profile.factors``."""
    lo, hi = q.scale.min, q.scale.max
    if lo <= 0:
        return None  # the equation divides: its terms must be positive

    def mean(factor_id: str) -> float | None:
        score = scores.get(factor_id)
        return None if score is None else lo + score / 100 * (hi - lo)

    terms = [m for m in map(mean, (*NUMERATOR, SELF_ORIENTATION_FROM)) if m is not None]
    if len(terms) < 4:
        return None
    c, r, i, focus = terms
    s = lo + hi - focus
    mid = (lo + hi) / 2
    return TrustEquation(c, r, i, s, (c + r + i) / s, 3 * lo / hi, 3 * hi / lo, 3 * mid / mid)


def alerts_from_bands(q: Questionnaire, bands: Mapping[str, str | None]) -> tuple[str, ...]:
    """``Profile.alerts`` from factor bands by id, e.g. a saved result's ``profile.factors``."""
    lowest = q.bands[0].id
    return tuple(fid for fid in READ_FIRST if bands.get(fid) == lowest)
