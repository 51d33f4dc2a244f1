"""``kamtrust assess``: answer the questionnaire (interactively or from a file) and see the profile."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kamtrust.questionnaire.model import Questionnaire
    from kamtrust.results.document import Result


class ProfileFormat(StrEnum):
    table = "table"
    json = "json"


def assess(
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help="Questionnaire id or YAML file.", show_default="kamtrust-8"),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Language (es, en …); default: your locale if the questionnaire has it."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your name (optional).")] = None,
    account: Annotated[
        str | None, typer.Option("--account", help="The client this assessment is about (optional).")
    ] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help="The workshop or group (optional).")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to save the result (default: your kamtrust data folder)."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Score a YAML/JSON file whose 'answers' maps item ids to numbers."),
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Resume your unfinished assessment.")] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Start a new assessment without offering to resume an unfinished one.")
    ] = False,
    fmt: Annotated[
        ProfileFormat,
        typer.Option("--format", "-f", help="table: the profile; json: the result document on stdout."),
    ] = ProfileFormat.table,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out file if it exists.")] = False,
) -> None:
    """Answer the trust questionnaire and see your profile: factors, client distance, advice."""
    from kamtrust.atomic import check_writable
    from kamtrust.errors import UsageError
    from kamtrust.i18n import choose_language
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results import storage
    from kamtrust.results.document import Participant

    if answers is not None and resume:
        raise UsageError("--answers and --resume cannot be used together")
    if new and resume:
        raise UsageError("--new and --resume cannot be used together")
    for option, text in (("--name", name), ("--account", account), ("--cohort", cohort)):
        # A terminal in another encoding passes bytes Python keeps as lone surrogates: such
        # text could not be saved, so refuse it before any answer is given.
        try:
            (text or "").encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"{option} is not valid UTF-8 text; check your terminal's encoding") from None
    if out is not None:
        _check_out(out, force)
    else:
        check_writable(storage.results_dir() / ".probe")

    if answers is not None:
        q = resolve(questionnaire)
        from kamtrust.results.answers import read_answers

        given, doc = read_answers(answers, q, str(answers))
        file_lang = doc.get("language") if isinstance(doc.get("language"), str) else None
        language = choose_language(
            lang or (file_lang if file_lang in q.languages else None), q.languages, q.source or q.id
        )
        from kamtrust.engine.scoring import score
        from kamtrust.results.document import build_result

        participant = Participant(storage.participant_id(), name, account, cohort)
        result = build_result(q, given, score(q, given), language=language, participant=participant)
        _finish(q, result, out or storage.new_result_path(q.id), fmt)
        return

    _interactive(questionnaire, lang, name, account, cohort, out, resume, fmt, force, new)


def _check_out(out: Path, force: bool) -> None:
    from kamtrust.atomic import check_writable
    from kamtrust.errors import OutputError

    if out.exists() and not out.is_dir() and not force:
        raise OutputError(out, "the file exists; choose another name or add --force to overwrite it")
    check_writable(out)


def _finish(q: Questionnaire, result: Result, path: Path, fmt: ProfileFormat) -> None:
    """Save the complete result, then show it (profile on stdout, or the JSON document)."""
    from kamtrust.i18n import t
    from kamtrust.render.console import make_console
    from kamtrust.render.profile import render_profile
    from kamtrust.results import storage

    storage.save(result, path)
    err, _ = make_console(stderr=True)
    if fmt is ProfileFormat.json:
        typer.echo(result.to_json(), nl=False)
    else:
        console, style = make_console()
        render_profile(console, style, q, result.profile, result.language, header=_header(result))
        console.print()
    err.print(t(result.language, "saved", path=path), soft_wrap=True)


def _header(result: Result) -> dict[str, str | None]:
    from kamtrust.i18n import t

    p = result.participant
    return {
        t(result.language, "participant"): p.name,
        t(result.language, "account"): p.account,
        t(result.language, "cohort"): p.cohort,
        t(result.language, "date"): result.created_at[:10],
    }


def _interactive(
    questionnaire: str | None,
    lang: str | None,
    name: str | None,
    account: str | None,
    cohort: str | None,
    out: Path | None,
    resume: bool,
    fmt: ProfileFormat,
    force: bool,
    new: bool = False,
) -> None:
    from kamtrust.cli.interview import InterviewState, SaveAndQuit, run_interview
    from kamtrust.cli.resume import choose_partial
    from kamtrust.engine.scoring import score
    from kamtrust.errors import OutputError
    from kamtrust.i18n import choose_language, t
    from kamtrust.questionnaire.model import localize
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.render.console import make_console, print_indented
    from kamtrust.results import storage
    from kamtrust.results.document import PARTIAL, Participant, Session, build_result

    # The interview speaks on stderr when stdout carries the JSON document.
    console, style = make_console(stderr=fmt is ProfileFormat.json)
    q = resolve(questionnaire) if questionnaire or not resume else None
    chosen = None if new else choose_partial(q, lang, resume, console)
    lock = chosen.lock if chosen is not None else None
    try:
        if chosen is not None:
            partial_path, res, q = chosen.path, chosen.result, chosen.questionnaire
            own = res.language if res.language in q.languages else None
            language = choose_language(lang or own, q.languages, q.source or q.id)
            p = res.participant
            participant = Participant(p.id, name or p.name, account or p.account, cohort or p.cohort)
            created_at = res.created_at
            session = res.session or Session()
            state = InterviewState(
                q.presentation_order,
                dict(res.answers),
                set(session.skipped) & set(q.items),
                min(session.cursor, len(q.items)),
            )
            if out is None and session.out:
                out = Path(session.out)
            console.print(t(language, "resuming", date=created_at[:10]))
        else:
            assert q is not None
            language = choose_language(lang, q.languages, q.source or q.id)
            participant = Participant(storage.participant_id(), name, account, cohort)
            from kamtrust.results.document import now_utc

            created_at = now_utc()
            partial_path, lock = storage.new_partial(q.id)
            state = InterviewState(q.presentation_order)
            console.print(t(language, "profile_title") + " · " + localize(q.title, language), style="bold")
            if q.intro:
                print_indented(console, localize(q.intro, language), 0)
            console.print(t(language, "intro_keys"), style="dim")

        if out is not None:
            _check_out(out, force)
        final_path = out if out is not None else storage.final_path_for(partial_path)

        def save_partial(s: InterviewState) -> None:
            given = dict(s.answers)
            doc = build_result(
                q,
                given,
                score(q, given),
                language=language,
                participant=participant,
                created_at=created_at,
                status=PARTIAL,
                session=Session(s.cursor, tuple(sorted(s.skipped)), str(out) if out is not None else None),
            )
            storage.save(doc, partial_path)

        try:
            if not state.done:
                save_partial(state)
            run_interview(q, language, state, console, style, save_partial)
        except SaveAndQuit:
            _stopped(language, partial_path)
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            # A signal from elsewhere (kill -INT) may land in the middle of a save: save again.
            try:
                save_partial(state)
            except OutputError as exc:
                _not_saved(language, partial_path, exc, q, state.answers)
            console.print()
            _stopped(language, partial_path)
            raise typer.Exit(130) from None
        except EOFError:
            console.print()
            _stopped(language, partial_path)
            console.print(t(language, "eof_hint"), soft_wrap=True)
            raise typer.Exit(1) from None
        except OutputError as exc:
            _not_saved(language, partial_path, exc, q, state.answers)

        given = dict(state.answers)
        result = build_result(
            q, given, score(q, given), language=language, participant=participant, created_at=created_at
        )
        try:
            _finish(q, result, final_path, fmt)
        except OutputError as exc:
            _not_saved(language, final_path, exc, q, state.answers)
        if partial_path != final_path and partial_path.exists():
            partial_path.unlink()
    finally:
        if lock is not None:
            lock.release()


EXIT_NOT_SAVED = 5


def _not_saved(language: str, path: Path, exc: Exception, q: Questionnaire, answers: dict[str, int]) -> None:
    """A save failed (a full disk): say so, and show every answer so that none is lost."""
    import json

    from kamtrust.i18n import t
    from kamtrust.render.console import make_console

    err, _ = make_console(stderr=True)
    reason = getattr(exc, "message", str(exc)).rsplit(": ", 1)[-1]
    err.print()
    err.print(t(language, "save_failed", path=path, reason=reason), soft_wrap=True)
    doc = {"questionnaire": q.id, "version": q.version, "language": language, "answers": answers}
    err.print(json.dumps(doc, ensure_ascii=False, indent=2), soft_wrap=True, markup=False)
    raise typer.Exit(EXIT_NOT_SAVED) from None


def _stopped(language: str, path: Path) -> None:
    from kamtrust.i18n import t
    from kamtrust.render.console import make_console

    err, _ = make_console(stderr=True)
    err.print(t(language, "saved_partial", path=path), soft_wrap=True)
    err.print(t(language, "resume_hint"), soft_wrap=True)
