"""``kamtrust report`` and ``kamtrust group report``: self-contained HTML (or Markdown) reports."""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kamtrust.api import ReportFormat
from kamtrust.cli.group import (
    FOREIGN_SUFFIXES,
    SUFFIXES,
    AccountSel,
    CohortSel,
    ForceOpt,
    NameSel,
    RatingsOpt,
    SinceSel,
    UntilSel,
    by_field,
)
from kamtrust.i18n import h

if TYPE_CHECKING:
    from kamtrust.documents.against import GroupMeans
    from kamtrust.inputfile import Reason
    from kamtrust.questionnaire.model import Questionnaire
    from kamtrust.report.batch import Kept, Target
    from kamtrust.results.collect import Collection, LeftOut
    from kamtrust.results.document import Result
    from kamtrust.results.selection import Selection


class PairBy(StrEnum):
    id = "id"
    name = "name"


REPORT_SUFFIXES = {
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".md": ReportFormat.md,
    ".markdown": ReportFormat.md,
}


def pick_format(fmt: ReportFormat | None, out: Path | None, ui: str = "en") -> ReportFormat:
    """--format when given, else from the output's suffix (.md → Markdown), else HTML.

    A file named for another format (``perfil.pdf``, ``perfil.csv``, ``-f md -o x.html``) is refused:
    it would not hold what its name says. A folder (``-o informes/``, several reports) and any other
    name are taken as they are."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t

    if out is None or _is_folder(out):
        return fmt or ReportFormat.html
    suffix = out.suffix.lower()
    if suffix in FOREIGN_SUFFIXES or (suffix in SUFFIXES and suffix not in REPORT_SUFFIXES):  # a PDF, a CSV…
        key = "rp_unknown_suffix" if suffix == ".pdf" else "rp_unknown_suffix_other"  # the print-to-PDF advice
        raise UsageError(t(ui, key, out=out, suffix=out.suffix))
    named = REPORT_SUFFIXES.get(suffix)
    if fmt is not None and named is not None and named is not fmt:
        raise UsageError(t(ui, "gx_suffix_format", out=out, suffix=out.suffix, named=named.value, fmt=fmt.value))
    return fmt or named or ReportFormat.html


def _is_folder(out: Path) -> bool:
    """``-o`` names a folder: it ends with a separator or is one already."""
    return str(out).endswith(("/", os.sep)) or out.is_dir()


def check_output(out: Path, inputs: list[Path], questionnaire: str | None = None, *, overwrite: bool) -> None:
    """Refuse an output that would destroy a file or an input (an existing file unless ``overwrite``)."""
    from kamtrust.outputs import check_output as check
    from kamtrust.outputs import questionnaire_input

    check(out, inputs=[*inputs, *questionnaire_input(questionnaire)], overwrite=overwrite)


def deliver(text: str, out: Path | None, lang: str, *, force: bool = False) -> None:
    """Write the report to ``out`` atomically (and say where), or to stdout. Without ``force``,
    a file that appeared there meanwhile is never replaced."""
    if out is None:
        typer.echo(text, nl=False)
        return
    from kamtrust.atomic import write_atomic
    from kamtrust.i18n import t

    write_atomic(out, text, overwrite=force, lang=lang)
    typer.echo(t(lang, "report_written", path=out), err=True)


def report(
    result_files: Annotated[
        list[str], typer.Argument(metavar="RESULT...", help=h("report.result"), show_default=False)
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
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
    min_group: Annotated[int, typer.Option("--min-group", min=1, help=h("report.min_group"))] = 3,
    account: Annotated[str | None, typer.Option("--account", help=h("report.account"))] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help=h("report.cohort"))] = None,
    name: Annotated[str | None, typer.Option("--name", help=h("report.name"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("report.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("report.until"))] = None,
) -> None:
    """Make a report of a result to keep or share: charts, your zone, an action plan."""
    from kamtrust.report.batch import is_batch

    selecting = any(v is not None for v in (account, cohort, name, since, until))
    if is_batch(result_files, selecting):
        _batch(
            result_files,
            out=out,
            fmt=fmt,
            against=against,
            compare=compare,
            lang=lang,
            questionnaire=questionnaire,
            force=force,
            min_group=min_group,
            selection=(account, cohort, name, since, until),
        )
        return
    _one(result_files[0], out, fmt, against, compare, lang, questionnaire, force)


def _one(
    result_ref: str,
    out: Path | None,
    fmt: ReportFormat | None,
    against: Path | None,
    compare: Path | None,
    lang: str | None,
    questionnaire: str | None,
    force: bool,
) -> None:
    """One result's report, as ``kamtrust report FILE`` has always made it (kamtrust.api.load_personal)."""
    from kamtrust.api import load_personal, personal_report
    from kamtrust.i18n import message_language, t
    from kamtrust.results.pick import pick
    from kamtrust.safetext import visible

    result_file = pick(str(Path(result_ref)), message_language(lang))  # a file, 'latest' or a history line
    if compare is not None:
        compare = pick(str(compare), message_language(lang))
    inputs = [p for p in (result_file, against, compare) if p is not None]
    to_stdout = out is not None and str(out) == "-"
    if out is not None and not to_stdout:
        check_output(out, inputs, questionnaire, overwrite=force)  # like every other writer: --force to replace
    chosen = pick_format(fmt, None if to_stdout else out, message_language(lang))
    personal = load_personal(
        result_file,
        against=against,
        compare=compare,
        questionnaire=questionnaire,
        lang=lang,
        force=force,
        warn=lambda warning: typer.echo(visible(t(message_language(lang), "warning") + warning), err=True),
    )
    if personal.forced:
        typer.echo(visible(personal.forced), err=True)
    if out is None:  # beside the result, never over an existing file unless --force
        out = _beside(result_file, chosen, inputs, force, personal.language)
    deliver(personal_report(personal, chosen), None if to_stdout else out, message_language(lang), force=force)
    _say_unfinished(personal.result, len(personal.questionnaire.items), message_language(lang))


