"""A result document's ``profile`` section read back, once, as the engine's typed :class:`Profile`.

Renderers take a :class:`~kamtrust.engine.scoring.Profile`, never the stored dict. Results are
rescored on reading (results/rescore.py), so the section is normally exactly what
``profile_to_dict`` wrote; a hand-edited or older file is read tolerantly: what is not of the
expected type reads as absent (no score, no band), never as a crash in a renderer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kamtrust.engine.scoring import DistanceResult, Profile, ScaleScore


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    return value if type(value) is int and value >= 0 else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list | tuple) else ()


def _scale(sid: str, doc: Any) -> ScaleScore:
    doc = doc if isinstance(doc, Mapping) else {}
    items = _count(doc.get("items")) or 0
    answered = _count(doc.get("answered"))
    score = _number(doc.get("score"))
    return ScaleScore(
        sid,
        score,
        _text(doc.get("band")),
        # Unknown: read as complete, so that nothing is reported unanswered that was not said to be.
        items if answered is None else answered,
        items,
        -(-2 * items // 3),
    )


def _scales(doc: Any) -> dict[str, ScaleScore]:
    if not isinstance(doc, Mapping):
        return {}
    return {sid: _scale(sid, s) for sid, s in doc.items() if isinstance(sid, str)}


def _distance(doc: Any) -> DistanceResult | None:
    if not isinstance(doc, Mapping) or not doc:
        return None
    return DistanceResult(
        _number(doc.get("proximity")),
        _number(doc.get("perspective")),
        _number(doc.get("balance")),
        _text(doc.get("zone")),
    )


def profile_of(doc: Mapping[str, Any] | None) -> Profile:
    """The typed profile of a result document's ``profile`` section (see the module docstring)."""
    doc = doc if isinstance(doc, Mapping) else {}
    alerts = doc.get("alerts")
    return Profile(
        factors=_scales(doc.get("factors")),
        poles=_scales(doc.get("poles")),
        distance=_distance(doc.get("distance")),
        overall=_number(doc.get("overall")),
        strengths=_ids(doc.get("strengths")),
        development=_ids(doc.get("development")),
        flags=_ids(doc.get("flags")),
        # None: a profile saved before alerts existed; they are then read from its bands.
        alerts=_ids(alerts) if isinstance(alerts, list | tuple) else (),
    )


def unfinished_flags(flags: tuple[str, ...], complete: bool) -> tuple[str, ...]:
    """The flags to show: an unfinished result is not "skipped questions" (its callout says how far it got)."""
    from kamtrust.engine.scoring import INCOMPLETE

    return flags if complete else tuple(f for f in flags if f != INCOMPLETE)


def unfinished_profile(profile: Profile) -> Profile:
    """``profile`` of an unfinished result, without the "skipped questions" flag."""
    p = profile
    flags = unfinished_flags(p.flags, False)
    return Profile(p.factors, p.poles, p.distance, p.overall, p.strengths, p.development, flags, p.alerts)
