"""``kamtrust questionnaire``: list, show, validate and export questionnaires; print the trainer's guide."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kamtrust.i18n import h

if TYPE_CHECKING:
    from kamtrust.questionnaire.model import Questionnaire

app = typer.Typer(
    help=h("questionnaire"),
    no_args_is_help=True,
)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("validate", help=h("questionnaire.validate"))
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar=h("questionnaire.validate.files.metavar"),
            help=h("questionnaire.validate.files"),
            show_default=False,
        ),
    ],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("questionnaire.validate.lang"))] = None,
) -> None:
    """Check questionnaire files; list every problem with its line. Exit 1 when any is invalid."""
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import message_language, t
    from kamtrust.questionnaire.loader import load_questionnaire, rater_coverage, validation_warnings
    from kamtrust.safetext import visible

    language = message_language(lang)
    failed = 0
    for path in files:
        try:
            q = load_questionnaire(path, str(path))
        except KamtrustError as exc:
            failed += 1
            said = exc.text(language) if hasattr(exc, "text") else exc.message  # the problems in the user's language
            typer.echo(visible(said, newlines=True), err=True)
            continue
        n_items = len(q.items)
        poles = t(language, "q_valid_poles") if q.distance else ""
        valid = t(
            language,
            "q_valid",
            path=path,
            id=q.id,
            version=q.version,
            factors=_counted(language, "q_n_factors", len(q.factors)),
            poles=poles,
            items=_counted(language, "q_n_items", n_items),
            languages=", ".join(q.languages),
        )
        typer.echo(visible(valid))
        for note in validation_warnings(q, language):
            typer.echo(visible(t(language, "q_note", note=note)))
        for note in rater_coverage(q, language):
            typer.echo(visible(f"  {note}"))
    if failed:
        raise typer.Exit(1)


@app.command("list", help=h("questionnaire.list"))
def list_(
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("questionnaire.list.lang"))] = None,
) -> None:
    """List the built-in questionnaires and those in your kamtrust data folder, every version."""
    from kamtrust.errors import KamtrustError, QuestionnaireError
    from kamtrust.i18n import MESSAGES, choose_language, plural, t
    from kamtrust.paths import user_questionnaires_dir
    from kamtrust.questionnaire.model import localize
    from kamtrust.questionnaire.registry import discover, resolve, version_key
    from kamtrust.safetext import visible

    language = choose_language(lang, tuple(sorted(MESSAGES, key=lambda code: code != "en")), "kamtrust")
    entries = discover()
    valid = [e for e in entries if e.questionnaire is not None]
    # Built-in first, then by id, newest version first: the order `resolve` prefers.
    valid.sort(key=lambda e: version_key(e.questionnaire.version), reverse=True)  # type: ignore[union-attr]
    valid.sort(key=lambda e: (e.origin != "built-in", e.questionnaire.id))  # type: ignore[union-attr]
    chosen: dict[str, str | None] = {}
    ids = [e.questionnaire.id for e in valid]  # type: ignore[union-attr]
    marked: set[str] = set()
    for e in valid:
        q = e.questionnaire
        assert q is not None
        if q.id not in chosen:
            try:
                chosen[q.id] = resolve(q.id).version
            except KamtrustError:
                chosen[q.id] = None
        # `resolve` takes the first of equal versions: built-in before the user folder.
        mark = "*" if ids.count(q.id) > 1 and chosen[q.id] == q.version and q.id not in marked else ""
        if mark:
            marked.add(q.id)
        title = localize(q.title, language if language in q.languages else "en")
        items = t(language, plural("q_items", len(q.items)))
        typer.echo(
            visible(
                f"{q.id:<16} {q.version + mark:<8} {_origin(e.origin, language):<9} {'/'.join(q.languages):<6} {len(q.items):>3} {items}  {title}"
            )
        )
    for e in entries:
        if e.questionnaire is None:
            invalid = t(language, "q_invalid", error=e.error_in(language))
            typer.echo(visible(f"{e.path.stem:<16} {'':<8} {_origin(e.origin, language):<9} {invalid}"))
            # Its problems too (as many as an error lists): the headline alone says nothing to fix.
            lines = e.failure.problem_lines(language) if isinstance(e.failure, QuestionnaireError) else []
            for line in lines:
                typer.echo(visible(f"    {line}"))
    if marked:
        typer.echo(t(language, "q_list_mark"), err=True)
    typer.echo(t(language, "q_list_add", path=user_questionnaires_dir()), err=True)


def _counted(lang: str, key: str, n: int) -> str:
    """``n`` things in ``lang``, with the ``_one`` key's singular for 1 ("1 factor", "5 items")."""
    from kamtrust.i18n import plural, t

    return t(lang, plural(key, n), n=n)


def _origin(origin: str, lang: str) -> str:
    """Where a questionnaire comes from ('built-in' or 'user'), in ``lang``."""
    from kamtrust.i18n import t

    return t(lang, "q_origin_builtin" if origin == "built-in" else "q_origin_user")


