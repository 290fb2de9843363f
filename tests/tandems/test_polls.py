"""Date polls: services (create, vote, close, suggestion) and the members' pages."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.tandems import polls
from tandem.tandems.enums import MeetingStatus, VoteAnswer
from tandem.tandems.models import DateOption, DatePoll, DateVote, Meeting, Tandem
from tests.conftest import portal_url, verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOTE = "Bitte nicht freitags, da ist Teamsitzung"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def at(days: int, hour: int = 10, zone=BERLIN) -> dt.datetime:
    """A future date at a full hour in a given time zone."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)


def local_input(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def open_poll(tandem, by, days=(10, 11, 12), note=NOTE) -> DatePoll:
    return polls.create_poll(
        tandem=tandem, by=by, options=[at(d) for d in days], duration_minutes=90, note=note
    )


def shown(value: dt.datetime, zone: str) -> str:
    """A date as an English page or mail in the given time zone writes it."""
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def other_tandem(round) -> Tandem:
    return Tandem.objects.create(
        round=round,
        mentor=verified(UserFactory(name="Olga Other")),
        mentee=verified(UserFactory(name="Otto Other")),
    )


def state():
    """Everything a refused request must leave as it was."""
    return (
        DatePoll.objects.count(),
        DateOption.objects.count(),
        sorted(DateVote.objects.values_list("pk", "answer")),
        Meeting.objects.count(),
        QueuedMail.objects.count(),
        AuditEntry.objects.count(),
    )


# --- services ------------------------------------------------------------------------------


def test_a_member_opens_a_poll_and_the_partner_gets_a_mail_without_the_note(tandem, mentor, mentee):
    poll = polls.create_poll(
        tandem=tandem,
        by=mentee,
        options=[at(12), at(10), at(11)],
        duration_minutes=60,
        note=f"  {NOTE}  ",
    )
    assert [o.starts_at for o in poll.options.all()] == [at(10), at(11), at(12)]
    assert (poll.duration_minutes, poll.note, poll.created_by) == (60, NOTE, mentee)
    mail = QueuedMail.objects.get(template_key="date_poll_opened")
    assert mail.to == mentor.email and mail.recipient == mentor
    assert "3 dates" in mail.body and mentee.get_full_name() in mail.body
    assert portal_url("tandem_poll", tandem.round, poll=poll.pk) in mail.body
    assert NOTE not in mail.body + mail.subject
    entry = AuditEntry.objects.get(action="tandem.poll_opened")
    assert entry.actor == mentee and entry.data == {"options": 3}
    assert NOTE not in str(entry.data)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([10], "at least two dates"),
        ([], "at least two dates"),
        ([10, -1], "in the past"),
        ([10, 10, 11], "suggested this date twice"),
        (list(range(1, 12)), "at most ten dates"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_saved(tandem, mentee, options, message):
    before = state()
    with pytest.raises(ValidationError) as raised:
        polls.create_poll(
            tandem=tandem, by=mentee, options=[at(d) for d in options], duration_minutes=90
        )
    assert message in " ".join(raised.value.message_dict["options"])
    assert state() == before


def test_length_and_note_are_checked(tandem, mentee):
    with pytest.raises(ValidationError) as raised:
        polls.create_poll(
            tandem=tandem, by=mentee, options=[at(3), at(4)], duration_minutes=600, note="x" * 501
        )
    assert set(raised.value.message_dict) == {"duration_minutes", "note"}
    assert not DatePoll.objects.exists()


def test_only_members_open_polls(tandem, round):
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        polls.create_poll(tandem=tandem, by=stranger, options=[at(3), at(4)], duration_minutes=90)
    assert not DatePoll.objects.exists()


def test_each_member_answers_and_may_change_until_closed(tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    first, second, third = poll.options.all()
    polls.vote(
        poll=poll, person=mentee, answers={first.pk: "yes", second.pk: "maybe", third.pk: "no"}
    )
    polls.vote(
        poll=poll,
        person=mentor,
        answers={str(first.pk): "no", str(second.pk): "yes", str(third.pk): "no"},
    )
    polls.vote(poll=poll, person=mentee, answers={first.pk: "no", second.pk: "yes", third.pk: "no"})
    assert DateVote.objects.filter(person=mentee).count() == 3
    assert DateVote.objects.get(person=mentee, option=second).answer == VoteAnswer.YES
    assert AuditEntry.objects.filter(action="tandem.poll_answered").count() == 3


def test_answers_must_fit_the_poll(tandem, mentee, round):
    poll = open_poll(tandem, mentee)
    foreign = open_poll(other_tandem(round), Tandem.objects.get(mentee__name="Otto Other").mentee)
    own = list(poll.options.values_list("pk", flat=True))
    before = state()
    cases = [
        ({own[0]: "yes", own[1]: "yes"}, "every date"),
        ({**dict.fromkeys(own, "yes"), foreign.options.first().pk: "yes"}, "only for the dates"),
        (dict.fromkeys(own, "perhaps"), "yes, if need be, or no"),
    ]
    for answers, message in cases:
        with pytest.raises(ValidationError, match=message):
            polls.vote(poll=poll, person=mentee, answers=answers)
    with pytest.raises(ValidationError):
        polls.vote(poll=poll, person=UserFactory(), answers=dict.fromkeys(own, "yes"))
    assert state() == before


def test_choosing_a_date_plans_the_meeting_and_tells_the_partner(tandem, mentor, mentee):
    mentee.time_zone = "America/New_York"
    mentee.save(update_fields=["time_zone"])
    poll = open_poll(tandem, mentee)
    option = poll.options.order_by("starts_at")[1]
    meeting = polls.close_poll(poll=poll, option=option, by=mentor)
    poll.refresh_from_db()
    assert poll.meeting == meeting and poll.closed_at is not None
    assert (meeting.starts_at, meeting.duration_minutes, meeting.status, meeting.created_by) == (
        option.starts_at,
        90,
        MeetingStatus.PLANNED,
        mentor,
    )
    assert AuditEntry.objects.filter(action="tandem.meeting_planned", actor=mentor).exists()
    assert AuditEntry.objects.get(action="tandem.poll_closed").data == {"meeting": meeting.pk}
    mail = QueuedMail.objects.get(template_key="date_poll_chosen")
    assert mail.recipient == mentee
    # 10:00 in Berlin is 4 or 5 a.m. in New York, depending on the season.
    assert shown(option.starts_at, "America/New_York") in mail.body
    assert shown(option.starts_at, "Europe/Berlin") not in mail.body
    assert "America/New_York" in mail.body and NOTE not in mail.body
    assert portal_url("tandem_workspace", tandem.round, tandem=tandem.pk) in mail.body


def test_a_closed_poll_takes_no_answers_and_no_second_date(tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    first, second, _third = poll.options.all()
    polls.close_poll(poll=poll, option=first, by=mentee)
    before = state()
    with pytest.raises(ValidationError, match="already been chosen"):
        polls.close_poll(poll=poll, option=second, by=mentor)
    with pytest.raises(ValidationError, match="closed"):
        polls.vote(
            poll=poll,
            person=mentor,
            answers=dict.fromkeys(poll.options.values_list("pk", flat=True), "yes"),
        )
    assert state() == before


def test_an_option_of_another_poll_or_a_passed_date_cannot_be_chosen(tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    other = open_poll(tandem, mentor, days=(20, 21))
    before = state()
    with pytest.raises(ValidationError) as raised:
        polls.close_poll(poll=poll, option=other.options.first(), by=mentee)
    assert "not part of this poll" in raised.value.message_dict["option"][0]
    with (
        time_machine.travel(at(10) + dt.timedelta(hours=1)),
        pytest.raises(ValidationError, match="has passed"),
    ):
        polls.close_poll(poll=poll, option=poll.options.first(), by=mentee)
    assert state() == before


def test_the_suggestion_prefers_two_yeses_then_yes_and_maybe(tandem, mentor, mentee):
    poll = open_poll(tandem, mentee, days=(10, 11, 12, 13, 14))
    o10, o11, o12, o13, o14 = poll.options.all()
    polls.vote(
        poll=poll,
        person=mentee,
        answers={o10.pk: "yes", o11.pk: "maybe", o12.pk: "yes", o13.pk: "maybe", o14.pk: "yes"},
    )
    assert polls.suggestion(poll) is None  # the partner has not answered yet
    polls.vote(
        poll=poll,
        person=mentor,
        answers={o10.pk: "no", o11.pk: "maybe", o12.pk: "maybe", o13.pk: "yes", o14.pk: "yes"},
    )
    ranked = [tally.option for tally in polls.best_options(poll)]
    # both yes; then yes + maybe (earlier first); then both maybe; a "no" comes last
    assert ranked == [o14, o12, o13, o11, o10]
    assert polls.suggestion(poll).option == o14
    tally = polls.best_options(poll)[0]
    assert (tally.yes, tally.maybe, tally.no, tally.unanswered) == (2, 0, 0, 0)


def test_no_suggestion_when_every_date_has_a_no(tandem, mentor, mentee):
    poll = open_poll(tandem, mentee, days=(10, 11))
    ids = list(poll.options.values_list("pk", flat=True))
    polls.vote(poll=poll, person=mentee, answers=dict.fromkeys(ids, "yes"))
    polls.vote(poll=poll, person=mentor, answers=dict.fromkeys(ids, "no"))
    assert polls.suggestion(poll) is None


# --- pages: who may use them -----------------------------------------------------------------


def urls(poll):
    round = poll.tandem.round
    return portal_url("tandem_polls", round), portal_url("tandem_poll", round, poll=poll.pk)


@pytest.mark.parametrize("member", ["mentor", "mentee"])
def test_both_members_open_the_pages(client, tandem, mentor, mentee, member):
    poll = open_poll(tandem, mentee)
    person = {"mentor": mentor, "mentee": mentee}[member]
    client.force_login(person)
    list_url, poll_url = urls(poll)
    response = client.get(list_url)
    assert response.status_code == 200
    assert poll_url in response.content.decode()
    html = client.get(poll_url).content.decode()
    assert NOTE in html  # the note is for the partner, on the page
    assert 'scope="col"' in html and 'scope="row"' in html
    assert mentor.get_full_name() in html and mentee.get_full_name() in html


def test_everyone_else_gets_404_and_changes_nothing(
    client, round, tandem, mentor, mentee, people, coordinator
):
    poll = open_poll(tandem, mentee)
    option = poll.options.first()
    list_url, poll_url = urls(poll)
    other = other_tandem(round)
    before = state()
    denied = {
        who: people[who]
        for who in ("coordinator", "trainer", "outsider", "foreign_coordinator", "mentor", "mentee")
    }
    denied |= {
        "org coordinator": coordinator,
        "other mentor": other.mentor,
        "other mentee": other.mentee,
    }
    for who, person in denied.items():
        client.force_login(person)
        responses = [
            client.get(poll_url),
            client.post(poll_url, {"action": "vote", f"answer_{option.pk}": "yes"}),
            client.post(poll_url, {"action": "choose", "option": option.pk}),
        ]
        if not who.startswith("other"):  # the other tandem has a poll list of its own
            responses += [
                client.get(list_url),
                client.post(
                    list_url,
                    {
                        "option_1": local_input(at(5)),
                        "option_2": local_input(at(6)),
                        "duration_minutes": 60,
                    },
                ),
            ]
        for response in responses:
            assert response.status_code == 404, who
            html = response.content.decode()
            assert NOTE not in html and mentee.get_full_name() not in html, who
    assert state() == before


def test_the_other_tandem_sees_its_own_polls_only(client, round, tandem, mentee):
    poll = open_poll(tandem, mentee)
    other = other_tandem(round)
    own = open_poll(other, other.mentor, note="Unsere eigene Notiz")
    client.force_login(other.mentee)
    html = client.get(portal_url("tandem_polls", round)).content.decode()
    assert portal_url("tandem_poll", round, poll=own.pk) in html
    assert portal_url("tandem_poll", round, poll=poll.pk) not in html


def test_the_poll_list_needs_a_fixed_number_of_queries(
    client, round, tandem, mentor, mentee, django_assert_num_queries
):
    open_poll(tandem, mentee)
    client.force_login(mentor)
    url = portal_url("tandem_polls", round)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days in range(20, 25):
        poll = open_poll(tandem, mentor, days=(days, days + 30))
        polls.vote(
            poll=poll,
            person=mentee,
            answers=dict.fromkeys(poll.options.values_list("pk", flat=True), "yes"),
        )
    polls.close_poll(poll=poll, option=poll.options.first(), by=mentee)
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("/tandem/polls/") >= 6 and "Date chosen" in html


def test_anonymous_is_sent_to_login(client, tandem, mentee):
    for url in urls(open_poll(tandem, mentee)):
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))


def test_a_person_without_tandem_in_an_unknown_round_gets_404(client, tandem, mentee):
    client.force_login(mentee)
    response = client.get(
        reverse("portal:tandem_polls", kwargs={"org": "nope", "programme": "nope", "round": "nope"})
    )
    assert response.status_code == 404


# --- pages: opening a poll -----------------------------------------------------------------


def test_dates_are_read_and_shown_in_each_persons_time_zone(client, round, tandem, mentor, mentee):
    mentee.time_zone = "America/New_York"
    mentee.save(update_fields=["time_zone"])
    new_york = zoneinfo.ZoneInfo("America/New_York")
    first, second = at(30, 9, new_york), at(31, 14, new_york)
    client.force_login(mentee)
    response = client.post(
        portal_url("tandem_polls", round),
        {
            "rows": 4,
            "option_1": local_input(first),
            "option_2": local_input(second),
            "option_3": "",
            "option_4": "",
            "duration_minutes": 75,
            "note": NOTE,
        },
    )
    poll = DatePoll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == portal_url("tandem_poll", round, poll=poll.pk)
    assert [o.starts_at for o in poll.options.all()] == [first, second]
    assert poll.duration_minutes == 75 and poll.created_by == mentee
    mine = client.get(response["Location"]).content.decode()
    assert "America/New_York" in mine
    client.force_login(mentor)
    theirs = client.get(response["Location"]).content.decode()
    assert "Europe/Berlin" in theirs
    assert shown(first, "Europe/Berlin") in theirs
    assert shown(first, "America/New_York") in mine
    assert shown(first, "America/New_York") not in theirs


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"option_1": 5}, "option_2", "at least two dates"),
        ({"option_1": 5, "option_2": -2}, "option_2", "in the past"),
        ({"option_1": 5, "option_3": 5}, "option_3", "suggested this date twice"),
        ({"option_1": 5, "option_2": "morgen"}, "option_2", "Enter a valid date/time"),
        (
            {"option_1": 5, "option_2": 6, "duration_minutes": 5},
            "duration_minutes",
            "between 15 and 480 minutes",
        ),
    ],
)
def test_bad_input_gets_a_message_on_the_field_and_nothing_is_saved(
    client, round, tandem, mentee, data, field, message
):
    client.force_login(mentee)
    form = {"rows": 4, "duration_minutes": 90}
    for name, value in data.items():
        form[name] = (
            local_input(at(value))
            if isinstance(value, int) and name != ("duration_minutes")
            else value
        )
    before = state()
    response = client.post(portal_url("tandem_polls", round), form)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    error_id = f'id="id_{field}_error"'
    assert error_id in html and f'aria-describedby="id_{field}_error"' in html.replace(
        f"id_{field}_helptext ", ""
    )
    assert state() == before
    # what was typed is still there
    assert local_input(at(5)) in html


