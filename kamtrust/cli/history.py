"""``kamtrust history`` and ``kamtrust compare``: a person's own progress over time."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


def _ui_language(lang: str | None) -> str:
    from kamtrust.i18n import MESSAGES, choose_language

    return choose_language(lang, tuple(sorted(MESSAGES, key=lambda code: code != "en")), "kamtrust")


def history(
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Language of the listing (es, en).")] = None,
    fmt: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="table: for people; json: a list for scripts.")
    ] = HistoryFormat.table,
) -> None:
    """List your saved assessments, newest first, with their files (delete a file to forget it)."""
    from kamtrust.i18n import t
    from kamtrust.paths import results_dir
    from kamtrust.report.history import history as gather

    language = _ui_language(lang)
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
    from kamtrust.render.progress import render_history

    console, style = make_console()
    render_history(console, style, entries, language)


def compare(
    old: Annotated[Path, typer.Argument(help="The earlier result file.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later result file.", show_default=False)],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Language (default: the later result's).")] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help="Questionnaire id or YAML file (default: the results' own)."),
    ] = None,
) -> None:
    """Compare two of your results: the change per factor and your move between distance zones."""
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import choose_language, t
    from kamtrust.render.console import make_console
    from kamtrust.render.progress import render_compare
    from kamtrust.results.document import read_result
    from kamtrust.results.rescore import load_scored
    from kamtrust.safetext import visible

    first, second = read_result(old), read_result(new)
    if first.questionnaire_id != second.questionnaire_id:
        raise KamtrustError(
            f"{old} was made with questionnaire '{visible(first.questionnaire_id)}' and {new} with "
            f"'{visible(second.questionnaire_id)}'; only results of the same questionnaire can be compared"
        )
    earlier, old_q = load_scored(old, questionnaire)
    later, q = load_scored(new, questionnaire)  # names and bands as the later result's version has them
    language = choose_language(
        lang or (later.language if later.language in q.languages else None), q.languages, q.source or q.id
    )
    err, _ = make_console(stderr=True)
    from kamtrust.version_notes import version_notes

    for note in version_notes(old_q, q, earlier.questionnaire_version, later.questionnaire_version, language):
        err.print(t(language, "compare_warning", text=note), soft_wrap=True, markup=False)
    if earlier.created_at > later.created_at:
        err.print(
            visible(
                t(
                    language,
                    "compare_newer",
                    old=old,
                    old_date=earlier.created_at[:10],
                    new=new,
                    new_date=later.created_at[:10],
                )
            ),
            soft_wrap=True,
            markup=False,
        )
    console, style = make_console()
    render_compare(
        console,
        style,
        q,
        earlier.profile,
        later.profile,
        language,
        old_date=visible(earlier.created_at[:10]),
        new_date=visible(later.created_at[:10]),
    )
