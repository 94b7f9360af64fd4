"""Names of items for the admin and history."""

from django.core.exceptions import ObjectDoesNotExist


def related_name(instance, field):
    """`str()` of what `instance.field` points to, or its id when that row has been deleted since: a historical copy
    of a variant keeps the id of a colorway deleted later, and its name must not break the history pages."""
    try:
        related = getattr(instance, field)
    except ObjectDoesNotExist:
        return f"#{getattr(instance, field + '_id')}"
    return "" if related is None else str(related)
