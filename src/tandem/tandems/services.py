"""State changes of the tandem phase: one function each, validated, logged.

Audit entries name what happened, never the text the tandem wrote.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail

from . import selectors
from .calendar import meeting_ics
from .enums import MeetingStatus
from .limits import meeting_length_error
from .models import (
    Agreement,
    CalendarFeed,
    DatePoll,
    DateVote,
    EarlyEnd,
    Goal,
    GoalReflection,
    Meeting,
    Note,
    Tandem,
    TimeSpent,
)


def require_member(tandem: Tandem, person, *, reading: bool = False) -> str:
    """'mentor' or 'mentee'; anyone else is refused (views answer 404 before this).

    A tandem that ended early stays readable for its two members, but takes no changes.
    """
    if person.pk == tandem.mentor_id:
        side = "mentor"
    elif person.pk == tandem.mentee_id:
        side = "mentee"
    else:
        raise ValidationError(_("Only the two persons of a tandem can do this."))
    if tandem.ended_at and not reading:
        raise ValidationError(_("This tandem has ended; it takes no more changes."))
    return side


# --- the workspace: agreement, goals, meetings, time, notes ---------------------------------
# Audit entries carry what happened and numbers, never what the two wrote.

GOALS_MAX_LENGTH = 5000
GOAL_MAX_LENGTH = Goal._meta.get_field("text").max_length
CHANNEL_MAX_LENGTH = Agreement._meta.get_field("channel").max_length
AGENDA_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 10000
VIDEO_URL_MAX_LENGTH = Meeting._meta.get_field("video_url").max_length
MINUTES_SPENT_MAX = 600
LONG_PAST = dt.timedelta(days=60)

_AGREEMENT_CONTENT = ("goals", "rhythm_weeks", "meeting_minutes", "channel", "confidentiality")


@transaction.atomic
def form_tandem(*, round, mentor, mentee, proposal=None) -> Tandem:
    """A confirmed pair becomes a tandem: the one place a Tandem row is made.

    Matching calls this when both persons accepted a proposal; the caller writes the
    audit entry, as it knows why the pair formed.
    """
    return Tandem.objects.create(round=round, mentor=mentor, mentee=mentee, proposal=proposal)


def agreement_version(agreement: Agreement) -> str:
    """What a confirmation refers to: the text as the person saw it on the page."""
    return agreement.updated_at.isoformat()


@transaction.atomic
def save_agreement(
    *,
    tandem: Tandem,
    by,
    goals: str,
    topics,
    rhythm_weeks: int,
    meeting_minutes: int,
    channel: str = "",
    confidentiality: bool = True,
) -> Agreement:
    """Write or change the agreement; a change of content needs both confirmations again."""
    require_member(tandem, by)
    content = {
        "goals": goals.strip(),
        "rhythm_weeks": int(rhythm_weeks),
        "meeting_minutes": int(meeting_minutes),
        "channel": channel.strip(),
        "confidentiality": bool(confidentiality),
    }
    topic_ids = {topic.pk for topic in topics}
    errors = {}
    if not content["goals"]:
        errors["goals"] = [_("Please write down what you want to achieve together.")]
    elif len(content["goals"]) > GOALS_MAX_LENGTH:
        errors["goals"] = [
            _("Please keep the goals under %(n)s characters.") % {"n": GOALS_MAX_LENGTH}
        ]
    programme_topics = tandem.round.programme.topics.filter(pk__in=topic_ids)
    if programme_topics.count() != len(topic_ids):
        errors["topics"] = [_("Please choose topics of this programme.")]
    if not 1 <= content["rhythm_weeks"] <= 12:
        errors["rhythm_weeks"] = [_("Please give a number of weeks between 1 and 12.")]
    if length_error := meeting_length_error(content["meeting_minutes"]):
        errors["meeting_minutes"] = [length_error]
    if len(content["channel"]) > CHANNEL_MAX_LENGTH:
        errors["channel"] = [
            _("Please keep this under %(n)s characters.") % {"n": CHANNEL_MAX_LENGTH}
        ]
    if errors:
        raise ValidationError(errors)
    agreement = Agreement.objects.select_for_update().filter(tandem=tandem).first()
    if agreement is not None and _same_agreement(agreement, content, topic_ids):
        return agreement
    created = agreement is None
    agreement = agreement or Agreement(tandem=tandem)
    for field, value in content.items():
        setattr(agreement, field, value)
    agreement.mentee_confirmed_at = agreement.mentor_confirmed_at = None
    agreement.save()
    agreement.topics.set(topic_ids)
    log_action(
        by,
        "tandem.agreement_saved",
        agreement,
        programme_round=tandem.round,
        data={"created": created, "topics": len(topic_ids)},
    )
    _tell_partner("tandem_agreement_changed", tandem, by)
    return agreement


def _same_agreement(agreement: Agreement, content: dict, topic_ids: set) -> bool:
    return (
        all(getattr(agreement, field) == content[field] for field in _AGREEMENT_CONTENT)
        and set(agreement.topics.values_list("pk", flat=True)) == topic_ids
    )


@transaction.atomic
def confirm_agreement(*, tandem: Tandem, by, version: str | None = None) -> Agreement:
    """One member confirms the agreement as it stands (``version``: as they read it)."""
    side = require_member(tandem, by)
    agreement = Agreement.objects.select_for_update().filter(tandem=tandem).first()
    if agreement is None:
        raise ValidationError(_("There is no agreement to confirm yet."))
    if version is not None and version != agreement_version(agreement):
        raise ValidationError(
            _(
                "The agreement has changed since you opened the page. Please "
                "read it again before you confirm it."
            )
        )
    if getattr(agreement, f"{side}_confirmed_at") is None:
        setattr(agreement, f"{side}_confirmed_at", timezone.now())
        # update_fields leaves updated_at alone: a confirmation is no change of content.
        agreement.save(update_fields=[f"{side}_confirmed_at"])
        log_action(
            by,
            "tandem.agreement_confirmed",
            agreement,
            programme_round=tandem.round,
            data={"side": side},
        )
    return agreement


def _goal_errors(text: str, progress) -> dict:
    errors = {}
    if not text:
        errors["text"] = [_("Please describe the goal.")]
    elif len(text) > GOAL_MAX_LENGTH:
        errors["text"] = [_("Please keep a goal under %(n)s characters.") % {"n": GOAL_MAX_LENGTH}]
    if not 0 <= int(progress) <= 100:
        errors["progress"] = [_("Please give the progress as a number from 0 to 100.")]
    return errors


@transaction.atomic
def add_goal(*, tandem: Tandem, by, text: str, progress: int = 0) -> Goal:
    require_member(tandem, by)
    text = text.strip()
    if errors := _goal_errors(text, progress):
        raise ValidationError(errors)
    last = tandem.goals.order_by("-position").values_list("position", flat=True).first()
    goal = Goal.objects.create(
        tandem=tandem, text=text, progress=int(progress), position=0 if last is None else last + 1
    )
    log_action(
        by,
        "tandem.goal_added",
        goal,
        programme_round=tandem.round,
        data={"progress": goal.progress},
    )
    return goal


REFLECTION_MAX_LENGTH = GoalReflection._meta.get_field("text").max_length


@transaction.atomic
def update_goal(*, goal: Goal, by, text: str, progress: int, reflection: str = "") -> Goal:
    """Change a goal; a change of progress keeps the member's short reflection with it."""
    require_member(goal.tandem, by)
    text, reflection = text.strip(), reflection.strip()
    errors = _goal_errors(text, progress)
    if len(reflection) > REFLECTION_MAX_LENGTH:
        errors["reflection"] = [
            _("Please keep the reflection under %(n)s characters.") % {"n": REFLECTION_MAX_LENGTH}
        ]
    if errors:
        raise ValidationError(errors)
    tandem = goal.tandem
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    goal.tandem = tandem
    before = goal.progress
    if reflection and int(progress) == before:
        raise ValidationError(
            {
                "reflection": [
                    _("A reflection goes with a change of progress. Please change it too.")
                ]
            }
        )
    goal.text, goal.progress = text, int(progress)
    goal.save(update_fields=["text", "progress", "updated_at"])
    if goal.progress != before:
        GoalReflection.objects.create(
            goal=goal,
            author=by,
            progress_before=before,
            progress_after=goal.progress,
            text=reflection,
        )
    log_action(
        by,
        "tandem.goal_changed",
        goal,
        programme_round=goal.tandem.round,
        data={"progress": goal.progress, "before": before},
    )
    return goal