def _say_unfinished(result: Result, total: int, lang: str) -> None:
    """A report of an unfinished assessment says so on stderr too, not only inside the report."""
    import shlex

    from kamtrust.i18n import t
    from kamtrust.results.document import PARTIAL
    from kamtrust.safetext import visible

    if result.status != PARTIAL:
        return
    account = result.participant.account
    command = "kamtrust assess --resume" + (" --account " + shlex.quote(visible(account)) if account else "")
    said = t(lang, "report_unfinished", answered=len(result.answers), total=total, command=command)
    typer.echo(said, err=True)


def _batch(
    paths: list[str],
    *,
    out: Path | None,
    fmt: ReportFormat | None,
    against: Path | None,
    compare: Path | None,
    lang: str | None,
    questionnaire: str | None,
    force: bool,
    min_group: int,
    selection: tuple[str | None, str | None, str | None, str | None, str | None],
) -> None:
    """Every personal report of a folder (or several files, or a glob) in one go; see report/batch.py."""
    import sys

    from kamtrust.cli.group import make_selection
    from kamtrust.errors import KamtrustError, UsageError
    from kamtrust.i18n import message_language, t
    from kamtrust.outputs import check_output_folder
    from kamtrust.report.batch import targets
    from kamtrust.safetext import visible

    ui = message_language(lang)
    if compare is not None:
        raise UsageError(t(ui, "rb_compare_one"))
    if out is not None and str(out) == "-":
        raise UsageError(t(ui, "rb_stdout_one"))
    account, cohort, name, since, until = selection
    chosen_selection = make_selection(account, cohort, name, since, until, lang)
    if out is not None:
        check_output_folder(out)
    collection, kept, left_out = _plan_batch(paths, chosen_selection, questionnaire, ui)
    groups = _groups(against, kept, questionnaire, lang, min_group, ui) if against is not None and kept else None
    if groups is not None:
        kept = _beside_groups(kept, groups, left_out, ui)
    if not kept:
        raise KamtrustError(
            t(ui, "rb_nothing", why=_omitted(left_out, ui).removeprefix(" · ") or t(ui, "rb_nothing_found"))
        )
    chosen = fmt or ReportFormat.html
    # Each report in --lang, else in the language its person answered in (when the
    # questionnaire has it): a KAM reads their report as they read the questions.
    languages = {k.path: _result_language(lang, k.result, k.q) for k in kept}
    planned_targets = targets(kept, out, chosen.value)
    _check_targets(planned_targets, out, collection, against, questionnaire, force, ui)
    typer.echo(_language_line(lang, languages, ui), err=True)
    for line in _clash_lines(planned_targets, ui):
        typer.echo(visible(line), err=True)

    def render(target: Target) -> str:
        k = target.kept
        group = groups[k.q.id].get(k.q.version) if groups is not None else None
        return _batch_report(k.result, k.q, languages[k.path], group, chosen)

    progress = _Progress(len(planned_targets), ui) if sys.stderr.isatty() and len(planned_targets) >= 10 else None
    _write(planned_targets, render, force, progress)
    if progress is not None:
        progress.done()
    typer.echo(visible(_written_line(len(planned_targets), out, ui) + _omitted(left_out, ui)), err=True)


