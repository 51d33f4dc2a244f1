"""``kamtrust import``: turn an online form's export (CSV or .xlsx) into result files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kamtrust.i18n import h

if TYPE_CHECKING:
    from datetime import tzinfo

    from kamtrust.results.forms.build import Plan
    from kamtrust.results.forms.columns import ColumnMap
    from kamtrust.results.forms.rows import ReadOutcome, Skipped


def import_(
    file: Annotated[
        Path, typer.Argument(metavar=h("import.file.metavar"), help=h("import.file"), show_default=False)
    ],
    out: Annotated[Path, typer.Option("--output", "-o", help=h("import.out"))],
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("import.questionnaire"), show_default="kamtrust-8"),
    ] = None,
    name_column: Annotated[
        str | None, typer.Option("--name-column", help=h("import.name_column"))
    ] = None,
    account_column: Annotated[
        str | None, typer.Option("--account-column", help=h("import.account_column"))
    ] = None,
    cohort_column: Annotated[
        str | None, typer.Option("--cohort-column", help=h("import.cohort_column"))
    ] = None,
    timestamp_column: Annotated[
        str | None,
        typer.Option(
            "--timestamp-column",
            help=h("import.timestamp_column"),
        ),
    ] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help=h("import.cohort"))] = None,
    account: Annotated[str | None, typer.Option("--account", help=h("import.account"))] = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map", help=h("import.map")
        ),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option("--date-format", help=h("import.date_format")),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone", help=h("import.timezone")
        ),
    ] = None,
    allow_missing_items: Annotated[
        bool, typer.Option("--allow-missing-items", help=h("import.allow_missing_items"))
    ] = False,
    allow_undated: Annotated[
        bool, typer.Option("--allow-undated", help=h("import.allow_undated"))
    ] = False,
    keep_duplicates: Annotated[
        bool, typer.Option("--keep-duplicates", help=h("import.keep_duplicates"))
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("import.dry_run"))] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help=h("import.lang")),
    ] = None,
    sep: Annotated[
        str | None, typer.Option("--sep", help=h("import.sep"))
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=h("import.strict"))] = False,
) -> None:
    """Import an online form's export (Google Forms, Microsoft Forms; CSV or .xlsx): one result per row."""
    from kamtrust.errors import InputFileError, KamtrustError, UsageError
    from kamtrust.i18n import MESSAGES, locale_language, t
    from kamtrust.inputfile import InputReasonError, read_bytes
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results.forms import timestamps
    from kamtrust.results.forms.importing import ImportOptions, prepare, result_files
    from kamtrust.results.forms.mapfile import read_map
    from kamtrust.safetext import visible

    requested = lang.strip().lower() if lang else None
    local = locale_language()
    msg: str = requested if requested in MESSAGES else local if local in MESSAGES else "en"
    if sep is not None and sep not in (",", ";", "\t"):
        raise UsageError(t(msg, "imp_bad_sep", sep=repr(sep)))
    if date_format is not None and date_format not in timestamps.DATE_FORMATS:
        raise UsageError(t(msg, "imp_bad_date_format", value=date_format))
    from kamtrust.outputs import check_output_folder

    try:
        check_output_folder(out)  # a file, FIFO, device or socket: refused without opening it
    except KamtrustError:
        if msg == "en":
            raise
        raise KamtrustError(t(msg, "imp_out_not_folder", path=visible(str(out)))) from None
    q = resolve(questionnaire)
    if requested and requested not in MESSAGES and requested not in q.languages:
        raise UsageError(t(msg, "imp_bad_lang", name=lang, langs=", ".join(sorted({*MESSAGES, *q.languages}))))
    zone = None
    if timezone:
        try:
            zone = timestamps.load_zone(timezone)
        except ValueError:
            raise UsageError(t(msg, "imp_bad_timezone", zone=timezone)) from None
    opts = ImportOptions(
        name_column=name_column,
        account_column=account_column,
        cohort_column=cohort_column,
        timestamp_column=timestamp_column,
        cohort=cohort,
        account=account,
        form_map=read_map(map_file, q, msg) if map_file is not None else None,
        sep=sep,
        date_format=date_format,
        zone=zone,
        zone_name=timezone or timestamps.local_zone_name(),
        allow_missing_items=allow_missing_items,
        allow_undated=allow_undated,
        keep_duplicates=keep_duplicates,
    )
    source = str(file)
    try:
        data = read_bytes(file, source, what="form export")
    except InputReasonError as exc:  # said in the messages' language, not only in English
        raise InputFileError(source, exc.reason.text(msg)) from None
    prepared = prepare(data, source, q, opts, _names_in(out), msg)
    plan, skipped = prepared.plan, prepared.skipped
    for line in summary_lines(
        len(prepared.table.rows), len(q.items), prepared.columns, prepared.outcome, plan, skipped, source, msg, timezone
    ):
        typer.echo(visible(line), err=True)  # headers and cells from the file: text, never control
    left = len(skipped)
    if strict and skipped:
        raise KamtrustError(t(msg, "imp_strict", n=left))
    results_lang = requested if requested in q.languages else None
    new = plan.new
    if dry_run:
        typer.echo(t(msg, "imp_dry_run", folder=out, new=len(new), already=len(plan.already), left=left), err=True)
        return
    from kamtrust.batchwrite import remove_stale, write_batch

    remove_stale(out)
    progress = _Progress(len(new), msg) if sys.stderr.isatty() and len(new) >= 200 else None
    try:
        write_batch(out, result_files(q, prepared, results_lang), progress)
    finally:
        if progress is not None:
            progress.done()
    typer.echo(t(msg, "imp_done", folder=out, new=len(new), already=len(plan.already), left=left), err=True)
    if not new and not plan.already and prepared.table.rows:
        raise typer.Exit(1)


