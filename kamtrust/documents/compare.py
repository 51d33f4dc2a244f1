"""The group-compare document (``kamtrust.group-compare/1``): a :class:`Comparison` as JSON.

Only aggregates; a hidden figure says why (its reason code), a missing one says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kamtrust.engine.anonymity import NO_ANSWERS, NO_PAIRS, hidden_to_dict
from kamtrust.engine.compare import Change, CompareGroup, Comparison, Side
from kamtrust.engine.rci import effect_words

SCHEMA = "kamtrust.group-compare/1"


def _side(s: Side | None) -> dict[str, Any] | None:
    return None if s is None else {"n": s.n, "mean": s.mean, "sd": s.sd}


def _paired(c: Change) -> dict[str, Any]:
    # Always an object: the figures, or why there are none (hidden, or nobody paired).
    p = c.paired
    d: dict[str, Any] = {
        "n": None if p is None else p.n,
        "mean_change": None if p is None else p.mean_change,
        "sd": None if p is None else p.sd,
        "dz": None if p is None else p.dz,
        "suppressed": c.paired_hidden is not None,
    }
    if p is not None:
        d["effect"] = effect_words(p.dz)
    if c.rci is not None:
        r = c.rci
        d["reliable_change"] = {
            "reliability": r.reliability,
            "reliability_source": r.source,
            "sd_before": r.sd_before,
            "s_diff": r.s_diff,
            "threshold": r.threshold,
            "n": r.n,
            **r.counts,
            "hidden": {k: hidden_to_dict(h) for k, h in r.hidden.items()},
        }
    if c.paired_hidden is not None:
        d.update(hidden_to_dict(c.paired_hidden))
    elif p is None:
        d.update({"n": 0, "reason_code": NO_PAIRS, "reason": None})
    return d


def change_to_dict(c: Change | None) -> dict[str, Any] | None:
    """A CHANGE object of the document."""
    if c is None:
        return None
    d: dict[str, Any] = {
        "before": _side(c.before),
        "after": _side(c.after),
        "change": c.change,
        "d": c.d,
        "paired": _paired(c),
        "suppressed": c.hidden is not None,
    }
    if c.hidden is not None:
        d.update(hidden_to_dict(c.hidden))
    elif c.before is None:
        d.update({"reason_code": NO_ANSWERS, "reason": None})
    return d


def compare_group_to_dict(g: CompareGroup) -> dict[str, Any]:
    """A comparison GROUP of the document; a suppressed group carries no statistics."""
    zones: dict[str, Any] = {
        "before": dict(g.zones_before),
        "after": dict(g.zones_after),
        "moves": None if g.moves is None else {k: dict(v) for k, v in g.moves.items()},
        "moved": g.moved,
    }
    hidden_zones = {side: {z: hidden_to_dict(h) for z, h in hz.items()} for side, hz in g.zones_hidden.items() if hz}
    if hidden_zones:
        zones["hidden"] = hidden_zones
    if g.moves_hidden:
        zones["moves_hidden"] = {f"{z}>{t}": hidden_to_dict(h) for (z, t), h in g.moves_hidden.items()}
    if g.moved_hidden is not None:
        zones["moved_hidden"] = hidden_to_dict(g.moved_hidden)
    if g.moves_withheld is not None:
        zones["moves_withheld"] = hidden_to_dict(g.moves_withheld)
    return {
        "key": g.key,
        "suppressed": g.suppressed,
        "reason": None,
        **hidden_to_dict(g.hidden),
        "n_before": g.n_before,
        "n_after": g.n_after,
        "n_paired": g.n_paired,
        "unmatched_before": g.unmatched_before,
        "unmatched_after": g.unmatched_after,
        "ambiguous": g.ambiguous,
        "factors": {k: change_to_dict(v) for k, v in g.factors.items()},
        "poles": {k: change_to_dict(v) for k, v in g.poles.items()},
        "overall": change_to_dict(g.overall),
        "zones": zones,
    }


def _questionnaire_to_dict(c: Comparison) -> dict[str, Any]:
    """Which questionnaire, the version each session was answered with, and across two versions
    what was compared (``version`` is the later session's, whose names the document uses)."""
    v = c.versions
    d: dict[str, Any] = {
        "id": c.questionnaire_id,
        "version": c.questionnaire_version,
        "before_version": c.questionnaire_version if v is None else v.before_version,
        "after_version": c.questionnaire_version if v is None else v.after_version,
        "across_versions": None,
    }
    if v is not None:
        b = v.bridge
        d["across_versions"] = {
            "factors": list(b.factors),
            "poles": list(b.poles),
            "overall": b.overall_comparable,
            "bands": b.bands_comparable,
            "zones": b.zones_comparable,
            "items": False,
        }
    return d


def to_document(c: Comparison, *, now: str, version: str, notes: Sequence[str] = ()) -> dict[str, Any]:
    """The ``kamtrust.group-compare/1`` document (only aggregates); ``now`` (ISO 8601 UTC) and
    ``version`` (the tool's) are the caller's; ``notes``: what a reader must know first, in the
    output's language (e.g. that the questionnaire changed between sessions)."""
    return {
        "schema": SCHEMA,
        "generated_at": now,
        "tool": {"name": "kamtrust", "version": version},
        "questionnaire": _questionnaire_to_dict(c),
        "notes": list(notes),
        "min_group": c.min_group,
        "by": c.by,
        "match": c.match,
        "excluded": {k: dict(v) for k, v in c.excluded.items()},
        "dates": {side: _dates_to_dict(c.dates.get(side)) for side in ("before", "after")},
        "unpaired": pairing_to_dict(c),
        "total": compare_group_to_dict(c.total),
        "groups": [compare_group_to_dict(g) for g in c.groups],
    }


def _dates_to_dict(span: tuple[str, str] | None) -> dict[str, str] | None:
    return None if span is None else {"first": span[0], "last": span[1]}


def pairing_to_dict(c: Comparison) -> dict[str, Any]:
    """Who was not paired: counts per reason (none when the whole comparison is hidden), the
    options that would pair more, the accounts merged; the people themselves only ``with_names``."""
    p = c.pairing
    if p is None:
        return {"counts": None, "suggestions": [], "merged_accounts": [], "shared_ids": {}}
    d: dict[str, Any] = {
        "counts": None if c.total.suppressed else dict(p.counts),
        "suggestions": list(p.suggestions),
        "merged_accounts": [{"before": b, "after": a} for b, a in p.merged_accounts],
        "shared_ids": dict(p.shared_ids),
    }
    if c.with_names:
        d["people"] = [
            {
                "side": u.side,
                "cause": u.reason,
                "id": u.id,
                "name": u.name,
                "account": u.account,
                "other": u.other,
                "suggestion": u.suggestion,
            }
            for u in p.people
        ]
    return d
