"""allauth's pages speak German with "Sie", like the rest of the platform."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
DU = re.compile(r"\b(du|dich|dir|dein\w*|Du|Dich|Dir|Dein\w*)\b")


def german(client, url) -> str:
    client.cookies["django_language"] = "de"
    return client.get(url).content.decode()


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_say_sie(client, name):
    page = german(client, reverse(name))
    text = re.sub(r"<[^>]+>", " ", page)
    assert not DU.findall(text), DU.findall(text)


def test_login_and_signup_texts_in_the_sie_form(client):
    assert "Sie haben noch kein Konto?" in german(client, reverse("account_login"))
    assert "Sie haben bereits ein Konto?" in german(client, reverse("account_signup"))
    assert "Geben Sie unten Ihre E-Mail-Adresse ein" in german(
        client, reverse("account_reset_password")
    )


def test_verification_sent_page_says_sie(client):
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "name": "Nora Neu",
            "password1": "lange-sichere-phrase",
            "password2": "lange-sichere-phrase",
        },
        follow=True,
    )
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert "Wir haben Ihnen eine E-Mail geschickt" in text
    assert not DU.findall(text)