def _plan_batch(
    paths: list[str], selection: Selection, questionnaire: str | None, ui: str
) -> tuple[Collection, list[Kept], list[LeftOut]]:
    """The results to report on, each person's latest once, and every file left out (named as found)."""
    from kamtrust.cli.group import _select, report_excluded
    from kamtrust.report.batch import plan
    from kamtrust.results.collect import SAME_FILE, collect
    from kamtrust.results.rescore import load_scored

    collection = collect(paths, lang=ui)
    report_excluded(collection.left_out, ui)
    left_out = [x for x in collection.left_out if x.kind != SAME_FILE]  # a file reached twice counts once
    if selection.active:
        collection = _select(collection, selection, ui, "")
    planned = plan(collection, lambda path: load_scored(path, questionnaire), _installed(questionnaire))
    report_excluded(planned.left_out, ui)
    return collection, planned.kept, [*left_out, *planned.left_out]


def _beside_groups(
    kept: list[Kept], groups: dict[str, dict[str, GroupMeans]], left_out: list[LeftOut], ui: str
) -> list[Kept]:
    """The results whose questionnaire the --against group has; the others left out, named (in ``left_out``)."""
    from kamtrust.cli.group import report_excluded
    from kamtrust.inputfile import reason
    from kamtrust.report.batch import leave_out

    beside = [k for k in kept if k.q.id in groups]
    odd = [
        leave_out(k, reason("rb_other_questionnaire", id=k.q.id, group=", ".join(sorted(groups))))
        for k in kept
        if k.q.id not in groups
    ]
    report_excluded(odd, ui)
    left_out += odd
    return beside


def _result_language(lang: str | None, result: Result, q: Questionnaire) -> str:
    from kamtrust.api import result_language

    return result_language(lang, result, q)


def _batch_report(
    result: Result, q: Questionnaire, language: str, group: GroupMeans | None, chosen: ReportFormat
) -> str:
    """One report of a batch (kamtrust.api.personal_report), noting another questionnaire version."""
    from kamtrust.api import PersonalInputs, personal_report
    from kamtrust.i18n import t
    from kamtrust.safetext import visible

    notes = []
    if q.version != result.questionnaire_version:
        old = visible(result.questionnaire_version)
        notes.append(t(language, "questionnaire_version_differs", id=q.id, old=old, new=q.version))
    return personal_report(PersonalInputs(result, q, language, group, notes=tuple(notes)), chosen)


def _written_line(n: int, out: Path | None, ui: str) -> str:
    """'3 reports written in out/' or '… beside their results'."""
    from kamtrust.i18n import plural, t

    if out is not None:
        folder = str(out) if str(out).endswith(("/", os.sep)) else f"{out}{os.sep}"  # plainly a folder
        return t(ui, plural("rb_written_in", n), n=n, folder=folder)
    return t(ui, plural("rb_written_beside", n), n=n)


