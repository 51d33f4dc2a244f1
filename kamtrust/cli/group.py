"""``kamtrust group``: summarise a group's results and compare two sessions, for trainers."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from kamtrust.api import GroupFormat as GroupFormat  # re-exported: the commands' option type
from kamtrust.cli.terminal import tell
from kamtrust.i18n import h

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from kamtrust.api import Collected, Notice, SetSummary
    from kamtrust.engine.compare import Comparison
    from kamtrust.engine.group import GroupSummary
    from kamtrust.engine.selfother_group import SelfOtherGroup
    from kamtrust.engine.versions import CrossVersion
    from kamtrust.errors import UsageError
    from kamtrust.questionnaire.model import Questionnaire
    from kamtrust.results.collect import Collection, LeftOut, ScoredSet
    from kamtrust.results.selection import Selection

app = typer.Typer(
    help=h("group"),
    no_args_is_help=True,
)

SUFFIXES = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md", ".xlsx": "xlsx", ".txt": "table"}
FOREIGN_SUFFIXES = frozenset(
    (".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".ods", ".ppt", ".pptx", ".png", ".jpg", ".jpeg", ".svg")
)
"""Names of formats kamtrust never writes: a file so named would not hold what its name says
(any other name, ``resumen.out``, is taken as it is)."""


class Match(StrEnum):
    id = "id"
    name = "name"


# Options shared by both commands.
FormatOpt = Annotated[
    GroupFormat | None,
    typer.Option("--format", "-f", help=h("group.format")),
]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help=h("group.out"))]
ForceOpt = Annotated[bool, typer.Option("--force", help=h("group.force"))]
BY_NAMES = {"cuenta": "account", "cohorte": "cohort", "nombre": "name"}
"""``--by`` as a Spanish-speaking trainer may type it, in the help's words."""


def by_field(value: str | None) -> str | None:
    """``--by``'s value as a field name: ``cuenta`` is ``account``, and so on (BY_NAMES)."""
    return None if value is None else BY_NAMES.get(value.strip().casefold(), value)


ByOpt = Annotated[
    str | None,
    typer.Option("--by", help=h("group.by"), callback=by_field),
]
MinGroupOpt = Annotated[
    int,
    typer.Option("--min-group", min=1, help=h("group.min_group")),
]
SepOpt = Annotated[str, typer.Option("--sep", help=h("group.sep"))]
DecimalOpt = Annotated[str | None, typer.Option("--decimal", help=h("group.decimal"))]
StrictOpt = Annotated[bool, typer.Option("--strict", help=h("group.strict"))]
QuestionnaireOpt = Annotated[
    str | None,
    typer.Option("--questionnaire", "-q", help=h("group.questionnaire")),
]
LangOpt = Annotated[str | None, typer.Option("--lang", "-l", help=h("group.lang"))]
# Selecting results from a mixed folder (kamtrust/results/selection.py).
AccountSel = Annotated[
    str | None,
    typer.Option("--account", help=h("group.account")),
]
CohortSel = Annotated[
    str | None,
    typer.Option("--cohort", help=h("group.cohort")),
]
NameSel = Annotated[
    str | None,
    typer.Option("--name", help=h("group.name")),
]
SinceSel = Annotated[
    str | None,
    typer.Option("--since", help=h("group.since")),
]
UntilSel = Annotated[
    str | None,
    typer.Option("--until", help=h("group.until")),
]


RatingsOpt = Annotated[
    list[str] | None,
    typer.Option("--ratings", metavar=h("group.ratings.metavar"), help=h("group.ratings"), show_default=False),
]


def read_ratings(refs: list[str] | None, min_group: int, ui: str) -> list[Any] | None:
    """``--ratings`` read (None without it), what was left out said on stderr."""
    if not refs:
        return None
    from kamtrust.export.selfother_section import read_ratings as read

    found, lines = read(refs, min_group, ui)
    for line in lines:
        tell(line)
    return found


