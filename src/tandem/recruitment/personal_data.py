"""Recruitment's personal data: mentor profiles, the candidate list, info-event registrations."""

from pathlib import PurePosixPath

from django.db.models import Prefetch, Q

from tandem.people.personal_data import addresses_of, email_matches, iso
from tandem.privacy.registry import Declaration, Holding, NotPersonal
from tandem.programmes.personal_data import round_in_export

from . import services
from .models import Candidate, InfoEventRegistration, MentorProfile, MentorTopic


def _topic(topic) -> dict:
    return {"key": topic.key, "label": topic.label}


def _file_name(file) -> str | None:
    # Only the name: the export describes what is stored, the file itself stays on the server.
    return PurePosixPath(file.name).name if file else None


def _profiles(user):
    return (
        MentorProfile.objects.filter(person=user)
        .select_related("round__programme__organisation")
        .prefetch_related(Prefetch("levels", queryset=MentorTopic.objects.select_related("topic")))
        .order_by("created_at", "pk")
    )


def _candidacies(user, addresses):
    return (
        Candidate.objects.filter(Q(person=user) | email_matches(addresses))
        .select_related("round__programme__organisation")
        .prefetch_related("topics")
        .order_by("created_at", "pk")
    )


def _registrations(addresses):
    return (
        InfoEventRegistration.objects.filter(email_matches(addresses))
        .select_related("event__round__programme__organisation")
        .order_by("created_at", "pk")
    )


def count(user) -> dict[str, int]:
    addresses = addresses_of(user)
    return {
        "mentor_profiles": _profiles(user).count(),
        "mentor_candidacies": _candidacies(user, addresses).count(),
        "info_event_registrations": _registrations(addresses).count(),
    }


def _mentor_profile(profile) -> dict:
    return {
        "round": round_in_export(profile.round),
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
        "created_at": iso(profile.created_at),
        "updated_at": iso(profile.updated_at),
    }


def _candidacy(candidate) -> dict:
    return {
        "round": round_in_export(candidate.round),
        "name": candidate.name,
        "email": candidate.email,
        "institution": candidate.institution,
        "topics": [_topic(topic) for topic in candidate.topics.all()],
        # The coordinators' notes are data about the person, so the person gets them too.
        "notes": candidate.notes,
        "language": candidate.language,
        "status": candidate.status,
        "invited_at": iso(candidate.invited_at),
        "answered_at": iso(candidate.answered_at),
        "reminded_at": iso(candidate.reminded_at),
        "created_at": iso(candidate.created_at),
    }


def _registration(registration) -> dict:
    return {
        "round": round_in_export(registration.event.round),
        "name": registration.name,
        "email": registration.email,
        "language": registration.language,
        "consent_text": registration.consent_text,
        "consented_at": iso(registration.consented_at),
        "created_at": iso(registration.created_at),
    }


def export(user) -> dict:
    addresses = addresses_of(user)
    return {
        "mentor_profiles": [_mentor_profile(p) for p in _profiles(user)],
        "mentor_candidacies": [_candidacy(c) for c in _candidacies(user, addresses)],
        "info_event_registrations": [_registration(r) for r in _registrations(addresses)],
    }


def erase(user) -> dict[str, int]:
    return services.erase_person_records(person=user, addresses=addresses_of(user))


def clean_round(round, dry_run: bool) -> dict[str, int]:
    """The registrations, the candidate list with its notes, and the mentors' files go;
    the profiles' texts stay as the record of who mentored."""
    return services.clean_round_records(programme_round=round, dry_run=dry_run)


DECLARATION = Declaration(
    app_label="recruitment",
    holdings=(
        Holding(
            model="recruitment.MentorProfile",
            fields=("person", "presentation", "experience", "photo", "slides", "availability"),
            whose="the mentor",
            purpose="to match mentees and to present the mentor",
            seen_by="the mentor, the round's coordinators and trainers; once published, "
            "the gallery's visitors",
            retention="photo and slides go N months after the round; texts stay",
        ),
        Holding(
            model="recruitment.Candidate",
            fields=("name", "email", "institution", "notes", "person"),
            whose="a possible mentor",
            purpose="to invite mentors",
            seen_by="the round's coordinators",
            retention="N months after the round",
        ),
        Holding(
            model="recruitment.InfoEventRegistration",
            fields=("name", "email", "consent_text"),
            whose="a visitor of the info event",
            purpose="to send the event's link",
            seen_by="the round's coordinators",
            retention="N months after the round",
        ),
    ),
    not_personal=(
        NotPersonal("recruitment.InfoEvent", "the event's date, link and public agenda"),
    ),
    export=export,
    erase=erase,
    count=count,
    clean_round=clean_round,
    erase_order=10,
    retention_order=40,
)
