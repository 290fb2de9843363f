"""One round with a person in every role and a record behind every URL parameter.

Used by the access table (tests/test_every_url.py): each URL of the site is opened by
each role against these records.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.alumni.models import Alumnus, Certificate
from tandem.api.services import create_token
from tandem.applications.imported import hold_for_confirmation
from tandem.applications.imports import ImportRow
from tandem.evaluation import interview_slots as evaluation_slots
from tandem.evaluation import services as evaluation
from tandem.mail.models import QueuedMail
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.people.tokens import new_token
from tandem.programmes.enums import RoleKind
from tandem.programmes.invitations import invite_to_role
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.services import register_for_info_event
from tandem.surveys import services as surveys
from tandem.tandems.calendar import open_calendar_feed
from tandem.tandems.models import (
    DateOption,
    DatePoll,
    Goal,
    Meeting,
    MeetingSeries,
    Note,
    Tandem,
)
from tandem.training import consultations
from tandem.training import services as training
from tests.applications.factories import ApplicationFactory, published_profile
from tests.conftest import verified, with_totp
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    RoundFactory,
    RoundRoleFactory,
    UserFactory,
)
from tests.recruitment.factories import CandidateFactory, InfoEventFactory, MentorProfileFactory

ROLES = (
    "org_coordinator",
    "coordinator",
    "trainer",
    "mentor",
    "mentee",
    "other_round",
    "outsider",
    "foreign_coordinator",
    "staff",
    "anonymous",
)


def person(**extra):
    return with_totp(verified(UserFactory(**extra)))


def build() -> tuple[dict, dict]:
    """(people by role, URL parameter values; a URL name as key overrides for that URL)."""
    organisation = OrganisationFactory()
    programme = ProgrammeFactory(organisation=organisation)
    round = RoundFactory(programme=programme)
    other_round = RoundFactory(programme=programme)
    people = {
        "org_coordinator": person(),
        "outsider": person(),
        "staff": person(is_staff=True),
        "foreign_coordinator": person(),
    }
    organisation.coordinators.add(people["org_coordinator"])
    OrganisationFactory().coordinators.add(people["foreign_coordinator"])
    for role in (RoleKind.COORDINATOR, RoleKind.TRAINER, RoleKind.MENTOR, RoleKind.MENTEE):
        people[role.value] = person()
        RoundRoleFactory(round=round, person=people[role.value], role=role)
    # The role that manage:round_role_remove revokes: nobody's of the walk, so that the
    # coordinator keeps theirs for the pages after it.
    spare_role = RoundRoleFactory(round=round, person=person(), role=RoleKind.TRAINER)
    people["other_round"] = person()
    RoundRoleFactory(round=other_round, person=people["other_round"], role=RoleKind.MENTEE)
    ApplicationFactory(round=other_round, person=people["other_round"])

    profile = published_profile(round, people["mentor"])
    profile.photo.save("portrait.png", ContentFile(b"\x89PNG fake"), save=True)
    application = ApplicationFactory(
        round=round, person=people["mentee"], expectations="Geheime Erwartungen"
    )
    run = MatchRun.objects.create(round=round, number=1, mode="optimal", sent_at=timezone.now())
    proposal = Proposal.objects.create(
        run=run,
        round=round,
        application=application,
        mentor_profile=profile,
        score=0.5,
        status=ProposalStatus.ACCEPTED,
    )
    rule = PairRule.objects.create(
        round=round,
        application=application,
        mentor_profile=MentorProfileFactory(round=round),
        kind="exclude",
        reason="Geheimer Grund",
    )
    # Tokens are stored hashed; the scenario keeps the raw ones for the URLs. The candidate
    # was invited at the outsider's (verified) address: the dashboard's link without token.
    candidate_token, candidate_hash = new_token()
    candidate = CandidateFactory(
        round=round,
        name="Eva Geheim",
        notes="vertraulich",
        email=people["outsider"].email,
        status=CandidateStatus.INVITED,
        token_hash=candidate_hash,
        token_expires_at=timezone.now() + dt.timedelta(days=9),
    )
    event = InfoEventFactory(round=round)
    # Two registrations waiting for their double opt-in: the link confirms once, so the
    # GET and the POST of the walk each get their own.
    confirm = {
        method: register_for_info_event(
            event=event,
            name="Ina Info",
            email=f"ina.{method}@example.org",
            consent_text="Einverstanden",
        )[0].token
        for method in ("get", "post")
    }
    invitation = invite_to_role(
        round=round,
        email="rita.rolle@example.org",
        name="Rita Rolle",
        role=RoleKind.TRAINER,
        language="de",
        by=None,
    )
    # A role invitation to the outsider's verified address: the dashboard's link.
    outsider_invitation = invite_to_role(
        round=round,
        email=people["outsider"].email,
        name="Otto Außen",
        role=RoleKind.TRAINER,
        language="de",
        by=None,
    )
    imported = hold_for_confirmation(
        round=round,
        row=ImportRow(number=2, email="ida.import@example.org", name="Ida Import"),
        data={"expectations": "Importierte Erwartungen", "languages": ["de"], "topics": []},
        source="LimeSurvey",
        by=None,
    )
    mail = QueuedMail.objects.create(
        round=round, to="eva@example.org", subject="Geheim", body="Geheimer Text"
    )
    tandem = Tandem.objects.create(
        round=round, mentor=people["mentor"], mentee=people["mentee"], proposal=proposal
    )
    goal = Goal.objects.create(tandem=tandem, text="Geheimes Ziel")
    meeting = Meeting.objects.create(
        tandem=tandem, agenda="Geheime Agenda", starts_at=timezone.now() + dt.timedelta(days=7)
    )
    note = Note.objects.create(meeting=meeting, author=people["mentee"], text="Geheime Notiz")
    poll = DatePoll.objects.create(tandem=tandem, created_by=people["mentee"])
    DateOption.objects.create(poll=poll, starts_at=timezone.now() + dt.timedelta(days=9))
    feed = open_calendar_feed(people["mentee"])
    series = MeetingSeries.objects.create(
        tandem=tandem,
        kind="monthly",
        weekday=1,
        starts_on=(timezone.now() + dt.timedelta(days=3)).date(),
        start_time=dt.time(10),
        time_zone="Europe/Berlin",
        proposed_by=people["mentee"],
    )

    # Training: a session for the mentors (the mentor is invited) with a file; two weekly
    # consultation slots of the trainer, the mentee booked the first (see tests/training).
    trainer = people["trainer"]
    soon = (timezone.now() + dt.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = training.create_session(
        round=round, by=trainer, title="Schulung", starts_at=soon, duration_minutes=120
    )
    training.invite_to_session(session=session, by=trainer)
    material = training.add_material(
        session=session,
        by=trainer,
        title="Folien",
        file=SimpleUploadedFile("folien.pdf", b"%PDF-1.4 x"),
    )
    booked, free = consultations.publish_slots(
        round=round,
        trainer=trainer,
        starts_at=soon - dt.timedelta(days=6),
        duration_minutes=45,
        weekly_until=(soon + dt.timedelta(days=1)).date(),
    )
    booking = consultations.book_consultation(
        slot=booked, person=people["mentee"], note="Geheimes Anliegen"
    )
    # Alumni: the mentor and the mentee are alumni of the programme (of an earlier round);
    # the mentor holds a certificate of the round (written directly: it is not closed).
    for member in (people["mentor"], people["mentee"]):
        Alumnus.objects.create(programme=programme, person=member, since=dt.date.today())
    certificate = Certificate.objects.create(
        round=round,
        person=people["mentor"],
        role=RoleKind.MENTOR,
        holder_name=people["mentor"].get_full_name(),
        organisation_name=organisation.name,
        programme_name=programme.name,
        round_name=round.name,
        period_start=dt.date.today() - dt.timedelta(days=200),
        period_end=dt.date.today() - dt.timedelta(days=20),
        meetings_held=5,
        issued_on=dt.date.today(),
    )
    # Evaluation: the mentee's interview with confidential notes; the feedback session
    # (no moderator, so every staff member may write the summary) invites mentor and mentee.
    interview = evaluation.schedule_interview(
        round=round,
        by=trainer,
        person=people["mentee"],
        starts_at=soon + dt.timedelta(days=2),
        duration_minutes=45,
    )
    evaluation.save_interview_notes(
        interview=interview, by=trainer, notes={"critique": "Geheime Interviewnotiz"}
    )
    interview_slot = evaluation_slots.publish_interview_slot(
        round=round,
        by=trainer,
        starts_at=soon + dt.timedelta(days=2, hours=3),
        duration_minutes=45,
    )
    feedback = evaluation.save_feedback_session(
        round=round, by=trainer, starts_at=soon + dt.timedelta(days=3), duration_minutes=120
    )
    evaluation.invite_to_feedback(session=feedback, by=trainer)
    api_token, _key = create_token(
        person=people["mentee"],
        name="Auswertung",
        access="read",
        expires_at=timezone.now() + dt.timedelta(days=30),
        round=round,
    )
    # Surveys: a draft (its questions editable), an open one (the mentee answered) and a
    # closed one with results (see tests/surveys).
    coordinator = people["coordinator"]
    draft = surveys.create_survey(round=round, template_key="midterm", by=coordinator)
    open_survey = surveys.create_survey(round=round, template_key="midterm", by=coordinator)
    surveys.open_survey(survey=open_survey, by=coordinator)
    fit = open_survey.items.get(key="fit")
    surveys.submit_answers(
        survey=open_survey, person=people["mentee"], raw={f"item-{fit.pk}": ["4"]}
    )
    closed = surveys.create_survey(round=round, template_key="final", by=coordinator)
    surveys.open_survey(survey=closed, by=coordinator)
    surveys.close_survey(survey=closed, by=coordinator)
    values = {
        **round.url_kwargs,
        "certificate": certificate.pk,
        "public_id": certificate.public_id,
        "survey": draft.pk,
        "item": draft.items.first().pk,
        "manage:survey_close": {"survey": open_survey.pk},
        "manage:survey_remind": {"survey": open_survey.pk},
        "manage:survey_results": {"survey": closed.pk},
        "manage:survey_results_pdf": {"survey": closed.pk},
        "manage:survey_results_xlsx": {"survey": closed.pk},
        "portal:survey": {"survey": open_survey.pk},
        "topic": programme.topics.first().pk,
        "role": spare_role.pk,
        "candidate": candidate.pk,
        "pk": application.pk,
        "person": people["mentee"].pk,
        "mail": mail.pk,
        "key": "mentor_invitation",
        "run": run.pk,
        "proposal": proposal.pk,
        "rule": rule.pk,
        "tandem": tandem.pk,
        "goal": goal.pk,
        "meeting": meeting.pk,
        "note": note.pk,
        "poll": poll.pk,
        "series": series.pk,
        "token": feed.token,
        "profile": profile.pk,
        "kind": "photo",
        "invitation": invitation.pk,
        "role_invitation": outsider_invitation.pk,
        "session": session.pk,
        "material": material.pk,
        "slot": free.pk,
        "booking": booking.pk,
        "interview": interview.pk,
        "api_token": api_token.pk,
        # The API's ids (it answers 401 to a session: tests/api walks it with tokens).
        "round_id": round.pk,
        "programme_id": programme.pk,
        "application_id": application.pk,
        "run_id": run.pk,
        "session_id": session.pk,
        "survey_id": closed.pk,
        # Where two URLs name a parameter alike: the value for one URL name, or for one
        # URL name and method.
        "public:invitation": {"token": candidate_token},
        "manage:evaluation_slot_remove": {"slot": interview_slot.pk},
        "public:role_invitation": {"token": invitation.token},
        "public:imported_application": {"token": imported.token},
        ("public:info_event_confirm", "get"): {"token": confirm["get"]},
        ("public:info_event_confirm", "post"): {"token": confirm["post"]},
    }
    return people, values
