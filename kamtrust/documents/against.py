"""Read a trainer's group summary (``kamtrust.group-summary/1``) for a person to stand beside.

Only the total group's means are used, and only when the summary reports it (not suppressed, at
least ``min_group`` people): a person sees how far they are from the mean, never a rank.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtrust.documents.summary import SCHEMA as SUMMARY_SCHEMA
from kamtrust.errors import InputFileError, KamtrustError
from kamtrust.inputfile import parse_json, read_bytes
from kamtrust.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class GroupMeans:
    """The total group's means from a summary document, per factor and pole (None if undefined)."""

    source: str
    n: int
    min_group: int
    generated_at: str | None
    questionnaire_version: str
    factors: Mapping[str, float | None]
    poles: Mapping[str, float | None] = field(default_factory=dict)
    overall: float | None = None
    warnings: tuple[str, ...] = ()
    """Things a user should know, e.g. a different questionnaire version."""

    @property
    def date(self) -> str:
        """The day the summary was made, or a dash."""
        return (self.generated_at or "")[:10] or "—"


def read_summary(path: Path, q: Questionnaire) -> GroupMeans:
    """Read, check and reduce the summary at ``path`` to its total group's means."""
    name = str(path)
    raw = read_bytes(path, name, what="group summary file")
    return parse_summary(parse_json(raw, name, kind="kamtrust group summary"), name, q)


def _mean(stats: Any) -> float | None:
    if not isinstance(stats, dict):
        return None
    value = stats.get("mean")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def parse_summary(doc: Any, source: str, q: Questionnaire) -> GroupMeans:  # noqa: C901
    """Check a parsed summary document against ``q``; KamtrustError says what stops its use."""
    if not isinstance(doc, dict):
        raise InputFileError(source, "is not a kamtrust group summary (expected a JSON object)")
    schema = doc.get("schema")
    if schema != SUMMARY_SCHEMA:
        if isinstance(schema, str) and schema.startswith("kamtrust.result/"):
            raise InputFileError(
                source,
                "is a person's result, not a group summary; --against needs the JSON summary a trainer "
                "makes with 'kamtrust group summary --format json'",
            )
        raise InputFileError(
            source, f"is not a kamtrust group summary (its 'schema' is {schema!r}, expected '{SUMMARY_SCHEMA}')"
        )
    qdoc = doc.get("questionnaire")
    if not (isinstance(qdoc, dict) and isinstance(qdoc.get("id"), str)):
        raise InputFileError(source, "is a damaged group summary: 'questionnaire' must hold an 'id'")
    if qdoc["id"] != q.id:
        raise KamtrustError(
            f"{source}: summarises questionnaire '{qdoc['id']}', but the result was made with '{q.id}'; "
            "a profile can only stand beside a group that answered the same questionnaire"
        )
    version = str(qdoc["version"]) if isinstance(qdoc.get("version"), str) else "?"
    warnings = []
    if version != q.version:
        warnings.append(f"{source}: the group answered {q.id} {version}; this profile is scored with {q.version}")
    min_group = doc.get("min_group")
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < 1:
        raise InputFileError(source, "is a damaged group summary: 'min_group' must be a whole number of at least 1")
    total = doc.get("total")
    if not isinstance(total, dict):
        raise InputFileError(source, "is a damaged group summary: 'total' is missing")
    n = total.get("n")
    if total.get("suppressed") is True or n is None:
        reason = total.get("reason")
        raise KamtrustError(
            f"{source}: the group's results are withheld ({reason or 'too few people'}); "
            f"standing beside a group needs a summary of at least {min_group} people"
        )
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InputFileError(source, "is a damaged group summary: the total's 'n' must be a whole number")
    if n < min_group:
        raise KamtrustError(
            f"{source}: the group has only {n} result{'s' if n != 1 else ''}, fewer than its anonymity "
            f"threshold of {min_group}; no comparison is made with so few people"
        )
    factors = total.get("factors")
    if not isinstance(factors, dict):
        raise InputFileError(source, "is a damaged group summary: the total has no 'factors'")
    means = {f.id: _mean(factors.get(f.id)) for f in q.factors}
    for fid, value in means.items():
        if value is not None and not 0 <= value <= 100:
            raise InputFileError(source, f"is a damaged group summary: the mean of '{fid}' is {value}, outside 0-100")
    if all(v is None for v in means.values()):
        raise InputFileError(source, f"is a damaged group summary: it has no factor means for {q.id}")
    poles_doc: dict[str, Any] = total["poles"] if isinstance(total.get("poles"), dict) else {}
    poles = {pid: _mean(poles_doc.get(pid)) for pid in ("proximity", "perspective")}
    generated = doc.get("generated_at") if isinstance(doc.get("generated_at"), str) else None
    return GroupMeans(
        source=source,
        n=n,
        min_group=min_group,
        generated_at=generated,
        questionnaire_version=version,
        factors=means,
        poles=poles,
        overall=_mean(total.get("overall")),
        warnings=tuple(warnings),
    )
