"""``kamtrust show``: render a saved result again."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kamtrust.cli.assess import ProfileFormat


def show(
    result_file: Annotated[Path, typer.Argument(help="A result file saved by 'kamtrust assess'.", show_default=False)],
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help="Questionnaire id or YAML file (default: the result's own)."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Show in another language.")] = None,
    fmt: Annotated[
        ProfileFormat, typer.Option("--format", "-f", help="table: the profile; json: the result document.")
    ] = ProfileFormat.table,
    against: Annotated[
        Path | None,
        typer.Option("--against", help="A group summary (JSON from 'kamtrust group summary') to stand beside."),
    ] = None,
) -> None:
    """Show a saved result again: the profile, client distance and advice."""
    from kamtrust.i18n import choose_language, t
    from kamtrust.render.console import make_console
    from kamtrust.render.profile import render_profile
    from kamtrust.results.rescore import load_scored
    from kamtrust.safetext import visible

    result, q = load_scored(result_file, questionnaire)
    group = None
    if against is not None:
        from kamtrust.errors import UsageError
        from kamtrust.report.against import read_summary

        if fmt is ProfileFormat.json:
            raise UsageError("--against adds a table to the profile; it cannot be used with --format json")
        group = read_summary(against, q)
    if fmt is ProfileFormat.json:
        typer.echo(result.to_json(), nl=False)
        return
    language = choose_language(
        lang or (result.language if result.language in q.languages else None), q.languages, q.source or q.id
    )
    console, style = make_console()
    err, _ = make_console(stderr=True)
    if q.version != result.questionnaire_version:
        err.print(
            visible(
                t(language, "questionnaire_version_differs", id=q.id, old=result.questionnaire_version, new=q.version)
            ),
            soft_wrap=True,
        )
    p = result.participant
    header = {
        t(language, "participant"): p.name,
        t(language, "account"): p.account,
        t(language, "cohort"): p.cohort,
        t(language, "date"): result.created_at[:10],
    }
    render_profile(console, style, q, result.profile, language, header=header)
    if group is not None:
        from kamtrust.render.progress import render_against

        for warning in group.warnings:
            err.print(visible(f"Warning: {warning}"), soft_wrap=True)
        render_against(console, style, q, result.profile, group, language)
    if result.status != "complete":
        console.print()
        console.print(t(language, "partial_result", answered=len(result.answers), total=len(q.items)))
