"""Single keypresses from a terminal, without losing keys typed ahead.

Click's ``getchar`` switches the terminal to raw mode for each key with a flush, which throws
away anything typed while the next question was being drawn. Here the terminal stays in cbreak
mode for the whole questionnaire, so keys typed ahead wait in the buffer.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

# Arrow keys as terminals send them: left goes back, right skips.
ARROWS = {"\x1b[D": "<", "\x1bOD": "<", "\x1b[C": ">", "\x1bOC": ">"}


@contextlib.contextmanager
def key_reader() -> Iterator[Callable[[], str]]:
    """Yield a function that waits for one key. Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
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
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)

    def pending() -> bool:
        return bool(select.select([fd], [], [], 0.02)[0])

    def read() -> str:
        first = os.read(fd, 1)
        if not first or first == b"\x04":
            raise EOFError
        data = first
        if first == b"\x1b" and pending():  # an escape sequence: read up to its final byte
            data += os.read(fd, 1)
            if data.endswith(b"O"):  # SS3: one more byte
                data += os.read(fd, 1)
            elif data.endswith(b"["):  # CSI: parameters, then a byte from @ to ~
                while len(data) < 16:
                    data += os.read(fd, 1)
                    if 0x40 <= data[-1] <= 0x7E:
                        break
            text = data.decode("ascii", "replace")
            return ARROWS.get(text, text)
        if first[0] >= 0xC0:  # the rest of a UTF-8 character (e.g. ñ)
            extra = 1 if first[0] < 0xE0 else 2 if first[0] < 0xF0 else 3
            data += os.read(fd, extra)
        return data.decode("utf-8", "replace")

    try:
        tty.setcbreak(fd, termios.TCSANOW)  # not TCSAFLUSH: keep keys already typed
        yield read
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
