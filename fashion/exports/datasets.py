"""What a dataset is, and the registry of them.

A dataset (an `Exporter`) yields a header and rows of plain values from one
queryset. It knows nothing of file formats. Each app declares its datasets
in its `exports.py`, found by `autodiscover()` like admin.py.

Rows come from one streamed query for the main table, plus one streamed
query per list column (features, ambassadors…), both ordered by the parent's
id and merged as they are read (`ChildValues`). The number of queries is
therefore fixed per dataset, whatever the number of rows, and memory holds
one chunk at a time.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from fashion.publishing import Status, published_q

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


class ChildValues:
    """Values of a child table grouped by parent id, read in step with the parents.

    `rows` yields (parent_id, *values) sorted by parent_id; `take(parent_id)`
    must be called with ascending ids. Rows for parents that are not asked
    for are skipped, so the child query may be wider than the parent one.
    """

    def __init__(self, rows):
        self._rows = iter(rows)
        self._next = None
        self._started = False

    def take(self, parent_id):
        if not self._started:
            self._next = next(self._rows, None)
            self._started = True
        while self._next is not None and self._next[0] < parent_id:
            self._next = next(self._rows, None)
        found = []
        while self._next is not None and self._next[0] == parent_id:
            found.append(self._next[1] if len(self._next) == 2 else self._next[1:])
            self._next = next(self._rows, None)
        return found


def slug_url_builder(base_url, viewname):
    """A fast slug → public URL function for `viewname`: reverse() once, not once per row."""
    template = base_url + reverse(viewname, kwargs={"slug": "SLUG-PLACEHOLDER"})
    return lambda slug: template.replace("SLUG-PLACEHOLDER", slug)


def joined(values, separator="; "):
    return separator.join(str(value) for value in values if value not in (None, ""))


class Exporter:
    """Base for a dataset. Subclasses set `name`, `model`, `header` and write `rows()`.

    `brand_path`, `status_path` and `updated_path` say where the filters of
    `manage.py export` (--brand, --status, --since) look for this model.
    """

    name = ""
    model = None
    header = []
    brand_path = "brand"
    status_path = ""
    updated_path = "updated_at"

    def __init__(self, *, base_url=""):
        self.base_url = base_url.rstrip("/")

    def queryset(self):
        return self.model._default_manager.all()

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

    def rows(self, queryset):
        raise NotImplementedError

    @staticmethod
    def ids_of(queryset):
        """The queryset as a subquery of ids, for the child queries."""
        return queryset.order_by().values("pk")
