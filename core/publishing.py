"""The publishing rule every public type shares.

An item is visible to visitors iff its status is "published", its publish_at
is empty or not in the future, and its unpublish_at is empty or in the future.
Visibility is computed at query time, so a scheduled launch needs no cron job.
Views, sitemaps, feeds, search and related-item lists all go through
`published()` (or `published_q()` for a related item's own rule).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_q(prefix="", now=None):
    """The publishing rule as a Q object, for this model or one reached via `prefix`.

    `prefix` is a lookup path ending in "__" (e.g. "series__") so a queryset can
    require a related item to be published too.
    """
    now = now or timezone.now()
    return (
        models.Q(**{f"{prefix}status": Status.PUBLISHED})
        & (models.Q(**{f"{prefix}publish_at__isnull": True}) | models.Q(**{f"{prefix}publish_at__lte": now}))
        & (models.Q(**{f"{prefix}unpublish_at__isnull": True}) | models.Q(**{f"{prefix}unpublish_at__gt": now}))
    )


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Items visitors may see at `now` (default: this instant): their own rule and their parents'."""
        now = now or timezone.now()
        rule = published_q(now=now)
        for parent in self.model.published_through:
            rule &= published_q(f"{parent}__", now=now)
        return self.filter(rule)


class Publishable(models.Model):
    """Abstract base for every type that has a public page."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Drafts are never shown to visitors, whatever the dates below say."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Optional. When published, the item goes live at this time. Empty means at once."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Optional. The item comes down at this time. Empty means it stays up."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    # Foreign keys to publishable parents whose visibility this item follows (a campaign shows only while
    # its series does). One list for the rule (`published()`) and for the admin, where moving a published
    # item to another parent is a publishing act.
    published_through = ()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(publish_at__isnull=True)
                | models.Q(unpublish_at__isnull=True)
                | models.Q(unpublish_at__gt=models.F("publish_at")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message=_("“Unpublish at” must be later than “publish at”."),
            )
        ]

    def is_published(self, now=None):
        """The same rule as `published()`, for one item already in memory: its own dates and its parents'
        (`published_through`; a query each unless loaded)."""
        now = now or timezone.now()
        return self.publishes_itself(now) and all(
            getattr(self, parent).is_published(now) for parent in self.published_through
        )

    def publishes_itself(self, now=None):
        """Whether the item's own status and dates make it live at `now`, whatever its parents say."""
        now = now or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def visibility(self, now=None):
        """A word for editors: live, scheduled, expired or draft."""
        now = now or timezone.now()
        if self.status != Status.PUBLISHED:
            return _("draft")
        if self.publish_at and self.publish_at > now:
            return _("scheduled")
        if self.unpublish_at and self.unpublish_at <= now:
            return _("expired")
        return _("live")


def content_models():
    """Every model whose rows visitors see (settings.CONTENT_APPS), simple_history's copies aside: what the page
    cache watches and whose files are cleaned up with their rows."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in settings.CONTENT_APPS and not model.__name__.startswith("Historical")
    ]


def publishable_models():
    """Every concrete model with the publishing rule: what a launch overview lists and the page cache watches."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def scheduled(model, field, since, until=None):
    """Published items of `model` whose `field` (publish_at or unpublish_at) falls after `since` (up to `until`)."""
    moments = {f"{field}__gt": since, **({f"{field}__lte": until} if until else {})}
    return model._default_manager.filter(status=Status.PUBLISHED, **moments)


def scheduled_items(since, until):
    """(moment, item) for every published item going live or coming down after `since`, up to `until`."""
    for model in publishable_models():
        for field in ("publish_at", "unpublish_at"):
            for item in scheduled(model, field, since, until):
                yield getattr(item, field), item


def upcoming_changes(*, now=None, days=30):
    """(moment, "live" | "down", item) for every published item going live or coming down in the next `days`,
    soonest first: the launches overview."""
    now = now or timezone.now()
    rows = [
        (moment, "live" if moment == item.publish_at else "down", item)
        for moment, item in scheduled_items(now, now + datetime.timedelta(days=days))
    ]
    return sorted(rows, key=lambda row: row[0])