def questionnaire_json(q: Questionnaire, lang: str | None) -> dict[str, Any]:
    """The questionnaire as data: every item in presentation order with its scale and key."""

    def text(value: Any) -> Any:
        from kamtrust.questionnaire.model import localize

        return localize(value, lang) if lang else dict(value)

    scales = {s.id: s for s in q.scales}
    return {
        "id": q.id,
        "version": q.version,
        "languages": list(q.languages),
        "title": text(q.title),
        "scale": {
            "min": q.scale.min,
            "max": q.scale.max,
            "labels": {str(k): text(v) for k, v in q.scale.labels.items()},
        },
        "bands": [{"id": b.id, "min": b.min, "label": text(b.label)} for b in q.bands],
        "factors": [{"id": f.id, "name": text(f.name), "items": len(f.items)} for f in q.factors],
        "distance": None
        if q.distance is None
        else {
            "threshold": q.distance.threshold,
            "poles": [
                {"id": p.id, "name": text(p.name), "items": len(p.items)}
                for p in (q.distance.proximity, q.distance.perspective)
            ],
        },
        "items": [
            {
                "position": n,
                "id": item.id,
                "kind": scales[item.scale_id].kind,
                "scale": item.scale_id,
                "reverse": item.reverse,
                "text": text(item.text),
            }
            for n, item in enumerate(q.presentation_order, start=1)
        ],
    }


@app.command("show", help=h("questionnaire.show"))
def show(
    ref: Annotated[
        str, typer.Argument(metavar=h("questionnaire.ref.metavar"), help=h("questionnaire.ref"), show_default=False)
    ],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("questionnaire.show.lang"))] = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help=h("questionnaire.show.format"))] = ShowFormat.table,
) -> None:
    """Show a questionnaire's items in presentation order, with their factor and key."""
    from kamtrust.i18n import choose_language
    from kamtrust.questionnaire.registry import resolve, source_name

    q = resolve(ref)
    if fmt is ShowFormat.json:
        import json

        language = choose_language(lang, q.languages, source_name(q)) if lang else None
        typer.echo(json.dumps(questionnaire_json(q, language), ensure_ascii=False, indent=2))
        return
    language = choose_language(lang, q.languages, source_name(q))
    _show_table(q, language)


def _show_table(q: Questionnaire, lang: str) -> None:
    from kamtrust.render.console import make_console
    from kamtrust.render.questionnaire import render_items

    console, style = make_console()
    render_items(console, style, q, lang)


class ExportFormat(StrEnum):
    csv = "csv"
    md = "md"
    gforms = "gforms"
    msforms = "msforms"


@app.command("export", help=h("questionnaire.export"))
def export(
    ref: Annotated[
        str, typer.Argument(metavar=h("questionnaire.ref.metavar"), help=h("questionnaire.ref"), show_default=False)
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help=h("questionnaire.export.format"),
        ),
    ] = ExportFormat.csv,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help=h("questionnaire.export.lang")),
    ] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("group.out"))] = None,
    sep: Annotated[str, typer.Option("--sep", help=h("questionnaire.export.sep"))] = ",",
    force: Annotated[bool, typer.Option("--force", help=h("group.force"))] = False,
) -> None:
    """Export the items in order with their ids, to build an online or paper form (or a codebook)."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import choose_language, message_language, t
    from kamtrust.outputs import check_output, questionnaire_input
    from kamtrust.questionnaire.registry import resolve, source_name

    if sep not in (",", ";"):
        raise UsageError(t(message_language(lang), "sep_choice", value=repr(sep)))
    if out is not None:
        check_output(out, inputs=questionnaire_input(ref), overwrite=force, lang=lang)
    q = resolve(ref)
    data: str | bytes
    if fmt is ExportFormat.csv:
        from kamtrust.export.csvfile import table_to_csv
        from kamtrust.export.views import codebook

        header, rows = codebook(q)
        data = table_to_csv(header, rows, sep=sep)
    elif fmt in (ExportFormat.gforms, ExportFormat.msforms):
        from kamtrust.export.formguide import form_guide

        data = form_guide(q, choose_language(lang, q.languages, source_name(q)), fmt.value)
    else:
        from kamtrust.export.markdown import questionnaire_markdown

        data = questionnaire_markdown(q, choose_language(lang, q.languages, source_name(q)))
    if out is not None:
        from kamtrust.atomic import write_atomic

        write_atomic(out, data, overwrite=force, lang=lang)
        typer.echo(t(message_language(lang), "written_to", path=out), err=True)
    else:
        typer.echo(data.decode("utf-8-sig") if isinstance(data, bytes) else data, nl=False)


@app.command("guide", help=h("questionnaire.guide"))
def guide(
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("questionnaire.guide.lang"))] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("group.out"))] = None,
    force: Annotated[bool, typer.Option("--force", help=h("group.force"))] = False,
) -> None:
    """Print the trainer's debrief guide (Markdown): introducing the self-assessment, the ideas to
    debrief, reading bands, sharing group results, and a one-lever 30-day commitment."""
    from kamtrust.guide import LANGUAGES, guide_text
    from kamtrust.i18n import choose_language, message_language, t
    from kamtrust.outputs import check_output

    if out is not None:
        check_output(out, overwrite=force, lang=lang)
    text = guide_text(choose_language(lang, LANGUAGES, t(message_language(lang), "q_guide_source")))
    if out is not None:
        from kamtrust.atomic import write_atomic

        write_atomic(out, text.encode("utf-8"), overwrite=force, lang=lang)
        typer.echo(t(message_language(lang), "written_to", path=out), err=True)
    else:
        typer.echo(text, nl=False)
