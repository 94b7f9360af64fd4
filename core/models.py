"""Site-wide records that belong to no one app: the export log and share links."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SHARE_LINK_LIFETIME = datetime.timedelta(days=7)


def default_share_expiry():
    return timezone.now() + SHARE_LINK_LIFETIME


class ExportLog(models.Model):
    """One line per export, from the admin or the command line: who took what, when."""

    class Source(models.TextChoices):
        ADMIN = "admin", _("Admin")
        COMMAND = "command", _("Command line")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    actor = models.CharField(
        _("who"), max_length=150, help_text=_("The username, or the system account for the command line.")
    )
    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    dataset = models.CharField(_("dataset"), max_length=40)
    file_format = models.CharField(_("format"), max_length=10)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    duration = models.FloatField(_("duration (s)"), default=0)
    completed = models.BooleanField(
        _("completed"), default=False, help_text=_("False when the download was interrupted or failed.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("export log")

    def __str__(self):
        return f"{self.dataset} ({self.file_format}) by {self.actor}"


class ShareLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """Links that still open their item: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ShareLink(models.Model):
    """A preview of one unpublished item for someone without an account (photographer, PR agency).

    The URL carries a signed id (core.preview.share_token); the row says
    whether the link still works, so revoking is immediate.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("for"), max_length=120, blank=True, help_text=_("Who the link is for, e.g. “PR agency”."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_share_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.subject} ({self.note})" if self.note else str(self.subject)

    def get_absolute_url(self):
        from .preview import share_token

        return reverse("shared-preview", kwargs={"token": share_token(self)})

    def is_active(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class ContentVersion(models.Model):
    """One row whose number goes up with every change to public content: the clock of the page cache.

    A page is built at the version read before building it; an edit stamps what it touches (CacheTag) with the
    next number, in the editor's transaction. It lives in the database, not the cache, so no request can see the
    new number with the old content (or the reverse), on any worker or machine.
    """

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.version)


class CacheTag(models.Model):
    """When something a page may show last changed: the content version of the edit that touched it.

    A cached page remembers the version it was built at and the tags of what it shows (core/cache_tags.py);
    it is stale when one of them carries a newer stamp. Written in the editor's transaction, so the stamp and
    the edit become visible together, to every worker, whatever the cache backend.
    """

    tag = models.CharField(max_length=200, primary_key=True)
    version = models.BigIntegerField()

    class Meta:
        verbose_name = _("cache tag")

    def __str__(self):
        return f"{self.tag} @ {self.version}"
