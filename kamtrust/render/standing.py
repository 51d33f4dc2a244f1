"""What the profile says about a person, in words that match their bands (no Rich, no I/O).

MODEL.md rule 7: the highest factors are not "strengths" unless their band says so, and a factor
in the lowest band is never left out of the development areas by a tie.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.trust import alerts_from_bands
from kamtrust.questionnaire.model import Item, Questionnaire, Scale


@dataclass(frozen=True)
class Standing:
    """The factors to name at a glance, and the catalogue keys of the words that head them."""

    highest: tuple[str, ...]
    highest_key: str
    """``strengths`` when every one is in the top band, else ``highest_factors``."""
    development: tuple[str, ...]
    development_key: str
    """``development``, or ``lowest_factors`` when every one is in the top band."""
    alerts: tuple[str, ...]
    """Factors to read first (client focus, integrity) in the lowest band."""


def _factor(profile: Mapping[str, Any], fid: str) -> Mapping[str, Any]:
    factors = profile.get("factors") or {}
    entry = factors.get(fid) if isinstance(factors, Mapping) else None
    return entry if isinstance(entry, Mapping) else {}


def standing(q: Questionnaire, profile: Mapping[str, Any]) -> Standing:
    """The highest factors and the development areas of ``profile`` (a result's ``profile`` section)."""
    ids = [f.id for f in q.factors]
    top, lowest = q.bands[-1].id, q.bands[0].id
    highest = tuple(fid for fid in profile.get("strengths") or [] if fid in ids)
    development = [fid for fid in profile.get("development") or [] if fid in ids and fid not in highest]
    if development:
        # A tie at the cut must not hide a factor in the lowest band.
        last = _factor(profile, development[-1]).get("score")
        for fid in ids:
            s = _factor(profile, fid)
            if fid not in development and fid not in highest and s.get("band") == lowest and s.get("score") == last:
                development.append(fid)
    bands = {fid: _factor(profile, fid).get("band") for fid in ids}
    all_top = bool(highest) and all(bands[fid] == top for fid in highest)
    dev_top = bool(development) and all(bands[fid] == top for fid in development)
    return Standing(
        highest,
        "strengths" if all_top else "highest_factors",
        tuple(development),
        "lowest_factors" if dev_top else "development",
        tuple(profile.get("alerts") or alerts_from_bands(q, bands)),
    )


@dataclass(frozen=True)
class Unanswered:
    """A scale with skipped items: how many, and whether it could still be scored."""

    scale: Scale
    missing: int
    items: int
    scored: bool


def unanswered(q: Questionnaire, profile: Mapping[str, Any]) -> list[Unanswered]:
    """Factors and poles with skipped items, in the questionnaire's order."""
    poles = profile.get("poles") or {}
    found = []
    for scale in q.scales:
        s = _factor(profile, scale.id) if scale.kind == "factor" else (poles.get(scale.id) or {})
        items = s.get("items") or len(scale.items)
        answered = s.get("answered")
        if isinstance(answered, int) and answered < items:
            found.append(Unanswered(scale, items - answered, items, s.get("score") is not None))
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


def order_for_details(q: Questionnaire, profile: Mapping[str, Any], first: Sequence[str]) -> list[Scale]:
    """Factors as the details read them: those to read first, then lowest score first, unscored last."""

    def key(scale: Scale) -> tuple[int, float, int]:
        score = _factor(profile, scale.id).get("score")
        rank = 0 if scale.id in first else 1 if isinstance(score, (int, float)) else 2
        return (rank, score if isinstance(score, (int, float)) else 0.0, q.factors.index(scale))

    return sorted(q.factors, key=key)
