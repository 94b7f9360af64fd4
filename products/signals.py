"""Keep each product's derived columns (price range, cover picture, search terms) in step with the rows they
come from."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import (
    Brand,
    Colorway,
    Material,
    Product,
    ProductImage,
    ProductMaterial,
    Variant,
    refresh_covers,
    refresh_price_ranges,
    refresh_search_terms,
)


def product_goes_too(origin):
    """Whether a delete started from products (so the rows whose columns we would refresh go as well)."""
    return isinstance(origin, Product) or (isinstance(origin, QuerySet) and origin.model is Product)


def products_of(instance):
    """The product a part belongs to, and the one it belonged to before this save if it was moved."""
    return list({instance.product_id, getattr(instance, "_product_before", None)} - {None})


@receiver(pre_save, sender=Variant, dispatch_uid="products.part-moved")
@receiver(pre_save, sender=ProductImage, dispatch_uid="products.part-moved")
@receiver(pre_save, sender=ProductMaterial, dispatch_uid="products.part-moved")
def remember_product(sender, instance, raw=False, **kwargs):
    """Before a part of a product is saved: its stored product, so a move refreshes the product it left too."""
    if not raw and not instance._state.adding:
        stored = sender._base_manager.filter(pk=instance.pk).values_list("product_id", flat=True).first()
        instance._product_before = stored


@receiver([post_save, post_delete], sender=Variant, dispatch_uid="products.variant-price-range")
def variant_changed(sender, instance, origin=None, **kwargs):
    if not product_goes_too(origin):
        refresh_price_ranges(products_of(instance))
        refresh_search_terms(products_of(instance))


@receiver([post_save, post_delete], sender=ProductImage, dispatch_uid="products.picture-cover")
def picture_changed(sender, instance, origin=None, **kwargs):
    if not product_goes_too(origin):
        refresh_covers(products_of(instance))


@receiver([post_save, post_delete], sender=ProductMaterial, dispatch_uid="products.material-search")
def material_part_changed(sender, instance, origin=None, **kwargs):
    if not product_goes_too(origin):
        refresh_search_terms(products_of(instance))


@receiver(post_save, sender=Product, dispatch_uid="products.product-search")
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_terms([instance.pk])


@receiver(post_save, sender=Brand, dispatch_uid="products.brand-search")
def brand_renamed(sender, instance, created=False, **kwargs):
    if not created:
        refresh_search_terms(Product.objects.filter(brand=instance))


@receiver(post_save, sender=Colorway, dispatch_uid="products.colorway-search")
def colorway_renamed(sender, instance, created=False, **kwargs):
    if not created:
        uses = Variant.objects.filter(product=OuterRef("pk"), colorway=instance)
        refresh_search_terms(Product.objects.filter(Exists(uses)))


@receiver(post_save, sender=Material, dispatch_uid="products.material-renamed")
def material_renamed(sender, instance, created=False, **kwargs):
    if not created:
        uses = ProductMaterial.objects.filter(product=OuterRef("pk"), material=instance)
        refresh_search_terms(Product.objects.filter(Exists(uses)))
