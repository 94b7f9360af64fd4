"""What a cached page shows, and what an edit makes stale.

A page (or a piece of cached data) is stored with the *tags* of what it was built from:

- `products.product:12`: an item it shows. Recorded by itself: every instance of a content model loaded while
  the page is built adds its tag (`post_init`), the card of a related product as much as the page's own item.
- `products.product:12#page`: the item's own page, for what only it shows (`shows_page()`).
- `products.product`: a list of a type, where a new, removed or reordered item must show (the catalogue, the
  home page, search, sitemaps). Recorded by the views that list (`shows_lists()`), and by cached data.
- `products.product#search`: search results over that type's text.
- `products.product#edits`: every edit of that type, for pages showing each item's last change (sitemaps, feeds).
- `all`: every page (bulk writes that send no signals).

An edit stamps the tags it touches with the next value of one counter (`ContentVersion`), in the editor's own
transaction, in the database (`CacheTag`); a cached page is stale when any of its tags carries a stamp newer than
the counter it read before it was built. So the edit is on every worker and every cache backend as soon as it
commits, and an edit touches a bounded number of rows whatever the catalogue's size.

What an edit touches (`tags_for_change`): always the item; its list and search tags unless only fields shown on
its own page changed (`Model.page_fields`, `Model.search_fields`); the pages of the items that list it beside
their own (`neighbours()`: a product's family, its campaigns); the items whose visibility follows it (`followers()`:
a series' campaigns); for a part of an item (a variant, a
picture) the item's tags (`Model.cache_parents`, and its lists when `cache_parent_lists`).
"""

import contextlib
import contextvars
import functools

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete, pre_save

from .models import CacheTag, ContentVersion
from .publishing import Publishable, content_models

ALL = "all"
_collector = contextvars.ContextVar("cache_tags", default=None)


# --- Tag names -----------------------------------------------------------------------------------------------


def item_tag(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def page_tag(model, pk):
    """The item's own page: what only it shows (a product's description, a campaign's film)."""
    return f"{model._meta.label_lower}:{pk}#page"


def list_tag(model):
    return model._meta.label_lower


def search_tag(model):
    return f"{model._meta.label_lower}#search"


def edits_tag(model):
    """Every edit of a type, however small: for pages that show when each item last changed (sitemaps, feeds)."""
    return f"{model._meta.label_lower}#edits"


def scope_tag(model, field, value):
    """A list of a type narrowed to one value of a field: a product's family."""
    return f"{model._meta.label_lower}~{field}={value}"


def list_tags(*models_shown):
    """The list tags of these types and of the parents their visibility follows (a campaign's series)."""
    tags = set()
    for model in models_shown:
        tags.add(list_tag(model))
        for parent in getattr(model, "published_through", ()):
            tags.add(list_tag(model._meta.get_field(parent).related_model))
    return tags


# --- Recording what a page shows -----------------------------------------------------------------------------


class Recording:
    """Collects the tags of what is built inside `with Recording() as tags:` (a page, or data kept for pages)."""

    def __init__(self):
        self.tags = {ALL}

    def __enter__(self):
        self._token = _collector.set(self)
        return self.tags

    def __exit__(self, *exc):
        _collector.reset(self._token)
        outer = _collector.get()
        if outer is not None:  # data built for a page is part of the page
            outer.tags |= self.tags


@contextlib.contextmanager
def not_recorded():
    """Reads that are about the cache, not the page (the schedule of upcoming changes)."""
    token = _collector.set(None)
    try:
        yield
    finally:
        _collector.reset(token)


def record(tags):
    """Add tags to what is being built, if anything is (outside a page build this does nothing)."""
    recording = _collector.get()
    if recording is not None:
        recording.tags |= set(tags)


def shows_lists(*models_shown):
    """For a view that lists these types: a new, removed or reordered item must make its page stale."""
    record(list_tags(*models_shown))


def shows_page(item):
    """For an item's own page: an edit to what only that page shows makes it stale."""
    record({page_tag(type(item), item.pk)})


def shows_edits(*models_shown):
    """For a page that shows every item of these types with its last change (a sitemap, a feed): any edit to one
    of them, or to a part of one (a gallery picture), must make it stale."""
    record(list_tags(*models_shown) | {edits_tag(model) for model in models_shown})


def shows_search(*models_searched):
    """For a page of results found in these types' text: an edit to the text searched must make it stale."""
    record(list_tags(*models_searched) | {search_tag(model) for model in models_searched})


def shows_scope(model, **scope):
    """For a page listing the items of `model` that share a value (`family="Bel Air"`): an item joining or
    leaving that group must make it stale. The field must be in `model.cache_scopes`."""
    record(scope_tag(model, field, value) for field, value in scope.items())


def _record_instance(sender, instance, **kwargs):
    recording = _collector.get()
    if recording is not None and instance.pk is not None:
        recording.tags.add(item_tag(sender, instance.pk))


# --- Stamps ---------------------------------------------------------------------------------------------------


def current_version():
    """The counter every stamp comes from; read before building, so an edit committed meanwhile is newer.

    Read on every cached page served, so as one plain statement (Django's `connection.cursor()`): through the
    ORM, compiling the query cost as much as the rest of serving the page from the cache.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {ContentVersion._meta.db_table} WHERE id = %s", [1])
        row = cursor.fetchone()
    return row[0] if row else 0


@functools.lru_cache(maxsize=1024)
def changed_since(built_at, version):
    """The tags stamped after `built_at`, read when the current version was `version`.

    A page built at `built_at` is stale if it carries one of them. What was stamped up to `version` can only be
    restamped later, never unstamped, so the answer for a pair of versions never goes wrong (a later reader may
    see more, which is only more careful); each worker reads it once per pair, not once per page. Few tags: what
    editors touched in one page lifetime. Versions only grow; a database restored to an older state repeats them,
    so restart the workers and empty the cache after a restore (README, "Production").
    """
    return frozenset(CacheTag.objects.filter(version__gt=built_at).values_list("tag", flat=True))


def invalidate(tags):
    """Stamp `tags` with the next version, in the caller's transaction: stale for every page that shows them."""
    tags = sorted(set(tags))
    if not tags:
        return
    with transaction.atomic():
        if not ContentVersion.objects.filter(pk=1).update(version=models.F("version") + 1):
            ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})
        version = current_version()
        CacheTag.objects.bulk_create(
            [CacheTag(tag=tag, version=version) for tag in tags],
            update_conflicts=True,
            unique_fields=["tag"],
            update_fields=["version"],
        )