def self_other(ratings: list[Any] | None, s: ScoredSet, min_group: int, by: str | None, lang: str) -> Any:
    """The group's self-other section for one questionnaire's people (None without --ratings)."""
    if ratings is None:
        return None
    from kamtrust.export.selfother_section import section

    gaps, lines = section(ratings, s.questionnaire, s.version, s.scored, min_group=min_group, by=by, lang=lang)
    for line in lines:
        tell(line)
    return gaps


def resolve_format(fmt: GroupFormat | None, out: Path | None, ui: str = "en") -> GroupFormat:
    """The format asked for, else the one the output file's suffix names, else table.

    A suffix that names another format (-f csv -o x.json), or HTML, which only ``group report``
    makes, is refused: the file would not hold what its name says.
    """
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t

    if out is None:
        return fmt or GroupFormat.table
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        raise UsageError(t(ui, "gx_no_html", out=out))
    if not out.exists():  # an existing file: checked after the checks that protect it
        check_suffix(out, ui)
    if fmt is not None and suffix in SUFFIXES and SUFFIXES[suffix] != fmt.value:
        raise UsageError(t(ui, "gx_suffix_format", out=out, suffix=out.suffix, named=SUFFIXES[suffix], fmt=fmt.value))
    if fmt is not None:
        return fmt
    return GroupFormat(SUFFIXES[suffix]) if suffix in SUFFIXES else GroupFormat.table


def check_suffix(out: Path | None, ui: str) -> None:
    """Refuse an output named for a format kamtrust does not write (``resumen.pdf``). Checked
    after the output checks that say an existing file is an input or must not be replaced: those
    matter more (a new file is refused at once by :func:`resolve_format`)."""
    if out is not None and out.suffix.lower() in FOREIGN_SUFFIXES:
        from kamtrust.errors import UsageError
        from kamtrust.i18n import t

        raise UsageError(t(ui, "gx_unknown_suffix", out=out, suffix=out.suffix))


