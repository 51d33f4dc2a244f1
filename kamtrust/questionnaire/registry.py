"""Find questionnaires by id or path: the built-in ones and those in the user's folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kamtrust.errors import KamtrustError
from kamtrust.inputfile import reason
from kamtrust.localerror import ReasonError
from kamtrust.paths import user_questionnaires_dir
from kamtrust.questionnaire.loader import ID_RE, load_questionnaire
from kamtrust.questionnaire.model import Questionnaire

DEFAULT_ID = "kamtrust-8"
ENV_QUESTIONNAIRE = "KAMTRUST_QUESTIONNAIRE"
"""Optional: the questionnaire used when none is given, e.g. ``kamtrust-8@1.0`` to keep a
programme on one version; with a version, the bare id then also means that version."""
SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """The built-in questionnaires: inside the installed package, or the checkout's top folder."""
    # The package's own folder (installed from a wheel, kamtrust is always a folder on disk):
    # importlib.resources would cost every group summary its import, for the same path.
    packaged = Path(__file__).resolve().parents[1] / "questionnaires"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "questionnaires"


def source_name(q: Questionnaire) -> str:
    """How messages name ``q``: a built-in one by id and version ("kamtrust-8 2.0"), not by its
    install path; a user's file by the path it was given as."""
    if q.source and Path(q.source).parent.resolve() != builtin_dir().resolve():
        return q.source
    return f"{q.id} {q.version}"


@dataclass(frozen=True)
class Entry:
    """A questionnaire file found on disk, loaded or with the reason it would not load."""

    path: Path
    origin: str
    """'built-in' or 'user'."""
    questionnaire: Questionnaire | None
    error: str | None = None
    failure: KamtrustError | None = field(default=None, compare=False)
    """The error itself, so that ``error_in`` can say it in the user's language."""

    def error_in(self, lang: str) -> str | None:
        """``error`` in ``lang`` (its first line: the headline) when the error can say it so."""
        said = getattr(self.failure, "text", None)
        return self.error if said is None else str(said(lang)).split("\n", 1)[0]


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
                entries.append(Entry(path, origin, None, exc.headline, exc))
    return entries


def looks_like_path(ref: str) -> bool:
    """True when ``ref`` names a file rather than a questionnaire id."""
    return ref.endswith(SUFFIXES) or "/" in ref or "\\" in ref or Path(ref).is_file()


VERSION_SEP = "@"


def split_ref(ref: str) -> tuple[str, str | None]:
    """``"kamtrust-8@1.0"`` -> ``("kamtrust-8", "1.0")``; a bare id has no version."""
    qid, sep, version = ref.partition(VERSION_SEP)
    return qid, (version.strip() or None) if sep else None


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for versions: numeric parts compare as numbers ("2.0" < "10.0")."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.replace("-", ".").split("."))


def _with_id(qid: str) -> list[Questionnaire]:
    """Every installed questionnaire whose id is ``qid``, built-in first.

    Files named after the id (``kamtrust-8.yaml``, ``kamtrust-8-2.0.yaml``) are read first; the
    other files are read only when none of those has the id, since a file's name need not be its id.
    """
    found = [q for path in _named_files(qid) if (q := _load_named(path, qid)) is not None and q.id == qid]
    if not found:
        found = [e.questionnaire for e in discover() if e.questionnaire is not None and e.questionnaire.id == qid]
    return found


_VERSION_KEY = re.compile(r"^[\"']?version[\"']?[ \t]*:", re.MULTILINE)
_QUOTED_VERSION = re.compile(r"^version:[ \t]*([\"'])([A-Za-z0-9._-]+)\1[ \t]*(?:#.*)?$", re.MULTILINE)
_MORE_DOCUMENTS = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)


