"""Read an online form's export (Google Forms, Microsoft Forms; CSV or .xlsx) into results.

One row per respondent, one column per question. Pure apart from the bytes given:
``table`` decodes and sniffs, ``columns`` matches headers to items, ``answers`` reads the cells,
``timestamps`` the submission times, ``rows`` decides what is kept and why, ``build`` names and
builds the result documents. The CLI reads the file and writes the results.
"""

from kamtrust.results.forms.answers import label_lookup, parse_answer
from kamtrust.results.forms.columns import ColumnMap, map_columns, match_header
from kamtrust.results.forms.table import FormTable, norm, read_table, sniff_separator

__all__ = [
    "ColumnMap",
    "FormTable",
    "label_lookup",
    "map_columns",
    "match_header",
    "norm",
    "parse_answer",
    "read_table",
    "sniff_separator",
]