def check_options(
    fmt: GroupFormat,
    out: Path | None,
    force: bool,
    sep: str,
    decimal: str | None,
    by: str | None,
    with_names: bool,
    lang: str = "en",
) -> None:
    """Usage errors before any file is read (``lang``: the messages' language)."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t
    from kamtrust.outputs import check_output

    if sep not in (",", ";"):
        raise UsageError(t(lang, "gx_err_sep", value=sep))
    if decimal is not None and decimal not in (".", ","):
        raise UsageError(t(lang, "gx_err_decimal", value=decimal))
    if decimal is not None and decimal == sep:
        raise UsageError(t(lang, "gx_err_decimal_sep"))
    if by is not None:
        from kamtrust.engine.group import BY_FIELDS  # only here: loaded while the files are read

        if by not in BY_FIELDS:
            spanish = {field: name for name, field in BY_NAMES.items()}
            fields = [f"{f} ({spanish[f]})" if lang == "es" else f for f in BY_FIELDS]
            raise UsageError(t(lang, "gx_err_by", fields=", ".join(fields), value=by))
        if by == "name" and not with_names:
            raise UsageError(t(lang, "gx_err_by_name"))
    if fmt is GroupFormat.xlsx and out is None:
        raise UsageError(t(lang, "gx_err_xlsx_out"))
    if out is not None:
        check_output(out, overwrite=force, lang=lang)


def report_excluded(left_out: Sequence[LeftOut], lang: str, label: str = "") -> None:
    """Name every file left out, with its reason, on stderr."""
    from kamtrust.results.collect import excluded_lines
    from kamtrust.safetext import visible

    for line in excluded_lines(left_out, lang):
        tell(visible(f"{label}{line}"))


def show_notices(ui: str, label: str = "") -> Callable[[Notice], None]:
    """Print each notice of kamtrust.api.collect_results on stderr as it happens, after ``label``."""
    from kamtrust.api import LeftOutNotice, NotSelectedNotice, SharedIdNotice, SharedNameNotice
    from kamtrust.i18n import plural, t
    from kamtrust.safetext import visible

    def show(notice: Notice) -> None:
        if isinstance(notice, LeftOutNotice):
            report_excluded(notice.left_out, ui, label)
        elif isinstance(notice, SharedIdNotice):
            key = plural("gx_shared_ids", notice.ids)
            tell(label + t(ui, key, n=notice.results, ids=notice.ids))
        elif isinstance(notice, SharedNameNotice):
            key = plural("gx_shared_names", notice.names)
            tell(label + t(ui, key, n=notice.names, results=notice.results))
        elif isinstance(notice, NotSelectedNotice):
            # One line for the rest (not listed one by one: they are not errors).
            key = plural("gx_not_selected", notice.count)
            tell(label + t(ui, key, n=notice.count))
        else:
            tell(visible(label + t(ui, "gx_note_line", note=notice.text)))

    return show


def collect_sets(
    paths: list[str],
    *,
    strict: bool,
    questionnaire: str | None,
    per_questionnaire: bool,
    label: str = "",
    lang: str | None = None,
    by: str | None = None,
    selection: Selection | None = None,
    by_name: bool = False,
    match: str | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Collected:
    """Collect, select and score (kamtrust.api.collect_results), naming what was left out as it
    is found; --strict turns any of it into a failure. ``match``: how people are told apart
    (kamtrust.api.tell_people_apart); ``meanwhile``: work to do while other processes read."""
    from kamtrust.api import NoneSelected, collect_results
    from kamtrust.i18n import message_language

    ui = message_language(lang)
    try:
        return collect_results(
            paths,
            selection=selection,
            questionnaire=questionnaire,
            strict=strict,
            per_questionnaire=per_questionnaire,
            by=by,
            by_name=by_name,
            match=match,
            lang=ui,
            notify=show_notices(ui, label),
            meanwhile=meanwhile,
        )
    except NoneSelected as exc:
        if not label:
            raise
        raise NoneSelected(label + exc.problem, hint=exc.hint, files=exc.files) from None


def scored_sets(
    paths: list[str],
    *,
    strict: bool,
    questionnaire: str | None,
    per_questionnaire: bool,
    label: str = "",
    lang: str | None = None,
    by: str | None = None,
    selection: Selection | None = None,
    by_name: bool = False,
    match: str | None = None,
) -> tuple[Collection, list[ScoredSet]]:
    """:func:`collect_sets` as the collection and its scored sets."""
    collected = collect_sets(
        paths,
        strict=strict,
        questionnaire=questionnaire,
        per_questionnaire=per_questionnaire,
        label=label,
        lang=lang,
        by=by,
        selection=selection,
        by_name=by_name,
        match=match,
    )
    return collected.collection, list(collected.sets)


def _select(collection: Collection, selection: Selection, ui: str, label: str) -> Collection:
    """The selected results; one line for the rest (not listed one by one: they are not errors)."""
    from kamtrust.api import select_results

    return select_results(collection, selection, ui, show_notices(ui, label))


def make_selection(
    account: str | None,
    cohort: str | None,
    name: str | None,
    since: str | None,
    until: str | None,
    lang: str | None,
) -> Selection:
    """The --account/--cohort/--name/--since/--until options, checked before any file is read."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import message_language, t
    from kamtrust.results.selection import Selection, parse_day

    ui = message_language(lang)
    first = parse_day("--since", since, ui) if since is not None else None
    last = parse_day("--until", until, ui) if until is not None else None
    if first is not None and last is not None and first > last:
        raise UsageError(t(ui, "gx_dates_reversed", since=since, until=until))
    return Selection(account, cohort, name, first, last)


def excluded(collection: Collection, s: ScoredSet, by: str | None) -> dict[str, int]:
    """The summary document's ``excluded`` counts: files left out per kind."""
    from kamtrust.results.collect import excluded_counts

    return excluded_counts(collection.left_out, s.left_out, by=by)


