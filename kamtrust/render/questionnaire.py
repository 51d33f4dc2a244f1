"""A questionnaire's items as a table, in presentation order."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.render.console import Style
from kamtrust.safetext import visible


def render_items(console: Console, style: Style, q: Questionnaire, lang: str) -> None:
    """Title, scale labels and one row per item with its scale and key."""
    # Every text here comes from a questionnaire file: text only, control characters shown.
    console.print(Text(visible(f"{localize(q.title, lang)} ({q.id} {q.version})"), style="bold"))
    labels = " · ".join(f"{p} {localize(lbl, lang)}" for p, lbl in q.scale.labels.items())
    console.print(Text(visible(labels), style="dim"))
    table = Table(box=style.box, show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("id", no_wrap=True)
    table.add_column(t(lang, "q_col_scale"), no_wrap=True)
    table.add_column(t(lang, "q_reverse_mark"), justify="center")
    table.add_column(t(lang, "q_col_text"))
    for n, item in enumerate(q.presentation_order, start=1):
        scale = q.find_scale(item.scale_id)
        table.add_row(
            str(n),
            Text(item.id),
            Text(visible(localize(scale.name, lang))),
            t(lang, "q_reverse_mark") if item.reverse else "",
            Text(visible(localize(item.text, lang))),
        )
    console.print(table)
    console.print(Text(t(lang, "q_reverse_legend"), style="dim"))
