"""Single keypresses from a terminal, without losing keys typed ahead.

Click's ``getchar`` switches the terminal to raw mode for each key with a flush, which throws
away anything typed while the next question was being drawn. Here the terminal stays in cbreak
mode for the whole questionnaire, so keys typed ahead wait in the buffer.

Ctrl-C, Ctrl-\\ and Ctrl-Z arrive as keys too (the terminal's signal keys are off while we
read): the terminal would otherwise send the signal at once and throw away the keys typed before
it. Read in order with the other keys, every key typed before Ctrl-C is answered and saved first.
Ctrl-Z gives the terminal back as it was, stops, and on ``fg`` takes the key mode again.
Bracketed paste mode is on while keys are read (and off on exit, Ctrl-Z and errors): a paste
arrives as one event that the questionnaire ignores, not as a burst of answers.

How bytes become keys is :mod:`kamtrust.interview.keydecode`'s job; this module owns the
terminal: its mode, its signals, and what Ctrl-C, Ctrl-D and Ctrl-Z do to the session.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any

from kamtrust.interview.keydecode import EOF_KEY, INTERRUPT_KEYS, PASTED, SUSPEND_KEY, KeyDecoder

__all__ = ["PASTED", "REDRAW", "TerminalKeys", "TerminalMode", "key_reader"]

REDRAW = "\x12"  # Ctrl-R, "redraw" in many programs; not whitespace, so .strip() keeps it
"""What the reader returns after the process was stopped and continued: draw the question again."""
PASTE_ON, PASTE_OFF = "\x1b[?2004h", "\x1b[?2004l"
PENDING_WAIT = 0.02
"""Seconds to wait for the rest of a sequence: a terminal sends it in one write, a person is slower."""


@contextlib.contextmanager
def key_reader() -> Iterator[Callable[[], str]]:
    """Yield a function that waits for one key. Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        yield _read_windows
        return
    reader = TerminalKeys(sys.stdin.fileno(), getattr(sys.stdin, "encoding", None) or "utf-8")
    with reader.active():
        yield reader.read


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    # sys.platform (not os.name) so that type checkers know msvcrt exists in this branch.
    import msvcrt

    def _read_windows() -> str:
        """One key from the Windows console (which has no modes to set)."""
        ch = msvcrt.getwch()
        if ch == "\x03":
            raise KeyboardInterrupt
        if ch in ("\x04", "\x1a"):
            raise EOFError
        return ch


class TerminalMode:
    """The terminal in key mode (cbreak, signal keys read as keys, pastes bracketed), or as the
    shell gave it."""

    def __init__(self, fd: int) -> None:
        import termios

        self.fd = fd
        self.saved = termios.tcgetattr(fd)
        keys = [*self.saved[:6], list(self.saved[6])]
        keys[3] &= ~(termios.ECHO | termios.ICANON | termios.ISIG)  # cbreak, signal keys read as keys
        keys[6][termios.VMIN], keys[6][termios.VTIME] = 1, 0
        self.keys = keys

    def key_mode(self) -> None:
        """Single keys, no echo, Ctrl-C and Ctrl-Z read as keys."""
        import termios

        termios.tcsetattr(self.fd, termios.TCSANOW, self.keys)  # not TCSAFLUSH: keep keys already typed
        _paste_mode(True)

    def shell_mode(self) -> None:
        """The terminal as it was before (after anything already written is sent)."""
        import termios

        _paste_mode(False)
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def stop(self) -> None:
        """Stop like Ctrl-Z does, with the terminal as the shell gave it; back in key mode on fg."""
        self.shell_mode()
        previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(0, signal.SIGTSTP)  # the whole job, as the terminal would; returns on fg
        finally:
            signal.signal(signal.SIGTSTP, previous)
            self.key_mode()


def _paste_mode(on: bool) -> None:
    """Ask the terminal to bracket pastes, so a paste is not read as keys typed one by one."""
    if sys.stdout is not None and sys.stdout.isatty():
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.write(PASTE_ON if on else PASTE_OFF)
            sys.stdout.flush()


class TerminalSource:
    """The terminal's bytes, one at a time, for :class:`~kamtrust.interview.keydecode.KeyDecoder`."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def byte(self) -> bytes:
        return os.read(self.fd, 1)

    def pending(self) -> bool:
        import select

        return bool(select.select([self.fd], [], [], PENDING_WAIT)[0])


class TerminalKeys:
    """Keys read from a terminal held in key mode, with the session's control keys acted on."""

    def __init__(self, fd: int, encoding: str) -> None:
        self.mode = TerminalMode(fd)
        self.decoder = KeyDecoder(TerminalSource(fd), encoding)
        self.stopped = False
        """Stopped and continued since the last key: the question is drawn again."""

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        """Key mode and our Ctrl-Z/fg handlers while the block runs; the terminal given back after."""
        handlers = {signal.SIGTSTP: self._on_tstp, signal.SIGCONT: self._on_cont}
        previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}
        try:
            self.mode.key_mode()
            yield
        finally:
            self.mode.shell_mode()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def read(self) -> str:
        """The next key; :data:`REDRAW` after a stop. Ctrl-C, Ctrl-\\ interrupt; Ctrl-D, the end of input, end."""
        if self.stopped:
            self.stopped = False
            return REDRAW
        key = self.decoder.next_key()
        if key in ("", EOF_KEY):
            raise EOFError
        if key in INTERRUPT_KEYS:
            raise KeyboardInterrupt
        if key == SUSPEND_KEY:
            self.mode.stop()
            return REDRAW
        return key

    def _suspend(self) -> None:
        self.mode.stop()
        self.stopped = True

    def _on_tstp(self, signum: int, frame: Any) -> None:  # kill -TSTP from elsewhere
        self._suspend()

    def _on_cont(self, signum: int, frame: Any) -> None:  # continued after a SIGSTOP we could not see
        self.mode.key_mode()