def emit(data: str | bytes, out: Path | None, lang: str = "en", *, force: bool = False) -> None:
    """Write to the output file atomically (once everything succeeded), else to stdout. Without
    ``force``, a file that appeared there meanwhile is never replaced."""
    if out is not None:
        from kamtrust.atomic import write_atomic
        from kamtrust.i18n import t

        write_atomic(out, data, overwrite=force, lang=lang)
        tell(t(lang, "gx_written", path=out))
    elif isinstance(data, bytes):
        # CSV carries a BOM for Excel; the terminal does not want it.
        typer.echo(data.decode("utf-8-sig"), nl=False)
    else:
        typer.echo(data, nl=False)


def numbered(out: Path | None, q: Questionnaire, many: bool, version: str | None = None) -> Path | None:
    """With several questionnaires, one output file each: NAME-ID-VERSION.SUFFIX (``version``: the results')."""
    if out is None or not many:
        return out
    from kamtrust.outputs import per_questionnaire_path

    return per_questionnaire_path(out, q.id, version or q.version)


def across_versions(before: ScoredSet, after: ScoredSet, ui: str = "en") -> CrossVersion | None:
    """What two sessions' questionnaires share (kamtrust.api.across_versions)."""
    from kamtrust import api

    return api.across_versions(before, after, ui)


def _language(lang: str | None, q: Questionnaire) -> str:
    from kamtrust.api import questionnaire_language

    return questionnaire_language(lang, q)


@app.command("summary", help=h("group.summary"))
def summary(
    paths: Annotated[
        list[str],
        typer.Argument(metavar=h("group.paths.metavar"), help=h("group.paths"), show_default=False),
    ],
    items: Annotated[bool, typer.Option("--items", help=h("group.summary.items"))] = False,
    by: ByOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    min_group: MinGroupOpt = 3,
    with_names: Annotated[bool, typer.Option("--with-names", help=h("group.summary.with_names"))] = False,
    sep: SepOpt = ",",
    decimal: DecimalOpt = None,
    strict: StrictOpt = False,
    per_questionnaire: Annotated[
        bool, typer.Option("--per-questionnaire", help=h("group.summary.per_questionnaire"))
    ] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
    account: AccountSel = None,
    cohort: CohortSel = None,
    name: NameSel = None,
    since: SinceSel = None,
    until: UntilSel = None,
    ratings: RatingsOpt = None,
    match: Annotated[Match, typer.Option("--match", help=h("group.summary.match"))] = Match.id,
) -> None:
    """Summarise a group: per factor and distance pole n, mean, SD, median, range and bands."""
    from kamtrust.cli import hold
    from kamtrust.i18n import message_language
    from kamtrust.results.collect import no_cycle_collection

    ui = message_language(lang)
    fmt_ = resolve_format(fmt, out, ui)
    check_options(fmt_, out, force, sep, decimal, by, with_names, ui)
    rated = read_ratings(ratings, min_group, ui)
    selection = make_selection(account, cohort, name, since, until, lang)
    warn_min_group(min_group, ui)
    # Thousands of results are read and summarised, and hold no cycles: the cycle collector
    # would walk them again and again. It resumes once they are gone (when the outputs are made).
    with no_cycle_collection():
        collected = collect_sets(
            paths,
            strict=strict,
            questionnaire=questionnaire,
            per_questionnaire=per_questionnaire,
            lang=lang,
            by=by,
            selection=selection,
            match=match.value,
            meanwhile=lambda: _load_output(fmt_, out),
        )
        outputs = _summary_outputs(
            collected,
            fmt_,
            out,
            Layout(sep, decimal),
            force=force,
            questionnaire=questionnaire,
            ui=ui,
            lang=lang,
            min_group=min_group,
            by=by,
            items=items,
            with_names=with_names,
            rated=rated,
        )
        hold(collected)
    for target, data in outputs:
        emit(data, target, ui, force=force)


