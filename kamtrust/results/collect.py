"""Gather result files for a group (files, folders, globs) in one pass and score them once each.

Nothing here writes: input files are only read. Per result we keep the participant fields, the
answers and the engine's profile, never the whole document, so thousands of files fit easily.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kamtrust.engine.group import Scored
from kamtrust.engine.scoring import score
from kamtrust.errors import InputFileError, KamtrustError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import COMPLETE, PARTICIPANT_FIELDS, Result, read_result

GLOB_CHARS = frozenset("*?[")
LISTED = 10
"""How many files an error message names before saying 'and N more'."""


@dataclass(frozen=True)
class Collection:
    """What a selection of paths holds, sorted by path.

    ``results`` are the complete results, parsed and checked; their stored ``profile`` is
    dropped (it is derived data: score the answers with the engine).
    """

    results: list[Result]
    partial: list[Path]
    """Unfinished assessments, left out."""
    rejected: list[tuple[Path, str]]
    """Files left out and why: unreadable, not JSON, not a kamtrust result, damaged."""
    paths: list[Path] = field(default_factory=list)
    """The file of each result, parallel to ``results``."""


def _expand(paths: Sequence[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every file named, found under a folder (``*.json``, recursively) or matched by a glob."""
    # Strings, not Path objects, until the end: sorting and de-duplicating 10,000 Paths costs
    # more than reading the folder.
    files: list[str] = []
    missing: list[tuple[Path, str]] = []
    for given in paths:
        text = str(given)
        if os.path.isdir(text):
            files.extend(_walk(text))
        elif os.path.exists(text):
            files.append(text)
        elif GLOB_CHARS & set(text):
            for match in sorted(glob.glob(text, recursive=True)):
                files.extend(_walk(match) if os.path.isdir(match) else [match])
        else:
            missing.append((Path(text), "file not found"))
    if len(paths) == 1 and not missing:
        return [Path(f) for f in sorted(files)], missing  # one folder or glob: no duplicates
    unique: dict[str, str] = {}
    for f in files:
        unique.setdefault(os.path.normcase(os.path.abspath(f)), f)
    return [Path(f) for f in sorted(unique.values())], missing


def _walk(folder: str) -> list[str]:
    # Hidden files are skipped: editors' and macOS's companions ("._x.json") are not results.
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            os.path.join(root, name) for name in names if name.lower().endswith(".json") and not name.startswith(".")
        )
    return found


def collect(paths: Sequence[str | Path], *, strict: bool = False) -> Collection:
    """Read every result in ``paths`` once; sort them into complete, partial and rejected.

    Raises KamtrustError when nothing at all was found, and with ``strict`` when any file was
    partial or rejected.
    """
    if not paths:
        raise KamtrustError("no result files given")
    files, rejected = _expand(paths)
    if not files:
        raise KamtrustError("no result files found in: " + ", ".join(str(p) for p in paths))
    results: list[Result] = []
    result_paths: list[Path] = []
    partial: list[Path] = []
    for path in files:
        try:
            result = read_result(path, str(path))
        except InputFileError as exc:
            rejected.append((path, exc.message.removeprefix(f"{path}: ")))
            continue
        if result.status != COMPLETE:
            partial.append(path)
            continue
        results.append(replace(result, profile={}))
        result_paths.append(path)
    rejected.sort(key=lambda pr: str(pr[0]))
    collection = Collection(results, partial, rejected, result_paths)
    if strict and (partial or rejected):
        raise KamtrustError("--strict: " + "; ".join(excluded_lines(collection)))
    return collection


def excluded_lines(collection: Collection, limit: int = LISTED) -> list[str]:
    """Human lines naming what was left out (at most ``limit`` files of each kind)."""
    lines = []
    if collection.partial:
        shown = ", ".join(str(p) for p in collection.partial[:limit])
        more = len(collection.partial) - limit
        lines.append(
            f"{len(collection.partial)} unfinished result{'s' if len(collection.partial) != 1 else ''} "
            f"left out: {shown}" + (f" and {more} more" if more > 0 else "")
        )
    for path, reason in collection.rejected[:limit]:
        lines.append(f"left out {path}: {reason}")
    more = len(collection.rejected) - limit
    if more > 0:
        lines.append(f"... and {more} more files left out")
    return lines


@dataclass(frozen=True)
class ScoredSet:
    """The results of one questionnaire (id and version), scored."""

    questionnaire: Questionnaire
    version: str
    """The version the results were made with (may differ from the installed one: see notes)."""
    scored: list[Scored]
    rejected: list[tuple[Path, str]]
    """Results whose answers do not fit the questionnaire."""
    notes: list[str]


def questionnaire_counts(collection: Collection) -> Counter[tuple[str, str]]:
    """Results per (questionnaire id, version)."""
    return Counter((r.questionnaire_id, r.questionnaire_version) for r in collection.results)


def _fields(result: Result) -> dict[str, str | None]:
    p = result.participant
    return {k: getattr(p, k) for k in PARTICIPANT_FIELDS}


def score_collection(
    collection: Collection, *, questionnaire: str | None = None, per_questionnaire: bool = False
) -> list[ScoredSet]:
    """Score every result once, resolving each questionnaire id+version once.

    Results of different questionnaires (another id, or another version of the same id) are
    never mixed: without ``per_questionnaire`` that is an error listing what was found.
    ``questionnaire`` (an id or a YAML file) is used for results of its id.
    """
    from kamtrust.questionnaire.registry import resolve, resolve_id

    counts = questionnaire_counts(collection)
    if not counts:
        raise KamtrustError(
            "no complete results to summarise"
            + (": " + "; ".join(excluded_lines(collection)) if (collection.partial or collection.rejected) else "")
        )
    if len(counts) > 1 and not per_questionnaire:
        found = ", ".join(f"{i} {v} ({n} result{'s' if n != 1 else ''})" for (i, v), n in sorted(counts.items()))
        raise KamtrustError(
            f"the results come from different questionnaires: {found}. They cannot be mixed; "
            "select one set of files, or add --per-questionnaire to report each questionnaire separately"
        )
    given = resolve(questionnaire) if questionnaire else None
    if given is not None and all(qid != given.id for qid, _ in counts):
        raise KamtrustError(
            f"the results were made with {', '.join(sorted({i for i, _ in counts}))}, not with {given.id}"
        )
    by_key: dict[tuple[str, str], list[int]] = {}
    for index, r in enumerate(collection.results):
        by_key.setdefault((r.questionnaire_id, r.questionnaire_version), []).append(index)
    sets = []
    for (qid, version), indexes in sorted(by_key.items()):
        notes: list[str] = []
        if given is not None and given.id == qid:
            q = given
        else:
            try:
                q = resolve_id(qid, prefer_version=version)
            except KamtrustError as exc:
                raise KamtrustError(
                    f"{len(indexes)} result(s) were made with questionnaire '{qid}', which is not installed "
                    f"here ({exc.message.splitlines()[0]}); pass its file with --questionnaire PATH"
                ) from None
        if q.version != version:
            notes.append(f"{len(indexes)} result(s) of {qid} {version} scored with the installed version {q.version}")
        scored: list[Scored] = []
        rejected: list[tuple[Path, str]] = []
        for index in indexes:
            r = collection.results[index]
            try:
                profile = score(q, r.answers)
            except ValueError as exc:
                path = collection.paths[index] if collection.paths else Path("?")
                rejected.append((path, f"has answers that do not fit {q.id} {q.version}: {exc}"))
                continue
            scored.append(Scored(_fields(r), r.answers, profile))
        sets.append(ScoredSet(q, version, scored, rejected, notes))
    return sets
