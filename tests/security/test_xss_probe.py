"""The permanent guard against stored XSS (issue 8).

A probe of HTML and htmx attributes is written into every free-text and name field of
every model of the platform — found from the app registry, so a new field is probed
without anyone adding it here — of a populated round (the demo up to matching, plus a
tandem with agreement, goals, meetings, notes, time and a date poll). Then every page
of the URL configuration is requested as coordinator, trainer, mentor, mentee, outsider
and anonymous visitor. The probe may only ever appear escaped.
"""

import datetime as dt
import itertools

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tandem.alumni.certificates import revoke_certificate
from tandem.alumni.closing import close_round
from tandem.alumni.directory import save_directory_entry
from tandem.alumni.models import Certificate
from tandem.api.services import create_token
from tandem.applications.imported import hold_for_confirmation
from tandem.applications.imports import ImportRow
from tandem.demo import evaluation as evaluation_demo
from tandem.demo import stages
from tandem.evaluation.models import Interview
from tandem.mail.models import MailTemplate, QueuedMail
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.people.tokens import new_token
from tandem.programmes.enums import RoleKind
from tandem.programmes.invitations import invite_to_role
from tandem.programmes.models import Round
from tandem.recruitment.models import Candidate, InfoEvent, InfoEventRegistration, MentorProfile
from tandem.surveys import services as surveys
from tandem.tandems import calendar, polls, recurring, services
from tandem.tandems.models import EarlyEnd, Meeting, Tandem
from tandem.training.models import (
    ConsultationBooking,
    ConsultationSlot,
    TrainingMaterial,
    TrainingSession,
)
from tests.conftest import verified, with_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROBE = '"><b hx-post="/x" hx-trigger="load" onmouseover=alert(1)>PROBE</b>\''
# What must never reach a page: the element, or the attribute outside an escaped quote.
RAW = ("<b hx-post", 'hx-post="/x"', "onmouseover=alert(1)>")
ESCAPED = "&lt;b hx-post="

# Fields that the platform fills itself; nobody types into them.
NOT_TYPED = {
    "people.User": {"password", "time_zone"},
    "programmes.Institution": {"normalised_name"},
    "audit.AuditEntry": {"action", "object_type", "object_id", "round_label"},
    "recruitment.Candidate": {"token_hash"},
    "tandems.CalendarFeed": {"token_hash"},
    "programmes.RoleInvitation": {"token_hash", "language"},
    "applications.ImportedApplication": {"token_hash"},
    "recruitment.InfoEventRegistration": {"token_hash"},
    "training.TrainingSession": {"uid"},
    "training.ConsultationBooking": {"uid"},
    "surveys.SurveyResponse": {"edit_key"},
    "applications.Application": {"privacy_notice_version"},
    "evaluation.InterviewNote": {"item"},
    "matching.MatchRun": {"error"},
    "tandems.EarlyEnd": {"side"},
    "tandems.MeetingSeries": {"time_zone"},
}
# Validated formats: a probe cannot be stored there.
FORMATTED = (models.EmailField, models.SlugField, models.URLField)


def probed_fields() -> dict:
    """Model -> its free-text and name fields, for every model of the platform."""
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("tandem."):
            continue
        skip = NOT_TYPED.get(model._meta.label, set())
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, FORMATTED)
            and not field.choices
            and field.editable
            and field.name not in skip
        ]
        if fields:
            found[model] = fields
    return found


