"""A person's saved assessments, newest first, rescored when their questionnaire is at hand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamtrust.errors import KamtrustError, without_path
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.results.document import profile_to_dict, read_result
from kamtrust.results.storage import saved_results

UNREADABLE = "unreadable"


@dataclass(frozen=True)
class HistoryEntry:
    """One saved result file as the history lists it."""

    path: Path
    status: str
    """complete, partial or unreadable."""
    created_at: str | None = None
    questionnaire_id: str | None = None
    questionnaire_version: str | None = None
    name: str | None = None
    account: str | None = None
    cohort: str | None = None
    overall: float | None = None
    zone: str | None = None
    zone_label: str | None = None
    answered: int = 0
    items: int | None = None
    problem: str | None = None
    """Why an unreadable file could not be read."""

    def to_dict(self) -> dict[str, Any]:
        """The entry for ``--format json``."""
        return {
            "path": str(self.path),
            "status": self.status,
            "created_at": self.created_at,
            "questionnaire": None
            if self.questionnaire_id is None
            else {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "participant": {"name": self.name, "account": self.account, "cohort": self.cohort},
            "overall": self.overall,
            "zone": self.zone,
            "answered": self.answered,
            "items": self.items,
            "problem": self.problem,
        }


def history(lang: str) -> list[HistoryEntry]:
    """Every result file in the data folder's results/, newest first (by time stamp, then name).

    A file that cannot be read is listed as unreadable rather than hidden: the user may want to
    delete it. Scores are recomputed from the answers when the questionnaire is installed.
    """
    from kamtrust.engine.scoring import score
    from kamtrust.questionnaire.registry import resolve_id

    cache: dict[tuple[str, str], Questionnaire | None] = {}
    entries = []
    for path in saved_results():
        try:
            result = read_result(path)
        except KamtrustError as exc:
            entries.append(HistoryEntry(path, UNREADABLE, problem=without_path(exc, path, lang)))
            continue
        qid, version = result.questionnaire_id, result.questionnaire_version
        if (qid, version) not in cache:
            try:
                cache[(qid, version)] = resolve_id(qid, prefer_version=version)
            except KamtrustError:
                cache[(qid, version)] = None
        q = cache[(qid, version)]
        profile: dict[str, Any] = result.profile
        if q is not None:
            try:
                profile = profile_to_dict(score(q, result.answers, duration_seconds=result.duration_seconds))
            except ValueError:
                pass  # answers that do not fit this version: keep the stored profile
        overall = profile.get("overall")
        distance: dict[str, Any] = profile["distance"] if isinstance(profile.get("distance"), dict) else {}
        zone = distance.get("zone") if isinstance(distance.get("zone"), str) else None
        zone_label = None
        if zone and q is not None and q.distance is not None and zone in q.distance.zones:
            zone_label = localize(q.distance.zones[zone].label, lang)
        p = result.participant
        entries.append(
            HistoryEntry(
                path=path,
                status=result.status,
                created_at=result.created_at,
                questionnaire_id=qid,
                questionnaire_version=result.questionnaire_version,
                name=p.name,
                account=p.account,
                cohort=p.cohort,
                overall=overall if isinstance(overall, (int, float)) and not isinstance(overall, bool) else None,
                zone=zone,
                zone_label=zone_label or zone,
                answered=len(result.answers),
                items=len(q.items) if q is not None else None,
            )
        )
    entries.sort(key=lambda e: (e.created_at or "", e.path.name), reverse=True)
    return entries
