"""Keep each product's card columns (price range, cover picture) in step with its variants and pictures."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ProductImage, Variant, refresh_covers, refresh_price_ranges


@receiver([post_save, post_delete], sender=Variant, dispatch_uid="products.variant-price-range")
def variant_changed(sender, instance, **kwargs):
    refresh_price_ranges([instance.product_id])


@receiver([post_save, post_delete], sender=ProductImage, dispatch_uid="products.picture-cover")
def picture_changed(sender, instance, **kwargs):
    refresh_covers([instance.product_id])
