"""Roles are given by invitation by e-mail; only the invited, verified address accepts."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from tandem.mail.models import MailTemplate, QueuedMail
from tandem.programmes.invitations import invite_to_role
from tandem.programmes.models import RoleInvitation, RoundRole
from tests.conftest import public_url, verified
from tests.factories import InstitutionFactory, RoundFactory, RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(round, email="eva@example.org", role="mentor", by=None):
    return invite_to_role(
        round=round, email=email, name="Eva Brandt", role=role, language="en", by=by
    )


def link(invitation):
    return public_url("role_invitation", invitation.round, token=invitation.token)


def without_csrf(html: str) -> str:
    return re.sub(r'value="[A-Za-z0-9]{32,}"', "", html)


def test_the_coordinator_gets_the_same_answer_whether_or_not_the_address_has_an_account(
    client, coordinator, round
):
    UserFactory(
        email="known@example.org",
        name="Karla Known",
        institution=InstitutionFactory(name="Geheime Bibliothek"),
    )
    client.force_login(coordinator)
    url = reverse("manage:round_roles", kwargs=round.url_kwargs)
    answers = []
    for email in ("known@example.org", "unknown@example.org"):
        response = client.post(
            url,
            {"email": email, "name": "Someone", "role": "mentor", "language": "de"},
            follow=True,
        )
        answers.append((response.redirect_chain, response.status_code))
        page = response.content.decode()
        assert "Karla Known" not in page and "Geheime Bibliothek" not in page
    assert answers[0][1] == answers[1][1] == 200
    assert [code for _url, code in answers[0][0]] == [code for _url, code in answers[1][0]]
    # Without a name the answer is the same for both too: the name is always required.
    for email in ("known@example.org", "unknown@example.org"):
        response = client.post(url, {"email": email, "role": "mentor", "language": "de"})
        assert response.status_code == 400
    assert not RoundRole.objects.filter(round=round, role="mentor").exists()
    mails = QueuedMail.objects.filter(template_key="role_invitation")
    assert {m.recipient_id for m in mails} == {None}
    assert all("Karla" not in m.body for m in mails)


def test_the_invited_person_is_named_and_the_platform_text_is_used(round, coordinator):
    MailTemplate.objects.create(
        key="role_invitation",
        language="en",
        round=round,
        subject="Click me",
        body="Free text {{ url }}",
    )
    invitation = invite(round, by=coordinator)
    sent = QueuedMail.objects.get(template_key="role_invitation")
    assert sent.round == round  # shown in the round's outbox
    assert sent.subject.startswith("Invitation: Mentor")
    assert "Hello Eva Brandt" in sent.body
    assert "Free text" not in sent.body
    assert invitation.token in sent.body


def test_only_the_hash_of_the_token_is_stored(round):
    invitation = invite(round)
    stored = RoleInvitation.objects.get(pk=invitation.pk)
    assert invitation.token not in str(list(RoleInvitation.objects.values_list()))
    assert len(stored.token_hash) == 64


def test_an_account_without_the_invited_address_verified_cannot_accept(client, round):
    invitation = invite(round)
    outsider = verified(UserFactory(email="other@example.org"))
    client.force_login(outsider)
    page = client.get(link(invitation)).content.decode()
    assert "please log in with that address" in page
    response = client.post(link(invitation), {"answer": "accept"})
    assert response.status_code == 400
    assert not RoundRole.objects.filter(round=round).exists()

    # The address added to the account but not confirmed does not count either.
    EmailAddress.objects.create(user=outsider, email="eva@example.org", verified=False)
    response = client.post(link(invitation), {"answer": "accept"})
    assert response.status_code == 400
    assert not RoundRole.objects.filter(round=round).exists()

    EmailAddress.objects.filter(email="eva@example.org").update(verified=True)
    response = client.post(link(invitation), {"answer": "accept"})
    assert response.status_code == 302
    assert RoundRole.objects.get(round=round).person == outsider
    assert client.get(link(invitation)).status_code == 404  # used up


def test_without_an_account_the_page_leads_to_sign_up_with_the_address_filled_in(client, round):
    invitation = invite(round)
    response = client.get(link(invitation))
    signup = response.context["signup_url"]
    assert "email=eva%40example.org" in signup
    assert client.get(signup).context["form"]["email"].value() == "eva@example.org"
    response = client.post(link(invitation), {"answer": "accept"})
    assert response.url.startswith(reverse("account_login"))


def test_nobody_becomes_mentor_and_mentee_of_one_round_by_accepting(client, round):
    person = verified(UserFactory(email="eva@example.org"))
    RoundRoleFactory(round=round, person=person, role="mentee")
    # Invited under another address the coordinators cannot connect to the person.
    invitation = invite(round, email="eva.private@example.org", role="mentor")
    EmailAddress.objects.create(user=person, email="eva.private@example.org", verified=True)
    client.force_login(person)
    response = client.post(link(invitation), {"answer": "accept"})
    assert response.status_code == 400
    assert "Nobody can be mentor and mentee" in response.content.decode()
    assert set(person.round_roles.values_list("role", flat=True)) == {"mentee"}


def test_declined_withdrawn_expired_and_foreign_links_answer_404(client, round, coordinator):
    declined = invite(round, email="a@example.org")
    assert client.post(link(declined), {"answer": "decline"}).status_code == 200
    assert client.get(link(declined)).status_code == 404

    withdrawn = invite(round, email="b@example.org")
    client.force_login(coordinator)
    response = client.post(
        reverse(
            "manage:round_invitation_withdraw",
            kwargs={**round.url_kwargs, "invitation": withdrawn.pk},
        )
    )
    assert response.status_code == 302
    assert client.get(link(withdrawn)).status_code == 404

    expired = invite(round, email="c@example.org")
    RoleInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(link(expired)).status_code == 404
    assert client.get(public_url("role_invitation", round, token="x" * 43)).status_code == 404


def test_sign_up_from_the_invitation_starts_with_the_invited_name(client, round):
    """The name comes through the session, never in the link; only for the invited address."""
    invitation = invite(round)
    page = client.get(link(invitation)).content.decode()
    signup_link = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1)
    assert "Eva" not in signup_link and "Brandt" not in signup_link
    form = client.get(signup_link.replace("&amp;", "&")).content.decode()
    assert 'value="Eva Brandt"' in form and 'value="eva@example.org"' in form
    other = client.get(reverse("account_signup") + "?email=someone@example.org").content.decode()
    assert "Eva Brandt" not in other


# --- answered from the dashboard, without the mail's link ---------------------------------


def dashboard_link(invitation):
    return reverse(
        "portal:role_invitation",
        kwargs={**invitation.round.url_kwargs, "role_invitation": invitation.pk},
    )


def test_the_dashboard_lists_open_invitations_to_verified_addresses_and_answers_them(client, round):
    person = verified(UserFactory(email="eva@example.org", language="de"))
    EmailAddress.objects.create(user=person, email="eva.second@example.org", verified=False)
    accepted = invite(round, role="trainer")
    unconfirmed = invite(round, email="eva.second@example.org", role="coordinator")
    declined = invite(RoundFactory(), role="mentor")
    client.force_login(person)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert dashboard_link(accepted) in page and dashboard_link(declined) in page
    assert dashboard_link(unconfirmed) not in page  # the address is not confirmed
    assert f"Trainer*in in „{round.programme.name}“, Durchlauf „{round.name}“" in page
    # An unconfirmed address's invitation is not reachable by its id either.
    assert client.get(dashboard_link(unconfirmed)).status_code == 404

    answer_page = client.get(dashboard_link(accepted)).content.decode()
    assert "Sie können bis zum" in answer_page and "Dieser Link ist bis" not in answer_page
    response = client.post(dashboard_link(accepted), {"answer": "accept"})
    assert response.status_code == 302
    assert RoundRole.objects.filter(round=round, person=person, role="trainer").exists()
    assert client.post(dashboard_link(declined), {"answer": "decline"}).status_code == 200
    assert RoleInvitation.objects.get(pk=declined.pk).declined_at is not None
    # Answered: gone from the dashboard, and their pages answer 404.
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert dashboard_link(accepted) not in page and dashboard_link(declined) not in page
    assert client.get(dashboard_link(accepted)).status_code == 404


def test_an_invitation_to_someone_else_is_404_from_the_dashboard(client, round):
    invitation = invite(round, email="eva@example.org")
    other = verified(UserFactory(email="other@example.org"))
    client.force_login(other)
    assert client.get(dashboard_link(invitation)).status_code == 404
    assert client.post(dashboard_link(invitation), {"answer": "decline"}).status_code == 404
    assert RoleInvitation.objects.get(pk=invitation.pk).declined_at is None
    # The right id under another round's address is 404 too.
    other_round = RoundFactory()
    wrong = reverse(
        "portal:role_invitation",
        kwargs={**other_round.url_kwargs, "role_invitation": invitation.pk},
    )
    person = verified(UserFactory(email="eva@example.org"))
    client.force_login(person)
    assert client.get(wrong).status_code == 404
    assert client.get(dashboard_link(invitation)).status_code == 200


def test_an_expired_invitation_is_not_listed(client, round):
    invitation = invite(round)
    RoleInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(verified(UserFactory(email="eva@example.org")))
    assert (
        dashboard_link(invitation) not in client.get(reverse("portal:dashboard")).content.decode()
    )
    assert client.get(dashboard_link(invitation)).status_code == 404


def test_the_dashboard_escapes_what_coordinators_typed(client, round):
    round.name = '<img src=x onerror="alert(1)">'
    round.save(update_fields=["name"])
    invite(round, role="trainer")
    client.force_login(verified(UserFactory(email="eva@example.org")))
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
