"""The streams and terminal settings a command inherits, made safe before it runs.

Whatever the environment says (an ASCII or Latin-1 output, ``COLUMNS=0``, a reader that closes
the pipe early), a command degrades or stops quietly instead of failing with a traceback.
No Rich here: this runs before every command, ``--help`` included.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that stopped early
ERRORS = "kamtrust-degrade"
SIZE_LIMIT = 10_000  # wider or taller than any screen: a typo, and Rich would draw it all
# Characters with no decomposition to ASCII letters, written the way a plain terminal would.
FALLBACK = {
    "·": "-", "–": "-", "—": "-", "−": "-", "─": "-", "━": "-", "│": "|", "┃": "|",
    "‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "…": "...",
    "¿": "", "¡": "", "×": "x", "±": "+/-", "≥": ">=", "≤": "<=", "█": "#", "░": ".",
    "●": "*", "•": "*", "€": "EUR", "º": "o", "ª": "a", "\u00a0": " ",
}  # fmt: skip


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: an accented letter loses its accent, other signs their look-alike."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        plain = FALLBACK.get(ch)
        if plain is None:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            plain = base if base and base.isascii() else "?"
        out.append(plain)
    return "".join(out), exc.end


codecs.register_error(ERRORS, _degrade)


def prepare_streams() -> None:
    """Output in an encoding without every character degrades; undecodable input becomes U+FFFD."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not encoding.startswith("utf"):
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors=ERRORS)  # type: ignore[union-attr]
    # A key or line in another encoding is an invalid answer, not a crash.
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]


def bad_size_variables() -> list[str]:
    """``COLUMNS``/``LINES`` values no terminal has; they are dropped so the real size is used.

    Rich would draw nothing at ``COLUMNS=0`` and fail on ``COLUMNS=²`` (a digit ``int`` refuses).
    """
    dropped = []
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is None:
            continue
        ok = value.isascii() and value.isdigit() and 0 < int(value) <= SIZE_LIMIT
        if not ok:
            del os.environ[name]
            dropped.append(f"{name}={value!r}")
    return dropped


def silence_stdout() -> None:
    """After a closed pipe: send what is still buffered to the null device, so nothing more fails.

    Without it, Python's final flush at exit prints "Exception ignored … BrokenPipeError".
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return  # not a real file (a test runner's buffer): nothing is flushed at exit
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


@contextlib.contextmanager
def paged(console: Any) -> Iterator[None]:
    """What ``console`` prints inside the block, delivered at its end (:func:`deliver`)."""
    with console.capture() as captured:
        yield
    deliver(console, captured.get())


def deliver(console: object, text: str) -> None:
    """``text`` (drawn by ``console``) through the pager when a person reads it in a terminal and
    it is longer than the screen; else straight out (show, history, compare, feedback)."""
    from kamtrust.render.pager import page, pager_command, should_page

    is_terminal = bool(getattr(console, "is_terminal", False))
    height = int(getattr(console, "height", 24))
    if should_page(is_terminal, text, height):
        command = pager_command(os.environ)
        if command is not None and page(text, command):
            return
    sys.stdout.write(text)
    sys.stdout.flush()


def tell(text: str) -> None:
    """A message for a person, on stderr: on a terminal, each long line wrapped between words at
    its width, later lines indented (the terminal itself would cut words, names and paths in
    two); anywhere else, as it is."""
    import textwrap

    import typer

    width = 0
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if sys.stderr.isatty():
            width = os.get_terminal_size(sys.stderr.fileno()).columns
    if width >= 20:
        wrap = textwrap.TextWrapper(width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
        text = "\n".join(wrap.fill(line) if len(line) > width else line for line in text.split("\n"))
    typer.echo(text, err=True)
