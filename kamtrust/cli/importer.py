"""``kamtrust import``: turn an online form's spreadsheet export into result files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kamtrust.results.document import Result
    from kamtrust.results.forms import FormRow


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The form's CSV export.", show_default=False)],
    out: Annotated[Path, typer.Option("--output", "-o", help="Folder for the result files (created if needed).")],
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help="Questionnaire id or YAML file.", show_default="kamtrust-8"),
    ] = None,
    name_column: Annotated[
        str | None, typer.Option("--name-column", help="Column with the respondent's name (header or number).")
    ] = None,
    account_column: Annotated[
        str | None, typer.Option("--account-column", help="Column with the client account (header or number).")
    ] = None,
    cohort_column: Annotated[
        str | None, typer.Option("--cohort-column", help="Column with the workshop or group (header or number).")
    ] = None,
    timestamp_column: Annotated[
        str | None,
        typer.Option(
            "--timestamp-column", help="Column with the submission time (default: 'Timestamp', 'Marca temporal'…)."
        ),
    ] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help="Cohort for every row without one.")] = None,
    account: Annotated[str | None, typer.Option("--account", help="Account for every row without one.")] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="Language recorded in the results (default: the headers').")
    ] = None,
    sep: Annotated[
        str | None, typer.Option("--sep", help="Separator ',' or ';' (default: guessed from the header).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Write nothing when any row is unusable.")] = False,
) -> None:
    """Import an online form's CSV export (Google/Microsoft Forms): one result file per row."""
    from kamtrust.errors import KamtrustError, UsageError
    from kamtrust.i18n import choose_language
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results import forms
    from kamtrust.safetext import visible

    if sep is not None and sep not in (",", ";", "\t"):
        raise UsageError(f"--sep must be ',' or ';', not {sep!r}")
    from kamtrust.outputs import check_output_folder

    check_output_folder(out)
    q = resolve(questionnaire)
    language = choose_language(lang, q.languages, q.source or q.id) if lang else None
    from kamtrust.inputfile import read_bytes

    data = read_bytes(file, str(file), what="CSV file")
    table = forms.read_table(data, str(file), sep)
    cmap = forms.map_columns(
        table.header,
        q,
        name_column=name_column,
        account_column=account_column,
        cohort_column=cohort_column,
        timestamp_column=timestamp_column,
        source=str(file),
    )
    missing = [i for i in q.items if i not in set(cmap.items.values())]
    if missing:
        typer.echo(
            f"note: {len(missing)} item(s) have no column and count as unanswered: {', '.join(missing)}", err=True
        )
    if cmap.unmatched:
        typer.echo(visible(f"note: columns not imported: {', '.join(repr(h) for h in cmap.unmatched)}"), err=True)
    rows, problems = forms.read_rows(table, cmap, q, cohort=cohort, account=account)
    for p in problems:
        typer.echo(visible(f"{file}: {p}"), err=True)
    bad_rows = len({p.row for p in problems})
    if strict and problems:
        raise KamtrustError(f"--strict: {bad_rows} row(s) unusable; nothing written")
    results = forms.build_results(q, rows, language)
    written = _write(results, rows, out, q.id)
    total = len(table.rows)
    typer.echo(
        f"Imported {len(written)} of {total} row{'s' if total != 1 else ''} into {out}"
        + (f"; {bad_rows} left out" if bad_rows else ""),
        err=True,
    )
    if not written and total:
        raise typer.Exit(1)


def _write(results: list[Result], rows: list[FormRow], folder: Path, qid: str) -> list[Path]:
    """Each result under a fresh name (timestamp, questionnaire, row, random suffix): never overwrites."""
    import secrets
    from datetime import UTC, datetime

    from kamtrust.atomic import write_atomic

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for result, row in zip(results, rows, strict=True):
        while True:
            path = folder / f"{stamp}-{qid}-row{row.row:04d}-{secrets.token_hex(3)}.json"
            if not path.exists():
                break
        write_atomic(path, result.to_json())
        written.append(path)
    return written
