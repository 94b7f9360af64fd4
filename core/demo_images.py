"""Pictures for demo content, drawn with Pillow: no network, no binary files in git.

Each picture is stored once under a stable name in the default storage, so
loading the demo twice reuses the files instead of piling up copies.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageColor, ImageDraw

BACKDROP = "#f4f2ee"


def _contrast(colour):
    red, green, blue = ImageColor.getrgb(colour)
    return "#111111" if (red * 299 + green * 587 + blue * 114) / 1000 > 140 else "#f4f4f4"


def _store(name, image):
    """Save `image` as JPEG under `name` unless it is already there; return the name and size."""
    if not default_storage.exists(name):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=82, optimize=True)
        name = default_storage.save(name, ContentFile(buffer.getvalue()))
    return name, image.size


def bag_picture(name, colour, label, shape="tote", size=(800, 1000)):
    """A stylised handbag in `colour` on a studio backdrop, with a caption."""
    image = Image.new("RGB", size, BACKDROP)
    draw = ImageDraw.Draw(image)
    width, height = size
    left, right = width * 0.18, width * 0.82
    top, bottom = height * 0.35, height * 0.78
    if shape == "hobo":
        draw.chord([left, top - height * 0.12, right, bottom + height * 0.05], 0, 180, fill=colour)
        draw.arc([width * 0.3, height * 0.12, width * 0.7, height * 0.5], 180, 360, fill=colour, width=14)
    else:
        draw.rounded_rectangle([left, top, right, bottom], radius=int(width * 0.06), fill=colour)
        draw.arc([width * 0.32, height * 0.18, width * 0.68, height * 0.5], 180, 360, fill=colour, width=16)
    belt = _contrast(colour)
    for offset in (0.47, 0.55):
        draw.line([left, height * offset, right, height * offset], fill=belt, width=5)
    lock = (width * 0.5, height * 0.51)
    draw.ellipse([lock[0] - 22, lock[1] - 22, lock[0] + 22, lock[1] + 22], fill="#b8b8b8", outline=belt, width=3)
    draw.text((width * 0.08, height * 0.9), label, fill="#333333", font_size=int(height * 0.035))
    return _store(name, image)


def portrait_picture(name, colour, label, size=(800, 1000)):
    """A silhouette against a white backdrop, as in the Characters series."""
    image = Image.new("RGB", size, "#fbfbfb")
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse([width * 0.38, height * 0.12, width * 0.62, height * 0.34], fill=colour)
    draw.rounded_rectangle([width * 0.26, height * 0.36, width * 0.74, height * 0.95], radius=90, fill=colour)
    draw.text((width * 0.08, height * 0.03), label, fill="#333333", font_size=int(height * 0.035))
    return _store(name, image)


def banner_picture(name, colour, label, size=(1600, 900)):
    """A wide campaign still: a figure with a bag on a white backdrop."""
    image = Image.new("RGB", size, "#fdfdfd")
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse([width * 0.44, height * 0.1, width * 0.56, height * 0.32], fill="#2b2b2b")
    draw.rounded_rectangle([width * 0.38, height * 0.33, width * 0.62, height * 0.98], radius=80, fill="#2b2b2b")
    draw.rounded_rectangle([width * 0.58, height * 0.55, width * 0.74, height * 0.78], radius=24, fill=colour)
    draw.text((width * 0.05, height * 0.06), label, fill="#222222", font_size=int(height * 0.05))
    return _store(name, image)
