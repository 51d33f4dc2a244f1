"""Find the ratings of one person and account among files, folders and glob patterns.

Given explicitly, a file that is not a usable rating is an error; inside a folder, it is left
out and named. Ratings of other people or accounts (a trainer's shared folder) are counted and
said; the same rating reached twice (a copy, a link) counts once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kamtrust.errors import KamtrustError
from kamtrust.results.collect import expand_glob
from kamtrust.results.document import Result
from kamtrust.results.rating import Rating, read_rating


@dataclass
class RatingSet:
    """The ratings that belong to the rated result, and what was left out."""

    ratings: list[Rating] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) in plain words, for files inside folders that are not usable ratings."""
    others: int = 0
    """Ratings of other people or accounts."""
    other_version: int = 0
    duplicates: int = 0


def _files(ref: str) -> tuple[list[Path], bool]:
    """The files a reference names, and whether it named them one by one."""
    path = Path(ref)
    if any(ch in ref for ch in "*?[") and not path.exists():
        # collect's walker, not glob.glob: that one follows linked folders under ** without end.
        found = [Path(p) for p in expand_glob(ref)]
        return [p for p in found if p.is_file() and not p.name.startswith(".")], False
    if path.is_dir():
        out = []
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [Path(root) / n for n in sorted(names) if n.endswith(".json") and not n.startswith(".")]
        return out, False
    return [path], True


def same_account(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def _readable(refs: Sequence[str], out: RatingSet) -> Iterator[Rating]:
    """Each rating file in ``refs`` once (a link or a second path to the same file is skipped);
    an unusable file inside a folder goes to ``out.left_out``, one given by name is an error."""
    seen_files: set[tuple[int, int]] = set()
    for ref in refs:
        files, explicit = _files(ref)
        for path in files:
            try:
                st = path.stat()
                ident: tuple[int, int] | None = (st.st_dev, st.st_ino)
            except OSError:
                ident = None
            if ident is not None and ident in seen_files:
                continue
            if ident is not None:
                seen_files.add(ident)
            try:
                yield read_rating(path)
            except KamtrustError as exc:
                if explicit:
                    raise
                out.left_out.append((str(path), exc.message))


def _keep_once(rating: Rating, seen: set[str], out: RatingSet) -> None:
    """Keep ``rating`` unless a copy of it (the same document id) was kept already."""
    if rating.id in seen:
        out.duplicates += 1
        return
    seen.add(rating.id)
    out.ratings.append(rating)


def collect(refs: Sequence[str], result: Result, *, explain: object = None) -> RatingSet:
    """The ratings of ``result``'s person and account with its questionnaire version."""
    out = RatingSet()
    seen: set[str] = set()
    for rating in _readable(refs, out):
        if rating.rated_id != result.participant.id or not same_account(rating.account, result.participant.account):
            out.others += 1
            continue
        if (rating.questionnaire_id, rating.questionnaire_version) != (
            result.questionnaire_id,
            result.questionnaire_version,
        ):
            out.other_version += 1
            continue
        _keep_once(rating, seen, out)
    return out


def collect_all(refs: Sequence[str]) -> RatingSet:
    """Every rating in ``refs``, whoever it is about (a trainer's folder); copies count once."""
    out = RatingSet()
    seen: set[str] = set()
    for rating in _readable(refs, out):
        _keep_once(rating, seen, out)
    return out
