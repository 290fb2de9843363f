"""Mentor photos are re-encoded before they are stored.

A phone photo carries EXIF metadata (camera, time, often GPS coordinates of the
person's home) and is far larger than a gallery card needs. Re-encoding drops every
metadata block, applies the orientation first so the picture stays upright, and
gives the file a random name (an upload's own name can carry personal details).
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_SIDE = 800
# A small PNG can claim a huge canvas; decoding it takes 3–4 bytes a pixel, twice (turning
# and scaling). Phone cameras stay below 50 megapixels.
PHOTO_MAX_PIXELS = 50_000_000


def normalised_photo(upload) -> ContentFile:
    """A JPEG of at most PHOTO_MAX_SIDE pixels a side, without any metadata."""
    try:
        upload.seek(0)
        with Image.open(upload) as original:
            width, height = original.size
            if width * height > PHOTO_MAX_PIXELS:
                raise ValidationError(
                    {
                        "photo": _(
                            "This photo has more than 50 megapixels. "
                            "Please upload a smaller picture."
                        )
                    }
                )
            picture = ImageOps.exif_transpose(original)
            picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            if picture.mode != "RGB":
                # Transparent areas become white, as on the gallery's cards.
                background = Image.new("RGB", picture.size, "white")
                rgba = picture.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                picture = background
            buffer = io.BytesIO()
            picture.save(buffer, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError(
            {"photo": _("This photo cannot be read. Please upload a JPEG or PNG picture.")}
        ) from None
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
