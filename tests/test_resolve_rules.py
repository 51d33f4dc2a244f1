"""Which questionnaire an id, ``id@version``, a path or $KAMTRUST_QUESTIONNAIRE names: each rule
of ``resolve``, and the exact refusal `kamtrust questionnaire show` prints when none fits.

Pinned before ``resolve`` was broken up. The user's folder holds a small questionnaire ``mini``
in versions 1.0 and 2.0 beside the built-in kamtrust-8 (1.0 and 2.0).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import KamtrustError
from kamtrust.questionnaire.registry import builtin_dir, resolve

from .test_loader import VALID

Run = Callable[..., Any]
PIN = "KAMTRUST_QUESTIONNAIRE"


@pytest.fixture
def folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's questionnaires: mini 1.0 and 2.0; no pin."""
    monkeypatch.delenv(PIN, raising=False)
    folder = data_dir / "questionnaires"
    folder.mkdir(parents=True)
    add(folder, "mini.yaml", "1.0")
    add(folder, "mini-2.0.yaml", "2.0")
    return folder


def add(folder: Path, name: str, version: str) -> Path:
    path = folder / name
    path.write_text(VALID.replace('version: "1.0"', f'version: "{version}"'), encoding="utf-8")
    return path


def chosen(ref: str | None, pin: str | None = None, prefer: str | None = None) -> str:
    """``id version`` of what ``resolve(ref, prefer_version=prefer)`` returns under ``pin``."""
    mp = pytest.MonkeyPatch()
    try:
        if pin is not None:
            mp.setenv(PIN, pin)
        q = resolve(ref, prefer_version=prefer)
    finally:
        mp.undo()
    return f"{q.id} {q.version}"


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize(
    ("ref", "pin", "prefer", "expected"),
    [
        pytest.param(None, None, None, "kamtrust-8 2.0", id="nothing-is-the-default-id-newest"),
        pytest.param("mini", None, None, "mini 2.0", id="bare-id-newest"),
        pytest.param("mini@1.0", None, None, "mini 1.0", id="id-at-version"),
        pytest.param("mini@", None, None, "mini 2.0", id="empty-version-is-bare"),
        pytest.param("mini@ 1.0 ", None, None, "mini 1.0", id="version-stripped"),
        pytest.param("mini", None, "1.0", "mini 1.0", id="result-version-installed"),
        pytest.param("mini", None, "9.0", "mini 2.0", id="result-version-missing-newest"),
        pytest.param("mini@2.0", None, "1.0", "mini 2.0", id="typed-version-beats-result-version"),
        pytest.param(None, "mini@1.0", None, "mini 1.0", id="pin-is-the-default"),
        pytest.param(None, "mini", None, "mini 2.0", id="pin-without-version-newest"),
        pytest.param("mini", "mini@1.0", None, "mini 1.0", id="pin-gives-the-bare-id-its-version"),
        pytest.param("mini", "mini", None, "mini 2.0", id="pin-without-version-leaves-bare-id"),
        pytest.param("mini@2.0", "mini@1.0", None, "mini 2.0", id="typed-version-beats-pin"),
        pytest.param("kamtrust-8", "mini@1.0", None, "kamtrust-8 2.0", id="pin-of-another-id-ignored"),
        pytest.param("mini", "mini@1.0", "2.0", "mini 2.0", id="result-version-beats-pin"),
        pytest.param("mini", "mini@1.0", "9.0", "mini 1.0", id="pin-when-result-version-missing"),
        pytest.param(None, "mini@1.0", "2.0", "mini 2.0", id="result-version-beats-pin-alone"),
        pytest.param(None, "mini@1.0", "9.0", "mini 1.0", id="pin-alone-when-result-version-missing"),
        pytest.param(None, "mini@7", "2.0", "mini 2.0", id="bad-pin-unread-when-result-version-installed"),
        pytest.param(None, " mini@1.0 ", None, "mini 1.0", id="pin-stripped"),
        pytest.param(None, "  ", None, "kamtrust-8 2.0", id="blank-pin-is-no-pin"),
        pytest.param("mini", "/nowhere/other.yaml", None, "mini 2.0", id="pin-path-ignored-for-an-id"),
    ],
)
def test_which_questionnaire_is_chosen(ref: str | None, pin: str | None, prefer: str | None, expected: str) -> None:
    assert chosen(ref, pin, prefer) == expected


def test_a_path_is_read_as_that_file_with_the_name_as_typed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = add(folder.parent, "elsewhere.yaml", "5.0")
    q = resolve(str(path), prefer_version="1.0")
    assert (q.id, q.version, q.source) == ("mini", "5.0", str(path))
    monkeypatch.setenv(PIN, str(path))
    q = resolve(None)
    assert (q.id, q.version, q.source) == ("mini", "5.0", str(path))


@pytest.mark.usefixtures("folder")
def test_a_pinned_path_is_not_taken_for_a_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PIN, "mini@1.0/x.yaml")  # a path: looks like id@version, is not one
    with pytest.raises(KamtrustError, match="mini@1.0/x.yaml: file not found"):
        resolve(None)
    assert chosen("mini", "mini@1.0/x.yaml") == "mini 2.0"


