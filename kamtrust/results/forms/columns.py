"""Which column holds what: items matched by id or text, participant fields, the timestamp."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kamtrust.errors import KamtrustError, UsageError
from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.forms.mapfile import FormMap
from kamtrust.results.forms.table import norm

TIMESTAMP_HEADERS = (
    "timestamp",
    "marca temporal",
    "completion time",
    "hora de finalización",
    "start time",
    "hora de inicio",
    "fecha",
    "date",
)
"""Headers recognised as the submission time, best first (Google and Microsoft, en and es).

Microsoft Forms has both 'Start time' and 'Completion time': the submission is the completion.
"""

EMAIL_HEADERS = (
    "email",
    "email address",
    "e-mail",
    "correo",
    "correo electrónico",
    "dirección de correo electrónico",
    "dirección de correo",
)
"""Headers recognised as the respondent's e-mail (Google's collected address, Microsoft's 'Email')."""

NAME_HEADERS = ("nombre", "name", "nombre completo", "full name", "nombre y apellidos", "tu nombre", "your name")
"""Headers recognised as the respondent's name (the forms guide's question, Microsoft's 'Name')."""

ACCOUNT_HEADERS = ("cuenta", "account", "cuenta clave", "key account", "cliente", "client", "cuenta cliente")
"""Headers recognised as the client account (the forms guide's question)."""

