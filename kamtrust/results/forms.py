"""Read an online form's spreadsheet export (Google Forms, Microsoft Forms) into answers.

One row per respondent, one column per question. Pure apart from the bytes given: decoding,
separator sniffing, matching columns to items, parsing numbers or labels, and building
result documents. The CLI reads the file and writes the results.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kamtrust.engine.scoring import score
from kamtrust.errors import InputFileError, KamtrustError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, Result, build_result, now_utc

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
"""Headers recognised as the submission time, best first (Google and Microsoft, en and es)."""

_NUMBERING = re.compile(r"^\s*\d{1,3}\s*[.)-]\s*")
_GRID = re.compile(r"^(.*)\[([^\[\]]+)\]\s*$")
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+)(?:[.,]0+)?\s*(?:[-.:)–]\s*(.*))?$")
_DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%d/%m/%Y",
    "%Y/%m/%d %H:%M:%S",
)


def norm(text: str) -> str:
    """Text compared loosely: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class FormTable:
    """The decoded export: header and rows (each with its 1-based row number in the file)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    sep: str
    encoding: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(text: str) -> str:
    """The separator (';', ',' or tab) that splits the header and the first rows alike.

    Counting characters is not enough: Spanish item texts in the header are full of commas in a
    semicolon file. The separator that gives every row as many fields as the header wins; among
    several, the one giving most fields; when none fits, the most frequent in the header.
    """
    sample = text[:65536]
    best, best_cols = None, 0
    for sep in (";", ",", "\t"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=sep) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        rows = rows[:20] if len(sample) < len(text) else rows
        if len(rows) > 1 and len(rows[-1]) < len(rows[0]) and len(sample) < len(text):
            rows = rows[:-1]  # the sample may cut the last row short
        width = len(rows[0]) if rows else 0
        if width > 1 and all(len(r) == width for r in rows[1:21]) and width > best_cols:
            best, best_cols = sep, width
    if best is not None:
        return best
    header = sample.lstrip("\r\n").splitlines()[0] if sample.strip() else ""
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside.count(sep) for sep in (";", ",", "\t")}
    top = max(counts, key=lambda k: counts[k])
    return top if counts[top] else ","


def read_table(data: bytes, source: str, sep: str | None = None) -> FormTable:
    """Parse the CSV export; InputFileError when it is empty or not a table."""
    text, encoding = decode(data)
    if not text.strip():
        raise InputFileError(source, "is empty")
    sep = sep or sniff_separator(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputFileError(source, f"is not a readable CSV file ({exc})") from None
    lines = [(n, row) for n, row in lines if any(cell.strip() for cell in row)]
    if not lines:
        raise InputFileError(source, "is empty")
    (_, header), rows = lines[0], lines[1:]
    if len(header) < 2:
        raise InputFileError(source, "has a single column: is it a CSV export of a form (one column per question)?")
    return FormTable([h.strip() for h in header], rows, sep, encoding)


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds what (0-based indexes)."""

    items: dict[int, str]
    """Column -> item id."""
    languages: dict[int, str | None]
    """Column -> language of the item text it matched (None when matched by id)."""
    name: int | None = None
    account: int | None = None
    cohort: int | None = None
    timestamp: int | None = None
    unmatched: list[str] = field(default_factory=list)
    """Headers of columns that are neither items nor mapped participant fields."""


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
    and a Google Forms grid header "Title [item text or id]".
    """
    lookup = lookup if lookup is not None else _item_lookup(q)
    candidates = [header]
    grid = _GRID.match(header)
    if grid:
        candidates.append(grid.group(2))
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


def _find_column(header: Sequence[str], wanted: str | None, option: str) -> int | None:
    if wanted is None:
        return None
    if wanted.isdigit() and 1 <= int(wanted) <= len(header):
        return int(wanted) - 1
    for i, h in enumerate(header):
        if norm(h) == norm(wanted):
            return i
    shown = ", ".join(repr(h[:40]) for h in header[:8]) + (", …" if len(header) > 8 else "")
    raise KamtrustError(f"{option} '{wanted}': no such column; the columns are: {shown}")


def map_columns(
    header: Sequence[str],
    q: Questionnaire,
    *,
    name_column: str | None = None,
    account_column: str | None = None,
    cohort_column: str | None = None,
    timestamp_column: str | None = None,
    source: str = "",
) -> ColumnMap:
    """Match every column; KamtrustError when no column names an item or two name the same one."""
    name = _find_column(header, name_column, "--name-column")
    account = _find_column(header, account_column, "--account-column")
    cohort = _find_column(header, cohort_column, "--cohort-column")
    timestamp = _find_column(header, timestamp_column, "--timestamp-column")
    if timestamp is None:
        normalised = [norm(h) for h in header]
        for wanted in TIMESTAMP_HEADERS:
            if wanted in normalised:
                timestamp = normalised.index(wanted)
                break
    taken = {c for c in (name, account, cohort, timestamp) if c is not None}
    lookup = _item_lookup(q)
    items: dict[int, str] = {}
    languages: dict[int, str | None] = {}
    seen: dict[str, int] = {}
    unmatched = []
    for i, h in enumerate(header):
        if i in taken:
            continue
        found = match_header(h, q, lookup)
        if found is None:
            if h:
                unmatched.append(h)
            continue
        item_id, lang = found
        if item_id in seen:
            raise KamtrustError(
                f"{source}: columns {seen[item_id] + 1} and {i + 1} both match item {item_id}; remove one of them"
            )
        seen[item_id] = i
        items[i] = item_id
        languages[i] = lang
    if not items:
        raise KamtrustError(
            f"{source}: no column matches an item of {q.id} {q.version}. Column headers must be item ids "
            f"(e.g. {next(iter(q.items))}) or the items' exact texts; see 'kamtrust questionnaire export {q.id}'"
        )
    return ColumnMap(items, languages, name, account, cohort, timestamp, unmatched)


def label_lookup(q: Questionnaire) -> dict[str, int]:
    """Every scale label in every language (normalised) -> its point."""
    table: dict[str, int] = {}
    for point, text in q.scale.labels.items():
        for label in text.values():
            table.setdefault(norm(label), point)
    return table


def parse_answer(cell: str, q: Questionnaire, labels: Mapping[str, int]) -> int | None:
    """A cell as a point of the scale; None when blank. ValueError says what is wrong.

    Accepted: a whole number ("4", "4.0"), a label in any language, or both ("4 - Often").
    """
    text = cell.strip()
    if not text:
        return None
    lo, hi = q.scale.min, q.scale.max
    key = norm(text)
    if key in labels:
        return labels[key]
    m = _LEADING_NUMBER.match(text)
    if m:
        value = int(m.group(1))
        rest = m.group(2)
        if rest and norm(rest) in labels and labels[norm(rest)] != value:
            raise ValueError(f"'{text}': the number and the label disagree")
        if not lo <= value <= hi:
            raise ValueError(f"{value} is outside the scale {lo}..{hi}")
        return value
    raise ValueError(f"'{text}' is neither a number from {lo} to {hi} nor one of the scale's labels")


def parse_timestamp(text: str, day_first: bool = True) -> str | None:
    """A form's timestamp as ISO 8601 UTC (like ``assess``), or None when unreadable.

    Forms export local time without a zone; it is read as this computer's local time, which is
    the trainer's and, in practice, the form's.
    """
    text = text.strip()
    if not text:
        return None
    parsed = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        formats = _DATE_FORMATS if day_first else tuple(f.replace("%d/%m", "%m/%d") for f in _DATE_FORMATS)
        for fmt in formats:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    try:
        utc = parsed.astimezone(UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return utc.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def day_first(values: Sequence[str], sep: str) -> bool:
    """Whether dates read day/month: decided by any unambiguous value, else by the separator.

    Spanish exports (';') write 23/11/2026, English Google Forms 11/23/2026.
    """
    for v in values:
        m = re.match(r"\s*(\d{1,2})/(\d{1,2})/", v)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                return True
            if b > 12 >= a:
                return False
    return sep == ";"


@dataclass(frozen=True)
class RowProblem:
    """Why a row was left out."""

    row: int
    """Row number in the file (the header is row 1)."""
    column: str
    """Number, header (shortened) and item id; empty for the whole row."""
    message: str

    def __str__(self) -> str:
        where = f", column {self.column}" if self.column else ""
        return f"row {self.row}{where}: {self.message}"


@dataclass(frozen=True)
class FormRow:
    """One usable respondent row."""

    row: int
    answers: dict[str, int]
    name: str | None
    account: str | None
    cohort: str | None
    created_at: str | None
    language: str | None


def _cell(row: Sequence[str], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    value = row[index].strip()
    return value or None


def _column_label(header: Sequence[str], col: int, item_id: str) -> str:
    text = header[col]
    short = text if len(text) <= 40 else text[:39] + "…"
    return f"{col + 1} '{short}' ({item_id})" if norm(text) != norm(item_id) else f"{col + 1} ({item_id})"


def read_rows(
    table: FormTable, cmap: ColumnMap, q: Questionnaire, *, cohort: str | None = None, account: str | None = None
) -> tuple[list[FormRow], list[RowProblem]]:
    """Every row's answers; a row with an unusable value is left out and each problem reported."""
    labels = label_lookup(q)
    stamps = [row[cmap.timestamp] for _, row in table.rows if cmap.timestamp is not None and cmap.timestamp < len(row)]
    dmy = day_first(stamps, table.sep)
    good: list[FormRow] = []
    problems: list[RowProblem] = []
    for number, row in table.rows:
        answers: dict[str, int] = {}
        row_problems = []
        langs: list[str] = []
        for col, item_id in cmap.items.items():
            cell = row[col] if col < len(row) else ""
            try:
                value = parse_answer(cell, q, labels)
            except ValueError as exc:
                row_problems.append(RowProblem(number, _column_label(table.header, col, item_id), str(exc)))
                continue
            if value is not None:
                answers[item_id] = value
                lang = cmap.languages.get(col)
                if lang:
                    langs.append(lang)
        if not row_problems and not answers:
            row_problems.append(RowProblem(number, "", "no answers"))
        if row_problems:
            problems.extend(row_problems)
            continue
        stamp = _cell(row, cmap.timestamp)
        created = parse_timestamp(stamp, dmy) if stamp else None
        good.append(
            FormRow(
                number,
                answers,
                _cell(row, cmap.name),
                _cell(row, cmap.account) or account,
                _cell(row, cmap.cohort) or cohort,
                created,
                max(set(langs), key=langs.count) if langs else None,
            )
        )
    return good, problems


def build_results(q: Questionnaire, rows: Sequence[FormRow], language: str | None = None) -> list[Result]:
    """A complete result per row, each with a fresh random participant id.

    Blank cells are skipped items (as when skipping in ``assess``); the profile follows the
    scoring rules, so a factor with too few answers has no score.
    """
    results = []
    for row in rows:
        lang = language or row.language or q.languages[0]
        participant = Participant(str(uuid.uuid4()), row.name, row.account, row.cohort)
        results.append(
            build_result(
                q,
                row.answers,
                score(q, row.answers),
                language=lang,
                participant=participant,
                created_at=row.created_at or now_utc(),
            )
        )
    return results
