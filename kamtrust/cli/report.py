"""``kamtrust report`` and ``kamtrust group report``: self-contained HTML (or Markdown) reports."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kamtrust.cli.group import AccountSel, CohortSel, NameSel, SinceSel, UntilSel
from kamtrust.i18n import h


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


class PairBy(StrEnum):
    id = "id"
    name = "name"


def pick_format(fmt: ReportFormat | None, out: Path | None) -> ReportFormat:
    """--format when given, else from the output's suffix (.md → Markdown), else HTML."""
    if fmt is not None:
        return fmt
    if out is not None and out.suffix.lower() in (".md", ".markdown"):
        return ReportFormat.md
    return ReportFormat.html


def check_output(out: Path, inputs: list[Path], questionnaire: str | None = None) -> None:
    """Refuse an output that would destroy a file or an input; an existing report is replaced."""
    from kamtrust.outputs import check_output as check
    from kamtrust.outputs import questionnaire_input

    check(out, inputs=[*inputs, *questionnaire_input(questionnaire)], overwrite=True)


def deliver(text: str, out: Path | None, lang: str) -> None:
    """Write the report to ``out`` atomically (and say where), or to stdout."""
    if out is None:
        typer.echo(text, nl=False)
        return
    from kamtrust.atomic import write_atomic
    from kamtrust.i18n import t

    write_atomic(out, text)
    typer.echo(t(lang, "report_written", path=out), err=True)


def report(
    result_file: Annotated[Path, typer.Argument(help=h("report.result"), show_default=False)],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=h("report.out"),
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help=h("report.format")),
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option("--against", help=h("report.against")),
    ] = None,
    compare: Annotated[Path | None, typer.Option("--compare", help=h("report.compare"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("report.lang"))] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("report.questionnaire")),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=h("report.force"),
        ),
    ] = False,
) -> None:
    """Make a report of a result to keep or share: charts, your zone, an action plan."""
    from kamtrust.i18n import choose_language, message_language, t
    from kamtrust.report.personal import build_personal
    from kamtrust.results.pick import pick
    from kamtrust.results.rescore import load_scored
    from kamtrust.safetext import visible

    result_file = pick(str(result_file), message_language(lang))  # a file, 'latest' or a history line
    if compare is not None:
        compare = pick(str(compare), message_language(lang))
    inputs = [p for p in (result_file, against, compare) if p is not None]
    to_stdout = out is not None and str(out) == "-"
    chosen = pick_format(fmt, None if to_stdout else out)
    if out is not None and not to_stdout:
        check_output(out, inputs, questionnaire)
    result, q = load_scored(result_file, questionnaire)
    language = choose_language(
        lang or (result.language if result.language in q.languages else None), q.languages, q.source or q.id
    )
    notes: list[str] = []
    if q.version != result.questionnaire_version:
        notes.append(
            t(
                language,
                "questionnaire_version_differs",
                id=q.id,
                old=visible(result.questionnaire_version),
                new=q.version,
            )
        )
    group = None
    if against is not None:
        from kamtrust.report.against import read_summary

        group = read_summary(against, q)
        for warning in group.warnings:
            typer.echo(visible(f"Warning: {warning}"), err=True)
    earlier = None
    if compare is not None:
        # Scored with the questionnaire given, else with this result's own (an id already checked,
        # never a path read from a file); another version of it compares at the factor level.
        earlier, earlier_q = load_scored(compare, questionnaire or result.questionnaire_id)
        from kamtrust.results.pairing import check_pair

        forced = check_pair(earlier, result, compare, result_file, language, force)
        if forced:
            typer.echo(visible(forced), err=True)
        from kamtrust.version_notes import version_notes

        notes += version_notes(earlier_q, q, earlier.questionnaire_version, result.questionnaire_version, language)
    if out is None:  # beside the result, never over an existing file unless --force
        out = _beside(result_file, chosen, inputs, force, language)
    report_model = build_personal(q, result, language, group=group, earlier=earlier)
    if chosen is ReportFormat.md:
        from kamtrust.report.markdown import render_personal
    else:
        from kamtrust.report.html import render_personal  # type: ignore[assignment]
    deliver(render_personal(report_model, notes=notes), None if to_stdout else out, language)


def _beside(result_file: Path, chosen: ReportFormat, inputs: list[Path], force: bool, language: str) -> Path:
    """The default report file: the result's name with .html (or .md), in the result's folder."""
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import t
    from kamtrust.outputs import check_output as check
    from kamtrust.outputs import refuse_special

    name = result_file.name.removesuffix(".json") if result_file.name.endswith(".json") else result_file.stem
    out = result_file.with_name(f"{name}.{chosen.value}")
    refuse_special(out)
    if not force and os.path.lexists(out):
        raise KamtrustError(t(language, "report_beside_exists", path=out, ext=chosen.value))
    check(out, inputs=inputs, overwrite=True)
    return out


