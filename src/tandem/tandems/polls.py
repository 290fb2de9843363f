"""Date polls: one member suggests dates, both answer, either chooses one — a meeting.

Finding common dates was the pilot's main practical difficulty. A poll belongs to the
tandem alone; the audit log and the e-mails name what happened, never the poll's note.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail

from .enums import VoteAnswer
from .limits import meeting_length_error
from .models import DateOption, DatePoll, DateVote, Meeting, Tandem
from .selectors import local_datetime, partner_of, tandems_for_user, zone_of
from .services import plan_meeting, require_member

MIN_OPTIONS, MAX_OPTIONS = 2, 10
NOTE_MAX_LENGTH = DatePoll._meta.get_field("note").max_length


def option_problems(options: list, now=None) -> dict[int | None, str]:
    """What is wrong with suggested dates: position -> message; None for the list as a whole.

    Empty entries (None) are skipped, so a form with spare rows can ask the same question.
    """
    now = now or timezone.now()
    problems: dict[int | None, str] = {}
    seen = set()
    for position, starts_at in enumerate(options):
        if starts_at is None:
            continue
        if starts_at <= now:
            problems[position] = _("This date is in the past. Please suggest future dates.")
        elif starts_at in seen:
            problems[position] = _("You have suggested this date twice.")
        seen.add(starts_at)
    count = len(seen)
    if count < MIN_OPTIONS:
        problems[None] = _("Please suggest at least two dates.")
    elif count > MAX_OPTIONS:
        problems[None] = _("Please suggest at most ten dates.")
    return problems


@transaction.atomic
def create_poll(
    *, tandem: Tandem, by, options: list[dt.datetime], duration_minutes: int, note: str = ""
) -> DatePoll:
    """Open a poll with 2 to 10 future dates, none twice; the partner gets an e-mail."""
    require_member(tandem, by)
    options = [starts_at for starts_at in options if starts_at is not None]
    errors = {}
    problems = option_problems(options)
    if problems:
        errors["options"] = list(dict.fromkeys(problems.values()))
    if length_error := meeting_length_error(duration_minutes):
        errors["duration_minutes"] = [length_error]
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = [_("The note can have at most %(n)s characters.") % {"n": NOTE_MAX_LENGTH}]
    if errors:
        raise ValidationError(errors)
    poll = DatePoll.objects.create(
        tandem=tandem, duration_minutes=duration_minutes, note=note, created_by=by
    )
    DateOption.objects.bulk_create(
        DateOption(poll=poll, starts_at=starts_at) for starts_at in sorted(options)
    )
    log_action(
        by, "tandem.poll_opened", poll, programme_round=tandem.round, data={"options": len(options)}
    )
    partner = partner_of(tandem, by)
    queue_mail(
        key="date_poll_opened",
        to=partner.email,
        recipient=partner,
        round=tandem.round,
        context=_mail_context(tandem, partner, by) | {"count": len(options), "url": poll_url(poll)},
    )
    return poll


@transaction.atomic
def vote(*, poll: DatePoll, person, answers: dict[int, str]) -> None:
    """A member's answer for every date of an open poll; may be changed until it closes."""
    require_member(poll.tandem, person)
    poll = _locked(poll)
    if poll.closed_at:
        raise ValidationError(_("This poll is closed."))
    answers = {int(option_id): answer for option_id, answer in answers.items()}
    option_ids = set(poll.options.values_list("pk", flat=True))
    if set(answers) - option_ids:
        raise ValidationError(_("Please answer only for the dates of this poll."))
    if option_ids - set(answers):
        raise ValidationError(_("Please answer for every date."))
    if any(answer not in VoteAnswer.values for answer in answers.values()):
        raise ValidationError(_("Please answer yes, if need be, or no."))
    for option_id, answer in answers.items():
        DateVote.objects.update_or_create(
            option_id=option_id, person=person, defaults={"answer": answer}
        )
    log_action(person, "tandem.poll_answered", poll, programme_round=poll.tandem.round)


@transaction.atomic
def close_poll(*, poll: DatePoll, option: DateOption, by) -> Meeting:
    """Choose one date: the meeting is planned and the poll closes; the partner is told."""
    require_member(poll.tandem, by)
    poll = _locked(poll)
    if poll.closed_at:
        raise ValidationError({"option": _("A date has already been chosen for this poll.")})
    if option.poll_id != poll.pk:
        raise ValidationError({"option": _("This date is not part of this poll.")})
    if option.starts_at <= timezone.now():
        raise ValidationError(
            {"option": _("This date has passed. Please choose another one or start a new poll.")}
        )
    tandem = poll.tandem
    meeting = plan_meeting(
        tandem=tandem,
        starts_at=option.starts_at,
        duration_minutes=poll.duration_minutes,
        by=by,
        tell_partner=False,
    )
    poll.meeting = meeting
    poll.closed_at = timezone.now()
    poll.save(update_fields=["meeting", "closed_at"])
    log_action(
        by, "tandem.poll_closed", poll, programme_round=tandem.round, data={"meeting": meeting.pk}
    )
    partner = partner_of(tandem, by)
    queue_mail(
        key="date_poll_chosen",
        to=partner.email,
        recipient=partner,
        round=tandem.round,
        context=_mail_context(tandem, partner, by)
        | {
            "when": local_datetime(option.starts_at, partner),
            "time_zone": zone_of(partner).key,
            "url": tandem_url(tandem),
        },
    )
    return meeting


