"""Published mentor profiles and applications (the coordinators' and trainers' list)."""

import datetime as dt
import enum

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.pagination import paginate

from tandem.applications.enums import COORDINATOR_TARGETS, ApplicationState
from tandem.applications.selectors import application_detail, applications_for_round
from tandem.applications.services import change_state
from tandem.programmes.enums import InstitutionType, SizeClass
from tandem.recruitment.selectors import gallery_profiles

from ..services import log_api_write
from .errors import READ_ERRORS, WRITE_ERRORS, ApiError, FieldErrorsOut, not_found
from .scope import Id, Pagination, Query, require_write, round_for, token_of

router = Router(tags=["mentor profiles and applications"])


class InstitutionOut(Schema):
    name: str
    type: InstitutionType
    size_class: SizeClass


class TopicLevelOut(Schema):
    key: str
    level: int

    @staticmethod
    def resolve_key(obj) -> str:
        return obj.topic.key


class MentorProfileOut(Schema):
    id: int
    name: str
    institution: InstitutionOut | None
    presentation: str
    experience: str
    capacity: int
    languages: list[str]
    weekdays: list[str]
    availability: str
    video_url: str
    topics: list[TopicLevelOut]

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.get_full_name()

    @staticmethod
    def resolve_institution(obj):
        return obj.person.institution

    @staticmethod
    def resolve_topics(obj) -> list:
        return list(obj.levels.all())


class ProfileFilter(Schema):
    topic: str | None = None
    institution_type: InstitutionType | None = None


class TopicRankOut(Schema):
    key: str
    rank: int

    @staticmethod
    def resolve_key(obj) -> str:
        return obj.topic.key


class ApplicationOut(Schema):
    id: int
    name: str
    email: str
    state: ApplicationState
    source: str
    favoured: bool
    submitted_at: dt.datetime | None
    institution: InstitutionOut | None
    position: str
    languages: list[str]
    topics: list[TopicRankOut]
    expectations: str
    upcoming_projects: str
    availability: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.get_full_name()

    @staticmethod
    def resolve_email(obj) -> str:
        return obj.person.email

    @staticmethod
    def resolve_topics(obj) -> list:
        return sorted(obj.topic_choices.all(), key=lambda choice: choice.rank)


class ApplicationFilter(Schema):
    state: ApplicationState | None = None
    topic: str | None = None
    institution_type: InstitutionType | None = None


# The states a coordinator may choose (the same list as the pages').
DecisionState = enum.StrEnum("DecisionState", {s.name: s.value for s in COORDINATOR_TARGETS})


class StateIn(Schema):
    state: DecisionState


def _topic(round, key):
    """The programme's topic with this key; None for no filter; False for an unknown key."""
    if not key:
        return None
    return round.programme.topics.filter(key=key).first() or False


@router.get(
    "/rounds/{round_id}/mentor-profiles",
    response={200: list[MentorProfileOut], **READ_ERRORS},
    summary="Published mentor profiles (the gallery)",
)
@paginate(Pagination)
def list_mentor_profiles(request, round_id: Id, filters: Query[ProfileFilter]):
    """Profiles their mentors released for the gallery; filter by topic key, institution type."""
    round = round_for(request, round_id, "recruitment.view_gallery")
    topic = _topic(round, filters.topic)
    if topic is False:
        return []
    return gallery_profiles(round, topic=topic, institution_type=filters.institution_type or "")


@router.get(
    "/rounds/{round_id}/applications",
    response={200: list[ApplicationOut], **READ_ERRORS},
    summary="Applications (coordinators and trainers)",
)
@paginate(Pagination)
def list_applications(request, round_id: Id, filters: Query[ApplicationFilter]):
    """Every application of the round; filter by state, topic key and institution type."""
    round = round_for(request, round_id, "applications.view_applications")
    topic = _topic(round, filters.topic)
    if topic is False:
        return []
    return applications_for_round(
        round,
        state=filters.state or "",
        topic=topic,
        institution_type=filters.institution_type or "",
    )


@router.get(
    "/rounds/{round_id}/applications/{application_id}",
    response={200: ApplicationOut, **READ_ERRORS},
    summary="One application",
)
def get_application(request, round_id: Id, application_id: Id):
    round = round_for(request, round_id, "applications.view_applications")
    application = application_detail(round, application_id)
    if application is None:
        raise not_found()
    return application


@router.post(
    "/rounds/{round_id}/applications/{application_id}/state",
    response={200: ApplicationOut, 409: FieldErrorsOut, **WRITE_ERRORS},
    summary="Decide on an application",
)
def set_application_state(request, round_id: Id, application_id: Id, body: StateIn):
    """Move the application to a new state along the same transitions as the list page.

    States a coordinator may choose: submitted, shortlisted, waitlisted, admitted,
    declined, withdrawn. A move the transitions do not allow answers 409.
    """
    require_write(request)
    round = round_for(request, round_id, "applications.decide_applications")
    application = application_detail(round, application_id)
    if application is None:
        raise not_found()
    try:
        change_state(application=application, to_state=body.state.value, by=request.auth.person)
    except ValidationError as error:
        raise ApiError(409, " ".join(error.messages)) from error
    log_api_write(token_of(request), "application.state", application, programme_round=round)
    return application_detail(round, application_id)
