"""A rater form's export in, rating documents out: the rules of ``kamtrust import`` for ratings.

The export is read by the forms package against the role's view of the questionnaire (its
observer texts), so the same checks hold: every statement has a column, nothing is doubled
(a second import of the same export writes nothing new), dropped without a reason, or
invented. Each usable row becomes one ``kamtrust.rating/1`` document.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kamtrust.engine.raters import rater_questionnaire
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Result
from kamtrust.results.forms.build import READABLE
from kamtrust.results.forms.importing import ImportOptions, Prepared, prepare
from kamtrust.results.rating import Rating, file_name

_RATINGS = uuid.UUID("3c1d8f0e-6a57-4b1e-9f43-0d2b7c5e9a11")
"""Namespace of an imported rating's id: from the submission's key, the same at every import."""


@dataclass(frozen=True)
class RatingBatch:
    """What an import of ratings decided."""

    view: Questionnaire
    prepared: Prepared
    files: list[tuple[str, str]]
    """(file name, JSON text) of each new rating."""


def prepare_ratings(
    data: bytes,
    source: str,
    q: Questionnaire,
    rated: Result,
    role: str,
    existing: Iterable[str],
    lang: str = "en",
    *,
    sep: str | None = None,
    allow_missing_items: bool = False,
    told_shown_alone: bool = False,
    date_format: str | None = None,
    timezone: str | None = None,
) -> RatingBatch:
    """Read and plan; raises KamtrustError for what refuses the whole import."""
    view = rater_questionnaire(q, role)
    from kamtrust.results.forms.timestamps import load_zone, local_zone_name

    opts = ImportOptions(
        sep=sep,
        allow_missing_items=allow_missing_items,
        date_format=date_format,
        zone=load_zone(timezone) if timezone else None,
        zone_name=timezone or local_zone_name(),
    )
    prepared = prepare(data, source, view, opts, existing, lang)
    files = []
    for planned in prepared.plan.new:
        row = planned.row
        rating = Rating(
            rated_id=rated.participant.id,
            account=rated.participant.account,
            role=role,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            language=row.language or lang if (row.language or lang) in q.languages else q.languages[0],
            answers={i.id: row.answers[i.id] for i in view.presentation_order if row.answers.get(i.id) is not None},
            created_at=row.created_at or "",
            rater_name=row.name,
            told_shown_alone=told_shown_alone,
        )
        # The row key and content hash of the import's own name: a second import finds them.
        m = READABLE.match(planned.name)
        suffix = f"{m.group(1)}-{m.group(2)}" if m else None
        rating = replace(rating, id=str(uuid.uuid5(_RATINGS, planned.key or planned.name)))
        files.append((file_name(rating, suffix=suffix), rating.to_json()))
    return RatingBatch(view, prepared, files)
