"""Campaigns: series, their installments, and the ambassadors who front them."""

from urllib.parse import parse_qs, urlparse

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.images import SafeImageField
from core.naming import related_name
from core.publishing import Publishable, PublishableQuerySet
from core.translations import TranslatedModel, source_column
from core.uploads import PrivateFileField, PrivateName
from products.models import Brand, Product


def default_role():
    """“Brand ambassador” in the default language: the text every other language translates."""
    with override(settings.LANGUAGE_CODE):
        return str(_("Brand ambassador"))


class Ambassador(TranslatedModel, Publishable):
    """A person appointed by a house in a given year."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        help_text=_("The end of the page address, as in /ambassadors/kim-kardashian/."),
    )
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="ambassadors", verbose_name=_("brand"))
    appointed_in = models.PositiveSmallIntegerField(
        _("appointed in"),
        validators=[MinValueValidator(1850), MaxValueValidator(2200)],
        help_text=_("The year the house named them."),
    )
    role = models.CharField(_("role"), max_length=100, default=default_role)
    portrait = SafeImageField(
        _("portrait"),
        upload_to=PrivateName("ambassadors"),
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
    )
    portrait_width = models.PositiveIntegerField(editable=False, null=True)
    portrait_height = models.PositiveIntegerField(editable=False, null=True)
    portrait_alt = models.CharField(
        _("portrait alt text"), max_length=250, blank=True, help_text=_("Required when there is a portrait.")
    )
    bio = models.TextField(_("biography"), blank=True)

    # History: registered in campaigns/translation.py, after the translation columns.

    search_fields = ("bio",)

    class Meta(Publishable.Meta):
        ordering = ["-appointed_in", "name"]
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        permissions = [
            ("export_ambassador", _("Can export ambassadors")),
            ("publish_ambassador", _("Can publish, unpublish and schedule ambassadors")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.portrait and not self.portrait_alt.strip():
            message = _("Describe the portrait for people who cannot see it.")
            raise ValidationError({source_column(Ambassador, "portrait_alt"): message})

    def get_absolute_url(self):
        return reverse("campaigns:ambassador-detail", kwargs={"slug": self.slug})


class CampaignSeries(TranslatedModel, Publishable):
    """A running series such as “Characters”, shot by one photographer."""

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="campaign_series", verbose_name=_("brand"))
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("The end of the page address, as in /campaigns/series/characters/.")
    )
    photographer = models.CharField(_("photographer"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)

    # History: registered in campaigns/translation.py, after the translation columns.

    search_fields = ("description",)

    class Meta(Publishable.Meta):
        ordering = ["name"]
        verbose_name = _("campaign series")
        verbose_name_plural = _("campaign series")
        permissions = [("publish_campaignseries", _("Can publish, unpublish and schedule campaign series"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:series-detail", kwargs={"slug": self.slug})


VIDEO_HOSTS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}


def validate_video_url(value):
    """Only the allow-listed players: the CSP frame-src lets nothing else in."""
    if urlparse(value).hostname not in VIDEO_HOSTS:
        raise ValidationError(_("Use a YouTube or Vimeo address."), code="video_host")
    if embed_url(value) is None:
        raise ValidationError(_("This address does not point to one video."), code="video_id")


def validate_video_file(value):
    """An MP4 or WebM by its first bytes, not only its name: a renamed file is refused."""
    if getattr(value, "_committed", True) and not hasattr(value, "content_type"):
        return  # already stored: checked when it came in
    if value.size > settings.VIDEO_MAX_MB * 2**20:
        raise ValidationError(
            _(
                "This video is %(size)d MB; the limit is %(limit)d MB. Export a smaller file, or use a YouTube or "
                "Vimeo address."
            ),
            code="video_too_large",
            params={"size": value.size // 2**20, "limit": settings.VIDEO_MAX_MB},
        )
    file = getattr(value, "file", value)
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if not (head[4:8] == b"ftyp" or head[:4] == b"\x1a\x45\xdf\xa3"):
        raise ValidationError(_("Upload an MP4 or WebM video."), code="video_format")


def embed_url(value):
    """The privacy-friendly player address for a YouTube or Vimeo link, or None."""
    parsed = urlparse(value or "")
    host = VIDEO_HOSTS.get(parsed.hostname or "")
    path = [part for part in parsed.path.split("/") if part]
    if host == "youtube":
        if parsed.hostname == "youtu.be" and path:
            video_id = path[0]
        elif path[:1] == ["embed"] and len(path) > 1:
            video_id = path[1]
        else:
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if video_id and video_id.isascii() else None
    if host == "vimeo":
        numbers = [part for part in path if part.isdigit()]
        return f"https://player.vimeo.com/video/{numbers[0]}?dnt=1" if numbers else None
    return None


class CampaignQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("series", "series__brand").prefetch_related(
            Prefetch("ambassadors", queryset=Ambassador.objects.published())
        )

    def featured_products(self):
        """Installments with their published products in running order (the home page's hero)."""
        return self.select_related("series").prefetch_related(
            Prefetch("products", queryset=Product.objects.published().for_listing().order_by("campaignproduct__order"))
        )

    def for_page(self):
        return self.for_listing().featured_products().prefetch_related("credits", "gallery", "quotes")


class Campaign(TranslatedModel, Publishable):
    """One installment of a series: a “character study”."""

    series = models.ForeignKey(
        CampaignSeries, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("series")
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        help_text=_("The end of the page address, as in /campaigns/kim-kardashian/."),
    )
    launch_date = models.DateField(_("launch date"), help_text=_("When the installment was released."))
    summary = models.TextField(_("summary"), blank=True)
    ambassadors = models.ManyToManyField(
        Ambassador, related_name="campaigns", blank=True, verbose_name=_("ambassadors")
    )
    products = models.ManyToManyField(
        Product, through="CampaignProduct", related_name="campaigns", blank=True, verbose_name=_("featured products")
    )
    hero_image = SafeImageField(
        _("hero image"),
        upload_to=PrivateName("campaigns"),
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
    )
    hero_width = models.PositiveIntegerField(editable=False, null=True)
    hero_height = models.PositiveIntegerField(editable=False, null=True)
    hero_alt = models.CharField(
        _("hero alt text"), max_length=250, blank=True, help_text=_("Required with a hero image.")
    )
    wardrobe = models.TextField(
        _("wardrobe"), blank=True, help_text=_("What the ambassador wears, one piece per line.")
    )
    video_file = PrivateFileField(
        _("video file"),
        upload_to=PrivateName("campaigns/video"),
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"]), validate_video_file],
        help_text=format_lazy(
            _("MP4 or WebM, at most {limit} MB. Give a poster image with it."), limit=settings.VIDEO_MAX_MB
        ),
    )
    video_poster = SafeImageField(_("video poster"), upload_to=PrivateName("campaigns/video"), blank=True)
    video_url = models.URLField(
        _("video address"),
        blank=True,
        validators=[validate_video_url],
        help_text=_("Or a YouTube or Vimeo address; it plays without tracking cookies."),
    )
    video_concept = models.TextField(
        _("video concept"), blank=True, help_text=_("What the companion video shows, in a sentence or two.")
    )
    quotes = GenericRelation("products.Quote")

    objects = CampaignQuerySet.as_manager()
    # An installment shows only while its series shows too.
    published_through = ("series",)
    cache_scopes = ("series",)  # an installment's page lists the other installments of its series
    # What the page cache needs to know (core/cache_tags.py): text only search reads, and what only the
    # installment's own page shows.
    search_fields = ("summary",)
    page_fields = ("wardrobe", "video_file", "video_poster", "video_url", "video_concept")
    translated_parts = ("credits", "gallery")  # the "needs French" filter finds an installment through them too

    # History: registered in campaigns/translation.py, after the translation columns.

    class Meta(Publishable.Meta):
        ordering = ["-launch_date", "title"]
        get_latest_by = "launch_date"
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [
            ("export_campaign", _("Can export campaigns")),
            ("publish_campaign", _("Can publish, unpublish and schedule campaigns")),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.hero_image and not self.hero_alt.strip():
            errors[source_column(Campaign, "hero_alt")] = _("Describe the hero image for people who cannot see it.")
        if self.video_file and self.video_url:
            errors["video_url"] = _("Give either a video file or a video address, not both.")
        if self.video_file and not self.video_poster:
            errors["video_poster"] = _("A video file needs a poster image, shown before it plays.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("campaigns:campaign-detail", kwargs={"slug": self.slug})

    @property
    def wardrobe_items(self):
        return [line.strip() for line in self.wardrobe.splitlines() if line.strip()]

    @property
    def video_embed_url(self):
        return embed_url(self.video_url)


class CampaignProduct(models.Model):
    """A product featured in an installment, in the order the campaign shows it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, verbose_name=_("product"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    cache_parents = ("campaign", "product")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("featured product")
        verbose_name_plural = _("featured products")
        constraints = [models.UniqueConstraint(fields=["campaign", "product"], name="unique_campaign_product")]

    def __str__(self):
        return related_name(self, "product")


class Credit(TranslatedModel):
    """Who made an installment: photographer, creative director, stylist…"""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(_("role"), max_length=80, help_text=_("e.g. “Photographer”."))
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    cache_parents = ("campaign",)
    cache_reach = "page"  # shown on the installment's page only

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")

    def __str__(self):
        return f"{self.role}: {self.name}"


class CampaignImage(TranslatedModel):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="gallery")
    image = SafeImageField(_("image"), upload_to=PrivateName("campaigns"), width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(_("alt text"), max_length=250, help_text=_("What the picture shows. Required."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    cache_parents = ("campaign",)
    cache_reach = "page"  # shown on the installment's page only

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery")
        constraints = [models.CheckConstraint(condition=~models.Q(alt_text=""), name="campaign_image_has_alt_text")]

    def __str__(self):
        return self.alt_text


class Launch(models.Model):
    """A campaign installment and what it needs, scheduled to go live at one moment.

    Saving a launch (campaigns.services.launch_schedule) gives every item that
    is not live yet the same publish_at (and unpublish_at), so visitors see all
    of it or none of it, computed at request time: no cron job.
    """

    name = models.CharField(_("name"), max_length=160, help_text=_("e.g. “Bel Air campaign, November”."))
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="launches", verbose_name=_("campaign installment")
    )
    products = models.ManyToManyField(
        Product,
        blank=True,
        related_name="launches",
        verbose_name=_("products"),
        help_text=_("Left empty, the installment's featured products."),
    )
    ambassadors = models.ManyToManyField(
        Ambassador,
        blank=True,
        related_name="launches",
        verbose_name=_("ambassadors"),
        help_text=_("Left empty, the installment's ambassadors."),
    )
    go_live_at = models.DateTimeField(_("goes live at"))
    come_down_at = models.DateTimeField(
        _("comes down at"), null=True, blank=True, help_text=_("Optional. Everything in the launch comes down then.")
    )
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-go_live_at"]
        verbose_name = _("launch")
        verbose_name_plural = _("launches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(come_down_at__isnull=True) | models.Q(come_down_at__gt=models.F("go_live_at")),
                name="launch_comes_down_after_going_live",
                violation_error_message=_("“Comes down at” must be later than “goes live at”."),
            )
        ]

    def __str__(self):
        return self.name
