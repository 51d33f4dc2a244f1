"""Which unfinished assessment ``kamtrust assess`` resumes, and why another one cannot be.

A partial result is resumed only by one session at a time (results/lock.py) and only when its
answers still fit its questionnaire. One that does not fit is named with what is wrong and left
exactly as it is: nothing typed is ever deleted or dropped to make a resume work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kamtrust.errors import KamtrustError
from kamtrust.i18n import choose_language, locale_language, plural, t
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import PARTIAL, Result
from kamtrust.results.lock import Busy, SessionLock

if TYPE_CHECKING:
    from kamtrust.render.console import Console

SHOWN_ITEMS = 5


@dataclass
class Chosen:
    """The partial to resume, its questionnaire, and the lock this session now holds on it."""

    path: Path
    result: Result
    questionnaire: Questionnaire
    lock: SessionLock
    others: tuple[Result, ...] = ()
    """The other unfinished assessments with answers, not already named: kept, and said to exist."""


class InUse(KamtrustError):
    """The partial is open in another session (exit 4)."""

    exit_code = Busy.exit_code


def fit_problems(res: Result, q: Questionnaire, lang: str) -> list[str]:
    """Why ``res`` cannot go on with ``q``, in ``lang``; empty when it fits."""
    problems = []
    if res.questionnaire_version != q.version:
        problems.append(t(lang, "version_changed", id=q.id, old=res.questionnaire_version, new=q.version))
    unknown = [k for k in res.answers if k not in q.items]
    if unknown:
        problems.append(t(lang, "unknown_answers", id=q.id, version=q.version, items=_listed(unknown)))
    lo, hi = q.scale.min, q.scale.max
    outside = [f"{k}: {_number(v)}" for k, v in res.answers.items() if k in q.items and not lo <= v <= hi]
    if outside:
        problems.append(t(lang, "out_of_scale", min=lo, max=hi, items=_listed(outside)))
    return problems


def same_account(a: str | None, b: str | None) -> bool:
    """Two accounts as typed are the same client: case, accents' composition and spacing aside."""
    import unicodedata

    def norm(text: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())

    return norm(a) == norm(b)


def choose_partial(
    q: Questionnaire | None, lang: str | None, resume: bool, console: Console, account: str | None = None
) -> Chosen | None:
    """The newest partial that fits, locked for this session, when the person wants it; else None.

    A partial belongs to its account: with ``account`` given, only a partial for that same account
    is offered (the others are named, and kept). A partial without a single answer is passed over.
    ``--resume`` takes it without asking; otherwise the person is asked. Partials that cannot be
    resumed are named (on stderr) and passed over. Raises InUse when the one to resume is open in
    another session, KamtrustError when ``--resume`` finds nothing to resume, EOFError never: the
    end of input at the question is reported like the end of input in the questionnaire.
    """
    from kamtrust.render.console import make_console
    from kamtrust.results import storage
    from kamtrust.results.lock import sweep

    folder = storage.results_dir()
    sweep(folder)
    err, _ = make_console(stderr=True)
    notes: list[str] = []
    found = storage.unfinished(q.id if q else None)
    noted: set[Path] = set()
    for path, res, unreadable in found:
        ui = _ui(lang, res, q)
        if res is None:
            from kamtrust.errors import without_path

            why = without_path(unreadable, path, ui) if unreadable is not None else ""
            notes.append(t(ui, "not_resumable", path=path, problems=t(ui, "cannot_read", reason=why)))
            noted.add(path)
            continue
        if not res.answers:
            continue  # nothing to resume: an empty partial is never offered
        if account is not None and not same_account(account, res.participant.account):
            notes.append(_other_account(ui, path, res, len(q.items) if q else None))
            noted.add(path)
            continue
        rq, problems = _questionnaire_for(res, q, ui)
        if rq is None or problems:
            notes.append(t(ui, "not_resumable", path=path, problems="; ".join(problems)))
            noted.add(path)
            continue
        chosen = _lock(path, rq, ui)
        if chosen is None:
            continue  # finished or removed by its session meanwhile
        chosen.others = tuple(r for p, r, _ in found if r is not None and r.answers and p not in {path, *noted})
        _say(err, notes)
        if resume or _accepts(chosen, console, ui):
            return chosen
        chosen.lock.release()
        return None
    if resume:
        ui = _ui(lang, None, q)
        which = f" ({q.id})" if q else ""
        raise KamtrustError("\n".join([t(ui, "nothing_to_resume", which=which, path=folder), *notes]))
    _say(err, notes)
    return None


def _say(err: Console, notes: list[str]) -> None:
    for note in notes:
        err.print(note, soft_wrap=True, markup=False)  # paths and ids are text, never markup


def _other_account(ui: str, path: Path, res: Result, total: int | None) -> str:
    """A partial kept for another account, and how to go on with it."""
    import shlex

    from kamtrust.present import date as fmt_date
    from kamtrust.safetext import visible

    other = res.participant.account
    return t(
        ui,
        plural("other_account_partial" if other else "no_account_partial", len(res.answers)),
        account=visible(other or ""),
        date=fmt_date(res.created_at, ui),
        answered=len(res.answers),
        path=path,
        command="kamtrust assess --account " + shlex.quote(visible(other)) if other else "kamtrust assess",
    )


