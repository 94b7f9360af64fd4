"""One writer per file format. A writer turns any header and rows into bytes.

Writers know nothing of our models: a row is a sequence of plain values
(str, int, float, Decimal, date, datetime, bool or None). They yield the file
in chunks of many rows, because one HTTP chunk per row (Django's docs recipe)
measured five times slower.

Every file states its times' zone: CSV and JSON write aware date-times in the
house's timezone (settings.TIME_ZONE) with their offset, so a reader anywhere
gets the instant right and an editor in Paris reads the time they scheduled;
XLSX cells cannot hold an offset, so they hold house time and the header of a
`TimeColumn` names the zone.
"""

import csv
import datetime
import io
import itertools
import json
import os
import tempfile
from decimal import Decimal

import xlsxwriter
from django.utils import timezone

from .columns import TimeColumn

ROWS_PER_CHUNK = 2000
# OWASP CSV injection: a spreadsheet treats a cell starting with these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_safe(value):
    """Prefix a string that a spreadsheet would run as a formula with a single quote.

    Only strings: numbers (negative ones included) stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def house_time(value):
    """An aware datetime in the house's timezone (settings.TIME_ZONE), whatever zone a request activated."""
    return value.astimezone(timezone.get_default_timezone()) if timezone.is_aware(value) else value


def house_time_text(value):
    """ISO 8601 with the offset for a datetime ("2024-03-05T10:00:00+01:00"), plain ISO for a date."""
    return house_time(value).isoformat() if isinstance(value, datetime.datetime) else value.isoformat()


def local_naive(value):
    """A datetime in the house's timezone without tzinfo, for spreadsheets that have no timezones."""
    return house_time(value).replace(tzinfo=None)


def zoned_header(name):
    """A header cell for a format without offsets: a time column's name says its zone."""
    return f"{name} ({timezone.get_default_timezone_name()})" if isinstance(name, TimeColumn) else str(name)


class CSVWriter:
    """RFC 4180 CSV in UTF-8; `bom=True` adds the byte-order mark Excel needs to read UTF-8."""

    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def __init__(self, *, bom=False, safe=True):
        self.bom = bom
        self.safe = safe

    def cell(self, value):
        """One value as CSV text. The hot loop of every CSV export: common types first."""
        kind = type(value)
        if kind is str:
            return formula_safe(value) if self.safe else value
        if value is None:
            return ""
        if kind is bool:
            return "true" if value else "false"
        if kind is datetime.datetime or kind is datetime.date:
            return house_time_text(value)
        return value

    def chunks(self, header, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        cell = self.cell
        writer.writerow(map(cell, map(str, header)))
        pending = 0
        prefix = "\ufeff" if self.bom else ""
        for row in rows:
            writer.writerow(map(cell, row))
            pending += 1
            if pending == ROWS_PER_CHUNK:
                yield (prefix + buffer.getvalue()).encode()
                prefix, pending = "", 0
                buffer.seek(0)
                buffer.truncate()
        yield (prefix + buffer.getvalue()).encode()


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return house_time_text(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class JSONWriter:
    """One JSON array of objects keyed by the header; numbers as numbers, dates as ISO 8601."""

    extension = "json"
    content_type = "application/json"

    def chunks(self, header, rows):
        encoder = json.JSONEncoder(default=_json_value, ensure_ascii=False)
        header = [str(name) for name in header]
        parts = ["["]
        separator = "\n"
        for row in rows:
            parts.append(separator + encoder.encode(dict(zip(header, row, strict=True))))
            separator = ",\n"
            if len(parts) >= ROWS_PER_CHUNK:
                yield "".join(parts).encode()
                parts = []
        parts.append("\n]\n")
        yield "".join(parts).encode()


class XLSXWriter:
    """Typed cells, bold frozen header, widths guessed from the first rows; constant memory.

    xlsxwriter's constant_memory mode flushes each row to disk as it goes;
    the finished workbook (a zip, which cannot be streamed while built) is
    then read back in blocks.
    """

    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    SAMPLE_ROWS = 50
    MAX_WIDTH = 60

    def __init__(self, *, safe=True):
        self.safe = safe

    def chunks(self, header, rows):
        with tempfile.TemporaryDirectory(prefix="maison-export-") as folder:
            path = os.path.join(folder, "export.xlsx")
            self._build(path, header, rows)
            with open(path, "rb") as built:
                while block := built.read(256 * 1024):
                    yield block

    def _build(self, path, header, rows):
        workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": os.path.dirname(path)})
        sheet = workbook.add_worksheet("Export")
        formats = {
            "header": workbook.add_format({"bold": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        }
        rows = iter(rows)
        sample = [row for _, row in zip(range(self.SAMPLE_ROWS), rows, strict=False)]
        header = [zoned_header(name) for name in header]
        for column, name in enumerate(header):
            widest = max([len(name)] + [len(self._shown(row[column])) for row in sample])
            sheet.set_column(column, column, min(widest + 2, self.MAX_WIDTH))
        sheet.freeze_panes(1, 0)
        for column, name in enumerate(header):
            sheet.write_string(0, column, name, formats["header"])
        number = 0
        for number, row in enumerate(itertools.chain(sample, rows), start=1):
            for column, value in enumerate(row):
                self._write(sheet, number, column, value, formats)
        sheet.autofilter(0, 0, max(number, 1), max(len(header) - 1, 0))
        workbook.close()

    @staticmethod
    def _shown(value):
        if isinstance(value, datetime.datetime):
            return "yyyy-mm-dd hh:mm"
        return "" if value is None else str(value)

    def _write(self, sheet, row, column, value, formats):
        if value is None:
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, int | float | Decimal):
            sheet.write_number(row, column, float(value))
        elif isinstance(value, datetime.datetime):
            sheet.write_datetime(row, column, local_naive(value), formats["datetime"])
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, column, value, formats["date"])
        else:
            sheet.write_string(row, column, formula_safe(str(value)) if self.safe else str(value))


WRITERS = {"csv": CSVWriter, "json": JSONWriter, "xlsx": XLSXWriter}


def writer_for(file_format, *, bom=False):
    """The writer for `file_format` ("csv", "json", "xlsx"); KeyError for anything else."""
    if file_format == "csv":
        return CSVWriter(bom=bom)
    return WRITERS[file_format]()
