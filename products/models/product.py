"""Styles and what hangs on each: materials, features, variants, pictures, press quotes."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, Max, Min, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from core.images import SafeImageField
from core.naming import related_name
from core.publishing import Publishable, PublishableQuerySet
from core.translations import ColumnsManager, TranslatedModel, columns, default_language, validate_language
from core.uploads import PrivateName

from .catalog import Brand, Category, Collection, Colorway, Material, Size

# What a product card reads (templates/fashion/cards.html#product_grid): for_listing() loads these and no more.
CARD_FIELDS = (
    *columns("name"),
    *columns("slug"),
    "min_price",
    "max_price",
    "category__name",
    *columns("category__name"),
    "cover__image",
    "cover__width",
    "cover__height",
    *columns("cover__alt_text"),
)


class ProductQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a product card needs, and only that: a card list is the hottest path of the site.

        `only()` skips the columns a card never shows (turning four timestamps and a
        long description into Python objects was a third of the catalogue's query
        time); FETCH_PEERS (Django 6.1) makes any field read later cost one query
        for the whole list, never one per card.
        """
        cards = self.select_related("category", "cover").only(*CARD_FIELDS).fetch_mode(models.FETCH_PEERS)
        return cards.in_market()

    def in_market(self):
        """In the visitor's market (products/markets.py), when it is not the house's: only products it sells,
        each with its lowest and highest price there (`market_min`, `market_max`; None: price on request)."""
        from ..markets import foreign_market  # the request's market: state of the request, not of the models

        market = foreign_market()
        if market is None:
            return self
        from .markets import MarketPrice

        offers = MarketPrice.objects.filter(variant__product=OuterRef("pk"), market=market).exclude(
            availability=MarketPrice.Availability.NOT_SOLD
        )
        per_product = offers.order_by().values("variant__product")
        price = models.DecimalField(max_digits=12, decimal_places=2)
        return self.filter(Exists(offers)).annotate(
            market_min=Subquery(per_product.annotate(value=Min("price")).values("value"), output_field=price),
            market_max=Subquery(per_product.annotate(value=Max("price")).values("value"), output_field=price),
        )

    def for_page(self):
        """Everything a product page shows of the product itself."""
        return self.select_related("brand", "category", "collection").prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.select_related("colorway")),
            Prefetch("variants", queryset=Variant.objects.select_related("colorway", "size")),
            Prefetch("product_materials", queryset=ProductMaterial.objects.select_related("material")),
            "product_sizes",
            "features",
            "quotes",
        )


