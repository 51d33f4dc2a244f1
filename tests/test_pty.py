"""The interactive assessment in a real pseudo-terminal, driven key by key as a person would."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import read_result

from .conftest import ROOT

pexpect = pytest.importorskip("pexpect")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """One ``kamtrust`` process in an 80x24 terminal; ``screen`` is everything it showed."""

    def __init__(self, *args: str, lang: str) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TTY_COMPATIBLE", "LC_ALL")}
        env.update(LANG=lang, TERM="xterm-256color")
        self.log = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "kamtrust", *args],
            env=env,
            cwd=str(ROOT),
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=15,
        )
        self.child.logfile_read = self.log
        self.seen = 0

    @property
    def screen(self) -> str:
        return ANSI.sub("", self.log.getvalue()).replace("\r\n", "\n")

    def expect(self, text: str) -> None:
        """Wait until ``text`` shows (colours and styles ignored) after what was already seen."""
        while (found := self.screen.find(text, self.seen)) < 0:
            try:
                self.child.read_nonblocking(4096, timeout=15)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pytest.fail(f"never showed {text!r}; the screen ends with:\n{self.screen[-800:]}")
        self.seen = found + len(text)

    def question(self, heading: str, prompt: str) -> None:
        """Wait for a question and its prompt: a key typed before the prompt is not read as one."""
        self.expect(heading)
        self.expect(prompt)

    def key(self, key: str) -> None:
        self.child.send(key)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, f"killed by signal {self.child.signalstatus}"
        return int(self.child.exitstatus)


def test_answer_go_back_skip_interrupt_resume_and_finish(q: Questionnaire, data_dir: Path) -> None:
    order = [item.id for item in q.presentation_order]
    prompt = "Tu respuesta: "

    # 1. Spanish from the locale. Answer, go back and change, skip, go back with the neutral key,
    #    skip with the neutral key, answer, press a wrong key, then Ctrl-C.
    t = Terminal("assess", "--name", "Ana", lang="es_ES.UTF-8")
    t.expect("Pregunta 1 de 50  ·  0 respondidas")
    t.expect(prompt)
    t.key("4")
    t.question("Pregunta 2 de 50", prompt)
    t.key("5")
    t.question("Pregunta 3 de 50", prompt)
    t.key("a")  # atrás
    t.expect("Pregunta 2 de 50  ·  2 respondidas")
    t.expect("respuesta actual: 5")
    t.expect(prompt)
    t.key("2")
    t.question("Pregunta 3 de 50", prompt)
    t.key("s")  # saltar
    t.question("Pregunta 4 de 50", prompt)
    t.key("<")
    t.expect("Pregunta 3 de 50")
    t.expect(prompt)
    t.key(">")
    t.question("Pregunta 4 de 50", prompt)
    t.key("3")
    t.question("Pregunta 5 de 50", prompt)
    t.key("9")
    t.expect("Pulsa un número del 1 al 5, o a atrás, s saltar, g guardar y salir.")
    t.child.sendintr()
    assert t.finish() == 130
    screen = t.screen
    assert "1-5 responder · a atrás · s saltar · g guardar y salir" in screen
    partial = Path(re.search(r"guardadas en (\S+\.partial\.json)", screen)[1])  # type: ignore[index]
    assert "Para continuar: kamtrust assess --resume" in screen
    assert partial.parent == data_dir / "results"
    saved = read_result(partial)
    assert saved.status == "partial" and saved.language == "es"
    assert saved.answers == {order[0]: 4, order[1]: 2, order[3]: 3}
    assert saved.session is not None
    assert (saved.session.cursor, saved.session.skipped) == (4, (order[2],))

    # 2. The next run offers to resume; answer questions 5 to 20, then save and quit with 'g'.
    expected = dict(saved.answers)
    t = Terminal("assess", lang="es_ES.UTF-8")
    t.expect("(3 de 50 respondidas)")
    t.expect("¿Continuarla? [S/n]")
    t.child.sendline("")
    t.expect("Continuando la autoevaluación empezada el")
    for n in range(5, 21):
        t.question(f"Pregunta {n} de 50", prompt)
        value = 1 + n % 5
        t.key(str(value))
        expected[order[n - 1]] = value
    t.question("Pregunta 21 de 50", prompt)
    t.key("g")  # guardar y salir
    assert t.finish() == 0
    assert "Pregunta 5 de 50  ·  3 respondidas" in t.screen
    assert "Para continuar: kamtrust assess --resume" in t.screen
    assert read_result(partial).answers == expected

    # 3. --resume goes straight on; answer the rest and see the profile.
    t = Terminal("assess", "--resume", lang="es_ES.UTF-8")
    for n in range(21, 51):
        t.question(f"Pregunta {n} de 50", prompt)
        value = 1 + (n * 3) % 5
        t.key(str(value))
        expected[order[n - 1]] = value
    t.expect("Perfil de confianza")
    assert t.finish() == 0
    screen = t.screen
    final = Path(re.search(r"Resultado guardado en (\S+\.json)", screen)[1])  # type: ignore[index]
    assert not partial.exists() and final.name == partial.name.replace(".partial.json", ".json")
    result = read_result(final)
    assert result.status == "complete" and result.language == "es"
    assert result.participant.name == "Ana"
    assert result.answers == expected and order[2] not in result.answers
    assert "Pregunta 21 de 50  ·  19 respondidas" in screen and "Pregunta 50 de 50" in screen
    assert "Índice global de confianza" in screen and "Participante: Ana" in screen


def test_the_language_chosen_is_the_one_on_screen(data_dir: Path) -> None:
    t = Terminal("assess", "--lang", "en", lang="es_ES.UTF-8")
    t.expect("Question 1 of 50  ·  0 answered")
    t.expect("1-5 answer · b back · s skip · q save and quit")
    t.expect("Your answer: ")
    t.key("5")
    t.question("Question 2 of 50", "Your answer: ")
    t.key("q")
    assert t.finish() == 0
    assert "Your answers so far are saved in" in t.screen
    (partial,) = (data_dir / "results").glob("*.partial.json")
    saved = read_result(partial)
    assert saved.language == "en" and len(saved.answers) == 1


def test_a_killed_session_loses_no_answer(q: Questionnaire, data_dir: Path) -> None:
    order = [item.id for item in q.presentation_order]
    t = Terminal("assess", "--lang", "en", lang="en_GB.UTF-8")
    for n, key in enumerate("524", start=1):
        t.question(f"Question {n} of 50", "Your answer: ")
        t.key(key)
    t.question("Question 4 of 50", "Your answer: ")
    t.child.kill(signal.SIGKILL)  # no handler runs: what is on disk is all there is
    t.child.expect(pexpect.EOF)
    t.child.close()
    (partial,) = (data_dir / "results").glob("*.partial.json")
    assert read_result(partial).answers == {order[0]: 5, order[1]: 2, order[2]: 4}
    assert [p.name for p in partial.parent.iterdir() if p.name.endswith(".tmp")] == []

    t = Terminal("assess", "--resume", lang="en_GB.UTF-8")
    t.question("Question 4 of 50  ·  3 answered", "Your answer: ")
    t.key("q")
    assert t.finish() == 0


def test_keys_typed_ahead_and_arrow_keys_are_not_lost(q: Questionnaire, data_dir: Path) -> None:
    """A fast typist (or a paste) answers several questions at once; arrows go back and skip."""
    order = [item.id for item in q.presentation_order]
    t = Terminal("assess", "--lang", "en", lang="en_US.UTF-8")
    t.question("Question 1 of 50", "Your answer: ")
    t.child.delaybeforesend = None
    t.key("4343")  # one write: four answers before any question is drawn
    t.question("Question 5 of 50", "Your answer: ")
    t.key("\x1b[D")  # left arrow: back to question 4
    t.question("Question 4 of 50", "current answer: 3")
    t.key("\x1b[C\x1bOC5q")  # right arrow twice (CSI and SS3 forms), answer 5, save and quit
    assert t.finish() == 0
    [partial] = (data_dir / "results").glob("*.partial.json")
    result = read_result(partial)
    assert result.answers == {order[0]: 4, order[1]: 3, order[2]: 4, order[3]: 3, order[5]: 5}
    assert result.session is not None and result.session.skipped == (order[4],)