def populate() -> dict:
    """A round with something of everything; returns the people and the URL values."""
    stages.build("training")
    round = Round.objects.get(slug="durchlauf-2027")
    tandem = Tandem.objects.get(round=round)
    mentee, mentor = tandem.mentee, tandem.mentor
    services.save_agreement(
        tandem=tandem,
        by=mentee,
        goals="Ziele",
        topics=[],
        rhythm_weeks=4,
        meeting_minutes=120,
        channel="https://meet.example.org/t",
        confidentiality=True,
    )
    goal = services.add_goal(tandem=tandem, by=mentee, text="Ein Ziel", progress=20)
    services.update_goal(
        goal=goal, by=mentor, text="Ein Ziel", progress=40, reflection="Gut vorangekommen"
    )
    series = recurring.propose_series(
        tandem=tandem,
        by=mentor,
        kind="monthly",
        weekday=1,
        start_time=dt.time(10),
        starts_on=timezone.localdate() + dt.timedelta(days=3),
        duration_minutes=60,
        count=3,
    )
    # An early end on a tandem of its own, so the round's tandem stays open to the walk.
    ended = Tandem.objects.create(
        round=round, mentor=mentor, mentee=with_totp(verified(UserFactory()))
    )
    EarlyEnd.objects.create(
        tandem=ended, ended_by=mentor, side="mentor", category="time", reason="Zu viel"
    )
    ended.ended_at = timezone.now()
    ended.save(update_fields=["ended_at"])
    starts = timezone.now() + dt.timedelta(days=5)
    meeting = services.plan_meeting(
        tandem=tandem, by=mentee, starts_at=starts, duration_minutes=60, agenda="Agenda"
    )
    private = services.add_note(meeting=meeting, by=mentee, text="privat")
    shared = services.add_note(meeting=meeting, by=mentee, text="geteilt", shared=True)
    services.record_time_spent(
        meeting=meeting, person=mentor, meeting_minutes=60, preparation_minutes=20
    )
    poll = polls.create_poll(
        tandem=tandem,
        by=mentor,
        duration_minutes=60,
        note="Notiz",
        options=[starts + dt.timedelta(days=1), starts + dt.timedelta(days=2)],
    )
    polls.vote(
        poll=poll, person=mentee, answers={option.pk: "yes" for option in poll.options.all()}
    )
    feed = calendar.open_calendar_feed(mentee)
    event = InfoEvent.objects.get(round=round)
    InfoEventRegistration.objects.create(
        event=event,
        name="Gast",
        email="gast@example.org",
        language="de",
        consent_text="Einwilligung",
        consented_at=timezone.now(),
    )
    MailTemplate.objects.create(
        key="tandem_meeting_planned",
        language="de",
        round=round,
        subject="Treffen",
        body="Hallo {{ name }}",
    )
    # Tokens are stored hashed: give one candidate a fresh link whose raw token we keep.
    candidate = Candidate.objects.filter(round=round).first()
    candidate_token, candidate.token_hash = new_token()
    candidate.token_expires_at = timezone.now() + dt.timedelta(days=9)
    candidate.save()
    invitation = invite_to_role(
        round=round,
        email="rita.rolle@example.org",
        name="Rita Rolle",
        role=RoleKind.TRAINER,
        language="de",
        by=None,
    )
    imported = hold_for_confirmation(
        round=round,
        row=ImportRow(number=2, email="ida.import@example.org", name="Ida Import"),
        data={"expectations": "Erwartungen", "languages": ["de"], "topics": []},
        source="LimeSurvey",
        by=None,
    )
    session = TrainingSession.objects.filter(round=round).first()
    material = TrainingMaterial.objects.filter(session__round=round).first()
    booking = ConsultationBooking.objects.filter(slot__round=round).first()
    slot = ConsultationSlot.objects.filter(round=round).exclude(pk=booking.slot_id).first()
    profile = MentorProfile.objects.filter(round=round).first()
    coordinator = round.programme.organisation.coordinators.first()
    if not coordinator.authenticator_set.exists():
        with_totp(coordinator)
    trainer = round.roles.get(role=RoleKind.TRAINER).person
    # The evaluation: interviews with notes, the feedback session, lessons learned.
    evaluation_demo.build(round, coordinator, trainer)
    # Surveys: typed answers (free text, choice labels) reach the results and the answer
    # page; they sit in JSON, so the probe goes in here rather than by write_probe.
    closed = surveys.create_survey(round=round, template_key="final", by=coordinator)
    surveys.update_survey(
        survey=closed,
        by=coordinator,
        title_de="Befragung",
        title_en="Survey",
        intro_de="",
        intro_en="",
        k=3,
    )
    surveys.add_item(
        survey=closed,
        by=coordinator,
        kind="single",
        text_de="Wahl",
        text_en="Choice",
        choices_text=f"{PROBE} | {PROBE}\nZwei | Two",
    )
    surveys.open_survey(survey=closed, by=coordinator)
    text_item = closed.items.get(key="suggestions")
    choice_item = closed.items.order_by("-position").first()
    answering = [role.person for role in round.roles.filter(role__in=["mentor", "mentee"])][:3]
    for person in answering:
        surveys.submit_answers(
            survey=closed,
            person=person,
            raw={f"item-{text_item.pk}": [PROBE], f"item-{choice_item.pk}": ["c1"]},
        )
    surveys.close_survey(survey=closed, by=coordinator)
    still_open = surveys.create_survey(round=round, template_key="midterm", by=coordinator)
    surveys.open_survey(survey=still_open, by=coordinator)
    support = still_open.items.get(key="support")
    surveys.submit_answers(survey=still_open, person=mentee, raw={f"item-{support.pk}": [PROBE]})
    # Alumni: the tandem met once, the round is closed (certificates, alumni), the mentee
    # is in the directory with a contact, and the mentor's certificate is revoked.
    Meeting.objects.create(
        tandem=tandem, starts_at=timezone.now() - dt.timedelta(days=10), status="held"
    )
    close_round(round=round, by=coordinator)
    save_directory_entry(
        programme=round.programme,
        person=mentee,
        topics=list(round.programme.topics.all()[:2]),
        share_contact=True,
        contact="mentee@example.org",
    )
    certificates = list(Certificate.objects.filter(round=round).order_by("role"))
    revoke_certificate(certificate=certificates[0], reason="Irrtum", by=coordinator)
    api_token, _key = create_token(
        person=mentee,
        name="Auswertung",
        access="read",
        expires_at=timezone.now() + dt.timedelta(days=30),
        round=round,
    )
    values = {
        **{key: [value] for key, value in round.url_kwargs.items()},
        "topic": [round.programme.topics.first().pk],
        "role": [round.roles.first().pk],
        "candidate": [candidate.pk],
        "pk": list(round.applications.values_list("pk", flat=True)[:2]),
        # The person page shows names, institutions and round names of both.
        "person": [mentee.pk, mentor.pk],
        "mail": [QueuedMail.objects.filter(round=round).first().pk],
        "key": ["tandem_meeting_planned", "role_assigned"],
        "run": [MatchRun.objects.filter(round=round).first().pk],
        "proposal": list(Proposal.objects.filter(round=round).values_list("pk", flat=True)[:3]),
        "rule": [PairRule.objects.filter(round=round).first().pk],
        "profile": [profile.pk],
        "kind": ["photo", "slides"],
        "token": [candidate_token, feed.token or "x" * 43, invitation.token, imported.token],
        "invitation": [invitation.pk],
        "role_invitation": [invitation.pk],
        "session": [session.pk],
        "material": [material.pk],
        "slot": [slot.pk, booking.slot_id],
        "booking": [booking.pk],
        "tandem": [tandem.pk],
        "meeting": [meeting.pk],
        "goal": [goal.pk],
        "note": [private.pk, shared.pk],
        "poll": [poll.pk],
        "interview": list(Interview.objects.filter(round=round).values_list("pk", flat=True)[:2]),
        "certificate": [c.pk for c in certificates],
        "public_id": [c.public_id for c in certificates],
        "api_token": [api_token.pk],
        # The API answers 401 to a session; its paths are walked with these ids all the same.
        "round_id": [round.pk],
        "programme_id": [round.programme_id],
        "application_id": list(round.applications.values_list("pk", flat=True)[:1]),
        "run_id": [MatchRun.objects.filter(round=round).first().pk],
        "session_id": [session.pk],
        "survey": [closed.pk, still_open.pk],
        "item": [choice_item.pk],
        "series": [series.pk],
    }
    people = {
        "coordinator": coordinator,
        "trainer": trainer,
        "mentor": mentor,
        "mentee": mentee,
        "outsider": with_totp(verified(UserFactory())),
        "anonymous": None,
    }
    return {"people": people, "values": values}


