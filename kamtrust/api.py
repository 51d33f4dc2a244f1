"""kamtrust as a library: what the commands do, without a terminal.

Every ``kamtrust`` command parses its options, calls one of these functions and prints what it
returns; a program can call them directly. They take and return typed, immutable values
(frozen dataclasses, the engine's models), never print, and raise :class:`kamtrust.errors.KamtrustError`
(with its ``problem``, ``hint`` and ``files``) for what the user can settle. Messages and notices
are in ``lang`` ('en' or 'es'). The time and the version written into documents come from
:func:`stamp`, the one place where they default to the clock and the installed version.

This module imports nothing heavy at start-up: each function imports what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from kamtrust.errors import KamtrustError
from kamtrust.export.formats import OutputFormat

if TYPE_CHECKING:
    from kamtrust.documents.against import GroupMeans
    from kamtrust.engine.compare import Comparison
    from kamtrust.engine.group import GroupSummary
    from kamtrust.engine.selfother_group import SelfOtherGroup
    from kamtrust.engine.versions import CrossVersion
    from kamtrust.questionnaire.model import Questionnaire
    from kamtrust.report.personal import PersonalReport
    from kamtrust.results.collect import Collection, LeftOut, ScoredSet
    from kamtrust.results.document import Participant, Result
    from kamtrust.results.forms.build import Planned
    from kamtrust.results.forms.existing import Checked
    from kamtrust.results.forms.importing import ImportOptions, Prepared
    from kamtrust.results.selection import Selection

__all__ = [
    "Assessment",
    "Collected",
    "Comparison",
    "GroupFormat",
    "ImportPlan",
    "ImportRequest",
    "LeftOutNotice",
    "NoneSelected",
    "NotSelectedNotice",
    "Notice",
    "PersonalInputs",
    "ReportFormat",
    "ScoringNote",
    "SessionComparison",
    "SetSummary",
    "Stamp",
    "assess_answers",
    "collect_results",
    "compare_sessions",
    "group_output",
    "load_personal",
    "load_result",
    "personal_report",
    "plan_import",
    "result_language",
    "select_results",
    "stamp",
    "summarise",
    "summarise_set",
    "summary_document",
    "write_import",
]


# ---------------------------------------------------------------- time and version


@dataclass(frozen=True)
class Stamp:
    """When a document is made (ISO 8601 UTC text) and by which kamtrust version."""

    now: str
    version: str


def stamp(now: str | None = None, version: str | None = None) -> Stamp:
    """``now`` and ``version`` as given, else the clock's time and the installed version."""
    from kamtrust import __version__
    from kamtrust.results.document import now_utc

    return Stamp(now if now is not None else now_utc(), version if version is not None else __version__)


# ---------------------------------------------------------------- collecting and scoring results


@dataclass(frozen=True)
class LeftOutNotice:
    """Files left out, each with its kind and reason (listed together: at most ten of a kind)."""

    left_out: tuple[LeftOut, ...]


@dataclass(frozen=True)
class NotSelectedNotice:
    """Results read but not chosen by the selection (not errors: not named one by one)."""

    count: int


@dataclass(frozen=True)
class ScoringNote:
    """A note on how a set was scored (results of another version of the questionnaire)."""

    text: str


@dataclass(frozen=True)
class SharedIdNotice:
    """``results`` named results share ``ids`` participant ids with other names: counted by id,
    each id is one person (typed in on one computer?); ``--match name`` tells them apart."""

    results: int
    ids: int


@dataclass(frozen=True)
class SharedNameNotice:
    """``names`` names, each with one account, appear under several participant ids (``results``
    results in all): counted by id, each id is one person (two sessions, two computers?);
    ``--match name`` counts each name once."""

    names: int
    results: int


Notice = LeftOutNotice | NotSelectedNotice | ScoringNote | SharedIdNotice | SharedNameNotice
"""What :func:`collect_results` has to say besides its result, in the order it happened."""


