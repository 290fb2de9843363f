"""The mail text pages of a round: coordinators only, checked before saving."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from tandem.audit.models import AuditEntry
from tandem.mail.defaults import DEFAULT_TEMPLATES, MAIL_PURPOSES, PLATFORM_PURPOSES
from tandem.mail.models import MailTemplate
from tandem.mail.services import save_round_texts, template_for
from tests.conftest import DENIED_ROLES, manage_url, verified, with_totp
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_SUBJECT = "Vertraulicher Betreff {{ round }}"
VALID = {
    "subject_de": "Willkommen in {{ round }}",
    "body_de": "Hallo {{ name }},\r\nschön!",
    "subject_en": "Welcome to {{ round }}",
    "body_en": "Hello {{ name }},\r\nglad!",
}


def own_text(programme_round):
    return MailTemplate.objects.create(
        key="role_assigned",
        language="de",
        round=programme_round,
        subject=SECRET_SUBJECT,
        body="Geheimer Text",
    )


def test_list_shows_every_purpose_and_whether_the_round_has_its_own_text(login, round, coordinator):
    own_text(round)
    page = login(coordinator).get(manage_url("mail_texts", round)).content.decode()
    editable = [key for key in DEFAULT_TEMPLATES if key not in PLATFORM_PURPOSES]
    for key in DEFAULT_TEMPLATES:
        title, description = MAIL_PURPOSES[key]
        assert escape(str(title)) in page and escape(str(description)) in page
        edit_link = manage_url("mail_text", round, key=key)
        assert (edit_link in page) == (key not in PLATFORM_PURPOSES)
    assert page.count("Own text") == 1 and page.count(">Default<") == len(editable) - 1


@pytest.mark.parametrize(
    "key", ["role_invitation", "application_import_confirmation", "info_event_confirm_address"]
)
def test_texts_to_unconfirmed_addresses_stay_the_platforms_own(login, round, coordinator, key):
    """Mails to addresses nobody has confirmed are never worded by a coordinator: the
    page lists them without an edit link, the edit page is 404, and the service refuses."""
    assert key in PLATFORM_PURPOSES
    client = login(coordinator)
    page = client.get(manage_url("mail_texts", round)).content.decode()
    assert "Sent in the platform" in page
    assert client.get(manage_url("mail_text", round, key=key)).status_code == 404
    assert client.post(manage_url("mail_text", round, key=key), VALID).status_code == 404
    assert client.post(manage_url("mail_text_reset", round, key=key)).status_code == 404
    with pytest.raises(ValidationError):
        save_round_texts(
            round=round,
            key=key,
            texts={"de": ("Betreff", "Hallo {{ name }}")},
            by=coordinator,
        )
    assert not MailTemplate.objects.filter(key=key).exists()


def test_a_purpose_without_a_title_is_listed_by_its_key(login, round, coordinator, monkeypatch):
    monkeypatch.setitem(
        DEFAULT_TEMPLATES,
        "untitled_purpose",
        {"de": ("Betreff", "Hallo {{ name }}"), "en": ("Subject", "Hello {{ name }}")},
    )
    client = login(coordinator)
    assert "untitled_purpose" in client.get(manage_url("mail_texts", round)).content.decode()
    page = client.get(manage_url("mail_text", round, key="untitled_purpose"))
    assert page.status_code == 200 and "untitled_purpose" in page.content.decode()


def test_round_coordinator_by_role_may_edit_texts(login, round):
    person = with_totp(verified(UserFactory()))
    RoundRoleFactory(round=round, person=person, role="coordinator")
    client = login(person)
    assert client.get(manage_url("mail_texts", round)).status_code == 200
    response = client.post(manage_url("mail_text", round, key="role_assigned"), VALID)
    assert response.status_code == 302
    assert MailTemplate.objects.filter(round=round).count() == 2


def test_edit_page_is_prefilled_and_shows_placeholders_and_a_preview(login, round, coordinator):
    page = login(coordinator).get(manage_url("mail_text", round, key="mentor_invitation"))
    html = page.content.decode()
    de_subject, _body = template_for("mentor_invitation", "de")
    assert 'value="Einladung: Mentor*in im „{{ programme }}“ ({{ round }})"' in html
    assert "{{ expires }}" in html and "{{ meeting_hours }}" in html
    # The preview fills in the round's own facts and sample values.
    assert f"Einladung: Mentor*in im „{round.programme.name}“ ({round.name})" in html
    assert "Eva Beispiel" in html
    assert "This round uses the default text." in html
    assert "Reset to the default" not in html
    assert de_subject.startswith("Einladung")


def test_save_stores_the_rounds_own_text(login, round, coordinator):
    client = login(coordinator)
    response = client.post(
        manage_url("mail_text", round, key="role_assigned"), {**VALID, "action": "save"}
    )
    assert response.status_code == 302
    assert template_for("role_assigned", "en", round) == (
        "Welcome to {{ round }}",
        "Hello {{ name }},\nglad!\n",
    )
    page = client.get(response["Location"]).content.decode()
    assert "The e-mail text was saved." in page
    assert "This round uses its own text in:" in page and "Reset to the default" in page
    assert AuditEntry.objects.filter(action="mail_text.saved", actor=coordinator).count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body_en", "Hi {% if %}{% endif %}"),
        ("subject_de", "Willkommen {{ round"),
        ("body_de", "Hallo {{ nmae }}"),
        ("body_en", ""),
    ],
)
def test_broken_text_is_400_with_the_error_on_its_field_and_nothing_saved(
    login, round, coordinator, field, value
):
    own_text(round)
    response = login(coordinator).post(
        manage_url("mail_text", round, key="role_assigned"), {**VALID, field: value}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    # What the coordinator typed is still there to be corrected.
    assert "Welcome to {{ round }}" in html
    assert template_for("role_assigned", "de", round) == (SECRET_SUBJECT, "Geheimer Text")
    assert MailTemplate.objects.count() == 1


def test_preview_shows_the_typed_text_without_saving(login, round, coordinator):
    response = login(coordinator).post(
        manage_url("mail_text", round, key="role_assigned"), {**VALID, "action": "preview"}
    )
    assert response.status_code == 200
    assert f"Welcome to {round.name}" in response.content.decode()
    assert not MailTemplate.objects.exists()
    response = login(coordinator).post(
        manage_url("mail_text", round, key="role_assigned"),
        {**VALID, "body_de": "{{ nmae }}", "action": "preview"},
    )
    assert response.status_code == 400
    assert 'id="id_body_de_error"' in response.content.decode()
    assert not MailTemplate.objects.exists()


def test_reset_goes_back_to_the_default(login, round, coordinator):
    own_text(round)
    client = login(coordinator)
    response = client.post(manage_url("mail_text_reset", round, key="role_assigned"))
    assert response.status_code == 302
    assert not MailTemplate.objects.exists()
    assert "uses the default text again" in client.get(response["Location"]).content.decode()
    response = client.post(manage_url("mail_text_reset", round, key="role_assigned"), follow=True)
    assert "already uses the default text" in response.content.decode()


def test_unknown_purpose_is_404(login, round, coordinator):
    client = login(coordinator)
    assert client.get(manage_url("mail_text", round, key="no_such_purpose")).status_code == 404
    assert (
        client.post(manage_url("mail_text", round, key="no_such_purpose"), VALID).status_code == 404
    )
    assert (
        client.post(manage_url("mail_text_reset", round, key="no_such_purpose")).status_code == 404
    )
    assert not MailTemplate.objects.exists()


def test_texts_of_another_round_are_neither_shown_nor_changed(login, round, coordinator):
    other = RoundFactory(programme=round.programme)
    own_text(other)
    client = login(coordinator)
    assert (
        "Vertraulicher"
        not in client.get(manage_url("mail_text", round, key="role_assigned")).content.decode()
    )
    client.post(manage_url("mail_text_reset", round, key="role_assigned"))
    assert MailTemplate.objects.filter(round=other).count() == 1


def text_requests(programme_round):
    edit = manage_url("mail_text", programme_round, key="role_assigned")
    return [
        ("get", manage_url("mail_texts", programme_round), {}),
        ("get", edit, {}),
        ("post", edit, VALID),
        ("post", manage_url("mail_text_reset", programme_round, key="role_assigned"), {}),
    ]


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_get_404_see_nothing_and_change_nothing(login, round, people, role):
    own_text(round)
    client = login(people[role])
    for method, url, data in text_requests(round):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
        assert "Vertraulicher" not in response.content.decode()
    assert template_for("role_assigned", "de", round) == (SECRET_SUBJECT, "Geheimer Text")
    assert MailTemplate.objects.count() == 1
    assert not AuditEntry.objects.filter(action__startswith="mail_text.").exists()


def test_anonymous_is_sent_to_login(client, round):
    for method, url, data in text_requests(round):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not MailTemplate.objects.exists()


def test_round_page_links_to_the_mail_pages(login, round, coordinator):
    page = login(coordinator).get(manage_url("round", round)).content.decode()
    assert manage_url("mail_outbox", round) in page
