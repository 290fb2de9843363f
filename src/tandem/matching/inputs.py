"""The round's data as the engine's plain input (the engine itself knows no Django).

Engine ids are "a<application pk>" and "m<mentor profile pk>"; institutions are passed as
database ids, so spelling variants of a name can never make two people "different".
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from tandem.applications.enums import ACTIVE_STATES
from tandem.applications.models import Application, TopicChoice
from tandem.matching.engine import DEFAULT_TAXONOMY, Mentee, Mentor, Taxonomy
from tandem.programmes.enums import RoleKind
from tandem.recruitment.models import MentorProfile, MentorTopic


def mentee_id(application) -> str:
    return f"a{application.pk}"


def mentor_id(profile) -> str:
    return f"m{profile.pk}"


def pk_of(engine_id: str) -> int:
    return int(engine_id[1:])


def taxonomy_of(programme) -> Taxonomy:
    """The programme's own topics; phrases of known keys come from the default taxonomy."""
    records = []
    for topic in programme.topics.all():
        known = DEFAULT_TAXONOMY.topic(topic.key) if topic.key in DEFAULT_TAXONOMY else None
        records.append(
            {
                "key": topic.key,
                "label_de": topic.label_de,
                "label_en": topic.label_en,
                "phrases_de": known.phrases_de if known else (topic.label_de,),
                "phrases_en": known.phrases_en if known else (topic.label_en,),
            }
        )
    allrounder = DEFAULT_TAXONOMY.allrounder_topic
    keys = {record["key"] for record in records}
    return Taxonomy.from_records(
        records, allrounder_topic=allrounder if allrounder in keys else None
    )


def _institution(institution) -> tuple[str, str, str | None]:
    if institution is None:
        return "", "other", None
    return f"i{institution.pk}", institution.type, institution.size_class


@dataclass
class RoundInput:
    mentees: list[Mentee]
    mentors: list[Mentor]
    applications: dict[str, Application]
    profiles: dict[str, MentorProfile]


def round_input(round) -> RoundInput:
    """Everyone matching considers: active applications and the mentors' profiles.

    A mentor profile counts while its person still holds the mentor role of the round;
    capacity is the profile's own, capped by the round's rule.
    """
    applications = list(
        Application.objects.filter(round=round, state__in=ACTIVE_STATES)
        .select_related("person__institution", "institution")
        .prefetch_related(
            Prefetch("topic_choices", queryset=TopicChoice.objects.select_related("topic")),
            "mentor_choices",
        )
        .order_by("pk")
    )
    mentor_people = round.roles.filter(role=RoleKind.MENTOR).values_list("person", flat=True)
    profiles = list(
        MentorProfile.objects.filter(round=round, person__in=mentor_people)
        .select_related("person__institution")
        .prefetch_related(Prefetch("levels", queryset=MentorTopic.objects.select_related("topic")))
        .order_by("pk")
    )
    profile_of_person = {profile.person_id: profile for profile in profiles}
    mentors = []
    for profile in profiles:
        institution, kind, size = _institution(profile.person.institution)
        mentors.append(
            Mentor(
                id=mentor_id(profile),
                institution=institution or f"p{profile.person_id}",
                institution_type=kind,
                institution_size=size,
                topics={level.topic.key: level.level for level in profile.levels.all()},
                profile=f"{profile.presentation}\n{profile.experience}",
                languages=frozenset(profile.languages or ["de"]),
                capacity=max(0, min(profile.capacity, round.mentor_capacity)),
                name=profile.person.get_full_name(),
                email=profile.person.email,
            )
        )
    mentees = []
    for application in applications:
        institution, kind, size = _institution(
            application.institution or application.person.institution
        )
        preferred = tuple(
            mentor_id(profile_of_person[choice.mentor_id])
            for choice in application.mentor_choices.all()
            if choice.mentor_id in profile_of_person
        )
        mentees.append(
            Mentee(
                id=mentee_id(application),
                institution=institution or f"p{application.person_id}",
                institution_type=kind,
                institution_size=size,
                topics=tuple(choice.topic.key for choice in application.topic_choices.all()),
                expectations=application.expectations,
                projects=application.upcoming_projects,
                languages=frozenset(application.languages or ["de"]),
                preferred_mentors=preferred,
                favoured=application.favoured,
                name=application.person.get_full_name(),
                email=application.person.email,
            )
        )
    return RoundInput(
        mentees=mentees,
        mentors=mentors,
        applications={mentee_id(a): a for a in applications},
        profiles={mentor_id(p): p for p in profiles},
    )