class NoneSelected(KamtrustError):
    """Results were read, and the selection (``--account``…) chose none of them."""


@dataclass(frozen=True)
class Collected:
    """Results collected, selected and scored: one set per questionnaire and version."""

    collection: Collection
    """The results chosen (after the selection), with the files read and left out."""
    sets: tuple[ScoredSet, ...]
    notices: tuple[Notice, ...]

    @property
    def left_out(self) -> tuple[LeftOut, ...]:
        """Every file left out, with its reason, in the order they were noticed."""
        return tuple(x for n in self.notices if isinstance(n, LeftOutNotice) for x in n.left_out)

    @property
    def files(self) -> list[Path]:
        """Every file read or tried: results, unfinished ones, left-out ones (never to be overwritten)."""
        from kamtrust.outputs import collection_files

        return collection_files(self.collection)


def collect_results(
    paths: Sequence[str | Path],
    *,
    selection: Selection | None = None,
    questionnaire: str | None = None,
    strict: bool = False,
    per_questionnaire: bool = False,
    by: str | None = None,
    by_name: bool = False,
    match: str | None = None,
    lang: str = "en",
    notify: Callable[[Notice], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Collected:
    """Read result files (files, folders read recursively, glob patterns), keep those
    ``selection`` chooses, and score them with ``questionnaire`` (an id or a YAML file; default
    the results' own), each person's latest result once per account.

    ``by_name``: people are to be paired by name, so an id shared by several names (one computer
    for all) is many people. ``match``: how people are told apart (see :func:`tell_people_apart`).
    ``notify`` hears each notice as it happens (so that a caller can show them even when an
    error follows). ``strict`` turns any file left out into an error naming them in ``files``.
    ``meanwhile``: work to do while other processes read (see ``forked.fork_map``).
    Raises :class:`NoneSelected` when the selection chooses nothing, a
    :class:`~kamtrust.errors.MixedQuestionnaires` for results of several questionnaires without
    ``per_questionnaire``, and a KamtrustError when nothing can be scored.
    """
    from kamtrust.i18n import t
    from kamtrust.results.collect import collect, excluded_lines, left_out_by, score_collection, strict_problems

    notices: list[Notice] = []

    def say(notice: Notice) -> None:
        notices.append(notice)
        if notify is not None:
            notify(notice)

    collection = collect(list(paths), strict=strict, lang=lang, prescore=True, meanwhile=meanwhile)
    say(LeftOutNotice(tuple(collection.left_out)))
    if selection is not None and selection.active:
        collection = select_results(collection, selection, lang, say)
    if by_name:
        from kamtrust.results.shared_ids import split_shared_ids

        collection = split_shared_ids(collection)
    collection = tell_people_apart(collection, match, say)
    sets = score_collection(collection, questionnaire=questionnaire, per_questionnaire=per_questionnaire, lang=lang)
    for s in sets:
        for note in s.notes:
            say(ScoringNote(note))
        # With --by account a person's other accounts are shown there: not left out.
        say(LeftOutNotice(tuple(left_out_by(s.left_out, by))))
        problems = strict_problems(s.left_out, by) if strict else []
        if problems:
            raise KamtrustError(
                "--strict: " + "; ".join(excluded_lines(problems, lang)), files=[x.path for x in problems]
            )
    if not any(s.scored for s in sets):
        raise KamtrustError(t(lang, "gx_nothing_scored"))
    return Collected(collection, tuple(sets), tuple(notices))


def tell_people_apart(collection: Collection, match: str | None, say: Callable[[Notice], None]) -> Collection:
    """``collection`` with people told apart as ``match`` says: 'name', by normalised name
    (kamtrust.results.collect.people_by_name); 'id', by participant id, and named results
    sharing an id with other names announced; None (a comparison, which says so itself): as is."""
    if match == "name":
        from kamtrust.results.collect import people_by_name

        return people_by_name(collection)
    if match == "id":
        from kamtrust.results.collect import shared_id_counts, shared_name_counts

        results, ids = shared_id_counts(collection)
        if results:
            say(SharedIdNotice(results, ids))
        names, named = shared_name_counts(collection)
        if names:
            say(SharedNameNotice(names, named))
    return collection


def select_results(
    collection: Collection, selection: Selection, lang: str = "en", notify: Callable[[Notice], None] | None = None
) -> Collection:
    """The results ``selection`` chooses; :class:`NoneSelected` when it chooses none of several."""
    from kamtrust.i18n import t
    from kamtrust.results.selection import accounts, select

    chosen, dropped = select(collection, selection)
    if collection.results and not chosen.results:
        n = len(collection.results)
        what, found = selection.describe(lang), accounts(collection, lang)
        raise NoneSelected(t(lang, "gx_none_selected", n=n, what=what, accounts=found))
    if dropped and notify is not None:
        notify(NotSelectedNotice(dropped))
    return chosen


def excluded_counts(collected: Collected, s: ScoredSet, by: str | None = None) -> dict[str, int]:
    """Files left out per kind, for a summary document (each person counts once, whatever ``by``)."""
    from kamtrust.results.collect import excluded_counts as counts

    return counts(collected.collection.left_out, s.left_out, by=by)


# ---------------------------------------------------------------- summaries


class ReportFormat(StrEnum):
    """The formats of a report."""

    html = "html"
    md = "md"


GroupFormat = OutputFormat
"""The formats of a group summary, comparison or roster (the registry's, kamtrust.export.formats)."""


@dataclass(frozen=True)
class SetSummary:
    """The summary of one set of results, with what it needs to be written."""

    scored: ScoredSet
    summary: GroupSummary
    language: str
    """The language of factor names and advice (``lang`` when the questionnaire has it)."""
    excluded: Mapping[str, int]
    """Files left out per kind."""

    @property
    def questionnaire(self) -> Questionnaire:
        return self.scored.questionnaire


def questionnaire_language(lang: str | None, q: Questionnaire) -> str:
    """``lang`` when ``q`` has it (an error otherwise), else the locale's, else q's first language."""
    from kamtrust.i18n import choose_language
    from kamtrust.questionnaire.registry import source_name

    return choose_language(lang, q.languages, source_name(q))


def summarise_set(
    collected: Collected,
    s: ScoredSet,
    *,
    min_group: int = 3,
    by: str | None = None,
    items: bool = False,
    with_names: bool = False,
    lang: str | None = None,
) -> SetSummary:
    """One set's summary: per factor and pole n, mean, SD, median, range and bands, with the
    anonymity rule ``min_group`` at every level (see engine/group.py)."""
    from kamtrust.engine.group import summarize

    q = s.questionnaire
    language = questionnaire_language(lang, q)
    counts = excluded_counts(collected, s, by)
    summary = summarize(q, s.scored, min_group=min_group, by=by, items=items, excluded=counts, with_names=with_names)
    return SetSummary(s, summary, language, counts)


def summarise(
    collected: Collected,
    *,
    min_group: int = 3,
    by: str | None = None,
    items: bool = False,
    with_names: bool = False,
    lang: str | None = None,
) -> list[SetSummary]:
    """The summary of every set that scored something (:func:`summarise_set`)."""
    return [
        summarise_set(collected, s, min_group=min_group, by=by, items=items, with_names=with_names, lang=lang)
        for s in collected.sets
        if s.scored
    ]


def summary_document(
    s: SetSummary, when: Stamp | None = None, self_other: SelfOtherGroup | None = None
) -> dict[str, object]:
    """The group-summary JSON document of ``s`` (with the ``self_other`` gaps of ``--ratings``),
    every withheld figure explained in its language."""
    from kamtrust.documents.summary import to_document
    from kamtrust.export.reasons import explain

    when = when or stamp()
    doc = to_document(s.summary, now=when.now, version=when.version, self_other=self_other)
    return explain(doc, s.language)


def group_output(
    model: GroupSummary | Comparison,
    q: Questionnaire,
    fmt: GroupFormat,
    lang: str,
    *,
    sep: str = ",",
    decimal: str | None = None,
    when: Stamp | None = None,
    self_other: SelfOtherGroup | None = None,
) -> str | bytes:
    """A summary or a comparison in ``fmt`` (a table as plain text): text, or bytes for CSV
    (with a BOM for Excel) and XLSX, with a summary's ``self_other`` section (``--ratings``) in
    every format, through the format registry (kamtrust.export.formats)."""
    from kamtrust.export.formats import FORMATTERS, GroupOutput

    when = when or stamp()
    return FORMATTERS[fmt].format(GroupOutput(model, q, lang, when.now, when.version, sep, decimal, self_other))


def _json(
    model: GroupSummary | Comparison, q: Questionnaire, lang: str, when: Stamp, self_other: SelfOtherGroup | None
) -> str:
    from kamtrust.engine.group import GroupSummary
    from kamtrust.export.jsondoc import to_json
    from kamtrust.export.reasons import explain

    if isinstance(model, GroupSummary):
        from kamtrust.documents.summary import to_document

        doc = to_document(model, now=when.now, version=when.version, self_other=self_other)
    else:
        from kamtrust.documents.compare import to_document as compare_document
        from kamtrust.version_notes import comparison_notes

        notes = comparison_notes(model, q, lang)
        doc = compare_document(model, now=when.now, version=when.version, notes=notes)
    return to_json(explain(doc, lang))


# ---------------------------------------------------------------- comparing two sessions


def shared_ids(before: Collection, after: Collection) -> dict[str, int]:
    """Per session, the participant ids that appear under several names, counted on every result
    read, before each person is kept once (one computer for all gives everyone its id)."""
    from kamtrust.engine.unpaired import shared_ids as count

    return {
        side: count({"id": r.participant.id, "name": r.participant.name} for r in c.results)
        for side, c in (("before", before), ("after", after))
    }


def across_versions(before: ScoredSet, after: ScoredSet, lang: str = "en") -> CrossVersion | None:
    """What two sessions' questionnaires share; None when both were answered with one version.

    Two versions of one questionnaire compare at the factor level; different questionnaires never.
    """
    from kamtrust.engine.versions import cross_version
    from kamtrust.i18n import t

    qb, qa = before.questionnaire, after.questionnaire
    if qb.id != qa.id:
        raise KamtrustError(
            t(lang, "gx_questionnaires_differ", bid=qb.id, before=before.version, aid=qa.id, after=after.version)
        )
    return cross_version(qb, qa, before.version, after.version)


@dataclass(frozen=True)
class SessionComparison:
    """Two sessions compared, with what it needs to be written."""

    comparison: Comparison
    questionnaire: Questionnaire
    """The later session's questionnaire: names, order and zones as its version has them."""
    language: str


def compare_sessions(
    before: Collected,
    after: Collected,
    *,
    min_group: int = 3,
    by: str | None = None,
    match: str = "id",
    merge_accounts: bool = False,
    with_names: bool = False,
    lang: str | None = None,
    ui: str = "en",
) -> SessionComparison:
    """Compare two sessions (the first set of each): mean change per factor and pole, paired
    where people match (``match`` 'id' or 'name'; ``merge_accounts``: across accounts), under
    the anonymity rule ``min_group``; ``with_names`` lets the unpaired people be named.

    Two versions of one questionnaire compare at the factor level; different questionnaires are
    refused (in ``ui``). ``lang`` is the language of factor names and advice.
    """
    from kamtrust.engine.compare import compare

    sb, sa = before.sets[0], after.sets[0]
    versions = across_versions(sb, sa, ui)
    # Names, order and zones as the later session's version has them; each side scored with its own.
    q = sa.questionnaire
    language = questionnaire_language(lang, q)
    # Each side counts each person once (their latest result), whatever --by.
    excluded = {"before": excluded_counts(before, sb), "after": excluded_counts(after, sa)}
    result = compare(
        q,
        sb.scored,
        sa.scored,
        min_group=min_group,
        by=by,
        match=match,
        excluded=excluded,
        versions=versions,
        merge_accounts=merge_accounts,
        with_names=with_names,
        shared_ids=shared_ids(before.collection, after.collection),
    )
    return SessionComparison(result, q, language)


# ---------------------------------------------------------------- a group report


def report_summary(
    collected: Collected,
    *,
    min_group: int = 3,
    by: str | None = None,
    with_names: bool = False,
    lang: str | None = None,
    ui: str = "en",
) -> SetSummary:
    """The summary a group report shows (the first set, with per-item statistics); a group under
    ``min_group`` is refused (in ``ui``): a report of withheld figures helps nobody."""
    from kamtrust.engine.group import summarize
    from kamtrust.results.collect import excluded_counts

    collection, s = collected.collection, collected.sets[0]
    q = s.questionnaire
    language = questionnaire_language(lang, q)
    excluded = excluded_counts(collection.left_out, s.left_out)  # by kind: unreadable apart from not fitting
    summary = summarize(q, s.scored, min_group=min_group, by=by, items=True, excluded=excluded, with_names=with_names)
    if summary.total.suppressed:
        raise KamtrustError(_too_few_refusal(collected, s.people, min_group, ui))
    return SetSummary(s, summary, language, excluded)


def _too_few_refusal(collected: Collected, n: int, min_group: int, ui: str) -> str:
    """Why a group of ``n`` people gets no report, in ``ui``: with results that share an id under
    other names (one computer for all), --match name comes first, as it may settle it."""
    from kamtrust.i18n import plural, t

    shared = sum(x.results for x in collected.notices if isinstance(x, SharedIdNotice))
    if shared:
        key = plural("gx_report_too_few_shared", n)
    else:
        key = plural("gx_report_too_few", n)
    return t(ui, key, n=n, min_group=min_group, shared=shared)


def report_comparison(
    summary: SetSummary,
    collected: Collected,
    before: Collected,
    *,
    match: str = "id",
    merge_accounts: bool = False,
    with_names: bool = False,
    ui: str = "en",
) -> Comparison:
    """The before/after part of a group report: ``before``'s first set against the summarised one."""
    from kamtrust.engine.compare import compare

    b, s = before.sets[0], summary.scored
    # Another version of the same questionnaire compares at the factor level, with a note.
    versions = across_versions(b, s, ui)
    return compare(
        s.questionnaire,
        b.scored,
        s.scored,
        min_group=summary.summary.min_group,
        match=match,
        versions=versions,
        merge_accounts=merge_accounts,
        with_names=with_names,
        shared_ids=shared_ids(before.collection, collected.collection),
    )


def group_report(
    summary: SetSummary,
    *,
    comparison: Comparison | None = None,
    self_other: SelfOtherGroup | None = None,
    fmt: ReportFormat = ReportFormat.html,
    when: Stamp | None = None,
) -> str:
    """The group report (a self-contained HTML page, or Markdown): radar with spread, everybody's
    scores (anonymous), zones, internal consistency, the before/after ``comparison`` and the
    ``self_other`` gaps (``--ratings``) when given."""
    from kamtrust.export.selfother_section import with_self_other
    from kamtrust.report.group import build_group

    when = when or stamp()
    s = summary.scored
    q, language = s.questionnaire, summary.language
    model = build_group(q, summary.summary, s.scored, language, date=when.now, comparison=comparison)
    model = with_self_other(model, self_other, q, language)
    if fmt is ReportFormat.md:
        from kamtrust.report.markdown import render_group as as_markdown

        return as_markdown(model)
    from kamtrust.report.html import render_group as as_html

    return as_html(model)


# ---------------------------------------------------------------- one person's result and report


def load_result(path: Path, questionnaire: str | None = None, lang: str = "en") -> tuple[Result, Questionnaire]:
    """A saved result, scored again from its answers with ``questionnaire`` (default: its own)."""
    from kamtrust.results.pick import in_language
    from kamtrust.results.rescore import load_scored

    with in_language(lang):
        return load_scored(path, questionnaire)


def result_language(lang: str | None, result: Result, q: Questionnaire) -> str:
    """``lang``, else the language the person answered in (when ``q`` has it), else the locale's."""
    return questionnaire_language(lang or (result.language if result.language in q.languages else None), q)


@dataclass(frozen=True)
class PersonalInputs:
    """Everything a personal report is made from, read and checked."""

    result: Result
    questionnaire: Questionnaire
    language: str
    group: GroupMeans | None = None
    """The group summary the result stands beside (``--against``)."""
    earlier: Result | None = None
    """An earlier result of the same person (``--compare``)."""
    notes: tuple[str, ...] = ()
    """Notes printed in the report (another questionnaire version), in ``language``."""
    warnings: tuple[str, ...] = ()
    """About the group summary (in English, as read from it)."""
    forced: str | None = None
    """What ``force`` let through when pairing with ``earlier`` (another person's result…)."""


def load_personal(
    result_file: Path,
    *,
    against: Path | None = None,
    compare: Path | None = None,
    questionnaire: str | None = None,
    lang: str | None = None,
    force: bool = False,
    warn: Callable[[str], None] | None = None,
) -> PersonalInputs:
    """Read a result, and the group summary (``against``) and earlier result (``compare``) it is
    shown with. An earlier result of another person, or after this one, is refused unless ``force``.
    ``warn`` hears each warning about the group summary as soon as it is read."""
    from kamtrust.i18n import t
    from kamtrust.results.rescore import load_scored
    from kamtrust.safetext import visible

    result, q = load_scored(result_file, questionnaire)
    language = result_language(lang, result, q)
    notes: list[str] = []
    if q.version != result.questionnaire_version:
        old = visible(result.questionnaire_version)
        notes.append(t(language, "questionnaire_version_differs", id=q.id, old=old, new=q.version))
    group = None
    if against is not None:
        from kamtrust.documents.against import read_summary

        group = read_summary(against, q)
        if warn is not None:
            for warning in group.warnings_in(language):
                warn(warning)
    earlier, forced = None, None
    if compare is not None:
        # Scored with the questionnaire given, else with this result's own (an id already checked,
        # never a path read from a file); another version of it compares at the factor level.
        earlier, earlier_q = load_scored(compare, questionnaire or result.questionnaire_id)
        from kamtrust.results.pairing import check_pair
        from kamtrust.version_notes import version_notes

        forced = check_pair(earlier, result, compare, result_file, language, force) or None
        notes += version_notes(earlier_q, q, earlier.questionnaire_version, result.questionnaire_version, language)
    warnings = group.warnings_in(language) if group is not None else ()
    return PersonalInputs(result, q, language, group, earlier, tuple(notes), warnings, forced)


def personal_model(inputs: PersonalInputs) -> PersonalReport:
    """The personal report's model (what every format shows)."""
    from kamtrust.report.personal import build_personal

    return build_personal(
        inputs.questionnaire, inputs.result, inputs.language, group=inputs.group, earlier=inputs.earlier
    )


def personal_report(inputs: PersonalInputs, fmt: ReportFormat = ReportFormat.html) -> str:
    """The personal report as a self-contained HTML page or as Markdown."""
    model = personal_model(inputs)
    if fmt is ReportFormat.md:
        from kamtrust.report.markdown import render_personal as as_markdown

        return as_markdown(model, notes=list(inputs.notes))
    from kamtrust.report.html import render_personal as as_html

    return as_html(model, notes=list(inputs.notes))


# ---------------------------------------------------------------- assessing from a file


@dataclass(frozen=True)
class Assessment:
    """A complete result made from an answers file, scored; not saved yet."""

    result: Result
    questionnaire: Questionnaire


def assess_answers(
    answers: Path,
    participant: Participant,
    *,
    questionnaire: str | None = None,
    lang: str | None = None,
) -> Assessment:
    """Score an answers file (YAML or JSON: item id → point) as ``participant``'s result, in
    ``lang``, else the file's own language when the questionnaire has it, else the locale's."""
    from kamtrust.engine.scoring import score
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results.answers import read_own_answers
    from kamtrust.results.document import build_result

    q = resolve(questionnaire)
    given, doc = read_own_answers(answers, q, lang, str(answers))
    file_lang = doc.get("language") if isinstance(doc.get("language"), str) else None
    language = questionnaire_language(lang or (file_lang if file_lang in q.languages else None), q)
    result = build_result(q, given, score(q, given), language=language, participant=participant)
    return Assessment(result, q)


# ---------------------------------------------------------------- importing a form's export


@dataclass(frozen=True)
class ImportRequest:
    """What ``kamtrust import`` is asked to do (its options)."""

    file: Path
    """The form's export: CSV or Excel (.xlsx)."""
    out: Path
    """The folder for the result files."""
    questionnaire: str | None = None
    name_column: str | None = None
    account_column: str | None = None
    cohort_column: str | None = None
    timestamp_column: str | None = None
    cohort: str | None = None
    account: str | None = None
    map_file: Path | None = None
    date_format: str | None = None
    timezone: str | None = None
    allow_missing_items: bool = False
    allow_undated: bool = False
    keep_duplicates: bool = False
    lang: str | None = None
    """Language of the messages, and of results whose headers are item ids."""
    sep: str | None = None
    strict: bool = False
    """Write nothing when any row is left out."""


@dataclass(frozen=True)
class ImportPlan:
    """What an import would write, decided without writing anything (a dry run)."""

    request: ImportRequest
    questionnaire: Questionnaire
    prepared: Prepared
    lang: str
    """The messages' language."""
    results_lang: str | None
    """The language written into the results (None: each row's own, else the questionnaire's)."""
    existing: tuple[str, ...] = field(default=(), repr=False)
    checked: Checked | None = None
    """The files of rows imported before, read back: the damaged ones are written again."""

    @property
    def damaged(self) -> list[Planned]:
        """Rows whose file is in the folder but is not a readable result of the row."""
        return self.checked.damaged if self.checked is not None else []

    @property
    def new(self) -> int:
        """Result files to write (a damaged file counts: it is written again)."""
        return len(self.prepared.plan.new) + len(self.damaged)

    @property
    def already(self) -> int:
        """Rows already imported into the folder (their file is there, and is theirs)."""
        return len(self.prepared.plan.already) - len(self.damaged)

    @property
    def left_out(self) -> int:
        """Rows left out (each with its reason in ``prepared.skipped``)."""
        return len(self.prepared.skipped)

    def strict_error(self) -> KamtrustError | None:
        """With ``strict``, the error that stops an import leaving rows out; else None."""
        from kamtrust.i18n import t

        if self.request.strict and self.prepared.skipped:
            return KamtrustError(t(self.lang, "imp_strict", n=self.left_out), files=[str(self.request.file)])
        return None


def import_language(requested: str | None) -> str:
    """The messages' language of an import: ``requested`` when it is one, else the locale's, else 'en'."""
    from kamtrust.i18n import MESSAGES, locale_language

    wanted = requested.strip().lower() if requested else None
    local = locale_language()
    return wanted if wanted in MESSAGES else local if local in MESSAGES else "en"


def plan_import(request: ImportRequest) -> ImportPlan:
    """Read the export and decide every row (a dry run: nothing is written)."""
    from kamtrust.errors import InputFileError, UsageError
    from kamtrust.i18n import MESSAGES, t
    from kamtrust.inputfile import InputReasonError, read_bytes
    from kamtrust.outputs import check_output_folder
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results.forms import timestamps
    from kamtrust.results.forms.importing import prepare

    r = request
    requested = r.lang.strip().lower() if r.lang else None
    msg = import_language(r.lang)
    if r.sep is not None and r.sep not in (",", ";", "\t"):
        raise UsageError(t(msg, "imp_bad_sep", sep=repr(r.sep)))
    if r.date_format is not None and r.date_format not in timestamps.DATE_FORMATS:
        raise UsageError(t(msg, "imp_bad_date_format", value=r.date_format))
    try:
        check_output_folder(r.out)  # a file, FIFO, device or socket: refused without opening it
    except KamtrustError:
        if msg == "en":
            raise
        from kamtrust.safetext import visible

        raise KamtrustError(t(msg, "imp_out_not_folder", path=visible(str(r.out))), files=[r.out]) from None
    q = resolve(r.questionnaire)
    if requested and requested not in MESSAGES and requested not in q.languages:
        raise UsageError(t(msg, "imp_bad_lang", name=r.lang, langs=", ".join(sorted({*MESSAGES, *q.languages}))))
    opts = _import_options(r, q, msg)
    source = str(r.file)
    try:
        data = read_bytes(r.file, source, what="form export")
    except InputReasonError as exc:  # said in the messages' language, not only in English
        raise InputFileError(source, exc.reason.text(msg)) from None
    existing = names_in(r.out)
    prepared = prepare(data, source, q, opts, existing, msg)
    results_lang = requested if requested in q.languages else None
    from kamtrust.results.forms.existing import check_existing

    checked = check_existing(r.out, prepared.plan.already, msg)  # a file's name alone does not make a row imported
    return ImportPlan(r, q, prepared, msg, results_lang, tuple(existing), checked)


def _import_options(r: ImportRequest, q: Questionnaire, msg: str) -> ImportOptions:
    from kamtrust.errors import UsageError
    from kamtrust.i18n import t
    from kamtrust.results.forms import timestamps
    from kamtrust.results.forms.importing import ImportOptions
    from kamtrust.results.forms.mapfile import read_map

    zone = None
    if r.timezone:
        try:
            zone = timestamps.load_zone(r.timezone)
        except ValueError:
            raise UsageError(t(msg, "imp_bad_timezone", zone=r.timezone)) from None
    return ImportOptions(
        name_column=r.name_column,
        account_column=r.account_column,
        cohort_column=r.cohort_column,
        timestamp_column=r.timestamp_column,
        cohort=r.cohort,
        account=r.account,
        form_map=read_map(r.map_file, q, msg) if r.map_file is not None else None,
        sep=r.sep,
        date_format=r.date_format,
        zone=zone,
        zone_name=r.timezone or timestamps.local_zone_name(),
        allow_missing_items=r.allow_missing_items,
        allow_undated=r.allow_undated,
        keep_duplicates=r.keep_duplicates,
    )


def names_in(folder: Path) -> list[str]:
    """The file names in an output folder (none when it does not exist yet)."""
    import os

    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        from kamtrust.atomic import _reason
        from kamtrust.errors import OutputError

        raise OutputError(folder, _reason(exc)) from None


def write_import(plan: ImportPlan, progress: Callable[[int], None] | None = None) -> int:
    """Write the planned results into the folder (new files only, in one batch); returns how
    many. ``progress`` hears the count written so far. Refused under ``strict`` when rows are left out."""
    from kamtrust.batchwrite import remove_stale, write_batch
    from kamtrust.results.forms.importing import result_files

    error = plan.strict_error()
    if error is not None:
        raise error
    out = plan.request.out
    remove_stale(out)
    files: Iterator[tuple[str, str]] = result_files(plan.questionnaire, plan.prepared, plan.results_lang)
    write_batch(out, files, progress)
    if plan.damaged:
        from kamtrust.atomic import write_atomic
        from kamtrust.results.forms.build import result_for
        from kamtrust.results.forms.jsontext import dumps_indented

        for p in plan.damaged:  # replaced whole, never left half-written
            write_atomic(
                out / p.name, dumps_indented(result_for(plan.questionnaire, p, plan.results_lang).to_dict()) + "\n"
            )
    return plan.new
