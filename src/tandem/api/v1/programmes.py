"""Programmes, rounds and topics the token reaches."""

import datetime as dt

from django.db.models import Prefetch
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from tandem.core.forms import MAX_ID
from tandem.programmes.enums import PhaseKind
from tandem.programmes.models import Phase, Programme

from ..selectors import rounds_in_scope
from .errors import READ_ERRORS, not_found
from .scope import Id, Pagination, Query, round_for, token_of

router = Router(tags=["programmes and rounds"])


class ProgrammeOut(Schema):
    id: int
    organisation: str
    name: str
    slug: str
    description: str

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug


class PhaseOut(Schema):
    kind: PhaseKind
    starts_on: dt.date
    ends_on: dt.date


class RoundOut(Schema):
    id: int
    programme_id: int
    organisation: str
    name: str
    slug: str
    current_phase: PhaseKind
    is_public: bool
    cross_institution_required: bool
    mentor_capacity: int
    meeting_rhythm_weeks: int
    meeting_max_minutes: int
    tandem_months: int
    proposal_reminder_days: int
    new_match_within_percent: int
    phases: list[PhaseOut]

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.programme.organisation.slug

    @staticmethod
    def resolve_phases(obj) -> list:
        return list(obj.phases.all())


class TopicOut(Schema):
    id: int
    key: str
    label_de: str
    label_en: str
    position: int


class RoundFilter(Schema):
    programme: int | None = Field(None, ge=1, le=MAX_ID, description="a programme's id")
    phase: PhaseKind | None = None


def _programmes(request):
    return (
        Programme.objects.filter(rounds__in=rounds_in_scope(token_of(request)))
        .distinct()
        .select_related("organisation")
        .order_by("organisation__slug", "slug", "pk")
    )


def _rounds(request):
    return rounds_in_scope(token_of(request)).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "pk"))
    )


@router.get("/programmes", response={200: list[ProgrammeOut], **READ_ERRORS}, summary="Programmes")
@paginate(Pagination)
def list_programmes(request):
    """Programmes with at least one round the token reaches."""
    return _programmes(request)


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeOut, **READ_ERRORS},
    summary="One programme",
)
def get_programme(request, programme_id: Id):
    programme = _programmes(request).filter(pk=programme_id).first()
    if programme is None:
        raise not_found()
    return programme


@router.get("/rounds", response={200: list[RoundOut], **READ_ERRORS}, summary="Rounds")
@paginate(Pagination)
def list_rounds(request, filters: Query[RoundFilter]):
    """Rounds the token reaches, newest first; filter by programme id and current phase."""
    rounds = _rounds(request)
    if filters.programme is not None:
        rounds = rounds.filter(programme_id=filters.programme)
    if filters.phase:
        rounds = rounds.filter(current_phase=filters.phase)
    return rounds.order_by("-created_at", "-pk")


@router.get("/rounds/{round_id}", response={200: RoundOut, **READ_ERRORS}, summary="One round")
def get_round(request, round_id: Id):
    return round_for(request, round_id, "programmes.view_round")


@router.get(
    "/rounds/{round_id}/topics",
    response={200: list[TopicOut], **READ_ERRORS},
    summary="The round's topic taxonomy",
)
def list_topics(request, round_id: Id):
    round = round_for(request, round_id, "programmes.view_round")
    return list(round.programme.topics.order_by("position", "pk"))
