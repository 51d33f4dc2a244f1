"""Shared fixtures: a clean, plain, 80-column environment and a private data folder per test."""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from kamtrust.cli import app
from kamtrust.cli import assess as assess_module
from kamtrust.i18n import locale_language
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import builtin_dir, resolve

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = builtin_dir() / "kamtrust-8.yaml"
"""Version 1.0 of the built-in questionnaire (2.0 is kamtrust-8-2.0.yaml)."""
V1 = "kamtrust-8@1.0"
"""Selects version 1.0 where a test needs its items: the bare id resolves to the newest version."""


_build_command = typer.testing._get_command
_commands: dict[str | None, Any] = {}


def _command_built_once(typer_app: Any) -> Any:
    """kamtrust's command tree, built once per help language instead of on every invoke.

    Typer's CliRunner rebuilds the whole tree on each call (every option's annotations evaluated
    again: a third of the suite's time). What the build depends on is the locale's language (help
    texts and placeholders come from ``h``), read when CliRunner builds it, before ``env=`` applies:
    the same key here. Any other Typer app is built as before."""
    if typer_app is not app:
        return _build_command(typer_app)
    lang = locale_language()
    if lang not in _commands:
        _commands[lang] = _build_command(typer_app)
    return _commands[lang]


def _fsync_without_waiting(fd: int) -> None:
    """``os.fsync`` for in-process tests: a bad descriptor fails as before; no wait for the disk.

    No test can tell a flushed file from a cached one (none cuts the power), and every answer
    typed is an atomic write with two fsyncs: thousands a run, each waiting milliseconds for
    every other job's writes on a shared machine. Tests that make fsync fail patch it themselves;
    real processes (test_terminal, test_temporaries, …) still flush."""
    os.fstat(fd)


@pytest.fixture(autouse=True, scope="session")
def _fast_test_process() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", _command_built_once)
        patch.setattr(os, "fsync", _fsync_without_waiting)
        yield


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No colour, no terminal tricks, a fixed width and language, and a data folder per test."""
    for var in ("FORCE_COLOR", "NO_COLOR", "GITHUB_ACTIONS", "CLICOLOR_FORCE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("KAMTRUST_DATA_DIR", str(tmp_path / "data"))
    # Most tests were written against 1.0: pin it; tests of the default version unset this.
    monkeypatch.setenv("KAMTRUST_QUESTIONNAIRE", V1)
    monkeypatch.setenv("TZ", "UTC")  # form timestamps are local times: make "local" fixed
    time.tzset()
    # A test types faster than anyone reads: by default time runs as for a calm reader (30 s a
    # key), so that `too_fast` appears only in the tests that fake a fast session.
    ticks = itertools.count(0.0, 30.0)
    monkeypatch.setattr(assess_module, "CLOCK", lambda: next(ticks))


@pytest.fixture(scope="session")
def q() -> Questionnaire:
    """The built-in questionnaire's version 1.0, which most tests were written against."""
    return resolve(V1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``typed("Ana", "4")``: the lines a person types at kamtrust's line prompts (name, account,
    answers without a terminal), then Ctrl-C."""
    from kamtrust.interview import lines

    def install(*texts: str) -> None:
        keys = iter(texts)

        def read_line() -> str:
            try:
                return next(keys)
            except StopIteration:
                raise KeyboardInterrupt from None

        monkeypatch.setattr(lines, "read_line", read_line)

    return install


@pytest.fixture
def run() -> Callable[..., Any]:
    """Invoke the CLI in-process: ``run("assess", "--answers", f, input="...")``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


GONE = object()
"""In :func:`edited`, a change that removes the key."""


def edited(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of ``doc`` with keys replaced (``total__n`` reaches inside ``total``) or removed (GONE)."""
    import copy

    out = copy.deepcopy(doc)
    for key, value in changes.items():
        *parents, last = key.split("__")
        target = out
        for parent in parents:
            target = target[parent]
        if value is GONE:
            del target[last]
        else:
            target[last] = value
    return out


def all_answers(q: Questionnaire, value: int | Callable[[str], int]) -> dict[str, int]:
    """An answer for every item: a constant, or a function of the item id."""
    return {i: value(i) if callable(value) else value for i in q.items}


def write_answers(path: Path, answers: dict[str, Any], **extra: Any) -> Path:
    path.write_text(json.dumps({"answers": answers, **extra}), encoding="utf-8")
    return path


# Hypothesis: a bounded, reproducible run by default (CI, plain `pytest`); a long one on demand
# with `pytest --hypothesis-profile=long`. The per-test data folder is shared by a test's examples.
_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH
)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=_HEALTH)
settings.load_profile("ci")
