"""Reads of the applications area; *_for_user functions filter by viewer."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from tandem.programmes.enums import InstitutionType, RoleKind

from .enums import ACTIVE_STATES
from .models import Application, MentorChoice, TopicChoice

SORTS = {
    "name": ("person__name", "person__email"),
    "-name": ("-person__name", "-person__email"),
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
    "state": ("state", "person__name"),
    "-state": ("-state", "person__name"),
    "institution_type": ("institution__type", "person__name"),
    "-institution_type": ("-institution__type", "person__name"),
}


def applications_for_round(
    round, *, state="", topic=None, institution_type="", query="", sort="name"
):
    """The coordinators' list: every application of the round, filtered and sorted."""
    applications = (
        Application.objects.filter(round=round)
        .select_related("person", "institution")
        .prefetch_related(
            Prefetch("topic_choices", queryset=TopicChoice.objects.select_related("topic"))
        )
    )
    if state:
        applications = applications.filter(state=state)
    if topic is not None:
        applications = applications.filter(topic_choices__topic=topic)
    if institution_type:
        applications = applications.filter(institution__type=institution_type)
    if query:
        applications = applications.filter(
            Q(person__name__icontains=query)
            | Q(person__email__icontains=query)
            | Q(expectations__icontains=query)
            | Q(upcoming_projects__icontains=query)
            | Q(availability__icontains=query)
        )
    return applications.distinct().order_by(*SORTS.get(sort, SORTS["name"]))


def application_detail(round, pk):
    return (
        Application.objects.filter(round=round, pk=pk)
        .select_related("person", "institution")
        .prefetch_related(
            Prefetch("topic_choices", queryset=TopicChoice.objects.select_related("topic")),
            Prefetch("mentor_choices", queryset=MentorChoice.objects.select_related("mentor")),
        )
        .first()
    )


def application_for_user(round, user):
    """A person's own application for a round (or None)."""
    return (
        Application.objects.filter(round=round, person=user)
        .prefetch_related("topic_choices__topic", "mentor_choices__mentor")
        .first()
    )


def recruitment_profiles(round):
    """The sibling area's published mentor profiles, or None while it does not exist yet."""
    try:
        from tandem.recruitment.selectors import published_profiles
    except ImportError:
        return None
    return published_profiles(round)


def preferred_mentor_choices(programme_round) -> list:
    """People an applicant may name as preferred mentors.

    The mentors whose profiles are published in the round's gallery (they agreed to
    be shown); only if the recruitment area is missing, every person with the mentor
    role in the round.
    """
    profiles = recruitment_profiles(programme_round)
    if profiles is not None:
        people = {profile.person for profile in profiles}
        return sorted(people, key=lambda person: (person.name, person.email))
    User = get_user_model()
    return list(
        User.objects.filter(round_roles__round=programme_round, round_roles__role=RoleKind.MENTOR)
        .distinct()
        .order_by("name", "email")
    )


@dataclass
class DemandRow:
    key: str
    label: str
    applicants: int
    mentors: int | None  # None: the offer is not known per topic yet


def _topic_supply(round) -> dict[int, int] | None:
    """Mentors offering each topic, from published profiles; None if unknown."""
    profiles = recruitment_profiles(round)
    if profiles is None:
        return None
    supply: dict[int, int] = {}
    for profile in profiles:
        topics = getattr(profile, "topics", None)
        if topics is None:
            return None
        for item in topics.all():
            topic_id = getattr(item, "topic_id", None) or item.pk
            supply[topic_id] = supply.get(topic_id, 0) + 1
    return supply


def demand_and_supply(round) -> dict:
    """Active applicants per topic and institution type against the mentors' offer."""
    topic_counts = dict(
        TopicChoice.objects.filter(application__round=round, application__state__in=ACTIVE_STATES)
        .values("topic")
        .annotate(n=Count("application", distinct=True))
        .values_list("topic", "n")
    )
    supply = _topic_supply(round)
    topics = [
        DemandRow(
            topic.key,
            topic.label,
            topic_counts.get(topic.pk, 0),
            None if supply is None else supply.get(topic.pk, 0),
        )
        for topic in round.programme.topics.all()
    ]
    applicant_types = dict(
        Application.objects.filter(round=round, state__in=ACTIVE_STATES)
        .values("institution__type")
        .annotate(n=Count("id"))
        .values_list("institution__type", "n")
    )
    mentor_types = dict(
        round.roles.filter(role=RoleKind.MENTOR)
        .values("person__institution__type")
        .annotate(n=Count("id"))
        .values_list("person__institution__type", "n")
    )
    types = [
        DemandRow(value, str(label), applicant_types.get(value, 0), mentor_types.get(value, 0))
        for value, label in InstitutionType.choices
    ]
    return {
        "topics": topics,
        "institution_types": types,
        "topic_supply_known": supply is not None,
        "mentors": sum(mentor_types.values()),
        "applicants": sum(applicant_types.values()),
    }
