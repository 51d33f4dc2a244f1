"""What two versions of one questionnaire have in common, so results can be compared across them.

Factor-level only: items are never compared across versions (their wording, keying or count may
have changed), and zones or bands only when their definitions are the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from kamtrust.questionnaire.model import Questionnaire


@dataclass(frozen=True, slots=True)
class VersionBridge:
    """The scales two versions share, and which of their readings still mean the same."""

    questionnaire_id: str
    old_version: str
    new_version: str
    factors: tuple[str, ...]
    """Factor ids in both versions, in the newer one's order."""
    poles: tuple[str, ...]
    """Distance pole ids in both versions."""
    bands_comparable: bool
    """Same band ids starting at the same scores: a band move means the same in both."""
    zones_comparable: bool
    """Both have the distance axis with the same threshold: a zone move means the same."""
    items_changed: bool
    """The versions differ in any item (id, text, key or scale): the note must say so."""
    overall_comparable: bool = True
    """Both versions have the same factors: the overall index (their mean) means the same."""


def bridge(old: Questionnaire, new: Questionnaire) -> VersionBridge | None:
    """The bridge between two versions of one questionnaire; None when their ids differ.

    Two loads of the same version give a bridge with nothing changed.
    """
    if old.id != new.id:
        return None
    old_factors = {f.id for f in old.factors}
    old_poles = {p.id for p in old.scales if p.kind == "pole"}
    factors = tuple(f.id for f in new.factors if f.id in old_factors)
    poles = tuple(p.id for p in new.scales if p.kind == "pole" and p.id in old_poles)
    bands_comparable = [(b.id, b.min) for b in old.bands] == [(b.id, b.min) for b in new.bands]
    zones_comparable = (
        old.distance is not None and new.distance is not None and old.distance.threshold == new.distance.threshold
    )

    def item_keys(q: Questionnaire) -> list[tuple[str, str, bool, tuple[tuple[str, str], ...]]]:
        return [(i.id, i.scale_id, i.reverse, tuple(sorted(i.text.items()))) for i in q.items.values()]

    return VersionBridge(
        new.id,
        old.version,
        new.version,
        factors,
        poles,
        bands_comparable,
        zones_comparable,
        item_keys(old) != item_keys(new),
        old_factors == {f.id for f in new.factors},
    )


@dataclass(frozen=True, slots=True)
class CrossVersion:
    """A group comparison across two versions of one questionnaire (factor level only)."""

    before: Questionnaire
    """The questionnaire the earlier set was scored with (the later one's is passed on its own)."""
    before_version: str
    """The version the earlier results were made with."""
    after_version: str
    """The version the later results were made with."""
    bridge: VersionBridge


def cross_version(
    before: Questionnaire, after: Questionnaire, before_version: str, after_version: str
) -> CrossVersion | None:
    """What a comparison of results of two versions shares; None for results of one version.

    Raises ValueError when the questionnaires' ids differ: those are never compared.
    """
    b = bridge(before, after)
    if b is None:
        raise ValueError(f"{before.id} and {after.id} are different questionnaires")
    if before_version == after_version and before.version == after.version:
        return None
    return CrossVersion(before, before_version, after_version, b)
