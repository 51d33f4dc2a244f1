"""CSV export: the views as blocks, UTF-8 with a byte-order mark so that Excel reads accents."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from kamtrust.export.safe import neutralise
from kamtrust.export.views import Cell, View
from kamtrust.export.words import Dec
from kamtrust.present import number


def format_cell(value: Cell, decimal: str = ".") -> str:
    """One cell as CSV text: texts neutralised against formula injection, numbers kept numeric."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A figure shown to its digits, trailing zeros too, as the terminal shows it ("0.90", not
        # "0.9"; XLSX keeps the full value); other floats as they are.
        text = number(float(value), "en", value.digits) if isinstance(value, Dec) else repr(value)
        return text.replace(".", decimal) if decimal != "." else text
    return str(neutralise(value))


def to_csv(views: Sequence[View], *, sep: str = ",", decimal: str | None = None, preface: Sequence[str] = ()) -> bytes:
    """Every view as a block (title line, header, rows) separated by an empty line.

    ``sep=';'`` suits Spanish spreadsheets; the decimal mark then defaults to a comma.
    ``preface``: lines written first, one a row, then an empty line (a warning where Excel opens).
    """
    if decimal is None:
        decimal = "," if sep == ";" else "."
    if decimal == sep:
        raise ValueError("the decimal mark and the separator must differ")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    for line in preface:
        writer.writerow([neutralise(line)])
    if preface:
        writer.writerow([])
    for n, view in enumerate(views):
        if n:
            writer.writerow([])
        writer.writerow([neutralise(view.title)])
        writer.writerow([neutralise(h) for h in view.header])
        for row in view.rows:
            writer.writerow([format_cell(c, decimal) for c in row])
    return buf.getvalue().encode("utf-8-sig")


def table_to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]], *, sep: str = ",") -> bytes:
    """A single table (no title line), UTF-8 with BOM: for codebooks and other flat files."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    decimal = "," if sep == ";" else "."
    for row in rows:
        writer.writerow([format_cell(c, decimal) for c in row])
    return buf.getvalue().encode("utf-8-sig")
