"""The language a command was asked for, where the error handler can read it.

Every ``--lang`` option records its value in Click's ``ctx.meta``, the dictionary shared by every
context of one run (the root's, a group's, the command's): the root's error handler then shows
an error in the command's language without parsing the command line again. The option's
placement and spelling (``--lang es``, ``--lang=es``, ``-l es``, before or after the file
arguments) are Click's business, already settled when the value arrives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

META_KEY = "kamtrust.lang"


def remember(ctx: Any, param: Any, value: Any) -> Any:
    """A ``--lang`` option's callback: record the value (None when not given) for the whole run."""
    ctx.meta[META_KEY] = value
    return value


def listen(param: Any) -> None:
    """Make ``param`` (a ``--lang`` option) record its value, after any callback it already has."""
    if param.callback is None:
        param.callback = remember
        return
    own = param.callback

    def both(ctx: Any, p: Any, value: Any) -> Any:
        return remember(ctx, p, own(ctx, p, value))

    param.callback = both


def written(args: Sequence[str]) -> str | None:
    """The first ``--lang`` value in ``args`` as typed (``--lang es``, ``--lang=es``, ``-l es``,
    ``-les``): the language for an error Click raises before it has read the option itself."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--lang", "-l"):
            return args[i + 1] if i + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg.startswith("-l") and not arg.startswith("--"):
            return arg[2:]
    return None


def requested(ctx: Any) -> str | None:
    """The ``--lang`` the command was given, or None (none given, or the command has no --lang)."""
    value = ctx.meta.get(META_KEY)
    return value if isinstance(value, str) else None
