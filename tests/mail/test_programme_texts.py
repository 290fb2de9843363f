"""Programme texts: every text a programme sends or prints is its own, per language."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.documents.texts import SUPERVISOR_LETTER
from tandem.mail import selectors
from tandem.mail.models import MailTemplate
from tandem.mail.services import template_for
from tandem.programmes.enums import RoleKind
from tests.conftest import manage_url, verified
from tests.factories import RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

LETTER = {
    "subject_de": "Teilnahme von {{ name }} an „{{ programme }}“",
    "body_de": "Sehr geehrte Damen und Herren,\n\n## Forschungsdaten\n"
    "{{ name }} lernt Datenmanagementpläne.\n\n{{ contact }}",
    "subject_en": "{{ name }} in “{{ programme }}”",
    "body_en": "Dear Sir or Madam,\n\n## Research data\n{{ name }} learns data management "
    "plans.\n\n{{ contact }}",
}


def programme_url(name, round, **kwargs):
    programme = round.programme
    org = {"org": programme.organisation.slug, "programme": programme.slug}
    return reverse(f"manage:{name}", kwargs={**org, **kwargs})


def text_of(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_the_programme_lists_every_text_mails_and_printed_ones(login, round, coordinator):
    page = login(coordinator).get(programme_url("programme_texts", round)).content.decode()
    assert "Letter for supervisors (PDF)" in page and "not an e-mail" in page
    assert programme_url("programme_text", round, key="mentor_invitation") in page
    assert (
        programme_url("programme_texts", round)
        in login(coordinator).get(programme_url("programme", round)).content.decode()
    )


def test_a_programme_text_applies_to_every_round_unless_the_round_has_its_own(
    login, round, coordinator
):
    other_round = RoundFactory(programme=round.programme)
    foreign_round = RoundFactory()
    client = login(coordinator)
    data = {
        "subject_de": "Mentor*in für Forschungsdaten ({{ round }})",
        "body_de": "Guten Tag {{ name }},\nForschungsdaten! {{ site_url }}{{ url }}",
        "subject_en": "Mentor for research data ({{ round }})",
        "body_en": "Hello {{ name }},\nresearch data! {{ site_url }}{{ url }}",
    }
    response = client.post(programme_url("programme_text", round, key="mentor_invitation"), data)
    assert response.status_code == 302
    for each in (round, other_round):
        assert template_for("mentor_invitation", "en", each)[0] == data["subject_en"]
    assert "Open Access" in template_for("mentor_invitation", "de", foreign_round)[1]
    page = client.get(manage_url("mail_texts", round)).content.decode()
    assert "Programme's text" in page
    # The round's own text wins over the programme's.
    MailTemplate.objects.create(
        key="mentor_invitation", language="en", round=round, subject="Own", body="Own {{ url }}"
    )
    assert template_for("mentor_invitation", "en", round)[0] == "Own"
    assert template_for("mentor_invitation", "en", other_round)[0] == data["subject_en"]
    # Reset: the default applies again to the programme's rounds.
    client.post(programme_url("programme_text_reset", round, key="mentor_invitation"))
    assert "Open Access" in template_for("mentor_invitation", "de", other_round)[1]


def test_a_broken_programme_text_is_refused_next_to_its_field(login, round, coordinator):
    data = dict(LETTER, body_en="Hello {{ nmae }}")
    response = login(coordinator).post(
        programme_url("programme_text", round, key=SUPERVISOR_LETTER), data
    )
    assert response.status_code == 400
    assert 'id="id_body_en_error"' in response.content.decode()
    assert not MailTemplate.objects.filter(key=SUPERVISOR_LETTER).exists()


def test_the_supervisor_letter_prints_the_programmes_words_and_the_persons_name(
    login, round, coordinator, client
):
    client = login(coordinator)
    response = client.post(programme_url("programme_text", round, key=SUPERVISOR_LETTER), LETTER)
    assert response.status_code == 302
    mentor = verified(UserFactory(name="Dr. Ada Lovelace", email="ada@example.org"))
    RoundRoleFactory(round=round, person=mentor, role=RoleKind.MENTOR)
    client.force_login(mentor)
    url = reverse("portal:recruitment_supervisor_letter", kwargs=round.url_kwargs)
    for language, words in (("de", "lernt Datenmanagementpläne"), ("en", "learns data")):
        pdf = client.get(url, {"language": language}).content
        text = text_of(pdf)
        assert words in text and "Dr. Ada Lovelace" in text
        assert "Open Access" not in text.replace(round.programme.name, "")
        assert "ada@example.org" not in text


def test_printed_texts_are_no_outbox_purpose(round):
    keys = [purpose.key for purpose in selectors.outbox_purposes(round)]
    assert SUPERVISOR_LETTER not in keys and "mentor_invitation" in keys


def test_the_call_page_says_what_the_programme_is_in_the_programmes_words(
    login, round, coordinator, client
):
    round.is_public = True
    round.save(update_fields=["is_public"])
    data = {
        "subject_de": "Worum es geht",
        "body_de": "Forschungsdatenmanagement im Tandem für {{ programme }}.",
        "subject_en": "What it is about",
        "body_en": "Research data management <b>in</b> tandems for {{ programme }}.",
    }
    response = login(coordinator).post(
        programme_url("programme_text", round, key="call_page"), data
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("public:call", kwargs=round.url_kwargs)).content.decode()
    assert "What it is about" in page
    assert "Research data management &lt;b&gt;in&lt;/b&gt; tandems" in page
    assert "an experienced practitioner (mentor)" not in page