@transaction.atomic
def remove_goal(*, goal: Goal, by) -> None:
    require_member(goal.tandem, by)
    log_action(by, "tandem.goal_removed", goal, programme_round=goal.tandem.round)
    goal.delete()


def _meeting_errors(
    *, starts_at, duration_minutes, video_url: str, agenda: str, check_date: bool = True
) -> dict:
    errors = {}
    if check_date and starts_at < timezone.now() - LONG_PAST:
        errors["starts_at"] = [_("Please choose a date that is not long past.")]
    if length_error := meeting_length_error(duration_minutes):
        errors["duration_minutes"] = [length_error]
    if video_url:
        try:
            URLValidator(schemes=["http", "https"])(video_url)
        except ValidationError:
            errors["video_url"] = [_("Please give a web address that starts with https://.")]
        else:
            if len(video_url) > VIDEO_URL_MAX_LENGTH:
                errors["video_url"] = [
                    _("Please give a web address of at most %(n)s characters.")
                    % {"n": VIDEO_URL_MAX_LENGTH}
                ]
    if len(agenda) > AGENDA_MAX_LENGTH:
        errors["agenda"] = [
            _("Please keep the agenda under %(n)s characters.") % {"n": AGENDA_MAX_LENGTH}
        ]
    return errors


@transaction.atomic
def plan_meeting(
    *,
    tandem: Tandem,
    by,
    starts_at: dt.datetime,
    duration_minutes: int,
    video_url: str = "",
    agenda: str = "",
    tell_partner: bool = True,
) -> Meeting:
    """Plan a meeting, by hand or from a date poll: the one place with the checks.

    The partner gets an e-mail (date and link, no agenda) unless the caller sends its
    own (a closed date poll tells the partner which date was chosen).
    """
    require_member(tandem, by)
    video_url, agenda = video_url.strip(), agenda.strip()
    if errors := _meeting_errors(
        starts_at=starts_at, duration_minutes=duration_minutes, video_url=video_url, agenda=agenda
    ):
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        tandem=tandem,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        video_url=video_url,
        agenda=agenda,
        status=MeetingStatus.PLANNED,
        created_by=by,
    )
    log_action(by, "tandem.meeting_planned", meeting, programme_round=tandem.round)
    if tell_partner:
        _tell_partner("tandem_meeting_planned", tandem, by, meeting)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    by,
    starts_at: dt.datetime,
    duration_minutes: int,
    video_url: str = "",
    agenda: str = "",
) -> Meeting:
    """Change a meeting; calendar programs see a higher SEQUENCE, the partner an e-mail."""
    require_member(meeting.tandem, by)
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is cancelled. Please plan it again first."))
    video_url, agenda = video_url.strip(), agenda.strip()
    moved = starts_at != meeting.starts_at
    # A meeting long past may still get its agenda completed; only a new date is checked.
    if errors := _meeting_errors(
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        video_url=video_url,
        agenda=agenda,
        check_date=moved,
    ):
        raise ValidationError(errors)
    new = {
        "starts_at": starts_at,
        "duration_minutes": int(duration_minutes),
        "video_url": video_url,
        "agenda": agenda,
    }
    changed = [field for field, value in new.items() if getattr(meeting, field) != value]
    if not changed:
        return meeting
    for field in changed:
        setattr(meeting, field, new[field])
    meeting.sequence += 1
    if moved:
        meeting.reminded_at = None  # the new date gets its own reminder
    meeting.save()
    log_action(
        by,
        "tandem.meeting_changed",
        meeting,
        programme_round=meeting.tandem.round,
        data={"fields": changed},
    )
    _tell_partner("tandem_meeting_changed", meeting.tandem, by, meeting)
    return meeting


