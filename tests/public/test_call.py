"""The way in: open calls on the home page, the call page, and the applicant's path from
sign-up through e-mail confirmation and profile into the application form."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from tandem.applications.calls import effort_text, open_calls
from tests.applications.conftest import travel_to
from tests.conftest import public_url
from tests.factories import InstitutionFactory, RoundFactory, UserFactory
from tests.recruitment.factories import InfoEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_round(round):
    round.is_public = True
    round.save()
    return round


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def apply_url(programme_round):
    return reverse("portal:application_apply", kwargs=programme_round.url_kwargs)


def test_home_lists_open_and_coming_calls_but_not_private_or_closed_ones(
    client, public_round, in_window
):
    hidden = RoundFactory(name="Geheimer Durchlauf")
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert public_url("call", public_round) in page
    assert hidden.name not in page
    assert [call.round for call in open_calls()] == [public_round]
    with travel_to(in_window.ends_on + dt.timedelta(days=1)):
        assert open_calls() == []
        assert "No round is taking applications" in client.get(reverse("home")).content.decode()


def test_call_page_says_what_who_when_how_much_and_links_on(client, public_round, in_window):
    InfoEventFactory(round=public_round)
    response = client.get(public_url("call", public_round))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "What the programme is",
        "Effort",
        "Confidentiality",
        "Who can apply",
        "Topics",
        "Dates",
        public_round.programme.topics.first().label,
        "About one meeting a month of up to 2 hours for about 6 months, and about "
        "as much time again for preparation.",
        public_url("gallery", public_round),
        public_url("info_event", public_round),
    ):
        assert text in page, text
    # Without an account, Apply leads to sign-up that comes back to the form.
    signup = f"{reverse('account_signup')}?next={apply_url(public_round).replace('/', '%2F')}"
    assert signup in page
    assert "Apply now" in page


def test_call_page_before_the_window_has_no_apply_button(client, public_round, window):
    with travel_to(window.starts_on - dt.timedelta(days=1)):
        page = client.get(public_url("call", public_round)).content.decode()
    assert "Apply now" not in page
    assert "Applications open on" in page


def test_gallery_and_info_event_link_to_the_call(client, public_round):
    InfoEventFactory(round=public_round)
    for name in ("gallery", "info_event"):
        page = client.get(public_url(name, public_round)).content.decode()
        assert f'href="{public_url("call", public_round)}"' in page, name


@pytest.mark.parametrize("who", ["outsider", "foreign_coordinator", None])
def test_call_of_an_unpublished_round_is_404_for_strangers(client, round, people, who):
    if who:
        client.force_login(people[who])
    response = client.get(public_url("call", round))
    assert response.status_code == 404
    assert round.name not in response.content.decode()


@pytest.mark.parametrize("who", ["mentor", "mentee", "trainer", "coordinator"])
def test_call_of_an_unpublished_round_opens_for_its_own_people(client, round, people, who):
    client.force_login(people[who])
    assert client.get(public_url("call", round)).status_code == 200


def test_effort_follows_the_rounds_rules(round):
    round.meeting_rhythm_weeks, round.meeting_max_minutes, round.tandem_months = 2, 90, 4
    assert effort_text(round) == (
        "About one meeting every 2 weeks of up to 90 minutes for "
        "about 4 months, and about as much time again for "
        "preparation."
    )


def test_new_applicant_lands_in_the_form_after_sign_up_confirmation_and_profile(
    client, public_round, in_window
):
    InstitutionFactory(name="UB Kassel")
    response = client.post(
        f"{reverse('account_signup')}?next={apply_url(public_round)}",
        {
            "email": "neu@example.org",
            "name": "Nora Neu",
            "password1": "lange-sichere-phrase",
            "password2": "lange-sichere-phrase",
            "next": apply_url(public_round),
        },
    )
    assert response.status_code == 302
    response = client.post(link_in(mail.outbox[-1]))
    # Confirming logs in and resumes at the form, which asks for the profile first …
    assert response.status_code == 302 and response.url == apply_url(public_round)
    response = client.get(response.url)
    profile = f"{reverse('portal:profile')}?next={apply_url(public_round).replace('/', '%2F')}"
    assert response.url == profile
    page = client.get(profile).content.decode()
    assert f'name="next" value="{apply_url(public_round)}"' in page
    response = client.post(
        profile,
        {
            "name": "Nora Neu",
            "position": "",
            "institution_name": "UB Kassel",
            "institution_type": "",
            "institution_size": "",
            "language": "de",
            "next": apply_url(public_round),
        },
    )
    # … and saving the profile goes on to the form.
    assert response.status_code == 302 and response.url == apply_url(public_round)
    assert client.get(response.url).status_code == 200


def test_profile_ignores_a_next_address_on_another_site(client):
    person = UserFactory(institution=InstitutionFactory(name="UB Kassel"))
    client.force_login(person)
    response = client.post(
        reverse("portal:profile") + "?next=https://evil.example/",
        {
            "name": "Nora Neu",
            "position": "",
            "institution_name": "UB Kassel",
            "institution_type": "",
            "institution_size": "",
            "language": "de",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302 and response.url == reverse("portal:profile")
