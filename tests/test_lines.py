"""A typed line (name, account, yes/no): what comes back, end of input, and Ctrl-C while waiting."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from kamtrust.interview.lines import read_line

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Standard input on a pseudo-terminal; yields the descriptor a person types into."""
    import pty

    person, program = pty.openpty()
    stream = io.TextIOWrapper(io.FileIO(program, "r", closefd=True), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    yield person
    stream.close()
    os.close(person)


def test_a_piped_line_loses_only_its_line_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Acme Pharma\r\n  Bayer \n"))
    assert read_line() == "Acme Pharma"
    assert read_line() == "  Bayer "
    with pytest.raises(EOFError):
        read_line()


def test_no_standard_input_is_the_end_of_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(EOFError):
        read_line()


@posix
def test_a_line_typed_on_a_terminal(tty: int) -> None:
    os.write(tty, "Compañía Ñ\n".encode())
    assert read_line() == "Compañía Ñ"


@posix
def test_ctrl_c_while_waiting_for_a_line_stops_at_once(tty: int) -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            read_line()
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - start < 5
