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
            # An ignored SIGINT is inherited across exec (a test runner's worker may ignore it),
            # and Python then leaves Ctrl-C ignored: give the child the default a terminal gives.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
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
    t.expect("Pulsa un número del 1 al 5, o «a» atrás, «s» saltar, «g» guardar y salir.")
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
    t.expect("¿Guardar y salir? [s/N]")
    t.key("s")
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
    t.question("Pregunta 3 de 50  ·  49 respondidas  ·  saltada antes, 1 de 1", prompt)
    t.key("s")  # skipped again: finish
    t.expect("Perfil de confianza")
    assert t.finish() == 0
    screen = t.screen
    final = Path(re.search(r"Resultado guardado en (\S+\.json)", screen)[1])  # type: ignore[index]
    assert not partial.exists() and re.fullmatch(r"ana_\d{4}-\d\d-\d\d_\d{4}\.json", final.name)  # readable name
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
    t.key("qy")  # save and quit, confirmed
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
    t.key("qy")  # save and quit, confirmed
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
    t.key("\x1b[C\x1bOC5qy")  # right arrow twice (CSI and SS3 forms), answer 5, save and quit, yes
    assert t.finish() == 0
    [partial] = (data_dir / "results").glob("*.partial.json")
    result = read_result(partial)
    assert result.answers == {order[0]: 4, order[1]: 3, order[2]: 4, order[3]: 3, order[5]: 5}
    assert result.session is not None and result.session.skipped == (order[4],)


def test_keys_typed_ahead_then_ctrl_c_are_all_saved(q: Questionnaire, data_dir: Path) -> None:
    """Four answers and Ctrl-C in one write: the four are saved before the interrupt is handled."""
    order = [item.id for item in q.presentation_order]
    t = Terminal("assess", "--lang", "en", lang="en_GB.UTF-8")
    t.question("Question 1 of 50", "Your answer: ")
    t.child.delaybeforesend = None
    t.key("4343\x03")
    assert t.finish() == 130
    [partial] = (data_dir / "results").glob("*.partial.json")
    assert read_result(partial).answers == {order[0]: 4, order[1]: 3, order[2]: 4, order[3]: 3}

    t = Terminal("assess", "--resume", lang="en_GB.UTF-8")
    t.question("Question 5 of 50  ·  4 answered", "Your answer: ")
    t.key("qy")  # save and quit, confirmed
    assert t.finish() == 0


def test_ctrl_z_then_fg_keeps_answering_with_single_keys(q: Questionnaire, data_dir: Path) -> None:
    """In a shell with job control: Ctrl-Z stops with the terminal restored; fg takes key mode again."""
    order = [item.id for item in q.presentation_order]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TTY_COMPATIBLE", "LC_ALL")}
    env.update(LANG="en_GB.UTF-8", TERM="xterm-256color", PS1="$ ", HISTFILE="/dev/null")
    t = Terminal.__new__(Terminal)
    t.log, t.seen = io.StringIO(), 0
    t.child = pexpect.spawn(
        "bash", ["--noprofile", "--norc", "-i"], env=env, cwd=str(ROOT), dimensions=(24, 80), encoding="utf-8",
        timeout=15,
    )  # fmt: skip
    t.child.logfile_read = t.log
    t.expect("$ ")
    t.child.sendline(f"{sys.executable} -m kamtrust assess --lang en")
    t.question("Question 1 of 50", "Your answer: ")
    t.key("4")
    t.question("Question 2 of 50", "Your answer: ")
    t.key("\x1a")  # Ctrl-Z
    t.expect("Stopped")
    t.expect("$ ")
    t.child.sendline("stty -a | grep -o ' icanon' ; fg")  # the shell has its own terminal back
    t.expect(" icanon")
    t.question("Question 2 of 50", "Your answer: ")  # drawn again on continue
    t.key("2")  # a single key, no Enter: key mode is back
    t.question("Question 3 of 50  ·  2 answered", "Your answer: ")
    t.key("qy")  # save and quit, confirmed
    t.expect("Resume with: kamtrust assess --resume")
    t.child.sendline("echo exit=$?")  # fg's status is the job's
    t.expect("exit=0")
    t.child.sendline("exit")
    t.child.expect(pexpect.EOF)
    [partial] = (data_dir / "results").glob("*.partial.json")
    assert read_result(partial).answers == {order[0]: 4, order[1]: 2}


def test_a_second_terminal_is_refused_while_the_first_answers(data_dir: Path) -> None:
    first = Terminal("assess", "--lang", "en", lang="en_GB.UTF-8")
    first.question("Question 1 of 50", "Your answer: ")
    first.key("5")
    first.question("Question 2 of 50", "Your answer: ")
    [partial] = (data_dir / "results").glob("*.partial.json")

    second = Terminal("assess", "--resume", lang="en_GB.UTF-8")
    # A terminal's messages wrap between words: the long path stands on a line of its own.
    second.expect(str(partial))
    second.expect(f"is open in another kamtrust session (process {first.child.pid})")
    assert second.finish() == 4
    first.key("3")
    first.question("Question 3 of 50  ·  2 answered", "Your answer: ")
    first.key("qy")
    assert first.finish() == 0
    assert list(read_result(partial).answers.values()) == [5, 3]


