"""XLSX export: one sheet per view, numbers as numbers, no text ever turned into a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence

from kamtrust.export.safe import cell_text, is_dangerous
from kamtrust.export.views import View
from kamtrust.export.words import Dec

MAX_WIDTH = 60


def to_xlsx(views: Sequence[View]) -> bytes:
    """A workbook with one sheet per view (title row, bold header, data)."""
    import xlsxwriter

    buf = io.BytesIO()
    # Formula and URL conversion off: a participant's text must stay text.
    wb = xlsxwriter.Workbook(
        buf,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    title_fmt = wb.add_format({"bold": True, "font_size": 13})
    head_fmt = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    # A text that starts like a formula is stored with Excel's quote prefix: shown as typed,
    # never evaluated even when the cell is edited.
    quoted = wb.add_format({"quote_prefix": True})
    quoted_head = wb.add_format({"quote_prefix": True, "bold": True, "bottom": 1})
    # Values at full precision; the format shows one decimal (two for coefficients).
    number = wb.add_format({"num_format": "0.0#"})
    decimals = {1: wb.add_format({"num_format": "0.0"}), 2: wb.add_format({"num_format": "0.00"})}
    used: set[str] = set()
    for view in views:
        ws = wb.add_worksheet(_sheet_name(view.name, used))
        title = cell_text(view.title)
        ws.write_string(0, 0, title, quoted if is_dangerous(title) else title_fmt)
        widths = [len(h) for h in view.header]
        notes = getattr(view, "notes", {})  # export/crosstab.py's NotedView
        for col, head in enumerate(view.header):
            head = cell_text(head)
            ws.write_string(1, col, head, quoted_head if is_dangerous(head) else head_fmt)
        for row_n, row in enumerate(view.rows, start=2):
            for col, value in enumerate(row):
                if value is None:
                    if (row_n - 2, col) in notes:  # an empty figure says why (hidden, or no answers)
                        ws.write_comment(row_n, col, cell_text(notes[(row_n - 2, col)]))
                    continue
                if isinstance(value, bool):
                    ws.write_boolean(row_n, col, value)
                elif isinstance(value, int):
                    ws.write_number(row_n, col, value)
                elif isinstance(value, float):
                    digits = value.digits if isinstance(value, Dec) else None
                    ws.write_number(row_n, col, float(value), decimals.get(digits, number) if digits else number)
                else:
                    value = cell_text(value)
                    ws.write_string(row_n, col, value, quoted if is_dangerous(value) else None)
                if col < len(widths):
                    shown = round(float(value), value.digits) if isinstance(value, Dec) else value
                    widths[col] = max(widths[col], len(str(shown)))
        for col, w in enumerate(widths):
            ws.set_column(col, col, min(MAX_WIDTH, w + 2))
        ws.freeze_panes(2, 0)
        # A filter on every column: a trainer picks one account or one factor without a pivot table.
        ws.autofilter(1, 0, max(1, len(view.rows) + 1), max(0, len(view.header) - 1))
    wb.close()
    return buf.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    base = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:28]}_{n}"
        n += 1
    used.add(candidate.lower())
    return candidate
