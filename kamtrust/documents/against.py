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


def parse_summary(doc: Any, source: str, q: Questionnaire) -> GroupMeans:
    """Check a parsed summary document against ``q``; KamtrustError says what stops its use.

    The checks run in the document's order and stop at the first problem: a damaged file
    (InputFileError), or a sound summary that cannot be stood beside (another questionnaire,
    a group withheld or under its anonymity threshold).
    """
    _require_summary(doc, source)
    version = _questionnaire_version(doc, source, q)
    warnings = []
    if version != q.version:
        warnings.append(f"{source}: the group answered {q.id} {version}; this profile is scored with {q.version}")
    min_group = _min_group(doc, source)
    total = doc.get("total")
    if not isinstance(total, dict):
        raise _damaged(source, "'total' is missing")
    n = _group_size(total, source, min_group)
    factors = _factor_means(total, source, q)
    poles_doc: dict[str, Any] = total["poles"] if isinstance(total.get("poles"), dict) else {}
    generated = doc.get("generated_at") if isinstance(doc.get("generated_at"), str) else None
    return GroupMeans(
        source=source,
        n=n,
        min_group=min_group,
        generated_at=generated,
        questionnaire_version=version,
        factors=factors,
        poles={pid: _mean(poles_doc.get(pid)) for pid in ("proximity", "perspective")},
        overall=_mean(total.get("overall")),
        warnings=tuple(warnings),
    )


def _damaged(source: str, what: str) -> InputFileError:
    return InputFileError(source, f"is a damaged group summary: {what}")


def _require_summary(doc: Any, source: str) -> None:
    """Refuse anything but a JSON object with the summary's schema (a result gets its own words)."""
    if not isinstance(doc, dict):
        raise InputFileError(source, "is not a kamtrust group summary (expected a JSON object)")
    schema = doc.get("schema")
    if schema == SUMMARY_SCHEMA:
        return
    if isinstance(schema, str) and schema.startswith("kamtrust.result/"):
        raise InputFileError(
            source,
            "is a person's result, not a group summary; --against needs the JSON summary a trainer "
            "makes with 'kamtrust group summary --format json'",
        )
    raise InputFileError(
        source, f"is not a kamtrust group summary (its 'schema' is {schema!r}, expected '{SUMMARY_SCHEMA}')"
    )


def _questionnaire_version(doc: dict[str, Any], source: str, q: Questionnaire) -> str:
    """The version the group answered ("?" when unsaid), once the summary is known to be of ``q``'s id."""
    qdoc = doc.get("questionnaire")
    if not (isinstance(qdoc, dict) and isinstance(qdoc.get("id"), str)):
        raise _damaged(source, "'questionnaire' must hold an 'id'")
    if qdoc["id"] != q.id:
        raise KamtrustError(
            f"{source}: summarises questionnaire '{qdoc['id']}', but the result was made with '{q.id}'; "
            "a profile can only stand beside a group that answered the same questionnaire"
        )
    return str(qdoc["version"]) if isinstance(qdoc.get("version"), str) else "?"


def _min_group(doc: dict[str, Any], source: str) -> int:
    min_group = doc.get("min_group")
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < 1:
        raise _damaged(source, "'min_group' must be a whole number of at least 1")
    return min_group


def _group_size(total: dict[str, Any], source: str, min_group: int) -> int:
    """The total's number of people, refused when withheld or under the anonymity threshold."""
    n: object = total.get("n")
    if total.get("suppressed") is True or n is None:
        reason = total.get("reason")
        raise KamtrustError(
            f"{source}: the group's results are withheld ({reason or 'too few people'}); "
            f"standing beside a group needs a summary of at least {min_group} people"
        )
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise _damaged(source, "the total's 'n' must be a whole number")
    if n < min_group:
        raise KamtrustError(
            f"{source}: the group has only {n} result{'s' if n != 1 else ''}, fewer than its anonymity "
            f"threshold of {min_group}; no comparison is made with so few people"
        )
    return n


def _factor_means(total: dict[str, Any], source: str, q: Questionnaire) -> dict[str, float | None]:
    """The total's mean per factor of ``q`` (None when missing); at least one, each within 0-100."""
    factors = total.get("factors")
    if not isinstance(factors, dict):
        raise _damaged(source, "the total has no 'factors'")
    means = {f.id: _mean(factors.get(f.id)) for f in q.factors}
    for fid, value in means.items():
        if value is not None and not 0 <= value <= 100:
            raise _damaged(source, f"the mean of '{fid}' is {value}, outside 0-100")
    if all(v is None for v in means.values()):
        raise _damaged(source, f"it has no factor means for {q.id}")
    return means
