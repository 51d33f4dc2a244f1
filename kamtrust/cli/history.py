"""``kamtrust history`` and ``kamtrust compare``: a person's own progress over time."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kamtrust.i18n import h


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


def _ui_language(lang: str | None) -> str:
    from kamtrust.i18n import MESSAGES, choose_language

    return choose_language(lang, tuple(sorted(MESSAGES, key=lambda code: code != "en")), "kamtrust")


def history(
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("history.lang"))] = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help=h("history.format"))] = HistoryFormat.table,
    discard_line: Annotated[
        int | None,
        typer.Option("--discard", metavar="N", help=h("history.discard")),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=h("history.yes"))] = False,
) -> None:
    """List your saved assessments, newest first, numbered: 'kamtrust show N' opens line N."""
    from kamtrust.i18n import t
    from kamtrust.paths import results_dir
    from kamtrust.results.history import history as gather

    language = _ui_language(lang)
    if discard_line is not None:
        discard_partial(discard_line, language, yes)
        return
    entries = gather(language)
    if fmt is HistoryFormat.json:
        import json

        doc = [e.to_dict() for e in entries]
        typer.echo(json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2))
        return
    from kamtrust.render.console import make_console

    if not entries:
        err, _ = make_console(stderr=True)
        err.print(t(language, "history_empty", path=results_dir()), soft_wrap=True)
        return
    from kamtrust.cli.terminal import paged
    from kamtrust.render.progress import render_history

    console, style = make_console()
    with paged(console):  # a long history goes through the pager, as show does
        render_history(console, style, entries, language)


def discard_partial(line: int, lang: str, yes: bool) -> None:
    """Delete the partial result on history line ``line`` once the person confirms; never a finished one."""
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import t
    from kamtrust.paths import results_dir
    from kamtrust.present import date as fmt_date
    from kamtrust.render.console import make_console
    from kamtrust.results.history import history as gather
    from kamtrust.results.lock import Busy, SessionLock
    from kamtrust.safetext import visible

    entries = gather(lang)
    if not entries:
        raise KamtrustError(t(lang, "history_empty", path=results_dir()))
    if not 1 <= line <= len(entries):
        raise KamtrustError(t(lang, "no_such_line", n=line, count=len(entries)))
    e = entries[line - 1]
    if e.status != "partial":
        raise KamtrustError(t(lang, "discard_not_partial", n=line, path=e.path))
    lock = SessionLock(e.path)
    try:
        lock.acquire()
    except Busy as exc:
        who = t(lang, "busy_process", pid=exc.pid) if exc.pid else ""
        raise KamtrustError(t(lang, "discard_busy", path=e.path, who=who)) from None
    try:
        err, _ = make_console(stderr=True)
        what = t(
            lang,
            "discard_what",
            account=visible(e.account) if e.account else t(lang, "no_account"),
            date=fmt_date(e.created_at, lang),
            answered=e.answered,
            total=e.items or "?",
        )
        if not yes:
            try:
                answer = err.input(t(lang, "discard_question", what=what) + " ")
            except EOFError:
                err.print()
                raise KamtrustError(t(lang, "discard_no_answer")) from None
            if answer.strip().lower() not in t(lang, "yes_keys").split(","):
                err.print(t(lang, "discard_kept"), soft_wrap=True)
                return
        e.path.unlink(missing_ok=True)
        err.print(t(lang, "discarded", what=what, path=e.path), soft_wrap=True, markup=False)
    finally:
        lock.release()


def compare(
    old: Annotated[
        Path,
        typer.Argument(help=h("compare.old"), show_default=False),
    ],
    new: Annotated[Path, typer.Argument(help=h("compare.new"), show_default=False)],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("compare.lang"))] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("compare.questionnaire")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=h("compare.force"))] = False,
) -> None:
    """Compare two of your results: the change per factor and your move between distance zones."""
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import choose_language, message_language, t
    from kamtrust.render.console import make_console
    from kamtrust.render.progress import render_compare
    from kamtrust.results.document import read_result
    from kamtrust.results.pick import in_language, pick
    from kamtrust.results.rescore import rescored
    from kamtrust.safetext import visible

    old, new = pick(str(old), message_language(lang)), pick(str(new), message_language(lang))
    with in_language(message_language(lang)):
        first, second = read_result(old), read_result(new)
    ui = message_language(lang)
    from kamtrust.results.collect import implausible_date

    for path, each in ((old, first), (new, second)):
        misdated = implausible_date(each.created_at)
        if misdated is not None:  # a group leaves it out: say so before comparing with it
            typer.echo(visible(f"{path}: {t(ui, 'warning')}{misdated.text(ui)}"), err=True)
    if first == second:  # the very file twice, a link or a copy: nothing would change
        from kamtrust.errors import UsageError

        raise UsageError(t(ui, "cmp_same_result", old=old, new=new))
    if first.questionnaire_id != second.questionnaire_id:
        raise KamtrustError(
            t(
                ui,
                "cmp_other_questionnaire",
                old=old,
                new=new,
                first=visible(first.questionnaire_id),
                second=visible(second.questionnaire_id),
            )
        )
    earlier, old_q = rescored(first, old, questionnaire)
    later, q = rescored(second, new, questionnaire)  # names and bands as the later result's version has them
    for path, each, its_q in ((old, earlier, old_q), (new, later, q)):
        if each.status != "complete":  # its profile scores only what was answered so far: say so
            from kamtrust.errors import UsageError

            raise UsageError(t(ui, "cmp_unfinished", path=path, answered=len(each.answers), total=len(its_q.items)))
    language = choose_language(
        lang or (later.language if later.language in q.languages else None), q.languages, q.source or q.id
    )
    err, _ = make_console(stderr=True)
    from kamtrust.results.pairing import check_pair

    forced = check_pair(earlier, later, old, new, language, force)
    if forced:
        err.print(forced, soft_wrap=True, markup=False)
    from kamtrust.version_notes import version_notes

    for note in version_notes(old_q, q, earlier.questionnaire_version, later.questionnaire_version, language):
        err.print(t(language, "compare_warning", text=note), soft_wrap=True, markup=False)
    from kamtrust.present import date as fmt_date

    # Two assessments of one day are told apart by their time.
    same_day = fmt_date(earlier.created_at, language) == fmt_date(later.created_at, language)
    if earlier.created_at > later.created_at:
        err.print(
            visible(
                t(
                    language,
                    "compare_newer",
                    old=old,
                    old_date=fmt_date(earlier.created_at, language, time=same_day),
                    new=new,
                    new_date=fmt_date(later.created_at, language, time=same_day),
                )
            ),
            soft_wrap=True,
            markup=False,
        )
    from kamtrust.cli.terminal import paged
    from kamtrust.results.profileview import profile_of

    console, style = make_console()
    with paged(console):  # longer than the screen: through the pager, as show
        render_compare(
            console,
            style,
            q,
            profile_of(earlier.profile),
            profile_of(later.profile),
            language,
            old_date=visible(fmt_date(earlier.created_at, language, time=same_day)),
            new_date=visible(fmt_date(later.created_at, language, time=same_day)),
        )
