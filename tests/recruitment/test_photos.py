"""Mentor photos lose their metadata, are turned upright and scaled down before storing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tandem.recruitment.models import MentorProfile
from tandem.recruitment.photos import PHOTO_MAX_SIDE
from tests.conftest import portal_url

from .test_portal_views import profile_data

pytestmark = pytest.mark.django_db


def phone_photo(width=2000, height=1500) -> bytes:
    """A JPEG as phones write it: EXIF with GPS position and 'rotate 90°' orientation."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was held upright
    exif[0x010F] = "Phone Maker"
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}  # GPS
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(content, name="Eva Brandt private.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_photo_is_stored_without_metadata_upright_and_small(login, round, people):
    assert Image.open(io.BytesIO(phone_photo())).getexif()  # the input does carry EXIF
    data = profile_data(round, photo=upload(phone_photo()))
    response = login(people["mentor"]).post(portal_url("recruitment_profile", round), data)
    assert response.status_code == 302
    profile = MentorProfile.objects.get(person=people["mentor"])
    assert "Eva" not in profile.photo.name and profile.photo.name.endswith(".jpg")
    with profile.photo.open("rb") as stored, Image.open(stored) as picture:
        assert picture.format == "JPEG"
        assert max(picture.size) == PHOTO_MAX_SIDE
        assert picture.height > picture.width  # orientation applied before it was dropped
        assert not picture.getexif()
        assert "exif" not in picture.info and "icc_profile" not in picture.info


def test_transparent_png_becomes_a_jpeg_on_white(login, round, people):
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (255, 0, 0, 0)).save(buffer, "PNG")
    data = profile_data(round, photo=upload(buffer.getvalue(), "me.png", "image/png"))
    login(people["mentor"]).post(portal_url("recruitment_profile", round), data)
    profile = MentorProfile.objects.get(person=people["mentor"])
    with profile.photo.open("rb") as stored, Image.open(stored) as picture:
        assert picture.size == (10, 10) and picture.getpixel((0, 0)) == (255, 255, 255)


def test_replaced_photo_file_is_deleted_after_saving(
    login, round, people, django_capture_on_commit_callbacks
):
    client = login(people["mentor"])
    url = portal_url("recruitment_profile", round)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, profile_data(round, photo=upload(phone_photo(40, 30))))
    first = MentorProfile.objects.get().photo
    storage, first_name = first.storage, first.name
    assert storage.exists(first_name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, profile_data(round, photo=upload(phone_photo(30, 40))))
    second = MentorProfile.objects.get().photo.name
    assert second != first_name and storage.exists(second)
    assert not storage.exists(first_name)


def test_broken_photo_is_a_field_error_and_keeps_the_saved_profile(login, round, people):
    client = login(people["mentor"])
    url = portal_url("recruitment_profile", round)
    client.post(url, profile_data(round, presentation="Alt"))
    # Looks like a JPEG to the browser, but it is cut off after the header.
    response = client.post(
        url, profile_data(round, presentation="Neu", photo=upload(phone_photo()[:600]))
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert MentorProfile.objects.get().presentation == "Alt"


def test_a_small_file_with_a_huge_canvas_is_refused_before_decoding(login, round, people):
    """A 1-bit PNG of 8000 × 7000 pixels is a few KB, but 170 MB once decoded in colour."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 7000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    client = login(people["mentor"])
    url = portal_url("recruitment_profile", round)
    response = client.post(
        url,
        profile_data(
            round, photo=upload(buffer.getvalue(), name="big.png", content_type="image/png")
        ),
    )
    assert response.status_code == 400
    assert "more than 50 megapixels" in response.content.decode()
    assert not MentorProfile.objects.exists()