def _names_in(folder: Path) -> list[str]:
    import os

    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        from kamtrust.atomic import _reason
        from kamtrust.errors import OutputError

        raise OutputError(folder, _reason(exc)) from None


class _Progress:
    """'Writing results: 1,200 of 5,000' on a terminal's stderr, a few times a second."""

    def __init__(self, total: int, lang: str) -> None:
        self.total, self.lang, self.last = total, lang, 0.0

    def __call__(self, n: int) -> None:
        import time

        from kamtrust.i18n import t

        now = time.monotonic()
        if now - self.last >= 0.1 or n == self.total:
            self.last = now
            sys.stderr.write(
                "\r" + t(self.lang, "imp_progress", n=_count(n, self.lang), total=_count(self.total, self.lang))
            )
            sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _count(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "." if lang == "es" else ",")


def summary_lines(
    total_rows: int,
    total_items: int,
    cmap: ColumnMap,
    outcome: ReadOutcome,
    plan: Plan,
    skipped: list[Skipped],
    source: str,
    lang: str,
    timezone: str | None,
) -> list[str]:
    """What was read and decided, in ``lang``: one summary, never one line per cell."""
    from kamtrust.i18n import t
    from kamtrust.results.forms.answers import DISAGREE, OUT_OF_RANGE
    from kamtrust.results.forms.rows import short_date

    lines = [t(lang, "imp_read", source=source, rows=total_rows, matched=len(cmap.items), items=total_items)]
    if cmap.missing:
        lines.append(t(lang, "imp_missing_allowed", n=len(cmap.missing), items=", ".join(cmap.missing)))
    if cmap.unmatched:
        lines.append(t(lang, "imp_unmatched", columns=", ".join(repr(h) for h in cmap.unmatched)))
    d = outcome.dates
    if d.first is not None and d.last is not None:
        zone = _zone(timezone, d.zone_name)
        lines.append(
            t(
                lang,
                "imp_dates",
                first=short_date(d.first.astimezone(zone), lang),
                last=short_date(d.last.astimezone(zone), lang),
            )
        )
        if d.order.evidence is not None:
            key = "imp_order_day" if d.order.day_first else "imp_order_month"
            lines.append("  " + t(lang, key, value=d.order.evidence, row=d.order.row))
        elif d.order.day_first is not None:
            lines.append("  " + t(lang, "imp_order_option", value="day-first" if d.order.day_first else "month-first"))
        if d.serial:
            lines.append("  " + t(lang, "imp_serial"))
        if d.local:
            lines.append("  " + t(lang, "imp_zone_option" if timezone else "imp_zone_local", zone=d.zone_name))
    if outcome.bad_values:
        bad_rows = {r for b in outcome.bad_values for r in b.rows}
        cells = sum(b.cells for b in outcome.bad_values)
        lines.append(t(lang, "imp_bad_values", cells=cells, rows=len(bad_rows)))
        for b in sorted(outcome.bad_values, key=lambda b: -b.cells):
            why = {OUT_OF_RANGE: "imp_why_range", DISAGREE: "imp_why_disagree"}.get(b.kind)
            cols = ", ".join(f"{c + 1} ({item})" for c, item in sorted(b.columns.items())[:6])
            if len(b.columns) > 6:
                cols += ", …"
            lines.append(
                "  "
                + t(
                    lang,
                    "imp_bad_value",
                    text=b.text,
                    why=f" ({t(lang, why)})" if why else "",
                    cells=b.cells,
                    columns=cols,
                    rows=_rows(b.rows, lang),
                )
            )
        lines.append("  " + t(lang, "imp_bad_values_hint"))
    if skipped:
        lines.append(t(lang, "imp_left_out", n=len(skipped)))
        lines.extend("  " + line for line in _skipped_lines(skipped, lang))
    if outcome.duplicates_kept:
        lines.append(t(lang, "imp_dupes_kept", rows=_rows([s.row for s in outcome.duplicates_kept], lang)))
    kept = [p.row for p in plan.planned]
    if kept:
        people = {r.person or f"row:{r.row}" for r in kept}
        how = (
            "imp_people_email"
            if cmap.email is not None
            else "imp_people_name"
            if cmap.name is not None
            else "imp_people_rows"
        )
        lines.append(t(lang, "imp_people", n=len(people), how=t(lang, how)))
    return lines


def _zone(timezone: str | None, name: str) -> tzinfo | None:
    from kamtrust.results.forms.timestamps import load_zone

    try:
        return load_zone(timezone or name)
    except ValueError:
        return None


def _rows(numbers: list[int], lang: str, shown: int = 8) -> str:
    from kamtrust.i18n import t

    text = ", ".join(map(str, numbers[:shown]))
    return text + (" " + t(lang, "imp_and_n_more", n=len(numbers) - shown) if len(numbers) > shown else "")


def _skipped_lines(skipped: list[Skipped], lang: str, shown: int = 20) -> list[str]:
    """One line per reason for the reasons without details, one per row for the others."""
    from kamtrust.i18n import t

    grouped: dict[str, list[int]] = {}
    lines: list[str] = []
    for s in skipped:
        if s.values:
            lines.append(t(lang, "imp_row", row=s.row) + ": " + t(lang, s.reason, **s.values))
        else:
            grouped.setdefault(s.reason, []).append(s.row)
    if len(lines) > shown:
        lines = lines[:shown] + [t(lang, "imp_and_more_rows", n=len(lines) - shown)]
    head = [t(lang, "imp_rows", rows=_rows(rows, lang)) + ": " + t(lang, reason) for reason, rows in grouped.items()]
    return head + lines
