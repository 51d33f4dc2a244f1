"""Three things a trainer tripped on: a date the calendar does not have, a folder that does not
exist, and a session compared with itself."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, write_result

Run = Callable[..., Any]


def one_line(text: str) -> str:
    """stderr as one line (the terminal wraps long messages)."""
    return " ".join(text.split())


@pytest.fixture
def session(q: Questionnaire, tmp_path: Path) -> Path:
    """A folder with four people's results."""
    d = tmp_path / "s1"
    for n in range(4):
        write_result(d, q, keyed(q, {}), pid=f"p{n}")
    return d


# ---------------------------------------------------------------- a date that does not exist


@pytest.mark.parametrize(
    ("value", "lang", "said"),
    [
        ("31/11/2026", "es", "Error: --since '31/11/2026' no es una fecha que exista: noviembre de 2026 tiene 30 días"),
        ("31/11/2026", "en", "Error: --since '31/11/2026' is not a real date: November 2026 has 30 days"),
        ("2026-02-29", "es", "Error: --since '2026-02-29' no es una fecha que exista: febrero de 2026 tiene 28 días"),
        ("30/02/2028", "en", "Error: --since '30/02/2028' is not a real date: February 2028 has 29 days"),
        ("32/01/2026", "en", "Error: --since '32/01/2026' is not a real date: January 2026 has 31 days"),
        ("2026-13-01", "en", "Error: --since '2026-13-01' is not a real date"),
        ("31/13/2026", "es", "Error: --since '31/13/2026' no es una fecha que exista"),
        ("0/5/2026", "es", "Error: --since '0/5/2026' no es una fecha que exista"),
    ],
)
def test_a_date_the_calendar_does_not_have_is_named_so(
    run: Run, session: Path, value: str, lang: str, said: str
) -> None:
    r = run("group", "summary", str(session), "--since", value, "--lang", lang)
    assert r.exit_code == 2
    assert one_line(r.stderr) == said


def test_a_date_not_written_as_one_still_gets_the_format(run: Run, session: Path) -> None:
    r = run("group", "summary", str(session), "--until", "mañana", "--lang", "es")
    assert r.exit_code == 2
    assert one_line(r.stderr) == (
        "Error: --until 'mañana' no es una fecha: escríbela como DD/MM/AAAA (23/11/2026) o AAAA-MM-DD (2026-11-23)"
    )


def test_the_last_day_of_a_month_is_accepted(run: Run, session: Path) -> None:
    r = run("group", "summary", str(session), "--until", "29/02/2028", "-f", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr


# ---------------------------------------------------------------- a folder that does not exist


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "Error: {missing} no existe: no hay ninguna carpeta ni archivo con ese nombre\n"),
        ("en", "Error: {missing} does not exist: there is no folder or file with that name\n"),
    ],
)
@pytest.mark.parametrize("command", ["summary", "report"])
def test_a_misspelled_folder_is_said_not_to_exist(run: Run, tmp_path: Path, lang: str, said: str, command: str) -> None:
    missing = f"{tmp_path / 'resultados'}/"
    r = run("group", command, missing, "--lang", lang)
    assert (r.exit_code, r.stderr) == (1, said.format(missing=missing))


def test_several_missing_and_an_empty_folder_are_told_apart(run: Run, tmp_path: Path) -> None:
    empty, a, b = tmp_path / "empty", tmp_path / "a", tmp_path / "b"
    empty.mkdir()
    r = run("group", "summary", str(a), str(b), "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: these do not exist (there is no folder or file with those names): {a}, {b}\n",
    )
    r = run("group", "summary", str(empty), str(a), "--lang", "es")
    assert (r.exit_code, one_line(r.stderr)) == (
        1,
        f"Error: no se han encontrado archivos de resultado en: {empty}; "
        f"{a} no existe: no hay ninguna carpeta ni archivo con ese nombre",
    )
    # An existing folder that holds no result is still "nothing found", as before.
    r = run("group", "summary", str(empty), "--lang", "es")
    assert (r.exit_code, r.stderr) == (1, f"Error: no se han encontrado archivos de resultado en: {empty}\n")


def test_a_missing_after_session_is_named(run: Run, session: Path, tmp_path: Path) -> None:
    missing = tmp_path / "s2"
    r = run("group", "compare", str(session), str(missing), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr.endswith(f"Error: {missing} no existe: no hay ninguna carpeta ni archivo con ese nombre\n")


# ---------------------------------------------------------------- a session compared with itself


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            "Error: antes ({b}) y después ({a}) son exactamente los mismos archivos: una sesión comparada "
            "consigo misma no muestra ningún cambio. Indica la carpeta de cada sesión",
        ),
        (
            "en",
            "Error: before ({b}) and after ({a}) are the very same files: a session compared with itself "
            "shows no change. Give the folder of each session",
        ),
    ],
)
@pytest.mark.parametrize("way", ["same", "slash", "link", "hardlinks"])
def test_a_session_compared_with_itself_is_refused(
    run: Run, session: Path, tmp_path: Path, lang: str, said: str, way: str
) -> None:
    after = str(session)
    if way == "slash":
        after += "/"
    elif way == "link":
        (tmp_path / "link").symlink_to(session)
        after = str(tmp_path / "link")
    elif way == "hardlinks":  # another folder, the very same files (found only once both are read)
        (tmp_path / "hl").mkdir()
        for f in session.iterdir():
            os.link(f, tmp_path / "hl" / f.name)
        after = str(tmp_path / "hl")
    r = run("group", "compare", str(session), after, "--lang", lang, "-f", "json")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert one_line(r.stderr) == said.format(b=session, a=after)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "warning: 1 file is in both sessions (before and after)", "warning: 2 files are in both sessions"),
        (
            "es",
            "aviso: 1 archivo está en las dos sesiones (antes y después)",
            "aviso: 2 archivos están en las dos sesiones",
        ),
    ],
)
def test_sessions_that_share_files_are_warned_of(
    run: Run, q: Questionnaire, session: Path, tmp_path: Path, lang: str, one: str, two: str
) -> None:
    after = tmp_path / "s2"
    for n in range(4):
        write_result(after, q, keyed(q, {}), pid=f"p{n}")
    shared = sorted(session.iterdir())
    os.link(shared[0], after / "shared0.json")
    r = run("group", "compare", str(session), str(after), "--lang", lang, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert one in r.stderr.splitlines()
    os.link(shared[1], after / "shared1.json")
    r = run("group", "compare", str(session), str(after), "--lang", lang, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert f"{two} ({'antes y después' if lang == 'es' else 'before and after'})" in r.stderr.splitlines()


def test_two_different_sessions_get_no_warning(run: Run, q: Questionnaire, session: Path, tmp_path: Path) -> None:
    after = tmp_path / "s2"
    for n in range(4):
        write_result(after, q, keyed(q, {}), pid=f"p{n}")
    r = run("group", "compare", str(session), str(after), "--lang", "en", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert "both sessions" not in r.stderr