def _load_output(fmt_: GroupFormat, out: Path | None) -> None:
    """Load the modules that summarise the results and write them in ``fmt_`` (Rich, for a
    table on the terminal): done while other processes read the results, it costs about half
    its time."""
    import importlib

    from kamtrust.export.formats import FORMATTERS

    names = ["kamtrust.engine.group", "kamtrust.engine.unpaired", *FORMATTERS[fmt_].modules]
    for name in names:
        importlib.import_module(name)


class Layout(NamedTuple):
    """How a CSV summary is laid out: the field separator and the decimal mark (None: the language's)."""

    sep: str
    decimal: str | None


def _summary_outputs(
    collected: Collected,
    fmt_: GroupFormat,
    out: Path | None,
    layout: Layout,
    *,
    force: bool,
    questionnaire: str | None,
    ui: str,
    lang: str | None,
    min_group: int,
    by: str | None,
    items: bool,
    with_names: bool,
    rated: list[Any] | None,
) -> list[tuple[Path | None, str | bytes]]:
    """Each summary of ``collected`` as the file (None: stdout) and what goes into it; a table
    on the terminal is printed here."""
    from kamtrust import api
    from kamtrust.outputs import check_group_outputs

    inputs = collected.files if out is not None else []  # 10,000 paths cost 50 ms
    check_group_outputs(out, collected.sets, force=force, inputs=inputs, questionnaire=questionnaire, lang=ui)
    check_suffix(out, ui)
    outputs: list[tuple[Path | None, str | bytes]] = []
    documents = []
    for s in collected.sets:
        if not s.scored:
            continue
        summarised = api.summarise_set(
            collected, s, min_group=min_group, by=by, items=items, with_names=with_names, lang=lang
        )
        tell(summarised_line(summarised, ui))
        q = s.questionnaire
        target = numbered(out, q, len(collected.sets) > 1, s.version)
        gaps = self_other(rated, s, min_group, by, summarised.language)
        if fmt_ is GroupFormat.json and target is None:
            documents.append(api.summary_document(summarised, self_other=gaps))
            continue
        data = _output(fmt_, summarised.summary, q, summarised.language, layout.sep, layout.decimal, target, gaps)
        if data is not None:
            outputs.append((target, data))
    if documents:
        from kamtrust.export.jsondoc import to_json

        # Several questionnaires on stdout: one JSON value holding every summary.
        outputs.append((None, to_json(documents[0] if len(documents) == 1 else {"summaries": documents})))
    return outputs


def summarised_line(summarised: SetSummary, ui: str) -> str:
    """'Summarised 12 results of kamtrust-8 1.0 (2 unfinished left out…)' on stderr."""
    from kamtrust.i18n import plural, t

    s, counts, q = summarised.scored, summarised.excluded, summarised.questionnaire
    n, people = len(s.scored), s.people
    key = plural("group_summarised", n) if n in (1, people) else "group_summarised_people"
    if n > 1 and people == 1:
        key = "gx_summarised_one_person"
    partial, others = counts["partial"], sum(counts.values()) - counts["partial"]
    parts = [t(ui, "gx_left_unfinished", n=partial)] if partial else []
    if others:
        parts.append(t(ui, plural("gx_left_other" if partial else "gx_left_files", others), n=others))
    left = f" ({', '.join(parts)})" if parts else ""
    return t(ui, key, id=q.id, version=q.version, n=n, people=people) + left


