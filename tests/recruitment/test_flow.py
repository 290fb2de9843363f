"""End to end: coordinator invites → mail after release → candidate signs up, accepts,
fills the profile → the profile is in the gallery."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate

from .conftest import manage_url, portal_url, public_url
from .test_portal_views import profile_data

pytestmark = pytest.mark.django_db


def test_invitation_flow_end_to_end(client, round, coordinator,
                                    django_capture_on_commit_callbacks):
    round.is_public = True
    round.save()
    # The coordinator lists the candidate, invites her and sends the reviewed draft.
    client.force_login(coordinator)
    client.post(manage_url("recruitment_candidates", round), {
        "name": "Eva Brandt", "email": "eva.brandt@example.org", "language": "de"})
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
        response = client.post(signup, {
            "email": "eva.brandt@example.org", "password1": "Mentoring-2027!x",
            "password2": "Mentoring-2027!x"})
    assert response.status_code == 302
    confirmation = next(m for m in mail.outbox if "/accounts/confirm-email/" in m.body)
    confirm_url = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", confirmation.body)
    client.post(confirm_url.group(1))
    response = client.post(reverse("account_login") + "?next=" + path, {
        "login": "eva.brandt@example.org", "password": "Mentoring-2027!x"})
    assert response.status_code == 302 and response["Location"] == path

    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 302
    assert response["Location"] == portal_url("recruitment_profile", round)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED
    assert candidate.person.email == "eva.brandt@example.org"

    # She fills in her profile and it appears in the public gallery.
    response = client.post(portal_url("recruitment_profile", round),
                           profile_data(round, presentation="Ich zeige Ihnen mein Monitoring."))
    assert response.status_code == 302
    client.logout()
    gallery = client.get(public_url("gallery", round), {"topic": "publication_monitoring"})
    assert "Ich zeige Ihnen mein Monitoring." in gallery.content.decode()
    # The link was used up.
    assert client.get(path).status_code == 404
