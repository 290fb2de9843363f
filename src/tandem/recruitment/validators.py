from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SLIDES_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 3 * 1024 * 1024


def validate_slides_size(file) -> None:
    if file.size > SLIDES_MAX_BYTES:
        raise ValidationError(_("The slides may be at most 10 MB."))


def validate_photo_size(file) -> None:
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo may be at most 3 MB."))


def validate_pdf(file) -> None:
    """Check the content, not only the name: a PDF starts with %PDF."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(5)
    finally:
        file.seek(position)
    if not head.startswith(b"%PDF"):
        raise ValidationError(_("This file is not a PDF. Please upload your slides as PDF."))
