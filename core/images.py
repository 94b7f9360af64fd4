"""The media pipeline: safe uploads, re-encoded originals, renditions made once at save time.

- `validate_image` refuses anything but JPEG, PNG and WebP (opened with an
  explicit format list, so a polyglot cannot pick its parser), anything over
  `MAX_PIXELS` (decompression bombs: Pillow only warns at 89 Mpx) or
  `MAX_UPLOAD_BYTES`, with a form error an editor can read.
- `SafeImageField` re-encodes every new upload before it is stored: EXIF and
  GPS tags, and anything appended after the image data, are gone.
- After the model is saved, `make_renditions` writes WebP and JPEG copies at
  a few widths, named from the original, so templates can build `srcset`
  without touching storage during a visitor's request.
"""

import contextlib
import io
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .uploads import AnyUploadName

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
# WebP's own limit: a rendition (never upscaled) of a taller picture could not be written.
MAX_SIDE = 16_383
RENDITION_WIDTHS = (480, 960, 1600)
# Pillow's own bomb guard, at our ceiling: a warning above it, an error at twice it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
RENDITION_FORMATS = {"webp": ("WEBP", {"quality": 82, "method": 2}), "jpg": ("JPEG", {"quality": 84, "optimize": True})}


def _open(file):
    file.seek(0)
    # formats=…: Pillow tries only these parsers, whatever the bytes claim to be.
    return Image.open(file, formats=ALLOWED_FORMATS)


def validate_image(value):
    """Form-level checks on an uploaded picture; raises ValidationError with a readable message."""
    if getattr(value, "_committed", True) and not hasattr(value, "content_type"):
        return  # an image already stored (not a new upload): checked when it came in
    file = getattr(value, "file", value)
    size = getattr(value, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)d MB; the limit is %(limit)d MB."),
            code="too_large",
            params={"size": size // 2**20, "limit": MAX_UPLOAD_BYTES // 2**20},
        )
    try:
        with _open(file) as image:
            width, height = image.size
            if max(width, height) > MAX_SIDE:
                raise ValidationError(
                    _("This picture is %(width)d × %(height)d pixels; a side may be at most %(limit)d."),
                    code="too_long_a_side",
                    params={"width": width, "height": height, "limit": MAX_SIDE},
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("This picture is %(mpx)d megapixels; the limit is %(limit)d. Resize it before uploading."),
                    code="too_many_pixels",
                    params={"mpx": width * height // 1_000_000, "limit": MAX_PIXELS // 1_000_000},
                )
            # Decode every pixel now: a truncated or corrupt file fails here, as a form error, not later
            # in the save, as a 500.
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ValidationError(_("Upload a JPEG, PNG or WebP picture."), code="format") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This picture is damaged or cut short: export it again from the original, then upload it."),
            code="damaged",
        ) from error
    file.seek(0)


EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def reencode(file):
    """The picture re-saved from its pixels only: same format, no metadata, no trailing bytes.

    Returns the bytes and the extension of their format (the uploader's own extension may lie)."""
    with _open(file) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("Picture too large."), code="too_many_pixels")
        image.load()
        original_format = image.format
        clean = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    if original_format == "JPEG":
        clean.convert("RGB").save(buffer, "JPEG", quality=90, optimize=True)
    elif original_format == "PNG":
        clean.save(buffer, "PNG", optimize=True)
    else:
        clean.save(buffer, "WEBP", quality=90)
    return buffer.getvalue(), EXTENSIONS[original_format]


def rendition_widths(width):
    """The widths made for a picture `width` pixels wide: never upscaled."""
    if not width:
        return []
    return sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})


def rendition_name(name, width, extension):
    """ "products/ab/cd.jpg" → "renditions/products/ab/cd-480w.webp": where make_renditions writes each width."""
    stem = posixpath.splitext(name)[0]
    return f"renditions/{stem}-{width}w.{extension}"


def rendition_names(name, storage=default_storage):
    """Every rendition `make_renditions` may have written for `name` (read from the original's size)."""
    try:
        with storage.open(name, "rb") as stored, _open(stored) as image:
            widths = rendition_widths(image.width)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        widths = list(RENDITION_WIDTHS)
    return [rendition_name(name, width, extension) for width in widths for extension in RENDITION_FORMATS]


def make_renditions(name, storage=default_storage):
    """Write the WebP and JPEG renditions of a stored picture; skip those already there."""
    if not name or not storage.exists(name):
        return []  # nothing to make from: a revert may point at a file removed since (core/uploads.py)
    made = []
    with storage.open(name, "rb") as stored, _open(stored) as image:
        image.load()
        for width in rendition_widths(image.width):
            height = round(image.height * width / image.width)
            resized = None
            for extension, (pillow_format, options) in RENDITION_FORMATS.items():
                target = rendition_name(name, width, extension)
                if storage.exists(target):
                    continue
                resized = resized or image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                resized.save(buffer, pillow_format, **options)
                storage.save(target, ContentFile(buffer.getvalue()))
                made.append(target)
    return made


class SafeImageField(AnyUploadName, models.ImageField):
    """An ImageField that validates uploads, re-encodes them, and makes renditions after save."""

    default_validators = [validate_image]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            content, extension = reencode(file.file)
            # The stored name comes from upload_to (core/uploads.PrivateName); only the extension is ours.
            file.name = f"picture{extension}"
            file.file = ContentFile(content, name=file.name)
        return super().pre_save(model_instance, add)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Width and height from the file, or left empty when the file is gone (an old version being reverted
        to); the save then keeps the current file (core/uploads.py), never a 500."""
        with contextlib.suppress(FileNotFoundError):
            super().update_dimension_fields(instance, force, *args, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_save.connect(self._renditions_after_save, sender=cls, weak=False)

    def _renditions_after_save(self, sender, instance, **kwargs):
        file = getattr(instance, self.attname)
        if file:
            make_renditions(file.name, file.storage)
