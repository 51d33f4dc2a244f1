"""The interactive questionnaire: one item at a time, back, skip, save and quit.

The state is saved through ``on_change`` after every key that changes it, so Ctrl-C, a
closed terminal or a crash loses nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from kamtrust.cli.keys import PASTED, REDRAW
from kamtrust.i18n import action_for, keys, t
from kamtrust.questionnaire.model import Item, Questionnaire, localize
from kamtrust.render.console import Style, print_indented


class SaveAndQuit(Exception):
    """The person chose to stop; their answers are saved."""


@dataclass
class InterviewState:
    """Answers so far and the position in the presentation order."""

    order: tuple[Item, ...]
    answers: dict[str, int] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    cursor: int = 0

    @property
    def done(self) -> bool:
        return self.cursor >= len(self.order)

    @property
    def current(self) -> Item:
        return self.order[self.cursor]

    def answer(self, value: int) -> None:
        item = self.current
        self.answers[item.id] = value
        self.skipped.discard(item.id)
        self.cursor += 1

    def skip(self) -> None:
        # Skipping a question answered earlier keeps that answer: nothing typed is lost.
        item = self.current
        if item.id not in self.answers:
            self.skipped.add(item.id)
        self.cursor += 1

    def back(self) -> bool:
        if self.cursor == 0:
            return False
        self.cursor -= 1
        return True


def _read_key(console: Console, read_key: Callable[[], str] | None, prompt: str) -> str:
    """One key from a terminal (``read_key``), or one line from a pipe or a test runner."""
    if read_key is not None:
        console.print(Text(f"{prompt}: ", style="bold"), end="")
        key = read_key()
        console.print(key if key.isprintable() else "")
        return key
    line = console.input(f"{prompt}: ")
    if not sys.stdin.isatty():
        console.print()  # piped input is not echoed: end the prompt's line ourselves
    return line


def parse_answer(key: str, lo: int, hi: int) -> int | None:
    """The scale point typed, or None: ASCII digits only, at most a few of them.

    ``str.isdigit`` is true for ``²``, ``①`` and ``٣``, and ``int`` accepts some of them and
    refuses others; a key that is not one of the digits shown is not an answer.
    """
    digits = key[1:] if key.startswith("-") else key
    if not (0 < len(digits) <= 6 and digits.isascii() and digits.isdigit()):
        return None
    value = int(key)
    return value if lo <= value <= hi else None


def _labels(q: Questionnaire, lang: str, width: int) -> Text:
    """The scale's labels on one line when they fit, else one per line."""
    parts = [f"{p} {localize(label, lang)}" for p, label in q.scale.labels.items()]
    one_line = "   ".join(parts)
    text = Text(one_line if len(one_line) <= width else "\n".join(parts))
    text.highlight_regex(r"(^|(?<=   )|(?<=\n))\d+", "bold")
    return text


def run_interview(
    q: Questionnaire,
    lang: str,
    state: InterviewState,
    console: Console,
    style: Style,
    on_change: Callable[[InterviewState], None],
) -> None:
    """Ask until every item is answered or skipped. Raises SaveAndQuit, KeyboardInterrupt, EOFError."""
    lo, hi = q.scale.min, q.scale.max
    if sys.stdin is None:  # started with standard input closed (``<&-``): there is nothing to read
        raise EOFError
    # Single keypresses need a real terminal and a scale whose points are single digits.
    if sys.stdin.isatty() and hi <= 9 and lo >= 0:
        from kamtrust.cli.keys import key_reader

        reader: AbstractContextManager[Callable[[], str] | None] = key_reader()
    else:
        reader = nullcontext(None)
    with reader as read_key:
        k = keys(lang)
        single_key = read_key is not None
        total = len(state.order)
        labels = _labels(q, lang, console.width)
        help_line = t(lang, "help_line", max=hi, back=k["back"], skip=k["skip"], quit=k["quit"])
        if lo != 1:
            help_line = help_line.replace(f"1-{hi}", f"{lo}-{hi}", 1)
        first = True
        again: list[int] | None = None  # positions of the skipped questions, offered once more
        step = 0  # where we are in ``again``
        announced = False
        while True:
            if not state.done:
                position = state.cursor
            else:
                if again is None:
                    again = [i for i, item in enumerate(state.order) if item.id in state.skipped]
                if step >= len(again):
                    break
                position = again[step]
            item = state.order[position]
            if single_key and not first:
                console.clear()  # one question per screen, once the introduction has been read
            else:
                console.rule(style="dim", characters="-" if style.plain else "─")
            first = False
            head = Text(t(lang, "progress", n=position + 1, total=total), style="bold cyan")
            head.append(f"  ·  {t(lang, 'answered_so_far', answered=len(state.answers))}", style="dim")
            if again is not None:
                head.append(f"  ·  {t(lang, 'again_progress', i=step + 1, n=len(again))}", style="dim")
            console.print(head)
            if again is not None and not announced:
                announced = True
                intro = "again_intro_one" if len(again) == 1 else "again_intro"
                console.print(Text(t(lang, intro, n=len(again)), style="yellow"))
            console.print()
            console.print(Text(localize(item.text, lang), style="bold"))
            console.print()
            print_indented(console, labels, 0)
            if item.id in state.answers:
                current = t(lang, "current_answer", value=state.answers[item.id]) + t(lang, "enter_keeps")
                console.print(Text(current, style="dim"))
            console.print(Text(help_line, style="dim"))
            while True:
                key = _read_key(console, read_key, t(lang, "prompt")).strip()
                if key == REDRAW:  # continued after Ctrl-Z: show the question again
                    break
                if key == PASTED:  # a paste is not a burst of answers
                    console.print(Text(t(lang, "paste_ignored"), style="yellow"))
                    continue
                action = action_for(key) if key else None
                value = parse_answer(key, lo, hi)
                if value is not None:
                    if again is None:
                        state.answer(value)
                    else:
                        state.answers[item.id] = value
                        state.skipped.discard(item.id)
                        step += 1
                    break
                if action == "skip" or (not key and item.id in state.answers):  # Enter keeps an answer
                    if again is not None:
                        step += 1
                    elif action == "skip":
                        state.skip()
                    else:
                        state.cursor += 1
                    break
                if action == "back":
                    if again is not None:
                        if step > 0:
                            step -= 1
                            break
                        console.print(Text(t(lang, "again_first"), style="yellow"))
                        continue
                    if state.back():
                        break
                    console.print(Text(t(lang, "at_first"), style="yellow"))
                    continue
                if action == "quit":
                    if single_key and not _confirm_quit(console, read_key, lang):
                        break  # a stray key: show the question again
                    on_change(state)
                    raise SaveAndQuit
                console.print(
                    Text(
                        t(lang, "invalid_key", min=lo, max=hi, back=k["back"], skip=k["skip"], quit=k["quit"]),
                        style="yellow",
                    )
                )
            if key != REDRAW:
                on_change(state)


def _confirm_quit(console: Console, read_key: Callable[[], str] | None, lang: str) -> bool:
    """Whether the person meant to stop: one key ends the session, so ask (Ctrl-C still stops at once)."""
    key = _read_key(console, read_key, t(lang, "confirm_quit")).strip().lower()
    return key == t(lang, "confirm_yes")