def group_report(
    paths: Annotated[
        list[str],
        typer.Argument(metavar=h("group.paths.metavar"), help=h("group.paths"), show_default=False),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help=h("group.report.out"))
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help=h("group.report.format")
        ),
    ] = None,
    before: Annotated[
        list[str] | None,
        typer.Option("--before", help=h("group.report.before")),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help=h("group.report.by")),
    ] = None,
    min_group: Annotated[
        int,
        typer.Option("--min-group", min=1, help=h("group.min_group")),
    ] = 3,
    with_names: Annotated[
        bool, typer.Option("--with-names", help=h("group.report.with_names"))
    ] = False,
    match: Annotated[
        PairBy, typer.Option("--match", help=h("group.report.match"))
    ] = PairBy.id,
    strict: Annotated[
        bool, typer.Option("--strict", help=h("group.strict"))
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help=h("group.report.lang"))
    ] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("group.questionnaire")),
    ] = None,
    account: AccountSel = None,
    cohort: CohortSel = None,
    name: NameSel = None,
    since: SinceSel = None,
    until: UntilSel = None,
) -> None:
    """Make a group report: radar with spread, everybody's scores (anonymous), zones, reliability."""
    from kamtrust.cli.group import GroupFormat, check_options, make_selection, scored_sets, warn_min_group
    from kamtrust.engine.group import summarize
    from kamtrust.errors import KamtrustError
    from kamtrust.i18n import choose_language, message_language, t
    from kamtrust.report.group import build_group
    from kamtrust.results.document import now_utc

    ui = message_language(lang)
    # The group command's own checks for --by and the output (an existing report is replaced).
    check_options(GroupFormat.md, out, True, ",", None, by, with_names, ui)
    selection = make_selection(account, cohort, name, since, until, lang)
    warn_min_group(min_group, ui)
    try:
        collection, sets = scored_sets(
            paths,
            strict=strict,
            questionnaire=questionnaire,
            per_questionnaire=False,
            lang=lang,
            by=by,
            selection=selection,
        )
    except KamtrustError as exc:
        # The summary's hint (--per-questionnaire) is not an option of the report.
        head, found, _ = exc.message.partition(t(ui, "gx_mixed_hint"))
        if not found:
            raise
        raise KamtrustError(head + t(ui, "gx_mixed_hint_report")) from None
    if out is not None:
        check_output(out, [*collection.paths, *collection.partial, *(p for p, _ in collection.rejected)], questionnaire)
    s = sets[0]
    q = s.questionnaire
    language = choose_language(lang, q.languages, q.source or q.id)
    excluded = {"partial": len(collection.partial), "rejected": len(collection.rejected) + len(s.rejected)}
    summary = summarize(q, s.scored, min_group=min_group, by=by, items=True, excluded=excluded, with_names=with_names)
    if summary.total.suppressed:
        n = s.people
        raise KamtrustError(t(ui, "gx_report_too_few_one" if n == 1 else "gx_report_too_few", n=n, min_group=min_group))
    comparison = None
    if before:
        from kamtrust.engine.compare import compare

        earlier_collection, earlier_sets = scored_sets(
            before,
            strict=strict,
            questionnaire=questionnaire,
            per_questionnaire=False,
            label=t(ui, "group_side_before"),
            lang=lang,
            selection=selection,
        )
        if out is not None:
            check_output(
                out,
                [*earlier_collection.paths, *earlier_collection.partial, *(p for p, _ in earlier_collection.rejected)],
            )
        from kamtrust.cli.group import across_versions

        b = earlier_sets[0]
        # Another version of the same questionnaire compares at the factor level, with a note.
        versions = across_versions(b, s, ui)
        comparison = compare(q, b.scored, s.scored, min_group=min_group, match=match.value, versions=versions)
    n_in = len(s.scored)
    key = "gx_report_results_one" if n_in == 1 else "gx_report_results"
    typer.echo(t(ui, key, id=q.id, version=q.version, n=n_in), err=True)
    model = build_group(q, summary, s.scored, language, date=now_utc(), comparison=comparison)
    if pick_format(fmt, out) is ReportFormat.md:
        from kamtrust.report.markdown import render_group
    else:
        from kamtrust.report.html import render_group  # type: ignore[assignment]
    deliver(render_group(model), out, language)
