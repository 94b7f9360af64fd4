"""Site-wide records that belong to no one app: the export log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
