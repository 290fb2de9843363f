"""Ids that cannot be ids (too big for the database, not ASCII digits) never make a 500.

The review sent ``99999999999999999999999`` in the ticks of multi-select fields; the
database refused to compare with it (OverflowError on SQLite, "out of range" on
PostgreSQL) and the page answered 500. Every choice field of the project is built on
``tandem.core.forms``; a test below makes sure no form goes back to Django's own.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tandem as tandem_package
from tandem.applications.enums import ApplicationState
from tandem.core.forms import MAX_ID, parse_id
from tandem.mail.models import QueuedMail
from tandem.recruitment.models import Candidate
from tandem.tandems.models import Agreement, Tandem
from tests.applications.factories import ApplicationFactory
from tests.conftest import manage_url, portal_url, public_url, verified
from tests.factories import RoundRoleFactory, UserFactory
from tests.recruitment.factories import CandidateFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
NOT_IDS = [HUGE, str(MAX_ID + 1), "²", "٣", "-1", "0", "1e3", " ", "1\x00"]


def test_parse_id_takes_only_ids_the_database_can_hold():
    assert parse_id("42") == 42 and parse_id(" 42 ") == 42 and parse_id(7) == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id("0000042") == 42
    for value in NOT_IDS + [True, None, MAX_ID + 1, 10**30]:
        assert parse_id(value) is None, value


@pytest.fixture
def tandem(round):
    mentor, mentee = verified(UserFactory()), verified(UserFactory())
    RoundRoleFactory(round=round, person=mentor, role="mentor")
    RoundRoleFactory(round=round, person=mentee, role="mentee")
    return Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)


def refused(response, message="Select a valid choice"):
    assert response.status_code in (200, 400), response.status_code
    assert message in response.content.decode()


@pytest.mark.parametrize("bad", [HUGE, "²"])
def test_candidate_topics(client, round, coordinator, bad):
    client.force_login(coordinator)
    topic = round.programme.topics.first()
    response = client.post(
        manage_url("recruitment_candidates", round),
        {"name": "Eva", "email": "eva@example.org", "language": "de", "topics": [topic.pk, bad]},
    )
    refused(response)
    assert not Candidate.objects.exists()


def test_invite_candidates(client, round, coordinator):
    candidate = CandidateFactory(round=round)
    client.force_login(coordinator)
    response = client.post(
        manage_url("recruitment_invite", round), {"candidates": [candidate.pk, HUGE]}
    )
    refused(response)
    assert not QueuedMail.objects.exists()


def test_bulk_applications(client, round, coordinator):
    application = ApplicationFactory(round=round)
    client.force_login(coordinator)
    response = client.post(
        manage_url("application_bulk", round),
        {"applications": [application.pk, HUGE], "state": ApplicationState.SHORTLISTED},
    )
    refused(response)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_outbox_mails(client, round, coordinator):
    mail = QueuedMail.objects.create(
        round=round, to="eva@example.org", subject="Hallo", body="Text"
    )
    client.force_login(coordinator)
    response = client.post(
        manage_url("mail_outbox", round),
        {"action": "discard", "mails": [mail.pk, HUGE]},
        follow=True,
    )
    refused(response)
    assert QueuedMail.objects.get(pk=mail.pk).status == mail.status


def test_agreement_topics(client, tandem):
    client.force_login(tandem.mentee)
    response = client.post(
        portal_url("tandem_agreement", tandem.round, tandem=tandem.pk),
        {"goals": "Zusammen lernen", "topics": [HUGE], "rhythm_weeks": 4, "meeting_minutes": 60},
    )
    refused(response, "Please choose topics of this programme.")
    assert not Agreement.objects.exists()


def test_a_single_choice_with_a_huge_id(client, round):
    round.is_public = True
    response = client.get(public_url("gallery", round), {"topic": HUGE})
    assert response.status_code in (200, 404)


@pytest.mark.parametrize("bad", [HUGE, "²", "٣"])
def test_the_nudge_button_with_a_bad_tandem_id(client, round, coordinator, tandem, bad):
    client.force_login(coordinator)
    response = client.post(manage_url("tandem_nudge", round), {"tandem": bad})
    assert response.status_code == 404
    assert not QueuedMail.objects.exists()


def _int_urls(resolver=None, prefix="/"):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _int_urls(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "<int:" in str(entry.pattern):
            yield prefix + str(entry.pattern)


def test_every_url_with_a_huge_id_is_a_404_not_a_500(client, round, coordinator, tandem):
    """A 30-digit id in any <int:…> part of any URL: the lookup finds nothing, 404."""
    fill = {
        "org": round.programme.organisation.slug,
        "programme": round.programme.slug,
        "round": round.slug,
    }
    urls = list(_int_urls())
    assert len(urls) >= 25
    for person in (coordinator, tandem.mentee):
        client.force_login(person)
        for pattern in urls:
            url = re.sub(r"<slug:(\w+)>", lambda m: fill.get(m.group(1), "x"), pattern)
            url = re.sub(r"<int:\w+>", "9" * 30, url)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                assert status in (302, 404, 405), (method, url, status)


def test_no_form_uses_djangos_own_model_choice_fields():
    """New forms get the guarded fields too: Django's classes are used only in core."""
    source = Path(tandem_package.__file__).parent
    offenders = []
    for path in source.rglob("*.py"):
        if path.match("core/forms.py") or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "forms"
                and node.attr in {"ModelChoiceField", "ModelMultipleChoiceField"}
            ):
                offenders.append(f"{path.relative_to(source)}:{node.lineno}")
    assert not offenders, offenders