def invalidate_all(**_signal_kwargs):
    """Every cached page and piece of data is stale: for bulk writes that send no signals."""
    invalidate([ALL])


# --- What a change touches -----------------------------------------------------------------------------------


def tags_for_item(instance, changed=None, before=None):
    """The tags a change to `instance` touches. `changed` is the set of changed field names, None for a creation,
    a deletion or an unknown change; `before` the stored row (by attribute name) before the change."""
    model = type(instance)
    page_only = set(getattr(model, "page_fields", ()))
    searched = set(getattr(model, "search_fields", ()))
    tags = {page_tag(model, instance.pk), edits_tag(model)}
    if changed is not None and changed <= page_only | searched:
        # Nothing a card or a list shows: the item's page, and search results if their text changed.
        return tags | ({search_tag(model)} if changed & searched else set())
    tags |= {item_tag(model, instance.pk), search_tag(model)}
    return tags | {list_tag(model)} | neighbours(instance, before or {}) | followers(instance)


@functools.cache
def _follower_fields(model):
    """(child model, foreign key name) for every type whose visibility follows `model` (`published_through`)."""
    return tuple(
        (child, name)
        for child in content_models()
        for name in getattr(child, "published_through", ())
        if child._meta.get_field(name).related_model is model
    )


def followers(instance):
    """What the items whose visibility follows `instance` touch (a series' campaigns: publishing the series shows
    them, on their pages and on the pages that list them, such as their products' and ambassadors').

    Bounded by the item's children (a series' installments), never by the catalogue.
    """
    tags = set()
    for child_model, name in _follower_fields(type(instance)):
        for child in child_model._base_manager.filter(**{name: instance.pk}):
            tags |= tags_for_item(child)
    return tags


def neighbours(instance, before):
    """The tags of pages that list `instance` beside their own item: it joins, leaves or moves in their lists.

    One step along every relation to items that have pages, before and after the change: the items it is linked to
    many-to-many (a campaign's ambassadors and products, a product's campaigns), the content items it points to (a
    product's collection, a campaign's series) and the groups it belongs to (`cache_scopes`: a product's family).
    Pages reaching further (an ambassador's products, through her campaigns) loaded the step between, so carry
    its tag. Bounded by the item's relations, never by the catalogue.
    """
    model = type(instance)
    tags = set()
    for field in model._meta.get_fields():
        target = field.related_model
        if target is None or not issubclass(target, Publishable) or (field.auto_created and not field.many_to_many):
            # Only items with pages of their own list others (not a brand, a category or a material); reverse
            # foreign keys are parts of this item (variants, pictures), not pages listing it.
            continue
        if field.many_to_many:
            accessor = field.name if not field.auto_created else field.get_accessor_name()
            tags |= {item_tag(target, pk) for pk in getattr(instance, accessor).values_list("pk", flat=True)}
        elif field.many_to_one:  # the parent's page lists its children (a collection's products)
            for pk in {getattr(instance, field.attname), before.get(field.attname)} - {None}:
                tags.add(page_tag(target, pk))
    for name in getattr(model, "cache_scopes", ()):
        attname = model._meta.get_field(name).attname
        values = {getattr(instance, attname), before.get(attname)} - {None, ""}
        tags |= {scope_tag(model, name, value) for value in values}
    return tags


