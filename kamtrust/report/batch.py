"""Every personal report of a folder in one go: which results, which file names, which group.

``kamtrust report FOLDER`` (or several files, or a glob) reads the results once, keeps one per
person, questionnaire and account (the latest complete one, as group commands count people),
and plans one report per kept result, named after its person and account
(``marta-ruiz_farmacias-levante.html``, with :func:`kamtrust.results.naming.slug`'s rules). Two
reports that would share a name get ``_2``, ``_3`` … in the order the results were saved, so
no report ever replaces another of the same run. Everything is planned and checked before the
first file is written: a refusal leaves the folder as it was.

The command's words and its output are the CLI's business (kamtrust/cli/report.py); here are
the decisions, with every file left out kept with its reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kamtrust.errors import KamtrustError, PathlessText
from kamtrust.i18n import plural
from kamtrust.inputfile import InputReasonError, Reason, reason
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.collect import EARLIER, GLOB_CHARS, INCOMPLETE, REJECTED, Collection, LeftOut
from kamtrust.results.document import Result, parse_timestamp
from kamtrust.results.naming import slug
from kamtrust.results.profileview import profile_of


def is_batch(paths: Sequence[str], selecting: bool) -> bool:
    """Whether ``kamtrust report`` was given many results: several arguments, a folder, a glob
    pattern that names no file, or a selection (--account …). One file keeps the one-report
    behaviour, 'latest' and history line numbers too."""
    if len(paths) != 1 or selecting:
        return True
    only = paths[0]
    if os.path.isdir(only):
        return True
    return bool(GLOB_CHARS & set(only)) and not os.path.lexists(only)


@dataclass(frozen=True)
class Kept:
    """A result that gets a report: its file, the result scored afresh, and its questionnaire."""

    path: str
    result: Result
    q: Questionnaire


@dataclass
class Plan:
    """What a batch run will write, and what it leaves out."""

    kept: list[Kept] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def _moment(created_at: str) -> str:
    """A text that sorts as the moment ``created_at`` names ('' when it names none)."""
    moment = parse_timestamp(created_at)
    return "" if moment is None else moment.isoformat(timespec="microseconds")


def _scores_something(result: Result) -> bool:
    profile = profile_of(result.profile)
    return profile.overall is not None or any(
        s.score is not None for scales in (profile.factors, profile.poles) for s in scales.values()
    )


def plan(
    collection: Collection,
    load: Callable[[Path], tuple[Result, Questionnaire]],
    check: Callable[[Result], Reason | None] = lambda _: None,
) -> Plan:
    """One result per person, questionnaire and account: the latest complete one that scores.

    ``check`` says why a result read while collecting cannot be reported (e.g. its questionnaire
    is not installed), in words of the catalogue; ``load`` reads and scores one file
    (``kamtrust.results.rescore.load_scored`` with the command's --questionnaire); a file
    either refuses is left out with its reason.
    """
    out = Plan()
    latest: dict[tuple[str, str, str | None], tuple[str, Kept]] = {}
    for path, collected in sorted(zip(collection.files, collection.results, strict=True), key=lambda x: x[0]):
        why = check(collected)
        if why is not None:
            out.left_out.append(LeftOut(path, REJECTED, why))
            continue
        try:
            result, q = load(Path(path))
        except InputReasonError as exc:
            out.left_out.append(LeftOut(path, REJECTED, exc.reason))
            continue
        except KamtrustError as exc:
            out.left_out.append(LeftOut(path, REJECTED, reason("rb_problem", problem=PathlessText(exc, path))))
            continue
        if not _scores_something(result):
            out.left_out.append(
                LeftOut(
                    path,
                    INCOMPLETE,
                    reason(plural("left_nothing_scored", len(result.answers)), answered=len(result.answers)),
                )
            )
            continue
        who = result.participant
        key = (result.questionnaire_id, who.id, who.account)
        entry = (_moment(result.created_at), Kept(path, result, q))
        before = latest.get(key)
        if before is None:
            latest[key] = entry
            continue
        # The latest counts; of equal times the first by path (the files come sorted).
        newer, older = (entry, before) if entry[0] > before[0] else (before, entry)
        latest[key] = newer
        out.left_out.append(LeftOut(older[1].path, EARLIER, reason("left_earlier", kept=newer[1].path)))
    out.kept = sorted((k for _, k in latest.values()), key=lambda k: k.path)
    out.left_out.sort(key=lambda x: x.path)
    return out


def leave_out(kept: Kept, why: Reason) -> LeftOut:
    """``kept`` left out after all (e.g. its questionnaire is not the group's)."""
    return LeftOut(kept.path, REJECTED, why)


# ---------------------------------------------------------------- file names


def base_name(result: Result, path: str) -> str:
    """'marta-ruiz_farmacias-levante': the person's and the account's slugs.

    Without a name, the result file's own name stands for the person (an import names files
    after the person when it can, else by row); without an account, the name alone.
    """
    who = result.participant
    person = slug(who.name) or slug(_stem(path)) or "result"
    account = slug(who.account)
    return f"{person}_{account}" if account else person


def _stem(path: str) -> str:
    name = os.path.basename(path)
    return name[: -len(".json")] if name.lower().endswith(".json") else os.path.splitext(name)[0]


@dataclass(frozen=True)
class Target:
    """Where one report goes, and the name it would have had without a clash."""

    kept: Kept
    path: Path
    base: str
    numbered: bool


def targets(kept: Iterable[Kept], folder: Path | None, ext: str) -> list[Target]:
    """Each report's file: in ``folder``, or beside its result when ``folder`` is None.

    Names that would clash (two people with the same name and account, or names that differ
    only in accents or punctuation) are numbered ``_2``, ``_3`` … in the order the results were
    saved (then by path), the first keeping the plain name.
    """
    order = sorted(kept, key=lambda k: (_moment(k.result.created_at), k.path))
    used: dict[tuple[str, str], int] = {}
    planned = []
    for k in order:
        where = folder if folder is not None else Path(k.path).parent
        base = base_name(k.result, k.path)
        key = (os.path.normcase(os.path.abspath(where)), base)
        n = used.get(key, 0) + 1
        used[key] = n
        name = f"{base}.{ext}" if n == 1 else f"{base}_{n}.{ext}"
        planned.append(Target(k, where / name, base, n > 1))
    # Numbered names could meet a plain one ("ana_2" as a person's slug): number further.
    seen: set[tuple[str, str]] = set()
    final = []
    for target in planned:
        path = target.path
        extra = 2
        while (os.path.normcase(os.path.abspath(path.parent)), path.name) in seen:
            extra += 1
            path = path.with_name(f"{target.base}_{extra}.{ext}")
        seen.add((os.path.normcase(os.path.abspath(path.parent)), path.name))
        final.append(Target(target.kept, path, target.base, target.numbered or path != target.path))
    return sorted(final, key=lambda t: t.kept.path)


def clashes(planned: Sequence[Target]) -> dict[str, list[Target]]:
    """The reports numbered to avoid a clash, per plain name: for the run's message."""
    named: dict[str, list[Target]] = {}
    for target in planned:
        named.setdefault(os.path.join(str(target.path.parent), target.base), []).append(target)
    return {k: v for k, v in named.items() if len(v) > 1}
