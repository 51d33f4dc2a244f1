"""``kamtrust assess``: answer the questionnaire (interactively or from a file) and see the profile."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kamtrust.i18n import h

if TYPE_CHECKING:
    from kamtrust.cli.resume import Chosen
    from kamtrust.errors import OutputError
    from kamtrust.interview.state import InterviewState
    from kamtrust.questionnaire.model import Questionnaire
    from kamtrust.render.console import Console, Style
    from kamtrust.results.document import Participant, Result


CLOCK: Callable[[], float] = time.monotonic
"""The clock that times the answering (tests replace it: no sleeps)."""


class ProfileFormat(StrEnum):
    table = "table"
    json = "json"


def assess(
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", "-q", help=h("assess.questionnaire"), show_default="kamtrust-8"),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help=h("assess.lang")),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help=h("assess.name"))] = None,
    account: Annotated[str | None, typer.Option("--account", help=h("assess.account"))] = None,
    cohort: Annotated[str | None, typer.Option("--cohort", help=h("assess.cohort"))] = None,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=h("assess.out")),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help=h("assess.answers")),
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help=h("assess.resume"))] = False,
    new: Annotated[bool, typer.Option("--new", help=h("assess.new"))] = False,
    fmt: Annotated[
        ProfileFormat,
        typer.Option("--format", "-f", help=h("assess.format")),
    ] = ProfileFormat.table,
    force: Annotated[bool, typer.Option("--force", help=h("assess.force"))] = False,
    as_role: Annotated[str | None, typer.Option("--as", help=h("assess.as"))] = None,
    for_result: Annotated[Path | None, typer.Option("--for", help=h("assess.for"))] = None,
    show_manager: Annotated[bool, typer.Option("--show-manager", help=h("assess.show_manager"))] = False,
) -> None:
    """Answer the trust questionnaire and see your profile: factors, client distance, advice."""
    if as_role is not None or for_result is not None:  # a rater about someone else (issue 13)
        from kamtrust.cli.feedback import rate_from_assess

        rate_from_assess(as_role, _rated_file(for_result), lang, answers, out, name, show_manager, force)
        return
    from kamtrust.atomic import check_writable
    from kamtrust.errors import UsageError
    from kamtrust.i18n import message_language, t
    from kamtrust.results import storage
    from kamtrust.results.document import Participant

    if answers is not None and resume:
        raise UsageError(t(message_language(lang), "as_not_together", first="--answers", second="--resume"))
    if new and resume:
        raise UsageError(t(message_language(lang), "as_not_together", first="--new", second="--resume"))
    for option, text in (("--name", name), ("--account", account), ("--cohort", cohort)):
        # A terminal in another encoding passes bytes Python keeps as lone surrogates: such
        # text could not be saved, so refuse it before any answer is given.
        try:
            (text or "").encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"{option} is not valid UTF-8 text; check your terminal's encoding") from None
    if out is not None:
        from kamtrust.outputs import questionnaire_input

        _check_out(out, force, [*([answers] if answers else []), *questionnaire_input(questionnaire)])
    else:
        check_writable(storage.results_dir() / ".probe")

    if answers is not None:
        from kamtrust.api import assess_answers

        participant = Participant(storage.participant_id(), name, account, cohort)
        made = assess_answers(answers, participant, questionnaire=questionnaire, lang=lang)
        _finish(made.questionnaire, made.result, out, fmt)
        return

    _interactive(questionnaire, lang, name, account, cohort, out, resume, fmt, force, new)


def _rated_file(given: Path | None) -> Path | None:
    """``--for``'s file: a bare name missing from the current folder is the saved result of that
    name in the results folder (the name a rater's sheet and its refusals give), when there is one."""
    if given is None or given.exists() or given.name != str(given):
        return given
    from kamtrust.paths import results_dir

    saved = results_dir() / given.name
    return saved if saved.is_file() else given


def _check_out(out: Path, force: bool, inputs: list[Path]) -> None:
    from kamtrust.outputs import check_output

    check_output(out, inputs=inputs, overwrite=force)


def _finish(q: Questionnaire, result: Result, path: Path | None, fmt: ProfileFormat) -> Path:
    """Save the complete result (``path`` None: under a readable new name in the results folder),
    then show it (profile on stdout, or the JSON document). Returns where it was saved."""
    from kamtrust.i18n import t
    from kamtrust.render.console import make_console
    from kamtrust.render.profile import render_profile
    from kamtrust.results import storage

    if path is None:
        path = storage.save_new(result)
    else:
        storage.save(result, path)
    err, _ = make_console(stderr=True)
    if fmt is ProfileFormat.json:
        typer.echo(result.to_json(), nl=False)
    else:
        console, style = make_console()
        from kamtrust.results.pick import reference
        from kamtrust.results.profileview import profile_of

        render_profile(
            console,
            style,
            q,
            profile_of(result.profile),
            result.language,
            header=_header(result),
            answers=result.answers,
            ref=reference(path),
        )
    err.print(t(result.language, "saved", path=path), soft_wrap=True)
    return path


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
    from kamtrust.cli.resume import choose_partial
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.render.console import make_console
    from kamtrust.results import storage
    from kamtrust.results.document import Participant

    # The interview speaks on stderr when stdout carries the JSON document.
    console, style = make_console(stderr=fmt is ProfileFormat.json)
    q = resolve(questionnaire) if questionnaire or not resume else None
    chosen = None if new else choose_partial(q, lang, resume, console, account)
    lock = chosen.lock if chosen is not None else None
    try:  # the lock is held from here until the session ends, however it ends
        if chosen is not None:
            sitting = _Sitting.resumed(chosen, lang, Participant("", name, account, cohort), out)
            _announce_resumed(console, chosen, sitting.language, resume)
        else:
            assert q is not None
            if account is None and "{account}" in "".join(q.intro.values() if q.intro else ()):
                # The intro asks for one named account: ask for it (and the name) before anything is saved.
                from kamtrust.i18n import choose_language
                from kamtrust.questionnaire.registry import source_name

                asked = choose_language(lang, q.languages, source_name(q))
                name, account = _ask_who(console, asked, name)
            participant = Participant(storage.participant_id(), name, account, cohort)
            partial, lock = storage.new_partial(q.id)
            sitting = _Sitting.fresh(q, lang, participant, partial, out)
            _introduce(console, q, sitting.language, sitting.participant.account)
        _ask(sitting, console, style, fmt, force)
    finally:
        if lock is not None:
            lock.release()


def _announce_resumed(console: Console, chosen: Chosen, language: str, resume: bool) -> None:
    """Say which assessment goes on (account, date) and, with ``--resume`` (no offer was shown), the others."""
    from kamtrust.cli.resume import others_note, resuming_note

    console.print(resuming_note(chosen, language), soft_wrap=True, markup=False)
    if resume and chosen.others:
        console.print(others_note(chosen, language), soft_wrap=True, markup=False)


@dataclass
class _Sitting:
    """One interactive assessment under way: what it is, how far it got, and where it is saved."""

    q: Questionnaire
    language: str
    participant: Participant
    created_at: str
    state: InterviewState
    partial: Path
    out: Path | None
    earlier_seconds: float = 0.0
    """Answering time of the earlier sessions of a resumed assessment."""
    started: float | None = field(default=None, compare=False)
    """CLOCK() when this session's questions began; None before."""
    timed: bool = True
    """False for a partial saved without its time (by an older kamtrust): the total is unknown."""

    def duration(self) -> int | None:
        """Total answering time so far in whole seconds; None if no question was ever shown or unknown."""
        if not self.timed:
            return None
        if self.started is None:
            return round(self.earlier_seconds) if self.earlier_seconds else None
        return round(self.earlier_seconds + max(0.0, CLOCK() - self.started))

    @classmethod
    def fresh(
        cls, q: Questionnaire, lang: str | None, participant: Participant, partial: Path, out: Path | None
    ) -> _Sitting:
        from kamtrust.i18n import choose_language
        from kamtrust.interview.state import InterviewState
        from kamtrust.questionnaire.registry import source_name
        from kamtrust.results.document import now_utc

        language = choose_language(lang, q.languages, source_name(q))
        return cls(q, language, participant, now_utc(), InterviewState(q.presentation_order), partial, out)

    @classmethod
    def resumed(cls, chosen: Chosen, lang: str | None, given: Participant, out: Path | None) -> _Sitting:
        """Where the partial stopped; names given on the command line replace the saved ones."""
        from kamtrust.i18n import choose_language
        from kamtrust.interview.state import InterviewState
        from kamtrust.questionnaire.registry import source_name
        from kamtrust.results.document import Participant, Session

        q, res = chosen.questionnaire, chosen.result
        own = res.language if res.language in q.languages else None
        language = choose_language(lang or own, q.languages, source_name(q))
        p = res.participant
        participant = Participant(p.id, given.name or p.name, p.account or given.account, given.cohort or p.cohort)
        session = res.session or Session()
        state = InterviewState(
            q.presentation_order,
            dict(res.answers),
            set(session.skipped) & set(q.items),
            min(session.cursor, len(q.items)),
        )
        if out is None and session.out:
            out = Path(session.out)
        earlier = float(res.duration_seconds or 0)
        # Answers given without a recorded time would make any total too short (and too fast).
        timed = res.duration_seconds is not None or not res.answers
        return cls(q, language, participant, res.created_at, state, chosen.path, out, earlier, timed=timed)

    def result(self, *, partial: bool) -> Result:
        from kamtrust.engine.scoring import score
        from kamtrust.results.document import COMPLETE, PARTIAL, Session, build_result

        s = self.state
        given = dict(s.answers)
        duration = self.duration()
        return build_result(
            self.q,
            given,
            score(self.q, given, duration_seconds=duration),
            language=self.language,
            participant=self.participant,
            created_at=self.created_at,
            status=PARTIAL if partial else COMPLETE,
            session=Session(s.cursor, tuple(sorted(s.skipped)), str(self.out) if self.out is not None else None),
            duration_seconds=duration,
        )

    def save(self, _state: object = None) -> None:
        """Save the answers so far in the partial file (``run_interview`` calls it after each key)."""
        from kamtrust.results import storage

        storage.save_partial(self.result(partial=True), self.partial)


def _ask_who(console: Console, language: str, name: str | None) -> tuple[str | None, str | None]:
    """Ask for the name (unless given) and the key account; Enter skips either. EOF: exit 1, nothing saved."""
    import unicodedata

    from kamtrust.i18n import t

    def line(key: str) -> str | None:
        text = ask(key)
        while any(unicodedata.category(c) == "Cc" for c in text):
            # An arrow key or another control key typed into the line (the prompt has no line
            # editing): never saved as part of a name; ask again and say how to correct.
            console.print(t(language, "who_control_keys"))
            text = ask(key)
        return text.strip() or None

    def ask(key: str) -> str:
        try:
            text = console.input(t(language, key) + " ")
        except EOFError:
            console.print()
            _stopped(language, None)
            if not _typed_at_a_terminal():  # Ctrl-D from a person needs no advice on scripts
                console.print(t(language, "eof_hint"))  # wrapped at words, not mid-word at 80 columns
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            console.print()
            _stopped(language, None)
            raise typer.Exit(130) from None
        if not _typed_at_a_terminal():
            console.print()  # piped input is not echoed: end the prompt's line ourselves
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            from kamtrust.errors import UsageError

            raise UsageError(t(language, "who_not_utf8")) from None
        return text

    console.print(t(language, "who_intro"), style="bold")
    if name is None:
        name = line("who_name")
    return name, line("who_account")


def _introduce(console: Console, q: Questionnaire, language: str, account: str | None) -> None:
    from kamtrust.i18n import t
    from kamtrust.questionnaire.model import localize
    from kamtrust.render.console import print_indented

    console.print(t(language, "profile_title") + " · " + localize(q.title, language), style="bold")
    if q.intro:
        print_indented(console, q.intro_for(language, account), 0)
    console.print(t(language, "intro_keys"), style="dim")


def _ask(sitting: _Sitting, console: Console, style: Style, fmt: ProfileFormat, force: bool) -> None:
    """Ask until done, then save and show the result; every way of stopping keeps the answers."""
    from kamtrust.errors import OutputError
    from kamtrust.i18n import t
    from kamtrust.interview.session import SaveAndQuit, run_interview

    language, partial = sitting.language, sitting.partial
    if sitting.out is not None:
        from kamtrust.outputs import questionnaire_input

        _check_out(sitting.out, force, [partial, *questionnaire_input(sitting.q.source)])
    final_path = sitting.out
    try:
        if sitting.state.position() is not None:  # questions to show (a resumed partial's skipped ones too)
            sitting.save()
            sitting.started = CLOCK()
        run_interview(sitting.q, language, sitting.state, console, style, sitting.save)
    except SaveAndQuit:
        _stopped(language, partial)
        raise typer.Exit(0) from None
    except KeyboardInterrupt:
        # A signal from elsewhere (kill -INT) may land in the middle of a save: save again.
        try:
            sitting.save()
        except OutputError as exc:
            _not_saved(sitting, partial, exc)
        console.print()
        _stopped(language, partial)
        raise typer.Exit(130) from None
    except EOFError:
        console.print()
        _stopped(language, partial)
        if not _typed_at_a_terminal():  # Ctrl-D from a person needs no advice on scripts
            console.print(t(language, "eof_hint"))  # wrapped at words, not mid-word at 80 columns
        raise typer.Exit(1) from None
    except OutputError as exc:
        _not_saved(sitting, partial, exc)
    _refuse_unscorable(sitting)
    if sitting.out is not None and not force and sitting.out.exists():
        # Another session (or program) wrote the --out file while these questions were answered.
        raise OutputError(sitting.out, t(language, "out_taken", partial=partial))
    try:
        final_path = _finish(sitting.q, sitting.result(partial=False), final_path, fmt)
    except OutputError as exc:
        _not_saved(sitting, Path(exc.path) if final_path is None else final_path, exc)
    if partial != final_path and partial.exists():
        partial.unlink()


def _refuse_unscorable(sitting: _Sitting) -> None:
    """At the end, too few answers to score anything: keep them as unfinished (as a quit does, exit 0)
    and say what is missing, instead of saving a result of "not scored" rows (``--answers``' rule)."""
    from kamtrust.engine.enough import closest, scores_anything

    answers = sitting.state.answers
    if scores_anything(sitting.q, answers):
        return
    if not answers:
        _stopped(sitting.language, None)
        raise typer.Exit(0)
    from kamtrust.i18n import t
    from kamtrust.questionnaire.model import localize
    from kamtrust.render.console import make_console

    near = closest(sitting.q, answers)
    err, _ = make_console(stderr=True)
    err.print()
    text = t(
        sitting.language,
        "too_few_to_finish",
        answered=len(answers),
        total=len(sitting.q.items),
        scale=localize(near.scale.name, sitting.language),
        have=near.have,
        needed=near.needed,
        path=sitting.partial,
    )
    err.print(text, soft_wrap=True, markup=False)  # a path and a questionnaire's name are text, not markup
    raise typer.Exit(0)


EXIT_NOT_SAVED = 5


def _not_saved(sitting: _Sitting, path: Path, exc: OutputError) -> NoReturn:
    """A save failed (a full disk): say so, and show every answer so that none is lost."""
    import json

    from kamtrust.i18n import t
    from kamtrust.render.console import make_console

    err, _ = make_console(stderr=True)
    reason = exc.detail
    err.print()
    err.print(t(sitting.language, "save_failed", path=path, reason=reason), soft_wrap=True)
    q = sitting.q
    doc = {"questionnaire": q.id, "version": q.version, "language": sitting.language, "answers": sitting.state.answers}
    err.print(json.dumps(doc, ensure_ascii=False, indent=2), soft_wrap=True, markup=False)
    raise typer.Exit(EXIT_NOT_SAVED) from None


def _typed_at_a_terminal() -> bool:
    """Standard input is a terminal (a person typing), not a pipe, a file or closed."""
    import sys

    return sys.stdin is not None and sys.stdin.isatty()


def _stopped(language: str, path: Path | None) -> None:
    """Say where the answers so far are kept, or that nothing was saved (``path`` None or absent)."""
    from kamtrust.i18n import t
    from kamtrust.render.console import make_console

    err, _ = make_console(stderr=True)
    if path is None or not path.exists():
        err.print(t(language, "nothing_saved"), soft_wrap=True)
        return
    err.print(t(language, "saved_partial", path=path), soft_wrap=True)
    err.print(t(language, "resume_hint"), soft_wrap=True)