def test_more_rows_keep_what_was_typed_and_save_nothing(client, round, tandem, mentee):
    client.force_login(mentee)
    before = state()
    response = client.post(
        portal_url("tandem_polls", round),
        {
            "rows": 4,
            "option_1": local_input(at(5)),
            "duration_minutes": 45,
            "note": NOTE,
            "more": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="option_7"' in html and 'name="option_8"' not in html
    assert local_input(at(5)) in html and NOTE in html and 'value="45"' in html
    assert "is-invalid" not in html
    assert state() == before


def test_at_most_ten_rows(client, round, tandem, mentee):
    client.force_login(mentee)
    html = client.post(portal_url("tandem_polls", round), {"rows": 9, "more": "1"}).content.decode()
    assert 'name="option_10"' in html and 'name="option_11"' not in html
    assert 'name="more"' not in html


def test_a_mentor_with_two_mentees_chooses_the_tandem(client, round, tandem, mentor):
    second = Tandem.objects.create(
        round=round, mentor=mentor, mentee=verified(UserFactory(name="Zoe Zweite"))
    )
    foreign = other_tandem(round)
    client.force_login(mentor)
    url = portal_url("tandem_polls", round)
    assert "Zoe Zweite" in client.get(url).content.decode()
    data = {
        "rows": 2,
        "option_1": local_input(at(5)),
        "option_2": local_input(at(6)),
        "duration_minutes": 60,
    }
    response = client.post(url, data | {"tandem": foreign.pk})
    assert response.status_code == 400 and not DatePoll.objects.exists()
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, data | {"tandem": second.pk})
    assert response.status_code == 302
    assert DatePoll.objects.get().tandem == second
    assert QueuedMail.objects.get(template_key="date_poll_opened").recipient == second.mentee


# --- pages: answering and choosing ----------------------------------------------------------


def test_a_member_answers_on_the_page(client, tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    first, second, third = poll.options.all()
    client.force_login(mentor)
    _list, url = urls(poll)
    response = client.post(
        url,
        {
            "action": "vote",
            f"answer_{first.pk}": "yes",
            f"answer_{second.pk}": "maybe",
            f"answer_{third.pk}": "no",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    assert dict(DateVote.objects.filter(person=mentor).values_list("option", "answer")) == {
        first.pk: "yes",
        second.pk: "maybe",
        third.pk: "no",
    }
    html = client.get(url).content.decode()
    assert "If need be" in html and "no answer yet" in html  # text, not colour alone
    assert f'value="maybe" id="id_answer_{second.pk}_1" checked' in html.replace(
        'class="form-check-input" ', ""
    ).replace(" required", "")


def test_a_missing_answer_is_marked_and_nothing_is_saved(client, tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    first, second, third = poll.options.all()
    client.force_login(mentor)
    response = client.post(
        urls(poll)[1], {"action": "vote", f"answer_{first.pk}": "yes", f"answer_{third.pk}": "no"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_answer_{second.pk}_error"' in html
    assert "Please choose an answer for this date." in html
    assert not DateVote.objects.exists()


def test_answering_a_closed_poll_is_refused_with_a_message(client, tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    first, second, third = poll.options.all()
    polls.close_poll(poll=poll, option=first, by=mentee)
    client.force_login(mentor)
    before = state()
    response = client.post(
        urls(poll)[1],
        {
            "action": "vote",
            f"answer_{first.pk}": "yes",
            f"answer_{second.pk}": "yes",
            f"answer_{third.pk}": "yes",
        },
    )
    assert response.status_code == 400
    assert "This poll is closed" in response.content.decode()
    assert state() == before


def test_choose_this_date_plans_the_meeting_and_goes_to_the_tandem(
    client, round, tandem, mentor, mentee
):
    poll = open_poll(tandem, mentee)
    ids = list(poll.options.values_list("pk", flat=True))
    for person, answers in ((mentee, ["maybe", "yes", "yes"]), (mentor, ["yes", "yes", "no"])):
        polls.vote(poll=poll, person=person, answers=dict(zip(ids, answers, strict=True)))
    client.force_login(mentor)
    url = urls(poll)[1]
    html = client.get(url).content.decode()
    assert "Suggestion:" in html and "you both said yes." in html
    assert html.count("Choose this date") == 3
    response = client.post(url, {"action": "choose", "option": ids[1]})
    assert response.status_code == 302
    assert response["Location"] == portal_url("tandem_workspace", round, tandem=tandem.pk)
    meeting = Meeting.objects.get()
    assert meeting.starts_at == DateOption.objects.get(pk=ids[1]).starts_at
    assert DatePoll.objects.get().meeting == meeting
    assert QueuedMail.objects.get(template_key="date_poll_chosen").recipient == mentee
    html = client.get(url).content.decode()
    assert "A date was chosen" in html and "Choose this date" not in html
    assert "Save my answers" not in html


def test_choosing_an_option_of_another_poll_is_refused(client, round, tandem, mentor, mentee):
    poll = open_poll(tandem, mentee)
    other = other_tandem(round)
    foreign = open_poll(other, other.mentee, note="Fremde Notiz")
    client.force_login(mentor)
    before = state()
    for wanted in (foreign.options.first().pk, 999999, "abc", ""):
        response = client.post(urls(poll)[1], {"action": "choose", "option": wanted})
        assert response.status_code == 400
        html = response.content.decode()
        assert "No date was chosen." in html
        assert "not part of this poll" in html or "one of the dates of this poll" in html
        assert "Fremde Notiz" not in html
    assert state() == before
    assert DatePoll.objects.get(pk=poll.pk).closed_at is None
