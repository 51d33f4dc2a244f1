"""Where an interview stands and what each key does to it (pure: no terminal, no files).

The first pass goes through the presentation order; at its end the questions skipped in it are
offered once more, in order (the "again" pass). Quitting is only asked for here: whether to
confirm it is the session's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kamtrust.i18n import action_for
from kamtrust.questionnaire.model import Item


class Outcome(StrEnum):
    """What a key did; the names of the refusals are their message keys."""

    MOVED = "moved"
    """Answered, skipped, kept or went back: show the next question and save."""
    AT_FIRST = "at_first"
    """Back at the first question: nowhere to go."""
    AGAIN_FIRST = "again_first"
    """Back at the first question of the again pass: the first pass is not reopened."""
    QUIT = "quit"
    """The person asked to stop."""
    INVALID = "invalid_key"
    """Not an answer nor an action."""


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


@dataclass
class InterviewState:
    """Answers so far and the position in the presentation order."""

    order: tuple[Item, ...]
    answers: dict[str, int] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    cursor: int = 0
    again: list[int] | None = None
    """Positions of the questions skipped in the first pass, offered once more; None until it ends."""
    step: int = 0
    """Where the again pass is, in ``again``."""

    @property
    def done(self) -> bool:
        """The first pass is over (the again pass may still be to come)."""
        return self.cursor >= len(self.order)

    @property
    def current(self) -> Item:
        return self.order[self.cursor]

    def position(self) -> int | None:
        """The position of the question to show, or None when the interview is over.

        At the end of the first pass the questions skipped in it are queued for the again pass.
        """
        if not self.done:
            return self.cursor
        if self.again is None:
            self.again = [i for i, item in enumerate(self.order) if item.id in self.skipped]
        return self.again[self.step] if self.step < len(self.again) else None

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

    def press(self, key: str, lo: int, hi: int) -> Outcome:
        """Apply one key (already stripped; empty for Enter) to the question shown, on a ``lo``-``hi`` scale."""
        position = self.position()
        assert position is not None, "a key pressed after the interview ended"
        item = self.order[position]
        value = parse_answer(key, lo, hi)
        action = action_for(key) if key else None
        if value is not None:
            if self.again is None:
                self.answer(value)
            else:
                self.answers[item.id] = value
                self.skipped.discard(item.id)
                self.step += 1
            return Outcome.MOVED
        if action == "skip" or (not key and item.id in self.answers):  # Enter keeps an answer
            if self.again is not None:
                self.step += 1
            elif action == "skip":
                self.skip()
            else:
                self.cursor += 1
            return Outcome.MOVED
        if action == "back":
            if self.again is not None:
                if self.step > 0:
                    self.step -= 1
                    return Outcome.MOVED
                return Outcome.AGAIN_FIRST
            return Outcome.MOVED if self.back() else Outcome.AT_FIRST
        if action == "quit":
            return Outcome.QUIT
        return Outcome.INVALID
