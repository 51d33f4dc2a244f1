"""The whole import as a library call: an export's bytes in, what to write and why out.

The CLI parses options, calls :func:`prepare`, prints the summary and writes
:func:`result_files` with :func:`kamtrust.batchwrite.write_batch`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import tzinfo

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.forms import build, columns, rows, table
from kamtrust.results.forms.jsontext import dumps_indented
from kamtrust.results.forms.mapfile import FormMap


@dataclass(frozen=True)
class ImportOptions:
    """How to read the export (the ``kamtrust import`` options)."""

    name_column: str | None = None
    account_column: str | None = None
    cohort_column: str | None = None
    timestamp_column: str | None = None
    cohort: str | None = None
    account: str | None = None
    form_map: FormMap | None = None
    sep: str | None = None
    date_format: str | None = None
    zone: tzinfo | None = None
    """Zone of times written without one; None: this computer's."""
    zone_name: str = ""
    allow_missing_items: bool = False
    allow_undated: bool = False
    keep_duplicates: bool = False


@dataclass(frozen=True)
class Prepared:
    """Everything decided before writing."""

    table: table.FormTable
    columns: columns.ColumnMap
    outcome: rows.ReadOutcome
    plan: build.Plan
    skipped: list[rows.Skipped]
    """Every row left out, in file order, with its reason."""


def prepare(
    data: bytes, source: str, q: Questionnaire, opts: ImportOptions, existing: Iterable[str], lang: str = "en"
) -> Prepared:
    """Read, match, check and plan; ``existing``: the file names already in the output folder.

    Raises KamtrustError for what refuses the whole import (unreadable file, items without a
    column, ambiguous dates…); row problems are in ``skipped``.
    """
    tbl = table.read_table(data, source, opts.sep, lang)
    cmap = columns.map_columns(
        tbl.header,
        q,
        name_column=opts.name_column,
        account_column=opts.account_column,
        cohort_column=opts.cohort_column,
        timestamp_column=opts.timestamp_column,
        form_map=opts.form_map,
        allow_missing=opts.allow_missing_items,
        source=source,
        lang=lang,
    )
    outcome = rows.read_rows(
        tbl,
        cmap,
        q,
        cohort=opts.cohort,
        account=opts.account,
        labels=opts.form_map.labels if opts.form_map else None,
        date_format=opts.date_format,
        zone=opts.zone,
        zone_name=opts.zone_name,
        allow_undated=opts.allow_undated,
        keep_duplicates=opts.keep_duplicates,
        source=source,
        lang=lang,
    )
    plan = build.plan(q, outcome.rows, existing, outcome.skipped, opts.zone)
    replaced = {s.row for s in plan.skipped if s.reason == "imp_skip_superseded_file"}
    skipped = sorted([s for s in outcome.skipped if s.row not in replaced] + plan.skipped, key=lambda s: s.row)
    return Prepared(tbl, cmap, outcome, plan, skipped)


def result_files(q: Questionnaire, prepared: Prepared, language: str | None = None) -> Iterator[tuple[str, str]]:
    """(file name, JSON text) of each new result, made as it is needed.

    The text is exactly ``Result.to_json()``'s, built faster: it is most of a long import's time.
    """
    for planned in prepared.plan.new:
        yield planned.name, dumps_indented(build.result_for(q, planned, language).to_dict()) + "\n"
