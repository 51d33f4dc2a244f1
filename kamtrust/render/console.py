"""One place that builds Rich consoles, so colour and box style follow the user's terminal."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console as Console  # re-exported: the CLI types its consoles with it
from rich.segment import Segment

from kamtrust.safetext import visible


@dataclass(frozen=True)
class Style:
    """How plain the output must be."""

    plain: bool
    """No colour, ASCII boxes and bars: NO_COLOR is set or the output is not a terminal."""

    @property
    def box(self) -> box.Box:
        return box.ASCII if self.plain else box.ROUNDED

    @property
    def full(self) -> str:
        return "#" if self.plain else "█"

    @property
    def empty(self) -> str:
        return "." if self.plain else "░"


class SafeConsole(Console):
    """A console on which user text is only ever text.

    Strings are never read as Rich markup or emoji codes (``ACME [spain] Ltd`` shows as typed,
    ``Foo [/] Bar`` cannot fail), and a control character that reaches the output anyway is
    shown as its escape (safetext's rule) instead of acting on the terminal. The renderers make
    user text visible before it is measured; this is the net for whatever they miss.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, emoji=False, **kwargs)  # type: ignore[arg-type]

    def input(self, prompt: object = "", **_: object) -> str:
        """Show ``prompt`` and read a line: ``input()`` without its lost-Ctrl-C window (see interview.lines).

        A closed or exhausted standard input raises EOFError, Ctrl-C KeyboardInterrupt.
        """
        from kamtrust.interview.lines import read_line

        self.print(prompt, end="")
        return read_line()

    def on_broken_pipe(self) -> None:
        """Let a closed pipe reach the CLI's one handler (exit 141, quietly); Rich's own exits 1."""
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(visible(segment.text, newlines=True), segment.style)
            for segment in buffer
        )


def make_console(*, stderr: bool = False) -> tuple[Console, Style]:
    """A console for stdout (data) or stderr (messages) and the style that suits it."""
    no_color = bool(os.environ.get("NO_COLOR"))
    console: Console = SafeConsole(stderr=stderr, highlight=False, no_color=no_color or None, soft_wrap=False)
    plain = no_color or not console.is_terminal
    if plain:
        console = SafeConsole(stderr=stderr, highlight=False, color_system=None, soft_wrap=False)
    return console, Style(plain)


def print_indented(console: Console, renderable: object, indent: int) -> None:
    """Print ``renderable`` wrapped to the width left after ``indent``, without trailing spaces.

    Rich's Padding fills every line to the full width; pasted or piped text should not carry that.
    """
    from rich.text import Text

    if isinstance(renderable, str):
        renderable = Text(renderable)  # plain text, never Rich markup
    options = console.options.update_width(max(20, console.width - indent))
    for line in console.render_lines(renderable, options, pad=False):  # type: ignore[arg-type]
        text = Text(" " * indent)
        for segment in line:
            if not segment.control:
                text.append(segment.text, segment.style)
        text.rstrip()
        console.print(text, soft_wrap=True)


def print_items(
    console: Console, head: str, items: Sequence[str], *, style: str = "", head_style: str = "bold", sep: str = " · "
) -> None:
    """``head`` then ``items`` joined by ``sep``, each line broken between two items, never inside
    one: "Adrift 4536" stays together (Rich would break it at its space). Later lines are indented
    by two spaces."""
    from rich.cells import cell_len
    from rich.text import Text

    width = console.width
    end = sep.rstrip()  # what ends a line that the list goes on after
    line = Text(head, style=head_style)
    empty = True  # nothing after the head or the indent yet
    for k, item in enumerate(items):
        piece = item if empty else sep + item
        room = cell_len(end) if k < len(items) - 1 else 0  # for the separator, should the next go below
        if cell_len(line.plain) + cell_len(piece) + room > width and (not empty or head):
            if not empty:
                line.append(end, style=style)
            line.rstrip()
            console.print(line)
            line, piece = Text("  "), item
        line.append(piece, style=style)
        empty = False
    console.print(line)
