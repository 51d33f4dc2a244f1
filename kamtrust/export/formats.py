"""The group output formats as a registry: one enum member, one formatter object.

``group summary`` and ``group compare`` write a :class:`GroupOutput` through
``FORMATTERS[fmt].format(output)``; adding a format is one class here and one registry line, never a
new ``if`` in a command. Each formatter imports its module only when used (``--help`` pays for none).
The command keeps one thing: a table with no output file is drawn on the terminal, in colour,
rather than formatted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kamtrust.engine.compare import Comparison
    from kamtrust.engine.group import GroupSummary
    from kamtrust.engine.selfother_group import SelfOtherGroup
    from kamtrust.export.views import View
    from kamtrust.questionnaire.model import Questionnaire


class OutputFormat(StrEnum):
    """The formats of a group summary or comparison (``--format``)."""

    table = "table"
    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"


@dataclass(frozen=True)
class GroupOutput:
    """A summary or a comparison with everything a format needs to write it."""

    model: GroupSummary | Comparison
    q: Questionnaire
    lang: str
    """The output's language."""
    generated_at: str
    """ISO 8601 UTC: the command's clock, written into the JSON and Markdown."""
    version: str
    """The tool's version, for the JSON document."""
    sep: str = ","
    """CSV separator."""
    decimal: str | None = None
    """CSV decimal mark; None: a comma with ``sep=';'``, else a point."""
    self_other: SelfOtherGroup | None = None
    """A summary's self-other section (``--ratings``), written by every format after the rest."""

    @property
    def is_summary(self) -> bool:
        """A summary (else a before/after comparison)."""
        from kamtrust.engine.group import GroupSummary

        return isinstance(self.model, GroupSummary)


class Formatter(Protocol):
    """Writes a group output as text or bytes."""

    modules: tuple[str, ...]
    """The modules ``format`` imports: a summary of thousands of files loads them while another
    process reads the files (its ``meanwhile``), not after."""

    def format(self, output: GroupOutput) -> str | bytes:
        """The whole file."""
        ...


def _views(output: GroupOutput) -> list[View]:
    from kamtrust.engine.group import GroupSummary
    from kamtrust.export import views

    if isinstance(output.model, GroupSummary):
        found = views.summary_views(output.model, output.q, output.lang)
    else:
        found = views.compare_views(output.model, output.q, output.lang)
    if output.self_other is not None:
        from kamtrust.export import selfother_section

        found.append(selfother_section.view(output.self_other, output.q, output.lang))
    return found


class TableFormat:
    """The terminal table as plain text (ASCII boxes, no colour), for ``--format table -o FILE``."""

    modules: tuple[str, ...] = ("kamtrust.render.group", "kamtrust.export.unpaired_words")

    def format(self, output: GroupOutput) -> str:
        from kamtrust.render import group as render

        draw = render.render_summary if output.is_summary else render.render_compare
        text = render.render_text(draw, output.model, output.q, output.lang)
        if output.self_other is not None:
            from kamtrust.export import selfother_section

            text += selfother_section.text(output.self_other, output.q, output.lang)
        return text


class JsonFormat:
    """The ``kamtrust.group-summary/1`` or ``kamtrust.group-compare/1`` document, reasons in words."""

    modules: tuple[str, ...] = ("kamtrust.documents.summary", "kamtrust.export.jsondoc", "kamtrust.export.reasons")

    def document(self, output: GroupOutput) -> dict[str, Any]:
        """The document as a dict (``group summary`` joins several on stdout)."""
        from kamtrust.engine.group import GroupSummary
        from kamtrust.export.reasons import explain

        model = output.model
        if isinstance(model, GroupSummary):
            from kamtrust.documents.summary import to_document

            doc = to_document(model, now=output.generated_at, version=output.version, self_other=output.self_other)
        else:
            from kamtrust.documents.compare import to_document as compare_document
            from kamtrust.version_notes import comparison_notes

            notes = comparison_notes(model, output.q, output.lang)
            doc = compare_document(model, now=output.generated_at, version=output.version, notes=notes)
        return explain(doc, output.lang)

    def format(self, output: GroupOutput) -> str:
        from kamtrust.export.jsondoc import to_json

        return to_json(self.document(output))


class MarkdownFormat:
    """A readable report for the client company (export/markdown.py)."""

    modules: tuple[str, ...] = ("kamtrust.export.markdown", "kamtrust.export.views", "kamtrust.export.unpaired_words")

    def format(self, output: GroupOutput) -> str:
        from kamtrust.engine.group import GroupSummary
        from kamtrust.export import markdown

        model = output.model
        if isinstance(model, GroupSummary):
            text = markdown.summary_markdown(model, output.q, output.lang, generated_at=output.generated_at)
        else:
            text = markdown.compare_markdown(model, output.q, output.lang, generated_at=output.generated_at)
        if output.self_other:
            from kamtrust.export import selfother_section

            text += selfother_section.markdown(output.self_other, output.q, output.lang)
        return text


class CsvFormat:
    """The views as CSV blocks, UTF-8 with a byte-order mark (export/csvfile.py)."""

    modules: tuple[str, ...] = ("kamtrust.export.csvfile", "kamtrust.export.views", "kamtrust.export.unpaired_words")

    def format(self, output: GroupOutput) -> bytes:
        from kamtrust.export.csvfile import to_csv

        return to_csv(_views(output), sep=output.sep, decimal=output.decimal)


class XlsxFormat:
    """One sheet per view (export/xlsx.py); a summary by subgroup adds the factor × subgroup sheet."""

    modules: tuple[str, ...] = (
        "kamtrust.export.xlsx",
        "xlsxwriter",
        "kamtrust.export.views",
        "kamtrust.export.crosstab",
        "kamtrust.export.unpaired_words",
    )

    def format(self, output: GroupOutput) -> bytes:
        from kamtrust.engine.group import GroupSummary
        from kamtrust.export.xlsx import to_xlsx

        views = _views(output)
        if isinstance(output.model, GroupSummary):
            from kamtrust.export.crosstab import subgroup_view

            # With --by account|cohort, the means as a factor × subgroup sheet, after the scores.
            sheet = subgroup_view(output.model, output.q, output.lang)
            if sheet is not None:
                views.insert(1, sheet)
        return to_xlsx(views)


JSON = JsonFormat()
FORMATTERS: Mapping[OutputFormat, Formatter] = {
    OutputFormat.table: TableFormat(),
    OutputFormat.csv: CsvFormat(),
    OutputFormat.json: JSON,
    OutputFormat.md: MarkdownFormat(),
    OutputFormat.xlsx: XlsxFormat(),
}
"""Every format's formatter; a test checks that each member of OutputFormat has one."""