def _stated_version(path: Path) -> str | None:
    """The version a questionnaire file states, when a glance at its text shows it beyond
    doubt (one top-level ``version:`` line, quoted, of plain characters, one document); else None.

    Only used to leave out files of another version: a file this cannot read is loaded."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(_VERSION_KEY.findall(text)) != 1 or _MORE_DOCUMENTS.search(text):
        return None
    match = _QUOTED_VERSION.search(text)
    return match.group(2) if match else None


def _named_version(qid: str, version: str) -> Questionnaire | None:
    """The first questionnaire that :func:`resolve` would find for ``qid`` at ``version`` among
    the files named after the id, reading only those that may be that version; None when none is."""
    for path in _named_files(qid):
        stated = _stated_version(path)
        if stated is not None and stated != version:
            continue
        q = _load_named(path, qid)
        if q is not None and q.id == qid and q.version == version:
            return q
    return None


def _named_files(qid: str) -> Iterator[Path]:
    """The installed files named after ``qid`` (``kamtrust-8.yaml``, ``kamtrust-8-2.0.yaml``), built-in first."""
    for folder in (builtin_dir, user_questionnaires_dir):  # the user's folder only if still looking
        for path in installed_files(folder()):
            if path.stem == qid or path.stem.startswith(qid + "-"):
                yield path


def _load_named(path: Path, qid: str) -> Questionnaire | None:
    """The questionnaire in ``path``; a broken file is passed over (None) unless it is named
    exactly ``qid``, whose problems the user must see."""
    try:
        return load_questionnaire(path)
    except KamtrustError:
        if path.stem == qid:
            raise
        return None


def resolve_id(qid: str, *, prefer_version: str | None = None) -> Questionnaire:
    """The installed questionnaire whose id is ``qid``, an id read from a file (a result's).

    Never a path: a result naming ``../../etc/passwd`` or ``/tmp/x.yaml`` as its questionnaire
    must not make kamtrust open that file. An id has the questionnaire files' own form
    (lower-case letter, then letters, digits, ``-`` or ``_``). ``prefer_version`` as for ``resolve``.
    """
    if not isinstance(qid, str) or not ID_RE.match(qid):
        from kamtrust.safetext import visible

        raise ReasonError(reason("rs_not_an_id", id=visible(str(qid))))
    return resolve(qid, prefer_version=prefer_version)


def resolve(ref: str | None, *, prefer_version: str | None = None) -> Questionnaire:
    """The questionnaire named on the command line by an id (built-in or user folder) or a file path.

    Only what the user typed may be a path; an id read from a file goes through ``resolve_id``.

    An id resolves to its newest installed version (or the one $KAMTRUST_QUESTIONNAIRE pins);
    ``id@version`` (e.g. ``kamtrust-8@1.0``) to that version, or an error listing those
    installed. ``prefer_version`` is for results: the version they were made with when it is
    installed, else as for a bare id.
    """
    pin = os.environ.get(ENV_QUESTIONNAIRE, "").strip()
    from_pin = not ref and bool(pin)
    ref = ref or pin or DEFAULT_ID
    if looks_like_path(ref):
        return load_questionnaire(Path(ref), ref)
    qid, version = split_ref(ref)
    if version is None and prefer_version is not None and not from_pin:
        # A result's version: most often installed, and then only its file need be read.
        found = _named_version(qid, prefer_version)
        if found is not None:
            return found
    candidates = _installed(qid)
    versions = sorted({q.version for q in candidates}, key=version_key)
    if from_pin or version is None:
        # A bare id, or the pin itself (whose version is checked with the pin's own message).
        version = _default_version(qid, versions, prefer_version, pin)
    if version is None:
        # Newest version; among equal versions the first found (built-in before the user folder).
        return max(candidates, key=lambda q: version_key(q.version))
    return _at_version(qid, version, candidates, versions)


def _installed(qid: str) -> list[Questionnaire]:
    """Every installed questionnaire whose id is ``qid``; an error naming the known ids when none is."""
    candidates = _with_id(qid)
    if not candidates:
        known = sorted({e.questionnaire.id for e in discover() if e.questionnaire is not None})
        raise ReasonError(
            reason("rs_not_found", id=qid), reason("rs_not_found_hint", known=", ".join(known) or reason("rs_none"))
        )
    return candidates


def _default_version(qid: str, versions: list[str], prefer_version: str | None, pin: str) -> str | None:
    """The version a bare ``qid`` means: a result's when installed, else the one the pin names for
    ``qid`` (an error when it is not installed); None for the newest."""
    if prefer_version in versions:
        return prefer_version
    pinned = _pinned_version(pin, qid)
    if pinned is not None and pinned not in versions:
        raise ReasonError(
            reason("rs_pin_missing", variable=ENV_QUESTIONNAIRE, pin=pin, id=qid, version=pinned),
            reason("rs_pin_missing_hint", variable=ENV_QUESTIONNAIRE, versions=", ".join(versions)),
        )
    return pinned


def _pinned_version(pin: str, qid: str) -> str | None:
    """The version $KAMTRUST_QUESTIONNAIRE pins for ``qid``: none when it is empty, a path, another
    id, or an id without a version."""
    if not pin or looks_like_path(pin):
        return None
    pin_id, pin_version = split_ref(pin)
    return pin_version if pin_id == qid else None


def _at_version(qid: str, version: str, candidates: list[Questionnaire], versions: list[str]) -> Questionnaire:
    """The first of ``candidates`` at ``version`` (built-in before the user folder); else an error
    listing the ``versions`` installed."""
    for q in candidates:
        if q.version == version:
            return q
    raise ReasonError(
        reason("rs_no_version", id=qid, version=version),
        reason("rs_no_version_hint", versions=", ".join(versions), id=qid, sep=VERSION_SEP),
    )
