"""Gather result files for a group (files, folders, globs) in one pass and score them once each.

A group is counted in **people**, not files:

- The same file reached twice (named twice, matched by two globs, ``dir`` and ``dir/**``, a
  symbolic link or a hard link to it) is read once; a copy with the same bytes counts once.
- A result counts only when it is *complete*: finished, with answers, and enough of them to
  score at least one factor or pole. Others never count toward a group's size.
- One person (a participant id) with several complete results for the same questionnaire and
  account counts once, with the latest (by ``created_at``; of equal times, the first by path).
- A result dated after now (a day of clock skew allowed) or before 2000-01-01 never counts:
  a forged date must not make it anyone's latest and hide their real result. "Now" is taken
  once per run (:func:`clock`, or ``collect(..., now=...)`` in tests).
- A person with results for several accounts counts once in a summary, with their latest
  result, in the total and in every subgroup alike (``--by account`` included); the others are
  left out and named. Subgroups then never share a person, so a total minus the shown subgroups
  is exactly the hidden ones, the case the suppression rules plan for (a person counted in two
  subgroups but once in the total would let a reader subtract them out of a hidden cell). To
  summarise one account with everybody who assessed it, select that account's result files.

Every file left out is listed with its reason (a :class:`~kamtrust.inputfile.Reason`, shown in
the language of the command). Folder walking is bounded: hidden and temporary files are never
read, symbolic link loops and second ways into a folder are not followed, FIFOs, sockets and
devices are never opened, and no result file is read past MAX_RESULT_BYTES.

Nothing here writes: input files are only read. Per result we keep the participant fields, the
answers and the engine's profile, never the whole document, so thousands of files fit easily.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from kamtrust.errors import KamtrustError, MixedQuestionnaires
from kamtrust.i18n import plural, some_of, t
from kamtrust.inputfile import (
    _OPEN_FLAGS,
    MAX_RESULT_BYTES,
    InputReasonError,
    Reason,
    check_stat,
    read_bytes,
    read_upto,
    reason,
    stat_problem,
    too_large,
)
from kamtrust.results.document import COMPLETE, Result, ResultFields, decode_fields, parse_timestamp, result_from
from kamtrust.safetext import visible

if TYPE_CHECKING:
    from kamtrust.engine.group import Scored
    from kamtrust.engine.scoring import Profile
    from kamtrust.questionnaire.model import Questionnaire

GLOB_CHARS = frozenset("*?[")
_IFMT = 0o170000  # the file-type bits of st_mode
LISTED = 10
"""How many files an error message names before saying 'and N more'."""

# Kinds of left-out file; each is a count in the summary document's ``excluded``.
PARTIAL = "partial"
"""An unfinished assessment."""
REJECTED = "rejected"
"""Unreadable, not a result, damaged, special or too large, or answers that do not fit."""
SAME_FILE = "same_file"
"""The same file reached a second time (it is counted once, so no file is lost)."""
SAME_CONTENT = "same_content"
"""A copy of a file already read."""
INCOMPLETE = "incomplete"
"""No answers, or too few to score any factor or pole."""
EARLIER = "earlier"
"""An earlier result of the same person for the same questionnaire and account."""
OTHER_ACCOUNT = "other_account"
"""Left out of the total: the same person's latest result (for another account) counts there."""
NOT_FIT = "not_fit"
"""A result whose answers do not fit its questionnaire (a REJECTED file, counted apart: it was read)."""
MISDATED = "misdated"
"""A result dated in the future (beyond a day of clock skew) or before 2000: never anyone's latest."""
KINDS = (PARTIAL, REJECTED, SAME_FILE, SAME_CONTENT, INCOMPLETE, EARLIER, OTHER_ACCOUNT, NOT_FIT, MISDATED)

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
"""No result can be older than this: kamtrust did not exist."""
CLOCK_SKEW = timedelta(days=1)
"""How far past "now" a result may be dated (another computer's clock, another time zone)."""


def clock() -> datetime:
    """Now, in UTC: read once per run by :func:`collect` (tests replace it or pass ``now``)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Day:
    """A result's date as the user reads it (dd/mm/yyyy in Spanish), the year always in 4 digits."""

    moment: datetime

    def text(self, lang: str = "en") -> str:
        from kamtrust.present import DAY_FIRST

        d = self.moment
        return (
            f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
            if lang in DAY_FIRST
            else f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
        )


@dataclass(frozen=True)
class _Dates:
    """The dates a result may plausibly carry, as texts that sort like :func:`_when`'s."""

    earliest: str
    latest: str

    @classmethod
    def around(cls, now: datetime) -> _Dates:
        return cls(_stamp(EARLIEST), _stamp(now.astimezone(UTC) + CLOCK_SKEW))

    def problem(self, created_at: str, when: str | None = None) -> Reason | None:
        """Why a result dated ``created_at`` cannot count, or None when its date is plausible
        (``when``: :func:`_when` of it, when already known)."""
        if when is None:
            when = _when(created_at)
        if self.earliest <= when <= self.latest:
            return None
        moment = parse_timestamp(created_at)
        assert moment is not None  # checked when the result was read
        return reason("left_future" if when > self.latest else "left_too_early", date=_Day(moment))