class Product(TranslatedModel, Publishable):
    """A style, such as the Bel Air or its Hobo iteration."""

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="products", verbose_name=_("brand"))
    collection = models.ForeignKey(
        Collection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
        verbose_name=_("collection"),
        help_text=_("The show where the style was first presented, if any."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=140, unique=True, help_text=_("The end of the page address, as in /products/bel-air/.")
    )
    family = models.CharField(
        _("family"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("Styles of one family (the Bel Air and the Bel Air Hobo) link to each other."),
    )
    description = models.TextField(_("description"), blank=True)
    materials = models.ManyToManyField(
        Material, through="ProductMaterial", related_name="products", verbose_name=_("materials"), blank=True
    )
    debut_date = models.DateField(
        _("debut date"), null=True, blank=True, help_text=_("When the style first went on sale.")
    )
    quotes = GenericRelation("products.Quote")
    # Kept from the variants by refresh_price_ranges(): cards and price sorting read two
    # columns (indexed) instead of two subqueries per product.
    min_price = models.DecimalField(
        _("lowest price"), max_digits=10, decimal_places=2, null=True, editable=False, db_index=True
    )
    max_price = models.DecimalField(
        _("highest price"), max_digits=10, decimal_places=2, null=True, editable=False, db_index=True
    )
    # Brand, colorway and material names, kept by refresh_search_terms(): search reads one column.
    search_terms = models.TextField(_("also found by"), blank=True, default="", editable=False)
    # The first picture by order, kept by refresh_covers(): a card joins it instead of prefetching the gallery.
    cover = models.ForeignKey(
        "products.ProductImage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover picture"),
    )

    objects = ProductQuerySet.as_manager()
    columns = ColumnsManager()  # the base manager: fields a card did not load are read for all cards at once

    # History: registered in products/translation.py, after the translation columns.
    # Parts with translated text: the "needs French" filter finds a product through them too.
    translated_parts = ("features", "product_materials", "product_sizes", "images")

    # What the page cache needs to know (core/cache_tags.py): text only search reads, and the group whose
    # product pages list each other.
    search_fields = ("description", "search_terms")
    cache_scopes = ("family",)

    class Meta(Publishable.Meta):
        ordering = ["name"]
        base_manager_name = "columns"
        # The catalogue's sort orders (products/filters.py SORTS): a page of 24 is read off an index
        # instead of sorting the whole catalogue (31 ms → under 1 ms at 20,000 products on PostgreSQL).
        indexes = [
            models.Index(fields=["name", "id"], name="product_by_name"),
            models.Index(fields=["debut_date", "id"], name="product_by_debut"),
        ]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        permissions = [
            ("export_product", _("Can export products")),
            ("publish_product", _("Can publish, unpublish and schedule products")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("products:product-detail", kwargs={"slug": self.slug})


def describe_material(note, name, part):
    """“Softened napa leather lining”: how a product page and an export say it, in the active language's word
    order (“Doublure en cuir nappa assoupli”)."""
    words = {"note": note or "", "material": name.lower(), "part": part or ""}
    # Translators: a product's material: note (“softened”), material, and where it is used (“lining”).
    pattern = gettext("%(note)s %(material)s %(part)s") if part else gettext("%(note)s %(material)s")
    return " ".join((pattern % words).split()).capitalize()


class ProductMaterial(TranslatedModel):
    """Which material a product uses where: calfskin exterior, napa lining."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="product_materials")
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="+", verbose_name=_("material"))
    part = models.CharField(_("part"), max_length=60, blank=True, help_text=_("e.g. “exterior”, “lining”."))
    note = models.CharField(_("note"), max_length=120, blank=True, help_text=_("e.g. “softened”."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # A part of a product (core/cache_tags.py): its materials filter the catalogue.
    cache_parents = ("product",)
    cache_reach = "lists"

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.UniqueConstraint(fields=["product", "material", "part"], name="unique_product_material_part")
        ]

    def __str__(self):
        return describe_material(self.note, related_name(self, "material"), self.part)


class Feature(TranslatedModel):
    """A hallmark, in the order the house lists them."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="features")
    text = models.CharField(_("text"), max_length=200, help_text=_("e.g. “Logo-engraved metal twist lock”."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    cache_parents = ("product",)
    cache_reach = "page"  # shown on the product's page only

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self):
        return self.text


class ProductSize(TranslatedModel):
    """A size as one product has it: a Bel Air medium and a Rodeo medium do not measure the same."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="product_sizes")
    size = models.ForeignKey(Size, on_delete=models.PROTECT, related_name="+", verbose_name=_("size"))
    dimensions = models.CharField(
        _("dimensions"), max_length=100, blank=True, help_text=_("e.g. “W 32 × H 22 × D 12 cm”.")
    )

    cache_parents = ("product",)
    cache_reach = "page"  # shown on the product's page only

    class Meta:
        ordering = ["size__order", "pk"]
        verbose_name = _("size and dimensions")
        verbose_name_plural = _("sizes and dimensions")
        constraints = [models.UniqueConstraint(fields=["product", "size"], name="unique_product_size")]

    def __str__(self):
        size = related_name(self, "size")
        return f"{size} ({self.dimensions})" if self.dimensions else size


class Variant(models.Model):
    """What a customer buys: one product in one colorway and one size."""

    class Availability(models.TextChoices):
        IN_STOCK = "in_stock", _("In stock")
        LOW_STOCK = "low_stock", _("Low stock")
        PREORDER = "preorder", _("Pre-order")
        OUT_OF_STOCK = "out_of_stock", _("Out of stock")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product"))
    colorway = models.ForeignKey(
        Colorway, on_delete=models.PROTECT, related_name="variants", verbose_name=_("colorway")
    )
    size = models.ForeignKey(Size, on_delete=models.PROTECT, related_name="variants", verbose_name=_("size"))
    sku = models.CharField(
        _("SKU"), max_length=40, unique=True, help_text=_("Stock-keeping unit, unique across the house.")
    )
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use an ISO 4217 code such as EUR."))],
    )
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default=Availability.IN_STOCK
    )

    history = HistoricalRecords(user_related_name="+")

    cache_parents = ("product",)
    cache_reach = "lists"  # prices, colours and sizes: the catalogue's sort and facets

    class Meta:
        ordering = ["product", "colorway", "size__order"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        permissions = [("export_variant", _("Can export variants"))]
        constraints = [
            models.UniqueConstraint(fields=["product", "colorway", "size"], name="unique_product_colorway_size"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="variant_price_not_negative"),
        ]

    def __str__(self):
        if not self.pk:
            return self.sku
        return " – ".join(related_name(self, field) for field in ("product", "colorway", "size"))

    def clean(self):
        from .markets import validate_house_currency  # markets.py builds on this module

        try:
            validate_house_currency(self.currency)
        except ValidationError as error:
            raise ValidationError({"currency": error}) from error


class ProductImage(TranslatedModel):
    class Role(models.TextChoices):
        FRONT = "front", _("Front")
        SIDE = "side", _("Side")
        BACK = "back", _("Back")
        DETAIL = "detail", _("Detail")
        ON_MODEL = "on_model", _("On model")
        STILL_LIFE = "still_life", _("Still life")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("product"))
    colorway = models.ForeignKey(
        Colorway,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("colorway"),
        help_text=_("The colorway shown, if the picture shows one."),
    )
    image = SafeImageField(_("image"), upload_to=PrivateName("products"), width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the picture shows, for people who cannot see it. Required."),
    )
    role = models.CharField(_("shot"), max_length=20, choices=Role.choices, default=Role.FRONT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    cache_parents = ("product",)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [models.CheckConstraint(condition=~models.Q(alt_text=""), name="product_image_has_alt_text")]

    def __str__(self):
        return self.alt_text


class Quote(models.Model):
    """Press words attached to a product, a collection or a campaign."""

    text = models.TextField(_("text"))
    speaker = models.CharField(_("speaker"), max_length=120, blank=True, help_text=_("e.g. “Miles Socha”."))
    source = models.CharField(
        _("source"), max_length=120, blank=True, help_text=_("e.g. “WWD” or “Balenciaga press release”.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    # Quotes keep the language they were said or written in, on every page (marked with it).
    language = models.CharField(
        _("language"),
        max_length=10,
        default=default_language,
        validators=[validate_language],
        help_text=_("The language it was said or written in; it is shown as it is, in every language."),
    )
    translation = models.TextField(
        _("translation"), blank=True, help_text=_("Shown under the original on pages in this language.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    cache_parents = ("subject",)
    cache_reach = "page"  # shown on the product's page only

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.text if len(self.text) < 60 else self.text[:57] + "…"

    @property
    def translation_here(self):
        """The quote's translation into the page's language, when it was said in another one ("" if none)."""
        language = get_language()
        if language == self.language:
            return ""
        return getattr(self, build_localized_fieldname("translation", language), "") or ""

    @property
    def attribution(self):
        return ", ".join(filter(None, [self.speaker, self.source]))
