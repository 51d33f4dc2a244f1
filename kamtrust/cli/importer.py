"""``kamtrust import``: turn an online form's export (CSV or .xlsx) into result files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kamtrust.i18n import h

if TYPE_CHECKING:
    from datetime import tzinfo

    from kamtrust.api import ImportPlan
    from kamtrust.results.forms.build import Plan
    from kamtrust.results.forms.columns import ColumnMap
    from kamtrust.results.forms.rows import ReadOutcome, Skipped


def import_(
    file: Annotated[Path, typer.Argument(metavar=h("import.file.metavar"), help=h("import.file"), show_default=False)],
    out: Annotated[Path, typer.Option("--output", "-o", help=h("import.out"))],
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("import.questionnaire"), show_default="kamtrust-8"),
    ] = None,
    name_column: Annotated[str | None, typer.Option("--name-column", help=h("import.name_column"))] = None,
    account_column: Annotated[str | None, typer.Option("--account-column", help=h("import.account_column"))] = None,
    cohort_column: Annotated[str | None, typer.Option("--cohort-column", help=h("import.cohort_column"))] = None,
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
        typer.Option("--map", help=h("import.map")),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option("--date-format", help=h("import.date_format")),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", help=h("import.timezone")),
    ] = None,
    allow_missing_items: Annotated[
        bool, typer.Option("--allow-missing-items", help=h("import.allow_missing_items"))
    ] = False,
    allow_undated: Annotated[bool, typer.Option("--allow-undated", help=h("import.allow_undated"))] = False,
    keep_duplicates: Annotated[bool, typer.Option("--keep-duplicates", help=h("import.keep_duplicates"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("import.dry_run"))] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help=h("import.lang")),
    ] = None,
    sep: Annotated[str | None, typer.Option("--sep", help=h("import.sep"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=h("import.strict"))] = False,
) -> None:
    """Import an online form's export (Google Forms, Microsoft Forms; CSV or .xlsx): one result per row."""
    from kamtrust import api
    from kamtrust.i18n import t
    from kamtrust.safetext import visible

    request = api.ImportRequest(
        file=file,
        out=out,
        questionnaire=questionnaire,
        name_column=name_column,
        account_column=account_column,
        cohort_column=cohort_column,
        timestamp_column=timestamp_column,
        cohort=cohort,
        account=account,
        map_file=map_file,
        date_format=date_format,
        timezone=timezone,
        allow_missing_items=allow_missing_items,
        allow_undated=allow_undated,
        keep_duplicates=keep_duplicates,
        lang=lang,
        sep=sep,
        strict=strict,
    )
    plan = api.plan_import(request)
    msg = plan.lang
    for line in plan_lines(plan):
        typer.echo(visible(line), err=True)  # headers and cells from the file: text, never control
    refused = plan.strict_error()
    if refused is not None:
        raise refused
    _say_checks(plan, account, cohort, dry_run)
    counts = {"folder": out, "new": plan.new, "already": plan.already, "left": plan.left_out}
    if dry_run:
        typer.echo(t(msg, "imp_dry_run", **counts), err=True)
        return
    progress = _Progress(plan.new, msg) if sys.stderr.isatty() and plan.new >= 200 else None
    try:
        api.write_import(plan, progress)
    finally:
        if progress is not None:
            progress.done()
    typer.echo(t(msg, "imp_done", **counts), err=True)
    if not plan.new and not plan.already and plan.prepared.table.rows:
        raise typer.Exit(1)


def plan_lines(plan: ImportPlan) -> list[str]:
    """What an import read and decided (kamtrust.api.ImportPlan), in its messages' language."""
    p = plan.prepared
    return summary_lines(
        len(p.table.rows),
        len(plan.questionnaire.items),
        p.columns,
        p.outcome,
        p.plan,
        p.skipped,
        str(plan.request.file),
        plan.lang,
        plan.request.timezone,
    )


def _say_checks(plan: ImportPlan, account: str | None, cohort: str | None, dry_run: bool) -> None:
    """Never silent: rows that kept their own account or cohort beside --account/--cohort, rows
    imported before under another reading of their time, and damaged files written again."""
    from kamtrust.i18n import t
    from kamtrust.safetext import visible

    msg, prepared = plan.lang, plan.prepared
    for option, value, what, col in (
        ("--account", account, "imp_what_account", prepared.columns.account),
        ("--cohort", cohort, "imp_what_cohort", prepared.columns.cohort),
    ):
        # The option fills the rows without one; say which rows kept their own (never silently).
        field_name = what.removeprefix("imp_what_")
        if not value or col is None:
            continue
        own = [r.row for r in prepared.outcome.rows if getattr(r, field_name) != value]
        if own:
            header = prepared.table.header[col]
            rows_text = _rows(own, msg)
            line = t(
                msg, "imp_option_kept", option=option, value=value, what=t(msg, what), column=header, rows=rows_text
            )
            typer.echo(visible(line), err=True)
    checked = plan.checked
    if checked is None:
        return
    for p, stored in checked.other_time:
        read = p.row.created_at or ""
        line = t(msg, "imp_other_time", row=p.row.row, file=p.name, stored=_when(stored, msg), read=_when(read, msg))
        typer.echo(visible(line), err=True)
    for p in checked.damaged:
        typer.echo(visible(t(msg, "imp_rewrite_dry" if dry_run else "imp_rewritten", file=p.name)), err=True)


def _when(iso: str, lang: str) -> str:
    """A stored UTC time as a reader writes it (dd/mm/yyyy in Spanish)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.strftime("%d/%m/%Y %H:%M:%S UTC" if lang == "es" else "%Y-%m-%d %H:%M:%S UTC")


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

    lines = [t(lang, "imp_read", source=source, rows=total_rows, matched=len(cmap.items), items=total_items)]
    if cmap.missing:
        lines.append(t(lang, "imp_missing_allowed", n=len(cmap.missing), items=", ".join(cmap.missing)))
    if cmap.unmatched:
        lines.append(t(lang, "imp_unmatched", columns=", ".join(repr(h) for h in cmap.unmatched)))
    lines += _date_lines(outcome, lang, timezone)
    lines += _bad_value_lines(outcome, lang)
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


def _date_lines(outcome: ReadOutcome, lang: str, timezone: str | None) -> list[str]:
    """The dates read: first and last, and how their order, serials and zone were decided."""
    from kamtrust.i18n import t
    from kamtrust.results.forms.rows import short_date

    d = outcome.dates
    lines: list[str] = []
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
    return lines


def _bad_value_lines(outcome: ReadOutcome, lang: str) -> list[str]:
    """Answers that are not a point of the scale: how many, which texts, in which columns and rows."""
    from kamtrust.i18n import t
    from kamtrust.results.forms.answers import DISAGREE, OUT_OF_RANGE

    lines: list[str] = []
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
    from kamtrust.i18n import plural, t

    grouped: dict[str, list[int]] = {}
    lines: list[str] = []
    for s in skipped:
        if s.values:
            lines.append(t(lang, "imp_row", row=s.row) + ": " + t(lang, s.reason, **s.values))
        else:
            grouped.setdefault(s.reason, []).append(s.row)
    if len(lines) > shown:
        lines = lines[:shown] + [t(lang, "imp_and_more_rows", n=len(lines) - shown)]
    head = [
        t(lang, plural("imp_rows", len(rows)), rows=_rows(rows, lang)) + ": " + t(lang, reason)
        for reason, rows in grouped.items()
    ]
    return head + lines
