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
