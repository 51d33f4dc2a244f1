"""The output-file policy every ``-o/--output`` follows: an output never destroys anything.

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
"""Kept for callers that pass it as ``exists_message``: it stands for the catalogue's "out_exists"."""


def refusal(path: Path | str, problem: str, lang: str | None = None) -> OutputError:
    """An OutputError whose whole message is in the message language (``lang``, else the locale's)."""
    from kamtrust.i18n import message_language, t

    error = OutputError(path, problem)
    error.message = t(message_language(lang), "out_cannot_write", path=path, problem=problem)
    return error


def _kind(mode: int) -> str | None:
    """The catalogue key saying why an entry of this mode can never be an output file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "out_folder"
    if stat.S_ISLNK(mode):
        return "out_link"
    if stat.S_ISFIFO(mode):
        return "out_fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "out_device"
    if stat.S_ISSOCK(mode):
        return "out_socket"
    return "out_special"


def refuse_special(path: Path, lang: str | None = None) -> None:
    """OutputError when ``path`` exists as anything but a regular file (a link counts as a link)."""
    from kamtrust.i18n import message_language, t

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise refusal(path, exc.strerror or str(exc), lang) from None
    reason = _kind(mode)
    if reason is not None:
        raise refusal(path, t(message_language(lang), reason), lang)


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def refuse_inputs(path: Path, inputs: Iterable[Path | str], lang: str | None = None) -> None:
    """OutputError when ``path`` is one of ``inputs`` (same device and inode, any spelling)."""
    from kamtrust.i18n import message_language, t

    target = _identity(path)
    if target is None:
        return
    for given in inputs:
        if _identity(given) == target:
            same = "" if str(given) == str(path) else f" ({given})"
            raise refusal(path, t(message_language(lang), "out_input", same=same), lang)


def check_output(
    path: Path,
    *,
    inputs: Iterable[Path | str] = (),
    overwrite: bool = False,
    exists_message: str = EXISTS,
    lang: str | None = None,
) -> None:
    """Refuse an output that would destroy something, before any work is done.

    Refused always: a folder, FIFO, socket, device or symbolic link, and any of ``inputs``.
    An existing regular file is refused unless ``overwrite``. Last, a probe checks that the
    folder can be written (creating the folder if needed, as the write would).
    """
    from kamtrust.atomic import check_writable
    from kamtrust.i18n import message_language, t

    refuse_special(path, lang)
    refuse_inputs(path, inputs, lang)
    if not overwrite and os.path.lexists(path):
        if exists_message == EXISTS:
            exists_message = t(message_language(lang), "out_exists")
        raise refusal(path, exists_message, lang)
    check_writable(path)


def check_output_folder(folder: Path, lang: str | None = None) -> None:
    """Refuse an output folder that exists as anything but a folder (a file, FIFO, device, socket).

    A link to a folder is accepted: new files are created in it, none is replaced through it.
    """
    from kamtrust.i18n import message_language, t

    if not os.path.lexists(folder):
        return
    try:
        mode = os.stat(folder).st_mode
    except OSError as exc:
        raise refusal(folder, exc.strerror or str(exc), lang) from None
    if stat.S_ISDIR(mode):
        return
    what = (
        "out_what_file"
        if stat.S_ISREG(mode)
        else "out_what_fifo"
        if stat.S_ISFIFO(mode)
        else "out_what_device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "out_what_other"
    )
    language = message_language(lang)
    raise refusal(folder, t(language, "out_not_folder", what=t(language, what)), lang)


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
    out: Path | None,
    sets: Sequence[Any],
    *,
    force: bool,
    inputs: list[Path],
    questionnaire: str | None,
    lang: str | None = None,
) -> None:
    """A group command's outputs, before anything is written: none is an input, and with
    several sets of results (``--per-questionnaire``) each goes to its own file, new unless
    ``force``. ``sets`` are ScoredSets (a questionnaire, the results' version, the scored)."""
    if out is None:
        return
    inputs = [*inputs, *questionnaire_input(questionnaire)]
    if len(sets) < 2:
        refuse_inputs(out, inputs, lang)
        return
    seen: dict[Path, str] = {}
    for s in sets:
        if not s.scored:
            continue  # nothing is written for it
        target = per_questionnaire_path(out, s.questionnaire.id, s.version)
        which = f"{s.questionnaire.id} {s.version}"
        if target in seen:
            from kamtrust.i18n import message_language, t

            problem = t(message_language(lang), "out_same_target", first=seen[target], second=which)
            raise refusal(target, problem, lang)
        seen[target] = which
        check_output(target, inputs=inputs, overwrite=force, lang=lang)