def write_probe() -> list[str]:
    """The probe into every probed field of every row; models without a row are named."""
    empty = []
    for model, fields in probed_fields().items():
        if not model.objects.exists():
            empty.append(model._meta.label)
        for pk in model.objects.values_list("pk", flat=True):
            # A number keeps values apart where a field is unique.
            model.objects.filter(pk=pk).update(**dict.fromkeys(fields, f"{PROBE} {pk}"))
    return empty


def url_patterns(resolver=None, namespace="", regexes=()):
    """(qualified name, URL keyword names, view module) of every named URL outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        keywords = regexes + (entry.pattern.regex,)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from url_patterns(entry, inner, keywords)
        elif isinstance(entry, URLPattern) and entry.name:
            names = {name for regex in keywords for name in regex.groupindex}
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, sorted(names), getattr(entry.callback, "__module__", "")


def urls(values) -> list[str]:
    found = []
    for name, keywords, module in url_patterns():
        missing = [key for key in keywords if key not in values]
        if missing:
            # Pages of libraries (allauth's keyed links) need keys we cannot know.
            assert not module.startswith("tandem."), f"add a value for {missing} ({name})"
            continue
        for combination in itertools.product(*(values[key] for key in keywords)):
            found.append(reverse(name, kwargs=dict(zip(keywords, combination, strict=True))))
    return sorted(set(found))


def test_the_probe_is_escaped_on_every_page_for_every_role(client, fast_passwords):
    data = populate()
    empty = write_probe()
    assert not empty, f"add a row of {empty} to populate() so its fields are probed"
    pages = urls(data["values"])
    assert len(pages) > 80  # the walk found the platform's pages
    seen_escaped = {}
    for role, person in data["people"].items():
        client.logout()
        if person is not None:
            client.force_login(person)
        seen_escaped[role] = 0
        for url in pages:
            response = client.get(url)
            if response.streaming:
                assert "html" not in response.get("Content-Type", ""), (role, url)
                continue
            if "html" not in response.get("Content-Type", "text/html"):
                continue  # calendar files, PDFs, spreadsheets: not rendered as HTML
            page = response.content.decode(errors="replace")
            raw = [marker for marker in RAW if marker in page]
            assert not raw, (role, url, response.status_code, raw)
            seen_escaped[role] += response.status_code == 200 and ESCAPED in page
    # The probe was really shown (escaped) to those who see people's text.
    for role in ("coordinator", "trainer", "mentor", "mentee"):
        assert seen_escaped[role] >= 3, (role, seen_escaped)
    assert seen_escaped["coordinator"] >= 20, seen_escaped
