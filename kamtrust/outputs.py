"""The output-file policy every ``-o/--out`` follows: an output never destroys anything.

Refused in every command, with or without ``--force``:

- a folder, a named pipe (FIFO), a socket or a device — ``/dev/null`` and ``/dev/full`` too: to
  throw the output away, leave out ``-o`` and redirect standard output;
- a symbolic link, whatever it points to: kamtrust replaces the file it writes (a temporary
  file renamed over it), so it would replace the link, and never writes through one;
- any input file of the same command, however it is spelled (``./x`` and ``x``, another path
  to the same folder, a hard link, a link to it): compared by device and inode.

Only the path's own entry is examined (``lstat``); the path is never opened, so a FIFO cannot
make the command hang. Whether an existing regular file may be replaced stays each command's
rule (``--force`` for most, always for reports), passed in as ``overwrite``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kamtrust.errors import OutputError

EXISTS = "the file exists; choose another name or add --force to overwrite it"


def _kind(mode: int) -> str | None:
    """Why an entry of this mode can never be an output file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder; give a file name"
    if stat.S_ISLNK(mode):
        return (
            "it is a symbolic link; kamtrust never writes through a link, so that the file it points "
            "to cannot be replaced by mistake: give the real file's path, or another name"
        )
    if stat.S_ISFIFO(mode):
        return "it is a named pipe (FIFO), not a file; leave out -o to write to standard output"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return (
            "it is a device, not a file (to discard the output, leave out -o and redirect standard output); "
            "kamtrust only writes regular files"
        )
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a file"
    return "it is not a regular file"


def refuse_special(path: Path) -> None:
    """OutputError when ``path`` exists as anything but a regular file (a link counts as a link)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    reason = _kind(mode)
    if reason is not None:
        raise OutputError(path, reason)


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def refuse_inputs(path: Path, inputs: Iterable[Path | str]) -> None:
    """OutputError when ``path`` is one of ``inputs`` (same device and inode, any spelling)."""
    target = _identity(path)
    if target is None:
        return
    for given in inputs:
        if _identity(given) == target:
            same = "" if str(given) == str(path) else f" ({given})"
            raise OutputError(
                path,
                f"it is an input file of this command{same}; writing there would destroy it: choose another output file",
            )


def check_output(
    path: Path, *, inputs: Iterable[Path | str] = (), overwrite: bool = False, exists_message: str = EXISTS
) -> None:
    """Refuse an output that would destroy something, before any work is done.

    Refused always: a folder, FIFO, socket, device or symbolic link, and any of ``inputs``.
    An existing regular file is refused unless ``overwrite``. Last, a probe checks that the
    folder can be written (creating the folder if needed, as the write would).
    """
    from kamtrust.atomic import check_writable

    refuse_special(path)
    refuse_inputs(path, inputs)
    if not overwrite and os.path.lexists(path):
        raise OutputError(path, exists_message)
    check_writable(path)


def check_output_folder(folder: Path) -> None:
    """Refuse an output folder that exists as anything but a folder (a file, FIFO, device, socket).

    A link to a folder is accepted: new files are created in it, none is replaced through it.
    """
    if not os.path.lexists(folder):
        return
    try:
        mode = os.stat(folder).st_mode
    except OSError as exc:
        raise OutputError(folder, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(mode):
        return
    what = (
        "a file"
        if stat.S_ISREG(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a folder"
    )
    raise OutputError(folder, f"it is {what}; -o takes a folder, where one file per result is written")


def collection_files(collection: Any) -> list[Path]:
    """Every file a group command read or tried to read: results, unfinished ones, left-out ones."""
    return [*collection.paths, *collection.partial, *(path for path, _ in collection.rejected)]


def questionnaire_input(ref: str | None) -> list[Path]:
    """The questionnaire files a command may read, as its inputs: the file ``ref`` names, or,
    for an id (or none: the results' own), every installed questionnaire file (only listed,
    not loaded)."""
    from kamtrust.paths import user_questionnaires_dir
    from kamtrust.questionnaire.registry import builtin_dir, installed_files, looks_like_path

    if ref and looks_like_path(ref):
        return [Path(ref)]
    return [*installed_files(builtin_dir()), *installed_files(user_questionnaires_dir())]


def per_questionnaire_path(out: Path, qid: str, version: str) -> Path:
    """``out`` for one questionnaire among several: NAME-ID-VERSION.SUFFIX, in ``out``'s folder.

    The id and version come from files: only letters, digits, '.', '_' and '-' of them go into
    the name, so a version such as "../../x" stays a name in the output's folder.
    """
    from kamtrust.safetext import filename_part

    return out.with_name(f"{out.stem}-{filename_part(qid)}-{filename_part(version)}{out.suffix}")


def check_group_outputs(
    out: Path | None, sets: Sequence[Any], *, force: bool, inputs: list[Path], questionnaire: str | None
) -> None:
    """A group command's outputs, before anything is written: none is an input, and with
    several sets of results (``--per-questionnaire``) each goes to its own file, new unless
    ``force``. ``sets`` are ScoredSets (a questionnaire, the results' version, the scored)."""
    if out is None:
        return
    inputs = [*inputs, *questionnaire_input(questionnaire)]
    if len(sets) < 2:
        refuse_inputs(out, inputs)
        return
    seen: dict[Path, str] = {}
    for s in sets:
        if not s.scored:
            continue  # nothing is written for it
        target = per_questionnaire_path(out, s.questionnaire.id, s.version)
        which = f"{s.questionnaire.id} {s.version}"
        if target in seen:
            raise OutputError(
                target,
                f"the summaries of {seen[target]} and {which} would both go to this file; "
                "report them separately (select each set of files) instead of --per-questionnaire",
            )
        seen[target] = which
        check_output(target, inputs=inputs, overwrite=force)
