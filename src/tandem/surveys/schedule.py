"""What happens to surveys by itself, once a day: closing on the date, reminders before it.

``run_schedule`` is the daily run (``manage.py run_survey_schedule`` from cron, or the
task ``tandem.surveys.tasks.survey_schedule``), like the proposal reminders of matching:

* An open survey whose closing date ("answers until", inclusive) has passed is closed
  through ``services.publish_at_close`` — the same function as a coordinator's close, so
  results are published by the same rule.
* On each day of its reminder schedule (N days before the closing date) an open survey
  reminds the people asked who have not answered; once per date (``reminded_for`` holds
  the last date sent), also when the run missed a day: then the latest date reached is
  sent, once. Dates on or before the opening day are skipped (the invitation just went).

Why these reminders may go to those who have not answered only, while a coordinator's
reminder goes to everyone (services.send_reminders): these mails are kept out of the
round's outbox (``round=None``, with the round's own texts), and the audit log holds only
how many went — which the coordinators know anyway (the count of answers). So no page
shows a coordinator who was reminded, and so who has answered.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail

from . import services
from .enums import SurveyState
from .models import Survey, SurveyInvitation


def reminder_date_due(survey: Survey, today: dt.date) -> dt.date | None:
    """The reminder date to send today, if any: the latest date of the schedule reached,
    not yet sent, after the opening day and not after the closing date."""
    if survey.state != SurveyState.OPEN or survey.closes_on is None:
        return None
    if today > survey.closes_on:
        return None
    opened_on = timezone.localdate(survey.opened_at) if survey.opened_at else None
    reached = [
        survey.closes_on - dt.timedelta(days=days)
        for days in survey.reminder_days or []
        if isinstance(days, int)
    ]
    reached = [
        day
        for day in reached
        if day <= today
        and (opened_on is None or day > opened_on)
        and (survey.reminded_for is None or day > survey.reminded_for)
    ]
    return max(reached) if reached else None


def run_schedule(today: dt.date | None = None) -> dict[str, int]:
    """Close what is due, then send the reminders that are due; returns the counts."""
    today = today or timezone.localdate()
    open_surveys = Survey.objects.filter(state=SurveyState.OPEN, closes_on__isnull=False)
    closed = sum(
        close_due(pk, today)
        for pk in open_surveys.filter(closes_on__lt=today).values_list("pk", flat=True)
    )
    reminded = sum(
        remind_due(pk, today)
        for pk in open_surveys.filter(closes_on__gte=today).values_list("pk", flat=True)
    )
    return {"closed": closed, "reminded": reminded}


@transaction.atomic
def close_due(pk: int, today: dt.date) -> int:
    # Locked: an answer being saved at this moment is waited for, then the survey closes.
    survey = Survey.objects.select_for_update().select_related("round").get(pk=pk)
    if survey.state != SurveyState.OPEN or not services.past_closing_date(survey, today):
        return 0
    services.publish_at_close(survey=survey, by=None)
    return 1


@transaction.atomic
def remind_due(pk: int, today: dt.date) -> int:
    """Remind those asked who have not answered, if a reminder date is due; how many."""
    survey = (
        Survey.objects.select_for_update()
        .select_related("round__programme__organisation")
        .get(pk=pk)
    )
    due = reminder_date_due(survey, today)
    if due is None:
        return 0
    # Invitations are locked too: an answer arriving now is counted before we choose.
    waiting = list(
        SurveyInvitation.objects.select_for_update()
        .filter(survey=survey, answered=False, person__is_active=True)
        .select_related("person")
        .order_by("pk")
    )
    for invitation in waiting:
        person = invitation.person
        queue_mail(
            # round=None on purpose: the round's outbox must not list who was reminded
            # (that is who has not answered); the round's own texts are used all the same.
            key="survey_reminder_unanswered",
            to=person.email,
            recipient=person,
            round=None,
            texts_of_round=survey.round,
            context=services.mail_context(survey, person),
        )
    survey.reminded_for = due
    survey.save(update_fields=["reminded_for"])
    log_action(
        None,
        "surveys.reminded_automatically",
        survey,
        programme_round=survey.round,
        data={"reminded": len(waiting), "date": due.isoformat()},
    )
    return len(waiting)