@app.command("compare", help=h("group.compare"))
def compare(
    before: Annotated[
        str,
        typer.Argument(metavar=h("group.compare.before.metavar"), help=h("group.compare.before"), show_default=False),
    ],
    after: Annotated[
        str, typer.Argument(metavar=h("group.compare.after.metavar"), help=h("group.compare.after"), show_default=False)
    ],
    match: Annotated[
        Match,
        typer.Option("--match", help=h("group.compare.match")),
    ] = Match.id,
    match_accounts: Annotated[bool, typer.Option("--match-accounts", help=h("group.match_accounts"))] = False,
    with_names: Annotated[bool, typer.Option("--with-names", help=h("group.compare.with_names"))] = False,
    by: ByOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    min_group: MinGroupOpt = 3,
    sep: SepOpt = ",",
    decimal: DecimalOpt = None,
    strict: StrictOpt = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
    account: AccountSel = None,
    cohort: CohortSel = None,
    name: NameSel = None,
    since: SinceSel = None,
    until: UntilSel = None,
) -> None:
    """Compare two sessions: mean change per factor and pole, paired where people match.

    Two versions of one questionnaire compare at the factor level, with a note saying so."""
    from kamtrust.i18n import message_language, t

    ui = message_language(lang)
    fmt_ = resolve_format(fmt, out, ui)
    check_options(fmt_, out, force, sep, decimal, by, False, ui)
    # The same selection on both sides (a date range may well leave one side empty: that is said).
    selection = make_selection(account, cohort, name, since, until, lang)
    warn_min_group(min_group, ui)
    refuse_one_session(before, after, ui)

    sides = [
        collect_sets(
            [path],
            strict=strict,
            questionnaire=questionnaire,
            per_questionnaire=False,
            label=t(ui, f"group_side_{label}"),
            lang=lang,
            selection=selection,
            by_name=match is Match.name,
        )
        for label, path in (("before", before), ("after", after))
    ]
    check_sessions_apart(sides[0], sides[1], before, after, ui)
    from kamtrust.api import compare_sessions
    from kamtrust.outputs import check_group_outputs

    inputs = [*sides[0].files, *sides[1].files]
    check_group_outputs(out, sides[0].sets[:1], force=force, inputs=inputs, questionnaire=questionnaire, lang=ui)
    check_suffix(out, ui)
    compared = compare_sessions(
        *sides,
        min_group=min_group,
        by=by,
        match=match.value,
        merge_accounts=match_accounts,
        with_names=with_names,
        lang=lang,
        ui=ui,
    )
    result = compared.comparison
    total = result.total
    if not total.suppressed:
        tell(t(ui, "gx_totals_line", before=total.n_before, after=total.n_after, paired=total.n_paired))
    data = _output(fmt_, result, compared.questionnaire, compared.language, sep, decimal, out)
    if data is not None:
        emit(data, out, ui, force=force)
    tell_unpaired(result, ui, fmt_ is GroupFormat.table and out is None)


def _file_keys(paths: Sequence[str]) -> set[tuple[int, int]]:
    """Each path's device and inode: one file (or folder) however it was reached."""
    import os

    keys = set()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue  # a file gone since it was read, or a missing argument (said when collected)
        keys.add((st.st_dev, st.st_ino))
    return keys


def _same_sessions(before: str, after: str, ui: str) -> UsageError:
    """The refusal of a session compared with itself (a usage error: exit 2)."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t

    return UsageError(t(ui, "gx_same_sessions", before=before, after=after), files=[before, after])


def refuse_one_session(before: str, after: str, ui: str) -> None:
    """Before and after naming one folder (or file), however written, is refused before reading it twice."""
    if _file_keys([before]) & _file_keys([after]):
        raise _same_sessions(before, after, ui)


def check_sessions_apart(first: Collected, second: Collected, before: str, after: str, ui: str) -> None:
    """Refuse two sessions that read the very same files (every change would be ±0); warn, on
    stderr, when they share some (results, unfinished or left-out files alike)."""
    from kamtrust.i18n import plural, t

    keys = [_file_keys([str(f) for f in side.files]) for side in (first, second)]
    if keys[0] and keys[0] == keys[1]:
        raise _same_sessions(before, after, ui)
    shared = len(keys[0] & keys[1])
    if shared:
        tell(t(ui, plural("gx_shared_files", shared), n=shared))


def tell_unpaired(result: Any, ui: str, on_screen: bool) -> None:
    """The trainer's list of people not paired, with why, on stderr (never a score); the notes too
    when the output went elsewhere (a table on screen already holds them)."""
    from kamtrust.export.unpaired_words import notes, people_lines
    from kamtrust.i18n import t

    # A --with-names table on the screen already lists them.
    lines = [] if on_screen and result.with_names else people_lines(result, ui)
    if lines and not result.with_names and not on_screen:
        lines.append(t(ui, "up_names_hint"))
    if not on_screen:
        lines += notes(result, ui)
    for line in lines:
        tell(line)


def warn_min_group(min_group: int, ui: str) -> None:
    """Below 3 people a figure may point at someone: say so, in the messages' language."""
    if min_group < 3:
        from kamtrust.i18n import t

        tell(t(ui, "gx_warn_min_group", n=min_group))


