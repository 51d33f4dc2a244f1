"""What the person sees during the interview (Rich): the question, the scale, the prompt, the warnings."""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from kamtrust.i18n import keys, plural, t
from kamtrust.interview.state import InterviewState, Outcome
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.render.console import Style, print_indented


def prompt(console: Console, read_key: Callable[[], str] | None, text: str) -> str:
    """One key from a terminal (``read_key``), or one line from a pipe or a test runner."""
    if read_key is not None:
        console.print(Text(f"{text}: ", style="bold"), end="")
        key = read_key()
        console.print(key if key.isprintable() else "")
        return key
    line = console.input(f"{text}: ")
    if not sys.stdin.isatty():
        console.print()  # piped input is not echoed: end the prompt's line ourselves
    return line


def scale_labels(q: Questionnaire, lang: str, width: int) -> Text:
    """The scale's labels on one line when they fit, else one per line."""
    parts = [f"{p} {localize(label, lang)}" for p, label in q.scale.labels.items()]
    one_line = "   ".join(parts)
    text = Text(one_line if len(one_line) <= width else "\n".join(parts))
    text.highlight_regex(r"(^|(?<=   )|(?<=\n))\d+", "bold")
    return text


class Screen:
    """Draws one question after another; remembers what was already shown (the introduction, the again notice)."""

    def __init__(
        self, console: Console, style: Style, q: Questionnaire, lang: str, *, single_key: bool, rater: bool = False
    ) -> None:
        self.console, self.style, self.lang, self.single_key = console, style, lang, single_key
        self.prefix = "fb_" if rater else ""  # a rater's quit saves nothing: the words say so
        self.q = q
        self.lo, self.hi = q.scale.min, q.scale.max
        self.keys = keys(lang)
        self.labels = scale_labels(q, lang, console.width)
        k = self.keys
        help_line = t(lang, self.prefix + "help_line", max=self.hi, back=k["back"], skip=k["skip"], quit=k["quit"])
        if self.lo != 1:
            help_line = help_line.replace(f"1-{self.hi}", f"{self.lo}-{self.hi}", 1)
        self.help_line = help_line
        self.first = True
        self.announced = False

    def question(self, state: InterviewState, position: int) -> None:
        """The question at ``position``: where we are, its text, the scale, the answer kept, the keys."""
        console, lang = self.console, self.lang
        item = state.order[position]
        if self.single_key and not self.first:
            console.clear()  # one question per screen, once the introduction has been read
        else:
            console.rule(style="dim", characters="-" if self.style.plain else "─")
        self.first = False
        head = Text(t(lang, "progress", n=position + 1, total=len(state.order)), style="bold cyan")
        head.append(
            f"  ·  {t(lang, plural('answered_so_far', len(state.answers)), answered=len(state.answers))}",
            style="dim",
        )
        again = state.again
        if again is not None:
            head.append(f"  ·  {t(lang, 'again_progress', i=state.step + 1, n=len(again))}", style="dim")
        console.print(head)
        if again is not None and not self.announced:
            self.announced = True
            intro = t(lang, plural("again_intro", len(again)), n=len(again))
            if not self.prefix:
                intro = self._too_few_so_far(state, len(again)) or intro
            console.print(Text(intro, style="yellow"))
        console.print()
        console.print(Text(localize(item.text, lang), style="bold"))
        console.print()
        print_indented(console, self.labels, 0)
        if item.id in state.answers:
            current = t(lang, "current_answer", value=state.answers[item.id]) + t(lang, "enter_keeps")
            console.print(Text(current, style="dim"))
        console.print(Text(self.help_line, style="dim"))

    def _too_few_so_far(self, state: InterviewState, skipped: int) -> str | None:
        """The again notice when skipping again would not finish (nothing can be scored yet); else None."""
        from kamtrust.engine.enough import closest, scores_anything

        if scores_anything(self.q, state.answers):
            return None
        near = closest(self.q, state.answers)
        more = near.needed - near.have
        back = t(self.lang, plural("again_back", skipped), n=skipped)
        scale = localize(near.scale.name, self.lang)
        return back + " " + t(self.lang, plural("again_too_few", more), scale=scale, more=more)

    def warn(self, message: Outcome | str) -> None:
        """A key refused (an :class:`Outcome`) or ignored (a message key), in yellow."""
        k = self.keys
        args = {"min": self.lo, "max": self.hi, "back": k["back"], "skip": k["skip"], "quit": k["quit"]}
        if message == Outcome.INVALID:
            text = t(self.lang, self.prefix + str(message), **args)
        else:
            text = t(self.lang, str(message))
        self.console.print(Text(text, style="yellow"))
