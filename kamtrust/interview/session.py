"""The interactive questionnaire: one item at a time, back, skip, save and quit.

The state is saved through ``on_change`` after every key that changes it, so Ctrl-C, a
closed terminal or a crash loses nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from kamtrust.i18n import t
from kamtrust.interview.draw import Screen, prompt
from kamtrust.interview.keys import PASTED, REDRAW
from kamtrust.interview.state import InterviewState, Outcome
from kamtrust.questionnaire.model import Questionnaire

if TYPE_CHECKING:
    from kamtrust.render.console import Console, Style


class SaveAndQuit(Exception):
    """The person chose to stop; their answers are saved."""


def run_interview(
    q: Questionnaire,
    lang: str,
    state: InterviewState,
    console: Console,
    style: Style,
    on_change: Callable[[InterviewState], None],
    *,
    rater: bool = False,
) -> None:
    """Ask until every item is answered or skipped. Raises SaveAndQuit, KeyboardInterrupt, EOFError.

    ``rater``: a rating is saved only when finished, so the quit key says "quit (nothing saved)".
    """
    lo, hi = q.scale.min, q.scale.max
    if sys.stdin is None:  # started with standard input closed (``<&-``): there is nothing to read
        raise EOFError
    # Single keypresses need a real terminal and a scale whose points are single digits.
    if sys.stdin.isatty() and hi <= 9 and lo >= 0:
        from kamtrust.interview.keys import key_reader

        reader: AbstractContextManager[Callable[[], str] | None] = key_reader()
    else:
        reader = nullcontext(None)
    with reader as read_key:
        screen = Screen(console, style, q, lang, single_key=read_key is not None, rater=rater)
        while (position := state.position()) is not None:
            screen.question(state, position)
            while True:
                key = prompt(console, read_key, t(lang, "prompt")).strip()
                if key == REDRAW:  # continued after Ctrl-Z: show the question again
                    break
                if key == PASTED:  # a paste is not a burst of answers
                    screen.warn("paste_ignored")
                    continue
                outcome = state.press(key, lo, hi)
                if outcome is Outcome.MOVED:
                    break
                if outcome is Outcome.QUIT:
                    if read_key is not None and not _confirm_quit(console, read_key, lang, rater):
                        break  # a stray key: show the question again
                    on_change(state)
                    raise SaveAndQuit
                screen.warn(outcome)
            if key != REDRAW:
                on_change(state)


def _confirm_quit(console: Console, read_key: Callable[[], str] | None, lang: str, rater: bool = False) -> bool:
    """Whether the person meant to stop: one key ends the session, so ask (Ctrl-C still stops at once)."""
    key = prompt(console, read_key, t(lang, "fb_confirm_quit" if rater else "confirm_quit")).strip().lower()
    return key == t(lang, "confirm_yes")
