"""Every command in a hostile terminal: ASCII or Latin-1 output, nonsense sizes, a closed pipe.

Each ends with a clear outcome (the output degraded, a warning, or a quiet stop), never exit 3.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kamtrust.cli import app
from kamtrust.cli.terminal import EXIT_CLOSED_PIPE
from kamtrust.questionnaire.model import Questionnaire

from .conftest import BUILTIN, ROOT, all_answers, write_answers
from .groupdata import keyed, write_result
from .test_docs import commands

Run = Callable[..., Any]

# Every command, with arguments that make it print (Spanish where it can: accents, ·, ¿ …).
SWEEP: dict[tuple[str, ...], tuple[str, ...]] = {
    ("assess",): ("--answers", "{answers}", "--lang", "es"),
    ("show",): ("{r1}", "--lang", "es"),
    ("report",): ("{r1}", "-f", "md", "-o", "-", "--lang", "es"),
    ("history",): ("--lang", "es"),
    ("compare",): ("{r1}", "{r2}", "--lang", "es"),
    ("questionnaire", "validate"): (str(BUILTIN),),
    ("questionnaire", "list"): (),
    ("questionnaire", "show"): ("kamtrust-8", "--lang", "es"),
    ("questionnaire", "export"): ("kamtrust-8", "-f", "md", "--lang", "es"),
    ("questionnaire", "guide"): ("--lang", "es"),
    ("group", "summary"): ("{s1}", "--lang", "es"),
    ("group", "compare"): ("{s1}", "{s2}", "--lang", "es"),
    ("group", "report"): ("{s1}", "-f", "md", "--lang", "es"),
    ("group", "roster"): ("{s1}", "--with-names", "--lang", "es"),
    ("import",): ("{csv}", "-o", "{imported}"),
    ("feedback", "form"): ("--role", "client", "--for", "{fb}", "-f", "gforms", "--lang", "es"),
    ("feedback", "import"): ("{fb_csv}", "--for", "{fb}", "--role", "peer", "-o", "{fb_ratings}", "--lang", "es"),
    ("feedback", "report"): ("{fb}", "{fb_ratings}", "--lang", "es"),
    ("feedback", "summary"): ("{fb}", "--ratings", "{fb_ratings}", "--lang", "es"),
}
IDS = [" ".join(c) for c in SWEEP]


@pytest.fixture
def files(tmp_path: Path, q: Questionnaire, data_dir: Path) -> dict[str, str]:
    results = data_dir / "results"
    r1 = write_result(results, q, keyed(q, {"credibility": 5, "proximity": 4}), name="Ana", pid="p1")
    r2 = write_result(results, q, keyed(q, {"credibility": 2}), name="Ana", pid="p1")
    for k, folder in enumerate(("s1", "s2")):
        for n in range(4):
            write_result(tmp_path / folder, q, keyed(q, {"credibility": 1 + (n + k) % 5}), pid=f"p{n}")
    texts = [i.text["es"] for i in q.presentation_order]
    labels = [q.scale.labels[3]["es"]] * len(texts)
    rows = [["Marca temporal", *texts], ["2026-11-23 10:00:00", *labels]]
    (tmp_path / "form.csv").write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows), encoding="utf-8")
    answers = write_answers(tmp_path / "answers.json", all_answers(q, lambda i: 1 + len(i) % 5))
    # Issue 13: a 2.0 result (the version with rater texts) and a peer form's export for it.
    from kamtrust.engine.raters import rater_questionnaire
    from kamtrust.questionnaire.registry import resolve

    q2 = resolve("kamtrust-8@2.0")
    fb = write_result(tmp_path / "fb", q2, all_answers(q2, 4), name="Núria", account="Ibérica")
    peer = [i.text["es"] for i in rater_questionnaire(q2, "peer").presentation_order]
    rows = [["Marca temporal", *peer]] + [[f"2026-11-23 10:0{k}:00", *[labels[0]] * len(peer)] for k in range(3)]
    (tmp_path / "fb.csv").write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows), encoding="utf-8")
    from kamtrust.results.rating import Rating

    done = json.loads(fb.read_text(encoding="utf-8"))
    rating = Rating(
        done["participant"]["id"], "Ibérica", "client", q2.id, q2.version, "es", {"cred2_1": 4}, done["created_at"]
    )
    (tmp_path / "fb-ratings").mkdir()
    (tmp_path / "fb-ratings" / "r.json").write_text(rating.to_json(), encoding="utf-8")
    return {
        "fb": str(fb),
        "fb_csv": str(tmp_path / "fb.csv"),
        "fb_ratings": str(tmp_path / "fb-ratings"),
        "r1": str(r1),
        "r2": str(r2),
        "s1": str(tmp_path / "s1"),
        "s2": str(tmp_path / "s2"),
        "csv": str(tmp_path / "form.csv"),
        "imported": str(tmp_path / "imported"),
        "answers": str(answers),
    }


def argv(command: tuple[str, ...], files: dict[str, str]) -> list[str]:
    return [*command, *(a.format(**files) for a in SWEEP[command])]


def test_the_sweep_covers_every_command() -> None:
    assert set(SWEEP) == set(commands())


@pytest.mark.parametrize("command", SWEEP, ids=IDS)
@pytest.mark.parametrize("charset", ["ascii", "latin-1"])
def test_every_command_on_a_narrow_encoding(command: tuple[str, ...], charset: str, files: dict[str, str]) -> None:
    """Characters the output cannot carry lose their accent or become a look-alike, never a crash."""
    r = CliRunner(charset=charset).invoke(app, argv(command, files), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "Error" not in r.stderr


@pytest.mark.parametrize("command", SWEEP, ids=IDS)
@pytest.mark.parametrize("env", [{"COLUMNS": "0", "LINES": "0"}, {"COLUMNS": "²"}], ids=["zero", "superscript"])
def test_every_command_with_a_nonsense_terminal_size(
    command: tuple[str, ...], env: dict[str, str], files: dict[str, str], run: Run
) -> None:
    r = run(*argv(command, files), env=env)
    assert r.exit_code == 0, r.output
    values = ", ".join(f"{k}={v!r}" for k, v in env.items())
    assert r.stderr.splitlines()[0] == (
        f"Warning: ignoring {values}: not a terminal size (a whole number from 1 to 10000); "
        "using the terminal's own size."
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [*(("COLUMNS", v) for v in ["0", "-5", "abc", "²", "٣", "", "99999", " 80"]), ("LINES", "0"), ("LINES", "-1")],
)
def test_a_nonsense_size_is_ignored_with_a_warning(name: str, value: str, files: dict[str, str], run: Run) -> None:
    r = run("show", files["r1"], "--lang", "en", env={name: value, "LANG": "es_ES.UTF-8"})
    assert r.exit_code == 0
    assert r.stderr.startswith(f"Aviso: se ignora {name}={value!r}: no es un tamaño de terminal")
    assert "Credibility" in r.stdout  # the profile itself, drawn 80 columns wide
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


def test_a_usable_size_is_kept_quietly(files: dict[str, str], run: Run) -> None:
    r = run("show", files["r1"], env={"COLUMNS": "60", "LINES": "1"})
    assert r.exit_code == 0 and r.stderr == ""
    assert max(len(line) for line in r.stdout.splitlines()) <= 60


def test_ascii_output_keeps_the_words_readable(files: dict[str, str]) -> None:
    r = CliRunner(charset="ascii").invoke(app, ["show", files["r1"], "--lang", "es"], catch_exceptions=False)
    assert r.exit_code == 0
    assert r.stdout.startswith("Perfil de confianza - Participante: Ana - ")
    assert "Indice global de confianza" in r.stdout and "\ufffd" not in r.stdout


def test_input_in_another_encoding_is_an_invalid_key_not_a_crash(data_dir: Path) -> None:
    r = CliRunner().invoke(app, ["assess", "--lang", "es"], input=b"\xf1\n4\ng\n", catch_exceptions=False)
    assert r.exit_code == 0
    assert "Pulsa un número del 1 al 5" in r.stdout
    [partial] = (data_dir / "results").glob("*.partial.json")
    assert list(json.loads(partial.read_text(encoding="utf-8"))["answers"].values()) == [4]


# -- real processes: a closed pipe, a C locale -------------------------------------------------


def spawn(args: list[str], *, stdout: Any = subprocess.PIPE, env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "kamtrust", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.slow
@pytest.mark.parametrize("command", SWEEP, ids=IDS)
def test_every_command_into_a_closed_pipe(command: tuple[str, ...], files: dict[str, str]) -> None:
    """``kamtrust … | head -1`` once head has gone: stop quietly, as a process killed by SIGPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        p = spawn(argv(command, files), stdout=write_end)
    finally:
        os.close(write_end)
    stderr = p.stderr.decode("utf-8")
    writes_nothing = command in (("import",), ("feedback", "import"))  # their report goes to stderr
    assert p.returncode == (0 if writes_nothing else EXIT_CLOSED_PIPE), stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr and "Error" not in stderr


