"""Every branch of the form importer's core functions, pinned before they were broken up (issue 9).

``timestamps.split``, ``columns.map_columns``, ``rows.read_rows`` and ``jsontext.dumps_indented``:
each case asserts the exact outcome a trainer gets (fields read, rows left out and why, messages).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtrust.errors import KamtrustError, UsageError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.forms import timestamps as ts
from kamtrust.results.forms.columns import ColumnMap, map_columns
from kamtrust.results.forms.jsontext import dumps_indented
from kamtrust.results.forms.mapfile import FormMap
from kamtrust.results.forms.rows import Skipped, read_rows
from kamtrust.results.forms.table import Cell, FormTable

# -- timestamps.split ---------------------------------------------------------------------------

H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        # (first, second, year, hour, minute, second, offset, ordered)
        ("2026-11-04T17:02:55Z", (11, 4, 2026, 17, 2, 55, timedelta(0), True)),
        ("2026-11-04 17:02:55z", (11, 4, 2026, 17, 2, 55, timedelta(0), True)),
        ("2026-11-04T17:02:55+01:00", (11, 4, 2026, 17, 2, 55, H, True)),
        # ISO-looking, but not for fromisoformat: read as a written date
        ("2026-11-04 5:02:55 p. m.", (11, 4, 2026, 17, 2, 55, None, True)),
        ("2026-11-04 17:02:55 GMT-5", (11, 4, 2026, 17, 2, 55, -5 * H, True)),
        ("2026-13-04", (13, 4, 2026, 0, 0, 0, None, True)),  # refused later, when the month is known
        ("2026/11/04 5:02:55 p. m. GMT-5", (11, 4, 2026, 17, 2, 55, -5 * H, True)),
        ("2026/11/04 12:10:00 PM GMT+05:30", (11, 4, 2026, 12, 10, 0, 5.5 * H, True)),
        ("4/11/26", (4, 11, 2026, 0, 0, 0, None, False)),
        ("04/11/2026 12:10 a. m.", (4, 11, 2026, 0, 10, 0, None, False)),
        ("04/11/2026 12:10 p. m.", (4, 11, 2026, 12, 10, 0, None, False)),
        ("  04/11/2026\u00a0 1:10\u202fPM ", (4, 11, 2026, 13, 10, 0, None, False)),
        ("13/11/2026 9:00,5 UTC+2", (13, 11, 2026, 9, 0, 0, 2 * H, False)),
        ("11-04-2026 17:02:55-05:00", (11, 4, 2026, 17, 2, 55, -5 * H, False)),
        ("31.12.2026 23:59:59", (31, 12, 2026, 23, 59, 59, None, False)),
        ("46330.5", (11, 4, 2026, 12, 0, 0, None, True)),  # an Excel serial written as text
        (46330.5, (11, 4, 2026, 12, 0, 0, None, True)),  # … and as a workbook's number
        (datetime(2026, 11, 4, 17, 2, 55), (11, 4, 2026, 17, 2, 55, None, True)),  # a workbook's date
    ],
)
def test_split_reads_each_format(cell: Cell, parts: tuple[Any, ...]) -> None:
    stamp = ts.split(cell)
    assert stamp is not None
    got = (stamp.first, stamp.second, stamp.year, stamp.hour, stamp.minute, stamp.second_of_minute)
    assert (*got, stamp.offset, stamp.ordered) == parts


def test_split_keeps_the_text_as_written() -> None:
    assert ts.split("  04/11/2026\u00a0 1:10\u202fPM ").text == "04/11/2026 1:10 PM"  # type: ignore[union-attr]
    assert ts.split(46330.5).text == "46330.5"  # type: ignore[union-attr]
    assert ts.split(datetime(2026, 11, 4, 17, 2, 55)).text == "2026-11-04 17:02:55"  # type: ignore[union-attr]


@pytest.mark.parametrize("cell", ["", "   ", "\u00a0\n"])
def test_split_blank_is_no_date(cell: str) -> None:
    assert ts.split(cell) is None


@pytest.mark.parametrize(
    "cell",
    [
        "yesterday",
        "12345",  # five digits, but no submission time as a serial
        1.0,
        99999.0,
        "04/11/2026 0:10 a. m.",  # no hour 0 on a 12-hour clock
        "04/11/2026 13:10 p. m.",
        "04/11/2026 24:00",
        "04/11/2026 23:60",
        "04/11/2026 23:59:60",
        "2026-11-04 25:00",
        "0/11/2026",
        "32/11/2026",
        "13/13/2026",  # neither reading has a month
        "2026.11.04 17:02:55.123 +0100",
        "4/11/202",
    ],
)
def test_split_refuses_what_is_no_date(cell: Cell) -> None:
    with pytest.raises(ts.StampError) as info:
        ts.split(cell)
    assert str(info.value) == (" ".join(cell.split()) if isinstance(cell, str) else repr(cell))


# -- columns.map_columns ------------------------------------------------------------------------


def ids(q: Questionnaire) -> list[str]:
    return [i.id for i in q.presentation_order]


def test_participant_columns_recognised_by_header(q: Questionnaire) -> None:
    header = ["Start time", "Completion time", "Email", "Name", "Correo", "Nombre", "Cuenta", "Client", *ids(q)]
    cmap = map_columns(header, q)
    # completion before start; the first e-mail; the last name and account not taken already
    assert (cmap.timestamp, cmap.email, cmap.name, cmap.account, cmap.cohort) == (1, 2, 5, 7, None)
    assert cmap.unmatched == ["Start time", "Name", "Correo", "Cuenta"]
    assert cmap.items == {i + 8: item for i, item in enumerate(ids(q))}
    assert set(cmap.languages.values()) == {None} and cmap.missing == []


def test_participant_columns_chosen_by_option_win_over_headers(q: Questionnaire) -> None:
    header = ["Timestamp", "Fecha envío", "Email", "Nombre", "Alias", "Grupo", *ids(q)]
    cmap = map_columns(
        header, q, name_column="Alias", account_column="4", cohort_column=" grupo ", timestamp_column="fecha envío"
    )
    assert (cmap.timestamp, cmap.email, cmap.name, cmap.account, cmap.cohort) == (1, 2, 4, 3, 5)
    assert cmap.unmatched == ["Timestamp"]


@pytest.mark.parametrize(
    ("option", "wanted", "shown"),
    [
        ("name_column", "Nom", "'Timestamp', 'Email', 'cred_1', 'rel_1', 'int_1', 'foc_1', 'lt_1', 'kno_1', …"),
        ("cohort_column", "0", "'Timestamp', 'Email', 'cred_1', 'rel_1', 'int_1', 'foc_1', 'lt_1', 'kno_1', …"),
    ],
)
def test_an_option_naming_no_column_is_refused(q: Questionnaire, option: str, wanted: str, shown: str) -> None:
    header = ["Timestamp", "Email", *ids(q)]
    with pytest.raises(UsageError) as info:
        map_columns(header, q, **{option: wanted})
    flag = "--" + option.replace("_", "-")
    assert str(info.value) == f"{flag} '{wanted}': no such column; the columns are: {shown}"


def test_a_map_file_names_items_and_participant_fields(q: Questionnaire) -> None:
    header = ["Marca temporal", "Quién", "Empresa", "Pregunta uno", "", *ids(q)[1:]]
    form_map = FormMap({"quién": "name", 3: "account", "pregunta uno": ids(q)[0], "marca temporal": "timestamp"})
    cmap = map_columns(header, q, form_map=form_map, source="f.csv")
    assert (cmap.timestamp, cmap.name, cmap.account, cmap.email) == (0, 1, 2, None)
    assert cmap.items[3] == ids(q)[0] and cmap.languages[3] is None
    assert cmap.unmatched == [] and cmap.missing == []  # the blank header is not listed


def test_a_field_given_two_columns_by_option_and_map_file_is_refused(q: Questionnaire) -> None:
    # Before: the map's column became an item called "name" and every row was left out.
    header = ["Timestamp", "Alias", "Nombre", *ids(q)]
    with pytest.raises(KamtrustError) as info:
        map_columns(header, q, name_column="Nombre", form_map=FormMap({"alias": "name"}, source="m.yaml"))
    assert str(info.value) == (
        "m.yaml: column 2 ('Alias') is mapped to 'name', but column 3 ('Nombre') already is the 'name' "
        "column (a --…-column option or another map line); keep only one of them"
    )
    with pytest.raises(KamtrustError) as info:
        map_columns(header, q, form_map=FormMap({"alias": "account", 3: "account"}, source="m.yaml"), lang="es")
    assert str(info.value) == (
        "m.yaml: la columna 3 ('Nombre') se asigna a 'account', pero la columna 2 ('Alias') ya es la columna "
        "'account' (por una opción --…-column o por otra línea del mapa); deja solo una de las dos"
    )


def test_a_map_line_naming_the_column_the_option_names_is_no_conflict(q: Questionnaire) -> None:
    header = ["Timestamp", "Alias", "Nombre", *ids(q)]
    cmap = map_columns(header, q, name_column="Nombre", form_map=FormMap({"nombre": "name"}))
    assert cmap.name == 2 and "name" not in cmap.items.values()


def test_two_columns_for_one_item_are_refused(q: Questionnaire) -> None:
    header = ["Timestamp", *ids(q), q.items["rel_2"].text["es"]]
    with pytest.raises(KamtrustError) as info:
        map_columns(header, q, source="f.csv")
    assert (
        str(info.value)
        == f"f.csv: columns {ids(q).index('rel_2') + 2} and 52 both match item rel_2; remove one of them"
    )


def test_no_item_column_is_refused(q: Questionnaire) -> None:
    with pytest.raises(KamtrustError) as info:
        map_columns(["Timestamp", "Email", "Pregunta"], q, source="f.csv", lang="es")
    assert str(info.value) == (
        "f.csv: ninguna columna corresponde a un ítem de kamtrust-8 1.0. Los encabezados deben ser ids de ítem"
        " (p. ej. cred_1) o los textos exactos de los ítems; consulta 'kamtrust questionnaire export kamtrust-8'"
    )


def test_missing_items_are_refused_unless_allowed(q: Questionnaire) -> None:
    header = ["Timestamp", *ids(q)[2:], "Otra"]
    with pytest.raises(KamtrustError) as info:
        map_columns(header, q, source="f.csv")
    assert str(info.value).splitlines() == [
        "f.csv: items of kamtrust-8 1.0 without a column: 2; their factors would go unscored for everyone:",
        "  cred_1 'I follow the trade press and news in my key clien…': no header is close",
        "  rel_1 'I deliver what I promised a client by the date I …': no header is close",
        "To import anyway, with those items unanswered, add --allow-missing-items.",
    ]
    cmap = map_columns(header, q, allow_missing=True)
    assert cmap.missing == ids(q)[:2] and cmap.unmatched == ["Otra"]


def test_item_columns_by_text_carry_their_language(q: Questionnaire) -> None:
    items = ids(q)
    header = ["Timestamp", q.items[items[0]].text["es"], q.items[items[1]].text["en"], *items[2:]]
    cmap = map_columns(header, q)
    assert (cmap.languages[1], cmap.languages[2], cmap.languages[3]) == ("es", "en", None)


# -- rows.read_rows -----------------------------------------------------------------------------


def table(header: list[str], rows: list[list[Cell]]) -> FormTable:
    return FormTable(header, [(n + 2, row) for n, row in enumerate(rows)], ",", "utf-8")


def read(t: FormTable, q: Questionnaire, **kw: Any) -> Any:
    cmap = kw.pop("cmap", None) or map_columns(t.header, q, allow_missing=True)
    return read_rows(t, cmap, q, zone_name="UTC", source="f.csv", **kw)


def test_rows_are_read_with_their_people_and_options(q: Questionnaire) -> None:
    header = ["Timestamp", "Email", "Nombre", "Cuenta", "Grupo", *ids(q)]
    t = table(
        header,
        [
            ["2026-11-04 10:00", "Anonymous", "Ana", "Acme", "G1", *["4"] * 50],
            ["2026-11-04 11:00", "b@x", "ANÓNIMO", "", "", *["3"] * 50],
        ],
    )
    cmap = map_columns(header, q, cohort_column="Grupo")
    out = read(t, q, cmap=cmap, account="Opción", cohort="Taller")
    a, b = out.rows
    assert (a.row, a.email, a.name, a.account, a.cohort, a.language) == (2, None, "Ana", "Acme", "G1", None)
    assert (b.row, b.email, b.name, b.account, b.cohort) == (3, "b@x", None, "Opción", "Taller")
    assert a.created_at == "2026-11-04T10:00:00Z" and a.stamp_text == "2026-11-04 10:00"
    assert a.answers == dict.fromkeys(ids(q), 4) and out.skipped == [] and out.bad_values == []


def test_short_rows_are_read_as_blank_cells(q: Questionnaire) -> None:
    t = table(["Timestamp", "Email", *ids(q)], [["2026-11-04 10:00", "a@x", *["4"] * 40]])
    (row,) = read(t, q).rows
    assert row.answers == dict.fromkeys(ids(q)[:40], 4)


def test_a_row_language_is_the_one_most_of_its_answers_were_asked_in(q: Questionnaire) -> None:
    items = ids(q)
    header = [
        "Timestamp",
        "Email",
        *(q.items[i].text["es"] for i in items[:30]),
        *(q.items[i].text["en"] for i in items[30:]),
    ]
    t = table(
        header,
        [
            ["2026-11-04 10:00", "a@x", *["4"] * 50],
            ["2026-11-04 10:00", "b@x", *[""] * 15, *["4"] * 35],
            ["2026-11-04 10:00", "c@x", *[""] * 5, *["4"] * 45],
        ],
    )
    assert [r.language for r in read(t, q).rows] == ["es", "en", "es"]


def test_a_tie_between_languages_goes_to_the_first_answered_column_on_every_run(q: Questionnaire) -> None:
    # 20 answers under Spanish headers and 20 under English ones: the row's language must not
    # depend on the hash seed (a set's order), so each header order gives its own first language.
    items = ids(q)
    row = ["2026-11-04 10:00", "a@x", *[""] * 10, *["4"] * 40]
    es_first = [*(q.items[i].text["es"] for i in items[:30]), *(q.items[i].text["en"] for i in items[30:])]
    en_first = [*(q.items[i].text["en"] for i in items[:30]), *(q.items[i].text["es"] for i in items[30:])]
    assert [r.language for r in read(table(["Timestamp", "Email", *es_first], [row]), q).rows] == ["es"]
    assert [r.language for r in read(table(["Timestamp", "Email", *en_first], [row]), q).rows] == ["en"]


def test_one_language_of_the_headers_is_every_row_language(q: Questionnaire) -> None:
    items = ids(q)
    header = ["Timestamp", "Email", *(q.items[i].text["en"] for i in items[:25]), *items[25:]]
    t = table(header, [["2026-11-04 10:00", "a@x", *[""] * 10, *["4"] * 40]])
    assert [r.language for r in read(t, q).rows] == ["en"]


def test_rows_left_out_with_their_reasons(q: Questionnaire) -> None:
    header = ["Timestamp", "Email", *ids(q)]
    t = table(
        header,
        [
            ["2026-11-04 10:00", "a@x", "Casi siempre", "9", "Casi siempre", *["4"] * 47],  # bad answers
            ["mañana", "b@x", "Casi siempre", *["4"] * 49],  # bad date, and a bad answer
            ["", "c@x", *["4"] * 50],  # no date
            ["2026-11-04 10:00", "d@x", "4", *[""] * 49],  # too few
            ["2026-11-04 10:00", "e@x", *["4"] * 50],
        ],
    )
    out = read(t, q)
    assert [r.row for r in out.rows] == [6]
    assert out.skipped == [
        Skipped(2, "imp_skip_bad_answers"),
        Skipped(3, "imp_skip_bad_date", {"value": "mañana"}),
        Skipped(4, "imp_skip_no_date"),
        Skipped(5, "imp_skip_too_few", {"answered": 1, "total": 50}),
    ]
    # an unusable answer is counted also in a row left out for its date
    casi = next(b for b in out.bad_values if b.text == "Casi siempre")
    assert (casi.cells, casi.columns, casi.rows) == (3, {2: ids(q)[0], 4: ids(q)[2]}, [2, 3])
    nine = next(b for b in out.bad_values if b.text == "9")
    assert (nine.kind, nine.cells, nine.columns, nine.rows) == ("range", 1, {3: ids(q)[1]}, [2])
    assert len(out.bad_values) == 2


def test_undated_rows_only_with_allow_undated(q: Questionnaire) -> None:
    t = table(["Email", *ids(q)], [["a@x", *["4"] * 50]])
    with pytest.raises(KamtrustError) as info:
        read(t, q)
    assert str(info.value).startswith("f.csv: no column holds the submission time ('Timestamp',")
    (row,) = read(t, q, allow_undated=True).rows
    assert (row.created_at, row.stamp_text) == (None, None)


def test_earlier_submissions_are_left_out_or_kept(q: Questionnaire) -> None:
    header = ["Timestamp", "Email", *ids(q)]
    t = table(
        header,
        [
            ["2026-11-04 12:00", "a@x", *["4"] * 50],
            ["2026-11-04 10:00", "A@X ", *["3"] * 50],
            ["2026-11-04 09:00", "a@x", *["4"] * 50],
            ["", "z@x", *["4"] * 50],
        ],
    )
    out = read(t, q)
    assert [r.row for r in out.rows] == [2] and out.duplicates_kept == []
    assert [(s.row, s.reason, s.values) for s in out.skipped] == [
        (3, "imp_skip_earlier", {"kept": 2, "who": "A@X", "account": "—"}),
        (4, "imp_skip_same_answers", {"kept": 2, "who": "a@x", "account": "—"}),
        (5, "imp_skip_no_date", {}),
    ]
    kept = read(t, q, keep_duplicates=True)
    assert [r.row for r in kept.rows] == [2, 3, 4] and [s.row for s in kept.duplicates_kept] == [3, 4]
    assert [s.row for s in kept.skipped] == [5]


def test_dates_summary(q: Questionnaire) -> None:
    t = table(["Timestamp", *ids(q)], [["46330.5", *["4"] * 50], ["2026-11-05 10:00+01:00", *["4"] * 50]])
    dates = read(t, q).dates
    assert (dates.local, dates.serial, dates.zone_name) == (True, True, "UTC")
    assert (dates.first, dates.last) == (
        datetime.fromisoformat("2026-11-04T12:00Z"),
        datetime.fromisoformat("2026-11-05T09:00Z"),
    )


def test_column_map_padding_uses_the_last_item_column(q: Questionnaire) -> None:
    cmap = ColumnMap({1: ids(q)[0], 5: ids(q)[1]}, {1: None, 5: None}, timestamp=0)
    t = table(["Timestamp", "a", "b", "c", "d", "e"], [["2026-11-04 10:00", "4"]])
    out = read(t, q, cmap=cmap)
    assert out.rows == [] and out.skipped == [Skipped(2, "imp_skip_too_few", {"answered": 1, "total": 50})]


# -- jsontext.dumps_indented --------------------------------------------------------------------

KEYS = (
    st.text(max_size=6) | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans() | st.none()
)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=25,
)


@given(ANY_JSON)
def test_indented_json_with_any_keys_and_tuples_is_the_standard_one(doc: object) -> None:
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2)


@pytest.mark.parametrize(
    "doc",
    [
        {"a": float("inf")},
        [1, float("-inf")],
        {float("nan"): 1},
        {1: 2, float("inf"): 1},
        float("nan"),
        {"a": {"b": [{"c": float("nan")}]}},
    ],
)
def test_indented_json_refuses_out_of_range_floats_as_json_does(doc: object) -> None:
    with pytest.raises(ValueError) as ours:
        dumps_indented(doc)
    with pytest.raises(ValueError) as theirs:
        json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("doc", [{(1, 2): 1}, {"a": {1, 2}}, [b"x"], object(), {"a": [1, {"b": object()}]}])
def test_indented_json_refuses_what_is_no_json_as_json_does(doc: object) -> None:
    with pytest.raises(TypeError) as ours:
        dumps_indented(doc)
    with pytest.raises(TypeError) as theirs:
        json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2)
    assert str(ours.value) == str(theirs.value)
