"""Keep each product's price range in step with its variants."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Variant, refresh_price_ranges


@receiver([post_save, post_delete], sender=Variant, dispatch_uid="products.variant-price-range")
def variant_changed(sender, instance, **kwargs):
    refresh_price_ranges([instance.product_id])