# Held and cancelled can be undone (a wrong click); nothing else moves.
_STATUS_CHANGES = {
    MeetingStatus.PLANNED: {MeetingStatus.HELD, MeetingStatus.CANCELLED},
    MeetingStatus.HELD: {MeetingStatus.PLANNED},
    MeetingStatus.CANCELLED: {MeetingStatus.PLANNED},
}


@transaction.atomic
def set_meeting_status(*, meeting: Meeting, by, status: str) -> Meeting:
    require_member(meeting.tandem, by)
    meeting = _locked(meeting)
    if status not in MeetingStatus.values:
        raise ValidationError({"status": _("Please choose held, cancelled or planned.")})
    old = meeting.status
    if status == old:
        return meeting
    if status not in _STATUS_CHANGES[old]:
        if old == MeetingStatus.HELD:
            message = _(
                "A held meeting cannot be cancelled. Mark it as planned first if it "
                "did not take place."
            )
        else:
            message = _("A cancelled meeting cannot be marked as held. Plan it again first.")
        raise ValidationError({"status": message})
    if status == MeetingStatus.HELD and meeting.starts_at > timezone.now():
        raise ValidationError({"status": _("A meeting can be marked as held once it has begun.")})
    meeting.status = status
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    log_action(
        by,
        "tandem.meeting_status",
        meeting,
        programme_round=meeting.tandem.round,
        data={"from": old, "to": status},
    )
    if status == MeetingStatus.CANCELLED:
        _tell_partner("tandem_meeting_cancelled", meeting.tandem, by, meeting)
    elif old == MeetingStatus.CANCELLED:
        _tell_partner("tandem_meeting_changed", meeting.tandem, by, meeting)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    # Both members may edit at once: the second waits and compares with the saved state.
    return (
        Meeting.objects.select_for_update()
        .select_related(
            "tandem__round__programme__organisation", "tandem__mentor", "tandem__mentee"
        )
        .get(pk=meeting.pk)
    )


