"""Reference data of the catalogue: brands, shows (collections), categories, colorways, sizes, materials."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.naming import related_name
from core.publishing import Publishable
from core.translations import TranslatedModel


class Brand(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self):
        return self.name


class Collection(TranslatedModel, Publishable):
    """A show or a season, e.g. Fall 2024 shown in Paris in March 2024."""

    class Season(models.TextChoices):
        SPRING = "spring", _("Spring")
        SUMMER = "summer", _("Summer")
        FALL = "fall", _("Fall")
        WINTER = "winter", _("Winter")
        RESORT = "resort", _("Resort")
        PRE_FALL = "pre-fall", _("Pre-fall")

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="collections", verbose_name=_("brand"))
    name = models.CharField(_("name"), max_length=100, help_text=_("As the house calls it, e.g. “Fall 2024”."))
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("The end of the collection's address, as in /collections/fall-2024/.")
    )
    season = models.CharField(_("season"), max_length=10, choices=Season.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1850), MaxValueValidator(2200)])
    shown_in = models.CharField(_("shown in"), max_length=100, blank=True, help_text=_("City of the show."))
    shown_on = models.DateField(_("shown on"), null=True, blank=True, help_text=_("Date of the show."))
    creative_director = models.CharField(_("creative director"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    quotes = GenericRelation("products.Quote")

    # History: registered in products/translation.py, after the translation columns.

    class Meta(Publishable.Meta):
        ordering = ["-year", "name"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        permissions = [("publish_collection", _("Can publish, unpublish and schedule collections"))]

    def __str__(self):
        return f"{related_name(self, 'brand')} – {self.name}" if self.brand_id else self.name

    def get_absolute_url(self):
        return reverse("products:collection-detail", kwargs={"slug": self.slug})


class Category(TranslatedModel):
    """Handbags → totes, hobo bags…; one level of parent is enough."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
        help_text=_("Leave empty for a top-level category such as Handbags."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Colorway(TranslatedModel):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    swatch = models.CharField(
        _("swatch colour"),
        max_length=7,
        default="#000000",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))],
        help_text=_("Hex colour shown as the swatch, e.g. #F5F0E6."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("colorway")
        verbose_name_plural = _("colorways")

    def __str__(self):
        return self.name


class Size(TranslatedModel):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller sizes first."))

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("size")
        verbose_name_plural = _("sizes")

    def __str__(self):
        return self.name


class Material(TranslatedModel):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.name
