"""The closing date, the automatic close and the automatic reminders, by time travel."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.mail.selectors import mails_for_round
from tandem.surveys import schedule, services
from tandem.surveys.models import SurveyResponse
from tandem.surveys.results import survey_results
from tandem.surveys.tasks import survey_schedule
from tests.conftest import manage_url, portal_url

from .conftest import answer

pytestmark = pytest.mark.django_db

REMINDER = "survey_reminder_unanswered"


def travel(day: int, hour: int = 8):
    """A day of March 2027, in the morning (Europe/Berlin is UTC+1 then)."""
    return time_machine.travel(dt.datetime(2027, 3, day, hour, tzinfo=dt.UTC), tick=False)


def march(day: int) -> dt.date:
    return dt.date(2027, 3, day)


def reminded_addresses() -> set[str]:
    return set(QueuedMail.objects.filter(template_key=REMINDER).values_list("to", flat=True))


@pytest.fixture
def everyone(cohort):
    mentors, mentees = cohort
    return [*mentors, *mentees]


def open_on(survey, coordinator, day: int, closes: int):
    with travel(day):
        services.open_survey(survey=survey, by=coordinator, closes_on=march(closes))
    survey.refresh_from_db()
    return survey


def test_a_closing_date_in_the_past_is_refused_by_the_service(final_survey, people, cohort):
    with travel(10), pytest.raises(ValidationError) as caught:
        services.open_survey(survey=final_survey, by=people["coordinator"], closes_on=march(9))
    assert "closes_on" in caught.value.message_dict
    final_survey.refresh_from_db()
    assert final_survey.state == "draft" and not final_survey.invitations.exists()
    with travel(10):
        services.open_survey(survey=final_survey, by=people["coordinator"], closes_on=march(10))
    final_survey.refresh_from_db()
    assert final_survey.is_open and final_survey.closes_on == march(10)


def test_a_past_closing_date_shows_next_to_the_field_on_opening(
    client, round, people, final_survey, cohort
):
    url = manage_url("survey_open", round, survey=final_survey.pk)
    with travel(10):
        client.force_login(people["coordinator"])  # a session of that day
        response = client.post(url, {"open-closes_on": "2027-03-09"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_open-closes_on_error"' in page or "id_open-closes_on" in page
    assert "The closing date lies in the past." in page
    final_survey.refresh_from_db()
    assert final_survey.state == "draft"
    with travel(10):
        response = client.post(url, {"open-closes_on": "2027-03-20"})
    assert response.status_code == 302
    final_survey.refresh_from_db()
    assert final_survey.is_open and final_survey.closes_on == march(20)


def test_the_form_sets_the_date_and_the_reminders_later_and_refuses_bad_ones(
    client, round, people, open_final
):
    url = manage_url("survey", round, survey=open_final.pk)
    fields = {
        "title_de": open_final.title_de,
        "title_en": open_final.title_en,
        "intro_de": open_final.intro_de,
        "intro_en": open_final.intro_en,
        "k": "5",
    }
    with travel(10):
        client.force_login(people["coordinator"])
        past = client.post(url, {**fields, "closes_on": "2027-03-01", "reminder_days": "7, 2"})
        bad = client.post(url, {**fields, "closes_on": "2027-03-30", "reminder_days": "7, soon"})
        far = client.post(url, {**fields, "closes_on": "2027-03-30", "reminder_days": "90"})
    assert past.status_code == 400 and "The closing date lies in the past." in past.text
    assert bad.status_code == 400 and "separated by commas" in bad.text
    assert far.status_code == 400 and "between 1 and 60 days" in far.text
    open_final.refresh_from_db()
    assert open_final.closes_on is None and open_final.reminder_days == [7, 2]
    with travel(10):
        ok = client.post(url, {**fields, "closes_on": "2027-03-30", "reminder_days": "3; 10, 3"})
    assert ok.status_code == 302
    open_final.refresh_from_db()
    assert open_final.closes_on == march(30) and open_final.reminder_days == [10, 3]
    with travel(12):
        client.force_login(people["coordinator"])
        page = client.get(url).text
    assert "Answers until" in page and "10, 3" in page


def test_respondents_see_the_date_and_answers_end_with_it(
    client, round, people, final_survey, cohort
):
    survey = open_on(final_survey, people["coordinator"], day=1, closes=10)
    mentee = people["mentee"]
    url = portal_url("survey", round, survey=survey.pk)
    with travel(10, hour=20):  # the last day, in the evening: still taken
        client.force_login(mentee)
        assert "Answers until" in client.get(url).text
        answer(survey, mentee, fit=4)
    with travel(11, hour=0):  # 01:00 in Berlin: the day after, before the daily run
        client.force_login(mentee)
        page = client.get(url).text
        assert "The time for answers ended" in page and '<form method="post"' not in page
        with pytest.raises(ValidationError):
            answer(survey, mentee, fit=2)
    assert (
        SurveyResponse.objects.get(survey=survey).answers[str(survey.items.get(key="fit").pk)] == 4
    )


def test_the_daily_run_closes_after_the_date_and_publishes_as_a_manual_close(
    final_survey, people, everyone
):
    survey = open_on(final_survey, people["coordinator"], day=1, closes=10)
    with travel(5):
        for person in everyone[:6]:
            answer(survey, person, fit=4)
    with travel(10):
        assert schedule.run_schedule()["closed"] == 0
    survey.refresh_from_db()
    assert survey.is_open and not survey_results(survey).published
    with travel(11):
        assert schedule.run_schedule()["closed"] == 1
        assert schedule.run_schedule()["closed"] == 0  # once
    survey.refresh_from_db()
    assert survey.is_closed and survey.closed_at is not None
    # What a manual close does: edit keys erased, results published by the k-rule.
    assert not SurveyResponse.objects.filter(survey=survey, edit_key__isnull=False).exists()
    results = survey_results(survey)
    fit = next(q for q in results.questions if q.key == "fit")
    assert results.published and fit.shown and fit.n == 6
    entry = AuditEntry.objects.get(action="surveys.closed")
    assert entry.actor_id is None and entry.data == {"on_closing_date": "2027-03-10"}


def test_a_survey_without_a_date_is_never_closed_by_the_run(open_final):
    with travel(28):
        assert schedule.run_schedule() == {"closed": 0, "reminded": 0}
    open_final.refresh_from_db()
    assert open_final.is_open


def test_reminders_go_once_per_date_to_those_who_have_not_answered(final_survey, people, everyone):
    survey = open_on(final_survey, people["coordinator"], day=1, closes=20)  # 7 and 2 days
    with travel(2):
        answer(survey, everyone[0], fit=4)
    with travel(12):
        assert schedule.run_schedule()["reminded"] == 0  # before the first date
    with travel(13):
        assert schedule.run_schedule()["reminded"] == 9
        assert schedule.run_schedule()["reminded"] == 0  # once per date
    assert reminded_addresses() == {person.email for person in everyone[1:]}
    with travel(14):
        answer(survey, everyone[1], fit=3)
        assert schedule.run_schedule()["reminded"] == 0
    QueuedMail.objects.filter(template_key=REMINDER).delete()
    with travel(18):
        assert schedule.run_schedule()["reminded"] == 8
    assert reminded_addresses() == {person.email for person in everyone[2:]}
    with travel(19):
        assert schedule.run_schedule()["reminded"] == 0
    with travel(20):
        assert schedule.run_schedule() == {"closed": 0, "reminded": 0}


def test_the_reminders_never_show_in_the_rounds_outbox_and_the_log_has_a_count(
    client, round, people, final_survey, everyone
):
    survey = open_on(final_survey, people["coordinator"], day=1, closes=20)
    with travel(2):
        answer(survey, everyone[0], fit=4)
    before = list(mails_for_round(round).values_list("pk", flat=True))
    with travel(13):
        schedule.run_schedule()
        client.force_login(people["coordinator"])
        outbox = client.get(manage_url("mail_outbox", round))
    mails = QueuedMail.objects.filter(template_key=REMINDER)
    assert mails.count() == 9 and not mails.filter(round__isnull=False).exists()
    # The round's outbox lists what it listed before: the invitations (to all) only.
    assert list(mails_for_round(round).values_list("pk", flat=True)) == before
    assert outbox.status_code == 200
    assert not any(mail.subject in outbox.text for mail in mails)
    entry = AuditEntry.objects.get(action="surveys.reminded_automatically")
    assert entry.data == {"reminded": 9, "date": "2027-03-13"}


def test_a_missed_day_sends_the_latest_date_once_and_the_opening_day_is_skipped(
    final_survey, people, everyone
):
    survey = open_on(final_survey, people["coordinator"], day=15, closes=20)  # 13th: before
    with travel(15):
        assert schedule.run_schedule()["reminded"] == 0
    with travel(19):  # the run missed the 18th
        assert schedule.run_schedule()["reminded"] == 10
        assert schedule.run_schedule()["reminded"] == 0
    survey.refresh_from_db()
    assert survey.reminded_for == march(18)


def test_a_later_closing_date_brings_its_own_reminder_dates(final_survey, people, everyone):
    survey = open_on(final_survey, people["coordinator"], day=1, closes=10)
    with travel(8):
        assert schedule.run_schedule()["reminded"] == 10  # 2 days before the 10th
        survey.refresh_from_db()
        services.update_survey(
            survey=survey,
            by=people["coordinator"],
            title_de=survey.title_de,
            title_en=survey.title_en,
            intro_de=survey.intro_de,
            intro_en=survey.intro_en,
            k=survey.k,
            closes_on=march(20),
            reminder_days=[2],
        )
    with travel(10):
        assert schedule.run_schedule() == {"closed": 0, "reminded": 0}
    with travel(18):
        assert schedule.run_schedule()["reminded"] == 10


def test_the_task_and_the_command_run_the_schedule(final_survey, people, everyone):
    open_on(final_survey, people["coordinator"], day=1, closes=10)
    with travel(8):
        assert survey_schedule.call() == {"closed": 0, "reminded": 10}
    out = io.StringIO()
    with travel(11):
        call_command("run_survey_schedule", stdout=out)
    assert "closed 1 survey(s)" in out.getvalue()
    final_survey.refresh_from_db()
    assert final_survey.is_closed
