"""The notes a comparison across two versions of one questionnaire shows, in the user's language.

Results are compared at the factor level only (engine/versions.py); these notes say so, and say
when a band or zone move may come from changed cut-offs rather than from the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtrust.engine.versions import bridge
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.safetext import visible

if TYPE_CHECKING:
    from kamtrust.engine.compare import Comparison


def version_notes(
    old_q: Questionnaire, new_q: Questionnaire, old_version: str, new_version: str, lang: str, *, group: bool = False
) -> list[str]:
    """Nothing when both results were made with one version; else the version note, then the cut-off notes.

    ``old_version``/``new_version`` are the results' own; ``old_q``/``new_q`` the questionnaires
    they were scored with (the same one when the user named it). ``group``: worded for two
    sessions of a group, whose band and zone comparisons are left out rather than flagged.
    """
    if old_version == new_version:
        return []
    qid = new_q.id
    pre = "group_compare" if group else "compare"
    notes = [t(lang, f"{pre}_versions", id=qid, old=visible(old_version), new=visible(new_version))]
    b = bridge(old_q, new_q)
    if b is None or (old_q.version, new_q.version) != (old_version, new_version):
        return notes  # scored with one questionnaire for both: its cut-offs apply to both

    def bands(q: Questionnaire) -> str:
        return ", ".join(f"{localize(band.label, lang)} {number(band.min, lang, 0)}" for band in q.bands)

    if not b.bands_comparable:
        notes.append(
            t(
                lang,
                f"{pre}_bands_changed",
                old=old_version,
                new=new_version,
                old_bands=bands(old_q),
                new_bands=bands(new_q),
            )
        )
    if old_q.distance is not None and new_q.distance is not None and not b.zones_comparable:
        notes.append(
            t(
                lang,
                f"{pre}_zones_changed",
                old=old_version,
                new=new_version,
                old_t=number(old_q.distance.threshold, lang, 0),
                new_t=number(new_q.distance.threshold, lang, 0),
            )
        )
    if group and not b.overall_comparable:
        notes.append(t(lang, "group_compare_overall_left_out"))
    return notes


def comparison_notes(c: Comparison, q: Questionnaire, lang: str) -> list[str]:
    """The notes of a group comparison (``q``: the later session's questionnaire); none within one version."""
    v = c.versions
    if v is None:
        return []
    return version_notes(v.before, q, v.before_version, v.after_version, lang, group=True)
