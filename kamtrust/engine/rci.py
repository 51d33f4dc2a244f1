"""Reliable change (Jacobson & Truax 1991) and words for d_z (pure).

A person's change counts as reliable when |after - before| > 1.96 x S_diff, with
S_diff = sqrt(2) x SEM and SEM = SD_before x sqrt(1 - r); r is the scale's Cronbach's alpha in
the before session when it has at least ``MIN_CASES`` complete cases, else ``ASSUMED_RELIABILITY``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import sqrt

from kamtrust.engine.anonymity import TOTAL, Hidden, Line, Ref, plan_counts

Z = 1.96
MIN_CASES = 10
"""Complete cases needed in the before session to use its own alpha."""
ASSUMED_RELIABILITY = 0.70
"""The reliability used when the group is too small to estimate its own (a usual floor)."""
ALPHA = "alpha"
ASSUMED = "assumed"
ASSUMED_LOW = "assumed_low"
"""Assumed although the group is large enough: its own alpha is 0 or below, unusable."""
OUTCOMES = ("improved", "same", "worse")
DZ_BENCHMARKS = ((0.8, "large"), (0.5, "medium"), (0.2, "small"))
"""Cohen's 0.2 / 0.5 / 0.8 applied to |d_z| (Lakens 2013 notes d_z runs larger than d for the same
data when the two sessions correlate, so these words are a rough guide)."""


@dataclass(frozen=True)
class ReliableChange:
    """How many paired people improved, stayed the same or got worse beyond measurement noise."""

    reliability: float
    source: str
    """ALPHA (the before session's own) or ASSUMED."""
    sd_before: float
    s_diff: float
    threshold: float
    """1.96 x S_diff: the smallest change that counts."""
    n: int
    counts: dict[str, int | None]
    """improved / same / worse; None where hidden."""
    hidden: dict[str, Hidden] = field(default_factory=dict)
    min_cases: int = MIN_CASES
    """Complete cases the before session needed for its own alpha (MIN_CASES, or min_group if more)."""


def effect_words(dz: float | None) -> str | None:
    """'negligible', 'small', 'medium' or 'large' for |d_z|; None without d_z."""
    if dz is None:
        return None
    return next((w for cut, w in DZ_BENCHMARKS if abs(dz) >= cut), "negligible")


def reliable_change(
    diffs: Sequence[float], sd_before: float, alpha: float | None, cases: int, min_group: int
) -> ReliableChange | None:
    """The reliable-change counts of ``diffs`` (after - before of each paired person), masked.

    ``alpha``/``cases``: the before session's alpha and its complete cases. The counts are counts
    of people: 1..min_group-1 masked, and a complement so the masked one cannot be worked out
    from the number of pairs (which is shown).
    """
    if not diffs or sd_before <= 0:
        return None
    # Never an alpha the group summary would hide: at least min_group complete cases too.
    enough = cases >= max(MIN_CASES, min_group)
    own = alpha is not None and enough and 0 < alpha <= 1
    r: float = alpha if own and alpha is not None else ASSUMED_RELIABILITY
    s_diff = sqrt(2) * sd_before * sqrt(1 - r)
    cut = Z * s_diff
    counts = {
        "improved": sum(1 for d in diffs if d > cut),
        "same": sum(1 for d in diffs if abs(d) <= cut),
        "worse": sum(1 for d in diffs if d < -cut),
    }
    values: dict[str, int] = {**counts, "n": len(diffs)}
    line = Line((*((o, 1) for o in OUTCOMES), ("n", -1)))
    hidden = plan_counts(values, [line], min_group, fixed=["n"], ref=lambda c: Ref(TOTAL), order=str)
    shown: dict[str, int | None] = {o: None if o in hidden else v for o, v in counts.items()}
    return ReliableChange(
        r,
        ALPHA if own else ASSUMED if not enough or alpha is None else ASSUMED_LOW,
        sd_before,
        s_diff,
        cut,
        len(diffs),
        shown,
        dict(hidden),
        max(MIN_CASES, min_group),
    )
