"""One round with a person in every role and a record behind every URL parameter.

Used by the access table (tests/test_every_url.py): each URL of the site is opened by
each role against these records.
"""

import datetime as dt
import secrets

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.mail.models import QueuedMail
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.programmes.enums import RoleKind
from tandem.recruitment.enums import CandidateStatus
from tandem.tandems.models import CalendarFeed, DateOption, DatePoll, Goal, Meeting, Note, Tandem
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

ROLES = ("org_coordinator", "coordinator", "trainer", "mentor", "mentee", "other_round",
         "outsider", "foreign_coordinator", "staff", "anonymous")


def person(**extra):
    return with_totp(verified(UserFactory(**extra)))


def build() -> tuple[dict, dict]:
    """(people by role, URL parameter values; a URL name as key overrides for that URL)."""
    organisation = OrganisationFactory()
    programme = ProgrammeFactory(organisation=organisation)
    round = RoundFactory(programme=programme)
    other_round = RoundFactory(programme=programme)
    people = {"org_coordinator": person(), "outsider": person(), "staff": person(is_staff=True),
              "foreign_coordinator": person()}
    organisation.coordinators.add(people["org_coordinator"])
    OrganisationFactory().coordinators.add(people["foreign_coordinator"])
    for role in (RoleKind.COORDINATOR, RoleKind.TRAINER, RoleKind.MENTOR, RoleKind.MENTEE):
        people[role.value] = person()
        RoundRoleFactory(round=round, person=people[role.value], role=role)
    people["other_round"] = person()
    RoundRoleFactory(round=other_round, person=people["other_round"], role=RoleKind.MENTEE)
    ApplicationFactory(round=other_round, person=people["other_round"])

    profile = published_profile(round, people["mentor"])
    profile.photo.save("portrait.png", ContentFile(b"\x89PNG fake"), save=True)
    application = ApplicationFactory(round=round, person=people["mentee"],
                                     expectations="Geheime Erwartungen")
    run = MatchRun.objects.create(round=round, number=1, mode="optimal",
                                  sent_at=timezone.now())
    proposal = Proposal.objects.create(run=run, round=round, application=application,
                                       mentor_profile=profile, score=0.5,
                                       status=ProposalStatus.ACCEPTED)
    rule = PairRule.objects.create(round=round, application=application,
                                   mentor_profile=MentorProfileFactory(round=round),
                                   kind="exclude", reason="Geheimer Grund")
    candidate = CandidateFactory(round=round, name="Eva Geheim", notes="vertraulich",
                                 status=CandidateStatus.INVITED,
                                 token=secrets.token_urlsafe(32),
                                 token_expires_at=timezone.now() + dt.timedelta(days=9))
    InfoEventFactory(round=round)
    mail = QueuedMail.objects.create(round=round, to="eva@example.org", subject="Geheim",
                                     body="Geheimer Text")
    tandem = Tandem.objects.create(round=round, mentor=people["mentor"],
                                   mentee=people["mentee"], proposal=proposal)
    goal = Goal.objects.create(tandem=tandem, text="Geheimes Ziel")
    meeting = Meeting.objects.create(tandem=tandem, agenda="Geheime Agenda",
                                     starts_at=timezone.now() + dt.timedelta(days=7))
    note = Note.objects.create(meeting=meeting, author=people["mentee"], text="Geheime Notiz")
    poll = DatePoll.objects.create(tandem=tandem, created_by=people["mentee"])
    DateOption.objects.create(poll=poll, starts_at=timezone.now() + dt.timedelta(days=9))
    feed = CalendarFeed.objects.create(person=people["mentee"], token=secrets.token_urlsafe(24))
    values = {
        **round.url_kwargs,
        "topic": programme.topics.first().pk,
        "role": round.roles.first().pk,
        "candidate": candidate.pk, "pk": application.pk, "mail": mail.pk,
        "key": "mentor_invitation", "run": run.pk, "proposal": proposal.pk, "rule": rule.pk,
        "tandem": tandem.pk, "goal": goal.pk, "meeting": meeting.pk, "note": note.pk,
        "poll": poll.pk, "token": feed.token, "profile": profile.pk, "kind": "photo",
        # Where two URLs name a parameter alike: the value for one URL name.
        "public:invitation": {"token": candidate.token},
    }
    return people, values