def _installed(questionnaire: str | None) -> Callable[[Result], Reason | None]:
    """Why a result cannot be scored here: its questionnaire is not installed (None when it is,
    or when --questionnaire names the one to use; load_scored then says what does not fit)."""
    from kamtrust.errors import KamtrustError
    from kamtrust.inputfile import reason
    from kamtrust.questionnaire.registry import resolve_id
    from kamtrust.safetext import visible

    known: dict[str, bool] = {}

    def check(result: Result) -> Reason | None:
        if questionnaire:
            return None
        qid = result.questionnaire_id
        if qid not in known:
            try:
                resolve_id(qid)
                known[qid] = True
            except KamtrustError:
                known[qid] = False
        return None if known[qid] else reason("rb_not_installed", id=visible(qid))

    return check


def _omitted(left_out: list[LeftOut], ui: str) -> str:
    """' · 2 files left out: a.json, b.json' (at most ten named), or ''."""
    from kamtrust.i18n import plural, some_of, t
    from kamtrust.results.collect import LISTED

    files = sorted({x.path for x in left_out})
    if not files:
        return ""
    return t(ui, plural("rb_omitted", len(files)), n=len(files), files=some_of(files, ui, LISTED))


def _language_line(lang: str | None, languages: dict[str, str], ui: str) -> str:
    """Which language the reports are in: --lang's, or each result's own with the counts."""
    from collections import Counter

    from kamtrust.i18n import MESSAGES, t

    def name(code: str) -> str:
        key = f"rb_lang_{code}"
        return t(ui, key) if key in MESSAGES[ui] else code

    if lang:
        return t(ui, "rb_lang_all", language=name(next(iter(languages.values()))))
    counts = Counter(languages.values())
    parts = ", ".join(t(ui, "rb_lang_count", n=n, language=name(code)) for code, n in counts.most_common())
    return t(ui, "rb_lang_each", counts=parts)


def _clash_lines(planned: list[Target], ui: str) -> list[str]:
    """One line per name shared by several reports: which numbered names they got."""
    from kamtrust.i18n import t
    from kamtrust.report.batch import clashes

    lines = []
    for group in clashes(planned).values():
        names = ", ".join(x.path.name for x in sorted(group, key=lambda x: x.path.name))
        lines.append(t(ui, "rb_clash", n=len(group), name=group[0].base, names=names))
    return lines


def _check_targets(
    planned: list[Target],
    out: Path | None,
    collection: Collection,
    against: Path | None,
    questionnaire: str | None,
    force: bool,
    ui: str,
) -> None:
    """Before anything is written: no report over a special file, a link or an input, and none
    over an existing report unless --force (all of those named at once)."""
    from kamtrust.atomic import check_writable
    from kamtrust.i18n import plural, some_of, t
    from kamtrust.outputs import collection_files, questionnaire_input, refuse_inputs, refuse_special
    from kamtrust.results.collect import LISTED

    inputs = [*collection_files(collection), *questionnaire_input(questionnaire)]
    if against is not None:
        inputs.append(against)
    existing = []
    for target in planned:
        refuse_special(target.path)
        refuse_inputs(target.path, inputs)
        if os.path.lexists(target.path):
            existing.append(str(target.path))
    if existing and not force:
        named = some_of(existing, ui, LISTED)
        key = plural("rb_exists", len(existing))
        from kamtrust.errors import KamtrustError

        raise KamtrustError(t(ui, key, n=len(existing), files=named))
    # One probe per folder: it can be created and written (an -o folder is created here).
    for path in {str(target.path.parent): target.path for target in planned}.values():
        check_writable(path)


