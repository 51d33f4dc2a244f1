"""Arbitrary files as questionnaires, answers and results: a clear error or a valid output, always.

Never a traceback, never a hang, never a changed input file.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kamtrust.cli import app
from kamtrust.engine.scoring import score
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.document import SCHEMA, Participant, build_result, read_result

from .conftest import BUILTIN, ROOT
from .strategies import json_values, mutated, questionnaire_docs, yaml_texts

Q = resolve("kamtrust-8")
QUESTIONNAIRE_DOC = yaml.safe_load(BUILTIN.read_text(encoding="utf-8"))
ANSWERS_DOC = {"language": "en", "answers": {item: 1 + n % 5 for n, item in enumerate(Q.items)}}
RESULT_DOC = build_result(
    Q,
    ANSWERS_DOC["answers"],
    score(Q, ANSWERS_DOC["answers"]),
    language="es",
    participant=Participant("p-1", "Ana", "Acme", "Madrid-2026"),
    created_at="2026-11-23T10:15:00Z",
).to_dict()
TIME_LIMIT = 20  # seconds per command; the work is linear in the (small) inputs


class Hang(BaseException):
    """A command ran past TIME_LIMIT (BaseException: nothing in the CLI may swallow it)."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(*args: str | Path, inputs: tuple[Path, ...]) -> Any:
    """Run the CLI in-process and check what holds for any input: clean end, inputs untouched."""
    before = {p: p.read_bytes() for p in inputs}
    listing = {p.parent: sorted(p.parent.iterdir()) for p in inputs}
    with time_limit(TIME_LIMIT):
        result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), f"exit {result.exit_code}: {output}\n{result.exception!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    if result.exit_code != 0:
        assert result.stderr.strip(), "a failure must say why"
        assert not result.stderr.startswith("Error: unexpected internal error")
    for path, data in before.items():
        assert path.read_bytes() == data, f"{path} was changed"
    for folder, files in listing.items():
        stray = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert not stray, f"temporary files left behind: {stray}"
        assert set(files) <= set(folder.iterdir())
    return result


def as_yaml(value: Any) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True).encode("utf-8")


def as_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def file_bytes(valid_doc: Any) -> st.SearchStrategy[bytes]:
    """Bytes of every kind: random, YAML syntax, any document, or a valid one with a few mutations."""
    return st.one_of(
        st.binary(max_size=400),
        yaml_texts().map(lambda t: t.encode("utf-8", "surrogatepass")),
        json_values().map(as_yaml),
        json_values().map(as_json),
        mutated(valid_doc).map(as_yaml),
        mutated(valid_doc).map(as_json),
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    return tmp_path


# -- questionnaires -----------------------------------------------------------------------------


@given(file_bytes(QUESTIONNAIRE_DOC) | questionnaire_docs().flatmap(mutated).map(as_yaml))
def test_any_file_as_a_questionnaire(folder: Path, data: bytes) -> None:
    path = folder / "in" / "q.yaml"
    path.write_bytes(data)
    answers = folder / "in" / "answers.json"
    answers.write_text(json.dumps(ANSWERS_DOC), encoding="utf-8")

    r = run_cli("questionnaire", "validate", path, inputs=(path,))
    assert (r.exit_code == 0) == ("valid —" in r.stdout)

    r = run_cli("questionnaire", "show", path, "--format", "json", inputs=(path,))
    if r.exit_code == 0:
        assert json.loads(r.stdout)["items"]

    out = folder / "result.json"
    out.unlink(missing_ok=True)
    args = ("assess", "-q", path, "--answers", answers, "-o", out, "--format", "json")
    r = run_cli(*args, inputs=(path, answers))
    if r.exit_code == 0:
        assert read_result(out).to_json() == r.stdout
    else:
        assert not out.exists()


# -- answers files ------------------------------------------------------------------------------


@given(file_bytes(ANSWERS_DOC))
def test_any_file_as_answers(folder: Path, data: bytes) -> None:
    path = folder / "in" / "answers.yaml"
    path.write_bytes(data)
    out = folder / "result.json"
    out.unlink(missing_ok=True)
    r = run_cli("assess", "--answers", path, "-o", out, "--format", "json", inputs=(path,))
    if r.exit_code == 0:
        result = read_result(out)
        assert result.to_json() == r.stdout
        assert result.questionnaire_id == "kamtrust-8"
    else:
        assert not out.exists()


# -- result files -------------------------------------------------------------------------------


@given(file_bytes(RESULT_DOC))
def test_any_file_as_a_result(folder: Path, data: bytes) -> None:
    path = folder / "in" / "result.json"
    path.write_bytes(data)
    r = run_cli("show", path, "--format", "json", inputs=(path,))
    if r.exit_code == 0:
        assert json.loads(r.stdout)["schema"] == SCHEMA
    r = run_cli("show", path, "--lang", "en", inputs=(path,))
    if r.exit_code == 0:
        assert "Trust profile" in r.stdout


# -- hostile inputs, named ----------------------------------------------------------------------


def billion_laughs(prefix: str = "") -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return prefix + "\n".join(("  " if prefix else "") + line for line in lines) + "\n"


@pytest.mark.parametrize("command", ["questionnaire", "answers"])
def test_an_alias_bomb_is_refused_at_once(folder: Path, command: str) -> None:
    path = folder / "in" / "bomb.yaml"
    path.write_text(billion_laughs("answers:\n" if command == "answers" else ""), encoding="utf-8")
    args = ("questionnaire", "validate", path) if command == "questionnaire" else ("assess", "--answers", path)
    with time_limit(10):
        r = run_cli(*args, inputs=(path,))
    assert r.exit_code == 1
    assert "is too large: more than 100,000 values (counting each use of an alias)" in r.stderr


@pytest.mark.slow
def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    # libyaml's composer recursed in C until the interpreter crashed (a segmentation fault), so
    # this runs in a child process.
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kamtrust", "questionnaire", "validate", str(deep)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == f"{deep}: is not valid YAML: nested too deeply\n"


def test_a_lone_surrogate_in_a_result_is_a_clear_error(folder: Path) -> None:
    path = folder / "in" / "result.json"
    doc = json.loads(json.dumps(RESULT_DOC))
    doc["participant"]["name"] = "\ud800"
    path.write_text(json.dumps(doc), encoding="utf-8")  # ASCII: "\ud800" as an escape
    r = run_cli("show", path, inputs=(path,))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {path}: is a damaged kamtrust result: a text holds an invalid \\u escape\n"


def test_a_name_in_another_encoding_is_refused_before_the_questions(folder: Path) -> None:
    answers = folder / "in" / "answers.json"
    answers.write_text(json.dumps(ANSWERS_DOC), encoding="utf-8")
    r = run_cli("assess", "--answers", answers, "--name", "Jos\udce9", inputs=(answers,))
    assert r.exit_code == 2
    assert r.stderr == "Error: --name is not valid UTF-8 text; check your terminal's encoding\n"
