"""One typed line, where a Ctrl-C pressed the moment the prompt shows is never lost.

Python's ``input()`` has a window between printing the prompt and blocking in ``read()``: a
Ctrl-C that lands there only sets a flag, and ``read()`` then waits for Enter with the interrupt
pending (seen about once in 30 runs of a test that presses Ctrl-C as soon as the prompt shows).
On a terminal we wait for the line with ``select`` in short slices instead; each slice returns to
Python, which raises the pending KeyboardInterrupt within a fraction of a second.
"""

from __future__ import annotations

import select
import sys

__all__ = ["read_line"]

WAKE = 0.1
"""Seconds between looks at a pending Ctrl-C while the person types."""


def read_line() -> str:
    """The next line of standard input without its newline.

    Ctrl-C raises KeyboardInterrupt; end of input (Ctrl-D, a closed or exhausted standard input)
    raises EOFError, as ``input()`` does.
    """
    stream = sys.stdin
    if stream is None:  # standard input closed (``<&-``)
        raise EOFError
    if sys.platform != "win32" and stream.isatty():
        fd = stream.fileno()
        while not select.select([fd], [], [], WAKE)[0]:
            pass  # back in Python between slices: a pending Ctrl-C is raised here
    line = stream.readline()
    if not line:
        raise EOFError
    return line.removesuffix("\n").removesuffix("\r")
