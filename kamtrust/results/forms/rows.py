"""The rows of a form export as answers, dates and people; what is left out, and why.

Nothing is substituted silently: a row without a date, with an answer that is no point of the
scale, with too few answers to score anything, or an earlier submission of the same person is
left out with its reason; whole-column problems (ambiguous dates) refuse the import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from kamtrust.engine.scoring import Profile, score
from kamtrust.errors import KamtrustError
from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.forms import timestamps as ts
from kamtrust.results.forms.answers import AnswerValueError, label_lookup, parse_answer
from kamtrust.results.forms.columns import ColumnMap
from kamtrust.results.forms.table import Cell, FormTable, cell_text, norm

ANONYMOUS = frozenset({"anonymous", "anónimo", "anonimo", "anonyme"})
"""What Microsoft Forms writes in the Email and Name columns of an anonymous form."""


@dataclass(frozen=True)
class FormRow:
    """One usable respondent row."""

    row: int
    """Row number in the file (the header is row 1)."""
    answers: dict[str, int]
    name: str | None
    account: str | None
    cohort: str | None
    email: str | None
    created_at: str | None
    """ISO 8601 UTC; None only with --allow-undated."""
    language: str | None
    profile: Profile
    stamp_text: str | None = None
    """The timestamp cell as written: the row's identity, whatever reading (--timezone,
    --date-format) turned it into ``created_at``."""

    @property
    def person(self) -> str | None:
        """Who answered, for telling duplicates: the e-mail, else the name; None when unknown."""
        if self.email:
            return "email:" + norm(self.email)
        if self.name:
            return "name:" + norm(self.name)
        return None


@dataclass(frozen=True)
class Skipped:
    """A row left out: its number, the catalogue key of the reason and the reason's values."""

    row: int
    reason: str
    values: dict[str, Any] = field(default_factory=dict)
    superseded: FormRow | None = field(default=None, compare=False)
    """For an earlier submission left out: the row itself (its file may exist from an earlier import)."""


@dataclass
class BadValue:
    """One distinct unusable answer text, summarised once: how many cells, where."""

    text: str
    kind: str
    cells: int = 0
    columns: dict[int, str] = field(default_factory=dict)
    """Column (0-based) -> item id."""
    rows: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Dates:
    """How the timestamp column was read, for the summary."""

    order: ts.Order
    local: bool
    """Some value had no time zone: read as local time in ``zone_name``."""
    serial: bool
    """Some value was an Excel serial number."""
    zone_name: str
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True)
class ReadOutcome:
    """Everything read from the rows."""

    rows: list[FormRow]
    skipped: list[Skipped]
    bad_values: list[BadValue]
    dates: Dates
    duplicates_kept: list[Skipped] = field(default_factory=list)
    """Duplicates kept because --keep-duplicates said so (reported, not left out)."""


class _ParsedCells(dict[Cell, "int | None | AnswerValueError"]):
    """Answer cell -> its point (None: blank), or the AnswerValueError that refuses it; parsed once."""

    def __init__(self, q: Questionnaire, lookup: Mapping[str, int | None]) -> None:
        super().__init__()
        self.q, self.lookup = q, lookup
        self.errors: set[AnswerValueError] = set()

    def __missing__(self, cell: Cell) -> int | None | AnswerValueError:
        value: int | None | AnswerValueError
        try:
            value = parse_answer(cell, self.q, self.lookup)
        except AnswerValueError as exc:
            value = exc
            self.errors.add(exc)
        self[cell] = value
        return value


