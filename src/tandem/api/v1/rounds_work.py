"""Match runs and proposals, tandems (metadata only) and training sessions of a round."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, field_validator

from tandem.matching.enums import Answer, MatchMode, ProposalStatus
from tandem.matching.selectors import run_in_round, runs_for_round
from tandem.tandems.overview import tandem_overview
from tandem.training import limits
from tandem.training import services as training
from tandem.training.enums import Audience
from tandem.training.selectors import session_of_round, sessions_for_user

from ..services import log_api_write
from .errors import READ_ERRORS, WRITE_ERRORS, ApiError, FieldErrorsOut, not_found
from .scope import Id, Pagination, person_of, require_write, round_for, token_of

router = Router(tags=["matching, tandems and training"])


class MatchRunOut(Schema):
    id: int
    number: int
    mode: MatchMode
    created_at: dt.datetime
    sent_at: dt.datetime | None
    answer_by: dt.date | None


class ProposalOut(Schema):
    id: int
    run_id: int
    application_id: int
    mentor_profile_id: int
    mentee: str
    mentor: str
    score: float
    pinned: bool
    status: ProposalStatus
    answer_by: dt.date | None
    mentee_answer: Answer | None
    mentor_answer: Answer | None
    sent_at: dt.datetime | None
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_mentee(obj) -> str:
        return obj.application.person.get_full_name()

    @staticmethod
    def resolve_mentor(obj) -> str:
        return obj.mentor_profile.person.get_full_name()

    @staticmethod
    def resolve_mentee_answer(obj):
        return obj.mentee_answer or None

    @staticmethod
    def resolve_mentor_answer(obj):
        return obj.mentor_answer or None


class TandemOut(Schema):
    """What coordinators see of a tandem: never its agreement, agenda, notes or goals."""

    id: int
    mentor: str
    mentee: str
    formed_at: dt.datetime
    agreement_confirmed: bool
    rhythm_weeks: int
    meetings_held: int
    meetings_planned: int
    meetings_cancelled: int
    last_held: dt.datetime | None
    next_planned: dt.datetime | None
    quiet: bool


class TrainingOut(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    duration_minutes: int
    online_url: str
    place: str
    description: str
    audience: Audience
    invited: int | None = Field(None, description="for coordinators and trainers only")
    accepted: int | None = None
    attended: int | None = None


# Said in the schema too, so that clients (and schemathesis) know a NUL is refused; the
# validator below refuses it with a clear message.
NO_NUL = {"pattern": r"^[^\x00]*$"}


class TrainingIn(Schema):
    title: str = Field(min_length=1, max_length=training.TITLE_MAX_LENGTH, json_schema_extra=NO_NUL)
    starts_at: dt.datetime = Field(
        description="within the round's dates, two years either side (else 409)"
    )
    duration_minutes: int = Field(ge=limits.MINUTES_MIN, le=limits.SESSION_MINUTES_MAX)
    online_url: str = Field(
        "", max_length=200, json_schema_extra=NO_NUL, description="https://… or empty"
    )
    place: str = Field("", max_length=training.PLACE_MAX_LENGTH, json_schema_extra=NO_NUL)
    description: str = Field(
        "", max_length=training.DESCRIPTION_MAX_LENGTH, json_schema_extra=NO_NUL
    )
    audience: Audience = Audience.MENTORS

    @field_validator("starts_at")
    @classmethod
    def aware(cls, value: dt.datetime) -> dt.datetime:
        # A time without an offset is read in the platform's time zone.
        return timezone.make_aware(value) if timezone.is_naive(value) else value

    @field_validator("title", "online_url", "place", "description")
    @classmethod
    def no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("NUL characters cannot be stored")
        return value


@router.get(
    "/rounds/{round_id}/match-runs",
    response={200: list[MatchRunOut], **READ_ERRORS},
    summary="Match runs (coordinators)",
)
@paginate(Pagination)
def list_match_runs(request, round_id: Id):
    return runs_for_round(round_for(request, round_id, "matching.run_matching"))


@router.get(
    "/rounds/{round_id}/match-runs/{run_id}/proposals",
    response={200: list[ProposalOut], **READ_ERRORS},
    summary="The proposals of one run (coordinators)",
)
@paginate(Pagination)
def list_proposals(request, round_id: Id, run_id: Id):
    run = run_in_round(round_for(request, round_id, "matching.run_matching"), run_id)
    if run is None:
        raise not_found()
    return run.proposals.select_related("application__person", "mentor_profile__person").order_by(
        "-score", "pk"
    )


@router.get(
    "/rounds/{round_id}/tandems",
    response={200: list[TandemOut], **READ_ERRORS},
    summary="Tandems: metadata only (coordinators)",
)
@paginate(Pagination)
def list_tandems(request, round_id: Id):
    """Who is paired, whether the agreement is confirmed, how many meetings and when.

    Never the agreement's text, agendas, notes or goals (DESIGN.md §2).
    """
    round = round_for(request, round_id, "programmes.manage_round")
    return [
        {
            "id": summary.pk,
            "mentor": summary.mentor,
            "mentee": summary.mentee,
            "formed_at": summary.formed_at,
            "agreement_confirmed": summary.agreement_confirmed,
            "rhythm_weeks": summary.rhythm_weeks,
            "meetings_held": summary.held,
            "meetings_planned": summary.planned,
            "meetings_cancelled": summary.cancelled,
            "last_held": summary.last_held,
            "next_planned": summary.next_planned,
            "quiet": summary.quiet,
        }
        for summary in tandem_overview(round)
    ]


@router.get(
    "/rounds/{round_id}/trainings",
    response={200: list[TrainingOut], **READ_ERRORS},
    summary="Training sessions",
)
@paginate(Pagination)
def list_trainings(request, round_id: Id):
    """Coordinators and trainers see every session with counts; participants their own."""
    round = round_for(request, round_id, "programmes.view_round")
    return sessions_for_user(round, person_of(request)).order_by("starts_at", "pk")


@router.get(
    "/rounds/{round_id}/trainings/{session_id}",
    response={200: TrainingOut, **READ_ERRORS},
    summary="One training session",
)
def get_training(request, round_id: Id, session_id: Id):
    round = round_for(request, round_id, "programmes.view_round")
    session = sessions_for_user(round, person_of(request)).filter(pk=session_id).first()
    if session is None or not person_of(request).has_perm("training.view_session", session):
        raise not_found()
    return session


@router.post(
    "/rounds/{round_id}/trainings",
    response={201: TrainingOut, 409: FieldErrorsOut, **WRITE_ERRORS},
    summary="Plan a training session (coordinators and trainers)",
)
def create_training(request, round_id: Id, body: TrainingIn):
    """The same checks as the page; invitations are sent from the page (not by the API)."""
    require_write(request)
    round = round_for(request, round_id, "training.manage_training")
    try:
        session = training.create_session(round=round, by=person_of(request), **body.dict())
    except ValidationError as error:
        raise ApiError(
            409, "The session cannot be planned like this.", error.message_dict
        ) from error
    log_api_write(token_of(request), "training.create", session, programme_round=round)
    return Status(201, session_of_round(round, session.pk))
