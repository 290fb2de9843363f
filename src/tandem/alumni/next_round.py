"""The next round, made from a previous one, and former participants as its mentors.

``create_next_round`` copies the rules and the round's own e-mail texts, moves every
phase a year on and fills the candidate list: former mentors (to invite again) and
former mentees who completed (to invite as mentors). The programme's topics are the
programme's, so the new round has them already.

A candidate's topics come from what coordinators may read (a mentor's profile, a
mentee's application), never from the tandem's agreement: that is the tandem's own.
The agreement's topics only pre-fill the person's *own* new mentor profile
(``mentor_profile_suggestion``), which nobody else sees until they confirm it.
"""

from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.applications.models import Application
from tandem.audit.services import log_action
from tandem.mail.models import MailTemplate
from tandem.programmes import services as programmes
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round, RoundRole
from tandem.recruitment.enums import ExpertiseLevel
from tandem.recruitment.models import Candidate, MentorProfile
from tandem.tandems.models import Tandem

from .models import Certificate

ONE_YEAR = relativedelta(years=1)


@dataclass
class NextRound:
    round: Round
    former_mentors: int = 0
    former_mentees: int = 0


def _settings(previous: Round, name: str) -> programmes.RoundSettings:
    return programmes.RoundSettings(
        name=name,
        cross_institution_required=previous.cross_institution_required,
        mentor_capacity=previous.mentor_capacity,
        meeting_rhythm_weeks=previous.meeting_rhythm_weeks,
        meeting_max_minutes=previous.meeting_max_minutes,
        tandem_months=previous.tandem_months,
        proposal_reminder_days=previous.proposal_reminder_days,
        new_match_within_percent=previous.new_match_within_percent,
        is_public=False,  # a new round is published when its coordinators are ready
    )


def moved_phase_dates(previous: Round) -> dict:
    return {
        phase.kind: (phase.starts_on + ONE_YEAR, phase.ends_on + ONE_YEAR)
        for phase in previous.phases.all()
    }


@dataclass
class _Candidate:
    person: object
    note: str
    topics: list = field(default_factory=list)


def _former_participants(previous: Round) -> tuple[dict, int, int]:
    found: dict[int, _Candidate] = {}
    mentors = (
        RoundRole.objects.filter(round=previous, role=RoleKind.MENTOR)
        .select_related("person__institution")
        .order_by("person__name", "pk")
    )
    profiles = {
        profile.person_id: profile
        for profile in MentorProfile.objects.filter(round=previous).prefetch_related("topics")
    }
    for role in mentors:
        profile = profiles.get(role.person_id)
        found[role.person_id] = _Candidate(
            role.person,
            _("Mentor in %(round)s: invite again.") % {"round": previous.name},
            list(profile.topics.all()) if profile else [],
        )
    mentees = (
        Certificate.objects.filter(round=previous, role=RoleKind.MENTEE, revoked_at__isnull=True)
        .select_related("person__institution")
        .order_by("holder_name", "pk")
    )
    applications = {
        application.person_id: application
        for application in Application.objects.filter(round=previous).prefetch_related(
            "topic_choices__topic"
        )
    }
    mentee_count = 0
    for certificate in mentees:
        if certificate.person_id in found:
            continue
        application = applications.get(certificate.person_id)
        found[certificate.person_id] = _Candidate(
            certificate.person,
            _("Mentee in %(round)s who completed the tandem: invite as a mentor.")
            % {"round": previous.name},
            application.ranked_topics if application else [],
        )
        mentee_count += 1
    return found, len(found) - mentee_count, mentee_count


@transaction.atomic
def create_next_round(*, previous: Round, name: str, by) -> NextRound:
    """A new round of the same programme, a year after ``previous``, with its candidates."""
    if not name.strip():
        raise ValidationError({"name": _("Please give the new round a name.")})
    new = programmes.create_round(
        programme=previous.programme,
        settings=_settings(previous, name.strip()),
        phase_dates=moved_phase_dates(previous),
        by=by,
    )
    new.previous = previous
    new.save(update_fields=["previous"])
    MailTemplate.objects.bulk_create(
        MailTemplate(
            key=text.key, language=text.language, round=new, subject=text.subject, body=text.body
        )
        for text in MailTemplate.objects.filter(round=previous)
    )
    found, mentors, mentees = _former_participants(previous)
    for entry in found.values():
        person = entry.person
        candidate = Candidate.objects.create(
            round=new,
            name=person.get_full_name(),
            email=person.email.lower(),
            institution=person.institution.name if person.institution else "",
            notes=entry.note,
            language=getattr(person, "language", "de") or "de",
            person=person,
        )
        candidate.topics.set(entry.topics)
    log_action(
        by,
        "round.created_from_previous",
        new,
        programme_round=new,
        data={"previous": previous.pk, "former_mentors": mentors, "former_mentees": mentees},
    )
    return NextRound(new, mentors, mentees)


@dataclass(frozen=True)
class ProfileSuggestion:
    """Initial values for a mentor profile the person confirms and edits."""

    levels: dict  # topic id → level 1–3
    source: str  # "mentor" (last round's profile) or "mentee" (application and tandem)
    presentation: str = ""
    experience: str = ""


def mentor_profile_suggestion(round: Round, person) -> ProfileSuggestion | None:
    """What the person's new mentor profile starts with, from the round it follows.

    A former mentor starts from last round's profile. A former mentee who completed
    starts from their application's topics (level 1) and their tandem's agreed topics
    (level 2) — their own data, shown only to them until they save the profile.
    """
    previous = round.previous
    if previous is None:
        return None
    old = (
        MentorProfile.objects.filter(round=previous, person=person)
        .prefetch_related("levels")
        .first()
    )
    if old is not None:
        return ProfileSuggestion(
            levels={level.topic_id: level.level for level in old.levels.all()},
            source="mentor",
            presentation=old.presentation,
            experience=old.experience,
        )
    completed = Certificate.objects.filter(
        round=previous, person=person, role=RoleKind.MENTEE, revoked_at__isnull=True
    ).exists()
    if not completed:
        return None
    levels = {}
    application = (
        Application.objects.filter(round=previous, person=person)
        .prefetch_related("topic_choices")
        .first()
    )
    if application is not None:
        for choice in application.topic_choices.all():
            levels[choice.topic_id] = ExpertiseLevel.BASIC
    tandem = (
        Tandem.objects.filter(round=previous, mentee=person).select_related("agreement").first()
    )
    agreement = getattr(tandem, "agreement", None) if tandem else None
    if agreement is not None:
        for topic_id in agreement.topics.values_list("pk", flat=True):
            levels[topic_id] = ExpertiseLevel.ADVANCED
    return ProfileSuggestion(
        levels={pk: int(level) for pk, level in levels.items()}, source="mentee"
    )
