"""Golden outputs: whole documents and screens compared with the files in tests/golden/.

A dropped, reordered or reworded section fails here with a unified diff. When a change is
meant, regenerate the files and review their diff before committing:

    KAMTRUST_UPDATE_GOLDEN=1 pytest tests/test_golden.py

The inputs are fixed (answers, participant ids, dates); the generation time and the tool's
version are pinned, so nothing is masked.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kamtrust
from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, build_result

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KAMTRUST_UPDATE_GOLDEN") == "1"
GENERATED_AT = "2026-03-20T10:00:00Z"
VERSION = "0.0.0+golden"

Run = Callable[..., Any]


def check_golden(name: str, actual: str) -> None:
    """``actual`` must equal tests/golden/``name``; with KAMTRUST_UPDATE_GOLDEN=1 it becomes it."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    how = "regenerate with: KAMTRUST_UPDATE_GOLDEN=1 pytest tests/test_golden.py (and review the diff)"
    if not path.exists():
        pytest.fail(f"{path} is missing; {how}", pytrace=False)
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"tests/golden/{name} (expected)",
            f"{name} (this run)",
        )
        pytest.fail(f"output differs from tests/golden/{name}; {how}\n{''.join(diff)}", pytrace=False)


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """The document's time stamp and the tool's version are the same on every run."""
    import kamtrust.results.document as document

    monkeypatch.setattr(document, "now_utc", lambda: GENERATED_AT)
    monkeypatch.setattr(kamtrust, "__version__", VERSION)


def _answers(q: Questionnaire, seed: int) -> dict[str, int]:
    """A varied, deterministic answer for every item (1..5), some items skipped for seed 4."""
    answers = {item: 1 + (k * 7 + seed * 3 + (k * seed) % 4) % 5 for k, item in enumerate(q.items)}
    if seed == 4:
        for item in list(answers)[::9]:
            del answers[item]
    return answers


def _write(folder: Path, q: Questionnaire, seed: int, *, cohort: str, day: int, shift: int = 0) -> None:
    answers = _answers(q, seed)
    if shift:
        answers = {i: min(5, v + shift) if k % 2 else v for k, (i, v) in enumerate(answers.items())}
    participant = Participant(f"person-{seed:02d}", f"Person {seed}", "Acme", cohort)
    stamp = f"2026-03-{day:02d}T09:{seed:02d}:00Z"
    result = build_result(q, answers, score(q, answers), language="en", participant=participant, created_at=stamp)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"person-{seed:02d}.json").write_text(result.to_json(), encoding="utf-8")


@pytest.fixture
def sessions(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    """Ten people in two cohorts before; after, North's five again, two of South's and three new."""
    before, after = tmp_path / "before", tmp_path / "after"
    for seed in range(10):
        _write(before, q, seed, cohort="North" if seed < 5 else "South", day=2)
    for seed in [*range(7), 10, 11, 12]:
        _write(after, q, seed, cohort="North" if seed < 5 else "South", day=16, shift=1)
    return before, after


def test_group_summary_json(run: Run, sessions: tuple[Path, Path]) -> None:
    r = run("group", "summary", str(sessions[0]), "--by", "cohort", "--items", "-f", "json", "-l", "en")
    assert r.exit_code == 0, r.stderr
    check_golden("group-summary.json", r.stdout)


def test_group_compare_json(run: Run, sessions: tuple[Path, Path]) -> None:
    r = run("group", "compare", str(sessions[0]), str(sessions[1]), "--by", "cohort", "-f", "json", "-l", "en")
    assert r.exit_code == 0, r.stderr
    check_golden("group-compare.json", r.stdout)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_group_summary_table(run: Run, sessions: tuple[Path, Path], lang: str) -> None:
    r = run("group", "summary", str(sessions[0]), "-l", lang)
    assert r.exit_code == 0, r.stderr
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    check_golden(f"group-summary.{lang}.txt", r.stdout)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("details", [False, True], ids=["glance", "details"])
def test_show_profile(
    run: Run, q: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, details: bool
) -> None:
    # A relative file name: the hints at the end name it, and a temporary path's length would
    # change how they wrap.
    _write(tmp_path, q, 3, cohort="North", day=14)
    monkeypatch.chdir(tmp_path)
    r = run("show", "person-03.json", "-l", lang, *(["--details"] if details else []))
    assert r.exit_code == 0, r.stderr
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    check_golden(f"show{'-details' if details else ''}.{lang}.txt", r.stdout)
