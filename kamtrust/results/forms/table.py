"""Read a form export into a table: CSV (encoding and separator sniffed) or an Excel workbook."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from kamtrust.errors import InputFileError
from kamtrust.i18n import t

Cell = str | float | datetime
"""A cell as read: text (CSV, or a text cell of a workbook), a number or a date (workbooks)."""

XLSX_MAGIC = b"PK\x03\x04"


def norm(text: str) -> str:
    """Text compared loosely: whitespace (any kind) collapsed, case folded."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class FormTable:
    """The decoded export: header and rows (each with its 1-based row number in the file)."""

    header: list[str]
    rows: list[tuple[int, list[Cell]]]
    sep: str
    encoding: str
    """'utf-8', 'cp1252', or 'xlsx' for a workbook."""


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(text: str) -> str:
    """The separator (';', ',' or tab) that splits the header and the first rows alike.

    Counting characters is not enough: Spanish item texts in the header are full of commas in a
    semicolon file. The separator that gives every row as many fields as the header wins; among
    several, the one giving most fields; when none fits, the most frequent in the header.
    """
    sample = text[:65536]
    best, best_cols = None, 0
    for sep in (";", ",", "\t"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=sep) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        rows = rows[:20] if len(sample) < len(text) else rows
        if len(rows) > 1 and len(rows[-1]) < len(rows[0]) and len(sample) < len(text):
            rows = rows[:-1]  # the sample may cut the last row short
        width = len(rows[0]) if rows else 0
        if width > 1 and all(len(r) == width for r in rows[1:21]) and width > best_cols:
            best, best_cols = sep, width
    if best is not None:
        return best
    header = sample.lstrip("\r\n").splitlines()[0] if sample.strip() else ""
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside.count(sep) for sep in (";", ",", "\t")}
    top = max(counts, key=lambda k: counts[k])
    return top if counts[top] else ","


def read_table(data: bytes, source: str, sep: str | None = None, lang: str = "en") -> FormTable:
    """The export's table, CSV or workbook (told by its content, not its name)."""
    if data[:4] == XLSX_MAGIC:
        return read_workbook(data, source, lang)
    text, encoding = decode(data)
    if not text.strip():
        raise InputFileError(source, t(lang, "imp_empty"))
    sep = sep or sniff_separator(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputFileError(source, t(lang, "imp_not_csv", reason=exc)) from None
    return _table(lines, source, sep, encoding, lang)  # type: ignore[arg-type]


def read_workbook(data: bytes, source: str, lang: str = "en") -> FormTable:
    """The first sheet of an .xlsx workbook (Microsoft Forms' download, a Google Sheets export).

    python-calamine reads it (Rust, about five times faster than openpyxl and a hundred times
    faster to import). Cells keep their type: dates as datetimes, numbers as floats.
    """
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # a damaged or hostile workbook: calamine's errors have no common base
        raise InputFileError(source, t(lang, "imp_not_xlsx", reason=exc)) from None
    lines = []
    for number, raw in enumerate(values, start=1):
        row: list[Cell] = []
        for v in raw:
            if isinstance(v, bool):
                row.append(str(v).upper())
            elif isinstance(v, datetime | float | int):
                row.append(float(v) if isinstance(v, int) else v)
            elif v is None:
                row.append("")
            elif isinstance(v, date):  # a date without a time
                row.append(datetime(v.year, v.month, v.day))
            else:
                row.append(str(v))
        lines.append((number, row))
    return _table(lines, source, ",", "xlsx", lang)


def _blank(cell: Cell) -> bool:
    return isinstance(cell, str) and not cell.strip()


def _table(lines: list[tuple[int, list[Cell]]], source: str, sep: str, encoding: str, lang: str) -> FormTable:
    lines = [(n, row) for n, row in lines if not all(map(_blank, row))]
    if not lines:
        raise InputFileError(source, t(lang, "imp_empty"))
    (_, header), rows = lines[0], lines[1:]
    if len(header) < 2:
        raise InputFileError(source, t(lang, "imp_single_column"))
    return FormTable([cell_text(h).strip() for h in header], rows, sep, encoding)


def cell_text(cell: Cell) -> str:
    """A cell as text: whole numbers without '.0', dates in ISO form."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return cell.isoformat(sep=" ")
