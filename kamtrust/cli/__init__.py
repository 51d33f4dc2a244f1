"""The command line: a thin Typer layer (``cli/application.py``) over the engine, results and renderers."""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, NoReturn

from kamtrust import __version__

_HELD: list[object] = []
"""What the command holds until the process ends (:func:`hold`)."""
_EXITING = [False]
"""True while :func:`script` runs a command: the process ends with it."""


def main(argv: list[str] | None = None, prog_name: str = "kamtrust", *, exiting: bool = False) -> int:
    """Run the CLI and return its exit code (the console script and ``python -m`` call this).

    ``kamtrust --version`` is answered before Typer and the command tree are loaded: it is the
    command people run to check an install, and should cost no more than starting Python.
    ``exiting``: the process ends right after (:func:`script`), so what commands :func:`hold`
    is never let go.
    """
    _EXITING[0] = exiting
    try:
        return _main(sys.argv[1:] if argv is None else argv, prog_name)
    except KeyboardInterrupt:
        # Ctrl-C before the command tree exists (while Python loads it): the commands' own
        # message and exit code, in the locale's language since --lang is not parsed yet.
        return _interrupted()
    finally:
        _EXITING[0] = False


def hold(data: object) -> None:
    """In the console script, keep ``data`` (thousands of results) until the process ends, out
    of the cycle collector's sight (``gc.freeze``: call it while the collector is paused), so
    that they are neither freed one object at a time nor walked again before the output is
    written (about 45 ms after a summary of 10,000 results). Anywhere else (tests, tools that
    call :func:`main` or the application), it does nothing."""
    if _EXITING[0]:
        _HELD.append(data)
        gc.freeze()


def script() -> NoReturn:
    """The ``kamtrust`` command (console script and ``python -m``): :func:`main`, then exit at once.

    Python's own exit frees every object one by one: after a summary of 10,000 results that is
    about 30 ms spent on memory the system takes back whole. Every file the commands write is
    written, synced and closed before they return, so only the standard streams need a flush.
    """
    code = main(exiting=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader gone (the commands already said so) or a closed stream
            pass
    os._exit(code)


def _interrupted() -> int:
    """Say "Interrupted." on stderr in the locale's language; the exit code for Ctrl-C."""
    try:
        from kamtrust.i18n import message_language, t

        print("\n" + t(message_language(None), "interrupted"), file=sys.stderr, flush=True)
    except (BrokenPipeError, KeyboardInterrupt):  # no one left to tell, or a second Ctrl-C
        pass
    return 130


def _main(args: list[str], prog_name: str) -> int:
    """``main`` once Ctrl-C is handled: ``--version`` at once, else the Typer application."""
    if args == ["--version"]:
        try:
            print(f"kamtrust {__version__}", flush=True)
        except BrokenPipeError:  # the reader has gone: stop quietly, as for every command
            from kamtrust.cli.terminal import EXIT_CLOSED_PIPE, silence_stdout

            silence_stdout()
            return EXIT_CLOSED_PIPE
        return 0
    from kamtrust.cli.language import written
    from kamtrust.i18n import ask_for

    ask_for(written(args))  # the help, written as the commands are built, follows --lang too
    from kamtrust.cli.application import run

    return run(args, prog_name)


def __getattr__(name: str) -> Any:
    # ``from kamtrust.cli import app`` (tests, tools) loads the application on first use.
    if name == "app":
        from kamtrust.cli.application import app

        return app
    raise AttributeError(f"module 'kamtrust.cli' has no attribute {name!r}")
