"""Applications' personal data: what mentees wrote, whom they preferred, their consent."""

from django.db.models import Prefetch

from tandem.people.personal_data import addresses_of, email_matches, iso
from tandem.privacy.registry import Declaration, Holding
from tandem.programmes.personal_data import round_in_export

from . import import_files, services
from .models import Application, ImportedApplication, MentorChoice, TopicChoice


def _applications(user):
    return (
        Application.objects.filter(person=user)
        .select_related("round__programme__organisation", "institution")
        .prefetch_related(
            Prefetch("topic_choices", queryset=TopicChoice.objects.select_related("topic")),
            Prefetch("mentor_choices", queryset=MentorChoice.objects.select_related("mentor")),
        )
        .order_by("created_at", "pk")
    )


def _imported(user):
    """Imported rows waiting for (or answered by) the person: found by their addresses."""
    return (
        ImportedApplication.objects.filter(email_matches(addresses_of(user)))
        .select_related("round__programme__organisation")
        .order_by("created_at", "pk")
    )


def count(user) -> dict[str, int]:
    return {
        "applications": _applications(user).count(),
        "imported_applications": _imported(user).count(),
    }


def _application(application) -> dict:
    return {
        "round": round_in_export(application.round),
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
        "topics": [
            {"rank": c.rank, "key": c.topic.key, "label": c.topic.label}
            for c in application.topic_choices.all()
        ],
        # The person's own choice; the mentors' names are shown in the gallery anyway.
        "preferred_mentors": [
            {"rank": c.rank, "name": c.mentor.get_full_name()}
            for c in application.mentor_choices.all()
        ],
        "consent_at": iso(application.consent_at),
        "privacy_notice_version": application.privacy_notice_version,
        "submitted_at": iso(application.submitted_at),
        "created_at": iso(application.created_at),
        "updated_at": iso(application.updated_at),
    }


def export(user) -> dict:
    return {
        "applications": [_application(a) for a in _applications(user)],
        "imported_applications": [
            {
                "round": round_in_export(i.round),
                "name": i.name,
                "email": i.email,
                "data": i.data,
                "source": i.source,
                "imported_at": iso(i.created_at),
                "confirmed_at": iso(i.confirmed_at),
                "declined_at": iso(i.declined_at),
            }
            for i in _imported(user)
        ],
    }


def erase(user) -> dict[str, int]:
    return services.erase_applicant(person=user, addresses=addresses_of(user))


def clean_round(round, dry_run: bool) -> dict[str, int]:
    """Applications the round did not admit go; admitted ones are the record of the round."""
    return services.clean_round_applications(programme_round=round, dry_run=dry_run)


def apply_retention(now) -> int:
    # Half-finished imports hold applicants' rows too; they go with the same job.
    return import_files.remove_stale()


DECLARATION = Declaration(
    app_label="applications",
    holdings=(
        Holding(
            model="applications.Application",
            fields=(
                "person",
                "expectations",
                "upcoming_projects",
                "position",
                "availability",
                "how_heard",
                "institution",
                "consent_at",
            ),
            whose="the applicant",
            purpose="to select and match mentees",
            seen_by="the applicant, the round's coordinators and trainers",
            retention="not admitted: N months after the round; admitted: kept",
        ),
        Holding(
            model="applications.MentorChoice",
            fields=("mentor",),
            whose="the applicant (and the mentor named)",
            purpose="the applicant's preferred mentors for matching",
            seen_by="the applicant and the round's coordinators",
            retention="with the application; removed on erasure",
        ),
        Holding(
            model="applications.ImportedApplication",
            fields=("email", "name", "data", "imported_by"),
            whose="the person named in an imported row",
            purpose="to ask the person to confirm an application a coordinator imported",
            seen_by="the round's coordinators (as a count) and the person",
            retention="until confirmed or declined; otherwise N months after the round",
        ),
    ),
    export=export,
    records=lambda user: {
        "applications.application": list(
            Application.objects.filter(person=user).values_list("pk", flat=True)
        )
    },
    erase=erase,
    count=count,
    clean_round=clean_round,
    apply_retention=apply_retention,
    retention_label="abandoned import file(s) removed",
    erase_order=20,
    retention_order=30,
)