def _cell(row: Sequence[Cell], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    value = cell_text(row[index]).strip()
    return value or None


def _known(person: str | None) -> str | None:
    """A name or e-mail as written; None when blank or what an anonymous Microsoft form writes."""
    return None if person is None or norm(person) in ANONYMOUS else person


class _RowReader:
    """Reads each row's answers, language and person; gathers the unusable answers of every row."""

    def __init__(
        self,
        cmap: ColumnMap,
        q: Questionnaire,
        lookup: Mapping[str, int | None],
        account: str | None,
        cohort: str | None,
    ) -> None:
        self.cmap, self.q, self.account, self.cohort = cmap, q, account, cohort
        self.parsed = _ParsedCells(q, lookup)
        self.bad: dict[tuple[str, str], BadValue] = {}
        """(kind, text) -> its summary, in the order first met."""
        self.cols = list(cmap.items)
        self.item_ids = [cmap.items[c] for c in self.cols]
        self.col_langs = [cmap.languages.get(c) for c in self.cols]
        self.languages = {x for x in self.col_langs if x}
        self.only_lang = next(iter(self.languages)) if len(self.languages) == 1 else None
        self.width = max(self.cols) + 1

    def values(self, number: int, row: Sequence[Cell]) -> tuple[list[int | None | AnswerValueError], bool]:
        """The row's answer cells parsed, and whether one is unusable (then noted in ``bad``)."""
        if len(row) < self.width:
            row = [*row, *([""] * (self.width - len(row)))]
        parsed = self.parsed
        # A column holds a handful of distinct texts: each is parsed once (_ParsedCells).
        values = [parsed[row[c]] for c in self.cols]
        row_bad = bool(parsed.errors) and not parsed.errors.isdisjoint(values)
        if row_bad:
            self._note_bad(number, values)
        return values, row_bad

    def _note_bad(self, number: int, values: list[int | None | AnswerValueError]) -> None:
        for col, item_id, value in zip(self.cols, self.item_ids, values, strict=True):
            if isinstance(value, AnswerValueError):
                entry = self.bad.setdefault((value.kind, value.text), BadValue(value.text, value.kind))
                entry.cells += 1
                entry.columns[col] = item_id
                if not entry.rows or entry.rows[-1] != number:
                    entry.rows.append(number)

    def form_row(
        self, number: int, row: Sequence[Cell], values: list[int | None | AnswerValueError], created_at: str | None
    ) -> FormRow | Skipped:
        """The row as answers, person and profile; Skipped when it has too few answers to score."""
        answers: dict[str, int] = {i: v for i, v in zip(self.item_ids, values, strict=True) if v is not None}  # type: ignore[misc]
        profile = score(self.q, answers)
        if all(s.score is None for s in (*profile.factors.values(), *profile.poles.values())):
            return Skipped(number, "imp_skip_too_few", {"answered": len(answers), "total": len(self.q.items)})
        cmap = self.cmap
        return FormRow(
            number,
            answers,
            _known(_cell(row, cmap.name)),
            _cell(row, cmap.account) or self.account,
            _cell(row, cmap.cohort) or self.cohort,
            _known(_cell(row, cmap.email)),
            created_at,
            self._language(values, answers),
            profile,
            _cell(row, cmap.timestamp),
        )

    def _language(self, values: list[int | None | AnswerValueError], answers: dict[str, int]) -> str | None:
        """The language most of the row's answered items were asked in (None: by id, or none answered).

        On a tie, the language of the row's first answered column: the same on every run (a set's
        order changes with the hash seed).
        """
        if self.only_lang is not None or not self.languages:
            return self.only_lang if answers else None
        langs = [x for x, v in zip(self.col_langs, values, strict=True) if x and v is not None]
        return max(dict.fromkeys(langs), key=langs.count) if langs else None


def read_rows(
    table: FormTable,
    cmap: ColumnMap,
    q: Questionnaire,
    *,
    cohort: str | None = None,
    account: str | None = None,
    labels: Mapping[str, int | None] | None = None,
    date_format: str | None = None,
    zone: tzinfo | None = None,
    zone_name: str = "",
    allow_undated: bool = False,
    keep_duplicates: bool = False,
    source: str = "",
    lang: str = "en",
) -> ReadOutcome:
    """Every row's answers, date and person; the rows left out with their reasons.

    KamtrustError when the timestamp column is missing (unless ``allow_undated``) or its dates
    cannot be read without guessing the day/month order.
    """
    skipped: list[Skipped] = []
    if cmap.timestamp is None and not allow_undated:
        raise KamtrustError(t(lang, "imp_no_timestamp_column", source=source))
    created, dates = _read_dates(table, cmap, date_format, zone, zone_name, allow_undated, skipped, source, lang)
    reader = _RowReader(cmap, q, label_lookup(q, labels), account, cohort)
    left_out = {s.row for s in skipped}
    rows: list[FormRow] = []
    for number, row in table.rows:
        # Parsed first: the unusable answers of a row left out for its date are reported too.
        values, row_bad = reader.values(number, row)
        if number in left_out:
            continue
        if row_bad:
            skipped.append(Skipped(number, "imp_skip_bad_answers"))
            continue
        read = reader.form_row(number, row, values, created.get(number))
        if isinstance(read, Skipped):
            skipped.append(read)
        else:
            rows.append(read)
    deduped, dupes = _without_duplicates(rows)
    kept: list[Skipped] = []
    if keep_duplicates:
        kept = dupes
    else:
        rows = deduped
        skipped.extend(dupes)
    skipped.sort(key=lambda s: s.row)
    return ReadOutcome(rows, skipped, list(reader.bad.values()), dates, kept)


def _read_dates(
    table: FormTable,
    cmap: ColumnMap,
    date_format: str | None,
    zone: tzinfo | None,
    zone_name: str,
    allow_undated: bool,
    skipped: list[Skipped],
    source: str,
    lang: str,
) -> tuple[dict[int, str], Dates]:
    col = cmap.timestamp
    stamps: list[tuple[int, ts.Stamp]] = []
    for number, row in table.rows:
        cell = row[col] if col is not None and col < len(row) else ""
        try:
            stamp = ts.split(cell)
        except ts.StampError as exc:
            skipped.append(Skipped(number, "imp_skip_bad_date", {"value": str(exc)}))
            continue
        if stamp is None:
            if not allow_undated:
                skipped.append(Skipped(number, "imp_skip_no_date"))
            continue
        stamps.append((number, stamp))
    column = f"{col + 1} '{table.header[col]}'" if col is not None else ""
    order = _settle_order(stamps, date_format, column, source, lang)
    created: dict[int, str] = {}
    local = serial = False
    first = last = None
    for number, stamp in stamps:
        try:
            dt = ts.local_datetime(stamp, order.day_first, date_format)
            utc = ts.to_utc(dt, zone)
        except (ts.StampError, OverflowError, OSError, ValueError):
            skipped.append(_bad_date(number, stamp, order.day_first))
            continue
        local = local or dt.tzinfo is None
        serial = serial or _is_serial(stamp.text)
        created[number] = ts.iso_utc(utc)
        first = utc if first is None or utc < first else first
        last = utc if last is None or utc > last else last
    return created, Dates(order, local, serial, zone_name, first, last)


def _settle_order(
    stamps: list[tuple[int, ts.Stamp]], date_format: str | None, column: str, source: str, lang: str
) -> ts.Order:
    """The column's day/month order; KamtrustError, in words, when it cannot be told."""
    try:
        return ts.settle_order(stamps, date_format)
    except ts.AmbiguousDates as exc:
        raise KamtrustError(ambiguous_message(exc.example, exc.row, column, source, lang)) from None
    except ts.MixedDates as exc:
        (d, drow), (m, mrow) = exc.day, exc.month
        raise KamtrustError(
            t(lang, "imp_mixed_dates", source=source, column=column, day=d.text, drow=drow, month=m.text, mrow=mrow)
        ) from None
    except ts.FewSettlingDates as exc:
        raise KamtrustError(few_settling_message(exc, column, source, lang)) from None


def few_settling_message(exc: ts.FewSettlingDates, column: str, source: str, lang: str) -> str:
    """'Dates that read only one way, month first: 1 (11/23/2026, row 15); dates that read both ways: 13…'."""
    shown = 3
    examples = "; ".join(f"{s.text}, {t(lang, 'imp_row', row=r)}" for s, r in exc.settling[:shown])
    if len(exc.settling) > shown:
        examples += " " + t(lang, "imp_and_n_more", n=len(exc.settling) - shown)
    example, row = exc.example
    return t(
        lang,
        "imp_few_settling_dates",
        source=source,
        column=column,
        settling=len(exc.settling),
        order=t(lang, "imp_day_first_words" if exc.day_first else "imp_month_first_words"),
        examples=examples,
        ambiguous=exc.ambiguous,
        value=example.text,
        row=row,
        day_first=long_date(datetime(example.year, example.second, example.first), lang),
        month_first=long_date(datetime(example.year, example.first, example.second), lang),
    )


def _bad_date(number: int, stamp: ts.Stamp, day_first: bool | None) -> Skipped:
    """A row whose date does not fit: why, when it is the day/month order (no month 23)."""
    month = ts.missing_month(stamp, day_first)
    if month is None:
        return Skipped(number, "imp_skip_bad_date", {"value": stamp.text})
    key = "imp_skip_no_month_day_first" if day_first else "imp_skip_no_month_month_first"
    return Skipped(number, key, {"value": stamp.text, "month": month})


def _is_serial(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def ambiguous_message(example: ts.Stamp, row: int, column: str, source: str, lang: str) -> str:
    """'04/11/2026 reads as 4 November 2026 (day first) or 11 April 2026 (month first)'."""
    day = datetime(example.year, example.second, example.first)
    month = datetime(example.year, example.first, example.second)
    return t(
        lang,
        "imp_ambiguous_dates",
        source=source,
        column=column,
        value=example.text,
        row=row,
        day_first=long_date(day, lang),
        month_first=long_date(month, lang),
    )


def _without_duplicates(rows: list[FormRow]) -> tuple[list[FormRow], list[Skipped]]:
    """The latest row of each person and account; the earlier ones as Skipped (with the row kept)."""
    latest: dict[tuple[str, str], FormRow] = {}
    for row in rows:
        if row.person is None:
            continue
        key = (row.person, norm(row.account or ""))
        other = latest.get(key)
        if other is None or (row.created_at or "", row.row) >= (other.created_at or "", other.row):
            latest[key] = row
    kept, dupes = [], []
    for row in rows:
        winner = latest.get((row.person or "", norm(row.account or ""))) if row.person else None
        if winner is None or winner is row:
            kept.append(row)
            continue
        same = row.answers == winner.answers
        who = row.email or row.name or ""
        values = {"kept": winner.row, "who": who, "account": row.account or "—"}
        dupes.append(Skipped(row.row, "imp_skip_same_answers" if same else "imp_skip_earlier", values, row))
    return kept, dupes


_MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}


def long_date(day: datetime, lang: str) -> str:
    """'4 November 2026' / '4 de noviembre de 2026'."""
    if lang == "es":
        return f"{day.day} de {_MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def short_date(day: datetime, lang: str) -> str:
    """dd/mm/yyyy in Spanish, ISO yyyy-mm-dd (never ambiguous) in English."""
    return day.strftime("%d/%m/%Y") if lang == "es" else day.strftime("%Y-%m-%d")
