"""Where uploads are stored and when they go: names that reveal nothing, files that leave with their row.

Uploads are served publicly (by Django on one machine, by a web server or a
bucket elsewhere), so the only thing keeping a draft's pictures private is that
nobody can guess their address. Two rules follow:

- `PrivateName`: a stored name is `<folder>/<random>.<ext>`; the uploader's
  file name (often the product's or the campaign's secret name) is dropped, and
  so is any length or character trouble it brought.
- `connect_file_cleanup()`: when a row is deleted, or its file replaced or
  cleared, the old file and its renditions are deleted once the transaction
  commits (never before: a rolled-back delete keeps its files).

Files under `demo/` are the demo's drawings, shared by many synthetic items
(`core/demo_images.py`): they are never deleted by cleanup.
"""

import re
import secrets
from pathlib import PurePosixPath

from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save
from django.utils.deconstruct import deconstructible

from .publishing import content_models

SHARED_PREFIXES = ("demo/",)


@deconstructible
class PrivateName:
    """An `upload_to` that keeps the folder and the extension, and replaces the name with 24 random characters."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        extension = PurePosixPath(filename).suffix.lower()
        if not re.fullmatch(r"\.[a-z0-9]{1,5}", extension):
            extension = ""
        return f"{self.folder}/{secrets.token_urlsafe(18)}{extension}"

    def __eq__(self, other):
        return isinstance(other, PrivateName) and other.folder == self.folder


class AnyUploadName:
    """Mix into a FileField whose upload_to is a PrivateName: the uploaded name is thrown away, so its length
    is no reason to refuse the file (Django's form field would, past the column's max_length)."""

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.max_length = None
        return field


class PrivateFileField(AnyUploadName, models.FileField):
    """A FileField stored under a PrivateName."""


def file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def remove_stored(storage, name):
    """Delete a stored file and its renditions, unless it is shared demo content."""
    from .images import rendition_names  # images builds on this module

    if not name or name.startswith(SHARED_PREFIXES):
        return
    for target in [*rendition_names(name, storage), name]:
        storage.delete(target)


def remove_after_commit(storage, names):
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [remove_stored(storage, name) for name in names])


def _before_save(sender, instance, raw=False, **kwargs):
    """Files replaced or cleared by this save go once it commits.

    A save that names a stored file which no longer exists (a revert to, or the revival of, a version whose
    picture was replaced or deleted since) keeps the current file instead: a row never points at nothing,
    and the current file is not deleted for a missing one.
    """
    if raw or instance.pk is None or instance._state.adding:
        return
    fields = file_fields(sender)
    stored = sender._default_manager.filter(pk=instance.pk).values_list(*(f.attname for f in fields)).first()
    for position, field in enumerate(fields):
        old = stored[position] if stored else ""
        new = getattr(instance, field.attname)
        if new and new._committed and new.name != old and not field.storage.exists(new.name):
            setattr(instance, field.attname, old)
            new = getattr(instance, field.attname)
        if old and old != (new.name if new else ""):
            remove_after_commit(field.storage, [old])


def _after_delete(sender, instance, **kwargs):
    for field in file_fields(sender):
        file = getattr(instance, field.attname)
        if file:
            remove_after_commit(field.storage, [file.name])


def connect_file_cleanup():
    """Connect cleanup for every content model that stores files."""
    for model in content_models():
        if file_fields(model):
            uid = f"uploads:{model._meta.label}"
            pre_save.connect(_before_save, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + ":delete")
