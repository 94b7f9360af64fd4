"""Admin forms of campaigns beyond a model's own change form."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.conflicts import ConflictCheckingForm


class LaunchForm(ConflictCheckingForm):
    """A launch schedules: its go-live time lies ahead. A past one (a mistyped year) would publish everything at
    once while the message spoke of a schedule."""

    def clean_go_live_at(self):
        go_live_at = self.cleaned_data["go_live_at"]
        changed = "go_live_at" in self.changed_data or self.instance.pk is None
        if go_live_at is not None and changed and go_live_at <= timezone.now():
            raise ValidationError(
                _("Pick a moment ahead: a launch schedules. To put items on the site now, publish them."),
                code="in_the_past",
            )
        return go_live_at
