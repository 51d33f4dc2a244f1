"""``kamtrust report`` and ``kamtrust group report``: self-contained HTML (or Markdown) reports."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


def pick_format(fmt: ReportFormat | None, out: Path | None) -> ReportFormat:
    """--format when given, else from the output's suffix (.md → Markdown), else HTML."""
    if fmt is not None:
        return fmt
    if out is not None and out.suffix.lower() in (".md", ".markdown"):
        return ReportFormat.md
    return ReportFormat.html


def check_output(out: Path, inputs: list[Path]) -> None:
    """Refuse an output that would overwrite an input, and fail early when it cannot be written."""
    from kamtrust.atomic import check_writable
    from kamtrust.errors import UsageError

    target = out.resolve()
    for path in inputs:
        if path.exists() and path.resolve() == target:
            raise UsageError(f"-o {out} would overwrite the input file {path}; choose another output file")
    check_writable(out)


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
    result_file: Annotated[Path, typer.Argument(help="A result file saved by 'kamtrust assess'.", show_default=False)],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the report to this file (default: standard output).")
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="html: one self-contained page; md: Markdown. Default: from -o's suffix, else html."
        ),
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option("--against", help="A group summary (JSON from 'kamtrust group summary') to stand beside."),
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="An earlier result of yours to show beside this one.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Report language (default: the result's).")] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help="Questionnaire id or YAML file (default: the result's own)."),
    ] = None,
) -> None:
    """Make a report of a result to keep or share: charts, your zone, an action plan."""
    from kamtrust.i18n import choose_language, t
    from kamtrust.report.personal import build_personal
    from kamtrust.results.rescore import load_scored

    inputs = [p for p in (result_file, against, compare) if p is not None]
    if out is not None:
        check_output(out, inputs)
    result, q = load_scored(result_file, questionnaire)
    language = choose_language(
        lang or (result.language if result.language in q.languages else None), q.languages, q.source or q.id
    )
    notes: list[str] = []
    if q.version != result.questionnaire_version:
        notes.append(
            t(language, "questionnaire_version_differs", id=q.id, old=result.questionnaire_version, new=q.version)
        )
    group = None
    if against is not None:
        from kamtrust.report.against import read_summary

        group = read_summary(against, q)
        for warning in group.warnings:
            typer.echo(f"Warning: {warning}", err=True)
    earlier = None
    if compare is not None:
        earlier, _ = load_scored(compare, questionnaire or result.questionnaire_id)
        if earlier.questionnaire_version != result.questionnaire_version:
            notes.append(
                t(
                    language,
                    "compare_versions",
                    id=q.id,
                    old=earlier.questionnaire_version,
                    new=result.questionnaire_version,
                )
            )
    report_model = build_personal(q, result, language, group=group, earlier=earlier)
    if pick_format(fmt, out) is ReportFormat.md:
        from kamtrust.report.markdown import render_personal
    else:
        from kamtrust.report.html import render_personal  # type: ignore[assignment]
    deliver(render_personal(report_model, notes=notes), out, language)
