"""What an uploaded document or image holds must be what its name says.

Wagtail checks a document's extension (``WAGTAILDOCS_EXTENSIONS``) and size
(``WAGTAILDOCS_MAX_UPLOAD_SIZE``), not its content: an HTML page or a script renamed
``report.pdf`` would be stored and offered for download under a trusted name. The
admin's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) also reads the file's first
bytes and, for the office formats, its zip directory, and refuses a file that is not
of its type, with a message that says so.

Images are read by Wagtail (Willow and Pillow), which knows their formats; the image
form here only turns a file that starts like an image and is none (a GIF header on a
script) into the usual "not a valid image" message, where Pillow's error was a 500.
"""

from __future__ import annotations

import re
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

HEAD_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
# The part each office format cannot be without (ECMA-376 and OpenDocument).
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# What browsers take for a page or a picture that runs scripts (WHATWG MIME sniffing, "HTML").
MARKUP_START = re.compile(rb"\s*<(!doctype|html|head|body|script|svg|iframe|\?xml|!--)", re.IGNORECASE)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _zip_names(file) -> set[str] | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                names.add("mimetype=" + archive.read("mimetype").decode("ascii", "replace"))
            return names
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None


def content_matches(extension: str, file) -> bool:
    """Whether ``file`` (read from its start, and left there) holds content of its extension's type."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in OFFICE_PARTS or extension == "odt":
        if not head.startswith(ZIP_MAGIC):
            return False
        names = _zip_names(file) or set()
        file.seek(0)
        if extension == "odt":
            return f"mimetype={ODT_MIMETYPE.decode()}" in names
        return {"[Content_Types].xml", OFFICE_PARTS[extension]} <= names
    if extension in ("txt", "csv"):
        text = head.removeprefix(b"\xef\xbb\xbf")
        return (b"\x00" not in text or text.startswith(UTF16_BOMS)) and not MARKUP_START.match(text)
    return False  # an extension allowed in settings but not known here: refuse rather than guess


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing a file whose content is not of its type."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
            # Other extensions are refused by Wagtail's own check, with its message.
            if extension in settings.WAGTAILDOCS_EXTENSIONS and not content_matches(extension, file):
                raise forms.ValidationError(
                    _("This file is not a real .%(extension)s file: save it in that format and try again."),
                    code="content_mismatch",
                    params={"extension": extension},
                )
        return file


class CheckedImageField(WagtailImageField):
    """Wagtail's image field; an image Pillow cannot read is refused rather than raised."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (OSError, ValueError, SyntaxError) as error:  # PIL.UnidentifiedImageError is an OSError
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    """Wagtail's image form with ``CheckedImageField`` for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(label=field.label, required=field.required, widget=field.widget)