def _accepts(chosen: Chosen, console: Console, ui: str) -> bool:
    from kamtrust.render.console import print_indented
    from kamtrust.safetext import visible

    res = chosen.result
    total = len(chosen.questionnaire.items)
    account = res.participant.account
    offer = t(
        ui,
        "resume_offer_account" if account else "resume_offer",
        account=visible(account or ""),
        date=_when(res, chosen.others, ui),
        answered=len(res.answers),
        total=total,
    )
    print_indented(console, offer, 0)  # wrapped at words: the offer is read, not copied
    if chosen.others:
        console.print(others_note(chosen, ui), soft_wrap=True, markup=False)
    try:
        answer = console.input(t(ui, "resume_question") + " ")
    except EOFError:
        console.print()
        chosen.lock.release()
        raise KamtrustError(t(ui, "eof_hint")) from None
    except BaseException:
        chosen.lock.release()
        raise
    return answer.strip().lower() not in t(ui, "no_keys").split(",")


def resuming_note(chosen: Chosen, ui: str) -> str:
    """The line that opens a resumed session: whose account, and when it was started."""
    from kamtrust.safetext import visible

    res = chosen.result
    account = res.participant.account
    when = _when(res, chosen.others, ui)
    if account:
        return t(ui, "resuming_account", account=visible(account), date=when)
    return t(ui, "resuming", date=when)


def others_note(chosen: Chosen, ui: str) -> str:
    """That other unfinished assessments exist, which, and how to continue one of them instead."""
    import shlex

    from kamtrust.safetext import visible

    def entry(res: Result) -> str:
        account = res.participant.account
        when = _when(res, (chosen.result, *chosen.others), ui)
        if account:
            return t(ui, "other_unfinished_entry", account=visible(account), date=when)
        return t(ui, "other_unfinished_no_account", date=when)

    others = chosen.others
    which = "; ".join(entry(r) for r in others[:SHOWN_ITEMS]) + ("; …" if len(others) > SHOWN_ITEMS else "")
    if len(others) == 1:
        account = others[0].participant.account
        if not account:
            return t(ui, "other_unfinished_one_no_account", which=which)
        command = "kamtrust assess --resume --account " + shlex.quote(visible(account))
        return t(ui, "other_unfinished_one", which=which, command=command)
    return t(ui, "other_unfinished", n=len(others), which=which)


def _when(res: Result, among: tuple[Result, ...], ui: str) -> str:
    """``res``'s local start date, with the time when another of ``among`` started the same day."""
    from kamtrust.present import date as fmt_date

    day = fmt_date(res.created_at, ui)
    same_day = any(o is not res and fmt_date(o.created_at, ui) == day for o in among)
    return fmt_date(res.created_at, ui, time=same_day)


def _lock(path: Path, q: Questionnaire, ui: str) -> Chosen | None:
    """Lock ``path`` and read it again: another session may have saved more answers, or finished."""
    from kamtrust.results.document import read_result

    lock = SessionLock(path)
    try:
        lock.acquire()
    except Busy as exc:
        who = t(ui, "busy_process", pid=exc.pid) if exc.pid else ""
        raise InUse(t(ui, "busy", path=path, who=who)) from None
    try:
        res = read_result(path)
    except KamtrustError:
        if not path.exists():
            lock.release()
            return None
        raise
    if res.status != PARTIAL or fit_problems(res, q, ui):
        lock.release()
        return None
    return Chosen(path, res, q, lock)


def _questionnaire_for(res: Result, q: Questionnaire | None, ui: str) -> tuple[Questionnaire | None, list[str]]:
    from kamtrust.questionnaire.registry import resolve_id

    if q is not None and q.id == res.questionnaire_id and q.version == res.questionnaire_version:
        return q, fit_problems(res, q, ui)
    try:
        # An id from a file is never a path to open; the partial's own version when installed.
        rq = resolve_id(res.questionnaire_id, prefer_version=res.questionnaire_version)
    except KamtrustError as exc:
        return None, [t(ui, "questionnaire_gone", id=res.questionnaire_id, reason=exc.problem)]
    return rq, fit_problems(res, rq, ui)


def _ui(lang: str | None, res: Result | None, q: Questionnaire | None) -> str:
    """The language to speak about a partial: --lang, the partial's, the locale's, the questionnaire's."""
    for candidate in (lang, res.language if res else None, locale_language()):
        if candidate:
            return candidate.strip().lower()
    return choose_language(None, q.languages, q.id) if q else "en"


def _number(value: int) -> str:
    text = str(value)
    return text if len(text) <= 12 else f"{text[:6]}… ({len(text)} digits)"


def _listed(entries: list[str]) -> str:
    shown = ", ".join(entries[:SHOWN_ITEMS])
    return shown + (f", … (+{len(entries) - SHOWN_ITEMS})" if len(entries) > SHOWN_ITEMS else "")
