"""The group-summary document (``kamtrust.group-summary/1``): a :class:`GroupSummary` as JSON.

Only aggregates; a hidden figure says why (its reason code), an empty one says so. The reader
that stands a person beside a summary is :mod:`kamtrust.documents.against`.
"""

from __future__ import annotations

from typing import Any

from kamtrust.engine.anonymity import NO_ANSWERS, hidden_to_dict
from kamtrust.engine.group import GroupStats, GroupSummary, Stats

SCHEMA = "kamtrust.group-summary/1"


def stats_to_dict(st: Stats | None) -> dict[str, Any] | None:
    """A STATS object of the document; a hidden one says why, an empty one (n = 0) says so."""
    if st is None:
        return None
    d: dict[str, Any] = {
        "n": st.n,
        "mean": st.mean,
        "sd": st.sd,
        "median": st.median,
        "min": st.min,
        "max": st.max,
        "bands": dict(st.bands),
        "suppressed": st.suppressed,
    }
    if st.bands_hidden:
        d["bands_hidden"] = {b: hidden_to_dict(h) for b, h in st.bands_hidden.items()}
    if st.hidden is not None:
        d.update(hidden_to_dict(st.hidden))
    elif st.n == 0:
        d.update({"reason_code": NO_ANSWERS, "reason": None})
    return d


def group_to_dict(g: GroupStats) -> dict[str, Any]:
    """A GROUP object of the document; a suppressed group carries no statistics."""
    d: dict[str, Any] = {
        "key": g.key,
        "n": g.n,
        "suppressed": g.suppressed,
        "reason": None,
        **hidden_to_dict(g.hidden),
        "factors": {k: stats_to_dict(v) for k, v in g.factors.items()},
        "poles": {k: stats_to_dict(v) for k, v in g.poles.items()},
        "zones": dict(g.zones),
        "overall": stats_to_dict(g.overall),
        "strongest": list(g.strongest),
        "weakest": list(g.weakest),
        "flags": dict(g.flags),
    }
    if g.zones_hidden:
        d["zones_hidden"] = {z: hidden_to_dict(h) for z, h in g.zones_hidden.items()}
    if g.flags_hidden:
        d["flags_hidden"] = {f: hidden_to_dict(h) for f, h in g.flags_hidden.items()}
    if g.items is not None:
        d["items"] = {
            i.id: {
                "n": i.n,
                "mean": i.mean,
                "sd": i.sd,
                "reverse": i.reverse,
                "scale": i.scale,
                "suppressed": i.hidden is not None,
                **hidden_to_dict(i.hidden),
                **({"reason_code": NO_ANSWERS, "reason": None} if i.n == 0 else {}),
            }
            for i in g.items.values()
        }
    if g.reliability is not None:
        d["reliability"] = {
            r.scale: {
                "alpha": r.alpha,
                "n": r.n,
                "k": r.k,
                "low": r.low,
                "item_total": dict(r.item_total),
                "low_items": list(r.low_items),
                "suppressed": r.hidden is not None,
                **hidden_to_dict(r.hidden),
                **({"reason_code": NO_ANSWERS, "reason": None} if r.n == 0 else {}),
            }
            for r in g.reliability.values()
        }
    if g.participants is not None:
        d["participants"] = list(g.participants)
    return d


def to_document(summary: GroupSummary, *, now: str, version: str, self_other: Any = None) -> dict[str, Any]:
    """The ``kamtrust.group-summary/1`` document (only aggregates; names only if allowed).

    ``now`` (ISO 8601 UTC) and ``version`` (the tool's) are the caller's: the engine has no clock.
    ``self_other`` (a :class:`kamtrust.engine.selfother_group.SelfOtherGroup`, with ``--ratings``)
    adds the ``self_other`` section: the group's mean self-other gaps, never a person's.
    """
    doc = {
        "schema": SCHEMA,
        "generated_at": now,
        "tool": {"name": "kamtrust", "version": version},
        "questionnaire": {"id": summary.questionnaire_id, "version": summary.questionnaire_version},
        "min_group": summary.min_group,
        "by": summary.by,
        "excluded": dict(summary.excluded),
        "total": group_to_dict(summary.total),
        "groups": [group_to_dict(g) for g in summary.groups],
    }
    if self_other is not None:
        doc["self_other"] = self_other_to_dict(self_other)
    return doc


def _gap_to_dict(g: Any) -> dict[str, Any]:
    """One scale's mean gap; a hidden one says why (``hidden``: fewer, none or complementary)."""
    if g.hidden is not None:
        return {"id": g.id, "kind": g.kind, "n": None, "suppressed": True, "hidden": g.hidden}
    return {
        "id": g.id,
        "kind": g.kind,
        "n": g.n,
        "mean_gap": g.mean,
        "sd": g.sd,
        "margin": g.margin,
        "reading": g.reading,
        "suppressed": False,
    }


def self_other_to_dict(m: Any) -> dict[str, Any]:
    """The ``self_other`` section: per scale the group's mean gap (self minus all raters), in total
    and per ``by`` value; ``people_with_ratings`` counts the people with any rating read."""
    return {
        "people": m.people,
        "people_with_ratings": m.rated,
        "min_raters": m.min_raters,
        "min_group": m.min_group,
        "by": m.by,
        "total": [_gap_to_dict(g) for g in m.total],
        "groups": [{"key": g.key, "n": g.people, "scales": [_gap_to_dict(x) for x in g.gaps]} for g in m.groups],
    }