def test_versions_compare_as_numbers(folder: Path) -> None:
    add(folder, "mini-10.0.yaml", "10.0")
    assert chosen("mini") == "mini 10.0"


def test_of_equal_versions_the_built_in_one_is_chosen(folder: Path) -> None:
    builtin = builtin_dir() / "kamtrust-8.yaml"
    (folder / "kamtrust-8.yaml").write_text(builtin.read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve("kamtrust-8@1.0").source == str(builtin)
    assert resolve("kamtrust-8", prefer_version="1.0").source == str(builtin)


IN_SPANISH = {
    "questionnaire 'nope' not found; known: kamtrust-8, mini. Give a questionnaire id or the path to a "
    ".yaml file (see 'kamtrust questionnaire list').": "no se encuentra el cuestionario 'nope'; conocidos: "
    "kamtrust-8, mini. Indica un id de cuestionario o la ruta de un archivo .yaml (consulta 'kamtrust questionnaire "
    "list').",
    "questionnaire 'mini' has no version 3.0 installed; installed: 1.0, 2.0. Give one of them as "
    "mini@VERSION, or the path to a .yaml file.": "el cuestionario 'mini' no tiene instalada la versión 3.0; "
    "instaladas: 1.0, 2.0. Indica una de ellas como mini@VERSIÓN, o la ruta de un archivo .yaml.",
    "KAMTRUST_QUESTIONNAIRE asks for mini@7, but mini 7 is not installed; installed: 1.0, 2.0. Change or "
    "unset KAMTRUST_QUESTIONNAIRE.": "KAMTRUST_QUESTIONNAIRE pide mini@7, pero mini 7 no está instalado; "
    "instaladas: 1.0, 2.0. Cambia el valor de KAMTRUST_QUESTIONNAIRE o elimina esa variable.",
}
"""The Spanish of each refusal below."""


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize(
    ("ref", "pin", "message"),
    [
        pytest.param(
            "nope",
            None,
            "questionnaire 'nope' not found; known: kamtrust-8, mini. Give a questionnaire id or the path to a "
            ".yaml file (see 'kamtrust questionnaire list').",
            id="unknown-id",
        ),
        pytest.param(
            "nope@1.0",
            None,
            "questionnaire 'nope' not found; known: kamtrust-8, mini. Give a questionnaire id or the path to a "
            ".yaml file (see 'kamtrust questionnaire list').",
            id="unknown-id-at-version",
        ),
        pytest.param(
            "mini@3.0",
            None,
            "questionnaire 'mini' has no version 3.0 installed; installed: 1.0, 2.0. Give one of them as "
            "mini@VERSION, or the path to a .yaml file.",
            id="version-not-installed",
        ),
        pytest.param(
            "mini@3.0",
            "mini@1.0",
            "questionnaire 'mini' has no version 3.0 installed; installed: 1.0, 2.0. Give one of them as "
            "mini@VERSION, or the path to a .yaml file.",
            id="version-not-installed-under-a-pin",
        ),
        pytest.param(
            "mini",
            "mini@7",
            "KAMTRUST_QUESTIONNAIRE asks for mini@7, but mini 7 is not installed; installed: 1.0, 2.0. Change or "
            "unset KAMTRUST_QUESTIONNAIRE.",
            id="bad-pin-for-the-bare-id",
        ),
        pytest.param(
            "mini@",
            "mini@7",
            "KAMTRUST_QUESTIONNAIRE asks for mini@7, but mini 7 is not installed; installed: 1.0, 2.0. Change or "
            "unset KAMTRUST_QUESTIONNAIRE.",
            id="bad-pin-for-an-empty-version",
        ),
        pytest.param(
            "kamtrust-8",
            "nope@1.0",
            None,
            id="pin-of-an-unknown-id-ignored",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_what_questionnaire_show_says_when_none_fits(
    run: Run, monkeypatch: pytest.MonkeyPatch, ref: str, pin: str | None, message: str | None, lang: str
) -> None:
    """The same refusals, in Spanish under --lang es."""
    if pin is not None:
        monkeypatch.setenv(PIN, pin)
    r = run("questionnaire", "show", ref, "--lang", lang, "-f", "json")
    if message is None:
        assert r.exit_code == 0 and r.stderr == ""
        return
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", f"Error: {IN_SPANISH[message] if lang == 'es' else message}\n")


@pytest.mark.usefixtures("folder")
def test_a_bad_pin_alone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PIN, "mini@7")
    with pytest.raises(KamtrustError) as info:
        resolve(None, prefer_version="9.0")
    assert info.value.message == (
        "KAMTRUST_QUESTIONNAIRE asks for mini@7, but mini 7 is not installed; installed: 1.0, 2.0. "
        "Change or unset KAMTRUST_QUESTIONNAIRE."
    )
    monkeypatch.setenv(PIN, "nope@1.0")
    with pytest.raises(KamtrustError, match="^questionnaire 'nope' not found; known: kamtrust-8, mini"):
        resolve(None)
