"""Sign-up asks for the name, so letters and e-mails never name a person by address."""

import pytest
from django.urls import reverse

from tandem.people.models import User

pytestmark = pytest.mark.django_db

FORM = {
    "email": "neu@example.org",
    "password1": "lange-sichere-phrase",
    "password2": "lange-sichere-phrase",
}


def test_sign_up_without_a_name_is_refused_next_to_the_field(client):
    response = client.post(reverse("account_signup"), {**FORM, "name": "  "})
    assert response.status_code == 200
    assert not User.objects.filter(email="neu@example.org").exists()
    assert "This field is required" in response.content.decode()


def test_the_name_is_stored_on_one_line(client):
    response = client.post(reverse("account_signup"), {**FORM, "name": " Dr.  Nora\tNeu "})
    assert response.status_code == 302
    assert User.objects.get(email="neu@example.org").name == "Dr. Nora Neu"
