"""Multi-step writes on campaigns."""

import datetime

from django.db import transaction
from django.utils import timezone

from core.publishing import Status, scheduled

UPCOMING_DAYS = 30


def launch_items(launch):
    """Everything a launch publishes: the installment, its series, products and ambassadors."""
    campaign = launch.campaign
    products = list(launch.products.all()) or list(campaign.products.all())
    ambassadors = list(launch.ambassadors.all()) or list(campaign.ambassadors.all())
    return [campaign, campaign.series, *products, *ambassadors]


@transaction.atomic
def launch_schedule(*, launch, now=None):
    """Give every item of `launch` that is not live yet the launch's times, in one transaction.

    Items already live stay exactly as they are, come-down date included:
    scheduling must never hide what visitors can see today, nor change when it
    goes. Returns the items scheduled.
    """
    now = now or timezone.now()
    scheduled = []
    for item in launch_items(launch):
        if item.is_published(now):
            continue
        item.status = Status.PUBLISHED
        item.publish_at = launch.go_live_at
        item.unpublish_at = launch.come_down_at
        item.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])
        scheduled.append(item)
    return scheduled


def upcoming_changes(models, *, now=None, days=UPCOMING_DAYS):
    """(moment, "goes live" | "comes down", item) for every publishable item changing in the next `days`."""
    now = now or timezone.now()
    until = now + datetime.timedelta(days=days)
    rows = []
    for model in models:
        rows += [(item.publish_at, "live", item) for item in scheduled(model, "publish_at", now, until)]
        rows += [(item.unpublish_at, "down", item) for item in scheduled(model, "unpublish_at", now, until)]
    return sorted(rows, key=lambda row: row[0])