def implausible_date(created_at: str, now: datetime | None = None) -> Reason | None:
    """Why a result's date cannot be right (after tomorrow, before 2000), or None: the reason a
    group leaves it out, which the commands that show one result say as a warning."""
    return _Dates.around(now or clock()).problem(created_at)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


@dataclass(frozen=True)
class LeftOut:
    """A file left out of a group, and why."""

    path: str
    kind: str
    """One of KINDS."""
    reason: Reason

    def text(self, lang: str = "en") -> str:
        return self.reason.text(lang)


@dataclass(frozen=True)
class Collection:
    """What a selection of paths holds, sorted by path.

    ``results`` are the complete results, parsed and checked; their stored ``profile`` is
    dropped (it is derived data: score the answers with the engine).
    """

    results: list[Result]
    left_out: list[LeftOut]
    """Every file left out while reading, with its kind and reason, sorted by path."""
    files: list[str] = field(default_factory=list)
    """The file of each result, parallel to ``results``."""
    scored: dict[int, tuple[Result, Questionnaire, Profile, str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Profiles scored while reading (``collect(..., prescore=True)``), by ``id(result)``: the
    result itself (to check that it is that one), the questionnaire, the profile, and when the
    result was made (as :func:`_when` gives it)."""
    questionnaires: dict[tuple[str, str], Questionnaire | None] = field(default_factory=dict, compare=False, repr=False)
    """Questionnaires resolved while reading, by (id, version); None when none is installed."""

    @property
    def paths(self) -> list[Path]:
        """``files`` as paths."""
        return [Path(f) for f in self.files]

    @property
    def partial(self) -> list[Path]:
        """Unfinished assessments, left out."""
        return [Path(x.path) for x in self.left_out if x.kind == PARTIAL]

    @property
    def rejected(self) -> list[tuple[Path, str]]:
        """Files left out for any other reason, with the reason in English."""
        return [(Path(x.path), x.text()) for x in self.left_out if x.kind != PARTIAL]


# ---------------------------------------------------------------- finding the files


class _Finder:
    """Walks the paths given, once per folder, never following a link back into a folder seen."""

    def __init__(self) -> None:
        self.found: list[tuple[str, os.stat_result | None]] = []
        """Candidate files; the stat is None for plain files seen in a folder listing (checked on open)."""
        self.left_out: list[LeftOut] = []
        self.folders: set[tuple[int, int]] = set()
        self.reported: set[str] = set()

    def given(self, text: str) -> None:
        try:
            st = os.stat(text)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) and GLOB_CHARS & set(text):
                for match in _glob(text):
                    self.given(match)
                return
            self.leave(text, stat_problem(exc))
            return
        if stat.S_ISDIR(st.st_mode):
            self.walk(text, st)
        elif _is_temporary(os.path.basename(text)):
            self.leave(text, reason("read_temporary"))
        else:
            # Named directly: whatever it is, it is reported (a FIFO is never opened: see read).
            self.found.append((text, st))

    def leave(self, path: str, why: Reason) -> None:
        if path not in self.reported:
            self.reported.add(path)
            self.left_out.append(LeftOut(path, REJECTED, why))

    def enter(self, folder: str, st: os.stat_result) -> bool:
        """False when ``folder`` was already walked (a link loop, or two ways to one folder)."""
        key = (st.st_dev, st.st_ino)
        if key in self.folders:
            return False
        self.folders.add(key)
        return True

    def walk(self, root: str, st: os.stat_result) -> None:
        """Every result file under the folder ``root``, depth first in name order."""
        if not self.enter(root, st):
            return
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError as exc:
                self.leave(folder, stat_problem(exc))
                continue
            subfolders = []
            found = self.found
            for entry in entries:
                name = entry.name
                # The common case, told from the listing alone (a folder holds thousands of them).
                if name.endswith(".json") and name[0] != "." and _is_file(entry):
                    found.append((entry.path, None))
                elif (sub := self.visit(entry)) is not None:
                    subfolders.append(sub)
            stack.extend(sorted(subfolders, reverse=True))

    def visit(self, entry: os.DirEntry[str]) -> str | None:
        """Note one entry of a folder: a result file found, or left out with its reason; a
        folder not walked yet is returned, to be walked."""
        name = entry.name
        # Hidden files are never results: editors' and macOS's companions ("._x.json"),
        # and the atomic writer's temporary files (".x.json.abc123.tmp").
        if name.startswith("."):
            return None
        json_name = name.lower().endswith(".json")
        try:
            if entry.is_file(follow_symlinks=False):
                if json_name:
                    self.found.append((entry.path, None))
                return None
            if entry.is_dir(follow_symlinks=False):
                target = entry.stat(follow_symlinks=False)
            else:
                target = os.stat(entry.path)  # a link, or something special
        except OSError as exc:
            problem = stat_problem(exc)
            if json_name or problem.key == "read_loop":
                self.leave(entry.path, problem)
            return None
        if stat.S_ISDIR(target.st_mode):
            if self.enter(entry.path, target):
                return entry.path
            if entry.is_symlink():  # a real folder seen before was named twice: no news
                self.leave(entry.path, reason("read_folder_again"))
        elif json_name:
            self.found.append((entry.path, target))
        return None


def _is_temporary(name: str) -> bool:
    """A file the atomic writer (kamtrust/atomic.py) leaves when a save is interrupted."""
    return name.startswith(".") and (name.endswith(".tmp") or name.startswith(".kamtrust-check."))


def expand_glob(pattern: str) -> list[str]:
    """The paths matching ``pattern``, sorted, each folder entered once (see :func:`_glob`)."""
    return sorted(_glob(pattern))


def _glob(pattern: str) -> Iterator[str]:
    """Paths matching ``pattern`` (``**`` matches any folders), hidden names only when asked.

    Python's glob follows symbolic links under ``**`` without end (two loops hang it), hence
    this walker, which enters each folder once.
    """
    parts = pattern.replace(os.sep, "/").split("/") if os.sep != "/" else pattern.split("/")
    fixed: list[str] = []
    while parts and not (GLOB_CHARS & set(parts[0])) and parts[0] != "**":
        fixed.append(parts.pop(0))
    base = "/".join(fixed) if fixed else ""
    if fixed == [""]:
        base = "/"
    seen: set[tuple[int, int]] = set()
    yield from _match(base, parts, seen)


def _match(base: str, parts: list[str], seen: set[tuple[int, int]]) -> Iterator[str]:
    """Paths under ``base`` matching the pattern's remaining ``parts``, each folder entered once."""
    if not parts:
        if base:
            yield base
        return
    try:
        entries = sorted(os.scandir(base or "."), key=lambda e: e.name)
    except OSError:
        return
    if parts[0] == "**":
        yield from _match_any_depth(base, parts, entries, seen)
        return
    head, rest = parts[0], parts[1:]
    for entry in entries:
        name = entry.name
        if name.startswith(".") and not head.startswith("."):
            continue
        if fnmatch.fnmatchcase(name, head) if GLOB_CHARS & set(head) else name == head:
            path = entry.path if base else name
            if not rest:
                yield path
            elif _is_dir(entry):
                yield from _match(path, rest, seen)


def _match_any_depth(
    base: str, parts: list[str], entries: list[os.DirEntry[str]], seen: set[tuple[int, int]]
) -> Iterator[str]:
    """:func:`_match` for a pattern starting with ``**``: ``base`` itself and every folder under
    it (never a hidden one, never a folder a link leads back to)."""
    try:
        st = os.stat(base or ".")
    except OSError:
        return
    if (st.st_dev, st.st_ino) in seen:  # a link back into a folder already matched
        return
    seen.add((st.st_dev, st.st_ino))
    yield from _match(base, parts[1:], seen)
    for entry in entries:
        if not entry.name.startswith(".") and _is_dir(entry):
            yield from _match(entry.path if base else entry.name, parts, seen)


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, not a link (False when that cannot be told: :meth:`_Finder.visit` says why)."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


# ---------------------------------------------------------------- reading them


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while thousands of results are built (and, in the group
    commands, while they are summarised).

    They hold no cycles, but each new batch of containers triggers a collection that walks all
    the results kept so far: about a tenth of a 10,000-file summary.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_Key = tuple[int, int]
_Read = tuple[_Key, bytes | None, "ResultFields | LeftOut | None"]
"""What reading one file gives: its device and inode, the digest of its bytes (for a damaged
file; a result is hashed later, only if it may be a copy) and the result's checked fields (or why
it is left out) -- or None, None for a file this process has read already. Fields, not a Result:
a helper process sends them (a third of the cost to pickle)."""
_Loaded = (
    tuple[_Key, bytes | None, "Result | LeftOut | None"]
    | tuple[_Key, bytes | None, "Result | LeftOut | None", "tuple[Questionnaire, Profile] | None"]
)
"""A file read, with its Result built (:func:`_builder`); when reading also scores, a fourth:
how the result was scored."""


def _reader() -> Callable[[tuple[str, os.stat_result | None]], LeftOut | _Read]:
    """A function reading one file found: see :func:`_read`. It remembers the files it has read,
    so that in one process the same file is read once."""
    files: set[_Key] = set()
    return lambda found: _read(found[0], found[1], files)


def _builder(
    resolved: dict[tuple[str, str], Questionnaire | None] | None,
) -> Callable[[list[LeftOut | _Read]], list[LeftOut | _Loaded]]:
    """A function building the Result of each file read and, given ``resolved`` (the memo of
    questionnaires by id and version), scoring the complete ones: it adds to each
    ``(questionnaire, profile)`` (None when it cannot: the summary then scores it, and says why
    not).

    Only the process that summarises does this (:func:`kamtrust.results.forked.fork_map`'s
    ``finish``): sending a Result or a profile from a helper costs more than building it here."""

    def build(chunk: list[LeftOut | _Read]) -> list[LeftOut | _Loaded]:
        # Imported here, once the files are being read: the processes that only read never score.
        from kamtrust.engine.scoring import score

        out: list[LeftOut | _Loaded] = []
        made_with: tuple[str, str] | None = None  # the last result's questionnaire id and version
        q = None  # ... and the questionnaire they resolve to: a chunk's results nearly always share them
        for got in chunk:
            if isinstance(got, LeftOut):
                out.append(got)
                continue
            key, digest, fields = got
            if not isinstance(fields, tuple):  # left out, or read already
                out.append((key, digest, fields))
                continue
            r = result_from(fields)
            if resolved is None or r.status != COMPLETE or not r.answers:
                out.append((key, digest, r))
                continue
            if (r.questionnaire_id, r.questionnaire_version) != made_with:
                made_with = (r.questionnaire_id, r.questionnaire_version)
                q = _questionnaire_of(r, resolved)
            # None when the questionnaire is not installed or the answers do not fit: the summary
            # then scores the result, and says why not.
            try:
                scored = None if q is None else (q, score(q, r.answers, duration_seconds=r.duration_seconds))
            except ValueError:
                scored = None
            out.append((key, digest, r, scored))
        return out

    return build


def _questionnaire_of(r: Result, resolved: dict[tuple[str, str], Questionnaire | None]) -> Questionnaire | None:
    """The questionnaire a result's id and version resolve to, once per process (None when not installed)."""
    key = (r.questionnaire_id, r.questionnaire_version)
    if key in resolved:
        return resolved[key]
    from kamtrust.questionnaire.registry import resolve_id

    try:
        q: Questionnaire | None = resolve_id(key[0], prefer_version=key[1])
    except KamtrustError:
        q = None
    resolved[key] = q
    return q


def _read(path: str, st: os.stat_result | None, files: set[_Key]) -> LeftOut | _Read:
    """Read, check and parse one file; or why it is left out. A FIFO or a device is never
    opened; at most MAX_RESULT_BYTES + 1 bytes are read; a file in ``files`` is not read again.

    Only this file is looked at, so files can be read in any order, by several processes: which
    of two is the same file or a copy of an earlier one is decided afterwards (:func:`_sort_out`).
    """
    if st is not None:
        why = check_stat(st.st_mode, st.st_size, MAX_RESULT_BYTES, "result file")
        if why is not None:
            return LeftOut(path, REJECTED, why)
        if (st.st_dev, st.st_ino) in files:
            return (st.st_dev, st.st_ino), None, None
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return LeftOut(path, REJECTED, stat_problem(exc))
    try:
        fst = os.fstat(fd)
        if not (fst.st_mode & _IFMT == stat.S_IFREG and fst.st_size <= MAX_RESULT_BYTES):
            why = check_stat(fst.st_mode, fst.st_size, MAX_RESULT_BYTES, "result file")
            if why is not None:
                return LeftOut(path, REJECTED, why)
        key = (fst.st_dev, fst.st_ino)
        if key in files:
            return key, None, None
        files.add(key)
        data = read_upto(fd, fst.st_size, MAX_RESULT_BYTES)
    except OSError as exc:
        return LeftOut(path, REJECTED, stat_problem(exc))
    finally:
        os.close(fd)
    if len(data) > MAX_RESULT_BYTES:
        return key, None, LeftOut(path, REJECTED, too_large(MAX_RESULT_BYTES, "result file"))
    try:
        fields = decode_fields(data, path, keep_profile=False)
    except InputReasonError as exc:
        # Hashed now: a copy of a damaged file is told only by its bytes.
        return key, _sha256(data), LeftOut(path, REJECTED, exc.reason)
    # A result's bytes are hashed only if another has the same participant id and date, as a
    # copy must (_sort_out, _Twins): hashing every file cost 2 µs each.
    return key, None, fields


def _sha256(data: bytes) -> bytes:
    """The SHA-256 of ``data``. hashlib (OpenSSL, 2-3 ms to load) is loaded by the first file
    that needs it: nearly every group has none."""
    import hashlib

    return hashlib.sha256(data).digest()


def _file_digest(path: str) -> bytes | None:
    """The SHA-256 of a result file read again (bounded, never a FIFO or a device); None when it
    cannot be read now."""
    try:
        return _sha256(read_bytes(path, what="result file", limit=MAX_RESULT_BYTES))
    except InputReasonError:  # gone, replaced by something else, or grown too large since
        return None


def collect(
    paths: Sequence[str | Path],
    *,
    strict: bool = False,
    lang: str = "en",
    prescore: bool = False,
    meanwhile: Callable[[], object] | None = None,
    now: datetime | None = None,
) -> Collection:
    """Read every result in ``paths`` once; sort out the complete ones and what is left out.

    With ``prescore``, complete results are also scored as they are read (on every core that reads
    them), for :func:`score_collection` to use: ask for it only when the results will be scored.
    ``meanwhile`` is run while helper processes read, when they do (see ``forked.fork_map``).
    ``now`` (by default :func:`clock`) bounds the dates a result may carry (kind MISDATED).

    Raises KamtrustError when nothing at all was found, and with ``strict`` when any file was
    left out (see :func:`strict_problems`).
    """
    if not paths:
        raise KamtrustError("no result files given")
    finder = _Finder()
    for given in paths:
        finder.given(str(given))
    left_out = finder.left_out
    if not finder.found and not any(x.kind == REJECTED and x.reason.key != "read_missing" for x in left_out):
        raise nothing_found([str(p) for p in paths], left_out, lang)
    results: list[Result] = []
    result_paths: list[str] = []
    scored: dict[int, tuple[Result, Questionnaire, Profile, str]] = {}
    resolved: dict[tuple[str, str], Questionnaire | None] = {}
    with no_cycle_collection():
        todo, loaded = _read_all(finder.found, resolved if prescore else None, meanwhile)
    dates = _Dates.around(now or clock())
    _sort_out(todo, loaded, left_out, _Kept(results, result_paths, scored), dates)
    left_out.sort(key=lambda x: x.path)
    collection = Collection(results, left_out, result_paths, scored, resolved)
    if strict:
        problems = strict_problems(collection.left_out)
        if problems:
            text = "--strict: " + "; ".join(excluded_lines(problems, lang))
            raise KamtrustError(text, files=[x.path for x in problems])
    return collection


def nothing_found(given: list[str], left_out: list[LeftOut], lang: str) -> KamtrustError:
    """The error when ``given`` held no result file at all, naming the paths that do not exist
    (a misspelled folder) apart from those that exist but hold no result."""
    missing = [p for p in given if any(x.path == p and x.reason.key == "read_missing" for x in left_out)]
    empty = [p for p in given if p not in missing]
    parts = [t(lang, "gx_no_files", paths=", ".join(empty))] if empty else []
    if len(missing) == 1:
        parts.append(t(lang, "gx_missing_one", path=missing[0]))
    elif missing:
        parts.append(t(lang, "gx_missing", paths=", ".join(missing)))
    return KamtrustError("; ".join(parts), files=missing)


def _read_all(
    found: list[tuple[str, os.stat_result | None]],
    resolved: dict[tuple[str, str], Questionnaire | None] | None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[list[tuple[str, os.stat_result | None]], list[LeftOut | _Loaded]]:
    """Read and check every file found, once each (see :func:`collect`): the files in path
    order and what each held, for :func:`_sort_out`.

    Thousands of files are read on two cores when the machine has them free (see
    :mod:`kamtrust.results.forked`); the outcome is the same as in one process.
    """
    from kamtrust.results.forked import fork_map

    todo = []
    previous = None
    for entry in sorted(found, key=itemgetter(0)):
        # The very same name given twice (a folder and a glob over it) is not worth a line.
        if entry[0] != previous:
            todo.append(entry)
        previous = entry[0]
    return todo, fork_map(_reader(), todo, finish=_builder(resolved), meanwhile=meanwhile)


@dataclass(frozen=True)
class _Kept:
    """Where :func:`_sort_out` puts the results that count: each with its file and its profile."""

    results: list[Result]
    paths: list[str]
    scored: dict[int, tuple[Result, Questionnaire, Profile, str]]


def _sort_out(
    todo: list[tuple[str, os.stat_result | None]],
    loaded: list[LeftOut | _Loaded],
    left_out: list[LeftOut],
    kept: _Kept,
    dates: _Dates,
) -> None:
    """Sort the files read, in path order: the first of the same file or of the same bytes is
    kept, later ones are left out naming it; complete results with a plausible date are kept,
    others left out."""
    files: dict[_Key, str] = {}
    contents: dict[bytes, str] = {}
    twins = _Twins(contents)
    results, paths, scored = kept.results, kept.paths, kept.scored
    for (path, _), got in zip(todo, loaded, strict=True):
        if isinstance(got, LeftOut):
            left_out.append(got)
            continue
        key, digest, result = got[0], got[1], got[2]
        first = files.get(key)
        if first is not None:
            left_out.append(LeftOut(path, SAME_FILE, reason("left_same_file", first=first, second=path)))
            continue
        files[key] = path
        if isinstance(result, LeftOut) and digest is None:  # too large: never hashed
            left_out.append(result)
            continue
        assert result is not None  # a file not read again was read earlier
        if digest is None and isinstance(result, Result):  # hashed only if it may be a copy
            digest = twins.digest(result, path)
        first = path if digest is None else contents.setdefault(digest, path)
        if first is not path:
            left_out.append(LeftOut(path, SAME_CONTENT, reason("left_same_content", first=first)))
        elif isinstance(result, LeftOut):
            left_out.append(result)
        elif result.status != COMPLETE:
            left_out.append(LeftOut(path, PARTIAL, reason("status_partial")))
        elif not result.answers:
            left_out.append(LeftOut(path, INCOMPLETE, reason("left_no_answers")))
        elif (misdated := dates.problem(result.created_at, when := _when(result.created_at))) is not None:
            left_out.append(LeftOut(path, MISDATED, misdated))
        else:
            results.append(result)
            paths.append(path)
            if len(got) == 4 and got[3] is not None:
                scored[id(result)] = (result, *got[3], when)


class _Twins:
    """Which results may be byte-for-byte copies: those with the same participant id and date (as
    identical bytes have), hashed by reading the files again."""

    def __init__(self, contents: dict[bytes, str]) -> None:
        self.contents = contents
        """Digest -> the first file with those bytes, shared with the files hashed when read."""
        self.first: dict[tuple[str, str], str] = {}
        self.hashed: set[str] = set()

    def digest(self, result: Result, path: str) -> bytes | None:
        """The digest of ``path`` when an earlier file may hold the same bytes (the earlier one's
        digest noted first); None when none may, or when the file cannot be read again."""
        # Identical bytes have the same participant id and date; few results share both.
        first = self.first.setdefault((result.participant.id, result.created_at), path)
        if first is path:
            return None
        if first not in self.hashed:
            self.hashed.add(first)
            earlier = _file_digest(first)
            if earlier is not None:
                self.contents.setdefault(earlier, first)
        return _file_digest(path)


def left_out_by(left_out: Sequence[LeftOut], by: str | None) -> list[LeftOut]:
    """What is left out of a summary split ``by``: the same whatever the split, since each
    person counts once in a summary (``by`` is kept for callers)."""
    return list(left_out)


def strict_problems(left_out: Sequence[LeftOut], by: str | None = None) -> list[LeftOut]:
    """What ``--strict`` refuses: every file left out. The same file reached twice is still
    counted (once)."""
    return [x for x in left_out_by(left_out, by) if x.kind != SAME_FILE]


def excluded_lines(left_out: Sequence[LeftOut], lang: str = "en", limit: int = LISTED) -> list[str]:
    """Human lines naming what was left out (at most ``limit`` files of each kind)."""
    lines = []
    partial = [x.path for x in left_out if x.kind == PARTIAL]
    if partial:
        shown = some_of(partial, lang, limit)
        lines.append(t(lang, plural("left_partial", len(partial)), n=len(partial), files=shown))
    others = [x for x in left_out if x.kind != PARTIAL]
    for x in others[:limit]:
        lines.append(t(lang, "left_file", path=x.path, reason=x.text(lang)))
    if len(others) > limit:
        more = len(others) - limit
        lines.append(t(lang, plural("left_more", more), n=more))
    return lines


def excluded_counts(*groups: Sequence[LeftOut], by: str | None = None) -> dict[str, int]:
    """Files left out per kind, for the summary document: 'partial' and 'rejected' as before,
    then one count per other kind (the same whatever ``by``: each person counts once)."""
    counts = Counter(count_kind(x) for left_out in groups for x in left_out)
    return {k: counts.get(k, 0) for k in KINDS}


def count_kind(x: LeftOut) -> str:
    """The kind ``x`` is counted as: a readable result whose answers do not fit is not "unreadable"."""
    return NOT_FIT if x.kind == REJECTED and x.reason.key == "left_not_fit" else x.kind


# ---------------------------------------------------------------- scoring them


@dataclass(frozen=True)
class ScoredSet:
    """The results of one questionnaire (id and version), scored, one per person and account."""

    questionnaire: Questionnaire
    version: str
    """The version the results were made with (may differ from the installed one: see notes)."""
    scored: list[Scored]
    left_out: list[LeftOut]
    """Results that do not fit the questionnaire, score nothing, or are superseded (an earlier
    result for the same account, or another account of the same person: kind OTHER_ACCOUNT)."""
    notes: list[str]

    @property
    def rejected(self) -> list[tuple[Path, str]]:
        """Results whose answers do not fit the questionnaire, with the reason in English."""
        return [(Path(x.path), x.text()) for x in self.left_out if x.kind == REJECTED]

    @property
    def people(self) -> int:
        """Distinct people in ``scored``."""
        from kamtrust.engine.group import person_id

        return len({person_id(s.fields.get("id")) for s in self.scored})


def questionnaire_counts(collection: Collection) -> Counter[tuple[str, str]]:
    """Results per (questionnaire id, version)."""
    return Counter((r.questionnaire_id, r.questionnaire_version) for r in collection.results)


def _when(created_at: str) -> str:
    """A text that sorts as the moment ``created_at`` names (UTC, to the microsecond)."""
    if len(created_at) == 20 and created_at[19] == "Z":  # kamtrust's own form, already checked
        return created_at[:19] + ".000000+00:00"
    moment = parse_timestamp(created_at)
    return "" if moment is None else moment.isoformat(timespec="microseconds")


_MADE_WITH = attrgetter("questionnaire_id", "questionnaire_version")
_MADE_WITH_ID, _MADE_WITH_VERSION = attrgetter("questionnaire_id"), attrgetter("questionnaire_version")


def score_collection(
    collection: Collection, *, questionnaire: str | None = None, per_questionnaire: bool = False, lang: str = "en"
) -> list[ScoredSet]:
    """Score every result once, resolving each questionnaire id+version once; keep each
    person's latest complete result per account (see the module's docstring).

    Results of different questionnaires (another id, or another version of the same id) are
    never mixed: without ``per_questionnaire`` that is an error listing what was found.
    ``questionnaire`` (an id or a YAML file) is used for results of its id.
    """
    from kamtrust.questionnaire.registry import resolve, resolve_id

    results = collection.results
    by_key: dict[tuple[str, str], list[int]] = {}
    if len({*map(_MADE_WITH_ID, results)}) == 1 == len({*map(_MADE_WITH_VERSION, results)}):
        by_key[_MADE_WITH(results[0])] = list(range(len(results)))  # one questionnaire, as nearly always
    else:
        for index, made in enumerate(map(_MADE_WITH, results)):
            by_key.setdefault(made, []).append(index)
    counts = Counter({key: len(indexes) for key, indexes in by_key.items()})  # questionnaire_counts
    if not counts:
        raise KamtrustError(
            t(lang, "gx_no_complete")
            + (": " + "; ".join(excluded_lines(collection.left_out, lang)) if collection.left_out else "")
        )
    if len(counts) > 1 and not per_questionnaire:
        raise _mixed(collection, by_key, lang)
    given = resolve(questionnaire) if questionnaire else None
    if given is not None and all(qid != given.id for qid, _ in counts):
        raise KamtrustError(t(lang, "gx_made_with", ids=", ".join(sorted({i for i, _ in counts})), id=given.id))
    sets = []
    for (qid, version), indexes in sorted(by_key.items()):
        notes: list[str] = []
        if given is not None and given.id == qid:
            q = given
        elif (known := collection.questionnaires.get((qid, version))) is not None:
            q = known  # the one that scored them while reading
        else:
            try:
                q = resolve_id(qid, prefer_version=version)
            except KamtrustError as exc:
                raise KamtrustError(
                    f"{len(indexes)} result(s) were made with questionnaire '{qid}', which is not installed "
                    f"here ({exc.headline})",
                    hint="pass its file with --questionnaire PATH",
                ) from None
        if q.version != version:
            key = plural("gx_scored_with", len(indexes))
            notes.append(t(lang, key, n=len(indexes), id=qid, version=version, installed=q.version))
        with no_cycle_collection():
            sets.append(_score_set(q, version, collection, indexes, notes))
    return sets


MIXED_NAMED = 3
"""How many files of each smaller set a "different questionnaires" error names before "and N more"."""


def _mixed(collection: Collection, by_key: dict[tuple[str, str], list[int]], lang: str) -> MixedQuestionnaires:
    """The error for results of several questionnaires: each set with its count, and the files
    of all but the largest (the odd ones out, usually) named, so that they can be found. Every
    value comes from a file: shown with its control characters (a newline too) made visible."""
    largest = max(sorted(by_key), key=lambda k: len(by_key[k]))
    parts, named = [], []
    for key, indexes in sorted(by_key.items()):
        count = t(lang, plural("gx_results", len(indexes)), n=len(indexes))
        if key != largest:
            files = [collection.files[i] for i in indexes]
            named += files
            count += ": " + some_of([visible(f) for f in files], lang, MIXED_NAMED)
        parts.append(f"{visible(key[0])} {visible(key[1])} ({count})")
    return MixedQuestionnaires(t(lang, "gx_mixed", found=", ".join(parts)), hint=t(lang, "gx_mixed_hint"), files=named)


def _ready_profile(
    q: Questionnaire, scored: dict[int, tuple[Result, Questionnaire, Profile, str]]
) -> Callable[[Result], tuple[Profile, str] | None]:
    """A function giving a result's profile scored while reading and when it was made, when it
    was scored with ``q`` or a questionnaire that scores alike (the same signature); None when
    it must be scored."""
    from kamtrust.engine.scoring import signature

    if not scored:
        return lambda r: None
    sig = signature(q)
    alike: dict[int, bool] = {id(q): True}  # by questionnaire: scored with one that scores as q does

    def ready(r: Result) -> tuple[Profile, str] | None:
        entry = scored.get(id(r))
        if entry is None or entry[0] is not r:
            return None
        how = entry[1]
        same = alike.get(id(how))
        if same is None:
            same = alike[id(how)] = signature(how) == sig
        return (entry[2], entry[3]) if same else None

    return ready


def _score_set(
    q: Questionnaire, version: str, collection: Collection, indexes: list[int], notes: list[str]
) -> ScoredSet:
    from kamtrust.engine.group import Scored, person_id
    from kamtrust.engine.scoring import score

    left_out: list[LeftOut] = []
    # (person, account) -> (when, path, Scored): the latest complete result; of equal times the
    # first by path (the files come sorted by path).
    latest: dict[tuple[str, str | None], tuple[str, str, Scored]] = {}
    superseded: list[tuple[str, tuple[str, str | None]]] = []  # (file, person and account)
    ready = _ready_profile(q, collection.scored)
    results, files = collection.results, collection.files
    for index in indexes:
        r = results[index]
        try:
            profile, when = ready(r) or (score(q, r.answers, duration_seconds=r.duration_seconds), "")
        except ValueError:
            from kamtrust.results.answers import answer_problems  # the same problems, in any language

            fit = Reason("joined", parts=tuple(answer_problems(q, r.answers)))
            why = reason("left_not_fit", id=q.id, version=q.version, error=fit)
            left_out.append(LeftOut(files[index], REJECTED, why))
            continue
        if profile.overall is None and _nothing_scored(profile):
            said = reason(plural("left_nothing_scored", len(r.answers)), answered=len(r.answers))
            left_out.append(LeftOut(files[index], INCOMPLETE, said))
            continue
        when = when or _when(r.created_at)
        who = r.participant
        row = Scored(
            {"id": who.id, "name": who.name, "account": who.account, "cohort": who.cohort}, r.answers, profile, when
        )
        key = (person_id(who.id), who.account)  # "ABC-1" and " abc-1": one person
        kept = latest.get(key)
        if kept is None:
            latest[key] = (when, files[index], row)
            continue
        path = files[index]
        if when > kept[0]:
            latest[key] = (when, path, row)
            path = kept[1]  # the one now superseded
        superseded.append((path, key))
    # Each names the file that counts in the end (not one superseded later in turn).
    left_out += [LeftOut(path, EARLIER, reason("left_earlier", kept=latest[key][1])) for path, key in superseded]
    rows = sorted(latest.values(), key=itemgetter(1))
    if len({person for person, _ in latest}) == len(latest):
        scored = [row for _, _, row in rows]  # nobody with two accounts: each person once already
    else:
        scored = _once_per_person(rows, left_out)
    left_out.sort(key=lambda x: x.path)
    return ScoredSet(q, version, scored, left_out, notes)


def _nothing_scored(profile: Profile) -> bool:
    """No factor and no pole has a score."""
    return not any(s.score is not None for s in profile.factors.values()) and not any(
        s.score is not None for s in profile.poles.values()
    )


def _once_per_person(rows: list[tuple[str, str, Scored]], left_out: list[LeftOut]) -> list[Scored]:
    """The results of ``rows`` (when, path, result) that count, each person once in the whole
    summary (:func:`~kamtrust.engine.group.one_per_person`); the others added to ``left_out``.

    Subgroups then never overlap: a total minus the shown subgroups is exactly the hidden ones,
    which is what suppression plans for."""
    from kamtrust.engine.group import one_per_person, person_id

    scored = [row for _, _, row in rows]
    counted = {id(s) for s in one_per_person(scored)}
    if len(counted) == len(scored):
        return scored
    kept_file = {person_id(s.fields.get("id")): path for _, path, s in rows if id(s) in counted}
    left_out += [
        LeftOut(path, OTHER_ACCOUNT, reason("left_other_account", kept=kept_file[person_id(s.fields.get("id"))]))
        for _, path, s in rows
        if id(s) not in counted
    ]
    return [s for s in scored if id(s) in counted]


# ---------------------------------------------------------------- one computer, many names


def shared_id_counts(collection: Collection) -> tuple[int, int]:
    """(results, participant ids): the named results whose id, for one questionnaire, also
    carries another name (compared as ``group compare --match name`` pairs names), so that
    counting by id merges people who may well be different (typed in on one computer)."""
    from kamtrust.engine.group import person_id
    from kamtrust.engine.unpaired import spaced

    # Names as typed first (cheap, 10,000 results in a few ms); normalised only where they differ.
    typed: dict[tuple[str, str, str], list[str]] = {}
    for r in collection.results:
        if r.participant.name and r.participant.id:
            key = (r.questionnaire_id, r.questionnaire_version, person_id(r.participant.id))
            typed.setdefault(key, []).append(r.participant.name)
    results = ids = 0
    for names in typed.values():
        if len(names) > 1 and len(set(names)) > 1:
            found = [n for n in map(spaced, names) if n is not None]
            if len(set(found)) > 1:
                results, ids = results + len(found), ids + 1
    return results, ids


def shared_name_counts(collection: Collection) -> tuple[int, int]:
    """(names, results): the names that, with one account and one questionnaire, appear under
    several participant ids (two sessions' results in one folder, a form and a terminal), so that
    counting by id counts one person several times; and how many results carry them."""
    from kamtrust.engine.group import person_id

    ids: dict[tuple[str, str, str, str], set[str]] = {}
    counts: dict[tuple[str, str, str, str], int] = {}
    for r in collection.results:
        who = r.participant
        if who.name and who.id:
            key = (
                r.questionnaire_id,
                r.questionnaire_version,
                who.name.strip().casefold(),
                (who.account or "").strip().casefold(),
            )
            ids.setdefault(key, set()).add(person_id(who.id))
            counts[key] = counts.get(key, 0) + 1
    shared = [key for key, found in ids.items() if len(found) > 1]
    return len(shared), sum(counts[key] for key in shared)


def people_by_name(collection: Collection) -> Collection:
    """``collection`` with people told apart by normalised name (``--match name``): results with
    the same name are one person, whatever their ids; results without a name keep their id.

    A name found under one id that carries no other name keeps that id (ratings still pair by
    it); any other name gets one id of its own, ``ID#name`` (ID: the first of its ids)."""
    from dataclasses import replace

    from kamtrust.engine.group import person_id
    from kamtrust.engine.unpaired import spaced

    ids_of: dict[str, set[str]] = {}
    names_of: dict[str, set[str]] = {}
    for r in collection.results:
        name, who = spaced(r.participant.name), person_id(r.participant.id)
        if name is not None:
            ids_of.setdefault(name, set()).add(who)
            names_of.setdefault(who, set()).add(name)
    renamed = {
        name: f"{min(ids)}#{name}"
        for name, ids in ids_of.items()
        if len(ids) > 1 or len(names_of[next(iter(ids))]) > 1 or not next(iter(ids))
    }
    if not renamed:
        return collection
    results = []
    for r in collection.results:
        if (new := renamed.get(spaced(r.participant.name) or "")) is not None:
            r = replace(r, participant=replace(r.participant, id=new))
        results.append(r)
    return replace(collection, results=results)