@transaction.atomic
def record_time_spent(
    *, meeting: Meeting, person, meeting_minutes: int, preparation_minutes: int
) -> TimeSpent:
    """A person's own minutes for one meeting (a new entry replaces the old one)."""
    require_member(meeting.tandem, person)
    errors = {}
    for field, value in (
        ("meeting_minutes", meeting_minutes),
        ("preparation_minutes", preparation_minutes),
    ):
        if not 0 <= int(value) <= MINUTES_SPENT_MAX:
            errors[field] = [
                _("Please give between 0 and %(n)s minutes.") % {"n": MINUTES_SPENT_MAX}
            ]
    if errors:
        raise ValidationError(errors)
    entry, _created = TimeSpent.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "meeting_minutes": int(meeting_minutes),
            "preparation_minutes": int(preparation_minutes),
        },
    )
    log_action(
        person,
        "tandem.time_recorded",
        meeting,
        programme_round=meeting.tandem.round,
        data={
            "meeting_minutes": entry.meeting_minutes,
            "preparation_minutes": entry.preparation_minutes,
        },
    )
    return entry


def _note_errors(text: str) -> dict:
    if not text:
        return {"text": [_("Please write the note.")]}
    if len(text) > NOTE_MAX_LENGTH:
        return {"text": [_("Please keep a note under %(n)s characters.") % {"n": NOTE_MAX_LENGTH}]}
    return {}


@transaction.atomic
def add_note(*, meeting: Meeting, by, text: str, shared: bool = False) -> Note:
    """A note is private to its author unless shared with the partner."""
    require_member(meeting.tandem, by)
    text = text.strip()
    if errors := _note_errors(text):
        raise ValidationError(errors)
    note = Note.objects.create(meeting=meeting, author=by, text=text, shared=bool(shared))
    log_action(
        by,
        "tandem.note_added",
        note,
        programme_round=meeting.tandem.round,
        data={"shared": note.shared},
    )
    return note


def _require_author(note: Note, person) -> None:
    if note.author_id != person.pk:
        raise ValidationError(_("Only the author can change or remove a note."))


@transaction.atomic
def update_note(*, note: Note, by, text: str, shared: bool) -> Note:
    _require_author(note, by)
    text = text.strip()
    if errors := _note_errors(text):
        raise ValidationError(errors)
    note.text, note.shared = text, bool(shared)
    note.save(update_fields=["text", "shared", "updated_at"])
    log_action(
        by,
        "tandem.note_changed",
        note,
        programme_round=note.meeting.tandem.round,
        data={"shared": note.shared},
    )
    return note


@transaction.atomic
def remove_note(*, note: Note, by) -> None:
    _require_author(note, by)
    log_action(by, "tandem.note_removed", note, programme_round=note.meeting.tandem.round)
    note.delete()