_NUMBERING = re.compile(r"^\s*\d{1,3}\s*[.)-]\s*")
_GRID = re.compile(r"^(.*)\[([^\[\]]+)\]\s*$")
NEAR_MISS = 0.6
"""How alike (difflib's ratio) a header must be to an item's text to be suggested for it."""


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds what (0-based indexes)."""

    items: dict[int, str]
    """Column -> item id."""
    languages: dict[int, str | None]
    """Column -> language of the item text it matched (None when matched by id or a map file)."""
    name: int | None = None
    account: int | None = None
    cohort: int | None = None
    timestamp: int | None = None
    email: int | None = None
    missing: list[str] = field(default_factory=list)
    """Item ids with no column (allowed only with --allow-missing-items)."""
    unmatched: list[str] = field(default_factory=list)
    """Headers of columns that are neither items nor participant fields."""


def _item_lookup(q: Questionnaire) -> dict[str, tuple[str, str | None]]:
    """Normalised item id or text -> (item id, language of the text)."""
    table: dict[str, tuple[str, str | None]] = {}
    for item in q.items.values():
        for lang, text in item.text.items():
            table.setdefault(norm(text), (item.id, lang))
    for item_id in q.items:
        table[norm(item_id)] = (item_id, None)
    return table


def match_header(
    header: str, q: Questionnaire, lookup: Mapping[str, tuple[str, str | None]] | None = None
) -> tuple[str, str | None] | None:
    """The item a column header names, and the language it was written in.

    Accepted: the item id; the item's exact text in any language (case and spacing aside),
    optionally numbered ("12. ", "12) "); a header starting with the item id ("cred_1. text");
    a Google Forms grid header "Title [item text or id]"; and a Microsoft Forms Likert header
    "Title.Statement" (the title may hold dots too: every split is tried, longest statement first).
    """
    lookup = lookup if lookup is not None else _item_lookup(q)
    candidates = [header]
    grid = _GRID.match(header)
    if grid:
        candidates.append(grid.group(2))
    found = _first_match(candidates, q, lookup)
    if found is not None:
        return found
    dots = [i for i, ch in enumerate(header) if ch == "."]
    for i in dots:
        key = norm(header[i + 1 :])
        if key in lookup and lookup[key][1] is not None:  # a statement's text, never a bare id
            return lookup[key]
    return None


def _first_match(
    candidates: Sequence[str], q: Questionnaire, lookup: Mapping[str, tuple[str, str | None]]
) -> tuple[str, str | None] | None:
    for cand in candidates:
        key = norm(cand)
        if key in lookup:
            return lookup[key]
        unnumbered = norm(_NUMBERING.sub("", cand))
        if unnumbered in lookup:
            return lookup[unnumbered]
        first = re.split(r"[\s.:)\]-]", key.lstrip("[("), maxsplit=1)[0]
        if first in q.items:
            return first, None
    return None


def _find_column(header: Sequence[str], wanted: str | None, option: str, lang: str) -> int | None:
    if wanted is None:
        return None
    if wanted.isdigit() and 1 <= int(wanted) <= len(header):
        return int(wanted) - 1
    for i, h in enumerate(header):
        if norm(h) == norm(wanted):
            return i
    shown = ", ".join(repr(h[:40]) for h in header[:8]) + (", …" if len(header) > 8 else "")
    raise UsageError(t(lang, "imp_no_such_column", option=option, wanted=wanted, shown=shown))


def map_columns(
    header: Sequence[str],
    q: Questionnaire,
    *,
    name_column: str | None = None,
    account_column: str | None = None,
    cohort_column: str | None = None,
    timestamp_column: str | None = None,
    form_map: FormMap | None = None,
    allow_missing: bool = False,
    source: str = "",
    lang: str = "en",
) -> ColumnMap:
    """Match every column. KamtrustError when no column names an item, two name the same one,
    or (unless ``allow_missing``) an item has no column: that error shows the near misses.
    """
    fields: dict[str, int | None] = {
        "name": _find_column(header, name_column, "--name-column", lang),
        "account": _find_column(header, account_column, "--account-column", lang),
        "cohort": _find_column(header, cohort_column, "--cohort-column", lang),
        "timestamp": _find_column(header, timestamp_column, "--timestamp-column", lang),
        "email": None,
    }
    mapped: dict[int, str] = {}
    if form_map is not None:
        mapped = _mapped_columns(header, form_map, source, lang)
        _map_fields(fields, mapped, header, form_map.source, lang)
    _recognise_fields(fields, header)
    taken = {c for c in fields.values() if c is not None}
    found = _item_columns(header, q, taken, mapped, source, lang)
    if not found.items:
        raise KamtrustError(
            t(lang, "imp_no_items", source=source, qid=q.id, version=q.version, example=next(iter(q.items)))
        )
    matched = set(found.items.values())
    missing = [i for i in q.items if i not in matched]
    if missing and not allow_missing:
        free = [(i, h) for i, h in enumerate(header) if i not in taken and i not in found.items and h]
        raise KamtrustError(missing_items_message(missing, free, q, source, lang))
    return ColumnMap(found.items, found.languages, missing=missing, unmatched=found.unmatched, **fields)


def _map_fields(
    fields: dict[str, int | None], mapped: Mapping[int, str], header: Sequence[str], map_name: str, lang: str
) -> None:
    """Give the participant fields their mapped columns; a field given two columns is refused.

    A second column (from an option or another map line) would otherwise be read as an item
    named after the field, and every row left out as unusable.
    """
    for col, target in mapped.items():
        if target not in fields:
            continue
        before = fields[target]
        if before is None:
            fields[target] = col
        elif before != col:
            raise KamtrustError(
                t(
                    lang,
                    "imp_map_field_twice",
                    map=map_name,
                    field=target,
                    a=before + 1,
                    ha=repr(header[before][:40]),
                    b=col + 1,
                    hb=repr(header[col][:40]),
                )
            )


def _recognise_fields(fields: dict[str, int | None], header: Sequence[str]) -> None:
    """Fill the participant fields still unknown from the headers Google and Microsoft Forms write."""
    normalised = [norm(h) for h in header]
    for key, wanted in (("timestamp", TIMESTAMP_HEADERS), ("email", EMAIL_HEADERS)):
        if fields[key] is None:
            fields[key] = next((normalised.index(w) for w in wanted if w in normalised), None)
    for key, wanted in (("name", NAME_HEADERS), ("account", ACCOUNT_HEADERS)):
        if fields[key] is None:
            # The last such column: a Microsoft form's own 'Name' (often 'anonymous') comes
            # before the form's Name question.
            used = {c for c in fields.values() if c is not None}
            hits = [i for i, h in enumerate(normalised) if h in wanted and i not in used]
            fields[key] = hits[-1] if hits else None


@dataclass
class _ItemColumns:
    """The columns matched to items, and the headers that matched nothing."""

    items: dict[int, str] = field(default_factory=dict)
    languages: dict[int, str | None] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def _item_columns(
    header: Sequence[str], q: Questionnaire, taken: set[int], mapped: Mapping[int, str], source: str, lang: str
) -> _ItemColumns:
    """Each column not taken by a participant field, matched to an item (by the map file, else its header).

    KamtrustError when two columns match the same item.
    """
    lookup = _item_lookup(q)
    found = _ItemColumns()
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if i in taken:
            continue
        match = (mapped[i], None) if i in mapped else match_header(h, q, lookup)
        if match is None:
            if h:
                found.unmatched.append(h)
            continue
        item_id, item_lang = match
        if item_id in seen:
            raise KamtrustError(t(lang, "imp_two_columns", source=source, a=seen[item_id] + 1, b=i + 1, item=item_id))
        seen[item_id] = i
        found.items[i] = item_id
        found.languages[i] = item_lang
    return found


def _mapped_columns(header: Sequence[str], form_map: FormMap, source: str, lang: str) -> dict[int, str]:
    normalised = {norm(h): i for i, h in reversed(list(enumerate(header)))}
    found: dict[int, str] = {}
    unknown = []
    for key, target in form_map.columns.items():
        if isinstance(key, int):
            col = key - 1 if 1 <= key <= len(header) else None
        else:
            col = normalised.get(key)
        if col is None:
            unknown.append(str(key))
        else:
            found[col] = target
    if unknown:
        raise KamtrustError(
            t(
                lang,
                "imp_map_unknown_columns",
                map=form_map.source,
                source=source,
                columns=", ".join(map(repr, unknown)),
            )
        )
    return found


def near_misses(
    missing: Sequence[str], free: Sequence[tuple[int, str]], q: Questionnaire
) -> dict[str, tuple[int, str, float]]:
    """For each missing item, the most alike unmatched header (column, header, likeness) above NEAR_MISS."""
    guesses: dict[str, tuple[int, str, float]] = {}
    for item_id in missing:
        texts = [norm(x) for x in q.items[item_id].text.values()] + [norm(item_id)]
        best: tuple[int, str, float] | None = None
        for col, h in free:
            grid = _GRID.match(h)
            cand = norm(_NUMBERING.sub("", grid.group(2) if grid else h))
            matcher = difflib.SequenceMatcher(None, "", cand, autojunk=False)
            for text in texts:
                matcher.set_seq1(text)
                if matcher.real_quick_ratio() < NEAR_MISS or matcher.quick_ratio() < NEAR_MISS:
                    continue
                ratio = matcher.ratio()
                if ratio >= NEAR_MISS and (best is None or ratio > best[2]):
                    best = (col, h, ratio)
        if best:
            guesses[item_id] = best
    return guesses


def missing_items_message(
    missing: Sequence[str], free: Sequence[tuple[int, str]], q: Questionnaire, source: str, lang: str
) -> str:
    """The refusal for items without a column: the near-miss headers and a map file to copy."""
    guesses = near_misses(missing, free, q)
    lines = [t(lang, "imp_missing_items", source=source, n=len(missing), qid=q.id, version=q.version)]
    shown = 10
    for item_id in missing[:shown]:
        text = q.items[item_id].text.get(lang) or next(iter(q.items[item_id].text.values()))
        guess = guesses.get(item_id)
        near = (
            t(lang, "imp_near_miss", col=guess[0] + 1, header=_short(guess[1], 60), pct=round(guess[2] * 100))
            if guess
            else t(lang, "imp_no_near_miss")
        )
        lines.append(f"  {item_id} '{_short(text, 50)}': {near}")
    if len(missing) > shown:
        lines.append("  " + t(lang, "imp_and_more", n=len(missing) - shown))
    if guesses:
        lines.append(t(lang, "imp_map_snippet"))
        lines.append("  columns:")
        lines.extend(f"    {json.dumps(h, ensure_ascii=False)}: {item_id}" for item_id, (_, h, _) in guesses.items())
    lines.append(t(lang, "imp_missing_hint"))
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def column_label(header: Sequence[str], col: int, item_id: str) -> str:
    """'5 (cred_1)': a column's number and the item it holds."""
    return f"{col + 1} ({item_id})"