def _groups(
    against: Path,
    kept: list[Any],
    questionnaire: str | None,
    lang: str | None,
    min_group: int,
    ui: str,
) -> dict[str, dict[str, GroupMeans]]:
    """The group each report stands beside, per questionnaire id and version, computed once.

    A file is a group summary (as for one report); a folder or a glob holds the group's results,
    summarised here with the group commands' rules: each person once, the anonymity threshold
    ``min_group`` (too few people: refused, never shown).
    """
    from kamtrust.documents.against import parse_summary, summary_json
    from kamtrust.i18n import t
    from kamtrust.inputfile import read_bytes
    from kamtrust.safetext import visible

    source = str(against)
    if os.path.isfile(source):
        doc = summary_json(read_bytes(against, source, what="group summary file"), source)
        qdoc = doc.get("questionnaire") if isinstance(doc, dict) else None
        group_id = qdoc.get("id") if isinstance(qdoc, dict) else None
    else:
        doc, group_id = _summarise(source, questionnaire, lang, min_group, ui)
    versions = {(k.q.id, k.q.version): k.q for k in kept}
    groups: dict[str, dict[str, GroupMeans]] = {}
    for (qid, version), q in sorted(versions.items()):
        if group_id is not None and qid != group_id:
            continue  # those results are left out, with the reason
        means = parse_summary(doc, source, q)  # a damaged or withheld group stops the run
        for warning in means.warnings_in(ui):
            typer.echo(visible(t(ui, "warning") + warning), err=True)
        groups.setdefault(qid, {})[version] = means
    if groups:
        first = next(iter(next(iter(groups.values())).values()))
        typer.echo(
            visible(t(ui, "rb_group", path=source, n=first.n, id=group_id, version=first.questionnaire_version)),
            err=True,
        )
    return groups


def _summarise(
    source: str, questionnaire: str | None, lang: str | None, min_group: int, ui: str
) -> tuple[dict[str, Any], str]:
    """The summary document of the group's results at ``source`` (a folder or a glob)."""
    from kamtrust import __version__
    from kamtrust.cli.group import excluded, scored_sets
    from kamtrust.documents.summary import to_document
    from kamtrust.engine.group import summarize
    from kamtrust.errors import KamtrustError, MixedQuestionnaires
    from kamtrust.i18n import t
    from kamtrust.results.document import now_utc

    try:
        collection, sets = scored_sets(
            [source], strict=False, questionnaire=questionnaire, per_questionnaire=False, label="--against: ", lang=lang
        )
    except MixedQuestionnaires as exc:
        raise KamtrustError(t(ui, "rb_group_mixed", path=source, problem=exc.problem), files=[source]) from None
    s = sets[0]
    summary = summarize(s.questionnaire, s.scored, min_group=min_group, excluded=excluded(collection, s, None))
    if summary.total.suppressed:
        raise KamtrustError(t(ui, "rb_group_too_few", path=source, n=s.people, min_group=min_group))
    return to_document(summary, now=now_utc(), version=__version__), s.questionnaire.id


def _write(
    planned: list[Target], render: Callable[[Target], str], force: bool, progress: Callable[[int], None] | None
) -> None:
    """Write every report: new ones never replace a file (one batch per folder, one sync);
    with --force, existing reports are replaced, each atomically."""
    from kamtrust.atomic import write_atomic
    from kamtrust.batchwrite import write_batch

    done = 0

    def tick(_: int = 0) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done)

    folders: dict[Path, list[Target]] = {}
    for target in planned:
        if force and os.path.lexists(target.path):
            write_atomic(target.path, render(target))
            tick()
        else:
            folders.setdefault(target.path.parent, []).append(target)
    for folder, batch in folders.items():
        write_batch(folder, ((x.path.name, render(x)) for x in batch), tick)


