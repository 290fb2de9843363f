"""Everything the platform stores about one person, as JSON-ready data (DESIGN.md §7).

Records are found through the person's account and through their own e-mail addresses
(candidate lists and info-event registrations need no account). Only verified addresses
count: anyone can add someone else's address to an account without confirming it.
"""

from functools import reduce
from operator import or_
from pathlib import PurePosixPath

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Prefetch, Q
from django.utils import timezone, translation

from tandem.applications.models import (
    Application,
    ImportedApplication,
    MentorChoice,
    TopicChoice,
)
from tandem.mail.models import QueuedMail
from tandem.matching.models import Proposal
from tandem.programmes.models import Organisation, RoleInvitation, RoundRole
from tandem.recruitment.models import Candidate, InfoEventRegistration, MentorProfile, MentorTopic
from tandem.tandems.models import DateVote, Note, Tandem, TimeSpent

from .models import AuditEntry
from .services import log_action

FORMAT_VERSION = 1


def addresses_of(user) -> set[str]:
    """The login address and every verified address of the person, in lower case."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email",
                                                                                 flat=True)
    return {address.lower() for address in [user.email, *verified] if address}


def email_matches(addresses, field: str = "email") -> Q:
    """A filter for rows whose ``field`` is one of the addresses (any letter case)."""
    conditions = [Q(**{f"{field}__iexact": address}) for address in addresses]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def records_of(user) -> dict:
    """The person's rows in every app, as querysets keyed like the export's sections."""
    addresses = addresses_of(user)
    return {
        "email_addresses": EmailAddress.objects.filter(user=user).order_by("email"),
        "second_factors": Authenticator.objects.filter(user=user).order_by("created_at"),
        "organisations": Organisation.objects.filter(coordinators=user).order_by("name"),
        "round_roles": RoundRole.objects.filter(person=user)
        .select_related("round__programme__organisation").order_by("assigned_at", "pk"),
        "applications": Application.objects.filter(person=user)
        .select_related("round__programme__organisation", "institution")
        .prefetch_related(
            Prefetch("topic_choices", queryset=TopicChoice.objects.select_related("topic")),
            Prefetch("mentor_choices", queryset=MentorChoice.objects.select_related("mentor")),
        ).order_by("created_at", "pk"),
        "mentor_profiles": MentorProfile.objects.filter(person=user)
        .select_related("round__programme__organisation")
        .prefetch_related(
            Prefetch("levels", queryset=MentorTopic.objects.select_related("topic"))
        ).order_by("created_at", "pk"),
        "mentor_candidacies": Candidate.objects.filter(Q(person=user) | email_matches(addresses))
        .select_related("round__programme__organisation").prefetch_related("topics")
        .order_by("created_at", "pk"),
        "info_event_registrations": InfoEventRegistration.objects.filter(email_matches(addresses))
        .select_related("event__round__programme__organisation").order_by("created_at", "pk"),
        "role_invitations": RoleInvitation.objects.filter(
            Q(accepted_by=user) | email_matches(addresses))
        .select_related("round__programme__organisation").order_by("created_at", "pk"),
        "imported_applications": ImportedApplication.objects.filter(email_matches(addresses))
        .select_related("round__programme__organisation").order_by("created_at", "pk"),
        "proposals": Proposal.objects.filter(
            Q(application__person=user) | Q(mentor_profile__person=user))
        .select_related("round__programme__organisation", "application__person",
                        "mentor_profile__person").order_by("run__created_at", "pk"),
        "tandems": Tandem.objects.filter(Q(mentor=user) | Q(mentee=user))
        .select_related("round__programme__organisation", "mentor", "mentee", "agreement")
        .prefetch_related("goals", "meetings").order_by("created_at", "pk"),
        # Only the person's own notes and time: a partner's private note is the partner's.
        "notes": Note.objects.filter(author=user)
        .select_related("meeting").order_by("created_at", "pk"),
        "time_spent": TimeSpent.objects.filter(person=user)
        .select_related("meeting").order_by("meeting__starts_at", "pk"),
        "date_votes": DateVote.objects.filter(person=user)
        .select_related("option").order_by("option__starts_at", "pk"),
        "mails": QueuedMail.objects.filter(Q(recipient=user) | email_matches(addresses, "to"))
        .select_related("round__programme__organisation").order_by("created_at", "pk"),
        "activity": AuditEntry.objects.filter(actor=user)
        .select_related("round__programme__organisation").order_by("created_at", "pk"),
    }


def personal_data_summary(user) -> dict[str, int]:
    """How many records of each kind the platform holds about the person."""
    return {"account": 1} | {key: rows.count() for key, rows in records_of(user).items()}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _round(round) -> dict | None:
    if round is None:
        return None
    return {"organisation": round.programme.organisation.name,
            "programme": round.programme.name, "round": round.name}


def _topic(topic) -> dict:
    return {"key": topic.key, "label": topic.label}


def _file_name(file) -> str | None:
    # Only the name: the export describes what is stored, the file itself stays on the server.
    return PurePosixPath(file.name).name if file else None


def _account(user) -> dict:
    institution = user.institution
    return {
        "name": user.name,
        "email": user.email,
        "position": user.position,
        "institution": None if institution is None else {
            "name": institution.name, "type": institution.type,
            "size_class": institution.size_class, "city": institution.city,
        },
        "language": user.language,
        "time_zone": user.time_zone,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_demo": user.is_demo,
    }


def _application(application) -> dict:
    return {
        "round": _round(application.round),
        "state": application.state,
        "source": application.source,
        "expectations": application.expectations,
        "upcoming_projects": application.upcoming_projects,
        "institution": application.institution.name if application.institution else None,
        "position": application.position,
        "languages": application.languages,
        "availability": application.availability,
        "how_heard": application.how_heard,
        "supervisor_informed": application.supervisor_informed,
        "topics": [{"rank": c.rank, **_topic(c.topic)} for c in application.topic_choices.all()],
        # The person's own choice; the mentors' names are shown in the gallery anyway.
        "preferred_mentors": [{"rank": c.rank, "name": c.mentor.get_full_name()}
                              for c in application.mentor_choices.all()],
        "consent_at": _iso(application.consent_at),
        "privacy_notice_version": application.privacy_notice_version,
        "submitted_at": _iso(application.submitted_at),
        "created_at": _iso(application.created_at),
        "updated_at": _iso(application.updated_at),
    }


def _mentor_profile(profile) -> dict:
    return {
        "round": _round(profile.round),
        "topics": [{**_topic(level.topic), "level": level.level} for level in profile.levels.all()],
        "presentation": profile.presentation,
        "experience": profile.experience,
        "capacity": profile.capacity,
        "languages": profile.languages,
        "weekdays": profile.weekdays,
        "availability": profile.availability,
        "photo": _file_name(profile.photo),
        "slides": _file_name(profile.slides),
        "video_url": profile.video_url,
        "publish_in_gallery": profile.publish_in_gallery,
        "created_at": _iso(profile.created_at),
        "updated_at": _iso(profile.updated_at),
    }


def _candidacy(candidate) -> dict:
    return {
        "round": _round(candidate.round),
        "name": candidate.name,
        "email": candidate.email,
        "institution": candidate.institution,
        "topics": [_topic(topic) for topic in candidate.topics.all()],
        # The coordinators' notes are data about the person, so the person gets them too.
        "notes": candidate.notes,
        "language": candidate.language,
        "status": candidate.status,
        "invited_at": _iso(candidate.invited_at),
        "answered_at": _iso(candidate.answered_at),
        "reminded_at": _iso(candidate.reminded_at),
        "created_at": _iso(candidate.created_at),
    }


def _proposal(proposal, user) -> dict:
    side = proposal.side_of(user)
    partner = proposal.mentor if side == "mentee" else proposal.mentee
    # The person's own answer only: the partner's answer and comment are the partner's data.
    return {
        "round": _round(proposal.round),
        "you_are": side,
        "partner": partner.get_full_name(),
        "status": proposal.status,
        "fit": proposal.score,
        "answer_by": _iso(proposal.answer_by),
        "your_answer": getattr(proposal, f"{side}_answer"),
        "your_comment": getattr(proposal, f"{side}_comment"),
        "answered_at": _iso(getattr(proposal, f"{side}_answered_at")),
    }


def _tandem(tandem, user) -> dict:
    """The tandem as both members see it: agreement, goals, meetings with their agendas."""
    mentor = tandem.mentor_id == user.pk
    agreement = getattr(tandem, "agreement", None)
    return {
        "round": _round(tandem.round),
        "you_are": "mentor" if mentor else "mentee",
        "partner": (tandem.mentee if mentor else tandem.mentor).get_full_name(),
        "formed_at": _iso(tandem.created_at),
        "agreement": None if agreement is None else {
            "goals": agreement.goals, "rhythm_weeks": agreement.rhythm_weeks,
            "meeting_minutes": agreement.meeting_minutes, "channel": agreement.channel,
            "confidentiality": agreement.confidentiality,
            "mentee_confirmed_at": _iso(agreement.mentee_confirmed_at),
            "mentor_confirmed_at": _iso(agreement.mentor_confirmed_at),
        },
        "goals": [{"text": goal.text, "progress": goal.progress}
                  for goal in tandem.goals.all()],
        "meetings": [
            {"starts_at": _iso(meeting.starts_at), "minutes": meeting.duration_minutes,
             "status": meeting.status, "agenda": meeting.agenda}
            for meeting in tandem.meetings.all()
        ],
    }


def _registration(registration) -> dict:
    return {
        "round": _round(registration.event.round),
        "name": registration.name,
        "email": registration.email,
        "language": registration.language,
        "consent_text": registration.consent_text,
        "consented_at": _iso(registration.consented_at),
        "created_at": _iso(registration.created_at),
    }


def personal_data_of(user) -> dict:
    """All data about the person; JSON-serialisable, dates as ISO 8601 strings.

    Nothing of other people: audit entries name what the person did, not whose record
    it touched, and another applicant's application never appears.
    """
    records = records_of(user)
    with translation.override(user.language):
        return {
            "format": "tandem-personal-data",
            "version": FORMAT_VERSION,
            "exported_at": _iso(timezone.now()),
            "account": _account(user),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in records["email_addresses"]
            ],
            # Which factors exist and when they were used, never their secrets.
            "second_factors": [
                {"type": factor.type, "created_at": _iso(factor.created_at),
                 "last_used_at": _iso(factor.last_used_at)}
                for factor in records["second_factors"]
            ],
            "organisations_coordinated": [org.name for org in records["organisations"]],
            "round_roles": [
                {"round": _round(role.round), "role": role.role,
                 "assigned_at": _iso(role.assigned_at)}
                for role in records["round_roles"]
            ],
            "applications": [_application(a) for a in records["applications"]],
            "mentor_profiles": [_mentor_profile(p) for p in records["mentor_profiles"]],
            "mentor_candidacies": [_candidacy(c) for c in records["mentor_candidacies"]],
            "info_event_registrations": [
                _registration(r) for r in records["info_event_registrations"]
            ],
            "role_invitations": [
                {"round": _round(i.round), "role": i.role, "name": i.name, "email": i.email,
                 "invited_at": _iso(i.created_at), "accepted_at": _iso(i.accepted_at),
                 "declined_at": _iso(i.declined_at)}
                for i in records["role_invitations"]
            ],
            "imported_applications": [
                {"round": _round(i.round), "name": i.name, "email": i.email, "data": i.data,
                 "source": i.source, "imported_at": _iso(i.created_at),
                 "confirmed_at": _iso(i.confirmed_at), "declined_at": _iso(i.declined_at)}
                for i in records["imported_applications"]
            ],
            "proposals": [_proposal(p, user) for p in records["proposals"]],
            "tandems": [_tandem(t, user) for t in records["tandems"]],
            "meeting_notes": [
                {"meeting": _iso(note.meeting.starts_at), "text": note.text,
                 "shared_with_partner": note.shared, "written_at": _iso(note.created_at)}
                for note in records["notes"]
            ],
            "time_spent": [
                {"meeting": _iso(entry.meeting.starts_at),
                 "meeting_minutes": entry.meeting_minutes,
                 "preparation_minutes": entry.preparation_minutes}
                for entry in records["time_spent"]
            ],
            "date_poll_answers": [
                {"option": _iso(vote.option.starts_at), "answer": vote.answer}
                for vote in records["date_votes"]
            ],
            "mails": [
                {"to": mail.to, "subject": mail.subject, "round": _round(mail.round),
                 "date": _iso(mail.sent_at or mail.created_at), "status": mail.status}
                for mail in records["mails"]
            ],
            "activity": [
                {"action": entry.action, "object_type": entry.object_type,
                 "round": _round(entry.round), "at": _iso(entry.created_at)}
                for entry in records["activity"]
            ],
        }


def export_personal_data(user, by) -> dict:
    """The person's data for download; every export is written to the audit log."""
    data = personal_data_of(user)
    log_action(by, "privacy.data_exported", user)
    return data
