"""Multi-step writes on campaigns."""

from django.db import transaction
from django.utils import timezone

from core.publishing import Status


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
        if item.publishes_itself(now):
            # Its own dates are live; if a parent hides it (a campaign's draft series), the parent's schedule
            # is what shows it, and the page cache follows the parent (core/cache_tags.py, `followers`).
            continue
        item.status = Status.PUBLISHED
        item.publish_at = launch.go_live_at
        item.unpublish_at = launch.come_down_at
        item.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])
        scheduled.append(item)
    return scheduled
