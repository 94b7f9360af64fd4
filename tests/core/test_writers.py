"""The file writers on their own: formats, types and formula safety."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from core.exports.columns import TimeColumn
from core.exports.writers import CSVWriter, JSONWriter, XLSXWriter, formula_safe

HEADER = ["name", "price", "count", "launched", "changed", "note"]
ROWS = [
    [
        "Bel Air",
        Decimal("3900.50"),
        3,
        datetime.date(2024, 3, 3),
        datetime.datetime(2024, 3, 3, 9, 30, tzinfo=datetime.UTC),
        None,
    ],
    ['Quote "and" comma, here', Decimal("-12.00"), -5, None, None, "line one\nline two"],
]
TRIGGERS = ["=1+2", "+33 1 23", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\nLF"]


def read(writer, header, rows):
    return b"".join(writer.chunks(header, rows))


@pytest.mark.parametrize("text", TRIGGERS)
def test_every_formula_trigger_is_escaped(text):
    assert formula_safe(text) == "'" + text


def test_numbers_and_plain_strings_are_left_alone():
    assert formula_safe(-5) == -5
    assert formula_safe(Decimal("-1.5")) == Decimal("-1.5")
    assert formula_safe("Bel Air") == "Bel Air"


def test_csv_round_trips_quotes_commas_and_newlines():
    parsed = list(csv.reader(io.StringIO(read(CSVWriter(), HEADER, ROWS).decode())))
    assert parsed[0] == HEADER
    assert parsed[1] == ["Bel Air", "3900.50", "3", "2024-03-03", "2024-03-03T10:30:00+01:00", ""]
    assert parsed[2][0] == 'Quote "and" comma, here' and parsed[2][5] == "line one\nline two"
    assert parsed[2][1] == "-12.00" and parsed[2][2] == "-5", "negative numbers must not be escaped"


def test_csv_uses_crlf_and_an_optional_bom():
    plain = read(CSVWriter(), ["a"], [["x"]])
    assert plain == b"a\r\nx\r\n"
    assert read(CSVWriter(bom=True), ["a"], [["x"]]).startswith("\ufeff".encode())


def test_csv_escapes_formulas_in_cells():
    parsed = list(
        csv.reader(io.StringIO(read(CSVWriter(), ["cell"], [[text] for text in TRIGGERS]).decode(), newline=""))
    )
    assert [row[0] for row in parsed[1:]] == ["'" + text for text in TRIGGERS]


def test_csv_streams_in_chunks_of_many_rows():
    chunks = list(CSVWriter().chunks(["n"], ([i] for i in range(5000))))
    assert 2 <= len(chunks) <= 4


def test_json_is_one_array_with_numbers_and_iso_dates():
    data = json.loads(read(JSONWriter(), HEADER, ROWS))
    assert data[0] == {
        "name": "Bel Air",
        "price": 3900.5,
        "count": 3,
        "launched": "2024-03-03",
        "changed": "2024-03-03T10:30:00+01:00",
        "note": None,
    }
    assert data[1]["price"] == -12.0 and data[1]["count"] == -5


def test_json_of_nothing_is_an_empty_array():
    assert json.loads(read(JSONWriter(), HEADER, [])) == []


def test_xlsx_has_typed_cells_a_bold_frozen_header_and_safe_strings(settings):
    settings.TIME_ZONE = "Europe/Paris"
    rows = [*ROWS, ["=HYPERLINK(1)", 1, 1, None, None, None]]
    book = openpyxl.load_workbook(io.BytesIO(read(XLSXWriter(), HEADER, rows)))
    sheet = book.active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].value == 3900.5 and sheet["C3"].value == -5
    assert sheet["D2"].value == datetime.datetime(2024, 3, 3)
    assert sheet["E2"].value == datetime.datetime(2024, 3, 3, 10, 30), "shown in the house's timezone"
    assert sheet["A4"].value == "'=HYPERLINK(1)"
    assert 8 <= sheet.column_dimensions["A"].width <= 62


WINTER = datetime.datetime(2024, 3, 5, 9, 0, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2024, 7, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("moment", "written"), [(WINTER, "2024-03-05T10:00:00+01:00"), (SUMMER, "2024-07-01T10:00:00+02:00")]
)
def test_csv_and_json_write_times_in_the_houses_timezone_with_their_offset(settings, moment, written):
    settings.TIME_ZONE = "Europe/Paris"
    assert list(csv.reader(io.StringIO(read(CSVWriter(), ["at"], [[moment]]).decode())))[1] == [written]
    assert json.loads(read(JSONWriter(), ["at"], [[moment]])) == [{"at": written}]


def test_the_house_timezone_wins_over_a_timezone_activated_for_the_request(settings):
    from django.utils import timezone

    settings.TIME_ZONE = "Europe/Paris"
    with timezone.override("America/New_York"):
        assert b"2024-03-05T10:00:00+01:00" in read(CSVWriter(), ["at"], [[WINTER]])


def test_time_columns_keep_their_plain_name_in_csv_and_json():
    header = ["name", TimeColumn("publish_at")]
    assert read(CSVWriter(), header, []).decode() == "name,publish_at\r\n"
    assert list(json.loads(read(JSONWriter(), header, [["x", None]]))[0]) == ["name", "publish_at"]


def test_xlsx_time_cells_are_house_time_and_their_header_names_the_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    header = ["name", TimeColumn("publish_at"), "launched"]
    rows = [["Bel Air", SUMMER, datetime.date(2024, 3, 3)], ["Rodeo", None, None]]
    sheet = openpyxl.load_workbook(io.BytesIO(read(XLSXWriter(), header, rows))).active
    assert [cell.value for cell in sheet[1]] == ["name", "publish_at (Europe/Paris)", "launched"]
    assert sheet["B2"].value == datetime.datetime(2024, 7, 1, 10, 0)
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