def test_keys_that_are_not_scale_digits_and_a_stray_byte(q: Questionnaire, data_dir: Path) -> None:
    """``²`` ``①`` ``٣`` are refused; a byte from another encoding does not swallow the keys after it."""
    order = [item.id for item in q.presentation_order]
    t = Terminal("assess", "--lang", "en", lang="en_GB.UTF-8")
    t.question("Question 1 of 50", "Your answer: ")
    for key in ("²", "①", "٣"):
        t.key(key)
        t.expect("Press a number from 1 to 5, or b back, s skip, q save and quit.")
    os.write(t.child.child_fd, b"\xf1432")  # a Latin-1 ñ, then three answers typed ahead
    t.question("Question 4 of 50  ·  3 answered", "Your answer: ")
    t.key("\x04")  # Ctrl-D: the end of input, with the answers saved
    assert t.finish() == 1
    assert "Your answers so far are saved in" in t.screen
    [partial] = (data_dir / "results").glob("*.partial.json")
    assert read_result(partial).answers == {order[0]: 4, order[1]: 3, order[2]: 2}


def test_the_name_and_the_key_account_are_asked_in_a_terminal(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")  # 2.0, whose intro names the account
    t = Terminal("assess", lang="es_ES.UTF-8")
    t.expect("Tu nombre (opcional): ")
    t.key("Ana\r")
    t.expect("La cuenta clave en la que vas a pensar (opcional): ")
    t.key("Acme Pharma\r")
    t.expect("«Acme Pharma»")
    t.question("Pregunta 1 de 60", "Tu respuesta: ")
    t.key("4")
    t.question("Pregunta 2 de 60", "Tu respuesta: ")
    t.key("gs")
    assert t.finish() == 0
    [partial] = (data_dir / "results").glob("*.partial.json")
    saved = read_result(partial)
    assert (saved.participant.name, saved.participant.account) == ("Ana", "Acme Pharma")


def test_ctrl_c_at_the_account_prompt_saves_nothing(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")
    t = Terminal("assess", "--name", "Ana", lang="en_US.UTF-8")
    t.expect("The key account you will answer for (optional): ")
    t.child.sendintr()
    assert t.finish() == 130
    assert "Your name" not in t.screen
    assert list((data_dir / "results").glob("*")) == []


def test_a_stray_quit_key_asks_and_a_paste_is_not_a_burst_of_answers(q: Questionnaire, data_dir: Path) -> None:
    """Quit asks first (any other key goes on); a bracketed paste is ignored; Ctrl-C at the question stops."""
    order = [item.id for item in q.presentation_order]
    t = Terminal("assess", "--lang", "en", lang="en_GB.UTF-8")
    t.question("Question 1 of 50", "Your answer: ")
    assert "\x1b[?2004h" in t.log.getvalue()  # bracketed paste on while keys are read
    t.key("q")
    t.expect("Save and quit? [y/N]")
    t.key("n")  # not meant: the same question again
    t.question("Question 1 of 50  ·  0 answered", "Your answer: ")
    t.child.delaybeforesend = None
    t.key("\x1b[200~4343\nq\x1b[201~")  # a paste, as a terminal in bracketed paste mode sends it
    t.expect("Pasted text is ignored: answer one key at a time.")
    t.key("4")
    t.question("Question 2 of 50  ·  1 answered", "Your answer: ")
    t.key("b")
    t.question("current answer: 4 · Enter keeps it", "Your answer: ")
    t.key("\r")  # Enter keeps 4 and goes on
    t.question("Question 2 of 50  ·  1 answered", "Your answer: ")
    t.key("g")
    t.expect("Save and quit? [y/N]")
    t.child.sendintr()  # Ctrl-C still saves and stops at once
    assert t.finish() == 130
    assert t.log.getvalue().rstrip().count("\x1b[?2004l") >= 1  # and off again on the way out
    [partial] = (data_dir / "results").glob("*.partial.json")
    assert read_result(partial).answers == {order[0]: 4}


def test_ctrl_d_at_the_name_prompt_gives_no_advice_meant_for_scripts(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    """A person pressing Ctrl-D is told nothing was saved, not how to answer without a keyboard."""
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")
    t = Terminal("assess", lang="es_ES.UTF-8")
    t.expect("Tu nombre (opcional): ")
    t.key("\x04")
    assert t.finish() == 1
    assert "no se ha guardado nada nuevo" in t.screen
    assert "No hay más entrada" not in t.screen
    assert list((data_dir / "results").glob("*")) == []
