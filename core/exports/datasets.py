"""What a dataset is, and the registry of them.

A dataset (an `Exporter`) yields a header and rows of plain values from one
queryset. It knows nothing of file formats. Each app declares its datasets
in its `exports.py`, found by `autodiscover()` like admin.py.

Rows come from one streamed query for the main table, in the queryset's own
order (the admin changelist's sort, or the model's default ordering), read in
chunks of CHUNK_SIZE; each list column (features, ambassadors…) is one query
per chunk, for that chunk's parent ids (`with_children`). So the number of
queries is fixed per chunk of rows, never one per row, any order works, and
memory holds one chunk at a time.
"""

import datetime
import itertools

from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules

from core.publishing import Status, published_q
from core.translations import columns, text_in_language, translated_fields, unrewritten

from .columns import Column

CHUNK_SIZE = 2000
STATUSES = ("draft", "published", "live")

_registry = {}


def register(exporter_class):
    """Class decorator: make a dataset available to the admin and `manage.py export`."""
    _registry[exporter_class.name] = exporter_class
    return exporter_class


def autodiscover():
    autodiscover_modules("exports")


def datasets():
    """Dataset names, in a stable order."""
    return sorted(_registry)


def exporter_for(name, **options):
    """A new exporter for dataset `name`; KeyError if there is none."""
    return _registry[name](**options)


def exporter_for_model(model):
    for exporter_class in _registry.values():
        if exporter_class.model is model:
            return exporter_class
    return None


def with_children(main, **children):
    """Yield (row, {name: values}) for each row of `main`, in `main`'s own order.

    `main` is a values_list() queryset whose first column is the parent's id.
    Each of `children` is a function of a list of parent ids returning rows of
    (parent_id, *values) in the order the values should appear within a parent.
    They run once per chunk of parents: rows come out in whatever order the
    changelist shows, with a fixed number of queries per chunk and memory for
    one chunk (a merge in step would need both queries in id order).
    """
    for chunk in itertools.batched(main.iterator(CHUNK_SIZE), CHUNK_SIZE):
        ids = [row[0] for row in chunk]
        found = {name: grouped(fetch(ids)) for name, fetch in children.items()}
        for row in chunk:
            yield row, {name: values.get(row[0], ()) for name, values in found.items()}


def grouped(rows):
    """{parent_id: [value, ...]} from (parent_id, *values) rows; one value or a tuple of several."""
    values = {}
    for parent_id, *rest in rows:
        values.setdefault(parent_id, []).append(rest[0] if len(rest) == 1 else tuple(rest))
    return values


def visibility(prefix="", now=None):
    """The word editors see (`Publishable.visibility()`: live, scheduled, expired or draft) as a query expression.

    Computed by the database in the main query, so the column costs no query per row.
    """
    now = now or timezone.now()
    return Case(
        When(~Q(**{f"{prefix}status": Status.PUBLISHED}), then=Value("draft")),
        When(Q(**{f"{prefix}publish_at__gt": now}), then=Value("scheduled")),
        When(Q(**{f"{prefix}unpublish_at__lte": now}), then=Value("expired")),
        default=Value("live"),
    )


def slug_url_builder(base_url, viewname):
    """A fast slug → public URL function for `viewname`: reverse() once, not once per row."""
    template = base_url + reverse(viewname, kwargs={"slug": "SLUG-PLACEHOLDER"})
    return lambda slug: template.replace("SLUG-PLACEHOLDER", slug)


# Where an item stands, in every dataset: its status, the word editors see (annotated "visible"), and its dates.
PUBLISHING_COLUMNS = [
    Column("status"),
    Column("visibility", "visible"),
    Column("publish_at", time=True),
    Column("unpublish_at", time=True),
]