@transaction.atomic
def close_poll_without_date(*, poll: DatePoll, by) -> DatePoll:
    """Close the poll without choosing a date (none suits, or the two agreed elsewhere)."""
    require_member(poll.tandem, by)
    poll = _locked(poll)
    if poll.closed_at:
        raise ValidationError(_("This poll is already closed."))
    poll.closed_at = timezone.now()
    poll.save(update_fields=["closed_at"])
    log_action(by, "tandem.poll_closed_without_date", poll, programme_round=poll.tandem.round)
    return poll


@transaction.atomic
def reopen_poll(*, poll: DatePoll, by) -> DatePoll:
    """Open a poll that was closed without a date again; answers given so far stay."""
    require_member(poll.tandem, by)
    poll = _locked(poll)
    if not poll.closed_at:
        raise ValidationError(_("This poll is open."))
    if poll.meeting_id:
        raise ValidationError(
            _("A date was chosen in this poll and became a meeting. Please start a new poll.")
        )
    poll.closed_at = None
    poll.save(update_fields=["closed_at"])
    log_action(by, "tandem.poll_reopened", poll, programme_round=poll.tandem.round)
    return poll


@transaction.atomic
def delete_poll(*, poll: DatePoll, by) -> None:
    """The member who made the poll deletes it; a meeting chosen from it stays."""
    require_member(poll.tandem, by)
    poll = _locked(poll)
    if poll.created_by_id != by.pk:
        raise ValidationError(_("Only the person who made a poll can delete it."))
    log_action(by, "tandem.poll_deleted", poll, programme_round=poll.tandem.round)
    poll.delete()


def _locked(poll: DatePoll) -> DatePoll:
    # Both members may click at once: the second waits here and then finds the poll closed.
    return DatePoll.objects.select_for_update().select_related("tandem__round").get(pk=poll.pk)


# --- the suggestion ------------------------------------------------------------------------


@dataclass
class OptionTally:
    option: DateOption
    yes: int
    maybe: int
    no: int
    unanswered: int
    past: bool

    @property
    def suits_both(self) -> bool:
        """Both answered and neither said no: a date worth suggesting."""
        return not (self.past or self.no or self.unanswered)

    @property
    def rank(self) -> tuple:
        # Both yes > yes and if-need-be > both if-need-be > still open > any no; then earlier.
        return (self.past, self.no, self.unanswered, self.maybe, self.option.starts_at)


def best_options(poll: DatePoll, now=None) -> list[OptionTally]:
    """The poll's dates, best first (reads prefetched ``options__votes`` if present)."""
    now = now or timezone.now()
    members = {poll.tandem.mentor_id, poll.tandem.mentee_id}
    tallies = []
    for option in poll.options.all():
        answers = [v.answer for v in option.votes.all() if v.person_id in members]
        tallies.append(
            OptionTally(
                option=option,
                yes=answers.count(VoteAnswer.YES),
                maybe=answers.count(VoteAnswer.MAYBE),
                no=answers.count(VoteAnswer.NO),
                unanswered=len(members) - len(answers),
                past=option.starts_at <= now,
            )
        )
    return sorted(tallies, key=lambda tally: tally.rank)


def suggestion(poll: DatePoll, now=None) -> OptionTally | None:
    """The best date that suits both, or None while no date does."""
    ranked = best_options(poll, now)
    return ranked[0] if ranked and ranked[0].suits_both else None


# --- reads -----------------------------------------------------------------------------------


def polls_of(tandems):
    return (
        DatePoll.objects.filter(tandem__in=tandems)
        .select_related("tandem__mentor", "tandem__mentee", "meeting", "created_by")
        .prefetch_related("options__votes")
    )


def poll_for_member(round, person, pk) -> DatePoll | None:
    """One poll of the person's own tandems in the round; anyone else's is None (404)."""
    return polls_of(tandems_for_user(round, person)).filter(pk=pk).first()


# --- addresses and dates in mails ---------------------------------------------------------


def poll_url(poll: DatePoll) -> str:
    return reverse("portal:tandem_poll", kwargs={**poll.tandem.round.url_kwargs, "poll": poll.pk})


def tandem_url(tandem: Tandem) -> str:
    """This tandem's workspace (by id: a mentor may accompany several mentees)."""
    return reverse(
        "portal:tandem_workspace", kwargs={**tandem.round.url_kwargs, "tandem": tandem.pk}
    )


def _mail_context(tandem: Tandem, recipient, by) -> dict:
    return {
        "name": recipient.get_full_name(),
        "partner": by.get_full_name(),
        "round": tandem.round.name,
        "organisation": tandem.round.programme.organisation.name,
    }
