"""What a dataset may say about a column beyond its name, for writers to honour.

Neither models nor formats live here: datasets mark columns, writers read the marks.
"""


class TimeColumn(str):
    """The name of a column of date-times (aware, in UTC from the database).

    Writers state the house's timezone for them: CSV and JSON write each time
    with its offset; XLSX, whose cells cannot hold an offset, names the zone
    in the header ("publish_at (Europe/Paris)").
    """

    __slots__ = ()


class Column:
    """One column of a dataset, declared once: its header and where its value comes from.

    - `Column("status")` is the field of that name; `Column("brand", "brand__name")` a database path. Every
      path is read in the dataset's one main query (`Exporter.rows`).
    - `Column("features", value=joined_list("features"))` is computed from the row: a dict of every path read
      and every child list of the dataset (`Exporter.children`). `value` is a function of that dict, or the name
      of an exporter method taking it; `reads` names the paths it needs.
    - `time=True` marks date-times (TimeColumn), so writers state their zone.
    """

    def __init__(self, name, path=None, *, value=None, reads=(), time=False):
        self.name = TimeColumn(name) if time else name
        if value is None:
            path = path or name
            self.paths, self.value = (path,), lambda row: row[path]
        else:
            self.paths, self.value = tuple(reads), value

    def __repr__(self):
        return f"Column({self.name!r})"


def joined(values, separator="; "):
    """A list as one cell: "Calfskin exterior; Napa lining"."""
    return separator.join(str(value) for value in values if value not in (None, ""))


def joined_list(name, separator="; "):
    """A `value` for a column showing the child list `name` as one cell."""
    return lambda row: joined(row[name], separator)