class Exporter:
    """Base for a dataset. Subclasses set `name`, `model` and `columns` (core.exports.columns.Column), and may add
    `children` (list columns), `annotations()` (computed database columns) and `public_url` (the view name of the
    item's public page, for a last "url" column).

    `brand_path`, `status_path` and `updated_path` say where the filters of
    `manage.py export` (--brand, --status, --since) look for this model.
    """

    name = ""
    model = None
    columns = []
    # {name: function of a list of parent ids giving (parent_id, *values) rows}: see with_children().
    children = {}
    public_url = ""
    slug_path = "slug"
    brand_path = "brand"
    status_path = ""
    updated_path = "updated_at"

    def __init__(self, *, base_url="", every_language=False):
        self.base_url = base_url.rstrip("/")
        # One column per language for each translated text of the item itself (`name_en`, `name_fr`…), for
        # translators working from a spreadsheet; texts of related items stay in the export's language.
        self.every_language = every_language
        # Translated texts are written in the language active when the export is asked for (the editor's, or
        # `export --language`), even though rows are read later, as the file streams out.
        self.language = translation.get_language()

    def queryset(self):
        """Everything, in the model's default ordering (then by id): the command line's documented order."""
        return self.model._default_manager.order_by(*self.model._meta.ordering, "pk")

    def filter(self, queryset, *, status=None, brand=None, since=None):
        """Narrow a queryset by publication status, brand slug and last change date."""
        prefix = f"{self.status_path}__" if self.status_path else ""
        if status == "live":
            queryset = queryset.filter(published_q(prefix))
        elif status in (Status.DRAFT, Status.PUBLISHED):
            queryset = queryset.filter(**{f"{prefix}status": status})
        if brand:
            queryset = queryset.filter(**{f"{self.brand_path}__slug": brand})
        if since:
            if isinstance(since, datetime.date) and not isinstance(since, datetime.datetime):
                since = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
            queryset = queryset.filter(**{f"{self.updated_path}__gte": since})
        return queryset

    def in_language(self, fetch):
        """A child list's query, built in the export's language whenever it runs."""

        def fetch_in_language(ids):
            with translation.override(self.language):
                return fetch(ids)

        return fetch_in_language

    def annotations(self):
        """{name: expression} computed by the database in the main query, for columns to read by name."""
        return {}

    def all_annotations(self):
        """The dataset's annotations, and "visible" (PUBLISHING_COLUMNS) for every dataset."""
        prefix = f"{self.status_path}__" if self.status_path else ""
        return {"visible": visibility(prefix), **self.annotations()}

    def all_columns(self):
        columns = [*self.language_columns()]
        if not self.public_url:
            return columns
        url, slug = slug_url_builder(self.base_url, self.public_url), self.slug_path
        return [*columns, Column("url", value=lambda row: url(row[slug]), reads=[slug])]

    def language_columns(self):
        """The dataset's columns, each translated text of the item split into its languages when asked."""
        translated = set(translated_fields(self.model)) if self.every_language else set()
        for column in self.columns:
            if len(column.paths) == 1 and column.paths[0] in translated and column.name == column.paths[0]:
                yield from (Column(name) for name in columns(column.name))
            else:
                yield column

    @property
    def header(self):
        return [column.name for column in self.all_columns()]

    def paths(self):
        """The main query's columns: every path a column reads, once, in column order."""
        paths = (path for column in self.all_columns() for path in column.paths)
        return list(dict.fromkeys(path for path in paths if path not in self.children))

    def rows(self, queryset):
        """Yield one list of plain values per item, in `queryset`'s order: one main query, one query per chunk
        and child list."""
        with translation.override(self.language):
            columns = self.all_columns()  # the public URL in the export's language
            values = [getattr(self, c.value) if isinstance(c.value, str) else c.value for c in columns]
            paths = self.paths()
            # Every translated text by its explicit columns, chosen now: rows stream out later, in whatever
            # language is active then, and modeltranslation would rewrite a plain `name` at that moment.
            texts = [text_in_language(self.model, path) for path in paths]
            main = unrewritten(queryset).annotate(**self.all_annotations()).values_list("pk", *texts)
            children = {name: self.in_language(fetch) for name, fetch in self.children.items()}
        for row, lists in with_children(main, **children):
            record = dict(zip(paths, row[1:], strict=True)) | lists
            with translation.override(self.language):  # words a column composes ("napa leather lining")
                cells = [value(record) for value in values]
            yield cells
