"""Long text through the user's pager, only when a person reads it in a terminal.

Never when the output is piped or redirected; ``$PAGER`` when set (an empty value turns paging
off), else ``less`` when installed, else no pager at all.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping


def pager_command(env: Mapping[str, str]) -> list[str] | None:
    """The pager to run, or None: ``$PAGER`` when set, else ``less``, else nothing.

    less is always told ``-R``: a person's own ``$LESS`` (``-X``, ``-i``) would otherwise show
    the colours as raw escape codes."""
    if "PAGER" in env:
        try:
            words = shlex.split(env["PAGER"])
        except ValueError:
            return None
        if not words or words[0] == "cat" or not shutil.which(words[0]):
            return None
    else:
        found = shutil.which("less")
        if not found:
            return None
        words = [found]
    if os.path.basename(words[0]) == "less" and "-R" not in words[1:]:
        words.append("-R")
    return words


def should_page(is_terminal: bool, text: str, height: int) -> bool:
    """Page only a terminal's output that is longer than the screen."""
    return is_terminal and text.count("\n") > height - 1


def page(text: str, command: list[str]) -> bool:
    """Show ``text`` through ``command``; False when the pager could not run (print it instead)."""
    env = dict(os.environ)
    # Colours pass through less; it leaves the text on screen when it ends.
    env.setdefault("LESS", "-RX")
    env.setdefault("LESSCHARSET", "utf-8")  # the text is UTF-8 whatever the locale says
    try:
        subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
    except OSError:
        return False
    return True
