"""Demo data of the alumni phase: a closed round, its certificates, the alumni directory
and the next round created from it, with former mentees invited as mentors.

The round's open proposals are answered yes, so that several tandems exist; each agrees
on topics and met about monthly during the tandem phase (the meetings are written
directly: services do not plan meetings in the past). Then the round is closed, the
alumni join the directory, and "Durchlauf 2028" is made from it; its invitations to the
former mentees wait in the outbox for review.

Idempotent: a closed round is not closed again, and its next round is made once.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.alumni import directory
from tandem.alumni.closing import close_round
from tandem.alumni.models import Alumnus
from tandem.alumni.next_round import create_next_round
from tandem.applications.models import Application
from tandem.matching import services as matching
from tandem.matching.enums import Answer, ProposalStatus
from tandem.matching.models import Proposal
from tandem.recruitment.models import Candidate, MentorProfile
from tandem.recruitment.services import invite_candidates
from tandem.tandems import services as tandems
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Meeting, Tandem

NEXT_ROUND = "Durchlauf 2028"
MEETINGS = 5


def build(programme_round, coordinator) -> None:
    if programme_round.closed_on is None:
        _form_tandems(programme_round)
        for tandem in Tandem.objects.filter(round=programme_round).select_related("mentee"):
            _agree_and_meet(tandem)
        close_round(round=programme_round, by=coordinator)
        _join_directory(programme_round)
    if not programme_round.next_rounds.exists():
        made = create_next_round(previous=programme_round, name=NEXT_ROUND, by=coordinator)
        former_mentees = Candidate.objects.filter(
            round=made.round,
            person__certificates__round=programme_round,
            person__certificates__role="mentee",
        )
        invite_candidates(round=made.round, candidates=list(former_mentees), by=coordinator)


def _form_tandems(programme_round) -> None:
    for proposal in Proposal.objects.filter(
        round=programme_round, status=ProposalStatus.SENT
    ).select_related("application__person", "mentor_profile__person"):
        for person, answered in (
            (proposal.mentee, proposal.mentee_answer),
            (proposal.mentor, proposal.mentor_answer),
        ):
            if answered:
                continue
            try:
                matching.answer_proposal(proposal=proposal, person=person, answer=Answer.ACCEPT)
            except ValidationError:
                break  # a place that went elsewhere: the pair stays as it is
            proposal.refresh_from_db()


def _agree_and_meet(tandem) -> None:
    application = Application.objects.filter(round=tandem.round, person=tandem.mentee).first()
    topics = application.ranked_topics[:2] if application else []
    if not hasattr(tandem, "agreement"):
        tandems.save_agreement(
            tandem=tandem,
            by=tandem.mentee,
            goals="Einen Open-Access-Monitoring-Workflow für die eigene Einrichtung aufbauen.",
            topics=topics,
            rhythm_weeks=4,
            meeting_minutes=90,
        )
    if tandem.meetings.filter(status=MeetingStatus.HELD).exists():
        return
    start = tandem.round.phases.get(kind="tandem_phase").starts_on
    for number in range(MEETINGS):
        day = start + dt.timedelta(days=7 + 30 * number)
        Meeting.objects.create(
            tandem=tandem,
            starts_at=dt.datetime.combine(day, dt.time(10), timezone.get_current_timezone()),
            duration_minutes=90,
            status=MeetingStatus.HELD,
            created_by=tandem.mentee,
        )


def _join_directory(programme_round) -> None:
    programme = programme_round.programme
    for index, alumnus in enumerate(
        Alumnus.objects.filter(programme=programme).select_related("person").order_by("pk")
    ):
        person = alumnus.person
        profile = MentorProfile.objects.filter(round=programme_round, person=person).first()
        application = Application.objects.filter(round=programme_round, person=person).first()
        topics = (
            list(profile.topics.all())
            if profile
            else (application.ranked_topics if application else [])
        )
        directory.save_directory_entry(
            programme=programme,
            person=person,
            topics=topics[:3],
            share_contact=index % 2 == 0,
            contact=person.email,
        )