@pytest.mark.parametrize(
    "args",
    [["show", "{r1}"], ["questionnaire", "show", "kamtrust-8", "-f", "json"], ["--help"], ["--version"]],
    ids=["rich", "echo", "help", "version"],
)
def test_a_closed_pipe_stops_quietly(args: list[str], files: dict[str, str]) -> None:
    """The fast suite's share of the sweep above: one command drawn by Rich, one printed plainly."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        p = spawn([a.format(**files) for a in args], stdout=write_end)
    finally:
        os.close(write_end)
    assert (p.returncode, p.stderr) == (EXIT_CLOSED_PIPE, b"")


def test_a_closed_pipe_after_assess_keeps_the_result(files: dict[str, str], data_dir: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        p = spawn(["assess", "--answers", files["answers"]], stdout=write_end)
    finally:
        os.close(write_end)
    assert p.returncode == EXIT_CLOSED_PIPE and p.stderr == b""
    assert len(list((data_dir / "results").glob("*.json"))) == 3  # the two fixtures and the new one


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        pytest.param({"LANG": "C", "LC_ALL": "C"}, marks=pytest.mark.slow),
        pytest.param({"PYTHONIOENCODING": "latin-1"}, marks=pytest.mark.slow),
    ],
    ids=["ascii", "C", "latin-1"],
)
def test_a_real_process_on_a_narrow_encoding(env: dict[str, str], files: dict[str, str]) -> None:
    p = spawn(["questionnaire", "show", "kamtrust-8", "--lang", "es"], env=env)
    assert p.returncode == 0, p.stderr
    assert "kamtrust-8 1.0" in p.stdout.decode("latin-1")
    assert p.stderr == b""


def test_the_interview_on_an_ascii_terminal(data_dir: Path) -> None:
    """The interview on an ASCII terminal: accents dropped, the answer saved."""
    p = subprocess.run(
        [sys.executable, "-m", "kamtrust", "assess", "--lang", "es"],
        input=b"4\ng\n",
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        cwd=ROOT,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert b"Pregunta 1 de 50  -  0 respondidas" in p.stdout
    assert b"Tus respuestas hasta ahora estan guardadas en" in p.stderr
    assert p.stdout.isascii()


@pytest.mark.parametrize("resumable", [False, True], ids=["new", "offer"])
def test_standard_input_closed(resumable: bool, run: Run, data_dir: Path) -> None:
    """``kamtrust assess <&-``: no input at all is the end of input, at the offer or the first question."""
    if resumable:
        assert run("assess", "--lang", "en", input="4\nq\n").exit_code == 0
    p = subprocess.run(
        [sys.executable, "-m", "kamtrust", "assess", "--lang", "en"],
        capture_output=True,
        preexec_fn=lambda: os.close(0),  # the child only closes its own standard input
        env=dict(os.environ),
        cwd=ROOT,
        timeout=60,
    )
    assert p.returncode == 1
    assert (
        "No more input. To answer without a keyboard, use: kamtrust assess --answers FILE"
        in (p.stdout + p.stderr).decode()
    )
    assert b"Traceback" not in p.stderr and b"unexpected" not in p.stderr
    # The one answered before is kept; a session that got no answer leaves nothing.
    assert len(list((data_dir / "results").glob("*.partial.json"))) == (1 if resumable else 0)
