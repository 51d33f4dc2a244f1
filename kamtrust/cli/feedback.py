"""``kamtrust feedback``: collect ratings by clients, managers and peers, and read the self–other report.

Each command parses its options and calls the library (results/rating.py, engine/raters.py,
engine/selfother.py, export/raterform.py, report/selfother.py); only this module knows Typer.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kamtrust.i18n import h

if TYPE_CHECKING:
    from kamtrust.questionnaire.model import Questionnaire
    from kamtrust.render.console import Console, Style
    from kamtrust.results.document import Result
    from kamtrust.results.rating import Rating
    from kamtrust.results.ratingset import RatingSet

app = typer.Typer(
    help=h("feedback"),
    no_args_is_help=True,
)


class Role(StrEnum):
    client = "client"
    manager = "manager"
    peer = "peer"


class FormFormat(StrEnum):
    html = "html"
    gforms = "gforms"
    msforms = "msforms"
    answers = "answers"


def rated_result(ref: Path, lang: str) -> tuple[Result, Questionnaire]:
    """The finished result a rating is for, and the questionnaire it was answered with."""
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import t
    from kamtrust.questionnaire.registry import resolve_id
    from kamtrust.results.document import COMPLETE, read_result

    result = read_result(ref)
    if result.status != COMPLETE:
        raise KamtrustError(t(lang, "fb_partial_result", path=ref))
    q = resolve_id(result.questionnaire_id, prefer_version=result.questionnaire_version)
    if q.version != result.questionnaire_version:
        raise KamtrustError(
            f"{ref} was answered with {q.id} {result.questionnaire_version}, which is not installed "
            f"(found {q.version}); ratings must answer the same version"
        )
    return result, q


def check_role(q: Questionnaire, role: str, lang: str) -> None:
    """Refuse a role that rates nothing in ``q``."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t
    from kamtrust.questionnaire.model import ROLE_IDS

    able = [r for r in ROLE_IDS if q.rated_by(r)]
    if role not in able:
        raise UsageError(
            t(lang, "fb_not_rated_by", role=role, qid=q.id, version=q.version, roles=", ".join(able) or "—")
        )


def _lang(lang: str | None, q: Questionnaire | None = None) -> str:
    from kamtrust.i18n import choose_language, message_language
    from kamtrust.questionnaire.registry import source_name

    if q is not None:
        return choose_language(lang, q.languages, source_name(q))
    return message_language(lang)


@app.command("form", help=h("feedback.form"))
def form(
    role: Annotated[Role, typer.Option("--role", help=h("feedback.form.role"))],
    for_result: Annotated[Path, typer.Option("--for", help=h("feedback.form.for"))],
    fmt: Annotated[
        FormFormat,
        typer.Option(
            "--format",
            "-f",
            help=h("feedback.form.format"),
        ),
    ] = FormFormat.html,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("feedback.out"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("feedback.form.lang"))] = None,
    show_manager: Annotated[
        bool,
        typer.Option("--show-manager", help=h("feedback.form.show_manager")),
    ] = False,
    min_raters: Annotated[int, typer.Option("--min-raters", help=h("feedback.min_raters"))] = 3,
    force: Annotated[bool, typer.Option("--force", help=h("feedback.force"))] = False,
) -> None:
    """Export the rater's form for one person and account: printable page, online form text or answers file."""
    from kamtrust.export.raterform import RaterForm, answers_template, printable_page, rater_guide

    _check_min(min_raters, _lang(lang))
    result, q = rated_result(for_result, _lang(lang))
    language = _lang(lang or (result.language if result.language in q.languages else None), q)
    check_role(q, role.value, language)
    if out is not None:
        from kamtrust.outputs import check_output

        check_output(out, inputs=[for_result], overwrite=force)
    spec = RaterForm(
        q,
        role.value,
        language,
        result.participant.name,
        result.participant.account,
        result_ref=for_result.name,
        shown_alone=role is Role.manager and (show_manager or q.manager_alone),
        min_raters=min_raters,
    )
    if fmt is FormFormat.html:
        text = printable_page(spec)
    elif fmt is FormFormat.answers:
        text = answers_template(spec)
    else:
        text = rater_guide(spec, fmt.value)
    _emit(text, out, force=force, lang=lang)


def _check_min(min_raters: int, lang: str) -> None:
    from kamtrust.engine.raters import MIN_RATERS
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t

    if min_raters < MIN_RATERS:
        raise UsageError(t(lang, "fb_min_raters", min=MIN_RATERS, found=min_raters))