class _Progress:
    """'Writing reports: 12 of 140' on a terminal's stderr, a few times a second."""

    def __init__(self, total: int, lang: str) -> None:
        self.total, self.lang, self.last = total, lang, 0.0

    def __call__(self, n: int) -> None:
        import sys
        import time

        from kamtrust.i18n import t

        now = time.monotonic()
        if now - self.last >= 0.1 or n == self.total:
            self.last = now
            sys.stderr.write("\r" + t(self.lang, "rb_progress", n=n, total=self.total))
            sys.stderr.flush()

    def done(self) -> None:
        import sys

        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


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
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("group.report.out"))] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help=h("group.report.format")),
    ] = None,
    force: ForceOpt = False,
    before: Annotated[
        list[str] | None,
        typer.Option("--before", help=h("group.report.before")),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help=h("group.report.by"), callback=by_field),
    ] = None,
    min_group: Annotated[
        int,
        typer.Option("--min-group", min=1, help=h("group.min_group")),
    ] = 3,
    with_names: Annotated[bool, typer.Option("--with-names", help=h("group.report.with_names"))] = False,
    match: Annotated[PairBy, typer.Option("--match", help=h("group.report.people_match"))] = PairBy.id,
    match_accounts: Annotated[bool, typer.Option("--match-accounts", help=h("group.match_accounts"))] = False,
    strict: Annotated[bool, typer.Option("--strict", help=h("group.strict"))] = False,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("group.report.lang"))] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("group.questionnaire")),
    ] = None,
    account: AccountSel = None,
    cohort: CohortSel = None,
    name: NameSel = None,
    since: SinceSel = None,
    until: UntilSel = None,
    ratings: RatingsOpt = None,
) -> None:
    """Make a group report: radar with spread, everybody's scores (anonymous), zones, internal consistency."""
    from kamtrust import api
    from kamtrust.cli.group import (
        GroupFormat,
        check_options,
        collect_sets,
        make_selection,
        read_ratings,
        self_other,
        tell_unpaired,
        warn_min_group,
    )
    from kamtrust.errors import MixedQuestionnaires
    from kamtrust.i18n import message_language, plural, t

    ui = message_language(lang)
    # The group command's own checks for --by and the output.
    check_options(GroupFormat.md, out, True, ",", None, by, with_names, ui)
    if out is None or not out.exists():  # a new file named for another format: refused before any reading
        pick_format(fmt, out, ui)
    selection = make_selection(account, cohort, name, since, until, lang)
    warn_min_group(min_group, ui)
    rated = read_ratings(ratings, min_group, ui)
    try:
        collected = collect_sets(
            paths,
            strict=strict,
            questionnaire=questionnaire,
            per_questionnaire=False,
            lang=lang,
            by=by,
            selection=selection,
            match=match.value,
        )
    except MixedQuestionnaires as exc:
        # The summary's hint (--per-questionnaire) is not an option of the report.
        raise exc.with_hint(t(ui, "gx_mixed_hint_report")) from None
    if out is not None:
        check_output(out, collected.files, questionnaire, overwrite=force)  # replaced only with --force
    summarised = api.report_summary(collected, min_group=min_group, by=by, with_names=with_names, lang=lang, ui=ui)
    comparison = None
    if before:
        earlier = collect_sets(
            before,
            strict=strict,
            questionnaire=questionnaire,
            per_questionnaire=False,
            label=t(ui, "group_side_before"),
            lang=lang,
            selection=selection,
            match="name" if match is PairBy.name else None,  # with 'id', the comparison says so itself
        )
        if out is not None:
            check_output(out, earlier.files, overwrite=force)
        comparison = api.report_comparison(
            summarised,
            collected,
            earlier,
            match=match.value,
            merge_accounts=match_accounts,
            with_names=with_names,
            ui=ui,
        )
        tell_unpaired(comparison, ui, False)
    s, q = summarised.scored, summarised.questionnaire
    key = plural("gx_report_results", len(s.scored))
    typer.echo(t(ui, key, id=q.id, version=q.version, n=len(s.scored)), err=True)
    gaps = self_other(rated, s, min_group, by, summarised.language)
    text = api.group_report(summarised, comparison=comparison, self_other=gaps, fmt=pick_format(fmt, out, ui))
    deliver(text, out, ui, force=force)
