"""The command line: a thin Typer layer (``cli/application.py``) over the engine, results and renderers."""

from __future__ import annotations

import sys
from typing import Any

from kamtrust import __version__


def main(argv: list[str] | None = None, prog_name: str = "kamtrust") -> int:
    """Run the CLI and return its exit code (the console script and ``python -m`` call this).

    ``kamtrust --version`` is answered before Typer and the command tree are loaded: it is the
    command people run to check an install, and should cost no more than starting Python.
    """
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        try:
            print(f"kamtrust {__version__}", flush=True)
        except BrokenPipeError:  # the reader has gone: stop quietly, as for every command
            from kamtrust.cli.terminal import EXIT_CLOSED_PIPE, silence_stdout

            silence_stdout()
            return EXIT_CLOSED_PIPE
        return 0
    from kamtrust.cli.application import run

    return run(args, prog_name)


def __getattr__(name: str) -> Any:
    # ``from kamtrust.cli import app`` (tests, tools) loads the application on first use.
    if name == "app":
        from kamtrust.cli.application import app

        return app
    raise AttributeError(f"module 'kamtrust.cli' has no attribute {name!r}")
