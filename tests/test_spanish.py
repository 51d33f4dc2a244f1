"""Every participant command with ``--lang es`` speaks Spanish (issue 10 §5): a sweep for English."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .conftest import all_answers, write_answers

Run = Callable[..., Any]
DUMP = os.environ.get("KAMTRUST_SWEEP_DUMP")
"""A file to write every output to, to read them by eye."""

# Common English words that are not Spanish words (not "a", "no", "has", "me", "he", "son").
ENGLISH = frozenset(
    "the and your you is are of with this that not to from saved file files answered result results warning note "
    "it be was were which on or for more at there nothing discard discarded unfinished anyway compare people "
    "account accounts assessment assessments line lines found cannot questionnaire scores score strengths "
    "levers notes highest lowest keep share details level band bands".split()
)
# Commands, options and paths are not sentences: they stay as typed.
NOT_WORDS = re.compile(r"(kamtrust(\s+[a-z]+)*)|(--?[a-z][-a-z]*)|(\S*/\S*)|(\S+\.(json|html|md))")


def english_words(text: str) -> list[str]:
    cleaned = NOT_WORDS.sub(" ", text)
    return sorted({w for w in re.findall(r"[A-Za-z]+", cleaned) if w.lower() in ENGLISH})


@pytest.fixture
def saved(run: Run, q: Questionnaire, tmp_path: Path) -> dict[str, Path]:
    """Two finished results for Acme, one for Beta, and an unfinished one, all in Spanish."""
    files: dict[str, Path] = {}
    for name, value, account in (("one", 3, "Acme"), ("two", 4, "Acme"), ("beta", 2, "Beta")):
        answers = all_answers(q, value)
        if name == "two":
            answers = {k: (5 if n % 3 else 4) for n, k in enumerate(answers)}
            del answers[next(iter(answers))]
        f = write_answers(tmp_path / f"{name}-answers.json", answers)
        out = tmp_path / f"{name}.json"
        assert run("assess", "--answers", str(f), "--lang", "es", "--account", account, "-o", str(out)).exit_code == 0
        files[name] = out
    assert run("assess", "--answers", str(files["two"]), "--lang", "es", "--account", "Acme").exit_code == 0
    assert run("assess", "--lang", "es", "--account", "Gamma", input="4\n2\ng\n").exit_code == 0
    return files


def sweep(saved: dict[str, Path], tmp_path: Path) -> list[tuple[list[str], str | None]]:
    one, two, beta = (str(saved[k]) for k in ("one", "two", "beta"))
    return [
        (["show"], None),
        (["show", "--details"], None),
        (["show", "1"], None),
        (["show", two, "--details"], None),
        (["show", "9"], None),
        (["show", str(tmp_path / "nope.json")], None),
        (["show", str(beta.replace("beta", "beta-answers"))], None),
        (["compare", str(tmp_path / "nope.json"), "1"], None),
        (["history"], None),
        (["compare", one, two], None),
        (["compare", two, one], None),
        (["compare", one, beta], None),
        (["compare", one, beta, "--force"], None),
        (["report", two, "--compare", one, "-o", str(tmp_path / "r.html")], None),
        (["report", two, "--compare", beta, "-o", str(tmp_path / "x.html")], None),
        (["history", "--discard", "1"], "n\n"),
        (["history", "--discard", "2", "--yes"], None),
        (["assess", "--account", "Gamma"], "n\ng\n"),
        (["assess", "--account", "Delta"], "s\ng\n"),
        (["assess", "--account", "Delta"], "5\ng\n"),
    ]


def test_every_participant_command_speaks_spanish(run: Run, saved: dict[str, Path], tmp_path: Path) -> None:
    found = {}
    for args, typed in sweep(saved, tmp_path):
        r = run(*args, "--lang", "es", input=typed)
        if DUMP:
            with open(DUMP, "a", encoding="utf-8") as f:
                f.write(f"===== {args}\n{r.stdout}{r.stderr}")
        words = english_words(r.stdout + r.stderr)
        if words:
            found[" ".join(args[:2])] = words
    assert found == {}


def test_the_detector_finds_english() -> None:
    assert english_words("Result saved to /tmp/x.json") == ["Result", "saved", "to"]
    assert english_words("Resultado guardado en /tmp/the file.json; usa kamtrust show --details") == []


def test_the_stored_document_is_not_a_sentence(run: Run, saved: dict[str, Path]) -> None:
    # --format json is data for scripts: its keys stay as the schema names them.
    r = run("show", str(saved["one"]), "--format", "json", "--lang", "es")
    assert json.loads(r.stdout)["language"] == "es"
