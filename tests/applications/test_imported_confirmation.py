"""An import never attaches an application to an existing account: the person confirms."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tandem.applications.models import Application, ImportedApplication
from tandem.mail.models import MailTemplate, QueuedMail
from tandem.programmes.models import RoundRole
from tests.conftest import verified
from tests.factories import InstitutionFactory, UserFactory

from .test_import_export import csv_bytes, guessed_mapping_post, upload, url

pytestmark = pytest.mark.django_db

ROW = ["", "{email}", "{name}", "", "", "", "Erwartungen", "", "", "", "de", "", "", ""]


def rows(email, name="Anna Import"):
    return [[cell.format(email=email, name=name) for cell in ROW]]


def import_and_answer(client, round, email, name="Anna Import"):
    upload(client, round, csv_bytes(rows(email, name)))
    mapping = client.post(url(round, "application_import_map"), guessed_mapping_post(client, round))
    preview = client.get(url(round, "application_import_preview"))
    done = client.post(url(round, "application_import_preview"), follow=True)
    return mapping, preview, done


def normalised(html: str, email: str) -> str:
    html = html.replace(email, "EMAIL")
    return re.sub(r'value="[A-Za-z0-9]{32,}"', "", html)


def test_import_answers_alike_for_known_and_unknown_addresses_and_attaches_nothing(
    client, round, coordinator
):
    known = UserFactory(
        email="known@example.org",
        name="Karla Known",
        institution=InstitutionFactory(name="Geheime Bibliothek"),
    )
    client.force_login(coordinator)
    answers = []
    for email in ("known@example.org", "unknown@example.org"):
        mapping, preview, done = import_and_answer(client, round, email)
        answers.append(
            [
                mapping.status_code,
                preview.status_code,
                normalised(preview.content.decode(), email),
                done.status_code,
                [str(m) for m in done.context["messages"]],
            ]
        )
        assert "Karla Known" not in done.content.decode()
        assert "Geheime Bibliothek" not in preview.content.decode()
    assert answers[0] == answers[1]
    # Without a name, both are refused alike (no "needed for a new account" hint).
    upload(client, round, csv_bytes(rows("known@example.org", "")))
    response = client.post(
        url(round, "application_import_map"), guessed_mapping_post(client, round)
    )
    assert response.status_code == 400
    assert "new account" not in response.content.decode()
    assert not Application.objects.filter(person=known).exists()
    assert not RoundRole.objects.filter(person=known).exists()
    assert ImportedApplication.objects.filter(round=round).count() == 2
    assert not type(known).objects.filter(email="unknown@example.org").exists()


def confirmation_link(round, coordinator, email="anna@example.org"):
    MailTemplate.objects.create(
        key="application_import_confirmation",
        language="de",
        round=round,
        subject="Own",
        body="Own words {{ url }}",
    )
    from tandem.applications.imported import hold_for_confirmation
    from tandem.applications.imports import ImportRow

    pending = hold_for_confirmation(
        round=round,
        row=ImportRow(number=2, email=email, name="Anna Import"),
        data={"expectations": "Erwartungen", "languages": ["de"], "topics": []},
        source="LimeSurvey",
        by=coordinator,
    )
    mail = QueuedMail.objects.get(to=email)
    assert "Guten Tag Anna Import" in mail.body and "Own words" not in mail.body
    assert pending.token in mail.body and pending.token != pending.token_hash
    return reverse(
        "public:imported_application", kwargs={**round.url_kwargs, "token": pending.token}
    )


def test_only_the_verified_owner_of_the_address_confirms(client, round, coordinator):
    link = confirmation_link(round, coordinator)
    # Without an account: sign up with the address filled in.
    response = client.post(link, {"answer": "accept"})
    assert "email=anna%40example.org" in response["Location"]
    stranger = verified(UserFactory())
    EmailAddress.objects.create(user=stranger, email="anna@example.org", verified=False)
    client.force_login(stranger)
    response = client.post(link, {"answer": "accept"})
    assert response.status_code == 400
    assert not Application.objects.exists()
    owner = verified(UserFactory(email="anna@example.org"))
    client.force_login(owner)
    response = client.post(link, {"answer": "accept"})
    assert response.status_code == 302
    application = Application.objects.get(person=owner, round=round)
    assert application.expectations == "Erwartungen" and application.state == "submitted"
    assert RoundRole.objects.filter(round=round, person=owner, role="mentee").exists()
    assert client.get(link).status_code == 404


def test_declining_deletes_the_imported_data(client, round, coordinator):
    link = confirmation_link(round, coordinator)
    assert client.post(link, {"answer": "decline"}).status_code == 200
    pending = ImportedApplication.objects.get()
    assert pending.declined_at and pending.data == {}
    assert client.get(link).status_code == 404
