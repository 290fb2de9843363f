"""End to end: coordinator invites → mail after release → candidate signs up, accepts,
fills the profile → the profile is in the gallery."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate
from tests.conftest import manage_url, portal_url, public_url

from .test_portal_views import profile_data

pytestmark = pytest.mark.django_db


def test_invitation_flow_end_to_end(client, round, coordinator, django_capture_on_commit_callbacks):
    round.is_public = True
    round.save()
    # The coordinator lists the candidate, invites her and sends the reviewed draft.
    client.force_login(coordinator)
    client.post(
        manage_url("recruitment_candidates", round),
        {"name": "Eva Brandt", "email": "eva.brandt@example.org", "language": "de"},
    )
    candidate = Candidate.objects.get()
    client.post(manage_url("recruitment_invite", round), {"candidates": [candidate.pk]})
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url("recruitment_outbox", round))
    [invitation] = mail.outbox
    link = re.search(r"https?://\S+/invitation/\S+/", invitation.body).group(0)
    path = "/" + link.split("/", 3)[3]
    client.logout()

    # The candidate opens the link; to accept she needs an account.
    assert client.get(path).status_code == 200
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 302
    signup = reverse("account_signup") + "?next=" + path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup,
            {
                "email": "eva.brandt@example.org",
                "name": "Eva Brandt",
                "password1": "Mentoring-2027!x",
                "password2": "Mentoring-2027!x",
            },
        )
    assert response.status_code == 302
    confirmation = next(m for m in mail.outbox if "/accounts/confirm-email/" in m.body)
    confirm_url = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", confirmation.body)
    # Confirming in the same browser logs her in and leads back to the invitation.
    response = client.post(confirm_url.group(1))
    assert response.status_code == 302 and response["Location"] == path

    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 302
    assert response["Location"] == portal_url("recruitment_profile", round)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED
    assert candidate.person.email == "eva.brandt@example.org"

    # She fills in her profile and it appears in the public gallery.
    response = client.post(
        portal_url("recruitment_profile", round),
        profile_data(round, presentation="Ich zeige Ihnen mein Monitoring."),
    )
    assert response.status_code == 302
    client.logout()
    gallery = client.get(public_url("gallery", round), {"topic": "publication_monitoring"})
    assert "Ich zeige Ihnen mein Monitoring." in gallery.content.decode()
    # The link was used up.
    assert client.get(path).status_code == 404


def test_invitation_is_listed_on_the_dashboard_of_the_invited_address(client, round, coordinator):
    """Signed up on another device (the link not at hand): the dashboard offers the link."""
    from allauth.account.models import EmailAddress

    from tandem.recruitment import services
    from tests.factories import UserFactory

    candidate = services.add_candidate(
        round=round, name="Eva Brandt", email="eva.brandt@example.org", by=coordinator
    )
    services.invite_candidates(round=round, candidates=[candidate], by=coordinator)
    candidate.refresh_from_db()
    # Only the token's hash is stored: the dashboard links to the invitation by round.
    link = reverse("portal:recruitment_invitation", kwargs=round.url_kwargs)

    person = UserFactory(email="Eva.Brandt@example.org")
    address = EmailAddress.objects.create(
        user=person, email=person.email, verified=False, primary=True
    )
    client.force_login(person)
    # An unconfirmed address proves nothing: no link.
    assert link not in client.get(reverse("portal:dashboard")).content.decode()
    address.verified = True
    address.save()
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert link in page and round.name in page
    assert "Eva Brandt" in client.get(link).content.decode()
    # Someone else never sees it; an answered invitation disappears.
    client.force_login(UserFactory())
    assert link not in client.get(reverse("portal:dashboard")).content.decode()
    assert client.get(link).status_code == 404
    services.decline_invitation(candidate=candidate)
    client.force_login(person)
    assert round.name not in client.get(reverse("portal:dashboard")).content.decode()
