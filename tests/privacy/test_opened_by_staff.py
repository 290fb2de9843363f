"""The person's export says when staff opened their records (application, person page,
e-mail, interview notes): what and when, never who; the My data page counts it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.audit.services import log_action
from tandem.evaluation import services as evaluation
from tandem.mail.models import QueuedMail
from tandem.privacy.personal_data import personal_data_of, personal_data_summary
from tandem.programmes.models import RoundRole
from tests.applications.factories import ApplicationFactory
from tests.conftest import manage_url

pytestmark = pytest.mark.django_db


def test_the_export_lists_when_staff_opened_the_persons_records(login, round, coordinator):
    application = ApplicationFactory(round=round)
    person = application.person
    RoundRole.objects.create(round=round, person=person, role="mentee")
    other = ApplicationFactory(round=round)
    mail = QueuedMail.objects.create(
        round=round, to=person.email, recipient=person, subject="Hallo", body="Text"
    )
    interview = evaluation.schedule_interview(
        round=round,
        by=coordinator,
        person=person,
        starts_at=(timezone.now() + dt.timedelta(days=3)).replace(microsecond=0),
        duration_minutes=45,
    )
    client = login(coordinator)
    organisation = round.programme.organisation
    for url in (
        manage_url("application_detail", round, pk=application.pk),
        manage_url("application_detail", round, pk=other.pk),  # someone else's
        reverse("manage:person", kwargs={"org": organisation.slug, "person": person.pk}),
        manage_url("mail_outbox_mail", round, mail=mail.pk),
        manage_url("evaluation_interview", round, interview=interview.pk),
    ):
        assert client.get(url).status_code == 200, url

    opened = personal_data_of(person)["opened_by_staff"]
    assert [entry["action"] for entry in opened] == [
        "application.viewed",
        "person.viewed",
        "mail.viewed",
        "evaluation.interview_viewed",
    ]
    # the round it happened in (a person's page belongs to no round)
    assert [round.name in (entry["round"] or "") for entry in opened] == [True, False, True, True]
    # what and when, not who
    assert coordinator.get_full_name() not in str(opened) and coordinator.email not in str(opened)
    assert personal_data_summary(person)["opened_by_staff"] == 4
    assert [e["action"] for e in personal_data_of(other.person)["opened_by_staff"]] == [
        "application.viewed"
    ]


def test_the_persons_own_looks_are_not_listed_and_my_data_shows_the_row(login, round):
    application = ApplicationFactory(round=round)
    person = application.person
    log_action(person, "application.viewed", application, programme_round=round)
    assert personal_data_of(person)["opened_by_staff"] == []
    page = login(person).get(reverse("portal:my_data")).content.decode()
    assert "When coordinators or trainers opened your application" in page