def _emit(text: str, out: Path | None, *, force: bool = False, lang: str | None = None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    from kamtrust.atomic import write_atomic

    write_atomic(out, text, overwrite=force, lang=lang)  # without --force, never over a file written meanwhile
    typer.echo(str(out), err=True)


@app.command("import", help=h("feedback.import"))
def import_(
    file: Annotated[
        Path,
        typer.Argument(metavar=h("feedback.import.file.metavar"), help=h("feedback.import.file"), show_default=False),
    ],
    for_result: Annotated[Path, typer.Option("--for", help=h("feedback.import.for"))],
    role: Annotated[Role, typer.Option("--role", help=h("feedback.import.role"))],
    out: Annotated[Path, typer.Option("--output", "-o", help=h("feedback.import.out"))],
    show_manager: Annotated[bool, typer.Option("--show-manager", help=h("feedback.import.show_manager"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("feedback.import.dry_run"))] = False,
    strict: Annotated[bool, typer.Option("--strict", help=h("feedback.import.strict"))] = False,
    allow_missing_items: Annotated[
        bool, typer.Option("--allow-missing-items", help=h("feedback.import.allow_missing_items"))
    ] = False,
    sep: Annotated[str | None, typer.Option("--sep", help=h("feedback.import.sep"))] = None,
    date_format: Annotated[
        str | None,
        typer.Option("--date-format", help=h("feedback.import.date_format")),
    ] = None,
    timezone: Annotated[str | None, typer.Option("--timezone", help=h("feedback.import.timezone"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("feedback.import.lang"))] = None,
    map_file: Annotated[Path | None, typer.Option("--map", help=h("import.map"))] = None,
    keep_names: Annotated[bool, typer.Option("--keep-names", help=h("feedback.keep_names"))] = False,
) -> None:
    """Import a rater form's export (Google Forms, Microsoft Forms): one rating per row."""
    from kamtrust.api import names_in
    from kamtrust.batchwrite import remove_stale, write_batch
    from kamtrust.cli.importer import summary_lines
    from kamtrust.engine.raters import rater_questionnaire
    from kamtrust.errors import KamtrustError, UsageError
    from kamtrust.i18n import t
    from kamtrust.inputfile import read_bytes
    from kamtrust.outputs import check_output_folder
    from kamtrust.results.forms import timestamps
    from kamtrust.results.forms.mapfile import read_map
    from kamtrust.results.ratingimport import prepare_ratings
    from kamtrust.safetext import visible

    msg = _lang(lang)
    if sep is not None and sep not in (",", ";", "\t"):
        raise UsageError(t(msg, "imp_bad_sep", sep=repr(sep)))
    if date_format is not None and date_format not in timestamps.DATE_FORMATS:
        raise UsageError(t(msg, "imp_bad_date_format", value=date_format))
    if timezone:
        try:
            timestamps.load_zone(timezone)
        except ValueError:
            raise UsageError(t(msg, "imp_bad_timezone", zone=timezone)) from None
    check_output_folder(out)
    result, q = rated_result(for_result, msg)
    check_role(q, role.value, msg)
    data = read_bytes(file, str(file), what="form export")
    batch = prepare_ratings(
        data,
        str(file),
        q,
        result,
        role.value,
        names_in(out),
        msg,
        sep=sep,
        allow_missing_items=allow_missing_items,
        told_shown_alone=role is Role.manager and (show_manager or q.manager_alone),
        keep_names=keep_names,
        form_map=read_map(map_file, rater_questionnaire(q, role.value, result.participant.name), msg)
        if map_file is not None
        else None,
        date_format=date_format,
        timezone=timezone,
    )
    prepared = batch.prepared
    view_items = len(batch.view.items)
    for line in summary_lines(
        len(prepared.table.rows),
        view_items,
        prepared.columns,
        prepared.outcome,
        prepared.plan,
        prepared.skipped,
        str(file),
        msg,
        timezone,
    ):
        typer.echo(visible(line), err=True)
    left = len(prepared.skipped)
    if strict and left:
        raise KamtrustError(t(msg, "imp_strict", n=left))
    if dry_run:
        typer.echo(
            t(msg, "fb_imp_dry_run", folder=out, new=len(batch.files), already=len(prepared.plan.already), left=left),
            err=True,
        )
        return
    remove_stale(out)
    write_batch(out, iter(batch.files))
    typer.echo(
        t(msg, "fb_imp_done", folder=out, new=len(batch.files), already=len(prepared.plan.already), left=left),
        err=True,
    )
    if not batch.files and not prepared.plan.already and prepared.table.rows:
        raise typer.Exit(1)


def rate(
    role: str,
    for_result: Path,
    lang: str | None,
    answers: Path | None,
    out: Path | None,
    rater_name: str | None,
    show_manager: bool,
    force: bool,
) -> None:
    """``kamtrust assess --as ROLE --for RESULT``: one rater answers in the terminal (or from a file)."""
    from kamtrust.engine.raters import MIN_RATERS, not_rated, rater_questionnaire
    from kamtrust.errors import AnswerError
    from kamtrust.i18n import t
    from kamtrust.render.console import make_console
    from kamtrust.results.document import now_utc
    from kamtrust.results.rating import Rating

    result, q = rated_result(for_result, _lang(lang))
    language = _lang(lang, q)  # the rater's own language (--lang, else the locale), not the rated person's
    check_role(q, role, language)
    if out is not None:
        from kamtrust.outputs import check_output

        check_output(out, inputs=[for_result, *([answers] if answers else [])], overwrite=force)
    view = rater_questionnaire(q, role, result.participant.name)
    alone = role == "manager" and (show_manager or q.manager_alone)
    console, style = make_console()
    err, _ = make_console(stderr=True)
    if answers is not None:
        from kamtrust.results.answers import read_rater_answers

        given, _doc = read_rater_answers(answers, q, role, str(for_result), str(answers))
        refused = not_rated(q, role, given)
        if refused:
            from kamtrust.inputfile import reason

            raise AnswerError(str(answers), [reason("ans_not_rated", item=iid, role=role) for iid in refused])
    else:
        given = _interview(q, view, role, language, result, alone, console, style)
    if not given:
        err.print(t(language, "fb_nothing_rated"), soft_wrap=True)
        raise typer.Exit(1)
    rating = Rating(
        rated_id=result.participant.id,
        account=result.participant.account,
        role=role,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        language=language,
        answers={i.id: given[i.id] for i in view.presentation_order if i.id in given},
        created_at=now_utc(),
        rater_name=rater_name.strip() if rater_name and rater_name.strip() else None,
        told_shown_alone=alone,
    )
    path = save_rating(rating, out, force=force)
    kam = result.participant.name or t(language, "fb_kam_unnamed")
    if alone:
        err.print(t(language, "fb_rating_thanks_alone", kam=kam), soft_wrap=True)
    else:
        err.print(t(language, "fb_rating_thanks", kam=kam, min=MIN_RATERS), soft_wrap=True)
    err.print(t(language, "fb_rating_saved", path=path), soft_wrap=True)


def save_rating(rating: Rating, out: Path | None, *, force: bool = False) -> Path:
    """Write the rating atomically: at ``out`` (replacing a file only with ``force``, even one
    written meanwhile), or under a new readable name in the ratings folder."""
    from kamtrust.atomic import write_atomic
    from kamtrust.results.rating import file_name, ratings_dir

    if out is None:
        folder = ratings_dir()
        path = folder / file_name(rating)
        while path.exists():
            path = folder / file_name(rating)
    else:
        path = out
    write_atomic(path, rating.to_json(), overwrite=force or out is None)
    return path


def _interview(
    q: Questionnaire,
    view: Questionnaire,
    role: str,
    language: str,
    result: Result,
    alone: bool,
    console: Console,
    style: Style,
) -> dict[str, int]:
    """Ask the role's statements; stopping early exits, and nothing is saved then."""
    from kamtrust.export.raterform import RaterForm
    from kamtrust.i18n import t
    from kamtrust.interview.session import SaveAndQuit, run_interview
    from kamtrust.interview.state import InterviewState
    from kamtrust.render.console import make_console, print_indented

    spec = RaterForm(q, role, language, result.participant.name, result.participant.account, shown_alone=alone)
    c = console
    c.print(spec.title(), style="bold")
    for paragraph in spec.intro():
        print_indented(c, paragraph, 0)
    c.print(t(language, "fb_intro_keys"), style="dim")
    state = InterviewState(view.presentation_order)
    err, _ = make_console(stderr=True)
    try:
        run_interview(view, language, state, c, style, lambda _s: None, rater=True)
    except (SaveAndQuit, KeyboardInterrupt, EOFError) as exc:
        c.print()
        err.print(t(language, "fb_rating_stopped", n=len(state.answers)), soft_wrap=True)
        raise typer.Exit(130 if isinstance(exc, KeyboardInterrupt) else 1) from None
    return dict(state.answers)


def rate_from_assess(
    as_role: str | None,
    for_result: Path | None,
    lang: str | None,
    answers: Path | None,
    out: Path | None,
    name: str | None,
    show_manager: bool,
    force: bool,
) -> None:
    """``assess --as ROLE --for RESULT``: check the pair, then :func:`rate`."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t
    from kamtrust.questionnaire.model import ROLE_IDS

    msg = _lang(lang)
    if as_role is None or for_result is None:
        raise UsageError(t(msg, "fb_as_needs_for"))
    if as_role not in ROLE_IDS:
        raise UsageError(t(msg, "fb_bad_role", role=as_role, roles=", ".join(ROLE_IDS)))
    rate(as_role, for_result, lang, answers, out, name, show_manager, force)


class ReportFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"
    json = "json"


_SUFFIX = {".md": ReportFormat.md, ".html": ReportFormat.html, ".htm": ReportFormat.html, ".json": ReportFormat.json}


@app.command("report", help=h("feedback.report"))
def report(
    result_file: Annotated[
        Path,
        typer.Argument(
            metavar=h("feedback.report.result.metavar"), help=h("feedback.report.result"), show_default=False
        ),
    ],
    ratings: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=h("feedback.report.ratings.metavar"), help=h("feedback.report.ratings"), show_default=False
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help=h("feedback.report.format")),
    ] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("feedback.out"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("feedback.report.lang"))] = None,
    min_raters: Annotated[int, typer.Option("--min-raters", help=h("feedback.min_raters"))] = 3,
    show_manager: Annotated[bool, typer.Option("--show-manager", help=h("feedback.report.show_manager"))] = False,
    force: Annotated[bool, typer.Option("--force", help=h("feedback.force"))] = False,
) -> None:
    """The self-other report: self, each role and all raters per factor; gaps, blind spots, levers."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t
    from kamtrust.results.ratingset import collect

    msg = _lang(lang)
    _check_min(min_raters, msg)
    chosen = fmt or (_SUFFIX.get(out.suffix.lower()) if out is not None else None) or ReportFormat.table
    if out is not None and fmt is not None and out.suffix.lower() in _SUFFIX and _SUFFIX[out.suffix.lower()] is not fmt:
        raise UsageError(t(msg, "fb_suffix_clash", suffix=out.suffix, format=fmt.value))
    result, q = rated_result(result_file, msg)
    language = _lang(lang or (result.language if result.language in q.languages else None), q)
    if out is not None:
        from kamtrust.outputs import check_output

        check_output(out, inputs=[result_file], overwrite=force)
    found = collect(ratings or [], result)
    err = _stderr_lines(found, language)
    for line in err:
        typer.echo(line, err=True)
    text = render_report(q, result, found.ratings, language, chosen.value, min_raters, show_manager)
    if out is None and chosen is ReportFormat.table:
        from kamtrust.cli.terminal import deliver
        from kamtrust.render.console import make_console

        deliver(make_console()[0], text)  # through the pager in a terminal, as show --details
        return
    _emit(text, out, force=force, lang=lang)


def _stderr_lines(found: RatingSet, lang: str) -> list[str]:
    """What was left out of the ratings, in ``lang`` (names from the disk made visible)."""
    from kamtrust.i18n import plural, t
    from kamtrust.safetext import visible

    lines = [visible(t(lang, "fb_left_out", file=f, why=why)) for f, why in found.left_out]
    if found.others:
        lines.append(t(lang, plural("fb_other_people", found.others), n=found.others))
    if found.other_version:
        lines.append(t(lang, plural("fb_other_version", found.other_version), n=found.other_version))
    if found.duplicates:
        lines.append(t(lang, plural("fb_duplicates", found.duplicates), n=found.duplicates))
    return lines


def render_report(
    q: Questionnaire,
    result: Result,
    ratings: list[Rating],
    lang: str,
    fmt: str,
    min_raters: int = 3,
    show_manager: bool = False,
) -> str:
    """The self-other report of ``result`` with ``ratings`` as ``fmt`` text (the library call)."""
    from kamtrust.engine.selfother import RatingIn, compare
    from kamtrust.report.selfother import build_view, to_json, to_markdown, to_text

    managers = [r for r in ratings if r.role == "manager"]
    alone = (show_manager or q.manager_alone) and bool(managers) and all(r.told_shown_alone for r in managers)
    so = compare(
        q,
        result.answers,
        [RatingIn(r.role, r.answers) for r in ratings],
        min_raters=min_raters,
        manager_alone=alone,
    )
    counts: dict[str, int] = {}
    for r in ratings:
        counts[r.role] = counts.get(r.role, 0) + 1
    view = build_view(q, result, so, lang, counts)
    if fmt == "json":
        return to_json(view, so)
    if fmt == "md":
        return to_markdown(view)
    if fmt == "html":
        from kamtrust.report.selfother_html import render_html

        return render_html(view, q)
    return to_text(view)


class SummaryFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"
    html = "html"


@app.command("summary", help=h("feedback.summary"))
def summary(
    results: Annotated[
        list[str],
        typer.Argument(
            metavar=h("feedback.summary.results.metavar"), help=h("feedback.summary.results"), show_default=False
        ),
    ],
    ratings: Annotated[
        list[str], typer.Option("--ratings", metavar=h("group.ratings.metavar"), help=h("feedback.summary.ratings"))
    ],
    fmt: Annotated[SummaryFormat | None, typer.Option("--format", "-f", help=h("feedback.summary.format"))] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("feedback.out"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("feedback.summary.lang"))] = None,
    min_raters: Annotated[int, typer.Option("--min-raters", help=h("feedback.summary.min_raters"))] = 3,
    min_group: Annotated[int, typer.Option("--min-group", help=h("feedback.summary.min_group"))] = 3,
    force: Annotated[bool, typer.Option("--force", help=h("feedback.force"))] = False,
) -> None:
    """For trainers: the group's mean self-other gap per factor (its blind spots), anonymous."""
    from kamtrust.engine.selfother import RatingIn, compare, group_gaps
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t
    from kamtrust.report.selfother_group import group_html, group_json, group_markdown, group_text
    from kamtrust.results.collect import collect as collect_results
    from kamtrust.results.collect import excluded_lines, score_collection
    from kamtrust.results.ratingset import collect_all

    msg = _lang(lang)
    _check_min(min_raters, msg)
    if min_group < 3:
        raise UsageError(t(msg, "fb_min_group", found=min_group))
    suffix = {".md": SummaryFormat.md, ".json": SummaryFormat.json, ".html": SummaryFormat.html}
    chosen = fmt or (suffix.get(out.suffix.lower()) if out is not None else None) or SummaryFormat.table
    if out is not None:
        from kamtrust.outputs import check_output

        check_output(out, overwrite=force)
    collection = collect_results(results, lang=msg)
    (scored_set,) = score_collection(collection, lang=msg)
    q = scored_set.questionnaire
    language = _lang(lang, q) if lang else (msg if msg in q.languages else q.languages[0])
    for line in excluded_lines(collection.left_out + scored_set.left_out, language):
        typer.echo(line, err=True)
    found = collect_all(ratings)
    for line in _stderr_lines(found, language):
        typer.echo(line, err=True)
    by_person: dict[tuple[str, str], list[RatingIn]] = {}
    for r in found.ratings:
        if (r.questionnaire_id, r.questionnaire_version) == (q.id, scored_set.version):
            by_person.setdefault((r.rated_id, (r.account or "").strip().casefold()), []).append(
                RatingIn(r.role, r.answers)
            )
    reports = []
    rated = 0
    for s in scored_set.scored:
        key = (str(s.fields.get("id")), str(s.fields.get("account") or "").strip().casefold())
        mine = by_person.get(key, [])
        if mine:
            rated += 1
        reports.append(compare(q, s.answers, mine, min_raters=min_raters))
    gaps = group_gaps(q, reports, min_group)
    people = len(scored_set.scored)
    if chosen is SummaryFormat.json:
        text = group_json(q, gaps, people, rated, language, min_raters, min_group)
    elif chosen is SummaryFormat.md:
        text = group_markdown(q, gaps, people, rated, language, min_raters, min_group)
    elif chosen is SummaryFormat.html:
        text = group_html(q, gaps, people, rated, language, min_raters, min_group)
    else:
        text = group_text(q, gaps, people, rated, language, min_raters, min_group)
    _emit(text, out, force=force, lang=lang)
