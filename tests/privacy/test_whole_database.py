"""After erasing a person, a dump of the whole database names them nowhere (issue 16).

The person has a unique name and addresses and wrote in every kind of text field the
platform offers them: application, proposal answer, agreement, goals, agendas, video
links, meeting notes, date-poll notes, consultation notes. Mails to other people named
them. After the erasure, ``dumpdata`` of every table contains none of it.
"""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from tandem.applications.imported import hold_for_confirmation
from tandem.applications.imports import ImportRow
from tandem.applications.models import MentorChoice
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching.models import Proposal
from tandem.privacy.erasure import erase_person
from tandem.privacy.registry import declared_models
from tandem.recruitment.models import Candidate, InfoEvent
from tandem.tandems.models import Agreement, DatePoll, Goal, Meeting, Note
from tandem.training.models import ConsultationBooking
from tests.security.test_xss_probe import populate

pytestmark = pytest.mark.django_db

NAME = "Quirinella Zwetschgenbaum"
EMAIL = "quirinella.zwetschge@example.org"


def _texts(prefix: str, n: int) -> list[str]:
    return [f"{prefix}-{i}-Zwetschgentext" for i in range(n)]


def test_an_erased_person_is_in_no_table(fast_passwords, django_capture_on_commit_callbacks):
    data = populate()
    person = data["people"]["mentee"]
    partner = data["people"]["mentor"]
    # The unique name and address, as if the demo had always used them.
    old_name, old_email = person.name, person.email
    person.name, person.email = NAME, EMAIL
    person.save()
    person.emailaddress_set.update(email=EMAIL)
    for mail in QueuedMail.objects.all():
        for field in ("subject", "body", "calendar", "to"):
            value = getattr(mail, field).replace(old_name, NAME).replace(old_email, EMAIL)
            setattr(mail, field, value)
        mail.save()
    texts = []

    def mark(queryset, *fields):
        for row in queryset:
            values = _texts(f"{row._meta.model_name}{row.pk}", len(fields))
            texts.extend(values)
            queryset.model.objects.filter(pk=row.pk).update(
                **dict(zip(fields, values, strict=True))
            )

    mark(
        person.applications.all(), "expectations", "upcoming_projects", "availability", "how_heard"
    )
    mark(Proposal.objects.filter(application__person=person), "mentee_comment")
    tandems = person.tandems_as_mentee.all()
    mark(Agreement.objects.filter(tandem__in=tandems), "goals", "channel")
    mark(Goal.objects.filter(tandem__in=tandems), "text")
    mark(Meeting.objects.filter(tandem__in=tandems), "agenda")
    Meeting.objects.filter(tandem__in=tandems).update(video_url="https://zwetschge.example/room")
    texts.append("zwetschge.example/room")
    mark(Note.objects.filter(author=person), "text")
    mark(DatePoll.objects.filter(tandem__in=tandems), "note")
    mark(ConsultationBooking.objects.filter(person=person), "note")
    application = person.applications.first()
    MentorChoice.objects.create(application=application, mentor=partner, rank=1)
    # Where the person appears by name and address without an account's key.
    round = application.round
    Candidate.objects.create(round=round, name=NAME, email=EMAIL, notes=f"{NAME} kennt ORCID")
    InfoEvent.objects.get(round=round).registrations.create(
        name=NAME, email=EMAIL, consent_text="Ja", consented_at=application.created_at
    )
    hold_for_confirmation(
        round=round,
        row=ImportRow(number=2, email=EMAIL.upper(), name=NAME),
        data={"expectations": f"{NAME} erwartet viel", "languages": ["de"], "topics": []},
        source="LimeSurvey",
        by=None,
    )
    # A mail to the partner that names the person (the partner's copy stays).
    QueuedMail.objects.create(
        to=partner.email,
        recipient=partner,
        subject=f"Ihr Tandem mit {NAME}",
        body=f"Schreiben Sie {NAME} an {EMAIL} oder {EMAIL.upper()}.",
        calendar=(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1@example.org\r\n"
            f"SUMMARY:Tandem: {NAME}\r\nLOCATION:https://zwetschge.example/room\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
        status=MailStatus.SENT,
    )
    partner_note = Note.objects.create(
        meeting=Meeting.objects.filter(tandem__in=tandems).first(), author=partner, text="Meins"
    )
    # Every model the registry declares holds rows here, so none escapes this test.
    empty = [m for m in sorted(declared_models()) if not apps.get_model(m).objects.exists()]
    assert not empty, f"add rows of {empty} to this scenario"

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(person, by=person)

    out = io.StringIO()
    call_command(
        "dumpdata", "--natural-foreign", stdout=out, exclude=["contenttypes", "auth.permission"]
    )
    needles = [needle.lower() for needle in [NAME, EMAIL, NAME.split()[1], *texts]]
    leaks = [
        (row["model"], row["pk"], field, needle)
        for row in json.loads(out.getvalue())
        for field, value in row["fields"].items()
        for needle in needles
        if needle in json.dumps(value, ensure_ascii=False).lower()
    ]
    assert not leaks, "\n".join(map(str, sorted({leak[:1] + leak[2:] for leak in leaks})))
    # The partner's own notes stay.
    assert Note.objects.get(pk=partner_note.pk).text == "Meins"
