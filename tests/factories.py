"""Factories for every public model: published by default, drafts on request."""

import datetime
from decimal import Decimal

import factory
from django.conf import settings

from campaigns.models import Ambassador, Campaign, CampaignProduct, CampaignSeries
from core.publishing import Status
from products.models import (
    Brand,
    Category,
    Collection,
    Colorway,
    Feature,
    Material,
    Product,
    ProductImage,
    ProductMaterial,
    Quote,
    Size,
    Variant,
)


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand
        django_get_or_create = ("slug",)

    name = "Balenciaga"
    slug = "balenciaga"


class PublishedFactory(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Status.DRAFT)


class CollectionFactory(PublishedFactory):
    class Meta:
        model = Collection

    brand = factory.SubFactory(BrandFactory)
    name = factory.Sequence(lambda n: f"Fall {2000 + n}")
    slug = factory.Sequence(lambda n: f"fall-{2000 + n}")
    season = Collection.Season.FALL
    year = 2024
    shown_in = "Paris"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = "Totes"
    slug = "totes"


class ColorwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Colorway
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Colour {n}")
    slug = factory.Sequence(lambda n: f"colour-{n}")
    swatch = "#111111"


class SizeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Size
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Size {n}")
    slug = factory.Sequence(lambda n: f"size-{n}")
    order = factory.Sequence(int)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material
        django_get_or_create = ("slug",)

    name = "Calfskin"
    slug = "calfskin"


class ProductFactory(PublishedFactory):
    class Meta:
        model = Product

    brand = factory.SubFactory(BrandFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Bag {n}")
    slug = factory.Sequence(lambda n: f"bag-{n}")
    family = "Bel Air"
    description = "A calfskin tote."
    debut_date = datetime.date(2024, 3, 3)


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    colorway = factory.SubFactory(ColorwayFactory)
    size = factory.SubFactory(SizeFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    price = Decimal("3900.00")


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.django.ImageField(width=40, height=50, color="#884422")
    alt_text = "A bag seen from the front"


class FeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feature

    product = factory.SubFactory(ProductFactory)
    text = "Logo-engraved metal twist lock"


class ProductMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductMaterial

    product = factory.SubFactory(ProductFactory)
    material = factory.SubFactory(MaterialFactory)
    part = "exterior"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    subject = factory.SubFactory(ProductFactory)
    text = "Deceptively relaxed."
    source = "Balenciaga press release"


class AmbassadorFactory(PublishedFactory):
    class Meta:
        model = Ambassador

    brand = factory.SubFactory(BrandFactory)
    name = factory.Sequence(lambda n: f"Ambassador {n}")
    slug = factory.Sequence(lambda n: f"ambassador-{n}")
    appointed_in = 2024


class SeriesFactory(PublishedFactory):
    class Meta:
        model = CampaignSeries

    brand = factory.SubFactory(BrandFactory)
    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    photographer = "Nadav Kander"


class CampaignFactory(PublishedFactory):
    class Meta:
        model = Campaign

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Character study {n}")
    slug = factory.Sequence(lambda n: f"character-study-{n}")
    launch_date = datetime.date(2024, 11, 1)


class CampaignProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignProduct

    campaign = factory.SubFactory(CampaignFactory)
    product = factory.SubFactory(ProductFactory)


def full_product(**kwargs):
    """A published product with variants, a picture, features, materials and a quote."""
    product = ProductFactory(**kwargs)
    for colour in ("black", "beige"):
        colorway = ColorwayFactory(slug=colour, name=colour.title())
        for size in ("small", "large"):
            VariantFactory(product=product, colorway=colorway, size=SizeFactory(slug=size, name=size.title()))
    ProductImageFactory(product=product)
    FeatureFactory(product=product)
    ProductMaterialFactory(product=product)
    QuoteFactory(subject=product)
    return product


INLINE_PREFIXES = (
    "product_materials",
    "features",
    "product_sizes",
    "variants",
    "images",
    "products-quote-content_type-object_id",
)


def in_default_language(data):
    """Form data with the product's translated fields under their default language's name (`name` → `name_en`),
    as the admin's form names them."""
    return {
        (f"{key}_{settings.LANGUAGE_CODE}" if key in ("name", "slug", "description") else key): value
        for key, value in data.items()
    }


def admin_product_form(**fields):
    """A complete, valid POST for the admin's add-product form, with empty inlines."""
    data = {
        "brand": BrandFactory().pk,
        "category": CategoryFactory().pk,
        "name": "New bag",
        "slug": "new-bag",
        "status": Status.DRAFT,
    }
    for prefix in INLINE_PREFIXES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return in_default_language(data | fields)


def admin_change_form(product, **changes):
    """The admin's change-form POST for `product` as it stands, with `changes` applied."""
    data = admin_product_form(
        brand=product.brand_id,
        category=product.category_id,
        name=product.name,
        slug=product.slug,
        family=product.family,
        description=product.description,
        status=product.status,
        debut_date=product.debut_date.isoformat() if product.debut_date else "",
    )
    return data | in_default_language(changes)


def member_of(client, group):
    """A staff user in the role `group` (Editors, Publishers, Exporters), logged in on `client`; returns the user."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(f"{group.lower()}-user", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user
