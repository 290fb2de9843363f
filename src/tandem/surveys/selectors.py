"""Reads of surveys; ``*_for_user`` ones encode who sees what.

Staff read counts (``answered_count``), never which invitation is answered: no read here
returns invitations to a coordinator's page.
"""

from django.db.models import Count, Q

from .enums import SurveyState
from .models import Survey, SurveyInvitation


def surveys_of_round(round):
    return Survey.objects.filter(round=round).annotate(
        invited=Count("invitations", distinct=True),
        answered_count=Count("invitations", distinct=True, filter=Q(invitations__answered=True)),
        item_count=Count("items", distinct=True),
    )


def survey_of_round(round, pk) -> Survey | None:
    return surveys_of_round(round).filter(pk=pk).select_related("round").first()


def invitations_for_user(programme_round, person):
    """The person's own survey invitations of the round (drafts are never shown)."""
    return (
        SurveyInvitation.objects.filter(survey__round=programme_round, person=person)
        .exclude(survey__state=SurveyState.DRAFT)
        .select_related("survey")
        .order_by("survey__created_at", "pk")
    )


def invitation_for_user(programme_round, person, survey_pk) -> SurveyInvitation | None:
    return invitations_for_user(programme_round, person).filter(survey_id=survey_pk).first()


def waiting_for_user(rounds, person):
    """Open surveys of these rounds the person is asked and has not answered."""
    return SurveyInvitation.objects.filter(
        survey__round__in=rounds, person=person, answered=False, survey__state=SurveyState.OPEN
    ).select_related("survey__round__programme__organisation")


def survey_state_summary(round) -> list[tuple[Survey, int, int]]:
    """(survey, answered, invited) of every survey of the round, for the checklist."""
    return [(survey, survey.answered_count, survey.invited) for survey in surveys_of_round(round)]