def _tell_partner(key: str, tandem: Tandem, by, meeting: Meeting | None = None) -> None:
    """An e-mail to the other member. Only dates and addresses go in: mails pass through
    the outbox, which the round's coordinators can read, so no agenda or note text."""
    partner = selectors.partner_of(tandem, by)
    round = tandem.round
    context = {
        "name": partner.get_full_name(),
        "partner": by.get_full_name(),
        "round": round.name,
        "organisation": round.programme.organisation.name,
        "url": selectors.workspace_url(tandem),
    }
    if meeting is not None:
        context |= {
            "when": selectors.local_datetime(meeting.starts_at, partner),
            "time_zone": selectors.zone_of(partner).key,
            "minutes": meeting.duration_minutes,
            "url": selectors.meeting_url(meeting),
        }
    queue_mail(
        key=key,
        to=partner.email,
        recipient=partner,
        round=round,
        context=context,
        review=False,
        # The partner's file (date, length, video link; never the agenda), as on the page.
        calendar=(lambda: meeting_ics(meeting, partner)) if meeting is not None else None,
    )


# --- erasure and retention (called from personal_data.py) -----------------------------


def _blank_texts(tandems, *, dry_run: bool = False, polls: bool = True) -> dict[str, int]:
    """Blank what the two wrote together in these tandems: the agreement's text and
    channel, the goals' texts, the meetings' agendas and video links (and the date polls'
    notes). Nobody records which of the two wrote which, so both lose it; the tandem, its
    meetings with dates and lengths, the goals' progress and the time spent stay."""
    targets = {
        "agreements_blanked": (
            Agreement.objects.filter(tandem__in=tandems).filter(~Q(goals="") | ~Q(channel="")),
            {"goals": "", "channel": ""},
        ),
        "goals_blanked": (Goal.objects.filter(tandem__in=tandems).exclude(text=""), {"text": ""}),
        "agendas_blanked": (
            Meeting.objects.filter(tandem__in=tandems).filter(~Q(agenda="") | ~Q(video_url="")),
            {"agenda": "", "video_url": ""},
        ),
    }
    if polls:
        targets["poll_notes_blanked"] = (
            DatePoll.objects.filter(tandem__in=tandems).exclude(note=""),
            {"note": ""},
        )
    return {
        key: rows.count() if dry_run else rows.update(**values)
        for key, (rows, values) in targets.items()
    }


def _deleted(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@transaction.atomic
def erase_member(*, person) -> dict[str, int]:
    """An erased person's words leave their tandems; the partner's own notes stay.

    The person's notes and date-poll answers go, the texts the two share are blanked
    (see ``_blank_texts``), and the secret calendar address goes: nobody may read the
    erased person's meetings through it. No audit entry here: the erasure writes one.
    """
    tandems = Tandem.objects.filter(Q(mentor=person) | Q(mentee=person)).select_for_update()
    counts = _blank_texts(list(tandems.values_list("pk", flat=True)))
    counts["meeting_notes"] = _deleted(Note.objects.filter(author=person))
    counts["date_poll_answers"] = _deleted(DateVote.objects.filter(person=person))
    counts["goal_reflections"] = _deleted(GoalReflection.objects.filter(author=person))
    # The reason for an early end is the person's own words: it goes, the category stays
    # for the round's counts.
    counts["early_end_reasons"] = (
        EarlyEnd.objects.filter(ended_by=person).exclude(reason="").update(reason="")
    )
    CalendarFeed.objects.filter(person=person).delete()
    return counts


@transaction.atomic
def expire_tandem_texts(*, programme_round, dry_run: bool = False) -> dict[str, int]:
    """Retention of the tandem texts of a round that ended long enough ago: the notes and
    date polls go, the shared texts are blanked; the round's figures (tandems, meetings
    with their dates and lengths, goals' progress, time spent) stay."""
    tandems = list(Tandem.objects.filter(round=programme_round).values_list("pk", flat=True))
    notes = Note.objects.filter(meeting__tandem__in=tandems)
    polls = DatePoll.objects.filter(tandem__in=tandems)
    reflections = GoalReflection.objects.filter(goal__tandem__in=tandems)
    reasons = EarlyEnd.objects.filter(tandem__in=tandems).exclude(reason="")
    counts = {
        "meeting_notes": notes.count(),
        "date_polls": polls.count(),
        "goal_reflections": reflections.count(),
        "early_end_reasons": reasons.count(),
    }
    counts.update(_blank_texts(tandems, dry_run=dry_run, polls=False))
    if not dry_run:
        notes.delete()
        polls.delete()
        reflections.delete()
        reasons.update(reason="")
    return counts
