"""The page speaks the person's language, also when the browser remembers another one.

The language cookie lasts a year and wins over the stored preference (the switcher). A
cookie left by an earlier choice — someone else's on a shared computer, or from before the
person changed their profile — used to keep the pages in the other language (issue 17:
``<html lang="de">`` for a person who reads English).
"""

import re

import pytest
from django.urls import reverse

from tests.conftest import verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "lange-sichere-phrase-7"


def page_language(html: str) -> str:
    return re.search(r'<html lang="([a-z-]+)"', html).group(1)


@pytest.fixture
def reader_of_english(fast_passwords):
    person = verified(UserFactory(email="erin@example.org", name="Erin Eng", language="en"))
    person.set_password(PASSWORD)
    person.save()
    return person


def test_at_login_the_stored_language_wins_over_an_old_cookie(client, reader_of_english):
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("account_login"),
        {"login": reader_of_english.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    )
    assert client.cookies["django_language"].value == "en"
    html = response.content.decode()
    assert page_language(html) == "en"
    # The "signed in" message is written during the login request: in English too.
    assert "Successfully signed in" in html and "Erfolgreich" not in html


def test_a_language_saved_in_the_profile_shows_at_once(client, reader_of_english):
    reader_of_english.language = "de"
    reader_of_english.save()
    client.force_login(reader_of_english)
    client.cookies["django_language"] = "de"  # from the switcher, months ago
    profile = reverse("portal:profile")
    assert page_language(client.get(profile).content.decode()) == "de"
    response = client.post(
        profile,
        {
            "name": "Erin Eng",
            "position": "",
            "institution_name": "Stadtbibliothek Neustadt",
            "institution_type": "other",
            "institution_size": "small",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.cookies["django_language"].value == "en"
    assert page_language(client.get(reverse("portal:dashboard")).content.decode()) == "en"


def test_the_switcher_still_shows_the_other_language_for_a_moment(client, reader_of_english):
    client.force_login(reader_of_english)
    client.post(reverse("switch_language"), {"language": "de", "next": "/me/"})
    assert page_language(client.get(reverse("portal:dashboard")).content.decode()) == "de"
    reader_of_english.refresh_from_db()
    assert reader_of_english.language == "de"
