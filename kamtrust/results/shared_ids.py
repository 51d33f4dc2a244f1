"""Results typed on one computer share its participant id: with ``--match name`` they are people
told apart by name, not one person with many accounts."""

from __future__ import annotations

from dataclasses import replace

from kamtrust.engine.unpaired import spaced
from kamtrust.results.collect import Collection


def split_shared_ids(collection: Collection) -> Collection:
    """``collection`` with each participant id found under two or more names made one per name
    (``id#name``), so that each person counts once and pairs by name; other ids are kept."""
    names: dict[str, set[str]] = {}
    for r in collection.results:
        if (name := spaced(r.participant.name)) is not None:
            names.setdefault(r.participant.id, set()).add(name)
    shared = {i for i, n in names.items() if len(n) > 1}
    if not shared:
        return collection
    results = []
    for r in collection.results:
        p = r.participant
        name = spaced(p.name)
        if p.id in shared and name is not None:
            r = replace(r, participant=replace(p, id=f"{p.id}#{name}"))
        results.append(r)
    return replace(collection, results=results)
