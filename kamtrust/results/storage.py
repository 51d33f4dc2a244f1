"""Saved assessments in the user's data folder: the participant id, new and partial results."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path

from kamtrust.atomic import write_atomic
from kamtrust.errors import KamtrustError
from kamtrust.paths import data_dir
from kamtrust.paths import results_dir as results_dir  # re-exported: tests and the CLI reach it here
from kamtrust.results.document import PARTIAL, Result, read_result
from kamtrust.results.lock import Busy, SessionLock, lock_path

PARTIAL_SUFFIX = ".partial.json"


def participant_id() -> str:
    """This machine's random participant id, created on first use and reused after.

    It pairs a person's before/after results without their name.
    """
    path = data_dir() / "participant.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        pid = doc.get("id") if isinstance(doc, dict) else None
        if isinstance(pid, str) and pid:
            return pid
    except (OSError, ValueError):
        pass
    pid = str(uuid.uuid4())
    write_atomic(path, json.dumps({"id": pid}) + "\n")
    return pid


def new_result_path(questionnaire_id: str, *, partial: bool = False) -> Path:
    """A fresh file name in the results folder: UTC timestamp, questionnaire, random suffix."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = PARTIAL_SUFFIX if partial else ".json"
    return results_dir() / f"{stamp}-{questionnaire_id}-{secrets.token_hex(3)}{suffix}"


def new_partial(questionnaire_id: str) -> tuple[Path, SessionLock]:
    """A fresh partial result path, already locked: two sessions started at once never share one."""
    while True:
        path = new_result_path(questionnaire_id, partial=True)
        if path.exists() or final_path_for(path).exists() or lock_path(path).exists():
            continue
        lock = SessionLock(path)
        try:
            lock.acquire()
        except Busy:
            continue
        if path.exists():  # saved by a session that ended between our look and our lock
            lock.release()
            continue
        return path, lock


def final_path_for(partial_path: Path) -> Path:
    """Where a partial result goes once complete (same name without ``.partial``)."""
    return partial_path.with_name(partial_path.name.removesuffix(PARTIAL_SUFFIX) + ".json")


def save_new(result: Result) -> Path:
    """Save a complete result in the results folder under a readable name, never replacing a file.

    The name is person, account and local time (:mod:`kamtrust.results.naming`); when taken
    (the same person and account in the same minute), a short random suffix tells them apart.
    The name is claimed first (created exclusively), then written atomically over the claim.
    """
    import os

    from kamtrust.atomic import _reason
    from kamtrust.errors import OutputError
    from kamtrust.results.naming import local_time, stem

    folder = results_dir()
    base = stem(
        result.participant.name, result.participant.account, result.questionnaire_id, local_time(result.created_at)
    )
    target = folder / f"{base}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for attempt in range(1000):
            target = folder / (f"{base}.json" if attempt == 0 else f"{base}-{secrets.token_hex(2)}.json")
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                continue
            break
        else:  # a thousand names taken: refuse rather than overwrite one
            raise FileExistsError(17, os.strerror(17), str(target))
    except OSError as exc:
        raise OutputError(target, _reason(exc)) from None
    try:
        write_atomic(target, result.to_json())
    except BaseException:
        target.unlink(missing_ok=True)  # the empty claim must not pass for a result
        raise
    return target


def save(result: Result, path: Path) -> None:
    """Write a result atomically."""
    write_atomic(path, result.to_json())


def save_partial(result: Result, path: Path) -> bool:
    """Save an unfinished assessment, but only once it has an answer: an empty partial is never
    kept (one saved earlier, when every answer was taken back, is removed). True when saved."""
    if not result.answers:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        return False
    write_atomic(path, result.to_json())
    return True


def find_partials(questionnaire_id: str | None = None) -> list[tuple[Path, Result]]:
    """Unfinished assessments in the results folder, newest first; unreadable files skipped."""
    folder = results_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{PARTIAL_SUFFIX}"), reverse=True):
        try:
            result = read_result(path)
        except KamtrustError:
            continue
        if result.status == PARTIAL and (questionnaire_id in (None, result.questionnaire_id)):
            found.append((path, result))
    return found


def unfinished(questionnaire_id: str | None = None) -> list[tuple[Path, Result | None, KamtrustError | None]]:
    """Every partial result file, newest first: (path, result, None), or (path, None, the error reading it).

    Unlike ``find_partials``, a damaged file is returned with its problem, so that it can be named
    to the person instead of being passed over in silence.
    """
    folder = results_dir()
    if not folder.is_dir():
        return []
    found: list[tuple[Path, Result | None, KamtrustError | None]] = []
    for path in sorted(folder.glob(f"*{PARTIAL_SUFFIX}"), reverse=True):
        try:
            result = read_result(path)
        except KamtrustError as exc:
            found.append((path, None, exc))
            continue
        if result.status == PARTIAL and (questionnaire_id in (None, result.questionnaire_id)):
            found.append((path, result, None))
    return found


def saved_results() -> list[Path]:
    """Every saved result file (complete and partial), oldest first."""
    folder = results_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []
