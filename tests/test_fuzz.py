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
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kamtrust.cli import app
from kamtrust.engine.scoring import score
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.document import SCHEMA, Participant, build_result, read_result

from .conftest import BUILTIN, ROOT
from .strategies import json_values, mutated, questionnaire_docs, yaml_texts

# Fuzz runs belong to the whole suite (`pytest`, .ci/run), not the core one (`-m "not slow"`).
pytestmark = pytest.mark.slow

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


def share(divisor: int) -> settings:
    """A share of the profile's examples, for tests that run several commands per example."""
    return settings(max_examples=max(5, settings.default.max_examples // divisor))


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


@share(2)
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
        assert "Participant: Ana" in r.stdout  # the first line of the profile


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


# -- form exports (CSV) -------------------------------------------------------------------------

ORDER = [item.id for item in Q.presentation_order]
HEADER_CELLS = st.one_of(
    st.sampled_from(ORDER),
    st.sampled_from(ORDER).map(lambda i: Q.items[i].text["es"]),
    st.sampled_from(ORDER).map(lambda i: f"{ORDER.index(i) + 1}. {Q.items[i].text['en']}"),
    st.sampled_from(["Timestamp", "Marca temporal", "Nombre", "Name", "Email", "Cohort", "", "cred_1"]),
    st.text(max_size=10),
)
CELLS = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "5", " 4 ", "A veces", "Often", "Siempre o casi siempre"]),
    st.sampled_from(["", "0", "6", "-1", "3.0", "3,5", "NA", "=1+1", '"', '""', "\n", "23/11/2026 10:00"]),
    st.text(max_size=6),
)


@st.composite
def form_exports(draw: st.DrawFn) -> bytes:
    """A form export: a header of item columns (ids, texts, numbered texts) and rows of cells."""
    sep = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(HEADER_CELLS, min_size=1, max_size=55))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 1), max_size=4))

    def line(cells: list[str]) -> str:
        return sep.join('"' + c.replace('"', '""') + '"' if (sep in c or '"' in c or "\n" in c) else c for c in cells)

    text = draw(st.sampled_from(["\n", "\r\n"])).join(line(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, "replace")


@share(2)
@given(form_exports() | st.binary(max_size=300))
def test_any_csv_as_a_form_export(folder: Path, data: bytes) -> None:
    path = folder / "in" / "form.csv"
    path.write_bytes(data)
    out = folder / "imported"
    for extra in ([], ["--sep", ";", "--name-column", "Nombre", "--strict"]):
        r = run_cli("import", path, "-o", out, *extra, inputs=(path,))
        written = sorted(out.glob("*.json")) if out.exists() else []
        if r.exit_code != 0:
            assert written == [] or not extra, "--strict writes nothing when it fails"
        for result_file in written:
            read_result(result_file)  # every file written is a valid result
        if written:
            r = run_cli("group", "summary", out, "--format", "json", "--min-group", "1", inputs=tuple(written))
            assert r.exit_code in (0, 1)
        for result_file in written:
            result_file.unlink()


# -- groups, reports, history -------------------------------------------------------------------


def valid_results(folder: Path, n: int = 3) -> list[Path]:
    paths = []
    for k in range(n):
        answers = {item: 1 + (i + k * 7) % 5 for i, item in enumerate(ORDER)}
        who = Participant(f"p-{k}", f"Name {k}", "Acme", f"Cohort {k % 2}")
        result = build_result(
            Q, answers, score(Q, answers), language="en", participant=who, created_at=f"2026-11-2{k}T10:00:00Z"
        )
        path = folder / f"valid-{k}.json"
        path.write_text(result.to_json(), encoding="utf-8")
        paths.append(path)
    return paths


@share(4)
@given(st.lists(file_bytes(RESULT_DOC), min_size=1, max_size=3))
def test_any_files_in_a_group(folder: Path, files: list[bytes]) -> None:
    group = folder / "in" / "group"
    group.mkdir(exist_ok=True)
    for old in group.iterdir():
        old.unlink()
    inputs = valid_results(group)
    for n, data in enumerate(files):
        path = group / f"fuzz-{n}.json"
        path.write_bytes(data)
        inputs.append(path)
    inputs_ = tuple(inputs)
    r = run_cli("group", "summary", group, "--format", "json", "--min-group", "1", inputs=inputs_)
    if r.exit_code == 0:
        assert json.loads(r.stdout)["total"]["n"] >= 3
    run_cli("group", "summary", group, "--items", "--by", "cohort", "--min-group", "1", inputs=inputs_)
    out = folder / "summary.xlsx"
    out.unlink(missing_ok=True)
    r = run_cli("group", "summary", group, "-o", out, inputs=inputs_)
    assert (r.exit_code == 0) == out.exists()
    run_cli("group", "compare", group, group, "--format", "md", "--min-group", "1", inputs=inputs_)
    r = run_cli("group", "report", group, "--before", group, "--by", "cohort", "--min-group", "1", inputs=inputs_)
    if r.exit_code == 0:
        assert r.stdout.startswith("<!DOCTYPE html>")


@pytest.fixture(scope="module")
def summary_doc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("group")
    valid_results(folder, 4)
    r = CliRunner().invoke(app, ["group", "summary", str(folder), "--format", "json", "--items"])
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@share(4)
@given(data=st.data())
def test_any_file_beside_a_report(folder: Path, summary_doc: Any, data: st.DataObject) -> None:
    (mine,) = valid_results(folder / "in", 1)
    other = folder / "in" / "other.json"
    other.write_bytes(data.draw(file_bytes(RESULT_DOC) | file_bytes(summary_doc)))
    inputs = (mine, other)
    for args in (
        ("report", other, "-f", "md", "-o", "-"),
        ("report", mine, "--against", other, "-f", "md", "-o", "-"),
        ("report", mine, "--compare", other, "-f", "html", "-o", "-"),
        ("compare", other, mine),
        ("show", mine, "--against", other),
    ):
        r = run_cli(*args, inputs=inputs)
        if r.exit_code == 0 and args[0] == "report":
            assert r.stdout.strip()


@share(4)
@given(st.lists(file_bytes(RESULT_DOC), min_size=1, max_size=3), st.booleans())
def test_any_file_in_the_results_folder(data_dir: Path, files: list[bytes], partial: bool) -> None:
    results = data_dir / "results"
    results.mkdir(parents=True, exist_ok=True)
    for old in results.iterdir():
        old.unlink()
    inputs = []
    for n, data in enumerate(files):
        path = results / f"20261123T10000{n}Z-kamtrust-8-00000{n}{'.partial' if partial else ''}.json"
        path.write_bytes(data)
        inputs.append(path)
    run_cli("history", inputs=tuple(inputs))
    r = run_cli("history", "--format", "json", inputs=tuple(inputs))
    if r.exit_code == 0:
        assert isinstance(json.loads(r.stdout), list)
    run_cli("assess", "--resume", inputs=tuple(inputs))
