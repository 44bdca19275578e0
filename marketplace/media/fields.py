"""Fields that check and clean every image on its way into storage.

``SanitisedImageField`` replaces ``models.ImageField`` on a model. Whatever path an
image takes (a ModelForm such as Oscar's dashboard image form, the admin, or plain
ORM code assigning a ``File`` or calling ``field_file.save()``), it is checked and
stored upright without metadata, and its renditions are made: from the image already
decoded when tasks run eagerly (the default), otherwise by a worker's task, and
templates show the original until they exist. Forms
built from the model get ``ImageUploadField``, which refuses bad files with a clear
error next to the field and hands the cleaned copy on, so nothing is decoded twice.

For a form that is not built from such a model, use ``ImageUploadField`` directly.
"""

from __future__ import annotations

import os
import secrets

from django import forms
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete

from .images import ACCEPT_ATTRIBUTE, sanitise_upload
from .renditions import (
    clear_pending,
    delete_renditions,
    mark_pending,
    renditions_made_inline,
    save_renditions,
)
from .tasks import make_renditions


class ImageUploadField(forms.FileField):
    """A form field taking one JPEG, PNG or WebP image; cleans to a ``SanitisedImage``.

    Refusals (not an image, other format, too many bytes or pixels, damaged) are
    ``ValidationError``s with translated messages, shown next to the field.
    """

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        return sanitise_upload(uploaded, name=uploaded.name)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            # Narrows the browser's file picker; the server still decides.
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs


def _unique_name(name: str) -> str:
    """``name`` with a random suffix: a stored name is never reused, even after its file
    is deleted, so a URL always means the same picture and may be cached for good."""
    stem, extension = os.path.splitext(name)
    return f"{stem}-{secrets.token_hex(4)}{extension}"


class SanitisedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        clean = sanitise_upload(content, name=name)
        super().save(_unique_name(clean.name), clean, save=False)
        if renditions_made_inline():
            save_renditions(clean.image, self.name, self.storage, icc_profile=clean.icc_profile)
        else:
            # The stored original is all the task needs (not the row), so it is queued
            # now, not after the transaction: a rolled-back row leaves only unused files.
            mark_pending(self.name)
            make_renditions.delay(self.instance._meta.label, self.field.name, self.name)
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save=True):
        if self.name:
            clear_pending(self.name)
            delete_renditions(self.name, self.storage)
        super().delete(save=save)

    delete.alters_data = True


class SanitisedImageField(models.ImageField):
    """An ``ImageField`` whose files are checked, cleaned and queued for renditions on save.

    The column is an ``ImageField``'s, and migrations record it as one: switching a
    field to this class needs no migration, and migrations never import this module.
    """

    attr_class = SanitisedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # Renditions are derived data: they go when their row goes. (Whether the
            # original goes too is the model's business; Oscar deletes product images.)
            post_delete.connect(
                _renditions_remover(name),
                sender=cls,
                weak=False,
                dispatch_uid=f"media-renditions-{cls._meta.label_lower}-{name}",
            )


def _renditions_remover(field_name: str):
    def remove_renditions(sender, instance, **kwargs):
        field_file = getattr(instance, field_name)
        if field_file and field_file.name:
            delete_renditions(field_file.name, field_file.storage)

    return remove_renditions
