"""A file error speaks the command's --lang however the option is written and wherever it stands.

The language travels with the command (each --lang records itself in Click's ``ctx.meta``, read by
the error handler), not by parsing the command line again (issue 9 follow-up).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kamtrust.cli.language import META_KEY, requested

Run = Callable[..., Any]
SPANISH_LOCALE = {"LANG": "es_ES.UTF-8"}


@pytest.mark.parametrize(
    "command",
    [
        ["show", "{f}", "--lang=es"],  # the --lang=es form
        ["report", "{f}", "--lang", "es"],  # --lang after the file argument
        ["report", "-l", "es", "{f}"],  # the short form, before the file
        ["report", "{f}", "-les"],  # the short form glued to its value (English before)
        ["compare", "{f}", "{f}", "--lang=es"],  # after two file arguments
        ["feedback", "report", "{f}", "--lang=es"],  # a command of a group
    ],
    ids=" ".join,
)
def test_a_missing_file_is_said_in_the_commands_language(run: Run, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nope.json"
    r = run(*(arg.format(f=missing) for arg in command))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {missing}: no se encuentra el archivo\n"


def test_a_spanish_locale_without_lang_is_enough(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    r = run("show", str(missing), env=SPANISH_LOCALE)
    assert (r.exit_code, r.stderr) == (1, f"Error: {missing}: no se encuentra el archivo\n")


def test_lang_wins_over_the_locale_wherever_it_stands(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    r = run("report", str(missing), "--lang=en", env=SPANISH_LOCALE)
    assert (r.exit_code, r.stderr) == (1, f"Error: {missing}: file not found\n")


def test_the_language_of_one_run_does_not_follow_into_the_next(run: Run, tmp_path: Path) -> None:
    """Each run has its own contexts: the Spanish of the first is not the second's."""
    missing = tmp_path / "nope.json"
    assert run("show", str(missing), "--lang", "es").stderr == f"Error: {missing}: no se encuentra el archivo\n"
    assert run("show", str(missing)).stderr == f"Error: {missing}: file not found\n"


def test_a_file_named_like_the_option_is_a_file_not_a_language(run: Run, tmp_path: Path, monkeypatch: Any) -> None:
    """The command line's own parser decides what is --lang: a file called ``--lang=es`` is a file."""
    monkeypatch.chdir(tmp_path)
    r = run("show", "--", "--lang=es")
    assert (r.exit_code, r.stderr) == (1, "Error: --lang=es: file not found\n")


def test_requested_reads_only_a_recorded_language() -> None:
    assert requested(SimpleNamespace(meta={})) is None
    assert requested(SimpleNamespace(meta={META_KEY: None})) is None
    assert requested(SimpleNamespace(meta={META_KEY: "es"})) == "es"