def _output(
    fmt: GroupFormat,
    model: GroupSummary | Comparison,
    q: Questionnaire,
    lang: str,
    sep: str,
    decimal: str | None,
    target: Path | None,
    gaps: SelfOtherGroup | None = None,
) -> str | bytes | None:
    """A summary or a comparison in ``fmt``: printed here for a table on the terminal (through
    the pager when longer than the screen), else returned for the caller to write
    (kamtrust.api.group_output). ``gaps``: the summary's self-other section (``--ratings``), in
    every format."""
    from kamtrust.api import group_output

    if fmt is GroupFormat.table and target is None:
        from kamtrust.cli.terminal import paged
        from kamtrust.engine.group import GroupSummary
        from kamtrust.render import group as render
        from kamtrust.render.console import make_console

        console, style = make_console()
        with paged(console):  # longer than the screen: through the pager, as show
            if isinstance(model, GroupSummary):
                render.render_summary(console, style, model, q, lang)
            else:
                render.render_compare(console, style, model, q, lang)
            if gaps is not None:
                from kamtrust.export import selfother_section as so

                console.print(so.text(gaps, q, lang), end="", soft_wrap=True, highlight=False, markup=False)
        return None
    return group_output(model, q, fmt, lang, sep=sep, decimal=decimal, self_other=gaps)


# ---------------------------------------------------------------- roster11: the trainer's roster


class RosterSort(StrEnum):
    name = "name"
    account = "account"
    cohort = "cohort"
    date = "date"
    overall = "overall"


