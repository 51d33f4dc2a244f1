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
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any

# Arrow keys as terminals send them: left goes back, right skips.
ARROWS = {"\x1b[D": "<", "\x1bOD": "<", "\x1b[C": ">", "\x1bOC": ">"}
REDRAW = "\x12"  # Ctrl-R, "redraw" in many programs; not whitespace, so .strip() keeps it
"""What ``read`` returns after the process was stopped and continued: draw the question again."""
PASTED = "\x1b[200~"
"""What ``read`` returns for a whole paste (bracketed paste mode): one event, never a burst of answers."""
PASTE_END = b"\x1b[201~"
PASTE_ON, PASTE_OFF = "\x1b[?2004h", "\x1b[?2004l"
INTERRUPT_KEYS = (b"\x03", b"\x1c")  # Ctrl-C, Ctrl-\\
SUSPEND_KEY = b"\x1a"  # Ctrl-Z


@contextlib.contextmanager
def key_reader() -> Iterator[Callable[[], str]]:  # noqa: C901, PLR0915
    """Yield a function that waits for one key. Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
    # sys.platform (not os.name) so that type checkers know msvcrt exists in this branch.
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        def read_windows() -> str:
            ch = msvcrt.getwch()
            if ch == "\x03":
                raise KeyboardInterrupt
            if ch in ("\x04", "\x1a"):
                raise EOFError
            return ch

        yield read_windows
        return

    import select
    import termios

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    keys = [*saved[:6], list(saved[6])]
    keys[3] &= ~(termios.ECHO | termios.ICANON | termios.ISIG)  # cbreak, signal keys read as keys
    keys[6][termios.VMIN], keys[6][termios.VTIME] = 1, 0
    stopped = False

    def paste_mode(on: bool) -> None:
        """Ask the terminal to bracket pastes, so a paste is not read as keys typed one by one."""
        if sys.stdout is not None and sys.stdout.isatty():
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.write(PASTE_ON if on else PASTE_OFF)
                sys.stdout.flush()

    def key_mode() -> None:
        termios.tcsetattr(fd, termios.TCSANOW, keys)  # not TCSAFLUSH: keep keys already typed
        paste_mode(True)

    def shell_mode() -> None:
        paste_mode(False)
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def suspend() -> None:
        """Stop like Ctrl-Z does, with the terminal as the shell gave it; back in key mode on fg."""
        nonlocal stopped
        shell_mode()
        previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(0, signal.SIGTSTP)  # the whole job, as the terminal would; returns on fg
        finally:
            signal.signal(signal.SIGTSTP, previous)
            key_mode()
            stopped = True

    def on_tstp(signum: int, frame: Any) -> None:  # kill -TSTP from elsewhere
        suspend()

    def on_cont(signum: int, frame: Any) -> None:  # continued after a SIGSTOP we could not see
        key_mode()

    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    held = bytearray()  # a byte read too far, kept for the next key

    def pending() -> bool:
        return bool(held) or bool(select.select([fd], [], [], 0.02)[0])

    def byte() -> bytes:
        if held:
            return bytes([held.pop(0)])
        return os.read(fd, 1)

    def read() -> str:  # noqa: C901, PLR0912
        nonlocal stopped
        if stopped:
            stopped = False
            return REDRAW
        first = byte()
        if not first or first == b"\x04":
            raise EOFError
        if first in INTERRUPT_KEYS:
            raise KeyboardInterrupt
        if first == SUSPEND_KEY:
            suspend()
            stopped = False
            return REDRAW
        data = first
        if first == b"\x1b" and pending():  # an escape sequence: read up to its final byte
            data += byte()
            if data.endswith(b"O"):  # SS3: one more byte
                data += byte()
            elif data.endswith(b"["):  # CSI: parameters, then a byte from @ to ~
                while len(data) < 16:
                    data += byte()
                    if 0x40 <= data[-1] <= 0x7E:
                        break
            text = data.decode("ascii", "replace")
            if text == PASTED:  # everything up to the end of the paste is one event
                tail = b""
                while not tail.endswith(PASTE_END):
                    nxt = byte()
                    if not nxt:
                        raise EOFError
                    tail = (tail + nxt)[-len(PASTE_END) :]
            return ARROWS.get(text, text)
        if not utf8:  # a one-byte terminal encoding (Latin-1 …): one byte is one key
            return first.decode(encoding, "replace")
        if first[0] >= 0xC0:  # the rest of a UTF-8 character (e.g. ñ), only if it is one
            for _ in range(1 if first[0] < 0xE0 else 2 if first[0] < 0xF0 else 3):
                if not pending():
                    break
                nxt = byte()
                if not 0x80 <= nxt[0] <= 0xBF:  # not a continuation: the next key, kept for later
                    held.extend(nxt)
                    break
                data += nxt
        return data.decode("utf-8", "replace")

    handlers = {signal.SIGTSTP: on_tstp, signal.SIGCONT: on_cont}
    previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}
    try:
        key_mode()
        yield read
    finally:
        shell_mode()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
