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
from kamtrust.i18n import plural
from kamtrust.inputfile import InputReasonError, Reason, parse_json, read_bytes, reason
from kamtrust.localerror import Figure, ReasonError
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
    """Things a user should know, e.g. a different questionnaire version (in English)."""
    said: tuple[Reason, ...] = field(default=(), compare=False)
    """The same warnings as catalogue keys, for :meth:`warnings_in`."""

    def warnings_in(self, lang: str) -> tuple[str, ...]:
        """The warnings in ``lang``."""
        return tuple(why.text(lang) for why in self.said) if self.said else self.warnings

    @property
    def date(self) -> str:
        """The day the summary was made, or a dash."""
        return (self.generated_at or "")[:10] or "—"


def read_summary(path: Path, q: Questionnaire) -> GroupMeans:
    """Read, check and reduce the summary at ``path`` to its total group's means."""
    name = str(path)
    raw = read_bytes(path, name, what="group summary file")
    return parse_summary(summary_json(raw, name), name, q)


SUMMARY_KIND = "kamtrust group summary"
"""How errors name the document --against expects (a catalogue noun: said in the user's language)."""


def summary_json(raw: bytes, name: str) -> Any:
    """The JSON document in ``raw``; a file that is not JSON at all (a CSV, Markdown or YAML
    output given by mistake) is refused as such, not with the JSON parser's words."""
    try:
        return parse_json(raw, name, kind=SUMMARY_KIND)
    except InputReasonError as exc:
        # A summary starts with "{": a file that does not was never JSON, and the parser's
        # "Expecting value" would only puzzle. A broken JSON keeps its line and column.
        if exc.reason.key == "json_invalid" and raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
            raise InputReasonError(name, reason("ag_not_json")) from None
        raise


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
    said = []
    if version != q.version:
        said.append(reason("ag_other_version", path=source, id=q.id, group=version, version=q.version))
    min_group = _min_group(doc, source)
    total = doc.get("total")
    if not isinstance(total, dict):
        raise _damaged(source, "ag_no_total")
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
        warnings=tuple(why.text("en") for why in said),
        said=tuple(said),
    )


def _damaged(source: str, key: str, **values: Any) -> InputReasonError:
    """The refusal of a summary whose part ``key`` (a catalogue key, with ``values``) is wrong."""
    return InputReasonError(source, Reason("ag_damaged", parts=(reason(key, **values),)))


def _require_summary(doc: Any, source: str) -> None:
    """Refuse anything but a JSON object with the summary's schema (a result gets its own words)."""
    if not isinstance(doc, dict):
        raise InputReasonError(source, reason("ag_not_object"))
    schema = doc.get("schema")
    if schema == SUMMARY_SCHEMA:
        return
    if isinstance(schema, str) and schema.startswith("kamtrust.result/"):
        raise InputReasonError(source, reason("ag_a_result"))
    raise InputReasonError(source, reason("ag_schema", schema=repr(schema), expected=SUMMARY_SCHEMA))


def _questionnaire_version(doc: dict[str, Any], source: str, q: Questionnaire) -> str:
    """The version the group answered ("?" when unsaid), once the summary is known to be of ``q``'s id."""
    qdoc = doc.get("questionnaire")
    if not (isinstance(qdoc, dict) and isinstance(qdoc.get("id"), str)):
        raise _damaged(source, "ag_questionnaire")
    if qdoc["id"] != q.id:
        raise ReasonError(reason("ag_other_questionnaire", path=source, group=qdoc["id"], id=q.id))
    return str(qdoc["version"]) if isinstance(qdoc.get("version"), str) else "?"


def _min_group(doc: dict[str, Any], source: str) -> int:
    min_group = doc.get("min_group")
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < 1:
        raise _damaged(source, "ag_min_group")
    return min_group


def _group_size(total: dict[str, Any], source: str, min_group: int) -> int:
    """The total's number of people, refused when withheld or under the anonymity threshold."""
    n: object = total.get("n")
    if total.get("suppressed") is True or n is None:
        why = total.get("reason")
        raise ReasonError(reason("ag_withheld", path=source, why=why or reason("ag_too_few"), min_group=min_group))
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise _damaged(source, "ag_n")
    if n < min_group:
        key = plural("ag_under_threshold", n)
        raise ReasonError(reason(key, path=source, n=n, min_group=min_group))
    return n


def _factor_means(total: dict[str, Any], source: str, q: Questionnaire) -> dict[str, float | None]:
    """The total's mean per factor of ``q`` (None when missing); at least one, each within 0-100."""
    factors = total.get("factors")
    if not isinstance(factors, dict):
        raise _damaged(source, "ag_no_factors")
    means = {f.id: _mean(factors.get(f.id)) for f in q.factors}
    for fid, value in means.items():
        if value is not None and not 0 <= value <= 100:
            raise _damaged(source, "ag_mean_outside", id=fid, mean=Figure(value))
    if all(v is None for v in means.values()):
        raise _damaged(source, "ag_no_means", id=q.id)
    return means