@app.command("roster", help=h("roster"))
def roster(
    paths: Annotated[
        list[str], typer.Argument(metavar=h("group.paths.metavar"), help=h("roster.paths"), show_default=False)
    ],
    with_names: Annotated[bool, typer.Option("--with-names", help=h("roster.with_names"))] = False,
    sort: Annotated[RosterSort, typer.Option("--sort", help=h("roster.sort"))] = RosterSort.name,
    fmt: Annotated[GroupFormat | None, typer.Option("--format", "-f", help=h("roster.format"))] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help=h("roster.out"))] = None,
    force: Annotated[bool, typer.Option("--force", help=h("roster.force"))] = False,
    sep: Annotated[str, typer.Option("--sep", help=h("roster.sep"))] = ",",
    decimal: Annotated[str | None, typer.Option("--decimal", help=h("roster.decimal"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=h("roster.strict"))] = False,
    per_questionnaire: Annotated[bool, typer.Option("--per-questionnaire", help=h("roster.per_questionnaire"))] = False,
    questionnaire: Annotated[str | None, typer.Option("--questionnaire", "-q", help=h("roster.questionnaire"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help=h("roster.lang"))] = None,
    account: Annotated[str | None, typer.Option("--account", help=h("roster.account"))] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help=h("roster.cohort"))] = None,
    name: Annotated[str | None, typer.Option("--name", help=h("roster.name"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("roster.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("roster.until"))] = None,
    match: Annotated[Match, typer.Option("--match", help=h("roster.match"))] = Match.id,
) -> None:
    """One row per person with every score and the zone: names, so only with --with-names."""
    from kamtrust.errors import UsageError
    from kamtrust.i18n import message_language, plural, t

    ui = message_language(lang)
    # Refused before anything is read: the roster is the one group output that names people.
    if not with_names:
        raise UsageError(t(ui, "roster_err_names"))
    if out is not None and out.suffix.lower() in (".html", ".htm"):
        raise UsageError(t(ui, "roster_no_html", out=out))
    fmt_ = resolve_format(fmt, out, ui)
    check_options(fmt_, out, force, sep, decimal, None, True, ui)
    selection = make_selection(account, cohort, name, since, until, lang)
    collection, sets = scored_sets(
        paths,
        strict=strict,
        questionnaire=questionnaire,
        per_questionnaire=per_questionnaire,
        lang=lang,
        selection=selection,
        match=match.value,
    )
    from kamtrust.outputs import check_group_outputs, collection_files

    check_group_outputs(
        out, sets, force=force, inputs=collection_files(collection), questionnaire=questionnaire, lang=ui
    )
    tell(t(ui, "roster_warning"))
    from kamtrust.export.roster import build_roster

    # A result's file, by the identity of its answers: the scored row holds the very mapping
    # the collection read (results/collect.py keeps no path in a Scored row).
    files = {id(res.answers): Path(f).name for res, f in zip(collection.results, collection.files, strict=True)}
    outputs: list[tuple[Path | None, str | bytes]] = []
    documents = []
    for s in sets:
        if not s.scored:
            continue
        q = s.questionnaire
        language = _language(lang, q)
        model = build_roster(q, s.scored, lambda row: files.get(id(row.answers), ""), sort.value)
        target = numbered(out, q, len(sets) > 1, s.version)
        if fmt_ is not GroupFormat.table or target is not None:  # a table on the screen has this line at its top
            key = plural("roster_line", len(model.people))
            tell(t(ui, key, n=len(model.people), id=q.id, version=q.version))
        data = _roster_output(fmt_, model, q, language, sep, decimal, target)
        if fmt_ is GroupFormat.json and target is None:
            documents.append(data)
        elif data is not None:
            outputs.append((target, data))
    if documents:
        from kamtrust.export.jsondoc import to_json

        outputs.append((None, to_json(documents[0] if len(documents) == 1 else {"rosters": documents})))
    for target, data in outputs:
        emit(data, target, ui, force=force)


def _roster_output(
    fmt: GroupFormat, model: Any, q: Questionnaire, lang: str, sep: str, decimal: str | None, target: Path | None
) -> Any:
    """The roster in ``fmt``: printed here for a table on the terminal (None), the JSON document
    as a dict for stdout (several are joined), else the text or bytes to write."""
    from kamtrust.export import roster as export
    from kamtrust.results.document import now_utc

    if fmt is GroupFormat.table:
        from kamtrust.render.group import render_text
        from kamtrust.render.roster import render_roster

        if target is None:
            from kamtrust.render.console import make_console

            console, style = make_console()
            render_roster(console, style, model, q, lang, False)
            return None
        return render_text(render_roster, model, q, lang, True)
    if fmt is GroupFormat.json:
        doc = export.roster_to_dict(model, q, lang, generated_at=now_utc())
        if target is None:
            return doc
        from kamtrust.export.jsondoc import to_json

        return to_json(doc)
    if fmt is GroupFormat.md:
        return export.roster_markdown(model, q, lang)
    views = export.roster_views(model, q, lang)
    if fmt is GroupFormat.csv:
        from kamtrust.export.csvfile import to_csv

        return to_csv(views, sep=sep, decimal=decimal, preface=[export.warning(lang)])
    from kamtrust.export.xlsx import to_xlsx

    return to_xlsx(views)
