"""Find questionnaires by id or path: the built-in ones and those in the user's folder."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kamtrust.errors import KamtrustError
from kamtrust.paths import user_questionnaires_dir
from kamtrust.questionnaire.loader import ID_RE, load_questionnaire
from kamtrust.questionnaire.model import Questionnaire

DEFAULT_ID = "kamtrust-8"
SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """The built-in questionnaires: inside the installed package, or the checkout's top folder."""
    packaged = Path(str(files("kamtrust"))) / "questionnaires"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "questionnaires"


@dataclass(frozen=True)
class Entry:
    """A questionnaire file found on disk, loaded or with the reason it would not load."""

    path: Path
    origin: str
    """'built-in' or 'user'."""
    questionnaire: Questionnaire | None
    error: str | None = None


def installed_files(folder: Path) -> list[Path]:
    """The questionnaire files (``.yaml``/``.yml``) in ``folder``, sorted; none when it is missing."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def discover() -> list[Entry]:
    """Every questionnaire file, built-in first; invalid ones carry their error."""
    entries = []
    for origin, folder in (("built-in", builtin_dir()), ("user", user_questionnaires_dir())):
        for path in installed_files(folder):
            try:
                entries.append(Entry(path, origin, load_questionnaire(path)))
            except KamtrustError as exc:
                entries.append(Entry(path, origin, None, exc.message.splitlines()[0]))
    return entries


def looks_like_path(ref: str) -> bool:
    """True when ``ref`` names a file rather than a questionnaire id."""
    return ref.endswith(SUFFIXES) or "/" in ref or "\\" in ref or Path(ref).is_file()


def resolve(ref: str | None) -> Questionnaire:
    """The questionnaire named on the command line: an id (built-in or user folder) or a file path.

    Only what the user typed may be a path; an id read from a file goes through ``resolve_id``.
    """
    ref = ref or DEFAULT_ID
    if looks_like_path(ref):
        return load_questionnaire(Path(ref), ref)
    return _by_id(ref)


def resolve_id(qid: str) -> Questionnaire:
    """The installed questionnaire whose id is ``qid``, an id read from a file (a result's).

    Never a path: a result naming ``../../etc/passwd`` or ``/tmp/x.yaml`` as its questionnaire
    must not make kamtrust open that file. An id has the questionnaire files' own form
    (lower-case letter, then letters, digits, ``-`` or ``_``).
    """
    if not isinstance(qid, str) or not ID_RE.match(qid):
        from kamtrust.safetext import visible

        raise KamtrustError(
            f"'{visible(qid)}' is not a questionnaire id (a lower-case letter, then letters, digits, '-' or '_')"
        )
    return _by_id(qid)


def _by_id(ref: str) -> Questionnaire:
    for folder in (builtin_dir(), user_questionnaires_dir()):
        for path in installed_files(folder):
            if path.stem == ref:
                return load_questionnaire(path)
    # A file's name need not be its id: look inside.
    known = []
    for entry in discover():
        if entry.questionnaire is not None:
            if entry.questionnaire.id == ref:
                return entry.questionnaire
            known.append(entry.questionnaire.id)
    raise KamtrustError(
        f"questionnaire '{ref}' not found; known: {', '.join(sorted(set(known))) or 'none'}. "
        "Give a questionnaire id or the path to a .yaml file (see 'kamtrust questionnaire list')."
    )