def parent_tags(instance, before=None):
    """The tags of the items `instance` is part of (a variant's product), by key: the parent may be gone; with
    `before` (the stored row), of the one it was part of too (a variant moved to another product).

    How far a change to a part reaches is `Model.cache_reach`: "page" (the parent's own page: a feature, a
    credit), "card" (and wherever its card is: a picture may be the cover) or "lists" (and the lists of its
    type, which sort and filter by it: a variant's price, colour and size).
    """
    tags = set()
    reach = getattr(type(instance), "cache_reach", "card")
    rows = [vars(instance)] + ([before] if before else [])
    for name in getattr(type(instance), "cache_parents", ()):
        for row in rows:
            parent_model, pk = _parent(type(instance)._meta.get_field(name), row)
            if pk is None or parent_model is None:
                continue
            tags |= {page_tag(parent_model, pk), edits_tag(parent_model)}
            if reach in ("card", "lists"):
                tags.add(item_tag(parent_model, pk))
            if reach == "lists":
                tags |= {list_tag(parent_model), search_tag(parent_model)}
    return tags


def _parent(field, row):
    """(parent model, parent pk) a row (attribute names to values) points to through `field`."""
    if isinstance(field, GenericForeignKey):  # content_type and object_id (a quote's subject)
        content_type_id = row.get(field.ct_field + "_id")
        model = ContentType.objects.get_for_id(content_type_id).model_class() if content_type_id else None
        return model, row.get(field.fk_field)
    return field.related_model, row.get(field.attname)


def _narrows(model):
    """Whether the stored row matters to what a save of `model` touches: which fields changed, what it was
    related to before."""
    return any(
        getattr(model, name, ()) for name in ("page_fields", "search_fields", "cache_scopes", "cache_parents")
    ) or any(
        field.many_to_one and issubclass(field.related_model, Publishable) for field in model._meta.concrete_fields
    )


def _remember_before(sender, instance, raw=False, **kwargs):
    """Before a save: the stored row (by attribute name), to tell what changed and what it was related to."""
    instance._cache_before = None
    if raw or instance.pk is None or instance._state.adding or not _narrows(sender):
        return
    attnames = [field.attname for field in sender._meta.concrete_fields]
    instance._cache_before = sender._base_manager.filter(pk=instance.pk).values(*attnames).first()


def _changed_fields(instance):
    """({changed field names}, stored row), or (None, {}) when the stored row is unknown."""
    before = getattr(instance, "_cache_before", None)
    if before is None:
        return None, {}
    changed = {
        # A language's column (`description_fr`) reaches what its field does (`description` in search_fields).
        getattr(field, "translated_field", field).name
        for field in type(instance)._meta.concrete_fields
        if getattr(instance, field.attname) != before[field.attname]
    }
    return changed - {"updated_at", "created_at", "translated_from", "needs_translation"}, before


def _changed(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    changed, before = (None, {}) if created else _changed_fields(instance)
    invalidate(tags_for_item(instance, changed, before) | parent_tags(instance, before))


def _deleting(sender, instance, **kwargs):
    """Before a delete: what it touches, while its relations still exist."""
    instance._cache_tags = tags_for_item(instance) | parent_tags(instance)


def _deleted(sender, instance, **kwargs):
    invalidate(getattr(instance, "_cache_tags", None) or tags_for_item(instance) | parent_tags(instance))


def _relation_changed(sender, instance, action, model, pk_set, **kwargs):
    if action == "pre_clear":  # the items about to be unlinked are among the neighbours now
        invalidate(tags_for_item(instance))
    elif action in ("post_add", "post_remove"):
        tags = tags_for_item(instance)
        for related in model._base_manager.filter(pk__in=pk_set):
            tags |= tags_for_item(related)
        invalidate(tags)


def connect():
    """Record what pages show, and stamp what every save, delete and many-to-many change of content touches."""
    for model in content_models():
        uid = f"cache-tags:{model._meta.label}"
        post_init.connect(_record_instance, sender=model, dispatch_uid=uid + ":init")
        pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + ":before")
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        pre_delete.connect(_deleting, sender=model, dispatch_uid=uid + ":deleting")
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through  # .add() and .set() write through rows without saves
            m2m_changed.connect(_relation_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")
