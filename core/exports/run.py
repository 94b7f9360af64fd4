"""Running one export: rows through a writer, counted, timed and logged."""

import time

from core.models import ExportLog


def storable(filters):
    """The filters without NUL characters, which PostgreSQL cannot store in JSON: the log line must be written."""
    return {
        str(key).replace("\x00", "\ufffd"): value.replace("\x00", "\ufffd") if isinstance(value, str) else value
        for key, value in filters.items()
    }


def stream_export(exporter, queryset, writer, *, actor, user=None, source, filters, progress=None):
    """Yield the file's bytes; record the export in the log when the stream ends.

    The log line is written even when the stream stops early (a closed
    browser tab), with `completed` false, so every export leaves a trace.
    `progress(rows, seconds)` is called every few thousand rows.
    """
    started = time.monotonic()
    counted = {"rows": 0}

    def counting(rows):
        for row in rows:
            counted["rows"] += 1
            if progress and counted["rows"] % 10_000 == 0:
                progress(counted["rows"], time.monotonic() - started)
            yield row

    completed = False
    try:
        yield from writer.chunks(exporter.header, counting(exporter.rows(queryset)))
        completed = True
    finally:
        ExportLog.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            actor=actor,
            source=source,
            dataset=exporter.name,
            file_format=writer.extension,
            filters=storable(filters),
            rows=counted["rows"],
            duration=round(time.monotonic() - started, 3),
            completed=completed,
        )
        if progress:
            progress(counted["rows"], time.monotonic() - started)
