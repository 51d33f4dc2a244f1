"""``kamtrust show``: render a saved result again, at a glance or in detail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kamtrust.cli.assess import ProfileFormat
from kamtrust.i18n import h


def show(
    result_file: Annotated[
        str | None,
        typer.Argument(
            metavar="[RESULT]",
            help=h("show.result"),
            show_default=False,
        ),
    ] = None,
    details: Annotated[bool, typer.Option("--details", "-d", help=h("show.details"))] = False,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("show.questionnaire")),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("show.lang"))] = None,
    fmt: Annotated[ProfileFormat, typer.Option("--format", "-f", help=h("show.format"))] = ProfileFormat.table,
    against: Annotated[
        Path | None,
        typer.Option("--against", help=h("show.against")),
    ] = None,
) -> None:
    """Show a saved result again: the profile at a glance; --details for the diagnosis and levers."""
    from kamtrust.api import load_result, result_language
    from kamtrust.i18n import message_language, t
    from kamtrust.render.console import make_console
    from kamtrust.render.profile import render_profile
    from kamtrust.results.pick import LATEST, is_reference, pick
    from kamtrust.safetext import visible

    path = pick(result_file, message_language(lang))
    result, q = load_result(path, questionnaire, message_language(lang))
    group = None
    if against is not None:
        from kamtrust.documents.against import read_summary
        from kamtrust.errors import UsageError

        if fmt is ProfileFormat.json:
            raise UsageError(t(message_language(lang), "show_against_json"))
        group = read_summary(against, q)
    if fmt is ProfileFormat.json:
        typer.echo(result.to_json(), nl=False)
        return
    language = result_language(lang, result, q)
    console, style = make_console()
    err, _ = make_console(stderr=True)
    if q.version != result.questionnaire_version:
        err.print(
            visible(
                t(language, "questionnaire_version_differs", id=q.id, old=result.questionnaire_version, new=q.version)
            ),
            soft_wrap=True,
        )
    from kamtrust.results.collect import implausible_date

    misdated = implausible_date(result.created_at)
    if misdated is not None:  # a group leaves it out: say so here too
        err.print(visible(t(language, "warning") + misdated.text(language)), soft_wrap=True)
    p = result.participant
    header = {
        t(language, "participant"): p.name,
        t(language, "account"): p.account,
        t(language, "cohort"): p.cohort,
        t(language, "date"): result.created_at[:10],
    }
    import shlex

    ref = LATEST if result_file is None else result_file if is_reference(result_file) else shlex.quote(result_file)
    from kamtrust.results.profileview import profile_of, unfinished_profile

    profile = profile_of(result.profile)
    with console.capture() as captured:
        if result.status != "complete":
            console.print(t(language, "partial_result", answered=len(result.answers), total=len(q.items)))
            console.print(t(language, "partial_finish"))
            profile = unfinished_profile(profile)
        render_profile(
            console, style, q, profile, language, header=header, answers=result.answers, details=details, ref=ref
        )
        if group is not None:
            from kamtrust.render.progress import render_against

            render_against(console, style, q, profile, group, language)
    if group is not None:
        for warning in group.warnings_in(language):
            err.print(visible(t(language, "warning") + warning), soft_wrap=True)
    from kamtrust.cli.terminal import deliver

    deliver(console, captured.get())
