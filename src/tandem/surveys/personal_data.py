"""What surveys hold about people, and how it is exported, erased, expired.

Registered with the privacy registry in SurveysConfig.ready. An invitation names the
person (asked, answered yes or no). A response names nobody (see answers.py): while the
survey is open the person's own response is found through their answer key and is part
of their export and of their erasure; once the survey is closed it is anonymous — no one
can tell whose it is, so it is neither exported nor erased with the person, and it stays
as part of the round's anonymous results.
"""

import datetime as dt

from django.conf import settings

from tandem.privacy.registry import Declaration, Holding, NotPersonal

from . import services
from .answers import expire_free_texts, own_response
from .enums import SurveyState
from .models import SurveyInvitation


def export(user) -> dict:
    invitations = (
        SurveyInvitation.objects.filter(person=user)
        .select_related("survey__round__programme__organisation")
        .order_by("pk")
    )
    rows = []
    for invitation in invitations:
        survey = invitation.survey
        response = own_response(survey, user)
        rows.append(
            {
                "organisation": survey.round.programme.organisation.name,
                "programme": survey.round.programme.name,
                "round": survey.round.name,
                "survey": survey.title,
                "state": survey.state,
                "answered": invitation.answered,
                "group": invitation.group,
                "your_answers": (
                    {
                        item.text("en"): response.answers.get(str(item.pk))
                        for item in survey.items.all()
                    }
                    if response is not None
                    else None
                ),
                "note": (
                    "Answers of a closed survey are anonymous: no one can tell which are yours."
                    if survey.state == SurveyState.CLOSED and invitation.answered
                    else ""
                ),
            }
        )
    return {"survey_invitations": rows}


def erase(user) -> None:
    services.erase_respondent(person=user)


# The retention kind of free-text answers (TANDEM_RETENTION_BY_KIND): they may name or
# describe people, so they go on their own months; the scales and choices stay.
SURVEY_FREE_TEXTS = "survey_free_texts"


def expire_texts(kind: str, round, dry_run: bool) -> dict[str, int]:
    if kind != SURVEY_FREE_TEXTS:
        return {}
    return expire_free_texts(programme_round=round, dry_run=dry_run)


def apply_retention(now: dt.datetime) -> int:
    """Who was asked goes after retention; the anonymous responses stay with the round."""
    from tandem.programmes.selectors import rounds_ended_before

    rounds = rounds_ended_before(months=settings.TANDEM_RETENTION_MONTHS, today=now.date())
    return services.delete_invitations(rounds=rounds.values("pk"))


DECLARATION = Declaration(
    app_label="surveys",
    holdings=(
        Holding(
            "surveys.Survey",
            ("created_by",),
            "the coordinator or trainer",
            "running the round's surveys",
            "the round's coordinators and trainers",
            "as long as the round",
        ),
        Holding(
            "surveys.SurveyInvitation",
            ("person", "answered", "reminded_at"),
            "the person asked",
            "inviting to a survey and reminding those who have not answered",
            "the person only (coordinators see counts, never who)",
            "until retention after the round ends",
        ),
        Holding(
            "surveys.SurveyResponse",
            ("answers",),
            "nobody: stored without the person (answers.py)",
            "anonymous results of the survey",
            "the person while open (own answer); aggregates only for staff (k-rule)",
            "free-text answers: N months after the round (survey_free_texts); the other "
            "answers: as long as the round (anonymous)",
            retention_kind=SURVEY_FREE_TEXTS,
        ),
    ),
    export=export,
    erase=erase,
    apply_retention=apply_retention,
    expire_texts=expire_texts,
    erase_order=50,
    not_personal=(
        NotPersonal("surveys.SurveyItem", "a question of a survey, worded by the staff"),
    ),
)
